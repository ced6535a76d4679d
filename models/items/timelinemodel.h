#pragma once

#include "asyncquery.h"
#include "corpuscube.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace entente {

class Store;
class StoreSession;

// What the Timeline chart shows: one row per year, from the first to the last year in which
// the store has a dated article (never an empty century before it), with the articles that
// mention the focused entity and its relations by tone (the whole corpus with no focus).
// Undated articles are never placed in a year; undatedCount() counts them apart. With a search
// (setSearch(), an FTS5 query as the Articles list takes it), SearchColumn counts the articles of
// each year that match it, in the whole corpus, to set beside the focus's own.
//
//     TimelineModel model;
//     model.setSession(session);
//     model.setFocus(QStringLiteral("country"), QStringLiteral("CHN"));
class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Relation columns first and side by side, for a QVBarModelMapper over
    // CooperationColumn..NeutralColumn (neutral includes mixed); with a partner (setPartner()), over
    // CooperationColumn..BackNeutralColumn: A → B above the axis, B → A below it (negative counts).
    enum Column {
        YearColumn,
        CooperationColumn,
        ConflictColumn,
        NeutralColumn,
        BackCooperationColumn,
        BackConflictColumn,
        BackNeutralColumn,
        ArticlesColumn,
        SearchColumn,
        ColumnCount
    };
    enum Role { YearRole = Qt::UserRole + 1 };

    explicit TimelineModel(QObject *parent = nullptr);
    ~TimelineModel() override;

    // Reads the session's store (this thread's connection); none empties the model. False when the store
    // cannot be read.
    bool setSession(std::shared_ptr<StoreSession> session);
    // kind and key as the entities table has them; an empty key: the whole corpus.
    void setFocus(const QString &kind, const QString &key);
    // A second country (or organisation): the relation columns count only the relations between the focus (A) and
    // it (B), A → B (A as the relation's first party) in CooperationColumn..NeutralColumn and B → A in the Back
    // columns, as negative numbers so that a stacked bar chart draws them below the axis. Empty: no partner.
    void setPartner(const QString &code);
    [[nodiscard]] QString partner() const { return m_partner; }
    // An empty query: no search (SearchColumn is 0). A query FTS5 cannot parse counts nothing.
    void setSearch(const QString &query);
    [[nodiscard]] QString search() const { return m_search; }
    void reload();
    // The worker's requests (the counts are read there): busyChanged() while an answer is on its way, answered()
    // once it is in the rows.
    [[nodiscard]] AsyncQuery *query() const { return m_query; }
    [[nodiscard]] bool isBusy() const { return m_query->isBusy(); }

    [[nodiscard]] int undatedCount() const { return m_undated; }
    [[nodiscard]] int firstYear() const { return m_rows.isEmpty() ? 0 : m_rows.first().year; }
    [[nodiscard]] int lastYear() const { return m_rows.isEmpty() ? 0 : m_rows.last().year; }
    [[nodiscard]] int year(int row) const;
    [[nodiscard]] int rowOfYear(int year) const;
    [[nodiscard]] QString focusKey() const { return m_key; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    [[nodiscard]] QString toCsv() const;

private:
    struct Row
    {
        int year = 0;
        int articles = 0;
        int cooperation = 0;
        int conflict = 0;
        int neutral = 0;
        int search = 0; // articles that match m_search
        int backCooperation = 0; // B -> A, with a partner
        int backConflict = 0;
        int backNeutral = 0;
    };
    // Everything reload() reads, into this model's members: a worker runs it on a model of its own.
    void compute(const CorpusCube *cube);
    void querySql();
    void queryCube(const CorpusCube &cube);
    void querySearch();
    void queryPair();
    [[nodiscard]] Row *rowOf(int year);

    std::shared_ptr<StoreSession> m_session;
    const Store *m_store = nullptr; // m_session's connection for this thread
    CorpusCubeLink m_cube;
    QList<Row> m_rows;
    QString m_kind;
    QString m_key;
    QString m_search;
    QString m_partner;
    int m_undated = 0;
    // The corpus' year span, read once per store: it does not change with the focus.
    int m_corpusFirst = 0;
    int m_corpusLast = 0;
    AsyncQuery *m_query = nullptr;
};

} // namespace entente

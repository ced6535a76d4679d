#pragma once

#include "asyncquery.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <memory>

namespace entente {

class Store;
class StoreSession;

// The Evidence list behind a bar of the Relations chart: every stored relation between two
// parties (either way round), newest first, with its date, article title, sentence (cue words
// marked in SentenceHtmlRole) and tone. Double-clicking a row opens the article at
// SentenceStartRole (a code point offset, as the store keeps it).
class EvidenceModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { DateColumn, ArticleColumn, SentenceColumn, ToneColumn, ColumnCount };
    enum Role {
        ArticleIdRole = Qt::UserRole + 1,
        SentenceStartRole, // code points into the article text
        SentenceEndRole,
        SentenceHtmlRole, // the sentence as rich text, cue words in <b>
        ToneRole,
        CuesRole, // QStringList
        SentenceTextRole, // the sentence as plain text
        // The sentence as a report cites it: “sentence” — title, source, date (what the article has of them).
        CitationRole,
        // The relation's parties as stored (what an edit of it names).
        PartyARole,
        PartyBRole,
    };

    explicit EvidenceModel(QObject *parent = nullptr);
    ~EvidenceModel() override;

    // Reads the session's store (this thread's connection); none empties the model. False when the store
    // cannot be read.
    bool setSession(std::shared_ptr<StoreSession> session);
    // The pair whose relations to list; empty codes empty the list.
    void setPair(const QString &a, const QString &b);
    void setYearRange(int from, int to);
    void reload();
    // The worker's requests: busyChanged() while an answer is on its way, answered() once it is in the rows.
    [[nodiscard]] AsyncQuery *query() const { return m_query; }
    [[nodiscard]] bool isBusy() const { return m_query->isBusy(); }

    [[nodiscard]] QString pairA() const { return m_a; }
    [[nodiscard]] QString pairB() const { return m_b; }
    // The list is capped; this is how many relations the pair has in all.
    [[nodiscard]] int totalCount() const { return m_total; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        qint64 article = 0;
        QString date;
        QString title;
        QString source;
        QString sentence;
        QString html;
        QString tone;
        QStringList cues;
        qint64 start = 0;
        qint64 end = 0;
        double goldstein = 0;
        QString cameo;
        bool directed = false;
        QString a;
        QString b;
    };
    // The rows of the pair into m_rows and m_total: a worker runs it on a model of its own.
    void compute();

    std::shared_ptr<StoreSession> m_session;
    const Store *m_store = nullptr; // m_session's connection for this thread
    QList<Row> m_rows;
    QString m_a;
    QString m_b;
    int m_yearFrom = 0;
    int m_yearTo = 0;
    int m_total = 0;
    AsyncQuery *m_query = nullptr;
};

} // namespace entente

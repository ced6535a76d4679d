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

// What the Relations chart shows: for a focused country, one row per partner with its relation
// counts by tone and its Goldstein sum; with no focus, one row per country pair, the strongest
// of the corpus. Rows are the top N by weight (relation count, or |Goldstein sum| when the
// chart shows Goldstein), strongest first. Columns are laid out for a QVBarModelMapper: the
// tone counts side by side, so that a mapper over CooperationColumn..MixedColumn gives one bar
// set per tone.
//
//     RelationPartnersModel model;
//     model.setSession(session);
//     model.setFocusCountry(QStringLiteral("CHN"));
class RelationPartnersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        CooperationColumn,
        ConflictColumn,
        NeutralColumn,
        MixedColumn,
        // The Goldstein sum split by sign, for a stacked bar that grows right for cooperative
        // and left for hostile relations.
        GoldsteinPositiveColumn,
        GoldsteinNegativeColumn,
        GoldsteinColumn,
        TotalColumn,
        ColumnCount
    };
    // ACodeRole/BCodeRole: the pair a row stands for (the focus and its partner, or the corpus pair).
    // OrganisationRole: true when the row's partner (or either side of a pair) is an organisation, not a country.
    enum Role {
        ACodeRole = Qt::UserRole + 1,
        BCodeRole,
        PartnerCodeRole,
        RankRole /* 0: strongest */,
        OrganisationRole
    };
    // All: every relation of the pair; Outgoing: directed relations the focus (or A) acts in;
    // Incoming: directed relations acting on the focus (or B).
    enum class Direction { All, Outgoing, Incoming };
    enum class Measure { Counts, Goldstein };

    explicit RelationPartnersModel(QObject *parent = nullptr);
    ~RelationPartnersModel() override;

    // Reads the session's store (this thread's connection); none empties the model. False when the store
    // cannot be read.
    bool setSession(std::shared_ptr<StoreSession> session);
    // An ISO alpha-3 code (or an organisation id); empty: the strongest pairs of the corpus.
    void setFocusCountry(const QString &code);
    void setDirection(Direction direction);
    void setMeasure(Measure measure);
    void setLimit(int limit);
    void setYearRange(int from, int to); // 0, 0: every year
    // Organisations as partners (the UN, NATO, ...) or countries only; the top N is taken after the choice.
    void setOrganisationsShown(bool shown);
    void reload();

    [[nodiscard]] QString focusCountry() const { return m_p.focus; }
    [[nodiscard]] Direction direction() const { return m_p.direction; }
    [[nodiscard]] Measure measure() const { return m_p.measure; }
    [[nodiscard]] int limit() const { return m_p.limit; }
    [[nodiscard]] bool organisationsShown() const { return m_p.organisations; }
    // The worker's requests: busyChanged() while an answer is on its way, answered() once it is in the rows.
    [[nodiscard]] AsyncQuery *query() const { return m_query; }
    [[nodiscard]] bool isBusy() const { return m_query->isBusy(); }
    [[nodiscard]] bool isOrganisation(int row) const;
    [[nodiscard]] QString pairA(int row) const;
    [[nodiscard]] QString pairB(int row) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The rows as CSV (a header line, then one line per row), for chart export.
    [[nodiscard]] QString toCsv() const;

private:
    struct Row
    {
        QString a;
        QString b;
        QString name;
        int cooperation = 0;
        int conflict = 0;
        int neutral = 0;
        int mixed = 0;
        double goldstein = 0;
        double positive = 0;
        double negative = 0;
        [[nodiscard]] int total() const { return cooperation + conflict + neutral + mixed; }
    };
    // What the rows depend on, copied for a worker.
    struct Params
    {
        QString focus;
        Direction direction = Direction::All;
        Measure measure = Measure::Counts;
        int limit = 10;
        int yearFrom = 0;
        int yearTo = 0;
        bool organisations = true;
    };
    struct Answer
    {
        QList<Row> rows;
        std::shared_ptr<const CorpusCube> cube; // the cube a worker waited for, kept by the model
    };
    // Thread-safe, as everything below: all they read is their arguments.
    // The row's partner (or, for a pair, either side) is an organisation.
    [[nodiscard]] static bool involvesOrganisation(const Params &p, const Row &r);
    // The rows, ranked and named: from the cube when there is one, else SQL.
    [[nodiscard]] static QList<Row> ask(const Store &store, const Params &p, const CorpusCube *cube);
    // The rows of every pair, unranked and unnamed.
    [[nodiscard]] static QList<Row> querySql(const Store &store, const Params &p);
    // The top N rows, ranked, unnamed: from the store's cube instead of SQL.
    [[nodiscard]] static QList<Row> queryCube(const Params &p, const CorpusCube &cube);
    static void rank(const Params &p, QList<Row> &rows);

    std::shared_ptr<StoreSession> m_session;
    const Store *m_store = nullptr; // m_session's connection for this thread
    CorpusCubeLink m_cube;
    QList<Row> m_rows;
    Params m_p;
    AsyncQuery *m_query = nullptr;
};

} // namespace entente

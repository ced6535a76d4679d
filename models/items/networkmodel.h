#pragma once

#include "asyncquery.h"
#include "corpuscube.h"
#include "networkfilter.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <memory>

namespace entente {

class Store;
class StoreSession;

// What the Network pane draws: the top N countries (and organisations, if asked) by mentions as
// nodes (one row each, most mentioned first) and the relations among them as edges, under a
// NetworkFilter (tone, years, minimum weight and degree); the nodes' communities (Louvain on the
// weighted edges, 0 the largest); and a layout computed here so that the same store always
// gives the same picture: a force layout with a fixed number of iterations from a circle ordered
// by code, no randomness. The layout is kept: when the filter or the years change, the nodes
// that stay keep their places and only new ones are placed, near their neighbours, until
// resetLayout() or another store.
class NetworkModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { CodeColumn, NameColumn, MentionsColumn, ColumnCount };
    enum Role { CodeRole = Qt::UserRole + 1, PositionRole, DegreeRole, CommunityRole, KindRole };

    struct Edge
    {
        int from = 0; // rows
        int to = 0;
        int count = 0; // relations (of the filter's tone, when it is one)
        int weight = 0; // under the filter's tone: see NetworkFilter::weight()
        double tone = 0; // the colour's tone in [-1, 1]; see NetworkFilter::Tone
        int cooperation = 0;
        int conflict = 0;
        double goldstein = 0;
        // Among the strongest few of either end, or of the whole network: what the view draws
        // when nothing is focused and what pulls nodes together in the layout. With 40
        // countries nearly every pair has some relation, and drawing (or pulling on) all of
        // them turns the centre into one knot.
        bool backbone = false;
        // Net tone in [-1, 1]: Goldstein sum over 10 per relation (the scale's bound).
        [[nodiscard]] double netTone() const { return count ? goldstein / (10.0 * count) : 0.0; }
    };

    explicit NetworkModel(QObject *parent = nullptr);
    ~NetworkModel() override;

    // Reads the session's store (this thread's connection); none empties the model. False when the store
    // cannot be read.
    bool setSession(std::shared_ptr<StoreSession> session);
    // The same store grew (an import) or was corrected (an edit): counted again, the nodes already placed kept where
    // they are, so that the picture the user knows does not move.
    void refresh();
    void setLimit(int limit);
    void setYearRange(int from, int to);
    // Tone, organisations, minimum weight and degree (the limit and the years are set above).
    void setFilter(const NetworkFilter &filter);
    void reload();
    // Forgets the kept places: the next reload lays the network out afresh.
    void resetLayout();
    // The worker's requests (the counts, the communities and the layout are worked out there): busyChanged() while an
    // answer is on its way, answered() once it is in the rows.
    [[nodiscard]] AsyncQuery *query() const { return m_query; }
    [[nodiscard]] bool isBusy() const { return m_query->isBusy(); }

    [[nodiscard]] int limit() const { return m_limit; }
    // The whole filter, with the limit and the years: what an export of this network uses.
    [[nodiscard]] NetworkFilter filter() const;
    [[nodiscard]] const QList<Edge> &edges() const { return m_edges; }
    // Node position: in [-1, 1] x [-1, 1] when laid out afresh; nodes placed later may lie a little outside.
    [[nodiscard]] QPointF position(int row) const;
    // Every place given since the last layout afresh, the nodes shown now or not: what a view fits, so that
    // the nodes that stay do not move on the screen either when others come and go.
    [[nodiscard]] QRectF layoutBounds() const;
    [[nodiscard]] QString code(int row) const;
    [[nodiscard]] int mentions(int row) const;
    [[nodiscard]] int rowOfCode(const QString &code) const;
    [[nodiscard]] int degree(int row) const;
    [[nodiscard]] bool isOrganisation(int row) const;
    // The row's community, 0 the largest; -1 for none.
    [[nodiscard]] int community(int row) const;
    [[nodiscard]] int communityCount() const { return m_communityCount; }
    // A community's most-mentioned node, which names it ("China's").
    [[nodiscard]] int communityLead(int community) const;
    [[nodiscard]] int communitySize(int community) const;
    // The node with the most edges (ties: the most mentioned): its name is always shown. -1 for none.
    [[nodiscard]] int hubRow() const;
    // The most-mentioned country of the store (under the year range); empty when none.
    [[nodiscard]] QString topCountry() const { return code(0); }
    // The same for `store`, without a model: what a window focuses when it opens a store, before
    // its panes read it (so that each reads it once, for that focus). Empty for none.
    [[nodiscard]] static QString mostMentionedCountry(const Store *store);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Edges as CSV, with both ends' names and mentions.
    [[nodiscard]] QString toCsv() const;

private:
    struct Node
    {
        QString code;
        QString name;
        int mentions = 0;
        bool organisation = false;
        QPointF pos;
        int degree = 0;
        int community = -1;
    };
    // Everything reload() works out, on this model's members: a worker runs it on a model of its own.
    void compute(const CorpusCube *cube);
    void applyFilter();
    void findCommunities();
    void fullLayout();
    void placeNew(const std::vector<char> &known);
    void querySql();
    void queryCube(const CorpusCube &cube);
    void markBackbone();
    void layout();

    std::shared_ptr<StoreSession> m_session;
    const Store *m_store = nullptr; // m_session's connection for this thread
    CorpusCubeLink m_cube;
    QList<Node> m_nodes;
    QList<Edge> m_edges;
    int m_limit = 40;
    int m_yearFrom = 0;
    int m_yearTo = 0;
    NetworkFilter m_filter; // tone, organisations, minima; its limit and years are the members above
    int m_communityCount = 0;
    QHash<QString, QPointF> m_placed; // every node's place since the last layout afresh
    AsyncQuery *m_query = nullptr;
};

} // namespace entente

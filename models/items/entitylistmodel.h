#pragma once

#include "asyncquery.h"
#include "corpuscube.h"
#include "selection.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QString>

#include <memory>

namespace entente {

class Store;
class StoreSession;

// The entities of a store as a two-level tree, kind → entity (countries, people,
// organisations, places, regions, events, money), with how often each is mentioned and in
// how many articles, counted under a year range and, optionally, a full-text query. Top rows
// are the kinds, always present and in that order; their counts are the sums below them.
//
// The counts are read on a worker (query()): a filter or a comparison changes the rows when the answer comes back,
// and the rows of the question before stay until then.
//
//     model->setSession(session);
//     model->setFilter(1990, 1999, {});
//     QModelIndex china = model->indexOf({QStringLiteral("country"), QStringLiteral("CHN")});
class EntityListModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, MentionsColumn, ArticlesColumn, ColumnCount };
    // Under a comparison (setComparison()): WithARole and WithBRole, in how many articles an entity is mentioned with
    // A and with B; SideRole, a Side.
    enum Role {
        KindRole = Qt::UserRole + 1,
        KeyRole,
        CountryRole,
        FilterTextRole,
        IsKindRole,
        WithARole,
        WithBRole,
        SideRole
    };
    // Which of the two compared entities an entity is mentioned with (in the same article), under the year range.
    enum Side { NeitherSide = 0, OnlyA = 1, OnlyB = 2, BothSides = 3 };

    explicit EntityListModel(QObject *parent = nullptr);
    ~EntityListModel() override;

    // The kinds shown, in order, and their titles ("Countries").
    [[nodiscard]] static QStringList kinds();
    [[nodiscard]] static QString kindTitle(const QString &kind);

    // Reads the session's store (this thread's connection); none empties the model. False when the store
    // cannot be read.
    bool setSession(std::shared_ptr<StoreSession> session);
    // Counts again after an import added to the store: new entities are inserted (beginInsertRows) where they sort,
    // the others keep their rows and get their new counts (dataChanged), so that a view keeps its selection and what
    // it has expanded. Only when an entity went away (not what an import does) is the model reset.
    void refresh();
    // yearFrom 0: every year; yearTo 0 with yearFrom set: from yearFrom on. A text query that
    // FTS5 cannot parse is ignored (the Articles pane reports it).
    void setFilter(int yearFrom, int yearTo, const QString &textQuery);

    // Compares two entities (the focus and the Selection's comparison country): every entity's articles with each,
    // as WithARole, WithBRole and SideRole. Null entities: no comparison. Counted again as the year range changes.
    void setComparison(const EntityRef &a, const EntityRef &b);
    [[nodiscard]] bool hasComparison() const { return !m_compareA.isNull() && !m_compareB.isNull(); }
    // How many entities are mentioned only with A, only with B, with both (the two compared themselves left out).
    [[nodiscard]] int sideCount(Side side) const;

    // The worker's requests: busyChanged() while an answer is on its way, answered() once it is in the rows.
    [[nodiscard]] AsyncQuery *query() const { return m_query; }
    [[nodiscard]] bool isBusy() const { return m_query->isBusy(); }

    // Whether the entity at `left` comes before the one at `right` (two entities of one kind) in their column's
    // ascending order, as QSortFilterProxyModel::lessThan() compares the display data, without making QVariants: a
    // sorting proxy asks it some hundred thousand times when a large store's entities come in.
    [[nodiscard]] bool lessThan(const QModelIndex &left, const QModelIndex &right, Qt::CaseSensitivity cs) const;

    [[nodiscard]] QModelIndex indexOf(const EntityRef &entity, int column = NameColumn) const;
    [[nodiscard]] EntityRef entityAt(const QModelIndex &index) const;

    [[nodiscard]] QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Entity
    {
        QString key;
        QString name;
        QString country;
        int mentions = 0;
        int articles = 0;
    };
    struct Group
    {
        QString kind;
        QList<Entity> entities;
        qint64 mentions = 0;
        qint64 articles = 0; // summed over entities: an article with two countries counts twice
    };
    struct With
    {
        int a = 0;
        int b = 0;
    };
    // What the counts depend on, copied for a worker.
    struct Question
    {
        int yearFrom = 0;
        int yearTo = 0;
        QString textQuery;
        EntityRef compareA;
        EntityRef compareB;
    };
    struct Answer
    {
        QList<Group> groups;
        QHash<QString, With> with;
        std::shared_ptr<const CorpusCube> cube; // the cube a worker waited for, kept by the model
    };
    // How an answer reaches the views: only roles changed (a comparison), rows were added (an import), or anything.
    enum class Delivery { Roles, Growth, Reset };

    // Asks again, on a worker; `delivery` the least the answer may change.
    void requery(Delivery delivery);
    void deliver(Answer answer, Delivery delivery);
    void applyGrowth(const QList<Group> &fresh);
    [[nodiscard]] Question question() const;
    // Thread-safe: all they read is their arguments.
    [[nodiscard]] static QList<Group> emptyGroups();
    static void querySql(const Store &store, const Question &question, QList<Group> &groups);
    static void queryCube(const CorpusCube &cube, const Question &question, QList<Group> &groups);
    static void append(QList<Group> &groups, qsizetype group, Entity entity);
    [[nodiscard]] static QHash<QString, With> queryComparison(const Store &store, const Question &question);
    // An entity's key in m_with.
    [[nodiscard]] static QString withKey(const QString &kind, const QString &key) { return kind + u'\x1f' + key; }

    std::shared_ptr<StoreSession> m_session;
    const Store *m_store = nullptr; // m_session's connection for this thread
    CorpusCubeLink m_cube;
    QList<Group> m_groups;
    int m_yearFrom = 0;
    int m_yearTo = 0;
    QString m_textQuery;
    EntityRef m_compareA;
    EntityRef m_compareB;
    QHash<QString, With> m_with; // by withKey(): articles with A, with B
    AsyncQuery *m_query = nullptr;
    Delivery m_pending = Delivery::Roles; // the most the requests on their way must tell the views
};

} // namespace entente

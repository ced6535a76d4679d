#pragma once

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <span>
#include <vector>

struct sqlite3;
class QSqlDatabase;

namespace entente {

class Store;

// An in-memory aggregate of a store, for the chart and entity models' corpus-wide and
// year-range questions, which SQL answers in a few hundred milliseconds on a big store (every
// relation or mention of the years is read) and a loop over these cells in a millisecond or two:
//
// - relation cells: relations counted per (a, b, tone, directed, year), with their Goldstein
//   sums, sorted by a (each code's cells are one contiguous range) with an index by b;
// - mention cells: mentions and distinct articles per (entity, year); distinct articles add up
//   over years because every article has one year;
// - the entities, and the articles per year.
//
// Years are stored as they are, NULL ("undated") as 0. A cube is immutable once loaded and
// shared between threads and models; there is one per store (per content: see Stamp), kept in a
// process-wide registry (the models reach it through a CorpusCubeLink):
//
//     CorpusCube::prefetch(path); // when a window opens a store, or an import into it ends
//     ...
//     const CorpusCube::Stamp stamp = CorpusCube::readStamp(sqliteHandle(store.database()));
//     std::shared_ptr<const CorpusCube> cube = CorpusCube::get(path, stamp); // waits for that load
class CorpusCube
{
public:
    // Tones as the relations table spells them; anything else counts as neutral, as the models
    // have always counted it.
    enum Tone : quint8 { Cooperation, Conflict, Neutral, Mixed, ToneCount };

    // What tells a loaded cube from the store it came from: imports only add rows, so these grow
    // with every import (and with a re-extraction, whose rows get new ids); edits count their own. Cheap to read: the
    // maxima come from the rowid b-trees, the count from the smallest index of articles.
    struct Stamp
    {
        qint64 articles = 0;
        qint64 maxArticle = 0;
        qint64 maxRelation = 0;
        qint64 maxMention = 0;
        qint64 maxEntity = 0;
        // EditLog's generation: an edit or its undo rewrites rows (UPDATE, DELETE, INSERT of a row put back)
        // without changing the maxima above, and bumps this.
        qint64 edits = 0;
        bool operator==(const Stamp &) const = default;
        // Every field at least `other`'s: a store that is `other` or later.
        [[nodiscard]] bool atLeast(const Stamp &other) const;
    };

    struct RelationCell
    {
        double goldstein = 0; // total(goldstein)
        double positive = 0; // total(max(goldstein, 0))
        double negative = 0; // total(min(goldstein, 0))
        qint32 a = 0; // code ids: indices into codes(), which are in SQLite's (BINARY) order
        qint32 b = 0;
        qint32 year = 0; // 0: undated
        qint32 count = 0;
        quint8 tone = Neutral;
        quint8 directed = 0;
    };

    struct MentionCell
    {
        qint32 entity = 0; // index into entities()
        qint32 year = 0; // 0: undated
        qint32 mentions = 0;
        qint32 articles = 0; // distinct
    };

    struct Entity
    {
        qint64 id = 0;
        qint32 kind = 0; // index into kinds()
        QString key;
        QString name;
        QString country;
    };

    // Empty and not valid: what a store that cannot be read gives.
    CorpusCube();
    ~CorpusCube();
    CorpusCube(const CorpusCube &) = delete;
    CorpusCube &operator=(const CorpusCube &) = delete;

    // Reads a cube in one read transaction on `db` (the snapshot the stamp describes). Never
    // null; an invalid cube when the store cannot be read.
    [[nodiscard]] static std::shared_ptr<const CorpusCube> load(sqlite3 *db);
    // The same on a server store's connection (Store::openServer()): the server groups the rows into cells.
    [[nodiscard]] static std::shared_ptr<const CorpusCube> load(const QSqlDatabase &db);
    // The same on a read-only connection of its own (a store file or a server's URL), opened and closed in the
    // calling thread.
    [[nodiscard]] static std::shared_ptr<const CorpusCube> load(const QString &path);
    // The stamp of the store as `db` sees it now; all zero when it cannot be read.
    [[nodiscard]] static Stamp readStamp(sqlite3 *db);
    // The same on `store`'s connection; all zero for none.
    [[nodiscard]] static Stamp readStamp(const Store *store);

    // The registry, keyed by the store's file. get() returns the cube of `path` whose stamp is
    // `stamp` (or later): the one loaded already, or the one a prefetch() is loading (waited for, not
    // repeated), or one it loads in the calling thread. Never null.
    [[nodiscard]] static std::shared_ptr<const CorpusCube> get(const QString &path, const Stamp &stamp);
    // The cube of `path` with `stamp` (or a later one) if it is loaded; else null. Never waits.
    [[nodiscard]] static std::shared_ptr<const CorpusCube> peek(const QString &path, const Stamp &stamp);
    // Starts loading the cube of `path` in the background (QThreadPool::globalInstance(), on a
    // connection of its own), unless one is under way; a cube that is still current is kept.
    static void prefetch(const QString &path);
    // How many cubes have been read from a store since the process started, for tests.
    [[nodiscard]] static int loadCount();
    // false: models take their SQL path, as before the cube existed; for tests and benchmarks
    // that compare both.
    static void setEnabled(bool enabled);
    [[nodiscard]] static bool isEnabled();

    [[nodiscard]] bool isValid() const { return m_valid; }
    [[nodiscard]] Stamp stamp() const { return m_stamp; }

    // Relation parties (alpha-3 codes, organisation ids), in SQLite's BINARY order of the
    // stored text (UTF-8 bytes, which is code point order): min(a, b) in SQL is min of ids here.
    [[nodiscard]] const QStringList &codes() const { return m_codes; }
    [[nodiscard]] int codeId(const QString &code) const { return m_codeIds.value(code, -1); }
    [[nodiscard]] const std::vector<RelationCell> &relationCells() const { return m_cells; }
    // The cells whose a is `code`, sorted by b.
    [[nodiscard]] std::span<const RelationCell> cellsOfA(int code) const;
    // Indices into relationCells() of the cells whose b is `code`, sorted by a.
    [[nodiscard]] std::span<const qint32> cellsOfB(int code) const;

    [[nodiscard]] const QStringList &kinds() const { return m_kinds; }
    // In the order of their ids, as SQL groups them.
    [[nodiscard]] const std::vector<Entity> &entities() const { return m_entities; }
    [[nodiscard]] int entityIndex(const QString &kind, const QString &key) const;
    // Sorted by entity, then year.
    [[nodiscard]] const std::vector<MentionCell> &mentionCells() const { return m_mentions; }
    [[nodiscard]] std::span<const MentionCell> mentionsOf(int entity) const;
    // Articles per year (0: undated), by year.
    [[nodiscard]] const QList<std::pair<int, int>> &articlesPerYear() const { return m_articlesPerYear; }

    // A year passes a model's year range: `from` 0 passes every year, undated ones too; else
    // `from` <= year <= `to` (0: no upper bound), as "year BETWEEN ? AND ?" with 9999 for none.
    [[nodiscard]] static bool inRange(int year, int from, int to)
    {
        return from == 0 || (year != 0 && year >= from && year <= (to != 0 ? to : 9999));
    }
    // QString comparison in SQLite's BINARY order (code points, as UTF-8 bytes compare), which
    // differs from operator< (UTF-16 units) for characters past U+FFFF.
    [[nodiscard]] static bool binaryLess(QStringView a, QStringView b);

private:
    class IdMap;
    bool read(sqlite3 *db);
    void addEntity(qint64 id, const QString &kind, QString key, const QString &name, QString country);
    [[nodiscard]] IdMap indexEntities();
    bool readRelations(sqlite3 *db);
    bool readServer(const QSqlDatabase &db);
    void finishMentions();
    void finishRelations(const QList<QByteArray> &utf8);

    bool m_valid = false;
    Stamp m_stamp;
    QStringList m_codes;
    QHash<QString, int> m_codeIds;
    std::vector<RelationCell> m_cells;
    std::vector<qint32> m_aBegin; // codes + 1 offsets into m_cells
    std::vector<qint32> m_byB; // cell indices sorted by (b, a)
    std::vector<qint32> m_bBegin; // codes + 1 offsets into m_byB
    QStringList m_kinds;
    std::vector<Entity> m_entities;
    QHash<std::pair<qint32, QString>, qint32> m_entityIndex; // (kind, key): the keys share the entities' text
    std::vector<MentionCell> m_mentions;
    std::vector<qint32> m_mentionBegin; // entities + 1 offsets into m_mentions
    QList<std::pair<int, int>> m_articlesPerYear;
};

// What an import added to the open store, as the store's stamps before it and after it. The window sends it to the
// panes, whose models insert the rows that are new and refresh their counts instead of reading the store again.
//
//     const StoreGrowth growth { before, CorpusCube::readStamp(session->reader()) };
//     if (growth.grew()) articles->refresh();
struct StoreGrowth
{
    CorpusCube::Stamp before;
    CorpusCube::Stamp after;
    [[nodiscard]] bool grew() const { return !(after == before); }
    [[nodiscard]] bool articlesGrew() const
    {
        return after.articles != before.articles || after.maxArticle != before.maxArticle;
    }
};

// What an item model keeps of the registry: the stamp its own connection saw when it opened
// the store, and the cube once it has asked for one. It asks the registry once per store
// opening, so that a store written to meanwhile (an import under way) is not loaded again and
// again; a model opens its link again when an import ends (see StoreGrowth).
class CorpusCubeLink
{
public:
    // Reads the stamp on `store`'s connection; null: no store.
    void open(const Store *store);
    void reset();
    // The cube if it is loaded, else null (and a background load begins): for the questions SQL
    // answers fast enough, where waiting for a load would only delay the first answer.
    [[nodiscard]] const CorpusCube *ifReady();
    // The cube, waiting for a load under way or loading it here: for the questions SQL answers
    // slowly. Null when the cube is disabled or the store could not be read: then ask SQL. On a server store, whose
    // cube the server takes a while to group, the same as ifReady(): SQL answers until the cube is loaded.
    [[nodiscard]] const CorpusCube *wait();
    // wait() for a worker thread: a function that any thread may call, which gives the cube (waiting for its load,
    // or loading it in that thread) or null where wait() would. The model adopt()s what it gave, back in its thread.
    [[nodiscard]] std::function<std::shared_ptr<const CorpusCube>()> waiter() const;
    void adopt(std::shared_ptr<const CorpusCube> cube);

private:
    const CorpusCube *usable() const;

    QString m_path;
    CorpusCube::Stamp m_stamp;
    std::shared_ptr<const CorpusCube> m_cube;
    bool m_prefetched = false;
    bool m_server = false; // a server store's: never waited for
};

} // namespace entente

Q_DECLARE_METATYPE(entente::StoreGrowth)

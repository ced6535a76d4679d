#include "corpuscube.h"

#include "pgstore.h"
#include "sqlitestatement.h"
#include "store.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <mutex>
#include <numeric>

namespace entente {

namespace {

// A prepared statement for one pass over a result; finalized however the pass ends.
class Query
{
public:
    Query(sqlite3 *db, const char *sql) { m_ok = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) == SQLITE_OK; }
    ~Query() { sqlite3_finalize(m_stmt); }
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;

    [[nodiscard]] bool ok() const { return m_ok; }
    // true with a row; false at the end, or on an error (then ok() turns false).
    bool next()
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        m_ok = rc == SQLITE_DONE;
        return false;
    }
    [[nodiscard]] qint64 int64(int column) const { return sqlite3_column_int64(m_stmt, column); }
    [[nodiscard]] double real(int column) const { return sqlite3_column_double(m_stmt, column); }
    [[nodiscard]] bool isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    // The UTF-8 bytes of a text column, valid until the next step.
    [[nodiscard]] QByteArrayView utf8(int column) const
    {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
        return { data, sqlite3_column_bytes(m_stmt, column) }; // bytes after text: the documented order
    }
    [[nodiscard]] QString text(int column) const
    {
        const QByteArrayView bytes = utf8(column);
        return QString::fromUtf8(bytes.data(), bytes.size());
    }

private:
    sqlite3_stmt *m_stmt = nullptr;
    bool m_ok = false;
};

quint8 toneOf(QByteArrayView tone)
{
    if (tone == "cooperation")
        return CorpusCube::Cooperation;
    if (tone == "conflict")
        return CorpusCube::Conflict;
    if (tone == "mixed")
        return CorpusCube::Mixed;
    return CorpusCube::Neutral;
}

// A read-only connection of the loader's own. Its page cache is kept small: every page is read
// once, in index order, and the Store's usual 64 MB of cache would only stay behind in the
// heap of the thread that loaded (20 MB of index pages on the UN store).
std::unique_ptr<Store> openLoader(const QString &path, sqlite3 **db)
{
    std::unique_ptr<Store> store = Store::openReader(path);
    *db = store ? sqliteHandle(store->database()) : nullptr;
    if (*db)
        sqlite3_exec(*db, "PRAGMA cache_size = 256", nullptr, nullptr, nullptr);
    return store;
}

bool readStampOn(sqlite3 *db, CorpusCube::Stamp *stamp)
{
    Query q(db,
        "SELECT (SELECT count(*) FROM articles), (SELECT max(id) FROM articles), (SELECT max(id) FROM relations),"
        " (SELECT max(id) FROM mentions), (SELECT max(id) FROM entities)");
    if (!q.ok() || !q.next())
        return false;
    *stamp = { q.int64(0), q.int64(1), q.int64(2), q.int64(3), q.int64(4) };
    // Edits (schema 4) rewrite rows in place, changing no id and no count: their generation tells. A store of an
    // earlier schema, opened read-only and so not upgraded, has none.
    Query edits(db, "SELECT generation FROM edit_generation");
    if (edits.ok() && edits.next())
        stamp->edits = edits.int64(0);
    return true;
}

// The same on a server store's connection: an import added to it, or an edit (this window's or another's) rewrote
// rows. A store of schema 2, from before corrections on servers, has no edit_generation: its stamp counts none. (It
// is asked first, not tried: a failed statement would end the transaction a cube's load reads in.)
bool readServerStampOn(const QSqlDatabase &db, CorpusCube::Stamp *stamp)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT to_regclass('edit_generation') IS NOT NULL")) || !q.next())
        return false;
    const bool withEdits = q.value(0).toBool();
    if (!q.exec(
            QStringLiteral("SELECT (SELECT count(*) FROM articles), (SELECT coalesce(max(id), 0) FROM articles),"
                           " (SELECT coalesce(max(id), 0) FROM relations), (SELECT coalesce(max(id), 0) FROM mentions),"
                           " (SELECT coalesce(max(id), 0) FROM entities), %1")
                .arg(withEdits ? QStringLiteral("(SELECT coalesce(max(generation), 0) FROM edit_generation)")
                               : QStringLiteral("0")))
        || !q.next())
        return false;
    *stamp = { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toLongLong(),
        q.value(4).toLongLong(), q.value(5).toLongLong() };
    return true;
}

std::atomic<int> g_loads { 0 };
std::atomic<bool> g_enabled { true };

using CubePtr = std::shared_ptr<const CorpusCube>;
using CubeFuture = std::shared_future<CubePtr>;

// One store's cube: the last one loaded, and the load under way (or last done).
struct Entry
{
    CubePtr ready;
    CubeFuture pending;
    quint64 generation = 0; // of `pending`: a load finishing after a newer one began is not kept
    quint64 used = 0;
};

struct Registry
{
    std::mutex mutex;
    std::map<QString, Entry> entries;
    quint64 clock = 0;
};

Registry &registry()
{
    static Registry r;
    return r;
}

// A store open in two models under two spellings of its path is one entry.
QString registryKey(const QString &path)
{
    if (isServerStore(path))
        return path;
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

bool underWay(const CubeFuture &f)
{
    return f.valid() && f.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
}

// The entry of `key`, marked as just used. Cubes of stores no longer looked at are let go (a
// model still holding one keeps it alive); two stay, for a window switching between two stores.
Entry &touch(Registry &r, const QString &key)
{
    constexpr size_t Kept = 2;
    Entry &e = r.entries[key];
    e.used = ++r.clock;
    if (e.pending.valid() && !underWay(e.pending)) {
        // A finished load whose loader has not yet come back to record it.
        const CubePtr done = e.pending.get();
        if (!e.ready || done->stamp().atLeast(e.ready->stamp()))
            e.ready = done;
    }
    while (r.entries.size() > Kept) {
        auto oldest = r.entries.end();
        for (auto it = r.entries.begin(); it != r.entries.end(); ++it)
            if (it->first != key && !underWay(it->second.pending)
                && (oldest == r.entries.end() || it->second.used < oldest->second.used))
                oldest = it;
        if (oldest == r.entries.end())
            break;
        r.entries.erase(oldest);
    }
    return e;
}

// A new load of `key` begins: its future becomes the entry's pending one.
std::shared_ptr<std::promise<CubePtr>> beginLoad(Entry &e, quint64 *generation)
{
    auto promise = std::make_shared<std::promise<CubePtr>>();
    e.pending = promise->get_future().share();
    *generation = ++e.generation;
    return promise;
}

void finishLoad(
    const QString &key, quint64 generation, const std::shared_ptr<std::promise<CubePtr>> &promise, const CubePtr &cube)
{
    promise->set_value(cube);
    Registry &r = registry();
    const std::lock_guard lock(r.mutex);
    const auto it = r.entries.find(key);
    if (it != r.entries.end() && it->second.generation == generation)
        it->second.ready = cube;
}

} // namespace

// Row ids to dense indices: a vector when the ids are dense (INTEGER PRIMARY KEY from 1, as
// imports write them), a hash otherwise.
class CorpusCube::IdMap
{
public:
    void reserve(qint64 maxId, qint64 count)
    {
        m_dense = maxId >= 0 && maxId <= 4 * count + 1024;
        if (m_dense)
            m_vector.assign(size_t(maxId + 1), -1);
        else
            m_hash.reserve(count);
    }
    void insert(qint64 id, qint32 value)
    {
        if (!m_dense)
            m_hash.insert(id, value);
        else if (id >= 0 && id < qint64(m_vector.size()))
            m_vector[size_t(id)] = value;
    }
    [[nodiscard]] qint32 value(qint64 id) const
    {
        if (!m_dense)
            return m_hash.value(id, -1);
        return id >= 0 && id < qint64(m_vector.size()) ? m_vector[size_t(id)] : -1;
    }

private:
    bool m_dense = true;
    std::vector<qint32> m_vector;
    QHash<qint64, qint32> m_hash;
};

bool CorpusCube::Stamp::atLeast(const Stamp &other) const
{
    return articles >= other.articles && maxArticle >= other.maxArticle && maxRelation >= other.maxRelation
        && maxMention >= other.maxMention && maxEntity >= other.maxEntity && edits >= other.edits;
}

CorpusCube::CorpusCube()
    : m_aBegin(1, 0)
    , m_bBegin(1, 0)
    , m_mentionBegin(1, 0)
{ }

CorpusCube::~CorpusCube() = default;

bool CorpusCube::binaryLess(QStringView a, QStringView b)
{
    // UTF-16 order puts surrogates (U+D800..DFFF, the characters past U+FFFF) before U+E000..FFFF;
    // code point order puts them after. Moving each unit by that gap gives code point order.
    const auto fix = [](char16_t u) -> int { return u >= 0xE000 ? u - 0x800 : u >= 0xD800 ? u + 0x2000 : u; };
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t x = a[i].unicode(), y = b[i].unicode();
        if (x != y)
            return fix(x) < fix(y);
    }
    return a.size() < b.size();
}

std::span<const CorpusCube::RelationCell> CorpusCube::cellsOfA(int code) const
{
    if (code < 0 || code >= m_codes.size())
        return {};
    return std::span<const RelationCell>(m_cells).subspan(
        size_t(m_aBegin[size_t(code)]), size_t(m_aBegin[size_t(code) + 1] - m_aBegin[size_t(code)]));
}

std::span<const qint32> CorpusCube::cellsOfB(int code) const
{
    if (code < 0 || code >= m_codes.size())
        return {};
    return std::span<const qint32>(m_byB).subspan(
        size_t(m_bBegin[size_t(code)]), size_t(m_bBegin[size_t(code) + 1] - m_bBegin[size_t(code)]));
}

int CorpusCube::entityIndex(const QString &kind, const QString &key) const
{
    const qsizetype k = m_kinds.indexOf(kind);
    return k < 0 ? -1 : m_entityIndex.value({ qint32(k), key }, -1);
}

std::span<const CorpusCube::MentionCell> CorpusCube::mentionsOf(int entity) const
{
    if (entity < 0 || size_t(entity) >= m_entities.size())
        return {};
    return std::span<const MentionCell>(m_mentions)
        .subspan(size_t(m_mentionBegin[size_t(entity)]),
            size_t(m_mentionBegin[size_t(entity) + 1] - m_mentionBegin[size_t(entity)]));
}

CorpusCube::Stamp CorpusCube::readStamp(sqlite3 *db)
{
    Stamp stamp;
    if (db)
        readStampOn(db, &stamp);
    return stamp;
}

CorpusCube::Stamp CorpusCube::readStamp(const Store *store)
{
    if (!store || !store->isOpen())
        return {};
    if (!store->isServer())
        return readStamp(sqliteHandle(store->database()));
    Stamp stamp;
    readServerStampOn(store->database(), &stamp);
    return stamp;
}

std::shared_ptr<const CorpusCube> CorpusCube::load(sqlite3 *db)
{
    auto cube = std::make_shared<CorpusCube>();
    ++g_loads;
    if (!cube->read(db))
        return std::make_shared<const CorpusCube>(); // nothing half-read
    return cube;
}

std::shared_ptr<const CorpusCube> CorpusCube::load(const QSqlDatabase &db)
{
    auto cube = std::make_shared<CorpusCube>();
    ++g_loads;
    if (!cube->readServer(db))
        return std::make_shared<const CorpusCube>();
    return cube;
}

std::shared_ptr<const CorpusCube> CorpusCube::load(const QString &path)
{
    if (isServerStore(path)) {
        // A connection of the loader's own, opened and closed in this thread.
        Store store;
        if (!store.openServer(path))
            return std::make_shared<const CorpusCube>();
        return load(store.database());
    }
    sqlite3 *db = nullptr;
    const std::unique_ptr<Store> store = openLoader(path, &db);
    if (!db)
        return std::make_shared<const CorpusCube>();
    return load(db);
}

bool CorpusCube::read(sqlite3 *db)
{
    if (!db)
        return false;
    // One read transaction: the stamp describes exactly the rows read, however an import
    // running beside us commits meanwhile (WAL keeps our snapshot).
    const bool ownTransaction = sqlite3_get_autocommit(db) != 0;
    if (ownTransaction && sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
        return false;
    struct EndTransaction
    {
        sqlite3 *db;
        bool own;
        ~EndTransaction()
        {
            if (own)
                sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        }
    } end { db, ownTransaction };

    if (!readStampOn(db, &m_stamp))
        return false;

    // Articles: their years, from the (published_year) index. The rows hold the year after the
    // text, so reading it there would read every article's text (a second on the UN store).
    IdMap yearSlotOf; // article id -> index into years
    QList<int> years;
    {
        Query q(db, "SELECT id, published_year FROM articles INDEXED BY articles_year");
        if (!q.ok())
            return false;
        std::vector<std::pair<qint64, int>> rows;
        rows.reserve(size_t(m_stamp.articles));
        std::map<int, int> perYear;
        while (q.next()) {
            const int year = q.isNull(1) ? 0 : int(q.int64(1));
            rows.emplace_back(q.int64(0), year);
            ++perYear[year];
        }
        if (!q.ok())
            return false;
        QHash<int, qint32> slotOfYear;
        for (const auto &[year, n] : perYear) {
            slotOfYear.insert(year, qint32(years.size()));
            years << year;
            m_articlesPerYear.append({ year, n });
        }
        yearSlotOf.reserve(m_stamp.maxArticle, qint64(rows.size()));
        for (const auto &[id, year] : rows)
            yearSlotOf.insert(id, slotOfYear.value(year));
    }

    // Entities, in id order.
    IdMap entityOf; // entities.id -> index
    {
        Query q(db, "SELECT id, kind, key, name, country FROM entities ORDER BY id");
        if (!q.ok())
            return false;
        while (q.next())
            addEntity(q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4));
        if (!q.ok())
            return false;
        entityOf = indexEntities();
    }

    // Mentions, in the order of the (entity_id, article_id) index, which holds them all: each
    // entity's rows come together and are summed per year before the next entity's; each
    // article's rows come together and count it once. Grouping here rather than with GROUP BY
    // halves the time SQLite spends (a plain index scan is cheaper than its aggregation).
    {
        Query q(db, "SELECT entity_id, article_id FROM mentions ORDER BY entity_id, article_id");
        if (!q.ok())
            return false;
        std::vector<MentionCell> perSlot(size_t(years.size()));
        std::vector<qint32> touched;
        const auto flush = [&] {
            std::sort(touched.begin(), touched.end()); // slots are in year order
            for (const qint32 slot : touched) {
                m_mentions.push_back(perSlot[size_t(slot)]);
                perSlot[size_t(slot)] = {};
            }
            touched.clear();
        };
        // An article missing from the articles (the foreign key forbids it) counts as undated.
        const auto undatedSlot = [&] {
            const qsizetype s = std::lower_bound(years.cbegin(), years.cend(), 0) - years.cbegin();
            if (s < years.size() && years.at(s) == 0)
                return qint32(s);
            years << 0; // out of year order: the check below sorts the cells
            perSlot.emplace_back();
            return qint32(years.size() - 1);
        };
        qint64 lastEntityId = 0, lastArticleId = 0;
        bool first = true;
        qint32 entity = -1;
        MentionCell *cell = nullptr;
        while (q.next()) {
            const qint64 entityId = q.int64(0), articleId = q.int64(1);
            if (first || entityId != lastEntityId) {
                flush();
                entity = entityOf.value(entityId);
                lastEntityId = entityId;
                cell = nullptr;
                first = false;
            }
            if (entity < 0)
                continue;
            if (!cell || articleId != lastArticleId) {
                lastArticleId = articleId;
                qint32 slot = yearSlotOf.value(articleId);
                if (slot < 0)
                    slot = undatedSlot();
                cell = &perSlot[size_t(slot)];
                if (cell->articles == 0) {
                    cell->entity = entity;
                    cell->year = years.at(slot);
                    touched.push_back(slot);
                }
                ++cell->articles;
            }
            ++cell->mentions;
        }
        flush();
        if (!q.ok())
            return false;
    }
    finishMentions();
    if (!readRelations(db))
        return false;
    m_valid = true;
    return true;
}

// Should the rows ever come out of entity order (or from a server's GROUP BY, in any order), brings each entity's
// cells together and merges those of the same year; then indexes them by entity.
void CorpusCube::finishMentions()
{
    {
        const auto byEntityYear = [](const MentionCell &x, const MentionCell &y) {
            return std::tie(x.entity, x.year) < std::tie(y.entity, y.year);
        };
        if (!std::is_sorted(m_mentions.cbegin(), m_mentions.cend(), byEntityYear)) {
            std::stable_sort(m_mentions.begin(), m_mentions.end(), byEntityYear);
            std::vector<MentionCell> merged;
            for (const MentionCell &c : m_mentions) {
                if (!merged.empty() && merged.back().entity == c.entity && merged.back().year == c.year) {
                    merged.back().mentions += c.mentions;
                    merged.back().articles += c.articles;
                } else {
                    merged.push_back(c);
                }
            }
            m_mentions.swap(merged);
        }
        m_mentions.shrink_to_fit();
        m_mentionBegin.assign(m_entities.size() + 1, 0);
        for (const MentionCell &c : m_mentions)
            ++m_mentionBegin[size_t(c.entity) + 1];
        std::partial_sum(m_mentionBegin.begin(), m_mentionBegin.end(), m_mentionBegin.begin());
    }
}

bool CorpusCube::readRelations(sqlite3 *db)
{
    // Relations, in the order of the covering (a, b, tone, directed, year, goldstein) index: no
    // table rows read, no sort. The rows of a cell come together and are summed here in the
    // order SQLite's total() would sum them. Rows of one a come together, and b repeats over
    // tones and years, so each code is looked up only when it changes.
    {
        Query q(db,
            "SELECT a, b, tone, directed, year, goldstein FROM relations"
            " ORDER BY a, b, tone, directed, year, goldstein");
        if (!q.ok())
            return false;
        QHash<QByteArray, qint32> ids;
        QList<QByteArray> utf8;
        QByteArray lastA, lastB;
        qint32 a = -1, b = -1;
        const auto intern = [&](QByteArrayView text, QByteArray &last, qint32 &id) {
            if (id >= 0 && QByteArrayView(last) == text)
                return;
            last = text.toByteArray();
            auto it = ids.constFind(last);
            if (it == ids.constEnd()) {
                it = ids.insert(last, qint32(utf8.size()));
                utf8 << last;
            }
            id = *it;
        };
        while (q.next()) {
            intern(q.utf8(0), lastA, a);
            intern(q.utf8(1), lastB, b);
            const quint8 tone = toneOf(q.utf8(2));
            const quint8 directed = q.int64(3) != 0 ? 1 : 0;
            const qint32 year = q.isNull(4) ? 0 : qint32(q.int64(4));
            if (m_cells.empty() || m_cells.back().a != a || m_cells.back().b != b || m_cells.back().tone != tone
                || m_cells.back().directed != directed || m_cells.back().year != year) {
                RelationCell c;
                c.a = a;
                c.b = b;
                c.tone = tone;
                c.directed = directed;
                c.year = year;
                m_cells.push_back(c);
            }
            RelationCell &c = m_cells.back();
            const double goldstein = q.real(5);
            ++c.count;
            c.goldstein += goldstein;
            c.positive += std::max(goldstein, 0.0);
            c.negative += std::min(goldstein, 0.0);
        }
        if (!q.ok())
            return false;
        finishRelations(utf8);
    }
    return true;
}

// Gives the codes ids in BINARY order; the cells name them by their index in `utf8` until then. Then indexes the
// cells by a and by b.
void CorpusCube::finishRelations(const QList<QByteArray> &utf8)
{
    m_cells.shrink_to_fit();
    {
        // Code ids in BINARY order (QByteArray compares bytes as memcmp does), so that the cells,
        // streamed in that order, stay sorted by a and b, and min(a, b) means what it means in SQL.
        std::vector<qint32> order(size_t(utf8.size()));
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](qint32 x, qint32 y) { return utf8.at(x) < utf8.at(y); });
        std::vector<qint32> idOf(order.size());
        m_codes.reserve(qsizetype(order.size()));
        for (size_t i = 0; i < order.size(); ++i) {
            idOf[size_t(order[i])] = qint32(i);
            m_codes << QString::fromUtf8(utf8.at(order[i]));
            m_codeIds.insert(m_codes.constLast(), qint32(i));
        }
        for (RelationCell &c : m_cells) {
            c.a = idOf[size_t(c.a)];
            c.b = idOf[size_t(c.b)];
        }
        const auto byAB
            = [](const RelationCell &x, const RelationCell &y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); };
        if (!std::is_sorted(m_cells.cbegin(), m_cells.cend(), byAB))
            std::stable_sort(m_cells.begin(), m_cells.end(), byAB);

        const size_t codeCount = size_t(m_codes.size());
        m_aBegin.assign(codeCount + 1, 0);
        m_bBegin.assign(codeCount + 1, 0);
        for (const RelationCell &c : m_cells) {
            ++m_aBegin[size_t(c.a) + 1];
            ++m_bBegin[size_t(c.b) + 1];
        }
        std::partial_sum(m_aBegin.begin(), m_aBegin.end(), m_aBegin.begin());
        std::partial_sum(m_bBegin.begin(), m_bBegin.end(), m_bBegin.begin());
        // A counting sort by b, stable: within one b the cells stay in a order.
        m_byB.resize(m_cells.size());
        std::vector<qint32> next(m_bBegin.begin(), m_bBegin.end() - 1);
        for (size_t i = 0; i < m_cells.size(); ++i)
            m_byB[size_t(next[size_t(m_cells[i].b)]++)] = qint32(i);
    }
}

// One entity of the store, in id order; its kind gets an index into m_kinds (a handful of kinds).
void CorpusCube::addEntity(qint64 id, const QString &kind, QString key, const QString &name, QString country)
{
    Entity e;
    e.id = id;
    e.kind = qint32(m_kinds.indexOf(kind));
    if (e.kind < 0) {
        e.kind = qint32(m_kinds.size());
        m_kinds << kind;
    }
    e.key = std::move(key);
    e.name = name == e.key ? e.key : name; // one copy of the text when they are the same
    e.country = std::move(country);
    m_entities.push_back(std::move(e));
}

// Indexes the entities by (kind, key); gives the map from their ids to their indices.
CorpusCube::IdMap CorpusCube::indexEntities()
{
    IdMap entityOf;
    entityOf.reserve(m_stamp.maxEntity, qint64(m_entities.size()));
    m_entityIndex.reserve(qsizetype(m_entities.size()));
    for (size_t i = 0; i < m_entities.size(); ++i) {
        entityOf.insert(m_entities[i].id, qint32(i));
        m_entityIndex.insert({ m_entities[i].kind, m_entities[i].key }, qint32(i));
    }
    return entityOf;
}

// A server store's cube: the server groups the rows into cells beside them, and only the cells (a few hundred
// thousand on the UN corpus, where the store holds a million mentions) come over the connection. One snapshot
// (REPEATABLE READ) for the stamp and every cell, however an import commits meanwhile.
bool CorpusCube::readServer(const QSqlDatabase &db)
{

    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")))
        return false;
    struct EndTransaction
    {
        QSqlDatabase db;
        ~EndTransaction() { QSqlQuery(db).exec(QStringLiteral("COMMIT")); }
    } end { db };
    if (!readServerStampOn(db, &m_stamp))
        return false;

    if (!q.exec(QStringLiteral("SELECT coalesce(published_year, 0), count(*) FROM articles GROUP BY 1 ORDER BY 1")))
        return false;
    while (q.next())
        m_articlesPerYear.append({ q.value(0).toInt(), q.value(1).toInt() });

    if (!q.exec(QStringLiteral("SELECT id, kind, key, name, country FROM entities ORDER BY id")))
        return false;
    while (q.next())
        addEntity(q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString());
    const IdMap entityOf = indexEntities();

    // Mentions per entity and year, and the distinct articles among them: first the (entity, article) groups, which
    // PostgreSQL counts in one pass over the (entity_id, article_id) index, then their years. (A count(DISTINCT)
    // sorts every mention, twice as slow.)
    if (!q.exec(QStringLiteral("SELECT m.entity_id, coalesce(a.published_year, 0), sum(m.n), count(*)"
                               " FROM (SELECT entity_id, article_id, count(*) AS n FROM mentions GROUP BY 1, 2) m"
                               " LEFT JOIN articles a ON a.id = m.article_id GROUP BY 1, 2")))
        return false;
    while (q.next()) {
        MentionCell c;
        c.entity = entityOf.value(q.value(0).toLongLong());
        if (c.entity < 0)
            continue;
        c.year = q.value(1).toInt();
        c.mentions = q.value(2).toInt();
        c.articles = q.value(3).toInt();
        m_mentions.push_back(c);
    }
    finishMentions();

    // Relations per (a, b, tone, directed, year). The sums are the server's: they may differ from SQLite's total()
    // in the last digit, as sums in another order do.
    // With memory for the groups: in the default 4 MB they spill to disk, and take twice as long.
    if (!q.exec(QStringLiteral("SET LOCAL work_mem = '64MB'"))
        || !q.exec(QStringLiteral("SELECT a, b, tone, directed, coalesce(year, 0), count(*), sum(goldstein),"
                                  " sum(greatest(goldstein, 0)), sum(least(goldstein, 0))"
                                  " FROM relations GROUP BY a, b, tone, directed, year")))
        return false;
    QHash<QString, qint32> ids;
    QList<QByteArray> utf8;
    const auto intern = [&](const QString &code) {
        auto it = ids.constFind(code);
        if (it == ids.constEnd()) {
            it = ids.insert(code, qint32(utf8.size()));
            utf8 << code.toUtf8();
        }
        return *it;
    };
    while (q.next()) {
        RelationCell c;
        c.a = intern(q.value(0).toString());
        c.b = intern(q.value(1).toString());
        c.tone = toneOf(q.value(2).toString().toUtf8());
        c.directed = q.value(3).toInt() != 0 ? 1 : 0;
        c.year = q.value(4).toInt();
        c.count = q.value(5).toInt();
        c.goldstein = q.value(6).toDouble();
        c.positive = q.value(7).toDouble();
        c.negative = q.value(8).toDouble();
        m_cells.push_back(c);
    }
    if (q.lastError().isValid())
        return false;
    // In the order a store file's cube streams them: (a, b, tone, directed, year), codes and tones as SQLite
    // orders their text (BINARY).
    static constexpr quint8 toneRank[ToneCount] = { 1, 0, 3, 2 }; // cooperation, conflict, neutral, mixed
    std::sort(m_cells.begin(), m_cells.end(), [&](const RelationCell &x, const RelationCell &y) {
        if (x.a != y.a)
            return utf8.at(x.a) < utf8.at(y.a);
        if (x.b != y.b)
            return utf8.at(x.b) < utf8.at(y.b);
        return std::tuple(toneRank[x.tone], x.directed, x.year) < std::tuple(toneRank[y.tone], y.directed, y.year);
    });
    finishRelations(utf8);
    m_valid = true;
    return true;
}

std::shared_ptr<const CorpusCube> CorpusCube::get(const QString &path, const Stamp &stamp)
{
    const QString key = registryKey(path);
    Registry &r = registry();
    // Twice at most: a load under way may have begun before the store reached `stamp`; the
    // second round then loads it again here.
    for (int round = 0; round < 2; ++round) {
        std::unique_lock lock(r.mutex);
        Entry &e = touch(r, key);
        if (e.ready && e.ready->stamp().atLeast(stamp))
            return e.ready;
        if (underWay(e.pending)) {
            const CubeFuture pending = e.pending;
            lock.unlock();
            const CubePtr cube = pending.get();
            if (cube->stamp().atLeast(stamp))
                return cube;
            continue;
        }
        quint64 generation = 0;
        const auto promise = beginLoad(e, &generation);
        lock.unlock();
        CubePtr cube;
        try {
            cube = load(path);
        } catch (...) { // out of memory: the models go on with SQL
            cube = std::make_shared<const CorpusCube>();
        }
        finishLoad(key, generation, promise, cube);
        return cube;
    }
    return load(path);
}

std::shared_ptr<const CorpusCube> CorpusCube::peek(const QString &path, const Stamp &stamp)
{
    Registry &r = registry();
    const std::lock_guard lock(r.mutex);
    const Entry &e = touch(r, registryKey(path));
    return e.ready && e.ready->stamp().atLeast(stamp) ? e.ready : nullptr;
}

void CorpusCube::prefetch(const QString &path)
{
    if (path.isEmpty())
        return;
    const QString key = registryKey(path);
    Registry &r = registry();
    std::unique_lock lock(r.mutex);
    Entry &e = touch(r, key);
    if (underWay(e.pending))
        return;
    quint64 generation = 0;
    const auto promise = beginLoad(e, &generation);
    const CubePtr previous = e.ready;
    lock.unlock();
    QThreadPool::globalInstance()->start([path, key, generation, promise, previous] {
        CubePtr cube;
        try {
            // The connection is opened and closed in this thread, as Qt Sql wants.
            Stamp now;
            if (isServerStore(path)) {
                Store store;
                if (store.openServer(path) && previous && previous->isValid()
                    && readServerStampOn(store.database(), &now) && now == previous->stamp())
                    cube = previous;
                else if (store.isOpen())
                    cube = load(store.database());
            } else {
                sqlite3 *db = nullptr;
                const std::unique_ptr<Store> store = openLoader(path, &db);
                if (db && previous && previous->isValid() && readStampOn(db, &now) && now == previous->stamp())
                    cube = previous; // the store has not changed: nothing to read
                else if (db)
                    cube = load(db);
            }
        } catch (...) {
            cube.reset();
        }
        if (!cube)
            cube = std::make_shared<const CorpusCube>();
        finishLoad(key, generation, promise, cube);
    });
}

int CorpusCube::loadCount()
{
    return g_loads.load();
}

void CorpusCube::setEnabled(bool enabled)
{
    g_enabled = enabled;
}

bool CorpusCube::isEnabled()
{
    return g_enabled.load();
}

void CorpusCubeLink::open(const Store *store)
{
    reset();
    if (!store || !store->isOpen())
        return;
    m_path = store->path();
    m_server = store->isServer();
    m_stamp = CorpusCube::readStamp(store);
}

void CorpusCubeLink::reset()
{
    m_path.clear();
    m_server = false;
    m_stamp = {};
    m_cube.reset();
    m_prefetched = false;
}

const CorpusCube *CorpusCubeLink::ifReady()
{
    if (m_path.isEmpty() || !CorpusCube::isEnabled())
        return nullptr;
    if (!m_cube) {
        m_cube = CorpusCube::peek(m_path, m_stamp);
        if (!m_cube && !m_prefetched) {
            CorpusCube::prefetch(m_path);
            m_prefetched = true;
        }
    }
    return usable();
}

const CorpusCube *CorpusCubeLink::wait()
{
    if (m_server)
        return ifReady();
    if (m_path.isEmpty() || !CorpusCube::isEnabled())
        return nullptr;
    if (!m_cube)
        m_cube = CorpusCube::get(m_path, m_stamp);
    return usable();
}

std::function<std::shared_ptr<const CorpusCube>()> CorpusCubeLink::waiter() const
{
    if (m_path.isEmpty() || !CorpusCube::isEnabled())
        return [] { return std::shared_ptr<const CorpusCube>(); };
    if (m_cube)
        return [cube = m_cube] { return cube->isValid() ? cube : nullptr; };
    if (m_server) {
        // A server store's cube takes a second or two of the server's time to load (the UN corpus): the question is
        // put to SQL meanwhile, never held up by the load.
        if (!m_prefetched)
            CorpusCube::prefetch(m_path);
        return [path = m_path, stamp = m_stamp]() -> std::shared_ptr<const CorpusCube> {
            std::shared_ptr<const CorpusCube> cube = CorpusCube::peek(path, stamp);
            return cube && cube->isValid() ? cube : nullptr;
        };
    }
    return [path = m_path, stamp = m_stamp]() -> std::shared_ptr<const CorpusCube> {
        std::shared_ptr<const CorpusCube> cube = CorpusCube::get(path, stamp);
        return cube && cube->isValid() ? cube : nullptr;
    };
}

void CorpusCubeLink::adopt(std::shared_ptr<const CorpusCube> cube)
{
    if (cube && !m_path.isEmpty() && cube->stamp().atLeast(m_stamp))
        m_cube = std::move(cube);
}

const CorpusCube *CorpusCubeLink::usable() const
{
    return m_cube && m_cube->isValid() ? m_cube.get() : nullptr;
}

} // namespace entente

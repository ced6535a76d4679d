// CorpusCube: the in-memory aggregate of a store's relations and mentions that the chart and
// entity models count from. On stores imported from articles written here (countries, an
// organisation, four tones, directed relations, eight years and undated articles): the cells
// equal SQL's GROUP BY, every model gives the same rows from the cube as from its SQL path
// (and as SQL counts them), a cube goes stale when an import adds articles, empty and
// unreadable stores give empty cubes, and a prefetch is waited for rather than repeated.
#include "asyncquery.h"
#include "corpuscube.h"
#include "entitylistmodel.h"
#include "importer.h"
#include "networkmodel.h"
#include "relationpartnersmodel.h"
#include "samplestore.h"
#include "sqlitestatement.h"
#include "store.h"
#include "storesession.h"
#include "timelinemodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <cmath>

using namespace entente;

namespace {
// Lets the models' workers answer: true once no AsyncQuery has a request on its way (a condition, not a sleep).
// Events first, for an action whose request is itself queued.
bool settled()
{
    QCoreApplication::processEvents();
    return QTest::qWaitFor([] { return AsyncQuery::busyCount() == 0; });
}
} // namespace

namespace {

// Sentences the relation finder reads as cooperation, conflict or mixed, directed or not.
const char *const Templates[] = {
    "%1 and %2 signed a trade agreement.",
    "%1 attacked %2 near the border.",
    "%1 condemned %2 over the dispute.",
    "%1 visited %2.",
    "%1 accused %2 of supporting rebels while praising its trade policy.",
    "%1 and %2 signed a ceasefire but fighting continued.",
    "%1 met %2.",
    "%1 hosted %2.",
    "%1 threatened %2.",
    "%1 praised and criticised %2.",
};
const char *const Parties[] = { "France", "Germany", "Russia", "Ukraine", "China", "Japan", "Brazil", "Argentina",
    "Kenya", "Uganda", "India", "Pakistan", "Egypt", "Israel", "Peru", "Chile", "the United Nations" };

// `count` articles as JSON Lines, numbered from `first`: years 1990-1997, one in eight undated.
QByteArray corpus(int first, int count, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray lines;
    for (int n = first; n < first + count; ++n) {
        QStringList sentences { QStringLiteral("Report number %1 from the region.").arg(n) };
        const int relations = 2 + int(random.bounded(5));
        for (int i = 0; i < relations; ++i) {
            const int a = int(random.bounded(int(std::size(Parties))));
            int b = int(random.bounded(int(std::size(Parties)) - 1));
            b += b >= a ? 1 : 0;
            QString s = QString::fromLatin1(Templates[random.bounded(int(std::size(Templates)))])
                            .arg(QString::fromLatin1(Parties[a]), QString::fromLatin1(Parties[b]));
            s[0] = s[0].toUpper();
            sentences << s;
        }
        QJsonObject o { { QStringLiteral("title"), QStringLiteral("Report %1").arg(n) },
            { QStringLiteral("text"), sentences.join(u' ') } };
        if (n % 8 != 5)
            o.insert(QStringLiteral("date"),
                QStringLiteral("%1-%2-15").arg(1990 + (n / 8) % 8).arg(1 + n % 12, 2, 10, QLatin1Char('0')));
        lines += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
    return lines;
}

// Imports `jsonl` (written to `file` in `dir`) into the store `name` in `dir`; its path, or empty.
QString importInto(const QTemporaryDir &dir, const QString &name, const QString &file, const QByteArray &jsonl)
{
    const QString in = dir.filePath(QStringLiteral("in-") + file);
    QDir().mkpath(in);
    QFile f(in + u'/' + file);
    if (!f.open(QIODevice::WriteOnly) || f.write(jsonl) != jsonl.size())
        return {};
    f.close();
    const QString path = dir.filePath(name);
    Importer importer(path);
    const ImportSummary summary = importer.run({ in });
    return summary.ok() ? path : QString();
}

CorpusCube::Stamp stampOf(const QString &path)
{
    const std::unique_ptr<Store> store = Store::openReader(path);
    return store ? CorpusCube::readStamp(sqliteHandle(store->database())) : CorpusCube::Stamp {};
}

// Every cell of a model (a tree walked depth first), at the display role and the given roles.
QList<QVariantList> cellsOf(
    const QAbstractItemModel &model, const QList<int> &roles = {}, const QModelIndex &parent = {})
{
    QList<QVariantList> rows;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        QVariantList row;
        for (int c = 0; c < model.columnCount(parent); ++c)
            row << model.index(r, c, parent).data();
        for (const int role : roles)
            row << model.index(r, 0, parent).data(role);
        rows << row;
        rows << cellsOf(model, roles, model.index(r, 0, parent));
    }
    return rows;
}

// Sums of doubles, equal to within rounding: they may be added in another order.
bool close(double x, double y)
{
    return std::abs(x - y) <= 1e-9 * std::max(1.0, std::abs(x));
}

// Equal cell by cell; sums of doubles to within rounding.
bool sameCells(const QList<QVariantList> &x, const QList<QVariantList> &y, QString *why)
{
    if (x.size() != y.size()) {
        *why = QStringLiteral("%1 rows against %2").arg(x.size()).arg(y.size());
        return false;
    }
    for (qsizetype r = 0; r < x.size(); ++r) {
        for (qsizetype c = 0; c < x.at(r).size(); ++c) {
            const QVariant &u = x.at(r).at(c), &v = y.at(r).at(c);
            const bool same = u.typeId() == QMetaType::Double ? close(u.toDouble(), v.toDouble()) : u == v;
            if (!same) {
                *why = QStringLiteral("row %1 column %2: %3 against %4").arg(r).arg(c).arg(u.toString(), v.toString());
                return false;
            }
        }
    }
    return true;
}

// The same CSV, but for sums of doubles printed with decimals, which may differ in the last
// digit (or print 0 as -0.00) when rounding noise lands on the other side of it.
bool sameCsv(const QString &x, const QString &y, QString *why)
{
    const QStringList a = x.split(u'\n'), b = y.split(u'\n');
    if (a.size() != b.size()) {
        *why = QStringLiteral("%1 lines against %2").arg(a.size()).arg(b.size());
        return false;
    }
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QStringList u = a.at(i).split(u','), v = b.at(i).split(u',');
        bool same = u.size() == v.size();
        for (qsizetype k = 0; same && k < u.size(); ++k) {
            bool numbers = false, other = false;
            const double p = u.at(k).toDouble(&numbers), q = v.at(k).toDouble(&other);
            same = u.at(k) == v.at(k) || (numbers && other && u.at(k).contains(u'.') && std::abs(p - q) <= 0.01001);
        }
        if (!same) {
            *why = QStringLiteral("line %1: %2 against %3").arg(i).arg(a.at(i), b.at(i));
            return false;
        }
    }
    return true;
}

// A model's rows from the cube and from its SQL path; `setUp` gives it the store and the query.
template<typename Model, typename SetUp>
void compareCubeWithSql(SetUp setUp, const QList<int> &roles, QList<QVariantList> *fromCube = nullptr)
{
    QList<QVariantList> rows[2];
    for (int pass = 0; pass < 2; ++pass) {
        CorpusCube::setEnabled(pass == 0);
        Model model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        setUp(model);
        if constexpr (requires { model.isBusy(); })
            QTRY_VERIFY(!model.isBusy()); // a model that asks a worker: its answer
        rows[pass] = cellsOf(model, roles);
    }
    CorpusCube::setEnabled(true);
    QString why;
    QVERIFY2(sameCells(rows[0], rows[1], &why), qPrintable(why));
    if (fromCube)
        *fromCube = rows[0];
}

struct Range
{
    const char *name;
    int from;
    int to;
};
const Range Ranges[] = { { "every year", 0, 0 }, { "1992-1994", 1992, 1994 }, { "from 1995 on", 1995, 0 },
    { "1991 alone", 1991, 1991 }, { "years without articles", 1800, 1801 } };

} // namespace

class TestCorpusCube : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void relationCellsEqualGroupBy();
    void mentionCellsEqualGroupBy();
    void partnersAsFromSql_data();
    void partnersAsFromSql();
    void timelineAsFromSql_data();
    void timelineAsFromSql();
    void networkAsFromSql_data();
    void networkAsFromSql();
    void entitiesAsFromSql_data();
    void entitiesAsFromSql();
    void staleCubeReloadedAfterImport();
    void emptyAndUnreadableStores();
    void prefetchThenGetFromTwoThreadsLoadsOnce();

private:
    qint64 scalar(const QString &sql, const QVariantList &binds) const;

    QTemporaryDir m_dir;
    QString m_path;
    Store m_store;
    QString m_top; // the country in the most relations
};

qint64 TestCorpusCube::scalar(const QString &sql, const QVariantList &binds) const
{
    return test::scalar(m_store, sql, binds);
}

void TestCorpusCube::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = importInto(m_dir, QStringLiteral("cube.entente"), QStringLiteral("a.jsonl"), corpus(0, 160, 7));
    QVERIFY(!m_path.isEmpty());
    QVERIFY(m_store.open(m_path, Store::OpenMode::ReadOnly));
    // The corpus has what the models tell apart: tones, directions, undated relations.
    QVERIFY(scalar(QStringLiteral("SELECT count(DISTINCT tone) FROM relations"), {}) >= 3);
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM relations WHERE directed = 1"), {}) > 20);
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM relations WHERE directed = 0"), {}) > 20);
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM relations WHERE year IS NULL"), {}) > 0);
    QVERIFY(scalar(QStringLiteral("SELECT count(DISTINCT year) FROM relations"), {}) == 8);
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM relations WHERE a = 'United Nations'"), {}) > 0);
    QSqlQuery q(m_store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT a FROM (SELECT a FROM relations UNION ALL SELECT b FROM relations)"
                                  " WHERE length(a) = 3 GROUP BY a ORDER BY count(*) DESC, a LIMIT 1")));
    QVERIFY(q.next());
    m_top = q.value(0).toString();
    // Loaded once here, so that every model below finds it ready.
    QVERIFY(CorpusCube::get(m_path, stampOf(m_path))->isValid());
}

void TestCorpusCube::cleanupTestCase()
{
    CorpusCube::setEnabled(true);
    QThreadPool::globalInstance()->waitForDone(); // no load left reading a store being deleted
}

void TestCorpusCube::relationCellsEqualGroupBy()
{
    const auto cube = CorpusCube::load(m_path);
    QVERIFY(cube->isValid());
    QCOMPARE(cube->stamp(), stampOf(m_path));
    QSqlQuery q(m_store.database());
    QVERIFY(q.exec(QStringLiteral(
        "SELECT a, b, tone, directed, coalesce(year, 0), count(*), total(goldstein), total(max(goldstein, 0)),"
        " total(min(goldstein, 0)) FROM relations GROUP BY a, b, tone, directed, year ORDER BY a, b, tone, directed,"
        " year")));
    const auto &cells = cube->relationCells();
    const QStringList tones { QStringLiteral("cooperation"), QStringLiteral("conflict"), QStringLiteral("neutral"),
        QStringLiteral("mixed") };
    size_t i = 0;
    for (; q.next(); ++i) {
        QVERIFY(i < cells.size());
        const CorpusCube::RelationCell &c = cells[i];
        QCOMPARE(cube->codes().at(c.a), q.value(0).toString());
        QCOMPARE(cube->codes().at(c.b), q.value(1).toString());
        QCOMPARE(tones.at(c.tone), q.value(2).toString());
        QCOMPARE(int(c.directed), q.value(3).toInt());
        QCOMPARE(c.year, q.value(4).toInt());
        QCOMPARE(c.count, q.value(5).toInt());
        QVERIFY(close(c.goldstein, q.value(6).toDouble()));
        QVERIFY(close(c.positive, q.value(7).toDouble()));
        QVERIFY(close(c.negative, q.value(8).toDouble()));
    }
    QCOMPARE(i, cells.size());
    QVERIFY(cells.size() > 100);

    // Each code's range of cells, and the index by b, hold exactly its cells.
    size_t byA = 0, byB = 0;
    for (int code = 0; code < cube->codes().size(); ++code) {
        QCOMPARE(cube->codeId(cube->codes().at(code)), code);
        if (code > 0)
            QVERIFY(CorpusCube::binaryLess(cube->codes().at(code - 1), cube->codes().at(code)));
        for (const CorpusCube::RelationCell &c : cube->cellsOfA(code))
            QCOMPARE(c.a, code);
        qint32 previousA = -1;
        for (const qint32 k : cube->cellsOfB(code)) {
            QCOMPARE(cells[size_t(k)].b, code);
            QVERIFY(cells[size_t(k)].a >= previousA);
            previousA = cells[size_t(k)].a;
        }
        byA += cube->cellsOfA(code).size();
        byB += cube->cellsOfB(code).size();
    }
    QCOMPARE(byA, cells.size());
    QCOMPARE(byB, cells.size());
    QCOMPARE(cube->codeId(QStringLiteral("no such party")), -1);
    QVERIFY(cube->cellsOfA(-1).empty());
}

void TestCorpusCube::mentionCellsEqualGroupBy()
{
    const auto cube = CorpusCube::load(m_path);
    QVERIFY(cube->isValid());
    QSqlQuery q(m_store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT m.entity_id, coalesce(a.published_year, 0), count(*),"
                                  " count(DISTINCT m.article_id) FROM mentions m JOIN articles a ON a.id = m.article_id"
                                  " GROUP BY 1, 2 ORDER BY 1, 2")));
    const auto &cells = cube->mentionCells();
    size_t i = 0;
    for (; q.next(); ++i) {
        QVERIFY(i < cells.size());
        QCOMPARE(cube->entities()[size_t(cells[i].entity)].id, q.value(0).toLongLong());
        QCOMPARE(cells[i].year, q.value(1).toInt());
        QCOMPARE(cells[i].mentions, q.value(2).toInt());
        QCOMPARE(cells[i].articles, q.value(3).toInt());
    }
    QCOMPARE(i, cells.size());
    QVERIFY(std::any_of(cells.cbegin(), cells.cend(), [](const auto &c) { return c.year == 0; }));
    size_t listed = 0;
    for (size_t e = 0; e < cube->entities().size(); ++e) {
        for (const CorpusCube::MentionCell &c : cube->mentionsOf(int(e)))
            QCOMPARE(c.entity, int(e));
        listed += cube->mentionsOf(int(e)).size();
    }
    QCOMPARE(listed, cells.size());

    QVERIFY(q.exec(QStringLiteral("SELECT id, kind, key, name, country FROM entities ORDER BY id")));
    i = 0;
    for (; q.next(); ++i) {
        const CorpusCube::Entity &e = cube->entities()[i];
        QCOMPARE(e.id, q.value(0).toLongLong());
        QCOMPARE(cube->kinds().at(e.kind), q.value(1).toString());
        QCOMPARE(e.key, q.value(2).toString());
        QCOMPARE(e.name, q.value(3).toString());
        QCOMPARE(e.country, q.value(4).toString());
        QCOMPARE(cube->entityIndex(q.value(1).toString(), q.value(2).toString()), int(i));
    }
    QCOMPARE(i, cube->entities().size());

    QVERIFY(q.exec(QStringLiteral(
        "SELECT coalesce(published_year, 0), count(*) FROM articles GROUP BY published_year ORDER BY 1")));
    QList<std::pair<int, int>> perYear;
    while (q.next())
        perYear.append({ q.value(0).toInt(), q.value(1).toInt() });
    QCOMPARE(cube->articlesPerYear(), perYear);
}

void TestCorpusCube::partnersAsFromSql_data()
{
    QTest::addColumn<QString>("focus");
    QTest::addColumn<int>("direction");
    QTest::addColumn<int>("measure");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    const QString foci[]
        = { QString(), QStringLiteral("TOP"), QStringLiteral("United Nations"), QStringLiteral("XXX") };
    const char *const directions[] = { "both ways", "outgoing", "incoming" };
    for (const QString &focus : foci)
        for (int direction = 0; direction < 3; ++direction)
            for (int measure = 0; measure < 2; ++measure)
                for (const Range &range : Ranges)
                    QTest::addRow("%s, %s, by %s, %s",
                        focus.isEmpty() ? "the corpus' pairs" : qPrintable(QStringLiteral("partners of ") + focus),
                        directions[direction], measure ? "Goldstein" : "count", range.name)
                        << focus << direction << measure << range.from << range.to;
}

void TestCorpusCube::partnersAsFromSql()
{
    QFETCH(QString, focus);
    QFETCH(int, direction);
    QFETCH(int, measure);
    QFETCH(int, from);
    QFETCH(int, to);
    if (focus == u"TOP")
        focus = m_top;
    QList<QVariantList> rows;
    compareCubeWithSql<RelationPartnersModel>(
        [&](RelationPartnersModel &m) {
            m.setLimit(12);
            m.setDirection(RelationPartnersModel::Direction(direction));
            m.setMeasure(RelationPartnersModel::Measure(measure));
            m.setYearRange(from, to);
            QVERIFY(m.setSession(StoreSession::open(m_path)));
            m.setFocusCountry(focus);
        },
        { RelationPartnersModel::ACodeRole, RelationPartnersModel::BCodeRole }, &rows);
    if (QTest::currentTestFailed())
        return;
    if ((focus.isEmpty() || focus == m_top) && from == 0)
        QVERIFY(!rows.isEmpty());

    // Each row's total as SQL counts the relations it stands for.
    const int a = RelationPartnersModel::ColumnCount, b = a + 1;
    for (const QVariantList &row : std::as_const(rows)) {
        QString where = QStringLiteral("a <> b");
        QVariantList binds;
        if (direction == 0) {
            where += QStringLiteral(" AND ((a = ? AND b = ?) OR (a = ? AND b = ?))");
            binds << row.at(a) << row.at(b) << row.at(b) << row.at(a);
        } else {
            // Outgoing: the row's A acts on its B; Incoming: its B acts on its A.
            where += QStringLiteral(" AND directed = 1 AND a = ? AND b = ?");
            binds << row.at(direction == 1 ? a : b) << row.at(direction == 1 ? b : a);
        }
        if (from != 0) {
            where += QStringLiteral(" AND year BETWEEN ? AND ?");
            binds << from << (to ? to : 9999);
        }
        QCOMPARE(row.at(RelationPartnersModel::TotalColumn).toLongLong(),
            scalar(QStringLiteral("SELECT count(*) FROM relations WHERE ") + where, binds));
    }
}

void TestCorpusCube::timelineAsFromSql_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("key");
    QTest::newRow("the whole corpus") << QString() << QString();
    QTest::newRow("the country in most relations") << QStringLiteral("country") << QStringLiteral("TOP");
    QTest::newRow("an organisation") << QStringLiteral("organization") << QStringLiteral("United Nations");
    QTest::newRow("a country the store does not know") << QStringLiteral("country") << QStringLiteral("XXX");
}

void TestCorpusCube::timelineAsFromSql()
{
    QFETCH(QString, kind);
    QFETCH(QString, key);
    if (key == u"TOP")
        key = m_top;
    QList<QVariantList> rows;
    QString csv[2];
    int undated[2] = {};
    int pass = 0;
    compareCubeWithSql<TimelineModel>(
        [&](TimelineModel &m) {
            m.setFocus(kind, key);
            QVERIFY(m.setSession(StoreSession::open(m_path)));
            QVERIFY(settled());
            csv[pass] = m.toCsv();
            undated[pass++] = m.undatedCount();
        },
        { TimelineModel::YearRole }, &rows);
    QString why;
    QVERIFY2(sameCsv(csv[0], csv[1], &why), qPrintable(why));
    QCOMPARE(undated[0], undated[1]);
    QCOMPARE(rows.size(), 8);
    if (key != u"XXX")
        QVERIFY(undated[0] > 0);
}

void TestCorpusCube::networkAsFromSql_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    for (const int limit : { 5, 40 })
        for (const Range &range : Ranges)
            QTest::addRow("top %d, %s", limit, range.name) << limit << range.from << range.to;
}

void TestCorpusCube::networkAsFromSql()
{
    QFETCH(int, limit);
    QFETCH(int, from);
    QFETCH(int, to);
    QString csv[2];
    QList<QPointF> positions[2];
    int pass = 0;
    QList<QVariantList> rows;
    compareCubeWithSql<NetworkModel>(
        [&](NetworkModel &m) {
            m.setLimit(limit);
            m.setYearRange(from, to);
            QVERIFY(m.setSession(StoreSession::open(m_path)));
            QVERIFY(settled());
            csv[pass] = m.toCsv();
            for (int r = 0; r < m.rowCount(); ++r)
                positions[pass] << m.position(r);
            ++pass;
        },
        { NetworkModel::CodeRole, NetworkModel::DegreeRole }, &rows);
    QString why;
    QVERIFY2(sameCsv(csv[0], csv[1], &why), qPrintable(why));
    // Edges counted alike, so the same layout.
    QCOMPARE(positions[0], positions[1]);
    QCOMPARE(rows.isEmpty(), from == 1800);
    if (from != 1800)
        QVERIFY(csv[0].count(u'\n') > 1);
}

void TestCorpusCube::entitiesAsFromSql_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    for (const Range &range : Ranges)
        QTest::addRow("%s", range.name) << range.from << range.to;
}

void TestCorpusCube::entitiesAsFromSql()
{
    QFETCH(int, from);
    QFETCH(int, to);
    QList<QVariantList> rows;
    compareCubeWithSql<EntityListModel>(
        [&](EntityListModel &m) {
            m.setFilter(from, to, {});
            QVERIFY(m.setSession(StoreSession::open(m_path)));
        },
        { EntityListModel::KindRole, EntityListModel::KeyRole, EntityListModel::CountryRole }, &rows);
    QVERIFY(rows.size() > (from == 1800 ? 6 : 20));

    // A text query goes on through SQL (the full-text index) and still narrows the counts.
    EntityListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    model.setFilter(from, to, QStringLiteral("ceasefire"));
    QTRY_VERIFY(!model.isBusy());
    const QList<QVariantList> withText = cellsOf(model);
    QVERIFY(withText.size() <= rows.size());
}

void TestCorpusCube::staleCubeReloadedAfterImport()
{
    QTemporaryDir dir;
    const QString path = importInto(dir, QStringLiteral("grow.entente"), QStringLiteral("a.jsonl"), corpus(0, 60, 11));
    QVERIFY(!path.isEmpty());
    Store store;
    QVERIFY(store.open(path, Store::OpenMode::ReadOnly));
    const CorpusCube::Stamp before = CorpusCube::readStamp(sqliteHandle(store.database()));
    const auto first = CorpusCube::get(path, before);
    QVERIFY(first->isValid());
    QCOMPARE(first->stamp(), before);
    QCOMPARE(CorpusCube::get(path, before), first); // kept, not read again

    RelationPartnersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLimit(50);
    QVERIFY(model.setSession(StoreSession::open(path)));
    const QList<QVariantList> rowsBefore = cellsOf(model);

    // More articles: the stamp the store's connection reads moves on, and the cube is stale.
    QVERIFY(!importInto(dir, QStringLiteral("grow.entente"), QStringLiteral("b.jsonl"), corpus(60, 60, 12)).isEmpty());
    const CorpusCube::Stamp after = CorpusCube::readStamp(sqliteHandle(store.database()));
    QVERIFY(after != before);
    QVERIFY(after.atLeast(before));
    QCOMPARE(after.articles, before.articles + 60);
    QVERIFY(!CorpusCube::peek(path, after));

    QThreadPool::globalInstance()->waitForDone(); // no other load under way to count
    const int loads = CorpusCube::loadCount();
    const auto second = CorpusCube::get(path, after);
    QCOMPARE(CorpusCube::loadCount(), loads + 1);
    QVERIFY(second != first);
    QCOMPARE(second->stamp(), after);
    QVERIFY(second->relationCells().size() > first->relationCells().size());
    QCOMPARE(CorpusCube::peek(path, after), second);
    QCOMPARE(CorpusCube::peek(path, before), second); // later than asked for is current enough

    // The model, told the store changed (as the window does after an import), counts the new
    // relations, as its SQL path does.
    QList<QVariantList> rowsAfter;
    compareCubeWithSql<RelationPartnersModel>(
        [&](RelationPartnersModel &m) {
            m.setLimit(50);
            QVERIFY(m.setSession(StoreSession::open(path)));
        },
        {}, &rowsAfter);
    QVERIFY(model.setSession(StoreSession::open(path)));
    QString why;
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY2(sameCells(cellsOf(model), rowsAfter, &why), qPrintable(why));
    QVERIFY(!sameCells(rowsBefore, rowsAfter, &why));

    // A prefetch of a store that has not changed keeps its cube.
    CorpusCube::prefetch(path);
    QThreadPool::globalInstance()->waitForDone();
    QCOMPARE(CorpusCube::loadCount(), loads + 1);
    QCOMPARE(CorpusCube::peek(path, after), second);
}

void TestCorpusCube::emptyAndUnreadableStores()
{
    QTemporaryDir dir;
    // A store with no articles.
    const QString empty = dir.filePath(QStringLiteral("empty.entente"));
    {
        Store create;
        QVERIFY(create.open(empty, Store::OpenMode::CreateIfMissing));
    }
    const auto cube = CorpusCube::get(empty, stampOf(empty));
    QVERIFY(cube->isValid());
    QVERIFY(cube->relationCells().empty());
    QVERIFY(cube->mentionCells().empty());
    QVERIFY(cube->codes().isEmpty());
    QVERIFY(cube->articlesPerYear().isEmpty());
    QVERIFY(cube->cellsOfA(0).empty());
    QVERIFY(cube->cellsOfB(0).empty());
    QVERIFY(cube->mentionsOf(0).empty());
    {
        RelationPartnersModel partners;
        QAbstractItemModelTester t1(&partners, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(partners.setSession(StoreSession::open(empty)));
        QCOMPARE(partners.rowCount(), 0);
        partners.setYearRange(1990, 1999);
        QCOMPARE(partners.rowCount(), 0);
        TimelineModel timeline;
        QAbstractItemModelTester t2(&timeline, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(timeline.setSession(StoreSession::open(empty)));
        QCOMPARE(timeline.rowCount(), 0);
        NetworkModel network;
        QAbstractItemModelTester t3(&network, QAbstractItemModelTester::FailureReportingMode::QtTest);
        network.setYearRange(1990, 1999);
        QVERIFY(network.setSession(StoreSession::open(empty)));
        QCOMPARE(network.rowCount(), 0);
        EntityListModel entities;
        QAbstractItemModelTester t4(&entities, QAbstractItemModelTester::FailureReportingMode::QtTest);
        entities.setFilter(1990, 1999, {});
        QVERIFY(entities.setSession(StoreSession::open(empty)));
        QTRY_VERIFY(!entities.isBusy());
        QCOMPARE(entities.rowCount(entities.index(0, 0)), 0);
    }

    // Articles without a single relation.
    const QString quiet = importInto(dir, QStringLiteral("quiet.entente"), QStringLiteral("q.jsonl"),
        "{\"title\": \"Weather\", \"text\": \"The weather was mild and dry all week.\", \"date\": \"2001-02-03\"}\n"
        "{\"title\": \"Garden\", \"text\": \"Tomatoes ripen late in a cool summer.\"}\n");
    QVERIFY(!quiet.isEmpty());
    const auto noRelations = CorpusCube::load(quiet);
    QVERIFY(noRelations->isValid());
    QVERIFY(noRelations->relationCells().empty());
    const QList<std::pair<int, int>> perYear { { 0, 1 }, { 2001, 1 } };
    QCOMPARE(noRelations->articlesPerYear(), perYear);
    {
        RelationPartnersModel partners;
        QAbstractItemModelTester tester(&partners, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(partners.setSession(StoreSession::open(quiet)));
        QCOMPARE(partners.rowCount(), 0);
    }

    // A file that is not a store, and no file at all: an invalid cube, never null.
    const QString junk = dir.filePath(QStringLiteral("junk.entente"));
    QFile f(junk);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    for (const QString &path : { junk, dir.filePath(QStringLiteral("missing.entente")) }) {
        const auto bad = CorpusCube::get(path, {});
        QVERIFY(bad);
        QVERIFY(!bad->isValid());
        QVERIFY(bad->relationCells().empty());
        QVERIFY(bad->entities().empty());
        QVERIFY(bad->cellsOfA(0).empty());
    }
    CorpusCube::prefetch(junk);
    QThreadPool::globalInstance()->waitForDone();
    QVERIFY(!CorpusCube::get(junk, {})->isValid());
}

void TestCorpusCube::prefetchThenGetFromTwoThreadsLoadsOnce()
{
    QTemporaryDir dir;
    const QString path = importInto(dir, QStringLiteral("shared.entente"), QStringLiteral("a.jsonl"), corpus(0, 40, 5));
    QVERIFY(!path.isEmpty());
    QThreadPool::globalInstance()->waitForDone(); // no other load under way to count
    const int loads = CorpusCube::loadCount();
    CorpusCube::prefetch(path);
    CorpusCube::prefetch(path); // under way: not started again
    std::shared_ptr<const CorpusCube> got[2];
    QList<QThread *> threads;
    for (int i = 0; i < 2; ++i) {
        // Each thread reads the stamp on a connection of its own, as a model does.
        threads << QThread::create([&got, i, path] { got[i] = CorpusCube::get(path, stampOf(path)); });
        threads.last()->start();
    }
    for (QThread *t : std::as_const(threads)) {
        QVERIFY(t->wait(60000));
        delete t;
    }
    QThreadPool::globalInstance()->waitForDone();
    QVERIFY(got[0] && got[0]->isValid());
    QCOMPARE(got[1], got[0]);
    QCOMPARE(CorpusCube::loadCount(), loads + 1);
    QCOMPARE(CorpusCube::get(path, stampOf(path)), got[0]);
    QCOMPARE(CorpusCube::loadCount(), loads + 1);
}

QTEST_GUILESS_MAIN(TestCorpusCube)
#include "tst_corpuscube.moc"

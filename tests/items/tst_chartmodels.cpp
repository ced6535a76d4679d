// The item models behind the chart panes, on a store of the sample corpus: what each row
// says is checked against the store itself, and every model runs under QAbstractItemModelTester.
#include "asyncquery.h"
#include "evidencemodel.h"
#include "networkmodel.h"
#include "relationpartnersmodel.h"
#include "samplestore.h"
#include "storesession.h"
#include "timelinemodel.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>

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

class TestChartModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void partnersOfFocus_data();
    void partnersOfFocus();
    void strongestPairsWithoutFocus();
    void limitAndGoldsteinSplit();
    void yearRangeWithoutData();
    void evidenceOfPair();
    void timelineSpansCorpusYears_data();
    void timelineSpansCorpusYears();
    void timelineCountsTheSearchPerYear();
    void timelineOfAPairEachWay();
    void networkIsStableAndRanked();

private:
    qint64 scalar(const QString &sql, const QVariantList &binds = {}) const;
    QTemporaryDir m_dir;
    QString m_path;
    Store m_store;
    QString m_top; // the most-mentioned country
};

qint64 TestChartModels::scalar(const QString &sql, const QVariantList &binds) const
{
    return test::scalar(m_store, sql, binds);
}

void TestChartModels::initTestCase()
{
    m_path = test::importSamples(m_dir);
    QVERIFY(!m_path.isEmpty());
    QVERIFY(m_store.open(m_path, Store::OpenMode::ReadOnly));
    QSqlQuery q(m_store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT e.key FROM entities e JOIN mentions m ON m.entity_id = e.id WHERE"
                                  " e.kind = 'country' GROUP BY e.id ORDER BY count(*) DESC, e.key LIMIT 1")));
    QVERIFY(q.next());
    m_top = q.value(0).toString();
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM relations WHERE a = ? OR b = ?"), { m_top, m_top }) > 0);
}

void TestChartModels::partnersOfFocus_data()
{
    QTest::addColumn<int>("direction");
    QTest::addColumn<QString>("where"); // the relations a row counts, with ? for focus and partner
    QTest::newRow("all relations of the focus, either way round")
        << int(RelationPartnersModel::Direction::All) << QStringLiteral("((a = ? AND b = ?) OR (b = ? AND a = ?))");
    QTest::newRow("only those the focus initiates")
        << int(RelationPartnersModel::Direction::Outgoing) << QStringLiteral("(directed = 1 AND a = ? AND b = ?)");
    QTest::newRow("only those aimed at the focus")
        << int(RelationPartnersModel::Direction::Incoming) << QStringLiteral("(directed = 1 AND b = ? AND a = ?)");
}

void TestChartModels::partnersOfFocus()
{
    QFETCH(int, direction);
    QFETCH(QString, where);
    RelationPartnersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(reset.isValid());
    model.setLimit(100);
    model.setDirection(static_cast<RelationPartnersModel::Direction>(direction));
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    model.setFocusCountry(m_top);
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(reset.count() >= 2);
    if (direction == int(RelationPartnersModel::Direction::All))
        QVERIFY(model.rowCount() > 0);
    int previous = INT_MAX;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QString partner = model.index(r, 0).data(RelationPartnersModel::PartnerCodeRole).toString();
        QCOMPARE(model.pairA(r), m_top);
        QCOMPARE(model.pairB(r), partner);
        QVariantList binds { m_top, partner };
        if (where.count(u'?') == 4)
            binds << m_top << partner;
        const qint64 expected = scalar(QStringLiteral("SELECT count(*) FROM relations WHERE ") + where, binds);
        const int total = model.index(r, RelationPartnersModel::TotalColumn).data().toInt();
        QCOMPARE(total, int(expected));
        int sum = 0;
        for (int c = RelationPartnersModel::CooperationColumn; c <= RelationPartnersModel::MixedColumn; ++c)
            sum += model.index(r, c).data().toInt();
        QCOMPARE(sum, total);
        QVERIFY2(total <= previous, "rows are strongest first");
        previous = total;
        QVERIFY(!model.index(r, RelationPartnersModel::NameColumn).data().toString().isEmpty());
    }
}

void TestChartModels::strongestPairsWithoutFocus()
{
    RelationPartnersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(model.rowCount() > 0);
    const qint64 strongest = scalar(QStringLiteral("SELECT count(*) AS n FROM relations WHERE a <> b"
                                                   " GROUP BY min(a, b), max(a, b) ORDER BY n DESC LIMIT 1"));
    QCOMPARE(model.index(0, RelationPartnersModel::TotalColumn).data().toLongLong(), strongest);
    for (int r = 0; r < model.rowCount(); ++r)
        QVERIFY2(model.pairA(r) < model.pairB(r), "an unordered pair is named once, in code order");
    const QStringList csv = model.toCsv().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(csv.size(), model.rowCount() + 1);
    QVERIFY(csv.first().startsWith(QLatin1String("a,b,name,cooperation,conflict,neutral,mixed,goldstein")));
}

void TestChartModels::limitAndGoldsteinSplit()
{
    RelationPartnersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    model.setFocusCountry(m_top);
    model.setLimit(3);
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(model.rowCount(), 3);
    model.setMeasure(RelationPartnersModel::Measure::Goldstein);
    QVERIFY(settled());
    double previous = 1e9;
    for (int r = 0; r < model.rowCount(); ++r) {
        const double pos = model.index(r, RelationPartnersModel::GoldsteinPositiveColumn).data().toDouble();
        const double neg = model.index(r, RelationPartnersModel::GoldsteinNegativeColumn).data().toDouble();
        const double sum = model.index(r, RelationPartnersModel::GoldsteinColumn).data().toDouble();
        QVERIFY(pos >= 0);
        QVERIFY(neg <= 0);
        QVERIFY(qAbs(pos + neg - sum) < 1e-6);
        QVERIFY2(std::abs(sum) <= previous + 1e-9, "ranked by the size of the Goldstein sum");
        previous = std::abs(sum);
    }
}

void TestChartModels::yearRangeWithoutData()
{
    RelationPartnersModel partners;
    EvidenceModel evidence;
    QAbstractItemModelTester partnersTester(&partners, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester evidenceTester(&evidence, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(partners.setSession(StoreSession::open(m_path)));
    QVERIFY(evidence.setSession(StoreSession::open(m_path)));
    partners.setFocusCountry(m_top);
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(partners.rowCount() > 0);
    evidence.setPair(partners.pairA(0), partners.pairB(0));
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(evidence.rowCount() > 0);
    partners.setYearRange(1800, 1801);
    evidence.setYearRange(1800, 1801);
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(partners.rowCount(), 0);
    QCOMPARE(evidence.rowCount(), 0);
}

void TestChartModels::evidenceOfPair()
{
    RelationPartnersModel partners;
    QAbstractItemModelTester partnersTester(&partners, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(partners.setSession(StoreSession::open(m_path)));
    partners.setFocusCountry(m_top);
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(partners.rowCount() > 0);
    const QString a = partners.pairA(0), b = partners.pairB(0);
    EvidenceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QCOMPARE(model.rowCount(), 0);
    model.setPair(a, b);
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(model.rowCount(), partners.index(0, RelationPartnersModel::TotalColumn).data().toInt());
    bool sawCue = false;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex sentence = model.index(r, EvidenceModel::SentenceColumn);
        QVERIFY(!sentence.data().toString().isEmpty());
        QVERIFY(model.index(r, 0).data(EvidenceModel::ArticleIdRole).toLongLong() > 0);
        QVERIFY(model.index(r, 0).data(EvidenceModel::SentenceEndRole).toLongLong()
            > model.index(r, 0).data(EvidenceModel::SentenceStartRole).toLongLong());
        const QString html = sentence.data(EvidenceModel::SentenceHtmlRole).toString();
        // Every cue word stands in the sentence, and the marked text is one of them.
        for (const QString &cue : sentence.data(EvidenceModel::CuesRole).toStringList())
            QVERIFY2(sentence.data().toString().contains(cue, Qt::CaseInsensitive), qPrintable(cue));
        if (html.contains(QLatin1String("<b>"))) {
            sawCue = true;
            const qsizetype from = html.indexOf(QLatin1String("<b>")) + 3;
            const QString marked = html.mid(from, html.indexOf(QLatin1String("</b>"), from) - from);
            QVERIFY(!marked.isEmpty());
            QVERIFY2(sentence.data().toString().contains(marked), qPrintable(marked));
        }
    }
    QVERIFY2(sawCue, "some sentence has its cue words marked");
}

void TestChartModels::timelineOfAPairEachWay()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    model.setFocus(QStringLiteral("country"), m_top);
    QVERIFY(settled());
    // The focus's strongest partner, in SQL.
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT CASE WHEN a = ? THEN b ELSE a END AS p FROM relations WHERE (a = ? OR b = ?)"
                             " AND a <> b GROUP BY p ORDER BY count(*) DESC, p LIMIT 1"));
    q.addBindValue(m_top);
    q.addBindValue(m_top);
    q.addBindValue(m_top);
    QVERIFY(q.exec() && q.next());
    const QString partner = q.value(0).toString();
    QVector<int> articles;
    for (int r = 0; r < model.rowCount(); ++r)
        articles << model.index(r, TimelineModel::ArticlesColumn).data().toInt();
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(reset.isValid());
    model.setPartner(partner);
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.partner(), partner);
    int total = 0;
    const QStringList tones { QStringLiteral("cooperation"), QStringLiteral("conflict") };
    for (int r = 0; r < model.rowCount(); ++r) {
        const int year = model.year(r);
        // The focus's articles stay as they were.
        QCOMPARE(model.index(r, TimelineModel::ArticlesColumn).data().toInt(), articles.at(r));
        for (int t = 0; t < 3; ++t) {
            const QString toneClause = t < 2 ? QStringLiteral("tone = '%1'").arg(tones.at(t))
                                             : QStringLiteral("tone NOT IN ('cooperation', 'conflict')");
            const QString sql
                = QStringLiteral("SELECT count(*) FROM relations WHERE a = ? AND b = ? AND year = ? AND ") + toneClause;
            const qint64 forward = scalar(sql, { m_top, partner, year });
            const qint64 back = scalar(sql, { partner, m_top, year });
            QCOMPARE(model.index(r, TimelineModel::CooperationColumn + t).data().toLongLong(), forward);
            // Below the axis: negative.
            QCOMPARE(model.index(r, TimelineModel::BackCooperationColumn + t).data().toLongLong(), -back);
            total += int(forward + back);
        }
    }
    QCOMPARE(total,
        int(scalar(QStringLiteral("SELECT count(*) FROM relations WHERE ((a = ? AND b = ?) OR (a = ? AND b = ?))"
                                  " AND year IS NOT NULL"),
            { m_top, partner, partner, m_top })));
    QVERIFY(total > 0);
    QVERIFY(model.toCsv().startsWith(QStringLiteral("year,articles,%1_to_%2_cooperation").arg(m_top, partner)));
    // No partner: the focus's own relations again, nothing below the axis.
    model.setPartner({});
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.index(r, TimelineModel::BackCooperationColumn).data().toInt(), 0);
}

void TestChartModels::timelineCountsTheSearchPerYear()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    model.setFocus(QStringLiteral("country"), m_top);
    QVERIFY(settled());
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(reset.isValid());
    model.setSearch(QStringLiteral("\"central asia\""));
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(reset.size(), 1);
    // The articles of each year whose title or text holds the phrase, read from the texts.
    const QRegularExpression phrase(QStringLiteral("(?<![\\p{L}\\p{N}])central[^\\p{L}\\p{N}]+asia(?![\\p{L}\\p{N}])"),
        QRegularExpression::CaseInsensitiveOption);
    QHash<int, int> expected;
    QSqlQuery q(m_store.database());
    QVERIFY(
        q.exec(QStringLiteral("SELECT published_year, title, text FROM articles WHERE published_year IS NOT NULL")));
    while (q.next())
        if (phrase.match(q.value(1).toString()).hasMatch() || phrase.match(q.value(2).toString()).hasMatch())
            ++expected[q.value(0).toInt()];
    QVERIFY(!expected.isEmpty());
    int articles = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.index(r, TimelineModel::SearchColumn).data().toInt(), expected.value(model.year(r)));
        articles += model.index(r, TimelineModel::ArticlesColumn).data().toInt();
    }
    QVERIFY(articles > 0); // the focus's own line is still there
    QVERIFY(model.toCsv().section(u'\n', 0, 0).endsWith(QStringLiteral(",matching")));
    QVERIFY(model.headerData(TimelineModel::SearchColumn, Qt::Horizontal, Qt::DisplayRole)
                .toString()
                .contains(QStringLiteral("central asia")));
    // No search, or one SQLite cannot read: nothing counted.
    for (const QString &query : { QString(), QStringLiteral("\"unclosed") }) {
        model.setSearch(query);
        QVERIFY(settled());
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.index(r, TimelineModel::SearchColumn).data().toInt(), 0);
    }
    QVERIFY(!model.toCsv().section(u'\n', 0, 0).contains(QStringLiteral("matching")) || !model.search().isEmpty());
}

void TestChartModels::timelineSpansCorpusYears_data()
{
    QTest::addColumn<bool>("focused");
    QTest::newRow("the whole corpus") << false;
    QTest::newRow("the most-mentioned country") << true;
}

void TestChartModels::timelineSpansCorpusYears()
{
    QFETCH(bool, focused);
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    if (focused)
        model.setFocus(QStringLiteral("country"), m_top);
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(model.firstYear(), int(scalar(QStringLiteral("SELECT min(published_year) FROM articles"))));
    QCOMPARE(model.lastYear(), int(scalar(QStringLiteral("SELECT max(published_year) FROM articles"))));
    QCOMPARE(model.rowCount(), model.lastYear() - model.firstYear() + 1);
    int articles = 0, relations = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.year(r), model.firstYear() + r);
        articles += model.index(r, TimelineModel::ArticlesColumn).data().toInt();
        for (int c = TimelineModel::CooperationColumn; c <= TimelineModel::NeutralColumn; ++c)
            relations += model.index(r, c).data().toInt();
    }
    const QString articleSql = focused
        ? QStringLiteral("SELECT count(DISTINCT m.article_id) FROM mentions m JOIN entities e ON"
                         " e.id = m.entity_id WHERE e.kind = 'country' AND e.key = ?")
        : QStringLiteral("SELECT count(*) FROM articles");
    const QVariantList binds = focused ? QVariantList { m_top } : QVariantList {};
    QCOMPARE(articles + model.undatedCount(), int(scalar(articleSql, binds)));
    const QString undatedSql = focused ? articleSql
            + QStringLiteral(" AND m.article_id IN (SELECT id FROM articles"
                             " WHERE published_year IS NULL)")
                                       : QStringLiteral("SELECT count(*) FROM articles WHERE published_year IS NULL");
    QCOMPARE(model.undatedCount(), int(scalar(undatedSql, binds)));
    const QString relationSql = focused ? QStringLiteral("SELECT count(*) FROM relations WHERE year IS NOT NULL AND"
                                                         " (a = ? OR b = ?)")
                                        : QStringLiteral("SELECT count(*) FROM relations WHERE year IS NOT NULL");
    QCOMPARE(relations, int(scalar(relationSql, focused ? QVariantList { m_top, m_top } : QVariantList {})));
    QCOMPARE(model.toCsv().split(u'\n', Qt::SkipEmptyParts).size(), model.rowCount() + 2); // header, undated
}

void TestChartModels::networkIsStableAndRanked()
{
    NetworkModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLimit(12);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(model.rowCount() > 2);
    QVERIFY(model.rowCount() <= 12);
    QCOMPARE(model.topCountry(), m_top);
    for (int r = 1; r < model.rowCount(); ++r)
        QVERIFY(model.mentions(r) <= model.mentions(r - 1));
    QVERIFY(!model.edges().isEmpty());
    for (const NetworkModel::Edge &e : model.edges()) {
        QVERIFY(e.from < e.to);
        QVERIFY(e.to < model.rowCount());
        QVERIFY(e.count >= e.cooperation + e.conflict);
        QVERIFY(e.netTone() >= -1 && e.netTone() <= 1);
    }
    // Same store, same picture.
    NetworkModel again;
    QAbstractItemModelTester againTester(&again, QAbstractItemModelTester::FailureReportingMode::QtTest);
    again.setLimit(12);
    QVERIFY(again.setSession(StoreSession::open(m_path)));
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(again.rowCount(), model.rowCount());
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(again.code(r), model.code(r));
        QCOMPARE(again.position(r), model.position(r));
        QVERIFY(std::abs(model.position(r).x()) <= 1.0001 && std::abs(model.position(r).y()) <= 1.0001);
    }
    const QStringList csv = model.toCsv().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(csv.size(), model.edges().size() + 1);
    QVERIFY(csv.first().startsWith(QLatin1String("a,b,name_a,name_b,mentions_a,mentions_b,relations")));
}

QTEST_GUILESS_MAIN(TestChartModels)
#include "tst_chartmodels.moc"

// KwicModel and Hits: every hit of a full-text search as a line of context, checked against the
// texts of a real store, not against the SQL that found them.
#include "articlelistmodel.h"
#include "hits.h"
#include "kwicmodel.h"
#include "samplestore.h"
#include "textoffsets.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace entente;

class TestKwicModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyHitIsWhatTheQueryMatches_data();
    void everyHitIsWhatTheQueryMatches();
    void foldsCaseAndDiacriticsAndCountsCodePoints();
    void contextIsTheTextAroundTheHit();
    void sortsByContextDateAndArticle_data();
    void sortsByContextDateAndArticle();
    void capStopsAndSaysSo();
    void followsTheListsOtherFilters();
    void unparsableQueryIsReported();
    void readerSpansAreTheLines();
    void csvHasALinePerHit();
    void backgroundReadsKeepOnlyTheLatest();
    void shownQueryDropsAPhrasesOwnQuotes();
    void articleListCountsHitsAndSortsByRelevance();

private:
    [[nodiscard]] QString textOf(const Store &store, qint64 id) const;
    [[nodiscard]] ArticleFilter search(const QString &query) const;

    QTemporaryDir m_dir;
    QString m_path;
    QString m_foreignPath; // a store of one article with diacritics and a character beyond 16 bits
    Store m_store;
    std::shared_ptr<StoreSession> m_session;
};

void TestKwicModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = test::importSamples(m_dir);
    QVERIFY(!m_path.isEmpty());
    QVERIFY(m_store.open(m_path, Store::OpenMode::ReadOnly));
    m_session = StoreSession::open(m_path);
    QVERIFY(m_session);

    // 🌍 is two UTF-16 units and one code point: every offset after it differs between the two.
    QDir dir(m_dir.path());
    QVERIFY(dir.mkdir(QStringLiteral("foreign")));
    QFile file(dir.filePath(QStringLiteral("foreign/turkiye.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("Ankara talks\n\n🌍 Türkiye and TURKIYE met in Ankara. The minister of Türkiye said the "
                              "talks with São Tomé went well; turkiye's envoy agreed.\n")
                   .toUtf8());
    file.close();
    m_foreignPath = dir.filePath(QStringLiteral("foreign.entente"));
    {
        Store create;
        QVERIFY(create.open(m_foreignPath, Store::OpenMode::CreateIfMissing));
    }
    Importer importer(m_foreignPath);
    QVERIFY(importer.run({ file.fileName() }).ok());
}

QString TestKwicModel::textOf(const Store &store, qint64 id) const
{
    QSqlQuery q(store.database());
    q.prepare(QStringLiteral("SELECT text FROM articles WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

ArticleFilter TestKwicModel::search(const QString &query) const
{
    ArticleFilter f;
    f.textQuery = query;
    return f;
}

void TestKwicModel::everyHitIsWhatTheQueryMatches_data()
{
    QTest::addColumn<QString>("query");
    // What FTS5's unicode61 tokenizer makes of the query, written as a pattern over the raw text.
    QTest::addColumn<QString>("pattern");
    const QString edge = QStringLiteral("(?<![\\p{L}\\p{N}])");
    const QString end = QStringLiteral("(?![\\p{L}\\p{N}])");
    QTest::newRow("one word, any case") << QStringLiteral("china") << edge + QStringLiteral("china") + end;
    QTest::newRow("prefix term") << QStringLiteral("diplom*") << edge + QStringLiteral("diplom[\\p{L}\\p{N}]*");
    QTest::newRow("phrase across punctuation")
        << QStringLiteral("\"central asia\"") << edge + QStringLiteral("central[^\\p{L}\\p{N}]+asia") + end;
    QTest::newRow("either of two words") << QStringLiteral("summit OR kazakhstan")
                                         << edge + QStringLiteral("(summit|kazakhstan)") + end;
}

void TestKwicModel::everyHitIsWhatTheQueryMatches()
{
    QFETCH(QString, query);
    QFETCH(QString, pattern);
    KwicModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(m_session);
    QVERIFY(model.setFilter(search(query)));
    QVERIFY(model.queryError().isEmpty());
    QVERIFY(!model.isCapped());
    QVERIFY(model.rowCount() > 0);

    const QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
    QVERIFY(re.isValid());
    // Every line is a match of the pattern at its offsets...
    QHash<qint64, QList<std::pair<qsizetype, qsizetype>>> lines;
    for (int row = 0; row < model.rowCount(); ++row) {
        const Hit &h = model.hit(row);
        const QString text = textOf(m_store, h.article);
        const CodePointMap map(text);
        const qsizetype start = map.toUtf16(h.start);
        const qsizetype end = map.toUtf16(h.end);
        const QString at = text.mid(start, end - start);
        const QRegularExpressionMatch m
            = re.match(text, start, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
        QVERIFY2(m.hasMatch() && m.capturedEnd() == end, qPrintable(QStringLiteral("%1 at %2").arg(at).arg(start)));
        QCOMPARE(h.match, at.simplified());
        QCOMPARE(model.index(row, KwicModel::HitColumn).data().toString(), h.match);
        QCOMPARE(model.index(row, KwicModel::DateColumn).data(KwicModel::ArticleIdRole).toLongLong(), h.article);
        lines[h.article].append({ start, end });
    }
    // ...and every match of the pattern in every text is a line.
    int expected = 0;
    for (qint64 id : test::articleIds(m_store)) {
        const QString text = textOf(m_store, id);
        auto it = re.globalMatch(text);
        QList<std::pair<qsizetype, qsizetype>> found;
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            found.append({ m.capturedStart(), m.capturedEnd() });
        }
        expected += int(found.size());
        QList<std::pair<qsizetype, qsizetype>> got = lines.value(id);
        std::sort(got.begin(), got.end());
        QCOMPARE(got, found);
    }
    QCOMPARE(model.rowCount(), expected);
}

void TestKwicModel::foldsCaseAndDiacriticsAndCountsCodePoints()
{
    KwicModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(StoreSession::open(m_foreignPath));
    QVERIFY(model.setFilter(search(QStringLiteral("turkiye"))));
    QStringList matches;
    for (int row = 0; row < model.rowCount(); ++row)
        matches << model.hit(row).match;
    QCOMPARE(matches,
        QStringList({ QStringLiteral("Türkiye"), QStringLiteral("TURKIYE"), QStringLiteral("Türkiye"),
            QStringLiteral("turkiye") }));
    Store store;
    QVERIFY(store.open(m_foreignPath, Store::OpenMode::ReadOnly));
    const QString text = textOf(store, model.hit(0).article);
    const qsizetype utf16 = text.indexOf(QStringLiteral("Türkiye"));
    QVERIFY(utf16 > 0);
    // One code point less than UTF-16 units: the globe before it.
    QCOMPARE(model.hit(0).start, utf16 - 1);
    QCOMPARE(model.hit(0).end, utf16 - 1 + 7);
    QVERIFY(model.setFilter(search(QStringLiteral("\"sao tome\""))));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.hit(0).match, QStringLiteral("São Tomé"));
}

void TestKwicModel::contextIsTheTextAroundTheHit()
{
    KwicModel model;
    model.setSession(StoreSession::open(m_foreignPath));
    QVERIFY(model.setFilter(search(QStringLiteral("minister"))));
    QCOMPARE(model.rowCount(), 1);
    // The line break before "Türkiye" is a space; context is cut at whole words.
    QCOMPARE(model.index(0, KwicModel::LeftColumn).data().toString(),
        QStringLiteral("🌍 Türkiye and TURKIYE met in Ankara. The "));
    QVERIFY(model.index(0, KwicModel::RightColumn).data().toString().startsWith(QStringLiteral(" of Türkiye said")));
    QCOMPARE(model.index(0, KwicModel::ArticleColumn).data().toString(), QStringLiteral("Ankara talks"));
    QCOMPARE(model.index(0, KwicModel::LeftColumn).data(Qt::TextAlignmentRole).toInt(),
        int(Qt::AlignRight | Qt::AlignVCenter));

    Hits::Options o;
    o.query = QStringLiteral("minister");
    o.contextChars = 12;
    QList<Hit> hits;
    QVERIFY(Hits::find(*StoreSession::open(m_foreignPath)->reader(), o, [&](const HitArticle &, const QList<Hit> &h) {
        hits += h;
        return true;
    }));
    QCOMPARE(hits.size(), 1);
    // 12 characters before are "Ankara. The " (whole words); after, " of Türkiye s" loses its cut word.
    QCOMPARE(hits.at(0).left, QStringLiteral("Ankara. The "));
    QCOMPARE(hits.at(0).right, QStringLiteral(" of Türkiye"));
}

void TestKwicModel::sortsByContextDateAndArticle_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    for (int order : { int(Qt::AscendingOrder), int(Qt::DescendingOrder) }) {
        const char *way = order == Qt::AscendingOrder ? "ascending" : "descending";
        QTest::addRow("left context, %s", way) << int(KwicModel::LeftColumn) << order;
        QTest::addRow("right context, %s", way) << int(KwicModel::RightColumn) << order;
        QTest::addRow("date, %s", way) << int(KwicModel::DateColumn) << order;
        QTest::addRow("article, %s", way) << int(KwicModel::ArticleColumn) << order;
    }
}

void TestKwicModel::sortsByContextDateAndArticle()
{
    QFETCH(int, column);
    QFETCH(int, order);
    KwicModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(m_session);
    QVERIFY(model.setFilter(search(QStringLiteral("china"))));
    const int rows = model.rowCount();
    QVERIFY(rows > 20);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QVERIFY(layout.isValid());
    model.sort(column, Qt::SortOrder(order));
    QCOMPARE(layout.size(), 1);
    QCOMPARE(model.rowCount(), rows);
    // The key of a line as a reader would sort it.
    const auto key = [&](int row) -> QString {
        const QString shown = model.index(row, column).data().toString();
        if (column == KwicModel::LeftColumn) {
            // The words before the hit, nearest first.
            QStringList words = shown.toCaseFolded().split(u' ', Qt::SkipEmptyParts);
            std::reverse(words.begin(), words.end());
            return words.join(u' ');
        }
        // Dates as stored ("undated" is shown for none, which sorts first).
        return column == KwicModel::DateColumn ? model.article(row).published : shown.toCaseFolded().trimmed();
    };
    int changes = 0;
    for (int row = 1; row < rows; ++row) {
        const int c = key(row - 1).compare(key(row));
        QVERIFY2(order == Qt::AscendingOrder ? c <= 0 : c >= 0,
            qPrintable(QStringLiteral("row %1: “%2” then “%3”").arg(row).arg(key(row - 1), key(row))));
        changes += c != 0;
    }
    QVERIFY(changes > 0); // the lines do differ in that column: the order means something
    if (column == KwicModel::LeftColumn && order == Qt::AscendingOrder) {
        // The word right before the hit decides first: "…with China" before "…in China" would be wrong.
        const auto lastWord = [&](int row) { return key(row).section(u' ', 0, 0); };
        for (int row = 1; row < rows; ++row)
            QVERIFY(lastWord(row - 1) <= lastWord(row));
    }
}

void TestKwicModel::capStopsAndSaysSo()
{
    KwicModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(m_session);
    QVERIFY(model.setFilter(search(QStringLiteral("the"))));
    const int all = model.rowCount();
    QVERIFY(!model.isCapped());
    QVERIFY(all > 40);
    model.setCap(40);
    model.reload();
    QCOMPARE(model.rowCount(), 40);
    QVERIFY(model.isCapped());
    QCOMPARE(model.cap(), 40);
    // The lines kept are the first ones read: the newest article's first.
    model.setCap(all);
    model.reload();
    QCOMPARE(model.rowCount(), all);
    QVERIFY(!model.isCapped()); // exactly as many as there are: nothing left out
}

void TestKwicModel::followsTheListsOtherFilters()
{
    // A year that holds some of the articles with hits, not all.
    QSqlQuery q(m_store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT published_year, count(*) FROM articles WHERE published_year IS NOT NULL"
                                  " GROUP BY published_year ORDER BY 2 LIMIT 1")));
    QVERIFY(q.next());
    const int year = q.value(0).toInt();
    KwicModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(m_session);
    ArticleFilter f = search(QStringLiteral("china"));
    QVERIFY(model.setFilter(f));
    const int all = model.rowCount();
    f.yearFrom = f.yearTo = year;
    QVERIFY(model.setFilter(f));
    QVERIFY(model.rowCount() > 0);
    QVERIFY(model.rowCount() < all);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.article(row).published.left(4).toInt(), year);
    // The articles listed are the articles with lines.
    ArticleListModel list;
    QVERIFY(list.setSession(m_session));
    list.setFilter(f); // a search answers from a worker
    QTRY_VERIFY(!list.isBusy());
    QVERIFY(list.queryError().isEmpty());
    QSet<qint64> listed, withLines;
    for (int row = 0; row < list.rowCount(); ++row)
        listed.insert(list.articleId(row));
    for (int row = 0; row < model.rowCount(); ++row)
        withLines.insert(model.hit(row).article);
    QCOMPARE(withLines, listed);
    QCOMPARE(model.articleCount(), int(listed.size()));
}

void TestKwicModel::unparsableQueryIsReported()
{
    KwicModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(m_session);
    QVERIFY(!model.setFilter(search(QStringLiteral("\"unclosed"))));
    QVERIFY(model.queryError().contains(QStringLiteral("unclosed")));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.setFilter(search({})));
    QVERIFY(model.queryError().isEmpty());
    QCOMPARE(model.rowCount(), 0);
}

void TestKwicModel::readerSpansAreTheLines()
{
    KwicModel model;
    model.setSession(m_session);
    QVERIFY(model.setFilter(search(QStringLiteral("diplom*"))));
    const qint64 id = model.hit(0).article;
    const QString text = textOf(m_store, id);
    const CodePointMap map(text);
    QList<std::pair<qsizetype, qsizetype>> fromLines;
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.hit(row).article == id)
            fromLines.append({ map.toUtf16(model.hit(row).start), map.toUtf16(model.hit(row).end) });
    QCOMPARE(Hits::spansIn(m_store, id, QStringLiteral("diplom*")), fromLines);
    QVERIFY(Hits::spansIn(m_store, id, {}).isEmpty());
    QCOMPARE(model.rowOf(id, 0), 0);
    QVERIFY(model.hit(1).article == id);
    QCOMPARE(model.rowOf(id, model.hit(1).start), 1);
    QCOMPARE(model.rowOf(id, model.hit(0).start + 1), 0); // inside the first hit
}

void TestKwicModel::csvHasALinePerHit()
{
    KwicModel model;
    model.setSession(m_session);
    QVERIFY(model.setFilter(search(QStringLiteral("\"central asia\""))));
    model.sort(KwicModel::RightColumn, Qt::AscendingOrder);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QString error;
    QVERIFY(model.writeCsv(&buffer, &error));
    const QList<QByteArray> lines = buffer.data().split('\n');
    QCOMPARE(lines.first(), QByteArray("article_id,date,title,left,hit,right,start,end"));
    QCOMPARE(lines.size(), model.rowCount() + 2); // the header, a line each, the last newline
    // In the order shown, start and end last.
    const QList<QByteArray> first = lines.at(1).split(',');
    QCOMPARE(first.first().toLongLong(), model.hit(0).article);
    QCOMPARE(first.at(first.size() - 2).toLongLong(), model.hit(0).start);
    QCOMPARE(first.last().toLongLong(), model.hit(0).end);

    // The store-wide writer gives the same hits (in the store's order).
    QBuffer all;
    QVERIFY(all.open(QIODevice::WriteOnly));
    Hits::Options o;
    o.query = QStringLiteral("\"central asia\"");
    QCOMPARE(Hits::writeCsv(m_store, o, &all, &error), qint64(model.rowCount()));
    QList<QByteArray> a = all.data().split('\n'), b = lines;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    QCOMPARE(a, b);
}

void TestKwicModel::backgroundReadsKeepOnlyTheLatest()
{
    KwicModel inCall;
    inCall.setSession(m_session);
    QVERIFY(inCall.setFilter(search(QStringLiteral("diplom*"))));
    QVERIFY(inCall.rowCount() > 0);

    KwicModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBackground(true);
    QSignalSpy finished(&model, &KwicModel::readFinished);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(finished.isValid() && reset.isValid());
    model.setSession(m_session, search(QStringLiteral("china")));
    QVERIFY(model.isReading());
    // A second search before the first is in: only its lines are ever shown.
    QVERIFY(model.setFilter(search(QStringLiteral("diplom*"))));
    QTRY_VERIFY(!model.isReading());
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), inCall.rowCount());
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.hit(row).article, inCall.hit(row).article);
        QCOMPARE(model.hit(row).start, inCall.hit(row).start);
        QCOMPARE(model.hit(row).match, inCall.hit(row).match);
    }
    // No search: empty at once, no thread.
    QVERIFY(model.setFilter(search({})));
    QVERIFY(!model.isReading());
    QCOMPARE(model.rowCount(), 0);
}

void TestKwicModel::shownQueryDropsAPhrasesOwnQuotes()
{
    QCOMPARE(Hits::shownQuery(QStringLiteral(" \"security council\" ")), QStringLiteral("security council"));
    QCOMPARE(Hits::shownQuery(QStringLiteral("\"a b\" OR \"c d\"")), QStringLiteral("\"a b\" OR \"c d\""));
    QCOMPARE(Hits::shownQuery(QStringLiteral("russ*")), QStringLiteral("russ*"));
    QCOMPARE(Hits::shownQuery(QStringLiteral("\"\"")), QStringLiteral("\"\""));
}

void TestKwicModel::articleListCountsHitsAndSortsByRelevance()
{
    ArticleListModel list;
    QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(list.setSession(m_session));
    list.setFilter(search(QStringLiteral("diplom*"))); // a search answers from a worker
    QTRY_VERIFY(!list.isBusy());
    QVERIFY(list.queryError().isEmpty());
    QVERIFY(list.rowCount() > 1);
    const QRegularExpression re(
        QStringLiteral("(?<![\\p{L}\\p{N}])diplom[\\p{L}\\p{N}]*"), QRegularExpression::CaseInsensitiveOption);
    for (int row = 0; row < list.rowCount(); ++row) {
        const qint64 id = list.articleId(row);
        QSqlQuery q(m_store.database());
        q.prepare(QStringLiteral("SELECT title || ' ' || text FROM articles WHERE id = ?"));
        q.addBindValue(id);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(list.index(row, ArticleListModel::HitsColumn).data().toInt(), int(q.value(0).toString().count(re)));
    }
    list.sort(ArticleListModel::HitsColumn, Qt::DescendingOrder);
    QTRY_VERIFY(!list.isBusy());
    QList<qint64> ranked;
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), "
                             "rowid DESC"));
    q.addBindValue(QStringLiteral("diplom*"));
    QVERIFY(q.exec());
    while (q.next())
        ranked << q.value(0).toLongLong();
    QList<qint64> shown;
    for (int row = 0; row < list.rowCount(); ++row)
        shown << list.articleId(row);
    QCOMPARE(shown, ranked);
    // Without a search the column is empty and sorting on it is by date.
    list.setFilter({}); // a search answers from a worker
    QTRY_VERIFY(!list.isBusy());
    QVERIFY(list.queryError().isEmpty());
    QVERIFY(!list.index(0, ArticleListModel::HitsColumn).data().isValid());
}

QTEST_GUILESS_MAIN(TestKwicModel)
#include "tst_kwicmodel.moc"

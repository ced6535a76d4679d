// ArticleListModel: the Articles table, filtered by the Selection's parts and by full-text
// queries, loaded in pages.
#include "articledocument.h"
#include "articlelistmodel.h"
#include "samplestore.h"
#include "schema.h"
#include "storesession.h"

#include <QAbstractItemModelTester>
#include <QDate>
#include <QFile>
#include <QFont>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <QRegularExpression>

using namespace entente;

Q_DECLARE_METATYPE(entente::ArticleFilter)

namespace {

// The rows' dates in the list's order; undated rows sort as the empty string.
QStringList listedDates(const ArticleListModel &model)
{
    QStringList dates;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString precision = model.index(row, 0).data(ArticleListModel::PrecisionRole).toString();
        dates << (precision == u"unknown" ? QString() : model.index(row, 0).data().toString());
    }
    return dates;
}

} // namespace

class TestArticleListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listsEveryArticleUnfiltered();
    void filterKeepsOnlyWhatMatches_data();
    void filterKeepsOnlyWhatMatches();
    void unparsableQueryIsReported_data();
    void unparsableQueryIsReported();
    void sortsByDate();
    void answersOnWorkerForEveryFilter();
    void countriesAreTheOnesItIsAbout();
    void mentionsToggleWidensTheFocus();
    void schemaOneStoreCountsMentions();
    void emptyPathEmpties();
    void openingWordsStandForAMissingHeadline_data();
    void openingWordsStandForAMissingHeadline();
    void headlessArticleShowsItsOpeningWords();
    void refreshInsertsWhatAnImportAdded_data();
    void refreshInsertsWhatAnImportAdded();
    void fetchMoreDuringAnImportRepeatsNoRow();

private:
    // Whether article `id` satisfies `f`, checked from its document, not through SQL.
    bool satisfies(qint64 id, const ArticleFilter &f);

    QTemporaryDir m_dir;
    QString m_path;
    Store m_store;
};

void TestArticleListModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = test::importSamples(m_dir);
    QVERIFY(!m_path.isEmpty());
    QVERIFY(m_store.open(m_path, Store::OpenMode::ReadOnly));
}

void TestArticleListModel::listsEveryArticleUnfiltered()
{
    ArticleListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    while (model.canFetchMore({}))
        model.fetchMore({});
    const qint64 articles = m_store.stats().articles;
    QCOMPARE(model.rowCount(), int(articles));
    QCOMPARE(model.totalCount(), articles);
    QCOMPARE(model.storeCount(), articles);
    QVERIFY(model.queryError().isEmpty());
    QSet<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        ids.insert(model.articleId(row));
        QCOMPARE(model.rowOfArticle(model.articleId(row)), row);
        QVERIFY(!model.index(row, ArticleListModel::TitleColumn).data().toString().isEmpty());
    }
    QCOMPARE(ids.size(), qsizetype(articles));
}

void TestArticleListModel::filterKeepsOnlyWhatMatches_data()
{
    QTest::addColumn<ArticleFilter>("filter");
    ArticleFilter f;
    f.focus = { QStringLiteral("country"), QStringLiteral("CHN") };
    QTest::addRow("focused country: articles that mention it") << f;
    f.includeMentions = true;
    QTest::addRow("focused country, articles that only mention it too") << f;
    f = {};
    f.focus = { QStringLiteral("country"), QStringLiteral("KAZ") };
    f.includeMentions = true;
    QTest::addRow("a country named in fewer articles") << f;
    f = {};
    f.focus = { QStringLiteral("country"), QStringLiteral("USA") };
    f.includeMentions = true;
    QTest::addRow("a country most articles only mention, with mentions") << f;
    f = {};
    f.focus = { QStringLiteral("person"), QStringLiteral("Xi Jinping") };
    f.includeMentions = true;
    QTest::addRow("a person: mentions, whatever the toggle") << f;
    f = {};
    f.yearFrom = 2023;
    f.yearTo = 2023;
    QTest::addRow("one year: undated and other years left out") << f;
    f = {};
    f.yearFrom = 2000;
    QTest::addRow("open-ended range: from a year on") << f;
    f = {};
    f.pairA = QStringLiteral("CHN");
    f.pairB = QStringLiteral("RUS");
    QTest::addRow("pair: a relation between the two, either way") << f;
    f.pairA = QStringLiteral("RUS");
    f.pairB = QStringLiteral("CHN");
    QTest::addRow("pair given the other way round") << f;
    f = {};
    f.textQuery = QStringLiteral("\"Central Asia\"");
    QTest::addRow("phrase query") << f;
    f = {};
    f.textQuery = QStringLiteral("diplom*");
    QTest::addRow("prefix query") << f;
    f = {};
    f.textQuery = QStringLiteral("summit");
    f.focus = { QStringLiteral("country"), QStringLiteral("CHN") };
    f.yearFrom = 2022;
    f.yearTo = 2023;
    QTest::addRow("every part at once narrows further") << f;
}

bool TestArticleListModel::satisfies(qint64 id, const ArticleFilter &f)
{
    ArticleDocument doc;
    if (!doc.load(m_store, id))
        return false;
    if (f.focus.kind == u"country") {
        // The article's ranked countries: about it, or with includeMentions any of them.
        const QList<CountrySalience> countries = m_store.loadCountries(id);
        const bool listed = std::any_of(countries.cbegin(), countries.cend(),
            [&f](const CountrySalience &c) { return c.id == f.focus.key && (c.about || f.includeMentions); });
        if (!listed)
            return false;
    } else if (!f.focus.isNull()) {
        const bool mentioned = std::any_of(doc.mentions.cbegin(), doc.mentions.cend(), [&f](const auto &m) {
            return (m.kind == f.focus.kind && m.key == f.focus.key)
                || (f.focus.kind == u"country" && m.kind == u"person" && m.country == f.focus.key);
        });
        if (!mentioned)
            return false;
    }
    if (f.yearFrom != 0) {
        const int year = doc.record.published.date.year;
        if (!doc.record.published.date.isValid() || year < f.yearFrom || (f.yearTo != 0 && year > f.yearTo))
            return false;
    }
    if (!f.pairA.isEmpty()) {
        const bool related = std::any_of(doc.relations.cbegin(), doc.relations.cend(),
            [&f](const auto &r) { return (r.a == f.pairA && r.b == f.pairB) || (r.a == f.pairB && r.b == f.pairA); });
        if (!related)
            return false;
    }
    if (!f.textQuery.isEmpty()) {
        // Enough for the queries above (a phrase, a prefix, one word), as the FTS5 tokenizer
        // sees them: whole words, any punctuation between the words of a phrase.
        QString needle = f.textQuery;
        const bool prefix = needle.endsWith(u'*');
        needle.remove(u'"').remove(u'*');
        QStringList words = needle.split(u' ', Qt::SkipEmptyParts);
        for (QString &w : words)
            w = QRegularExpression::escape(w);
        const QRegularExpression re(
            QStringLiteral("\\b") + words.join(QStringLiteral("\\W+")) + (prefix ? QString() : QStringLiteral("\\b")),
            QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
        if (!re.match(doc.record.title + u'\n' + doc.record.text).hasMatch())
            return false;
    }
    return true;
}

void TestArticleListModel::filterKeepsOnlyWhatMatches()
{
    QFETCH(ArticleFilter, filter);
    ArticleListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(reset.isValid());
    model.setFilter(filter); // a search answers from a worker
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(model.queryError().isEmpty());
    QCOMPARE(reset.count(), 1);
    QVERIFY(model.queryError().isEmpty());
    QCOMPARE(model.filter(), filter);
    while (model.canFetchMore({}))
        model.fetchMore({});
    // Exactly the articles that satisfy the filter, checked one by one from their documents.
    int expected = 0;
    for (qint64 id : test::articleIds(m_store)) {
        const bool wanted = satisfies(id, filter);
        expected += wanted ? 1 : 0;
        QCOMPARE(model.rowOfArticle(id) >= 0, wanted);
        QCOMPARE(model.matches(id), wanted);
    }
    QVERIFY2(expected > 0, "the row is meant to keep something");
    QCOMPARE(model.rowCount(), expected);
    QCOMPARE(model.totalCount(), qint64(expected));
    QVERIFY(model.totalCount() <= model.storeCount());

    // Setting the same filter again does not re-query.
    model.setFilter(filter); // a search answers from a worker
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(model.queryError().isEmpty());
    QCOMPARE(reset.count(), 1);
    model.setFilter({}); // a search answers from a worker
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(model.queryError().isEmpty());
    QCOMPARE(model.totalCount(), model.storeCount());
}

void TestArticleListModel::unparsableQueryIsReported_data()
{
    QTest::addColumn<QString>("query");
    QTest::addRow("unclosed phrase") << QStringLiteral("\"central asia");
    QTest::addRow("a lone operator") << QStringLiteral("AND");
    QTest::addRow("punctuation FTS5 reads as syntax") << QStringLiteral("china-russia)");
}

void TestArticleListModel::unparsableQueryIsReported()
{
    QFETCH(QString, query);
    ArticleListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    ArticleFilter f;
    f.textQuery = query;
    model.setFilter(f); // a search answers from a worker
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(!model.queryError().isEmpty());
    QVERIFY(!model.queryError().isEmpty());
    QVERIFY(model.queryError().contains(query));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    // A good query clears the message.
    f.textQuery = QStringLiteral("china");
    model.setFilter(f); // a search answers from a worker
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(model.queryError().isEmpty());
    QVERIFY(model.queryError().isEmpty());
    QVERIFY(model.rowCount() > 0);
}

void TestArticleListModel::sortsByDate()
{
    ArticleListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
        model.sort(ArticleListModel::DateColumn, order);
        QTRY_VERIFY(!model.isBusy());
        const QStringList dates = listedDates(model);
        QStringList sorted = dates;
        std::sort(sorted.begin(), sorted.end());
        if (order == Qt::DescendingOrder)
            std::reverse(sorted.begin(), sorted.end());
        QCOMPARE(dates, sorted);
    }
}

void TestArticleListModel::answersOnWorkerForEveryFilter()
{
    // As the window's Articles pane asks: a new session's first page, a focus and a new order all come from a worker;
    // the rows before stay until the answer, and the answer says whether the article read still passes.
    ArticleListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAnswersOnWorker(true);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QVERIFY(model.isBusy());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.storeCount() > 1);
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(qint64(model.rowCount()), model.storeCount());

    ArticleFilter f;
    f.focus = { QStringLiteral("country"), QStringLiteral("USA") };
    const QList<qint64> ids = test::articleIds(m_store);
    const auto passes = std::find_if_not(ids.cbegin(), ids.cend(), [&](qint64 id) { return satisfies(id, f); });
    QVERIFY2(passes != ids.cend(), "some sample is not about the United States");
    const qint64 kept = *passes; // an article the focus leaves out
    const int before = model.rowCount();
    QVERIFY(model.setFilter(f, kept));
    QVERIFY(model.isBusy());
    QCOMPARE(model.rowCount(), before); // the rows before, until the answer
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.filter(), f);
    int expected = 0;
    for (qint64 id : ids) {
        const bool wanted = satisfies(id, f);
        expected += wanted ? 1 : 0;
        QCOMPARE(model.rowOfArticle(id) >= 0, wanted);
    }
    QCOMPARE(model.rowCount(), expected);
    QVERIFY(!model.matches(kept));

    // A new order: its first page from the worker too.
    model.sort(ArticleListModel::DateColumn, Qt::AscendingOrder);
    QVERIFY(model.isBusy());
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.rowCount(), expected);
    const QStringList dates = listedDates(model);
    QStringList sorted = dates;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(dates, sorted);
}

void TestArticleListModel::countriesAreTheOnesItIsAbout()
{
    // The column is filled only when asked for (a block of rows at a time): every row must
    // still read what its document says, whichever row is asked first.
    ArticleListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QVERIFY(model.rowCount() > 0);
    int withMentioned = 0;
    for (int row = model.rowCount() - 1; row >= 0; --row) {
        const qint64 id = model.articleId(row);
        ArticleDocument doc;
        QVERIFY(doc.load(m_store, id));
        QStringList about;
        QStringList mentioned;
        for (const CountrySalience &c : m_store.loadCountries(id)) {
            // Every country listed is one the text names (itself, a person of it, its dateline place).
            const bool named = std::any_of(doc.mentions.cbegin(), doc.mentions.cend(),
                [&c](const auto &m) { return m.key == c.id || m.country == c.id; });
            QVERIFY2(named, qPrintable(c.id));
            (c.about ? about : mentioned) << c.id;
        }
        QVERIFY2(!about.isEmpty(), qPrintable(doc.record.title)); // each sample is about China at least
        const QModelIndex index = model.index(row, ArticleListModel::CountriesColumn);
        QCOMPARE(index.data().toString(), about.mid(0, 6).join(QStringLiteral(", ")));
        const QString tip = index.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.startsWith(u"About: "), qPrintable(tip));
        QCOMPARE(tip.contains(u"Also mentioned"), !mentioned.isEmpty());
        withMentioned += mentioned.isEmpty() ? 0 : 1;
    }
    QVERIFY(withMentioned > 0); // not every country named is one the article is about
}

void TestArticleListModel::mentionsToggleWidensTheFocus()
{
    // The United States: named in most samples, the subject of few.
    ArticleListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    ArticleFilter f;
    f.focus = { QStringLiteral("country"), QStringLiteral("USA") };
    model.setFilter(f); // a search answers from a worker
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(model.queryError().isEmpty());
    const qint64 about = model.totalCount();
    const qint64 more = model.mentionOnlyCount();
    f.includeMentions = true;
    model.setFilter(f); // a search answers from a worker
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(model.queryError().isEmpty());
    const qint64 all = model.totalCount();
    QVERIFY2(all > about, qPrintable(QStringLiteral("%1 about, %2 with mentions").arg(about).arg(all)));
    QCOMPARE(more, all - about);
    QCOMPARE(model.mentionOnlyCount(), 0);
    // The toggle alone filters nothing.
    ArticleFilter toggleOnly;
    toggleOnly.includeMentions = true;
    QVERIFY(toggleOnly.isEmpty());
    QVERIFY(!f.isEmpty());
}

void TestArticleListModel::schemaOneStoreCountsMentions()
{
    // A store of schema 1 read as it is (read-only, not upgraded): the focus and the column count mentions,
    // as before the ranking.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.entente"));
    QVERIFY(QFile::copy(m_path, path));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("DROP TABLE article_countries")));
        // Schema 1 kept a row a sentence (schema 3 packs them): its table, as its migration made it.
        QString sentences;
        for (const QString &statement : migrationSteps(1)) {
            if (statement.startsWith(u"CREATE TABLE sentences"))
                sentences = statement;
        }
        QVERIFY(!sentences.isEmpty());
        QVERIFY(q.exec(sentences));
        QVERIFY(q.exec(QStringLiteral("DROP TABLE sentence_spans")));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM schema_version WHERE version >= 2")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=1")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
    ArticleListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(path)));
    ArticleFilter f;
    f.focus = { QStringLiteral("country"), QStringLiteral("USA") };
    model.setFilter(f); // a search answers from a worker
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(model.queryError().isEmpty());
    QVERIFY(model.queryError().isEmpty());
    int expected = 0;
    for (qint64 id : test::articleIds(m_store)) {
        ArticleDocument doc;
        QVERIFY(doc.load(m_store, id));
        const bool mentioned = std::any_of(doc.mentions.cbegin(), doc.mentions.cend(), [](const auto &m) {
            return (m.kind == u"country" && m.key == u"USA") || (m.kind == u"person" && m.country == u"USA");
        });
        expected += mentioned ? 1 : 0;
        QCOMPARE(model.matches(id), mentioned);
    }
    QCOMPARE(model.totalCount(), qint64(expected));
    QVERIFY(!model.index(0, ArticleListModel::CountriesColumn).data().toString().isEmpty());
}

void TestArticleListModel::emptyPathEmpties()
{
    ArticleListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QVERIFY(model.rowCount() > 0);
    QVERIFY(model.setSession(nullptr));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.articleId(0), qint64(-1));
}

void TestArticleListModel::openingWordsStandForAMissingHeadline_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("wire dateline dropped")
        << u"BEIJING, May 11, 2023 /PRNewswire/ — Since China established ties, trade grew."_qs
        << u"Since China established ties, trade grew."_qs;
    QTest::newRow("capitalised place and a hyphen") << u"ASTANA - Kazakhstan and Uzbekistan signed a border treaty."_qs
                                                    << u"Kazakhstan and Uzbekistan signed a border treaty."_qs;
    QTest::newRow("a dash inside the sentence stays")
        << u"The talks — long delayed — began in Geneva."_qs << u"The talks — long delayed — began in Geneva."_qs;
    QTest::newRow("first line only") << u"  Short opening line\nThe rest of the text."_qs << u"Short opening line"_qs;
    QTest::newRow("cut at a word with an ellipsis")
        << u"Delegations from forty countries gathered in the capital on Monday to discuss maritime boundaries, "
           "fishing rights and the protection of coral reefs."_qs
        << u"Delegations from forty countries gathered in the capital on Monday to discuss maritime…"_qs;
    QTest::newRow("nothing") << u"   "_qs << QString();
}

void TestArticleListModel::openingWordsStandForAMissingHeadline()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QString got = openingWords(text);
    QCOMPARE(got, expected);
    QVERIFY(got.size() <= 91);
}

void TestArticleListModel::headlessArticleShowsItsOpeningWords()
{
    // The PRNewswire sample has no headline of its own: its opening words stand in, in italics,
    // and the file name moves to the tooltip.
    ArticleListModel model;
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    int headless = -1;
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row, ArticleListModel::TitleColumn).data(ArticleListModel::HeadlessRole).toBool())
            headless = row;
    QVERIFY(headless >= 0);
    const QModelIndex title = model.index(headless, ArticleListModel::TitleColumn);
    QVERIFY2(title.data().toString().startsWith(u"Since China established diplomatic ties"),
        qPrintable(title.data().toString()));
    QVERIFY(title.data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(title.data(Qt::ToolTipRole).toString().contains(u"002_441c7837188b1294.txt"));
    // Articles with a headline show it, upright.
    const int other = headless == 0 ? 1 : 0;
    QVERIFY(!model.index(other, ArticleListModel::TitleColumn).data(ArticleListModel::HeadlessRole).toBool());
    QVERIFY(!model.index(other, ArticleListModel::TitleColumn).data(Qt::FontRole).value<QFont>().italic());
}

void TestArticleListModel::refreshInsertsWhatAnImportAdded_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::newRow("newest first") << int(ArticleListModel::DateColumn) << Qt::DescendingOrder;
    QTest::newRow("oldest first") << int(ArticleListModel::DateColumn) << Qt::AscendingOrder;
    QTest::newRow("by title") << int(ArticleListModel::TitleColumn) << Qt::AscendingOrder;
}

void TestArticleListModel::refreshInsertsWhatAnImportAdded()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QTemporaryDir dir;
    const std::shared_ptr<StoreSession> session = test::firstSamplesSession(dir, 2);
    QVERIFY(session);
    ArticleListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sort(column, order);
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(model.setSession(session));
    QCOMPARE(model.rowCount(), 2);
    const qint64 first = model.articleId(0), second = model.articleId(1);
    const QPersistentModelIndex kept(model.index(1, ArticleListModel::TitleColumn));
    const QString keptTitle = kept.data().toString();

    QVERIFY(test::importRest(session->path(), 2));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(reset.isValid());
    QVERIFY(inserted.isValid());
    model.refresh();

    QVERIFY(reset.isEmpty());
    QVERIFY(!inserted.isEmpty());
    QCOMPARE(model.totalCount(), 5);
    // New rows past the last one loaded are left to fetchMore(), as the list's next page.
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.storeCount(), 5);
    // Each old row is where the new order puts it, and an index on it followed it there.
    QVERIFY(model.rowOfArticle(first) < model.rowOfArticle(second));
    QCOMPARE(kept.row(), model.rowOfArticle(second));
    QCOMPARE(kept.data().toString(), keptTitle);
    // The same rows in the same order as a model that read the grown store from scratch.
    ArticleListModel fresh;
    fresh.sort(column, order);
    QVERIFY(fresh.setSession(session));
    QCOMPARE(fresh.rowCount(), 5);
    for (int row = 0; row < 5; ++row)
        QCOMPARE(model.articleId(row), fresh.articleId(row));
    // Nothing more to add: no signal at all.
    inserted.clear();
    model.refresh();
    QVERIFY(inserted.isEmpty());
    QVERIFY(reset.isEmpty());
}

void TestArticleListModel::fetchMoreDuringAnImportRepeatsNoRow()
{
    // More than a page of articles, one a day of 1990 on; then, as an import would commit them between two pages,
    // twenty newer ones that sort before every row loaded.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("paged.entente"));
    Store store;
    QVERIFY(store.open(path, Store::OpenMode::CreateIfMissing));
    store.close();
    const auto write = [&](const QString &name, int first, int count) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int day = first; day < first + count; ++day)
            f.write(QStringLiteral(
                "{\"title\": \"Day %1\", \"date\": \"%2\", \"text\": \"Report number %1 of the day.\"}\n")
                        .arg(day)
                        .arg(QDate(1990, 1, 1).addDays(day).toString(Qt::ISODate))
                        .toUtf8());
    };
    write(QStringLiteral("old.jsonl"), 0, 300);
    write(QStringLiteral("new.jsonl"), 1000, 20);
    QVERIFY(Importer(path).run({ dir.filePath(QStringLiteral("old.jsonl")) }).ok());
    const std::shared_ptr<StoreSession> session = StoreSession::open(path);
    QVERIFY(session);
    ArticleListModel model;
    QVERIFY(model.setSession(session)); // newest first
    QVERIFY(model.canFetchMore({}));
    QVERIFY(model.rowCount() < 300);

    QVERIFY(Importer(path).run({ dir.filePath(QStringLiteral("new.jsonl")) }).ok());
    while (model.canFetchMore({}))
        model.fetchMore({});
    QSet<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.insert(model.articleId(row));
    QCOMPARE(ids.size(), model.rowCount());
    QCOMPARE(model.rowCount(), 300);

    // The tester fetches every page as it is attached and on every signal: attached from the start, it would load
    // the whole list before the import and leave nothing to fetch during it. It checks the insertions that follow.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The import ends: the twenty go on top, by insertion.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(reset.isValid());
    model.refresh();
    QVERIFY(reset.isEmpty());
    QCOMPARE(model.rowCount(), 320);
    QCOMPARE(model.index(0, ArticleListModel::TitleColumn).data().toString(), QStringLiteral("Day 1019"));
    QCOMPARE(model.index(319, ArticleListModel::TitleColumn).data().toString(), QStringLiteral("Day 0"));
}

// A QGuiApplication: the model gives a font (italics) for titles that stand in for a headline.
QTEST_MAIN(TestArticleListModel)
#include "tst_articlelistmodel.moc"

// The reading panes driven offscreen in the real window, on a store of the sample corpus:
// Entities, Articles and the Reader follow one another through the Selection.
#include "annotationlegend.h"
#include "articledocument.h"
#include "articlelistmodel.h"
#include "articlespane.h"
#include "asyncquery.h"
#include "entitiespane.h"
#include "entitylistmodel.h"
#include "importer.h"
#include "kwicmodel.h"
#include "kwicpane.h"
#include "mainwindow.h"
#include "readerpane.h"
#include "selection.h"
#include "store.h"
#include "textoffsets.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>

using namespace entente;

namespace {

const EntityRef China { QStringLiteral("country"), QStringLiteral("CHN") };

// The character format the Reader gave the character at UTF-16 offset `offset` of the text.
QTextCharFormat formatAt(const ReaderPane *reader, qsizetype offset)
{
    QTextCursor c(reader->view()->document());
    c.setPosition(reader->bodyStart() + int(offset) + 1); // the format of the character before
    return c.charFormat();
}

// A point in the reader's viewport over the middle of the text span [start, end).
QPoint pointOver(ReaderPane *reader, qsizetype start, qsizetype end)
{
    QTextBrowser *view = reader->view();
    QTextCursor c(view->document());
    c.setPosition(reader->bodyStart() + int(start));
    view->setTextCursor(c);
    view->ensureCursorVisible();
    const qsizetype middle = start + std::max<qsizetype>(1, (end - start) / 2);
    c.setPosition(reader->bodyStart() + int(middle));
    const QRect caret = view->cursorRect(c);
    return { caret.left() - 2, caret.center().y() }; // just left of the caret: on the character before it
}

bool mentions(const ArticleDocument &doc, const EntityRef &e)
{
    return std::any_of(doc.mentions.cbegin(), doc.mentions.cend(), [&e](const auto &m) {
        return (m.kind == e.kind && m.key == e.key)
            || (e.kind == u"country" && m.kind == u"person" && m.country == e.key);
    });
}

QList<qint64> articleIds(const Store &store)
{
    QList<qint64> ids;
    QSqlQuery q(store.database());
    q.exec(QStringLiteral("SELECT id FROM articles ORDER BY id"));
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

} // namespace

class TestReadingPanes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void clickingCountryInEntitiesFocusesIt();
    void clickingAnnotationInReaderFocusesItsEntity();
    void typingInEntityFilterFocusesOnlyOnEnter();
    void badQueryShowsMessage();
    void searchShowsHitsInContextAndReaderGoesFromHitToHit();
    void mentionsToggleAddsArticlesThatOnlyMentionIt();
    void yearRangeFiltersArticles();
    void tooltipsAndLegend();
    void findAndScrollToSentence();
    void keyboardReachesEveryPane();
    void screenshots();

private:
    QTemporaryDir m_dir;
    QString m_path;
    Store m_store;
    std::unique_ptr<MainWindow> m_window;
    ReaderPane *m_reader = nullptr;
    ArticlesPane *m_articles = nullptr;
    EntitiesPane *m_entities = nullptr;
};

void TestReadingPanes::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EntenteTest"));
    QCoreApplication::setApplicationName(QStringLiteral("EntenteReadingTest"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("samples.entente"));
    {
        Store create;
        QVERIFY(create.open(m_path, Store::OpenMode::CreateIfMissing));
    }
    Importer importer(m_path);
    const ImportSummary summary = importer.run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY(summary.ok());
    QVERIFY(summary.totals.imported > 1);
    QVERIFY(m_store.open(m_path, Store::OpenMode::ReadOnly));
}

void TestReadingPanes::init()
{
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openStore(m_path));
    QTRY_VERIFY(!m_window->isOpening()); // the first focus comes from a worker
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_reader = m_window->findChild<ReaderPane *>(QStringLiteral("readerPane"));
    m_articles = m_window->findChild<ArticlesPane *>(QStringLiteral("articlesPane"));
    m_entities = m_window->findChild<EntitiesPane *>(QStringLiteral("entitiesPane"));
    QVERIFY(m_reader && m_articles && m_entities);
    // The articles, the entity list, the charts and the counts come from workers.
    QTRY_COMPARE(AsyncQuery::busyCount(), 0);
    QVERIFY(m_articles->view()->model()->rowCount() > 0);
}

void TestReadingPanes::cleanup()
{
    m_window.reset();
}

void TestReadingPanes::clickingCountryInEntitiesFocusesIt()
{
    Selection *selection = m_window->selection();
    QAbstractItemModelTester tester(
        m_entities->view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    selection->clearFocus();
    QVERIFY(selection->focus().isNull());
    auto *model = qobject_cast<EntityListModel *>(m_entities->proxy()->sourceModel());
    QVERIFY(model);
    QTreeView *view = m_entities->view();
    const QModelIndex china = m_entities->proxy()->mapFromSource(model->indexOf(China));
    QVERIFY(china.isValid());
    view->expand(china.parent());
    view->scrollTo(china);
    QSignalSpy focusChanged(selection, &Selection::focusChanged);
    QVERIFY(focusChanged.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(china).center());
    QCOMPARE(selection->focus(), China);
    QCOMPARE(focusChanged.count(), 1); // the pane selecting the focus itself sends nothing back
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles are counted on a worker

    // Articles: only those that mention China (or one of its people), fewer than all of them.
    auto *articles = qobject_cast<ArticleListModel *>(m_articles->view()->model());
    QVERIFY(articles);
    QCOMPARE(articles->filter().focus, China);
    QVERIFY(articles->rowCount() > 0);
    for (int row = 0; row < articles->rowCount(); ++row) {
        ArticleDocument doc;
        QVERIFY(doc.load(m_store, articles->articleId(row)));
        QVERIFY2(mentions(doc, China), qPrintable(doc.record.title));
    }
    QVERIFY(m_articles->summaryLabel()->text().contains(QLatin1String("China")));

    // Reader: an article of the list, with China's mentions emphasised and others not.
    QVERIFY(articles->rowOfArticle(selection->article()) >= 0);
    const ArticleDocument &doc = m_reader->document();
    QCOMPARE(doc.id, selection->article());
    const bool dark = AnnotationLegend::isDark(m_reader->palette());
    int strong = 0;
    int plain = 0;
    for (int i = 0; i < doc.mentions.size(); ++i) {
        const auto &m = doc.mentions.at(i);
        // Inner spans only: an event's name around a country keeps the country's colour.
        if (m.kind != u"country" || m.end - m.start < 2 || doc.mentionsAt(m.start).first() != i)
            continue;
        const QTextCharFormat f = formatAt(m_reader, m.start);
        const bool focused = m.key == China.key;
        QCOMPARE(f.background().color(), AnnotationLegend::kindColor(m.kind, dark, focused));
        if (focused)
            QVERIFY(f.fontWeight() >= QFont::Bold);
        (focused ? strong : plain) += 1;
    }
    QVERIFY(strong > 0);
    QVERIFY(plain > 0); // the samples name other countries beside China

    // Another country moves the emphasis.
    const QModelIndex countries = china.parent();
    QModelIndex other;
    for (int row = 0; row < m_entities->proxy()->rowCount(countries) && !other.isValid(); ++row) {
        const QModelIndex i = m_entities->proxy()->index(row, 0, countries);
        if (i.data(EntityListModel::KeyRole).toString() != China.key)
            other = i;
    }
    QVERIFY(other.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(other).center());
    QCOMPARE(selection->focus().key, other.data(EntityListModel::KeyRole).toString());
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles are counted on a worker
    QCOMPARE(articles->filter().focus, selection->focus());
    const ArticleDocument &now = m_reader->document();
    for (int i = 0; i < now.mentions.size(); ++i) {
        const auto &m = now.mentions.at(i);
        if (m.kind == u"country" && m.key == China.key && now.mentionsAt(m.start).first() == i)
            QCOMPARE(
                formatAt(m_reader, m.start).background().color(), AnnotationLegend::kindColor(m.kind, dark, false));
    }
}

void TestReadingPanes::typingInEntityFilterFocusesOnlyOnEnter()
{
    Selection *selection = m_window->selection();
    selection->setFocus(China);
    QCOMPARE(selection->focus(), China);
    QTRY_COMPARE(AsyncQuery::busyCount(), 0);
    QSortFilterProxyModel *proxy = m_entities->proxy();
    auto *model = qobject_cast<EntityListModel *>(proxy->sourceModel());
    QVERIFY(model);
    // Another country of the samples, named by the first letters of its name.
    const QModelIndex countries = proxy->mapFromSource(model->indexOf(China)).parent();
    QString other;
    for (int row = 0; row < proxy->rowCount(countries) && other.isEmpty(); ++row) {
        const QModelIndex i = proxy->index(row, 0, countries);
        if (i.data(EntityListModel::KeyRole).toString() != China.key)
            other = i.data(Qt::DisplayRole).toString();
    }
    QVERIFY(other.size() >= 4);
    const QString prefix = other.left(4).toLower();

    QSignalSpy focusChanged(selection, &Selection::focusChanged);
    QSignalSpy historyChanged(selection, &Selection::historyChanged);
    QVERIFY(focusChanged.isValid());
    QVERIFY(historyChanged.isValid());
    QLineEdit *filter = m_entities->filterField();
    filter->setFocus();
    QTest::keyClicks(filter, prefix);
    // Filtered after the last key, and China (filtered out unless its name holds the letters) stays the focus.
    QTRY_COMPARE(proxy->filterRegularExpression().pattern(), QRegularExpression::escape(prefix));
    QCOMPARE(focusChanged.count(), 0);
    QCOMPARE(historyChanged.count(), 0);
    QCOMPARE(selection->focus(), China);
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const QModelIndex kind = proxy->index(row, 0);
        for (int r = 0; r < proxy->rowCount(kind); ++r) {
            const QModelIndex i = proxy->index(r, 0, kind);
            QVERIFY2(i.data(EntityListModel::FilterTextRole).toString().contains(prefix, Qt::CaseInsensitive),
                qPrintable(i.data().toString()));
        }
    }

    // Enter chooses the first entity shown: one focus change, one step of history.
    QTest::keyClick(filter, Qt::Key_Return);
    QCOMPARE(focusChanged.count(), 1);
    QVERIFY(selection->focus() != China);
    QVERIFY(model->indexOf(selection->focus())
                .data(EntityListModel::FilterTextRole)
                .toString()
                .contains(prefix, Qt::CaseInsensitive));
    QVERIFY(selection->canGoBack());
    selection->back();
    QCOMPARE(selection->focus(), China);

    // Clearing the field shows every entity again at once.
    filter->clear();
    QVERIFY(proxy->filterRegularExpression().pattern().isEmpty());
}

void TestReadingPanes::clickingAnnotationInReaderFocusesItsEntity()
{
    Selection *selection = m_window->selection();
    selection->clearFocus();
    QVERIFY(selection->article() >= 0);
    const ArticleDocument &doc = m_reader->document();
    // A mention that is not inside another one, preferably a person or an organisation.
    int pick = -1;
    for (int i = 0; i < doc.mentions.size(); ++i) {
        const auto &m = doc.mentions.at(i);
        if (doc.mentionsAt(m.start).size() != 1 || m.end - m.start < 3)
            continue;
        if (pick < 0 || (m.kind != u"country" && doc.mentions.at(pick).kind == u"country"))
            pick = i;
    }
    QVERIFY(pick >= 0);
    const auto m = doc.mentions.at(pick);
    QSignalSpy focusChanged(selection, &Selection::focusChanged);
    QVERIFY(focusChanged.isValid());
    QTest::mouseClick(m_reader->view()->viewport(), Qt::LeftButton, {}, pointOver(m_reader, m.start, m.end));
    QTRY_COMPARE(selection->focus(), (EntityRef { m.kind, m.key }));
    QCOMPARE(focusChanged.count(), 1);
    // The Entities pane shows it selected.
    auto *model = qobject_cast<EntityListModel *>(m_entities->proxy()->sourceModel());
    QCOMPARE(model->entityAt(m_entities->proxy()->mapToSource(m_entities->view()->currentIndex())), selection->focus());
    // The article read mentions it, so it stays in the Reader.
    QCOMPARE(m_reader->document().id, doc.id);
    QVERIFY(formatAt(m_reader, m.start).fontWeight() >= QFont::Bold);
}

void TestReadingPanes::mentionsToggleAddsArticlesThatOnlyMentionIt()
{
    // The United States: named in most samples, the subject of few of them.
    const EntityRef usa { QStringLiteral("country"), QStringLiteral("USA") };
    int about = 0;
    int listed = 0;
    for (qint64 id : articleIds(m_store)) {
        for (const CountrySalience &c : m_store.loadCountries(id)) {
            if (c.id != usa.key)
                continue;
            ++listed;
            about += c.about ? 1 : 0;
        }
    }
    QVERIFY2(listed > about, qPrintable(QStringLiteral("%1 listed, %2 about").arg(listed).arg(about)));

    QCheckBox *toggle = m_articles->mentionsToggle();
    QVERIFY(toggle->isVisible());
    QVERIFY(!toggle->isChecked());
    QVERIFY(!toggle->statusTip().isEmpty());
    Selection *selection = m_window->selection();
    selection->clearFocus();
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles are counted on a worker
    QVERIFY(!toggle->isEnabled()); // nothing focused: nothing to widen
    auto *articles = qobject_cast<ArticleListModel *>(m_articles->view()->model());
    QVERIFY(articles);
    QAbstractItemModelTester tester(articles, QAbstractItemModelTester::FailureReportingMode::QtTest);

    selection->setFocus(usa);
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles are counted on a worker
    QVERIFY(toggle->isEnabled());
    QCOMPARE(articles->totalCount(), qint64(about));
    QVERIFY2(m_articles->summaryLabel()->text().contains(QLatin1String("about <b>United States")),
        qPrintable(m_articles->summaryLabel()->text()));
    // The summary says how many more only mention it.
    QCOMPARE(articles->mentionOnlyCount(), qint64(listed - about));
    QVERIFY2(m_articles->summaryLabel()->text().contains(QStringLiteral("%1 more only mention it").arg(listed - about)),
        qPrintable(m_articles->summaryLabel()->text()));

    // Clicking the box lists the articles that only mention it too, and says so.
    QTest::mouseClick(toggle, Qt::LeftButton, {}, QPoint(toggle->height() / 2, toggle->height() / 2));
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles are counted on a worker
    QVERIFY(toggle->isChecked());
    QCOMPARE(articles->mentionOnlyCount(), 0);
    QVERIFY(!m_articles->summaryLabel()->text().contains(QLatin1String("only mention it")));
    QCOMPARE(articles->totalCount(), qint64(listed));
    QVERIFY2(m_articles->summaryLabel()->text().contains(QLatin1String("mentioning <b>United States")),
        qPrintable(m_articles->summaryLabel()->text()));
    // The Countries column shows what each article is about, the United States not among them here.
    for (int row = 0; row < articles->rowCount(); ++row) {
        QStringList expected;
        for (const CountrySalience &c : m_store.loadCountries(articles->articleId(row)))
            if (c.about)
                expected << c.id;
        QCOMPARE(articles->index(row, ArticleListModel::CountriesColumn).data().toString(),
            expected.mid(0, 6).join(QStringLiteral(", ")));
    }

    // Remembered: a new window starts with the box as it was left.
    QVERIFY(QSettings().value(QStringLiteral("articles/includeMentions")).toBool());
    m_window.reset();
    init();
    QVERIFY(m_articles->mentionsToggle()->isChecked());
    m_articles->mentionsToggle()->setChecked(false);
    QVERIFY(!QSettings().value(QStringLiteral("articles/includeMentions")).toBool());
    // The summary's link does what the box does.
    m_window->selection()->setFocus(usa);
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles are counted on a worker
    QVERIFY(m_articles->summaryLabel()->text().contains(QLatin1String("href='mentions'")));
    emit m_articles->summaryLabel()->linkActivated(QStringLiteral("mentions"));
    QVERIFY(m_articles->mentionsToggle()->isChecked());
    m_articles->mentionsToggle()->setChecked(false);
}

void TestReadingPanes::badQueryShowsMessage()
{
    QLineEdit *search = m_articles->searchField();
    QAbstractItemModel *articles = m_articles->view()->model();
    const int before = articles->rowCount();
    QVERIFY(!m_articles->messageLabel()->isVisible());
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("\"central asia"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // a search answers from a worker
    QCOMPARE(m_window->selection()->textQuery(), QStringLiteral("\"central asia"));
    QVERIFY(m_articles->messageLabel()->isVisible());
    QVERIFY(!m_articles->messageLabel()->text().isEmpty());
    QCOMPARE(articles->rowCount(), 0);

    // Closing the phrase fixes it: the message goes, the articles with the phrase come.
    QTest::keyClick(search, Qt::Key_QuoteDbl);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // a search answers from a worker
    QVERIFY(!m_articles->messageLabel()->isVisible());
    QVERIFY(articles->rowCount() > 0);
    QVERIFY(articles->rowCount() <= before);
    // Clearing the field lists everything again.
    search->clear();
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles are counted on a worker
    QVERIFY(m_window->selection()->textQuery().isEmpty());
    QCOMPARE(articles->rowCount(), before);
}

void TestReadingPanes::searchShowsHitsInContextAndReaderGoesFromHitToHit()
{
    KwicPane *kwic = m_articles->hitsPane();
    QVERIFY(kwic);
    QAbstractItemModelTester tester(kwic->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *articles = qobject_cast<ArticleListModel *>(m_articles->view()->model());
    QVERIFY(articles);
    QVERIFY(m_articles->view()->isColumnHidden(ArticleListModel::HitsColumn)); // no search yet
    QLineEdit *search = m_articles->searchField();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("diplom*"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // a search answers from a worker
    QCOMPARE(m_window->selection()->textQuery(), QStringLiteral("diplom*"));
    // The list counts the hits of each article.
    QVERIFY(!m_articles->view()->isColumnHidden(ArticleListModel::HitsColumn));
    QVERIFY(articles->index(0, ArticleListModel::HitsColumn).data().toInt() > 0);

    // The "In Context" tab: a line per hit, each hit a word that begins with "diplom".
    QTabBar *tabs = m_articles->tabs()->tabBar();
    QVERIFY(tabs->isVisible());
    QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(1).center());
    QTRY_VERIFY(kwic->isVisible());
    QTRY_VERIFY(kwic->model()->rowCount() > 5);
    KwicModel *lines = kwic->model();
    const QRegularExpression word(QStringLiteral("^diplom\\w*$"), QRegularExpression::CaseInsensitiveOption);
    for (int row = 0; row < lines->rowCount(); ++row)
        QVERIFY2(word.match(lines->index(row, KwicModel::HitColumn).data().toString()).hasMatch(),
            qPrintable(lines->index(row, KwicModel::HitColumn).data().toString()));
    QVERIFY(kwic->summaryLabel()->text().contains(QLocale().toString(lines->rowCount())));
    QVERIFY(tabs->tabText(1).contains(QLocale().toString(lines->rowCount())));

    // A line that is not its article's first hit: the Reader opens at that hit, not at the first.
    int row = -1;
    for (int r = 1; r < lines->rowCount() && row < 0; ++r)
        if (lines->hit(r).article == lines->hit(r - 1).article)
            row = r;
    QVERIFY(row > 0);
    const Hit clicked = lines->hit(row);
    const QModelIndex index = lines->index(row, KwicModel::HitColumn);
    kwic->view()->scrollTo(index);
    QTest::mouseClick(kwic->view()->viewport(), Qt::LeftButton, {}, kwic->view()->visualRect(index).center());
    QCOMPARE(m_window->selection()->article(), clicked.article);
    QCOMPARE(m_reader->document().id, clicked.article);
    // The list shows the same article.
    QCOMPARE(articles->articleId(m_articles->view()->currentIndex().row()), clicked.article);

    // Every hit is marked in the Reader, the clicked one selected.
    const QList<std::pair<qsizetype, qsizetype>> hits = m_reader->hits();
    QVERIFY(hits.size() >= 2);
    const QString text = m_reader->document().record.text;
    const QBrush unmarked = formatAt(m_reader, 0).background();
    for (const auto &[start, end] : hits) {
        QVERIFY(word.match(text.mid(start, end - start)).hasMatch());
        const QBrush marked = formatAt(m_reader, start).background();
        QVERIFY(marked.style() != Qt::NoBrush);
        QCOMPARE(marked.color(), formatAt(m_reader, hits.first().first).background().color());
    }
    QVERIFY(unmarked != formatAt(m_reader, hits.first().first).background() || hits.first().first == 0);
    const CodePointMap map(text);
    const int current = m_reader->currentHit();
    QVERIFY(current >= 1);
    QCOMPARE(hits.at(current).first, map.toUtf16(clicked.start));
    const auto selected = [this] {
        const QTextCursor c = m_reader->view()->textCursor();
        return std::pair<qsizetype, qsizetype>(
            c.selectionStart() - m_reader->bodyStart(), c.selectionEnd() - m_reader->bodyStart());
    };
    QCOMPARE(selected(), hits.at(current));
    QVERIFY(m_reader->hitLabel()->isVisible());
    QVERIFY(m_reader->hitLabel()->text().contains(QStringLiteral("%1 of %2").arg(current + 1).arg(hits.size())));

    // F3 moves to the next hit (round the end), Shift+F3 back.
    m_reader->view()->setFocus();
    QTest::keyClick(m_reader->view(), Qt::Key_F3);
    const int next = (current + 1) % int(hits.size());
    QCOMPARE(m_reader->currentHit(), next);
    QCOMPARE(selected(), hits.at(next));
    QTest::keyClick(m_reader->view(), Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(m_reader->currentHit(), current);
    QCOMPARE(selected(), hits.at(current));

    // Opened from the list, an article starts at its first hit.
    m_articles->showList();
    const int otherRow = articles->rowOfArticle(clicked.article) == 0 ? 1 : 0;
    QVERIFY(otherRow < articles->rowCount());
    const QModelIndex other = articles->index(otherRow, ArticleListModel::TitleColumn);
    QTest::mouseClick(
        m_articles->view()->viewport(), Qt::LeftButton, {}, m_articles->view()->visualRect(other).center());
    QCOMPARE(m_reader->document().id, articles->articleId(otherRow));
    if (!m_reader->hits().isEmpty()) {
        QCOMPARE(m_reader->currentHit(), 0);
        QCOMPARE(selected(), m_reader->hits().first());
    }

    // File > Export writes the lines as the pane shows them (hidden behind the list now, it is read for it).
    QAction *exportHits = m_window->findChild<QAction *>(QStringLiteral("exportHits"));
    QVERIFY(exportHits && exportHits->isEnabled());
    const QString csv = QDir(m_dir.path()).filePath(QStringLiteral("hits.csv"));
    QString error;
    QVERIFY2(kwic->writeHits(csv, &error), qPrintable(error));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = file.readAll().split('\n');
    QCOMPARE(rows.first(), QByteArray("article_id,date,title,left,hit,right,start,end"));
    QCOMPARE(rows.size(), lines->rowCount() + 2); // the header, a row a line, the last newline
    QVERIFY(rows.at(1).startsWith(QByteArray::number(lines->hit(0).article) + ','));

    // A cap reached is said, not hidden.
    lines->setCap(5);
    m_articles->showHits();
    m_window->selection()->setTextQuery(QStringLiteral("china"));
    QTRY_COMPARE(lines->rowCount(), 5);
    QVERIFY(lines->isCapped());
    QVERIFY2(
        kwic->summaryLabel()->text().contains(QStringLiteral("first 5")), qPrintable(kwic->summaryLabel()->text()));

    // No search, no marks.
    search->clear();
    QVERIFY(m_reader->hits().isEmpty());
    QVERIFY(!m_reader->hitLabel()->isVisible());
    QTRY_COMPARE(lines->rowCount(), 0);
}

void TestReadingPanes::yearRangeFiltersArticles()
{
    Selection *selection = m_window->selection();
    selection->clearFocus();
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles are counted on a worker
    auto *articles = qobject_cast<ArticleListModel *>(m_articles->view()->model());
    const qint64 all = articles->totalCount();
    QCOMPARE(all, articles->storeCount());
    selection->setYearRange(2023, 2023);
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles are counted on a worker
    QVERIFY(articles->rowCount() > 0);
    QVERIFY(articles->totalCount() < all);
    for (int row = 0; row < articles->rowCount(); ++row)
        QVERIFY(articles->index(row, ArticleListModel::DateColumn).data().toString().startsWith(u"2023"));
    QVERIFY(m_articles->summaryLabel()->text().contains(QLatin1String("2023")));
    // The article read is one of the year's.
    QVERIFY(articles->rowOfArticle(selection->article()) >= 0);
    QVERIFY(m_reader->document().record.published.date.year == 2023);
    selection->clearYearRange();
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles are counted on a worker
    QCOMPARE(articles->totalCount(), all);
}

void TestReadingPanes::tooltipsAndLegend()
{
    const ArticleDocument &doc = m_reader->document();
    QVERIFY(!doc.mentions.isEmpty());
    const auto &m = doc.mentions.first();
    const QString tip = m_reader->toolTipAt(m.start);
    QVERIFY2(tip.contains(m.name.toHtmlEscaped()), qPrintable(tip));
    QVERIFY(tip.contains(AnnotationLegend::kindLabel(m.kind)));
    QVERIFY(tip.contains(QString::number(qRound(m.confidence * 100)) + u'%'));
    for (const auto &d : doc.dates)
        if (!d.value.isEmpty())
            QVERIFY(m_reader->toolTipAt(d.start).contains(d.value));

    // Switching a kind off in the legend takes its colour and its tooltip away.
    int country = -1;
    for (int i = 0; i < doc.mentions.size() && country < 0; ++i)
        if (doc.mentions.at(i).kind == u"country" && doc.mentionsAt(doc.mentions.at(i).start).size() == 1
            && doc.dateAt(doc.mentions.at(i).start) < 0)
            country = i;
    QVERIFY(country >= 0);
    const auto &c = doc.mentions.at(country);
    QVERIFY(formatAt(m_reader, c.start).background().style() != Qt::NoBrush);
    QToolButton *toggle = m_reader->legend()->button(QStringLiteral("country"));
    QVERIFY(toggle && toggle->isChecked());
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(!m_reader->legend()->isShown(QStringLiteral("country")));
    QCOMPARE(formatAt(m_reader, c.start).background().style(), Qt::NoBrush);
    QVERIFY(!m_reader->toolTipAt(c.start).contains(c.name.toHtmlEscaped() + QStringLiteral("</b>")));
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(formatAt(m_reader, c.start).background().style() != Qt::NoBrush);
    // The text itself is never altered.
    QVERIFY(m_reader->view()->toPlainText().endsWith(QString(doc.record.text).replace(u'\r', u' ')));
}

void TestReadingPanes::findAndScrollToSentence()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    const ArticleDocument &doc = m_reader->document();
    QVERIFY(!doc.mentions.isEmpty());
    const QString word = doc.mentions.last().text;
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    auto *findEdit = m_reader->findChild<QLineEdit *>(QStringLiteral("findEdit"));
    QVERIFY(findEdit);
    QTRY_VERIFY(findEdit->isVisible());
    QTest::keyClicks(findEdit, word);
    QCOMPARE(m_reader->view()->textCursor().selectedText().toLower(), word.toLower());
    QTest::keyClick(findEdit, Qt::Key_Escape);
    QVERIFY(!findEdit->isVisible());

    // Scrolling to a sentence by a code point offset (what the Evidence list has) selects it.
    Span sentence = doc.sentences.last();
    const qint64 codePoint = CodePointMap(doc.record.text).toCodePoint(sentence.start);
    m_reader->view()->verticalScrollBar()->setValue(0);
    m_reader->scrollToOffset(codePoint);
    QString expected = doc.record.text.mid(sentence.start, sentence.end - sentence.start);
    expected.replace(u'\n', QChar::ParagraphSeparator);
    QCOMPARE(m_reader->view()->textCursor().selectedText(), expected);
    const QRect caret = m_reader->view()->cursorRect();
    QVERIFY(m_reader->view()->viewport()->rect().intersects(caret));
}

void TestReadingPanes::keyboardReachesEveryPane()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), m_articles->searchField());
    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(QApplication::focusWidget(), m_entities->filterField());
    // Typing filters the tree down to the matching entities (once the keys stop).
    QTest::keyClicks(m_entities->filterField(), QStringLiteral("china"));
    QSortFilterProxyModel *proxy = m_entities->proxy();
    QTRY_COMPARE(proxy->filterRegularExpression().pattern(), QStringLiteral("china"));
    QVERIFY(proxy->rowCount() > 0);
    for (int row = 0; row < proxy->rowCount(); ++row)
        for (int child = 0; child < proxy->rowCount(proxy->index(row, 0)); ++child)
            QVERIFY(proxy->index(child, 0, proxy->index(row, 0))
                        .data(EntityListModel::FilterTextRole)
                        .toString()
                        .contains(QLatin1String("china"), Qt::CaseInsensitive));
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), m_reader->view());
}

void TestReadingPanes::screenshots()
{
    const QString out = qEnvironmentVariable("ENTENTE_SCREENSHOTS");
    if (out.isEmpty())
        QSKIP("set ENTENTE_SCREENSHOTS to a folder to save screenshots");
    // ENTENTE_SCREENSHOT_STORE: another store to show (the UN General Debate one).
    const QString store = qEnvironmentVariable("ENTENTE_SCREENSHOT_STORE");
    const QString name = store.isEmpty() ? QStringLiteral("samples") : QFileInfo(store).baseName();
    if (!store.isEmpty())
        QVERIFY(m_window->openStore(store));
    QTRY_VERIFY(!m_window->isOpening()); // the first focus comes from a worker
    m_window->selection()->setFocus(China);
    for (const QSize size : { QSize(1600, 1000), QSize(1280, 720) }) {
        m_window->resize(size);
        QTRY_COMPARE(m_window->size(), size);
        QCoreApplication::sendPostedEvents(); // the layouts the new size asked for
        const QImage shot = m_window->grab().toImage();
        QVERIFY(!shot.isNull());
        m_entities->grab().save(QDir(out).filePath(QStringLiteral("entities-%1.png").arg(size.width())));
        QVERIFY(shot.save(
            QDir(out).filePath(QStringLiteral("reading-%1-%2x%3.png").arg(name).arg(size.width()).arg(size.height()))));
    }
    // A search's hits in context, the Reader at one of them.
    m_window->selection()->setTextQuery(qEnvironmentVariable("ENTENTE_SCREENSHOT_QUERY", QStringLiteral("china")));
    m_articles->showHits();
    KwicPane *kwic = m_articles->hitsPane();
    QTRY_VERIFY(kwic->model()->rowCount() > 0);
    const QModelIndex line = kwic->model()->index(std::min(3, kwic->model()->rowCount() - 1), KwicModel::HitColumn);
    QTest::mouseClick(kwic->view()->viewport(), Qt::LeftButton, {}, kwic->view()->visualRect(line).center());
    const QTextCursor hit = m_reader->view()->textCursor();
    for (const QSize size : { QSize(1600, 1000), QSize(1280, 720) }) {
        m_window->resize(size);
        QTRY_COMPARE(m_window->size(), size);
        QCoreApplication::sendPostedEvents();
        // The hit stays in sight in the Reader, however the text wraps at this width.
        QTRY_VERIFY(m_reader->view()->viewport()->rect().contains(m_reader->view()->cursorRect(hit).center()));
        QVERIFY(m_window->grab().save(
            QDir(out).filePath(QStringLiteral("kwic-%1-%2x%3.png").arg(name).arg(size.width()).arg(size.height()))));
    }
}

QTEST_MAIN(TestReadingPanes)
#include "tst_readingpanes.moc"

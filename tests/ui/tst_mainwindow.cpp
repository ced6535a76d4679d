// The desktop skeleton, driven offscreen: first run on the sample corpus, articles listed,
// reading one, layout remembered, dropped files imported.
#include "articlelistmodel.h"
#include "articlespane.h"
#include "asyncquery.h"
#include "chartexport.h"
#include "editlog.h"
#include "entitiespane.h"
#include "entitylistmodel.h"
#include "evidencepane.h"
#include "helpdialogs.h"
#include "importer.h"
#include "importreportdialog.h"
#include "importreportmodel.h"
#include "mainwindow.h"
#include "networkpane.h"
#include "relationspane.h"
#include "selection.h"
#include "timelinepane.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

#include <QCryptographicHash>
#include <QScopeGuard>
#include <QStatusBar>

#include <functional>

#include <sys/stat.h>
#include <unistd.h>

using namespace entente;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstRunShowsSampleCorpus();
    void standardActions();
    void helpMenu();
    void startOnFolderOrMissingStore();
    void layoutIsRemembered();
    void importIntoNewStore();
    void refusesNonStoreWithMessage();
    void importReportListsWhatWasSkipped();
    void importIntoOpenWindowKeepsView();
    void readOnlyStoreOpensForReading();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("EntenteTest"));
    QCoreApplication::setApplicationName(QStringLiteral("EntenteTest"));
    QSettings().clear();
}

void TestMainWindow::firstRunShowsSampleCorpus()
{
    MainWindow w;
    QAbstractItemModelTester tester(w.articleModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&w, &MainWindow::importFinished);
    QVERIFY(finished.isValid());
    QVERIFY(finished.isValid());
    w.start();
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!finished.isEmpty() || finished.wait(30000)); // it may have come already
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles of the first focus are counted on a worker
    QCOMPARE(w.articleModel()->rowCount(), 5);
    auto *view = w.findChild<QTableView *>(QStringLiteral("articleView"));
    QVERIFY(view);
    auto *reader = w.findChild<QTextBrowser *>(QStringLiteral("reader"));
    QVERIFY(reader);
    // Click the row of the wire story and read it.
    int row = -1;
    for (int r = 0; r < w.articleModel()->rowCount(); ++r)
        if (w.articleModel()->index(r, ArticleListModel::DateColumn).data().toString() == u"2023-05-11")
            row = r;
    QVERIFY(row >= 0);
    const QModelIndex idx = w.articleModel()->index(row, ArticleListModel::TitleColumn);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(idx).center());
    QTRY_VERIFY(reader->toPlainText().contains(QLatin1String("Central Asian countries")));
    QVERIFY(reader->toPlainText().contains(QLatin1String("2023-05-11")));
    const QImage shot = w.grab().toImage();
    QVERIFY(!shot.isNull());
    if (qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS"))
        shot.save(qEnvironmentVariable("ENTENTE_SCREENSHOTS") + QStringLiteral("/mainwindow.png"));
    w.close();
}

void TestMainWindow::standardActions()
{
    MainWindow w;
    QStringList texts;
    for (QAction *menu : w.menuBar()->actions())
        for (QAction *a : menu->menu()->actions())
            texts << a->text().remove(u'&');
    for (const char *t :
        { "New Store…", "Open Store…", "Import Files…", "Import Folder…", "Recent Stores", "Quit", "Reset Layout" })
        QVERIFY2(texts.contains(QString::fromUtf8(t)), t);
    // Every command says what it does in the status bar when hovered.
    QStringList silent;
    std::function<void(QMenu *)> walk = [&](QMenu *menu) {
        for (QAction *a : menu->actions()) {
            if (a->isSeparator())
                continue;
            if (a->menu())
                walk(a->menu());
            else if (a->statusTip().isEmpty())
                silent << a->text();
        }
    };
    for (QAction *menu : w.menuBar()->actions())
        walk(menu->menu());
    QVERIFY2(silent.isEmpty(), qPrintable(silent.join(QStringLiteral(", "))));
}

void TestMainWindow::helpMenu()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QMap<QString, QAction *> help;
    for (QAction *menu : w.menuBar()->actions())
        if (menu->text().remove(u'&') == u"Help")
            for (QAction *a : menu->menu()->actions())
                help.insert(a->text().remove(u'&'), a);
    QVERIFY(help.contains(u"Entente User Guide"_qs));
    QVERIFY(help.contains(u"Keyboard Shortcuts"_qs));
    QVERIFY(help.contains(u"About Entente"_qs));

    // The guide is the bundled page, and covers the panes, the search syntax, exports and keys.
    help[u"Entente User Guide"_qs]->trigger();
    auto *guide = w.findChild<QTextBrowser *>(QStringLiteral("guideBrowser"));
    QVERIFY(guide);
    QTRY_VERIFY(guide->isVisible());
    const QString text = guide->toPlainText();
    for (const char *part : { "Relations", "Evidence", "Timeline", "\"security council\"", "Export", "Alt+Left" })
        QVERIFY2(text.contains(QLatin1String(part)), part);
    help[u"Entente User Guide"_qs]->trigger(); // asked again: the same window
    QCOMPARE(w.findChildren<QTextBrowser *>(QStringLiteral("guideBrowser")).size(), 1);

    // The shortcuts are read from the window's actions: each key listed is one an action has.
    help[u"Keyboard Shortcuts"_qs]->trigger();
    auto *table = w.findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
    QVERIFY(table);
    QTRY_VERIFY(table->isVisible());
    QMap<QString, QString> keys;
    for (int r = 0; r < table->rowCount(); ++r)
        keys.insert(table->item(r, 0)->text(), table->item(r, 1)->text());
    QVERIFY(table->rowCount() >= 10);
    QCOMPARE(keys.value(u"Back"_qs), QKeySequence(Qt::ALT | Qt::Key_Left).toString(QKeySequence::NativeText));
    QCOMPARE(keys.value(u"Filter Entities"_qs),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E).toString(QKeySequence::NativeText));
    QVERIFY(keys.contains(u"Keyboard Shortcuts"_qs));

    // About: the version (the project's, which main() gives the application), the licence and the data's credits.
    QCoreApplication::setApplicationVersion(QStringLiteral(ENTENTE_PROJECT_VERSION));
    const QString about = help::aboutText();
    QVERIFY2(about.contains(QStringLiteral("Entente " ENTENTE_PROJECT_VERSION)), qPrintable(about.left(80)));
    for (const char *part : { "MIT", "PETRARCH2", "iso-codes", "CC BY-SA 4.0", "UN General Debate" })
        QVERIFY2(about.contains(QLatin1String(part)), part);
    if (qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS"))
        guide->window()->grab().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS") + QStringLiteral("/guide.png"));
}

namespace {

// Answers the next message box with `button`, and keeps its text.
void answerNextQuestion(QMessageBox::StandardButton button, QString *text)
{
    QTimer::singleShot(0, [button, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            answerNextQuestion(button, text); // not up yet
            return;
        }
        *text = box->text();
        box->button(button)->click();
    });
}

} // namespace

void TestMainWindow::startOnFolderOrMissingStore()
{
    QTemporaryDir dir;
    // A store that is not there: said, and created only on yes.
    const QString missing = dir.filePath(QStringLiteral("missing.entente"));
    QString asked;
    {
        MainWindow w;
        answerNextQuestion(QMessageBox::No, &asked);
        w.start(missing);
        QVERIFY2(asked.contains(QLatin1String("does not exist")), qPrintable(asked));
        QVERIFY(!QFile::exists(missing));
        QVERIFY(w.storePath() != missing); // the sample corpus instead
    }
    {
        MainWindow w;
        answerNextQuestion(QMessageBox::Yes, &asked);
        w.start(missing);
        QVERIFY(QFile::exists(missing));
        QCOMPARE(w.storePath(), missing);
    }
    // A folder of articles: offered for import into a store beside it, and imported on yes.
    const QString folder = dir.filePath(QStringLiteral("news"));
    QVERIFY(QDir().mkpath(folder));
    for (const QString &name : QDir(QStringLiteral(ENTENTE_SAMPLES_DIR)).entryList(QDir::Files))
        QVERIFY(QFile::copy(QStringLiteral(ENTENTE_SAMPLES_DIR) + u'/' + name, folder + u'/' + name));
    MainWindow w;
    QSignalSpy finished(&w, &MainWindow::importFinished);
    QVERIFY(finished.isValid());
    answerNextQuestion(QMessageBox::Yes, &asked);
    w.start(folder);
    QVERIFY2(asked.contains(QLatin1String("news.entente")), qPrintable(asked));
    QCOMPARE(w.storePath(), folder + QStringLiteral(".entente"));
    QVERIFY(!finished.isEmpty() || finished.wait(60000));
    QCOMPARE(finished.first().first().value<ImportSummary>().totals.imported, 5);
}

void TestMainWindow::layoutIsRemembered()
{
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.resize(1000, 700);
        auto *dock = w.findChild<QDockWidget *>(QStringLiteral("articlesDock"));
        QVERIFY(dock);
        dock->hide();
        w.close();
    }
    MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.size(), QSize(1000, 700));
    QVERIFY(again.findChild<QDockWidget *>(QStringLiteral("articlesDock"))->isHidden());
    again.close();
    QSettings().clear();
}

void TestMainWindow::importIntoNewStore()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("mine.entente"));
    MainWindow w;
    QVERIFY(w.openStore(store));
    QTRY_VERIFY(!w.isOpening()); // the first focus comes from a worker
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.articleModel()->rowCount(), 0);
    // An empty store says what to do in place of an empty list.
    auto *articles = w.findChild<ArticlesPane *>(QStringLiteral("articlesPane"));
    QVERIFY(articles);
    QTRY_VERIFY(articles->emptyStoreLabel()->isVisible());
    QVERIFY(!articles->view()->isVisible());
    QVERIFY(articles->emptyStoreLabel()->text().contains(QLatin1String("import")));
    // The charts, with nothing to draw, say so in place of empty axes.
    const auto emptyNotes = [&w] {
        QStringList shown;
        for (const char *pane : { "relationsPane", "networkPane", "timelinePane" }) {
            auto *widget = w.findChild<QWidget *>(QString::fromLatin1(pane));
            auto *note = widget ? widget->findChild<QLabel *>(QStringLiteral("emptyChartNote")) : nullptr;
            if (note && !note->isHidden() && note->text().contains(QLatin1String("import")))
                shown << QString::fromLatin1(pane);
        }
        return shown;
    };
    QTRY_COMPARE(emptyNotes().size(), 3);
    // (isHidden(), not isVisible(): on a small screen the chart docks are tabs, and only one tab is visible.)
    QVERIFY(w.findChild<QWidget *>(QStringLiteral("relationsChart"))->isHidden());
    QVERIFY(w.findChild<QWidget *>(QStringLiteral("timelineChart"))->isHidden());
    // So do their exports: the title, the store, and the note in place of empty axes (no legend, no axis).
    const QList<const ExportableChart *> charts
        = { w.findChild<RelationsPane *>(), w.findChild<NetworkPane *>(), w.findChild<TimelinePane *>() };
    const auto exported = [&dir](const ExportableChart *chart) {
        const QString path = dir.filePath(chart->chartName() + QStringLiteral(".svg"));
        QString error;
        if (!ChartExport::write(*chart, path, QSize(800, 400), 96, &error))
            return error;
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : f.errorString();
    };
    for (const ExportableChart *chart : charts) {
        QVERIFY(chart);
        const QString svg = exported(chart);
        QVERIFY2(svg.contains(QLatin1String("File &gt; Import")), qPrintable(chart->chartName()));
        QVERIFY2(svg.contains(QLatin1String("mine.entente")), qPrintable(chart->chartName()));
        QVERIFY2(!svg.contains(QLatin1String("Cooperati")), qPrintable(chart->chartName())); // no legend
    }
    if (qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS"))
        w.grab().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS") + QStringLiteral("/empty-store.png"));
    QSignalSpy finished(&w, &MainWindow::importFinished);
    QVERIFY(finished.isValid());
    w.importPaths({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY(w.isImporting());
    QVERIFY(!finished.isEmpty() || finished.wait(30000)); // it may have come already
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles of the first focus are counted on a worker
    QCOMPARE(w.articleModel()->rowCount(), 5);
    QTRY_VERIFY(articles->view()->isVisible());
    QVERIFY(!articles->emptyStoreLabel()->isVisible());
    QTRY_VERIFY(emptyNotes().isEmpty());
    QTRY_VERIFY(!w.findChild<QWidget *>(QStringLiteral("relationsChart"))->isHidden());
    QVERIFY(!w.findChild<QWidget *>(QStringLiteral("timelineChart"))->isHidden());
    for (const ExportableChart *chart : charts) {
        const QString svg = exported(chart);
        QVERIFY2(!svg.contains(QLatin1String("File &gt; Import")), qPrintable(chart->chartName()));
        QVERIFY2(svg.contains(QLatin1String("Cooperati")), qPrintable(chart->chartName())); // the legend
    }
    const auto summary = finished.first().first().value<ImportSummary>();
    QCOMPARE(summary.totals.imported, 5);
    // The store went into Recent Stores.
    QTRY_VERIFY(QSettings().value(QStringLiteral("recentStores")).toStringList().contains(store)); // a thread writes
}

void TestMainWindow::refusesNonStoreWithMessage()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.entente"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(300, 'z'));
    f.close();
    MainWindow w;
    // The refusal is a modal message box: close it as soon as it shows.
    QTimer::singleShot(200, [] {
        if (QWidget *box = QApplication::activeModalWidget())
            box->close();
    });
    QVERIFY(!w.openStore(path));
    QCOMPARE(w.storePath(), QString());
}

void TestMainWindow::importReportListsWhatWasSkipped()
{
    // A folder with one good article, a PNG renamed .txt, an empty file and a CSV whose second
    // record is short: two files skipped for different reasons, a warning, one article.
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("in"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::copy(QStringLiteral(ENTENTE_SAMPLES_DIR "/")
            + QDir(QStringLiteral(ENTENTE_SAMPLES_DIR)).entryList(QDir::Files).first(),
        folder + QStringLiteral("/good.txt")));
    auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile f(folder + u'/' + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    };
    write(
        QStringLiteral("photo.txt"), QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 29));
    write(QStringLiteral("blank.txt"), "   \n\n");
    write(QStringLiteral("table.csv"),
        "title,text\nFrance and Germany,\"France and Germany signed a treaty on energy in Berlin.\"\nshort\n");

    const QString store = dir.filePath(QStringLiteral("report.entente"));
    MainWindow w;
    QVERIFY(w.openStore(store));
    QTRY_VERIFY(!w.isOpening()); // the first focus comes from a worker
    QSignalSpy finished(&w, &MainWindow::importFinished);
    QVERIFY(finished.isValid());
    w.importPaths({ folder });
    QVERIFY(!finished.isEmpty() || finished.wait(30000)); // it may have come already
    const auto summary = finished.first().first().value<ImportSummary>();
    QCOMPARE(summary.totals.skippedFiles, 2);

    auto *button = w.findChild<QToolButton *>(QStringLiteral("importReportButton"));
    QVERIFY(button);
    QVERIFY(!button->isHidden());
    button->click();
    auto *dialog = w.findChild<ImportReportDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    ImportReportModel *model = dialog->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QStringList rows;
    for (int r = 0; r < model->rowCount(); ++r)
        rows << model->index(r, ImportReportModel::FileColumn).data().toString() + u'|'
                + model->index(r, ImportReportModel::KindColumn).data().toString() + u'|'
                + model->index(r, ImportReportModel::MessageColumn).data().toString();
    // Skipped files first, each with its reason; then the warnings about the CSV's short record
    // (too few fields, and so no text).
    QVERIFY2(rows.size() == 4, qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.at(0).startsWith(u"blank.txt|Skipped|empty file"), qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.at(1).startsWith(u"photo.txt|Skipped|not a text file"), qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.at(2).startsWith(u"table.csv|Warning|row has 1 fields"), qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.at(3).startsWith(u"table.csv|Warning|no text"), qPrintable(rows.join(u'\n')));
    QCOMPARE(model->index(2, ImportReportModel::LineColumn).data().toInt(), 3);
    const QString headline = model->headline();
    QVERIFY2(headline.contains(u"Imported 2 article(s)") && headline.contains(u"2 file(s) skipped")
            && headline.contains(u"empty file") && headline.contains(u"2 warning(s)"),
        qPrintable(headline));
    const QString text = model->toText();
    QVERIFY(text.contains(folder + QStringLiteral("/photo.txt: skipped: not a text file")));
    QVERIFY(text.contains(QStringLiteral("1 × empty file")));
    dialog->close();
}

namespace {
// A JSON Lines file of articles about France, one a year: `years` as given, each with its own words.
void writeArticles(const QString &path, const QList<int> &years, const QString &tag)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    for (const int year : years) {
        const QString n = QStringLiteral("%1 %2").arg(tag).arg(year);
        QJsonObject o;
        o.insert(QStringLiteral("title"), QStringLiteral("France and Germany talk trade (%1)").arg(n));
        o.insert(QStringLiteral("date"), QStringLiteral("%1-06-15").arg(year));
        o.insert(QStringLiteral("text"),
            QStringLiteral("PARIS — France and Germany agreed on Tuesday to expand their trade, report %1. The French "
                           "government said France would lower tariffs on German machinery, and France expects "
                           "Germany to do the same. Officials in Paris called it a good day for France.")
                .arg(n));
        f.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    }
}
} // namespace

void TestMainWindow::importIntoOpenWindowKeepsView()
{
    // Sixty articles, one a year from 1950: newest first, row r is 2009 - r.
    QTemporaryDir dir;
    QList<int> years;
    for (int y = 1950; y < 2010; ++y)
        years << y;
    writeArticles(dir.filePath(QStringLiteral("first.jsonl")), years, QStringLiteral("first"));
    MainWindow w;
    QVERIFY(w.openStore(dir.filePath(QStringLiteral("grow.entente"))));
    QTRY_VERIFY(!w.isOpening()); // the first focus comes from a worker
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy finished(&w, &MainWindow::importFinished);
    QVERIFY(finished.isValid());
    w.importPaths({ dir.filePath(QStringLiteral("first.jsonl")) });
    QVERIFY(finished.wait(60000));
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the articles of the first focus are counted on a worker
    ArticleListModel *model = w.articleModel();
    auto *view = w.findChild<QTableView *>(QStringLiteral("articleView"));
    auto *reader = w.findChild<QTextBrowser *>(QStringLiteral("reader"));
    auto *entities = w.findChild<EntityListModel *>();
    QVERIFY(view && reader && entities);
    QCOMPARE(w.selection()->focus(), (EntityRef { QStringLiteral("country"), QStringLiteral("FRA") }));
    QCOMPARE(model->rowCount(), 60);
    QAbstractItemModelTester articlesTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester entitiesTester(entities, QAbstractItemModelTester::FailureReportingMode::QtTest);

    // The list scrolled to 1989 at the top, 1985 read.
    view->scrollTo(model->index(20, ArticleListModel::DateColumn), QAbstractItemView::PositionAtTop);
    QTRY_COMPARE(view->rowAt(0), 20);
    const QModelIndex read = model->index(24, ArticleListModel::TitleColumn);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(read).center());
    const qint64 article = model->articleId(24);
    QTRY_COMPARE(w.selection()->article(), article);
    QTRY_VERIFY(reader->toPlainText().contains(QLatin1String("first 1985")));
    const QString text = reader->toPlainText();
    const qint64 top = model->articleId(20);
    const bool canGoBack = w.selection()->canGoBack();
    QTRY_VERIFY(!entities->isBusy()); // the counts come from a worker
    const QModelIndex france = entities->indexOf(w.selection()->focus(), EntityListModel::MentionsColumn);
    const int mentions = france.data().toInt();
    QVERIFY(mentions > 0);
    auto *readerBar = reader->verticalScrollBar();
    const int readerY = readerBar->value();
    // The Entities pane shows the focus selected, its kind expanded.
    auto *entityView = w.findChild<QTreeView *>(QStringLiteral("entityView"));
    QVERIFY(entityView);
    QCOMPARE(
        entityView->currentIndex().siblingAtColumn(0).data(EntityListModel::KeyRole).toString(), QStringLiteral("FRA"));
    QVERIFY(entityView->isExpanded(entityView->currentIndex().parent()));

    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QSignalSpy entitiesReset(entities, &QAbstractItemModel::modelReset);
    QSignalSpy counted(entities, &QAbstractItemModel::dataChanged);
    QSignalSpy focus(w.selection(), &Selection::focusChanged);
    QSignalSpy history(w.selection(), &Selection::historyChanged);
    for (const QSignalSpy *spy : { &reset, &inserted, &entitiesReset, &counted, &focus, &history })
        QVERIFY(spy->isValid());
    // Ten more: above the top row (the newest, and 1992), between it and the article read (1987), below it.
    writeArticles(dir.filePath(QStringLiteral("more.jsonl")),
        { 2010, 2011, 2012, 2013, 2014, 1992, 1987, 1983, 1960, 1949 }, QStringLiteral("more"));
    w.importPaths({ dir.filePath(QStringLiteral("more.jsonl")) });
    QVERIFY(finished.wait(60000));

    // The new articles are listed, each where it sorts, by insertion, not by a reset.
    QCOMPARE(model->rowCount(), 70);
    QCOMPARE(model->index(0, ArticleListModel::DateColumn).data().toString(), QStringLiteral("2014-06-15"));
    QCOMPARE(model->index(69, ArticleListModel::DateColumn).data().toString(), QStringLiteral("1949-06-15"));
    QVERIFY(reset.isEmpty());
    QVERIFY(!inserted.isEmpty());
    // The article read is still selected and shown, the Reader neither reloaded nor moved.
    QCOMPARE(w.selection()->article(), article);
    QCOMPARE(model->articleId(view->currentIndex().row()), article);
    QVERIFY(view->selectionModel()->isRowSelected(view->currentIndex().row(), {}));
    QCOMPARE(view->currentIndex().row(), 24 + 7); // the five newest, 1992 and 1987 went above it
    QCOMPARE(reader->toPlainText(), text);
    QCOMPARE(readerBar->value(), readerY);
    // The same article at the top of the view: the rows inserted above it did not push it down.
    QCOMPARE(model->articleId(view->rowAt(0)), top);
    // The entities counted again, in place; the focus and the history are as they were.
    QTRY_VERIFY(!entities->isBusy());
    QVERIFY(entitiesReset.isEmpty());
    QVERIFY(!counted.isEmpty());
    QCOMPARE(entities->indexOf(w.selection()->focus(), EntityListModel::MentionsColumn).data().toInt(),
        mentions + mentions / 6); // ten articles more to sixty, each with as many mentions
    QCOMPARE(
        entityView->currentIndex().siblingAtColumn(0).data(EntityListModel::KeyRole).toString(), QStringLiteral("FRA"));
    QVERIFY(entityView->selectionModel()->isSelected(entityView->currentIndex()));
    QVERIFY(entityView->isExpanded(entityView->currentIndex().parent()));
    QVERIFY(focus.isEmpty());
    QVERIFY(history.isEmpty());
    QCOMPARE(w.selection()->canGoBack(), canGoBack);
    if (qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS"))
        w.grab().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS") + QStringLiteral("/import-into-open-window.png"));
}

void TestMainWindow::readOnlyStoreOpensForReading()
{
    // An archive in a folder this user may only read, its file read-only too: the window reads it, says so, and
    // offers no import and no correction, with the reason.
    QTemporaryDir dir;
    QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
    const QString folder = dir.filePath(QStringLiteral("archive"));
    QVERIFY(QDir().mkdir(folder));
    const QString store = folder + QStringLiteral("/s.entente");
    QCOMPARE(Importer(store).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) }).totals.imported, 5);
    QVERIFY(::chmod(QFile::encodeName(store).constData(), 0444) == 0);
    QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0555) == 0);
    const auto digest = [&store] {
        QFile f(store);
        return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1)
                                           : QByteArray();
    };
    const QByteArray before = digest();
    // Root passes every permission: the window runs as nobody (every thread: the effective user is the process's),
    // and root again once it is gone, whatever happened.
    const bool root = geteuid() == 0;
    if (root)
        QVERIFY(::seteuid(65534) == 0);
    {
        const auto asRootAgain = qScopeGuard([root] {
            if (root && ::seteuid(0) != 0)
                qFatal("cannot become root again");
        });
        MainWindow w;
        QVERIFY(w.openStore(store));
        QTRY_VERIFY(!w.isOpening());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_COMPARE(AsyncQuery::busyCount(), 0);
        QCOMPARE(w.articleModel()->rowCount(), 5);
        QVERIFY2(w.windowTitle().contains(QLatin1String("read-only")), qPrintable(w.windowTitle()));
        auto *label = w.findChild<QLabel *>(QStringLiteral("storeLabel"));
        QVERIFY(label);
        QVERIFY2(label->text().contains(QLatin1String("read-only")), qPrintable(label->text()));
        QVERIFY2(label->toolTip().contains(QLatin1String("read-only for this user")), qPrintable(label->toolTip()));
        QList<QAction *> imports;
        for (QAction *a : w.findChildren<QAction *>())
            if (a->text().startsWith(QLatin1String("&Import Files"))
                || a->text().startsWith(QLatin1String("Import &Folder")))
                imports << a;
        QCOMPARE(imports.size(), 2);
        for (const QAction *a : std::as_const(imports)) {
            QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
            QVERIFY2(a->toolTip().contains(QLatin1String("read-only")), qPrintable(a->toolTip()));
        }
        auto *successor = w.findChild<QAction *>(QStringLiteral("successorStates"));
        QVERIFY(successor);
        QVERIFY(!successor->isEnabled());
        // A drop of files (or a call that slips past the menus) is refused with the same words.
        w.importPaths({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
        QVERIFY(!w.isImporting());
        QVERIFY2(w.statusBar()->currentMessage().contains(QLatin1String("read-only")),
            qPrintable(w.statusBar()->currentMessage()));
        // The panes offer no correction, and say why where they would: the Entities pane's menu (which the
        // Relations chart and the Network share) and the Evidence pane's Reject, Tone and Direction.
        auto *entities = w.findChild<EntitiesPane *>();
        QVERIFY(entities);
        QMenu menu;
        entities->addEditActions(&menu, { QStringLiteral("country"), QStringLiteral("CHN") }, {});
        QCOMPARE(menu.actions().size(), 1);
        QCOMPARE(menu.actions().first()->objectName(), QStringLiteral("noCorrections"));
        QVERIFY(!menu.actions().first()->isEnabled());
        QVERIFY2(menu.actions().first()->text().contains(QLatin1String("read-only")),
            qPrintable(menu.actions().first()->text()));
        auto *evidence = w.findChild<EvidencePane *>();
        QVERIFY(evidence);
        QAction *reject = evidence->findChild<QAction *>(QStringLiteral("rejectRelation"));
        QVERIFY(reject);
        QVERIFY(!reject->isEnabled());
        QVERIFY2(reject->toolTip().contains(QLatin1String("read-only")), qPrintable(reject->toolTip()));
        // A correction asked all the same (a call that slips past the menus) is refused: nothing is stacked to undo.
        w.statusBar()->clearMessage();
        emit entities->editRequested(EditLog::successorStateMerges().first());
        QVERIFY2(w.statusBar()->currentMessage().contains(QLatin1String("read-only")),
            qPrintable(w.statusBar()->currentMessage()));
        auto *undo = w.findChild<QAction *>(QStringLiteral("undo"));
        QVERIFY(undo);
        QVERIFY(!undo->isEnabled());
        w.close();
    }
    QCOMPARE(digest(), before);
    QVERIFY(!QFile::exists(store + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(store + QStringLiteral("-shm")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

// The window on a store on a PostgreSQL server, against a real server: the throwaway cluster that ctest starts
// before this test (tests/postgres/cluster.sh, the `postgres` fixture). A server that cannot be reached fails the
// test; it is never skipped. The same sample articles go into a store file and into the server, and every pane of a
// window on each must show the same; a reader's connection may correct but not import, and says so.
#include "articlelistmodel.h"
#include "asyncquery.h"
#include "corpuscube.h"
#include "editlog.h"
#include "entitiespane.h"
#include "entitylistmodel.h"
#include "evidencemodel.h"
#include "evidencepane.h"
#include "graphexport.h"
#include "importer.h"
#include "importjob.h"
#include "kwicmodel.h"
#include "kwicpane.h"
#include "mainwindow.h"
#include "networkmodel.h"
#include "pgtestdatabase.h"
#include "relationpartnersmodel.h"
#include "selection.h"
#include "serverstoredialog.h"
#include "store.h"
#include "storesession.h"
#include "timelinemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QBuffer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProcess>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QThreadPool>
#include <QUndoStack>
#include <QUrl>

using namespace entente;
using namespace entente::pgtest;

namespace {

// What a model shows, every row of every level, one line a row: the cells' display text.
QStringList shown(const QAbstractItemModel *model, const QModelIndex &parent = {})
{
    QStringList out;
    for (int r = 0; r < model->rowCount(parent); ++r) {
        QStringList cells;
        for (int c = 0; c < model->columnCount(parent); ++c) {
            // A number as a view shows it (QStyledItemDelegate: six significant digits): the two databases may add
            // the same values in another order, and 31.1 comes back as 31.099999999999998 from one of them.
            const QVariant v = model->index(r, c, parent).data();
            cells << (v.typeId() == QMetaType::Double || v.typeId() == QMetaType::Float
                    ? QLocale::c().toString(v.toDouble(), 'g', 6)
                    : v.toString());
        }
        out << cells.join(u'|');
        const QModelIndex child = model->index(r, 0, parent);
        for (const QString &line : shown(model, child))
            out << QStringLiteral("  ") + line;
    }
    return out;
}

// Every pane's model has its latest answer.
bool settled(const MainWindow &w)
{
    return !w.isOpening() && AsyncQuery::busyCount() == 0;
}

// The sample articles, imported into `db` by its writer.
ImportSummary importSamples(const Database &db)
{
    return Importer(db.url("writer")).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
}

// `w` shown on the store at `url`, every pane with its answer.
bool openAndSettle(MainWindow &w, const QString &url)
{
    w.start(url);
    w.show();
    return QTest::qWaitForWindowExposed(&w) && QTest::qWaitFor([&w] { return settled(w); }, 30000);
}

// One more article, alone in `dir`.
bool writeMoreArticle(const QTemporaryDir &dir)
{
    QFile more(dir.filePath(QStringLiteral("more.txt")));
    return more.open(QIODevice::WriteOnly)
        && more.write("Ports agreement\n\nFrance and Brazil signed a trade agreement on ports in 2021. France later "
                      "criticised Brazil over tariffs.\n")
        > 0;
}

// Whether the window lists that article among France's.
bool listsMoreArticle(MainWindow &w)
{
    w.selection()->setFocus({ QStringLiteral("country"), QStringLiteral("FRA") });
    return QTest::qWaitFor([&w] { return settled(w); }, 30000)
        && shown(w.articleModel()).join(u'\n').contains(QLatin1String("Ports agreement"));
}

// Where the panes of `a` and `b` differ (the Articles list, Entities, Relations, Network and Timeline), or nothing.
QString paneDifference(const MainWindow &a, const MainWindow &b)
{
    const auto models = [](const MainWindow &w) {
        return QList<const QAbstractItemModel *> { w.articleModel(), w.findChild<EntityListModel *>(),
            w.findChild<RelationPartnersModel *>(), w.findChild<NetworkModel *>(), w.findChild<TimelineModel *>() };
    };
    const QList<const QAbstractItemModel *> left = models(a), right = models(b);
    for (qsizetype i = 0; i < left.size(); ++i) {
        if (!left[i] || !right[i])
            return QStringLiteral("no model %1").arg(i);
        const QStringList l = shown(left[i]), r = shown(right[i]);
        if (l.isEmpty())
            return QStringLiteral("%1 shows nothing").arg(QLatin1String(left[i]->metaObject()->className()));
        if (l != r)
            return QStringLiteral("%1:\n%2\n---\n%3")
                .arg(QLatin1String(left[i]->metaObject()->className()), l.join(u'\n'), r.join(u'\n'));
    }
    return {};
}

// What `entente ARGS...` prints, and its exit status.
int runEntente(const QStringList &args, QByteArray *output = nullptr)
{
    QProcess entente;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    entente.setProcessEnvironment(env);
    entente.start(QStringLiteral(ENTENTE_BINARY), args);
    if (!entente.waitForFinished(120000))
        return -1;
    if (output)
        *output = entente.readAllStandardOutput() + entente.readAllStandardError();
    return entente.exitCode();
}

// The sample articles in a store file in `dir` and in the server's `db`: the file's path, or empty with `why` set.
QString samplesOnBoth(const Database &db, const QTemporaryDir &dir, QString *why)
{
    const QString file = dir.filePath(QStringLiteral("s.entente"));
    const ImportSummary onFile = Importer(file).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    const ImportSummary onServer = importSamples(db);
    *why = onFile.ok() ? onServer.fatalError : onFile.fatalError;
    return onFile.ok() && onServer.ok() ? file : QString();
}

QAction *actionNamed(const MainWindow &w, const QString &text)
{
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text() == text)
            return a;
    return nullptr;
}

} // namespace

class TestPgWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void serverStoreShowsWhatAStoreFileShows();
    void serverCubeHoldsWhatAStoreFilesCubeHolds();
    void readerConnectionIsReadOnly();
    void writerImportsIntoTheServer();
    void anotherProgramsImportAppears();
    void droppedConnectionIsShownAndComesBack();
    void commandLineReadsTheServerStore();
    void correctionsOnTheServerAsOnAStoreFile();
    void commandLineEditsRoundTrip();
    void connectionDialogGivesTheUrlWithoutPassword();
    void passwordComesFromPgpassOnly();
    void unreachableServerIsSaid();
};

void TestPgWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("EntenteTest"));
    QCoreApplication::setApplicationName(QStringLiteral("EntentePgWindow"));
    QSettings().clear();
    const QString error = admin("SELECT 1");
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

// The windows' work on the server in other threads (a cube's load, the models' questions) ends before the process
// does: libcrypto, which libpq's password exchange uses, frees its state as the process exits, and a connection still
// being made in a worker then would make that state again, and leak it (the sanitizer build reports it).
void TestPgWindow::cleanupTestCase()
{
    QVERIFY(QThreadPool::globalInstance()->waitForDone(60000));
    QVERIFY(AsyncQuery::pool()->waitForDone(60000));
}

void TestPgWindow::serverStoreShowsWhatAStoreFileShows()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.entente"));
    const ImportSummary f = Importer(file).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY2(f.ok(), qPrintable(f.fatalError));
    const ImportSummary s = importSamples(db);
    QVERIFY2(s.ok(), qPrintable(s.fatalError));
    QCOMPARE(s.totals.imported, f.totals.imported);

    MainWindow onFile;
    MainWindow onServer;
    QAbstractItemModelTester tester(onServer.articleModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    onFile.start(file);
    onServer.start(db.url("writer"));
    onFile.show();
    onServer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&onServer));
    QCOMPARE(onServer.storePath(), db.url("writer"));
    QVERIFY(onServer.session() && onServer.session()->isServer() && onServer.session()->canWrite());
    QTRY_VERIFY_WITH_TIMEOUT(settled(onFile) && settled(onServer), 30000);

    // The same first focus, article count and list ...
    QCOMPARE(onServer.selection()->focus(), onFile.selection()->focus());
    QVERIFY(!onServer.selection()->focus().isNull());
    QCOMPARE(onServer.articleModel()->storeCount(), f.totals.imported);
    QCOMPARE(onServer.articleModel()->storeCount(), onFile.articleModel()->storeCount());
    QVERIFY(onServer.articleModel()->rowCount() > 0);
    QCOMPARE(shown(onServer.articleModel()), shown(onFile.articleModel()));
    // ... the same entities with the same counts, the focus's relations, its network and timeline ...
    const auto compareModels = [&](const char *what) {
        const QList<const QAbstractItemModel *> file { onFile.findChild<EntityListModel *>(),
            onFile.findChild<RelationPartnersModel *>(), onFile.findChild<NetworkModel *>(),
            onFile.findChild<TimelineModel *>() };
        const QList<const QAbstractItemModel *> server { onServer.findChild<EntityListModel *>(),
            onServer.findChild<RelationPartnersModel *>(), onServer.findChild<NetworkModel *>(),
            onServer.findChild<TimelineModel *>() };
        for (qsizetype i = 0; i < file.size(); ++i) {
            QVERIFY2(file[i] && server[i], what);
            const QStringList expected = shown(file[i]);
            QVERIFY2(!expected.isEmpty(), what);
            QCOMPARE(shown(server[i]), expected);
        }
    };
    compareModels("first focus");
    // ... for another focus, a pair's evidence, and a search in the syntax both read.
    const EntityRef other { QStringLiteral("country"), QStringLiteral("CHN") };
    onFile.selection()->setFocus(other);
    onServer.selection()->setFocus(other);
    QTRY_VERIFY_WITH_TIMEOUT(settled(onFile) && settled(onServer), 30000);
    compareModels("China");
    QCOMPARE(shown(onServer.articleModel()), shown(onFile.articleModel()));
    // Side by side with Russia, then within a year.
    onFile.selection()->setComparison(QStringLiteral("RUS"));
    onServer.selection()->setComparison(QStringLiteral("RUS"));
    QTRY_VERIFY_WITH_TIMEOUT(settled(onFile) && settled(onServer), 30000);
    compareModels("China beside Russia");
    onFile.selection()->clearComparison();
    onServer.selection()->clearComparison();
    onFile.selection()->setYearRange(2023, 2023);
    onServer.selection()->setYearRange(2023, 2023);
    QTRY_VERIFY_WITH_TIMEOUT(settled(onFile) && settled(onServer), 30000);
    compareModels("China in 2023");
    QCOMPARE(shown(onServer.articleModel()), shown(onFile.articleModel()));
    onFile.selection()->setYearRange(0, 0);
    onServer.selection()->setYearRange(0, 0);
    onFile.selection()->setPair(other.key, QStringLiteral("KAZ"));
    onServer.selection()->setPair(other.key, QStringLiteral("KAZ"));
    QTRY_VERIFY_WITH_TIMEOUT(settled(onFile) && settled(onServer), 30000);
    const auto *evidenceFile = onFile.findChild<EvidenceModel *>();
    const auto *evidenceServer = onServer.findChild<EvidenceModel *>();
    QVERIFY(evidenceFile && evidenceServer);
    QCOMPARE(shown(evidenceServer), shown(evidenceFile));
    QCOMPARE(shown(onServer.articleModel()), shown(onFile.articleModel()));
    onFile.selection()->setTextQuery(QStringLiteral("\"Central Asia\""));
    onServer.selection()->setTextQuery(QStringLiteral("\"Central Asia\""));
    QTRY_VERIFY_WITH_TIMEOUT(settled(onFile) && settled(onServer), 30000);
    QVERIFY(onFile.articleModel()->rowCount() > 0);
    QCOMPARE(shown(onServer.articleModel()), shown(onFile.articleModel()));
    // The hits in their context (In Context), each marked where the phrase stands, not where its words do.
    for (const MainWindow *w : { &onFile, &onServer }) {
        const QWidget *pane = w->findChild<KwicPane *>();
        QVERIFY(pane);
        for (QTabWidget *tabs : w->findChildren<QTabWidget *>())
            for (int i = 0; i < tabs->count(); ++i)
                if (tabs->widget(i) == pane || tabs->widget(i)->isAncestorOf(pane))
                    tabs->setCurrentIndex(i);
        QTRY_VERIFY(pane->isVisible());
    }
    const auto *kwicFile = onFile.findChild<KwicModel *>();
    const auto *kwicServer = onServer.findChild<KwicModel *>();
    QVERIFY(kwicFile && kwicServer);
    QTRY_VERIFY(kwicFile->rowCount() > 0);
    QTRY_COMPARE(shown(kwicServer), shown(kwicFile));
    // The Network pane's graph export, byte for byte.
    QBuffer graphFile, graphServer;
    QVERIFY(graphFile.open(QIODevice::WriteOnly) && graphServer.open(QIODevice::WriteOnly));
    QString error;
    QVERIFY(GraphExport::write(*onFile.session()->reader(), GraphExport::Format::Gexf, &graphFile, &error).nodes > 0);
    QVERIFY2(
        GraphExport::write(*onServer.session()->reader(), GraphExport::Format::Gexf, &graphServer, &error).nodes > 0,
        qPrintable(error));
    QCOMPARE(graphServer.data(), graphFile.data());

    // The Reader reads the article from the server, marks and all.
    const qint64 article = onServer.articleModel()->index(0, 0).data(ArticleListModel::ArticleIdRole).toLongLong();
    onFile.selection()->setArticle(article);
    onServer.selection()->setArticle(article);
    auto *readerFile = onFile.findChild<QTextBrowser *>(QStringLiteral("reader"));
    auto *readerServer = onServer.findChild<QTextBrowser *>(QStringLiteral("reader"));
    QVERIFY(readerFile && readerServer);
    QTRY_VERIFY(!readerServer->toPlainText().isEmpty() && !readerFile->toPlainText().isEmpty());
    QTRY_COMPARE(readerServer->toHtml(), readerFile->toHtml());

    // The search box says what each reads: a server takes no prefix*, a store file does.
    const auto *searchOnFile = onFile.findChild<QLineEdit *>(QStringLiteral("articleSearch"));
    const auto *searchOnServer = onServer.findChild<QLineEdit *>(QStringLiteral("articleSearch"));
    QVERIFY(searchOnFile && searchOnServer);
    QVERIFY(searchOnFile->placeholderText().contains(QLatin1String("prefix*")));
    QVERIFY2(!searchOnServer->placeholderText().contains(QLatin1String("prefix*")),
        qPrintable(searchOnServer->placeholderText()));
    QVERIFY(searchOnServer->toolTip().contains(QLatin1String("no prefix*")));

    // A writer's window may import, and says nothing of read-only or imports.
    QVERIFY(!onServer.windowTitle().contains(QLatin1String("read-only")));
    QVERIFY(!onServer.windowTitle().contains(QLatin1String("imports")));
    QAction *importFiles = actionNamed(onServer, QStringLiteral("&Import Files…"));
    QVERIFY(importFiles);
    QVERIFY(importFiles->isEnabled());
    onFile.close();
    onServer.close();
}

// The in-memory cube the panes read for corpus-wide counts, grouped by the server: the same cells as a store file's
// of the same articles, and the panes that read it show what the file's panes show.
void TestPgWindow::serverCubeHoldsWhatAStoreFilesCubeHolds()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QTemporaryDir dir;
    QString why;
    const QString file = samplesOnBoth(db, dir, &why);
    QVERIFY2(!file.isEmpty(), qPrintable(why));

    const std::shared_ptr<const CorpusCube> onFile = CorpusCube::load(file);
    const std::shared_ptr<const CorpusCube> onServer = CorpusCube::load(db.url("reader"));
    QVERIFY(onFile->isValid());
    QVERIFY(onServer->isValid());
    QCOMPARE(onServer->stamp().articles, onFile->stamp().articles);
    QCOMPARE(onServer->articlesPerYear(), onFile->articlesPerYear());
    QCOMPARE(onServer->codes(), onFile->codes());
    QCOMPARE(onServer->kinds(), onFile->kinds());
    const auto entities = [](const CorpusCube &cube) {
        QStringList out;
        for (const CorpusCube::Entity &e : cube.entities())
            out << cube.kinds().at(e.kind) + u'|' + e.key + u'|' + e.name + u'|' + e.country;
        return out;
    };
    QVERIFY(!onFile->entities().empty());
    QCOMPARE(entities(*onServer), entities(*onFile));
    const auto mentions = [](const CorpusCube &cube) {
        QStringList out;
        for (const CorpusCube::MentionCell &c : cube.mentionCells())
            out << QStringLiteral("%1|%2|%3|%4").arg(c.entity).arg(c.year).arg(c.mentions).arg(c.articles);
        return out;
    };
    QVERIFY(!onFile->mentionCells().empty());
    QCOMPARE(mentions(*onServer), mentions(*onFile));
    const auto relations = [](const CorpusCube &cube) {
        QStringList out;
        const auto number = [](double v) { return QLocale::c().toString(v, 'g', 12); };
        for (const CorpusCube::RelationCell &c : cube.relationCells())
            out << QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8|%9")
                       .arg(cube.codes().at(c.a), cube.codes().at(c.b))
                       .arg(c.tone)
                       .arg(c.directed)
                       .arg(c.year)
                       .arg(c.count)
                       .arg(number(c.goldstein), number(c.positive), number(c.negative));
        return out;
    };
    QVERIFY(!onFile->relationCells().empty());
    QCOMPARE(relations(*onServer), relations(*onFile));
    for (int code = 0; code < onFile->codes().size(); ++code) {
        QCOMPARE(onServer->cellsOfA(code).size(), onFile->cellsOfA(code).size());
        QVERIFY(std::ranges::equal(onServer->cellsOfB(code), onFile->cellsOfB(code)));
    }

    // A window on the server loads its cube in the background, and the panes that count the whole corpus read it
    // once it is there: the same rows as the store file's window, without a focus and within years.
    MainWindow windowOnFile;
    MainWindow windowOnServer;
    QVERIFY(openAndSettle(windowOnFile, file));
    QVERIFY(openAndSettle(windowOnServer, db.url("reader")));
    const CorpusCube::Stamp stamp = CorpusCube::readStamp(windowOnServer.session()->reader());
    QTRY_VERIFY_WITH_TIMEOUT(CorpusCube::peek(db.url("reader"), stamp) != nullptr, 30000);
    const int loads = CorpusCube::loadCount();
    for (int round = 0; round < 2; ++round) {
        for (MainWindow *w : { &windowOnFile, &windowOnServer }) {
            w->selection()->clearFocus();
            if (round == 1)
                w->selection()->setYearRange(2022, 2023);
        }
        QTRY_VERIFY_WITH_TIMEOUT(settled(windowOnFile) && settled(windowOnServer), 30000);
        const QList<const QAbstractItemModel *> fileModels { windowOnFile.findChild<EntityListModel *>(),
            windowOnFile.findChild<RelationPartnersModel *>(), windowOnFile.findChild<NetworkModel *>(),
            windowOnFile.findChild<TimelineModel *>() };
        const QList<const QAbstractItemModel *> serverModels { windowOnServer.findChild<EntityListModel *>(),
            windowOnServer.findChild<RelationPartnersModel *>(), windowOnServer.findChild<NetworkModel *>(),
            windowOnServer.findChild<TimelineModel *>() };
        for (qsizetype i = 0; i < fileModels.size(); ++i) {
            QVERIFY(fileModels[i] && serverModels[i]);
            QCOMPARE(shown(serverModels[i]), shown(fileModels[i]));
        }
    }
    QVERIFY(!shown(windowOnServer.findChild<EntityListModel *>()).isEmpty());
    QCOMPARE(CorpusCube::loadCount(), loads); // read from the cube loaded, not loaded again
}

void TestPgWindow::readerConnectionIsReadOnly()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    const ImportSummary s = importSamples(db);
    QVERIFY2(s.ok(), qPrintable(s.fatalError));

    MainWindow w;
    QSignalSpy finished(&w, &MainWindow::importFinished);
    QVERIFY(finished.isValid());
    w.start(db.url("reader"));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTRY_VERIFY_WITH_TIMEOUT(settled(w), 30000);
    QCOMPARE(w.storePath(), db.url("reader"));
    QVERIFY(w.session() && !w.session()->canWrite());
    QCOMPARE(w.articleModel()->storeCount(), s.totals.imported);
    // No imports, in the title and the status bar (it is not read-only: a reader corrects) ...
    QVERIFY2(w.windowTitle().contains(QLatin1String("no imports")), qPrintable(w.windowTitle()));
    QVERIFY2(!w.windowTitle().contains(QLatin1String("read-only")), qPrintable(w.windowTitle()));
    bool said = false;
    for (const QLabel *label : w.statusBar()->findChildren<QLabel *>())
        said = said || label->text().contains(QLatin1String("no imports"));
    QVERIFY(said);
    // ... with the imports disabled, and refused when asked for all the same (a dropped folder).
    for (const QString &text : { QStringLiteral("&Import Files…"), QStringLiteral("Import &Folder…") }) {
        QAction *a = actionNamed(w, text);
        QVERIFY2(a, qPrintable(text));
        QVERIFY2(!a->isEnabled(), qPrintable(text));
    }
    w.importPaths({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY(!w.isImporting());
    QVERIFY(finished.isEmpty());
    QVERIFY2(w.statusBar()->currentMessage().contains(QLatin1String("may not import")),
        qPrintable(w.statusBar()->currentMessage()));
    // A reader corrects all the same (the server grants it the derived rows): the panes offer it.
    auto *evidence = w.findChild<EvidencePane *>();
    QVERIFY(evidence);
    QAction *reject = evidence->findChild<QAction *>(QStringLiteral("rejectRelation"));
    QVERIFY(reject);
    QVERIFY(reject->isEnabled());
    QMenu menu;
    w.findChild<EntitiesPane *>()->addEditActions(&menu, { QStringLiteral("country"), QStringLiteral("CHN") }, {});
    QVERIFY(menu.findChild<QAction *>(QStringLiteral("mergeEntity")));
    QVERIFY(menu.findChild<QAction *>(QStringLiteral("noCorrections")) == nullptr);
    QVERIFY(w.findChild<QAction *>(QStringLiteral("editHistory"))
        && w.findChild<QAction *>(QStringLiteral("editHistory"))->isEnabled());
    // The window's own connections may not write either, whatever the role.
    QSqlQuery q(w.session()->reader()->database());
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO edits(kind, args, made_at) VALUES ('x', '{}', 'now')")));
    w.close();
}

void TestPgWindow::writerImportsIntoTheServer()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    const ImportSummary s = importSamples(db);
    QVERIFY2(s.ok(), qPrintable(s.fatalError));
    QTemporaryDir dir;
    QVERIFY(writeMoreArticle(dir));

    MainWindow w;
    QSignalSpy finished(&w, &MainWindow::importFinished);
    QVERIFY(finished.isValid());
    QVERIFY(openAndSettle(w, db.url("writer")));
    const qint64 before = w.articleModel()->storeCount();
    QCOMPARE(before, s.totals.imported);
    w.importPaths({ dir.path() });
    QVERIFY(w.isImporting());
    QVERIFY(finished.wait(60000));
    const auto summary = finished.first().first().value<ImportSummary>();
    QVERIFY2(summary.ok(), qPrintable(summary.fatalError));
    QCOMPARE(summary.totals.imported, 1);
    // The panes take the new article in without a restart: the count, and the year it brought to the Timeline.
    QTRY_COMPARE(w.articleModel()->storeCount(), before + 1);
    QTRY_VERIFY_WITH_TIMEOUT(settled(w), 30000);
    QVERIFY(listsMoreArticle(w));
    w.close();
}

void TestPgWindow::anotherProgramsImportAppears()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    const ImportSummary s = importSamples(db);
    QVERIFY2(s.ok(), qPrintable(s.fatalError));

    // A reader's window, open while a colleague's `entente ingest` (here: an Importer of the test's) adds an article.
    MainWindow w;
    w.setServerCheckInterval(100);
    QVERIFY(openAndSettle(w, db.url("reader")));
    const qint64 before = w.articleModel()->storeCount();
    QCOMPARE(before, s.totals.imported);
    QSignalSpy grew(&w, &MainWindow::storeGrew);
    QVERIFY(grew.isValid());
    QTemporaryDir dir;
    QVERIFY(writeMoreArticle(dir));
    const ImportSummary added = Importer(db.url("writer")).run({ dir.path() });
    QVERIFY2(added.ok(), qPrintable(added.fatalError));
    QCOMPARE(added.totals.imported, 1);
    QTRY_COMPARE_WITH_TIMEOUT(w.articleModel()->storeCount(), before + 1, 10000);
    QCOMPARE(grew.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(settled(w), 30000);
    QVERIFY(listsMoreArticle(w));
    w.close();
}

void TestPgWindow::droppedConnectionIsShownAndComesBack()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    const ImportSummary s = importSamples(db);
    QVERIFY2(s.ok(), qPrintable(s.fatalError));

    MainWindow w;
    w.setServerCheckInterval(100);
    QVERIFY(openAndSettle(w, db.url("reader")));
    const EntityRef first = w.selection()->focus();
    const QStringList articles = shown(w.articleModel());
    QVERIFY(!articles.isEmpty());
    QVERIFY(!w.isConnectionLost());
    QVERIFY(!w.connectionBanner()->isVisible());

    // The server goes away as by a power cut: the window says so, above the panes, and stays usable.
    const QString cluster = QStringLiteral(ENTENTE_SOURCE_DIR "/tests/postgres/cluster.sh");
    QCOMPARE(QProcess::execute(
                 QStringLiteral("bash"), { cluster, QStringLiteral("crash"), QStringLiteral(ENTENTE_PG_STATE) }),
        0);
    QTRY_VERIFY_WITH_TIMEOUT(w.isConnectionLost(), 15000);
    QVERIFY(w.connectionBanner()->isVisible());
    const QString said = qobject_cast<QLabel *>(w.connectionBanner())->text();
    QVERIFY2(said.contains(QLatin1String("lost")) && said.contains(QUrl(db.url("reader")).host()), qPrintable(said));
    // A correction is not tried on a server known to be away (it would hold the window for the connection's timeout):
    // nothing stacked, and the status bar says why.
    w.requestEdit(Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("KAZ"), QStringLiteral("RUS")));
    QCOMPARE(w.undoStack()->count(), 0);
    QVERIFY2(
        w.statusBar()->currentMessage().contains(QLatin1String("lost")), qPrintable(w.statusBar()->currentMessage()));
    if (qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS")) {
        w.resize(1280, 720);
        QCoreApplication::processEvents(); // lays the resized window out
        w.grab().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS") + QStringLiteral("/connection-lost.png"));
    }
    w.selection()->setFocus({ QStringLiteral("country"), QStringLiteral("CHN") }); // no crash, no hang
    QTRY_VERIFY_WITH_TIMEOUT(settled(w), 30000);

    // Back up: the banner goes, and every pane reads through a new connection (a focus change reads as before).
    QCOMPARE(QProcess::execute(QStringLiteral("bash"),
                 { cluster, QStringLiteral("start"), QStringLiteral(ENTENTE_PG_STATE), stateFile("port") }),
        0);
    QTRY_VERIFY_WITH_TIMEOUT(!w.isConnectionLost(), 20000);
    QVERIFY(!w.connectionBanner()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(settled(w), 30000);
    w.selection()->setFocus(first);
    QTRY_VERIFY_WITH_TIMEOUT(settled(w), 30000);
    QTRY_COMPARE(shown(w.articleModel()), articles);
    QCOMPARE(w.articleModel()->storeCount(), s.totals.imported);
    w.close();
}

void TestPgWindow::commandLineReadsTheServerStore()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QTemporaryDir dir;
    QString why;
    const QString file = samplesOnBoth(db, dir, &why);
    QVERIFY2(!file.isEmpty(), qPrintable(why));

    // What `entente ARGS... --store STORE` writes to the file `written` (named NAME-server or NAME-file in `dir`).
    const auto run = [&dir](QStringList args, const QString &store, const QString &written) {
        QProcess entente;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        entente.setProcessEnvironment(env);
        args.replaceInStrings(QStringLiteral("@"), dir.path() + u'/' + written);
        entente.start(QStringLiteral(ENTENTE_BINARY), args << QStringLiteral("--store") << store);
        if (!entente.waitForFinished(120000) || entente.exitCode() != 0)
            return QByteArray("failed: ") + entente.readAllStandardError();
        QFile f(dir.filePath(written));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("nothing written");
    };
    // The same on the server as on a store file of the same articles: the data behind each chart, ...
    for (const QString &kind : { QStringLiteral("relations"), QStringLiteral("network"), QStringLiteral("timeline") }) {
        const QStringList args { QStringLiteral("chart"), QStringLiteral("--kind"), kind, QStringLiteral("--focus"),
            QStringLiteral("CHN"), QStringLiteral("--out"), QStringLiteral("@.svg"), QStringLiteral("--data"),
            QStringLiteral("@") };
        const QByteArray onServer = run(args, db.url("reader"), kind + QStringLiteral("-server.csv"));
        QVERIFY2(onServer.count('\n') > 1, onServer.constData());
        QCOMPARE(onServer, run(args, file, kind + QStringLiteral("-file.csv")));
    }
    // ... the country network as a graph file, and a search's hits.
    const QStringList graph { QStringLiteral("export"), QStringLiteral("--what"), QStringLiteral("graph"),
        QStringLiteral("--out"), QStringLiteral("@") };
    const QByteArray graphOnServer = run(graph, db.url("reader"), QStringLiteral("server.gexf"));
    QVERIFY2(graphOnServer.contains("<edge "), graphOnServer.constData());
    QCOMPARE(graphOnServer, run(graph, file, QStringLiteral("file.gexf")));
    const QStringList hits { QStringLiteral("export"), QStringLiteral("--what"), QStringLiteral("hits"),
        QStringLiteral("--query"), QStringLiteral("\"Central Asia\""), QStringLiteral("--out"), QStringLiteral("@") };
    const QByteArray hitsOnServer = run(hits, db.url("reader"), QStringLiteral("server-hits.csv"));
    QVERIFY2(hitsOnServer.count('\n') > 2, hitsOnServer.constData());
    QCOMPARE(hitsOnServer, run(hits, file, QStringLiteral("file-hits.csv")));
}

void TestPgWindow::correctionsOnTheServerAsOnAStoreFile()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QTemporaryDir dir;
    QString why;
    const QString file = samplesOnBoth(db, dir, &why);
    QVERIFY2(!file.isEmpty(), qPrintable(why));

    // A reader's window and a window on a store file of the same articles; another reader's window beside them.
    MainWindow onFile, onServer, other;
    other.setServerCheckInterval(100);
    QVERIFY(openAndSettle(onFile, file));
    QVERIFY(openAndSettle(onServer, db.url("reader")));
    QVERIFY(openAndSettle(other, db.url("reader")));
    const EntityRef china { QStringLiteral("country"), QStringLiteral("CHN") };
    for (MainWindow *w : { &onFile, &onServer, &other })
        w->selection()->setFocus(china);
    QTRY_VERIFY_WITH_TIMEOUT(settled(onFile) && settled(onServer) && settled(other), 30000);
    QCOMPARE(paneDifference(onFile, onServer), QString());
    const QStringList partnersBefore = shown(onServer.findChild<RelationPartnersModel *>());
    QVERIFY(partnersBefore.join(u'\n').contains(QLatin1String("Kazakhstan")));

    // The same merge in both: the panes count with it alike, and Kazakhstan is no partner of China any more.
    QSignalSpy otherGrew(&other, &MainWindow::storeGrew);
    QVERIFY(otherGrew.isValid());
    const Edit merge = Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("KAZ"), QStringLiteral("RUS"));
    onFile.requestEdit(merge);
    onServer.requestEdit(merge);
    QCOMPARE(onServer.undoStack()->count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(settled(onFile) && settled(onServer), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(shown(onServer.findChild<RelationPartnersModel *>()) != partnersBefore, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(settled(onFile) && settled(onServer), 30000);
    QCOMPARE(paneDifference(onFile, onServer), QString());
    QVERIFY(!shown(onServer.findChild<RelationPartnersModel *>()).join(u'\n').contains(QLatin1String("Kazakhstan")));
    // The other window sees the edit without a restart (the server's edit generation).
    QTRY_VERIFY_WITH_TIMEOUT(!otherGrew.isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(settled(other), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(
        shown(other.findChild<RelationPartnersModel *>()), shown(onServer.findChild<RelationPartnersModel *>()), 10000);
    // The edit is in the server's list of corrections.
    {
        Store store;
        QVERIFY(store.openServer(db.url("reader")));
        const QList<Edit> edits = EditLog(&store).edits();
        QCOMPARE(edits.size(), 1);
        QCOMPARE(edits.first().args.value(QLatin1String("key")).toString(), QStringLiteral("KAZ"));
    }

    // Undo, as on a file: the panes show what they showed before.
    onServer.undoStack()->undo();
    onFile.undoStack()->undo();
    QTRY_VERIFY_WITH_TIMEOUT(shown(onServer.findChild<RelationPartnersModel *>()) == partnersBefore, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(settled(onFile) && settled(onServer), 30000);
    QCOMPARE(paneDifference(onFile, onServer), QString());
    // ... and redo applies it again.
    onServer.undoStack()->redo();
    onFile.undoStack()->redo();
    QTRY_VERIFY_WITH_TIMEOUT(shown(onServer.findChild<RelationPartnersModel *>()) != partnersBefore, 10000);

    // The Evidence pane's Reject, on the pair's first sentence in each window.
    for (MainWindow *w : { &onFile, &onServer })
        w->selection()->setPair(china.key, QStringLiteral("RUS"));
    QTRY_VERIFY_WITH_TIMEOUT(settled(onFile) && settled(onServer), 30000);
    auto *evidenceFile = onFile.findChild<EvidencePane *>();
    auto *evidenceServer = onServer.findChild<EvidencePane *>();
    QVERIFY(evidenceFile && evidenceServer);
    QTRY_VERIFY(evidenceServer->model()->rowCount() > 0 && evidenceFile->model()->rowCount() > 0);
    const int sentences = evidenceServer->model()->totalCount();
    QCOMPARE(sentences, evidenceFile->model()->totalCount());
    QCOMPARE(shown(evidenceServer->model()), shown(evidenceFile->model()));
    for (EvidencePane *pane : { evidenceFile, evidenceServer }) {
        pane->view()->setCurrentIndex(pane->model()->index(0, EvidenceModel::SentenceColumn));
        QAction *reject = pane->findChild<QAction *>(QStringLiteral("rejectRelation"));
        QVERIFY(reject && reject->isEnabled());
        reject->trigger();
    }
    QCOMPARE(onServer.undoStack()->count(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(evidenceServer->model()->totalCount(), sentences - 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(evidenceFile->model()->totalCount(), sentences - 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(settled(onFile) && settled(onServer), 30000);
    QCOMPARE(shown(evidenceServer->model()), shown(evidenceFile->model()));
    QCOMPARE(paneDifference(onFile, onServer), QString());
    for (MainWindow *w : { &onFile, &onServer, &other })
        w->close();
}

void TestPgWindow::commandLineEditsRoundTrip()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QTemporaryDir dir;
    QString why;
    const QString file = samplesOnBoth(db, dir, &why);
    QVERIFY2(!file.isEmpty(), qPrintable(why));
    {
        Store store;
        QString error;
        QVERIFY2(store.openForEdits(file, &error), qPrintable(error));
        EditLog log(&store);
        for (Edit e : { Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("IND"), QStringLiteral("JPN")),
                 Edit::renameEntity(QStringLiteral("country"), QStringLiteral("CHN"), QStringLiteral("PRC")) })
            QVERIFY2(log.add(&e, &error), qPrintable(error));
    }
    // The store file's edits, written out and applied to the server by a reader ...
    const QString fromFile = dir.filePath(QStringLiteral("file-edits.json"));
    const QString fromServer = dir.filePath(QStringLiteral("server-edits.json"));
    QByteArray said;
    QCOMPARE(
        runEntente(
            { QStringLiteral("edits"), QStringLiteral("--store"), file, QStringLiteral("--export"), fromFile }, &said),
        0);
    QCOMPARE(runEntente({ QStringLiteral("edits"), QStringLiteral("--store"), db.url("reader"),
                            QStringLiteral("--import"), fromFile },
                 &said),
        0);
    QVERIFY2(said.contains("2 edit(s) added"), said.constData());
    // ... are listed there, and written out again the same; a second import adds nothing.
    QCOMPARE(runEntente({ QStringLiteral("edits"), QStringLiteral("--store"), db.url("reader") }, &said), 0);
    QCOMPARE(said.count('\n'), 2);
    QVERIFY2(said.contains("merge-entity") && said.contains("PRC"), said.constData());
    QCOMPARE(runEntente({ QStringLiteral("edits"), QStringLiteral("--store"), db.url("reader"),
                 QStringLiteral("--export"), fromServer }),
        0);
    QFile a(fromFile), b(fromServer);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    const QByteArray exported = a.readAll();
    QVERIFY(exported.contains("IND"));
    QCOMPARE(b.readAll(), exported);
    QCOMPARE(runEntente({ QStringLiteral("edits"), QStringLiteral("--store"), db.url("reader"),
                            QStringLiteral("--import"), fromFile },
                 &said),
        0);
    QVERIFY2(said.contains("0 edit(s) added"), said.constData());
    // The server counts with them as the file does: the country network, byte for byte.
    Store onFile, onServer;
    QVERIFY(onFile.open(file, Store::OpenMode::ReadOnly));
    QVERIFY(onServer.openServer(db.url("reader")));
    QBuffer graphFile, graphServer;
    QVERIFY(graphFile.open(QIODevice::WriteOnly) && graphServer.open(QIODevice::WriteOnly));
    QString error;
    QVERIFY(GraphExport::write(onFile, GraphExport::Format::Gexf, &graphFile, &error).nodes > 0);
    QVERIFY2(
        GraphExport::write(onServer, GraphExport::Format::Gexf, &graphServer, &error).nodes > 0, qPrintable(error));
    QVERIFY(!graphFile.data().contains("\"IND\""));
    QCOMPARE(graphServer.data(), graphFile.data());
}

void TestPgWindow::connectionDialogGivesTheUrlWithoutPassword()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    const ImportSummary s = importSamples(db);
    QVERIFY2(s.ok(), qPrintable(s.fatalError));

    // The fields make the URL the window opens ...
    ServerStoreDialog dialog;
    QUrl url(db.url("reader"));
    dialog.findChild<QLineEdit *>(QStringLiteral("host"))->setText(url.host());
    dialog.findChild<QSpinBox *>(QStringLiteral("port"))->setValue(url.port());
    dialog.findChild<QLineEdit *>(QStringLiteral("database"))->setText(url.path().mid(1));
    dialog.findChild<QLineEdit *>(QStringLiteral("user"))->setText(url.userName());
    QCOMPARE(dialog.url(), db.url("reader"));
    // ... and a URL given with a password is remembered without it (the cluster trusts the loopback: any opens).
    url.setPassword(QStringLiteral("secret"));
    MainWindow w;
    QVERIFY(w.openStore(url.toString()));
    QTRY_VERIFY_WITH_TIMEOUT(settled(w), 30000);
    QTRY_VERIFY(QSettings().value(QStringLiteral("recentStores")).toStringList().contains(db.url("reader")));
    for (const QString &recent : QSettings().value(QStringLiteral("recentStores")).toStringList())
        QVERIFY2(!recent.contains(QLatin1String("secret")), qPrintable(recent));
    QVERIFY(!w.windowTitle().contains(QLatin1String("secret")));
    ServerStoreDialog again;
    again.setUrl(url.toString());
    QCOMPARE(again.url(), db.url("reader"));
    w.close();
}

void TestPgWindow::passwordComesFromPgpassOnly()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    const ImportSummary s = importSamples(db);
    QVERIFY2(s.ok(), qPrintable(s.fatalError));
    // entente_locked must give a password (cluster.sh); the user's own ~/.pgpass stays out of this.
    QUrl url(db.url("reader"));
    url.setUserName(QStringLiteral("entente_locked"));
    QTemporaryDir dir;
    const QString pgpass = dir.filePath(QStringLiteral("pgpass"));
    const QByteArray before = qgetenv("PGPASSFILE");
    qputenv("PGPASSFILE", pgpass.toLocal8Bit());
    const auto restore = qScopeGuard([&before] {
        if (before.isNull())
            qunsetenv("PGPASSFILE");
        else
            qputenv("PGPASSFILE", before);
    });

    // Without one, the message says where to put it ...
    QString error;
    QVERIFY(!StoreSession::open(url.toString(), &error));
    QVERIFY2(error.contains(QLatin1String("~/.pgpass")) && error.contains(QLatin1String("entente_locked")),
        qPrintable(error));
    // ... and with it there, the window opens the store, read-only, and keeps no password anywhere.
    QFile file(pgpass);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("%1:%2:%3:entente_locked:locked-pw\n")
                   .arg(url.host())
                   .arg(url.port())
                   .arg(url.path().mid(1))
                   .toUtf8());
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)); // libpq ignores it otherwise
    MainWindow w;
    QVERIFY(w.openStore(url.toString()));
    QTRY_VERIFY_WITH_TIMEOUT(settled(w), 30000);
    QCOMPARE(w.articleModel()->storeCount(), s.totals.imported);
    QVERIFY(w.windowTitle().contains(QLatin1String("no imports")));
    w.close();
    QTRY_VERIFY(QSettings().value(QStringLiteral("recentStores")).toStringList().contains(url.toString()));
    QSettings().sync();
    QFile settings(QSettings().fileName());
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(!settings.readAll().contains("locked-pw"));
}

void TestPgWindow::unreachableServerIsSaid()
{
    QString error;
    QVERIFY(!StoreSession::open(
        QStringLiteral("postgresql://entente_reader@127.0.0.1:1/entente?connect_timeout=5"), &error));
    QVERIFY2(error.contains(QLatin1String("127.0.0.1:1")) && error.contains(QLatin1String("cannot connect")),
        qPrintable(error));
    // A database with no store in it is named as such, and nothing is made in it.
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QVERIFY(!StoreSession::open(db.url("writer"), &error));
    QVERIFY2(error.contains(QLatin1String("no Entente store")), qPrintable(error));
}

QTEST_MAIN(TestPgWindow)
#include "tst_pgwindow.moc"

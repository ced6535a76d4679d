// The window on a laptop's screen, 1280x720 (an offscreen screen of that size): the Reader keeps at least 45% of
// the width, and every pane has room to be read (the lists at least 8 rows, the charts a readable plot).
#include "chartpanes.h"
#include "entitiespane.h"
#include "evidencemodel.h"
#include "evidencepane.h"
#include "importer.h"
#include "mainwindow.h"
#include "networkpane.h"
#include "readerpane.h"
#include "relationpartnersmodel.h"
#include "relationspane.h"
#include "selection.h"
#include "store.h"
#include "timelinepane.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace entente;

class TestLaptopLayout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readerAndPanesHaveRoom();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestLaptopLayout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EntenteTest"));
    QCoreApplication::setApplicationName(QStringLiteral("EntenteLaptopTest"));
    QSettings().clear();
    QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), QSize(1280, 720));
    m_path = m_dir.filePath(QStringLiteral("samples.entente"));
    {
        Store create;
        QVERIFY(create.open(m_path, Store::OpenMode::CreateIfMissing));
    }
    QVERIFY(Importer(m_path).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) }).ok());
}

// Rows of `view` that fit in its viewport.
int visibleRows(const QAbstractItemView *view, int rowHeight)
{
    return view->viewport()->height() / std::max(1, rowHeight);
}

void TestLaptopLayout::readerAndPanesHaveRoom()
{
    MainWindow w;
    QVERIFY(w.openStore(m_path));
    w.resize(1280, 720);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *reader = w.findChild<ReaderPane *>(QStringLiteral("readerPane"));
    QVERIFY(reader);
    // The Reader: at least 45% of the width, and ten lines.
    QTRY_VERIFY2(reader->width() * 100 >= w.width() * 45,
        qPrintable(QStringLiteral("reader %1 of %2").arg(reader->width()).arg(w.width())));
    QVERIFY(reader->view()->viewport()->height() >= 10 * reader->view()->fontMetrics().lineSpacing());

    // Each pane brought forward (as Ctrl+1 ... Ctrl+7 do) has room.
    const auto forward = [&](QWidget *pane) {
        auto *dock = qobject_cast<QDockWidget *>(pane->parentWidget());
        QVERIFY(dock);
        dock->raise();
        QTRY_VERIFY(!pane->visibleRegion().isEmpty());
    };
    auto *entities = w.findChild<EntitiesPane *>(QStringLiteral("entitiesPane"));
    auto *evidence = w.findChild<EvidencePane *>();
    auto *relations = w.findChild<RelationsPane *>();
    auto *network = w.findChild<NetworkPane *>();
    auto *timeline = w.findChild<TimelinePane *>();
    QVERIFY(entities && evidence && relations && network && timeline);
    auto *articles = w.findChild<QTableView *>(QStringLiteral("articleView"));
    QVERIFY(articles);
    forward(w.findChild<QWidget *>(QStringLiteral("articlesPane"))); // the list is a tab of the pane
    QVERIFY2(visibleRows(articles, articles->verticalHeader()->defaultSectionSize()) >= 8,
        qPrintable(QString::number(articles->viewport()->height())));
    // The titles keep room enough to be read.
    QVERIFY(articles->columnWidth(1) >= 80);
    forward(entities);
    QVERIFY(visibleRows(entities->view(), entities->view()->sizeHintForRow(0)) >= 8);
    // The Evidence: a pair's sentences, each over three lines; at least four of them (twelve lines).
    RelationPartnersModel *partners = relations->model();
    QVERIFY(partners->rowCount() > 0);
    w.selection()->setPair(partners->pairA(0), partners->pairB(0));
    forward(evidence);
    QVERIFY(evidence->model()->rowCount() > 0);
    QVERIFY(visibleRows(evidence->view(), evidence->view()->rowHeight(0)) >= 4);
    // ... and the sentence most of the width.
    QVERIFY2(evidence->view()->columnWidth(EvidenceModel::SentenceColumn) * 2 >= evidence->view()->viewport()->width(),
        qPrintable(QString::number(evidence->view()->columnWidth(EvidenceModel::SentenceColumn))));
    // The charts: a plot that can be read, with a line for each of the Relations chart's bars.
    forward(relations);
    QTRY_VERIFY(relations->chartView()->chart()->plotArea().height()
        >= partners->rowCount() * relations->fontMetrics().height());
    QVERIFY(relations->chartView()->chart()->plotArea().width() >= 150);
    forward(timeline);
    QVERIFY2(timeline->height() >= 180 && timeline->width() >= 300,
        qPrintable(QStringLiteral("%1x%2").arg(timeline->width()).arg(timeline->height())));
    forward(network);
    QVERIFY(network->height() >= 180 && network->width() >= 300);
    if (qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS"))
        w.grab().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS") + QStringLiteral("/laptop-1280x720.png"));
}

int main(int argc, char **argv)
{
    // An offscreen screen of a laptop's size (Qt's offscreen platform takes its screens from a file).
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screen.json"));
    QFile f(config);
    if (!f.open(QIODevice::WriteOnly))
        return 1;
    f.write(R"({"synchronousWindowSystemEvents": false, "windowFrameMargins": false, "screens": [
        {"name": "Laptop", "x": 0, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96, "logicalBaseDpi": 96,
         "dpr": 1}]})");
    f.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(config));
    QApplication app(argc, argv);
    TestLaptopLayout test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_laptoplayout.moc"

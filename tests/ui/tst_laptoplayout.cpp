// The window on a laptop's screen, 1280x720 (an offscreen screen of that size): the Reader keeps at least 45% of
// the width, and every pane has room to be read (the lists at least 8 rows, the charts a readable plot).
//
// ctest runs it twice more at 200% (QT_SCALE_FACTOR=2; ENTENTE_TEST_SCREEN gives the screen's device pixels):
// 2560x1440, the same 1280x720 laid out in device-independent pixels and drawn twice as fine, and 1600x1000, whose
// 800x500 takes the compact layout. In each, nothing is cut: every tab's name whole, every control at least its
// minimum size and inside its pane, every bar of the Relations chart named, each name inside the chart.
#include "asyncquery.h"
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

#include <QAbstractButton>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QGraphicsTextItem>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>
#include <QValueAxis>

using namespace entente;

namespace {
// Lets the models' workers answer: true once no AsyncQuery has a request on its way (a condition, not a sleep).
bool settled()
{
    QCoreApplication::processEvents();
    return QTest::qWaitFor([] { return AsyncQuery::busyCount() == 0; });
}
} // namespace

namespace {

// The screen's size in device pixels (ENTENTE_TEST_SCREEN, e.g. 2560x1440; 1280x720 by default), and the scale
// ctest runs the test at (QT_SCALE_FACTOR).
QSize screenPixels()
{
    const QStringList wh = qEnvironmentVariable("ENTENTE_TEST_SCREEN", QStringLiteral("1280x720")).split(u'x');
    return wh.size() == 2 ? QSize(wh.at(0).toInt(), wh.at(1).toInt()) : QSize(1280, 720);
}

int scale()
{
    return std::max(1, qEnvironmentVariableIntValue("QT_SCALE_FACTOR"));
}

} // namespace

class TestLaptopLayout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readerAndPanesHaveRoom();
    void nothingIsCut();
    void relationCountsHaveRoom();

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
    // The screen in device-independent pixels: its device pixels over the scale.
    QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), screenPixels() / scale());
    QCOMPARE(qRound(QGuiApplication::primaryScreen()->devicePixelRatio()), scale());
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
    if (QGuiApplication::primaryScreen()->geometry().width() < 1100)
        QSKIP("a small screen takes the compact layout (nothingIsCut() and tst_keyboard check it)");
    MainWindow w;
    QVERIFY(w.openStore(m_path));
    QTRY_VERIFY(!w.isOpening()); // the first focus comes from a worker
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
    QVERIFY(settled()); // the models answer from a worker
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
    if (qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS") && scale() == 1)
        w.grab().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS") + QStringLiteral("/laptop-1280x720.png"));
}

void TestLaptopLayout::nothingIsCut()
{
    MainWindow w;
    QVERIFY(w.openStore(m_path));
    QTRY_VERIFY(!w.isOpening()); // the first focus comes from a worker
    const QSize screen = QGuiApplication::primaryScreen()->availableGeometry().size();
    w.resize(screen);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.isCompact(), screen.width() < 1100 || screen.height() < 700);
    // The window fits its screen.
    QVERIFY2(w.minimumSizeHint().width() <= screen.width() && w.minimumSizeHint().height() <= screen.height(),
        qPrintable(QStringLiteral("%1x%2").arg(w.minimumSizeHint().width()).arg(w.minimumSizeHint().height())));
    auto *relations = w.findChild<RelationsPane *>();
    QVERIFY(relations);
    QTRY_VERIFY(relations->model()->rowCount() > 0);

    // Every group of tabbed panes shows each pane's name whole: no tab behind the scroll arrows or past the bar's end
    // (the window sizes the tabbed docks once it has its own size: QTRY).
    QTRY_VERIFY(!w.findChildren<QTabBar *>(Qt::FindDirectChildrenOnly).isEmpty());
    QTRY_VERIFY2(
        [&w] {
            for (const QTabBar *bar : w.findChildren<QTabBar *>(Qt::FindDirectChildrenOnly)) {
                if (!bar->isVisible())
                    continue;
                for (int i = 0; i < bar->count(); ++i)
                    if (!bar->rect().contains(bar->tabRect(i)))
                        return false;
            }
            return true;
        }(),
        "a tab's name is cut");

    // Each pane brought forward: its controls at least their minimum size, and inside the pane.
    const auto fits = [](QWidget *pane) -> QString {
        QStringList cut;
        const QRect inside = pane->rect();
        for (QWidget *child : pane->findChildren<QWidget *>()) {
            auto *button = qobject_cast<QAbstractButton *>(child);
            auto *label = qobject_cast<QLabel *>(child);
            const bool control = button || label || qobject_cast<QComboBox *>(child)
                || qobject_cast<QAbstractSpinBox *>(child) || qobject_cast<QLineEdit *>(child);
            if (!control || !child->isVisible() || child->visibleRegion().isEmpty())
                continue;
            // A label that wraps, or is laid out to ignore its text's width (and elides it), is not cut by a narrow
            // pane.
            if (label
                && (label->wordWrap() || label->text().isEmpty()
                    || child->sizePolicy().horizontalPolicy() == QSizePolicy::Ignored))
                continue;
            if (button && child->parentWidget() && child->parentWidget()->inherits("QTabBar"))
                continue; // the tab bar's scroll arrows
            if (qobject_cast<QAbstractSpinBox *>(child->parentWidget())
                || qobject_cast<QComboBox *>(child->parentWidget()))
                continue; // a spin box's own line edit: the spin box is checked
            const QSize least = child->minimumSizeHint();
            const QRect at(child->mapTo(pane, QPoint(0, 0)), child->size());
            if (child->width() < least.width() || child->height() < least.height() || !inside.contains(at))
                cut << QStringLiteral("%1 '%2' %3x%4 (needs %5x%6) at %7,%8 in %9x%10")
                           .arg(QString::fromLatin1(child->metaObject()->className()),
                               label        ? label->text()
                                   : button ? button->text()
                                            : child->objectName())
                           .arg(child->width())
                           .arg(child->height())
                           .arg(least.width())
                           .arg(least.height())
                           .arg(at.x())
                           .arg(at.y())
                           .arg(inside.width())
                           .arg(inside.height());
        }
        return cut.join(QStringLiteral("; "));
    };
    for (QDockWidget *dock : w.findChildren<QDockWidget *>()) {
        dock->raise();
        QTRY_VERIFY(!dock->widget()->visibleRegion().isEmpty());
        const QString cut = fits(dock->widget());
        QVERIFY2(cut.isEmpty(), qPrintable(dock->objectName() + QStringLiteral(": ") + cut));
    }

    // The Relations chart names every bar: Qt Charts leaves out a name its band is too low for...
    auto *dock = qobject_cast<QDockWidget *>(relations->parentWidget());
    QVERIFY(dock);
    dock->raise();
    QTRY_VERIFY(relations->chartView()->isVisible());
    auto *names = qobject_cast<QBarCategoryAxis *>(relations->chartView()->chart()->axes(Qt::Vertical).value(0));
    QVERIFY(names);
    QStringList wanted;
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    for (QString name : names->categories())
        wanted << name.remove(tags).trimmed();
    QCOMPARE(wanted.size(), relations->model()->rowCount());
    const auto nameItems = [&] {
        QList<const QGraphicsTextItem *> shown;
        for (QGraphicsItem *item : relations->chartView()->scene()->items()) {
            const auto *text = dynamic_cast<const QGraphicsTextItem *>(item);
            if (text && text->isVisible() && wanted.contains(text->toPlainText().trimmed()))
                shown << text;
        }
        return shown;
    };
    QTRY_COMPARE(nameItems().size(), wanted.size());
    // ... each whole, inside the chart (a name wider than the room Qt Charts made for it is cut at the chart's edge).
    const QRectF chartArea = relations->chartView()->chart()->geometry();
    const auto outside = [&] {
        QStringList cut;
        for (const QGraphicsTextItem *text : nameItems()) {
            // The text's own box, less the document's margins around it.
            const QRectF box = text->sceneBoundingRect().adjusted(2, 0, -2, 0);
            if (!chartArea.contains(box))
                cut << QStringLiteral("'%1' at %2..%3 of %4..%5")
                           .arg(text->toPlainText())
                           .arg(box.left())
                           .arg(box.right())
                           .arg(chartArea.left())
                           .arg(chartArea.right());
        }
        return cut.join(QStringLiteral("; "));
    };
    QTRY_COMPARE(outside(), QString());

    if (qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS"))
        w.grab().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS")
            + QStringLiteral("/window-%1x%2-at-%3.png").arg(screen.width()).arg(screen.height()).arg(scale() * 100));
}

void TestLaptopLayout::relationCountsHaveRoom()
{
    if (QGuiApplication::primaryScreen()->geometry().width() < 1100)
        QSKIP("a small screen takes the compact layout");
    // Thousands of relations of one country with partners of long names: the Relations chart's numbers (up to four
    // digits) and names share a narrow pane.
    QTemporaryDir dir;
    const QString articles = dir.filePath(QStringLiteral("many.jsonl"));
    {
        QFile f(articles);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 1200; ++i) {
            QJsonObject o;
            o.insert(QStringLiteral("title"), QStringLiteral("Talks %1").arg(i));
            o.insert(QStringLiteral("date"), QStringLiteral("%1-03-01").arg(1990 + i % 30));
            QString text;
            for (const char *partner :
                { "Bosnia and Herzegovina", "Saint Vincent and the Grenadines", "Antigua and Barbuda",
                    "Trinidad and Tobago", "Papua New Guinea", "the Central African Republic", "the Dominican Republic",
                    "Sao Tome and Principe", "Saint Kitts and Nevis", "the United Arab Emirates" })
                text += QStringLiteral("France signed a trade agreement with %1 on Monday. ")
                            .arg(QLatin1String(partner));
            o.insert(QStringLiteral("text"), text + QString::number(i));
            f.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
        }
    }
    const QString path = dir.filePath(QStringLiteral("many.entente"));
    {
        Store create;
        QVERIFY(create.open(path, Store::OpenMode::CreateIfMissing));
    }
    QVERIFY(Importer(path).run({ articles }).ok());
    MainWindow w;
    QVERIFY(w.openStore(path));
    QTRY_VERIFY(!w.isOpening()); // the first focus comes from a worker
    w.resize(1280, 720);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *relations = w.findChild<RelationsPane *>();
    QVERIFY(relations);
    w.selection()->setFocus({ QStringLiteral("country"), QStringLiteral("FRA") });
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(relations->model()->rowCount() >= 2);
    // Drawn again at the pane's width, as when it waits for a new focus's answer and shows the old one: the value
    // axis's numbers do not run into each other.
    QResizeEvent again(relations->size(), relations->size());
    QApplication::sendEvent(relations, &again);
    auto *values = qobject_cast<QValueAxis *>(relations->chartView()->chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(values);
    QVERIFY(values->max() >= 1000);
    QTRY_VERIFY(relations->chartView()->chart()->plotArea().width() > 0);
    const double gaps = (values->max() - values->min()) / values->tickInterval();
    const double number = QFontMetricsF(values->labelsFont()).horizontalAdvance(QString::number(values->max()));
    const double plot = relations->chartView()->chart()->plotArea().width();
    QVERIFY2(plot / gaps >= number * 1.2,
        qPrintable(QStringLiteral("%1 ticks to %2 on %3 px").arg(gaps + 1).arg(values->max()).arg(plot)));
}

int main(int argc, char **argv)
{
    // An offscreen screen of a laptop's size (Qt's offscreen platform takes its screens from a file).
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screen.json"));
    QFile f(config);
    if (!f.open(QIODevice::WriteOnly))
        return 1;
    const QSize screen = screenPixels();
    f.write(QStringLiteral(R"({"synchronousWindowSystemEvents": false, "windowFrameMargins": false, "screens": [
        {"name": "Laptop", "x": 0, "y": 0, "width": %1, "height": %2, "logicalDpi": 96, "logicalBaseDpi": 96,
         "dpr": 1}]})")
                .arg(screen.width())
                .arg(screen.height())
                .toUtf8());
    f.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(config));
    QApplication app(argc, argv);
    TestLaptopLayout test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_laptoplayout.moc"

// The window without a mouse, offscreen, on the sample corpus: Ctrl+1 to Ctrl+7 put the keyboard
// in each pane, and each chart is worked with keys alone (Relations bars, Evidence rows, Network
// nodes, Timeline years). Also the compact layout a small or magnified screen gets.
#include "asyncquery.h"
#include "evidencemodel.h"
#include "evidencepane.h"
#include "mainwindow.h"
#include "networkmodel.h"
#include "networkpane.h"
#include "networkview.h"
#include "relationpartnersmodel.h"
#include "relationspane.h"
#include "selection.h"
#include "timelinemodel.h"
#include "timelinepane.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QDockWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

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

class TestKeyboard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void everyPaneHasAKey();
    void noTwoActionsShareAKey();
    void relationsAndEvidenceByKeys();
    void networkByKeys();
    void timelineByKeys();
    void compactLayoutFitsSmallScreens();

private:
    // Presses `keys` on whatever has the keyboard now, as a user would.
    static void press(const QKeySequence &keys);

    std::unique_ptr<MainWindow> m_window;
};

void TestKeyboard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EntenteTest"));
    QCoreApplication::setApplicationName(QStringLiteral("EntenteKeyboardTest"));
    QSettings().clear();
}

void TestKeyboard::init()
{
    QSettings().setValue(QStringLiteral("window/compact"), false); // the panes side by side first
    m_window = std::make_unique<MainWindow>();
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    QVERIFY(finished.isValid());
    m_window->resize(1600, 1000);
    m_window->start();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(!finished.isEmpty() || finished.wait(60000)); // it may have come already
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestKeyboard::cleanup()
{
    if (m_window)
        m_window->close();
    m_window.reset();
    QSettings().clear();
}

void TestKeyboard::press(const QKeySequence &keys)
{
    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : QApplication::activeWindow();
    QTest::keySequence(target, keys);
}

void TestKeyboard::everyPaneHasAKey()
{
    // Ctrl+N lands in the pane's working view, wherever the keyboard was before.
    const std::pair<int, const char *> panes[] = {
        { 1, "articleView" },
        { 2, "reader" },
        { 3, "entityView" },
        { 4, "relationsChart" },
        { 5, "evidenceView" },
        { 6, "networkView" },
        { 7, "timelineChart" },
    };
    for (const auto &[number, view] : panes) {
        press(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + number)));
        QWidget *focus = QApplication::focusWidget();
        QVERIFY2(focus, view);
        QVERIFY(settled()); // the models answer from a worker
        QCOMPARE(focus->objectName(), QString::fromLatin1(view));
        QVERIFY2(focus->isVisible(), view);
    }
    // A pane the user closed comes back when its key is pressed.
    auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("networkDock"));
    dock->close();
    QVERIFY(!dock->isVisible());
    press(QKeySequence(Qt::CTRL | Qt::Key_6));
    QVERIFY(dock->isVisible());
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("networkView"));
    // Every one is listed, with its key, in View > Go to Pane.
    const QList<QAction *> actions = m_window->findChildren<QAction *>();
    int listed = 0;
    for (QAction *a : actions)
        if (a->objectName().startsWith(QLatin1String("goTo_")) && !a->shortcut().isEmpty() && !a->statusTip().isEmpty())
            ++listed;
    QCOMPARE(listed, 7);
}

void TestKeyboard::noTwoActionsShareAKey()
{
    // A key taken twice is ambiguous: Qt then runs neither action. F3 / Shift+F3 (next and previous hit) included.
    QHash<QKeySequence, QString> owner;
    int hits = 0;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        for (const QKeySequence &key : a->shortcuts()) {
            QVERIFY2(!owner.contains(key),
                qPrintable(QStringLiteral("%1: %2 and %3").arg(key.toString(), owner.value(key), a->text())));
            owner.insert(key, a->text());
            hits += key == QKeySequence(Qt::Key_F3) || key == QKeySequence(Qt::SHIFT | Qt::Key_F3);
        }
    }
    QCOMPARE(hits, 2);
}

void TestKeyboard::relationsAndEvidenceByKeys()
{
    auto *relations = m_window->findChild<RelationsPane *>();
    auto *evidence = m_window->findChild<EvidencePane *>();
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(relations->model()->rowCount() >= 2);
    press(QKeySequence(Qt::CTRL | Qt::Key_4));
    // Down twice: the second-strongest bar; Enter selects its pair.
    press(QKeySequence(Qt::Key_Down));
    press(QKeySequence(Qt::Key_Down));
    press(QKeySequence(Qt::Key_Return));
    Selection *selection = m_window->selection();
    QCOMPARE(selection->pairA(), relations->model()->pairA(1));
    QCOMPARE(selection->pairB(), relations->model()->pairB(1));
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(evidence->model()->rowCount() > 0);
    // In the Evidence list, Enter on a row opens its article in the Reader.
    press(QKeySequence(Qt::CTRL | Qt::Key_5));
    auto *view = qobject_cast<QTableView *>(QApplication::focusWidget());
    QVERIFY(view);
    press(QKeySequence(Qt::Key_Down));
    QVERIFY(view->currentIndex().isValid());
    QSignalSpy opened(evidence, &EvidencePane::sentenceActivated);
    QVERIFY(opened.isValid());
    press(QKeySequence(Qt::Key_Return));
    QCOMPARE(opened.count(), 1);
    QCOMPARE(selection->article(), view->currentIndex().data(EvidenceModel::ArticleIdRole).toLongLong());
}

void TestKeyboard::networkByKeys()
{
    auto *network = m_window->findChild<NetworkPane *>();
    NetworkView *view = network->view();
    const NetworkModel *model = network->model();
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(model->rowCount() >= 3);
    const QString focused = m_window->selection()->focus().key;
    press(QKeySequence(Qt::CTRL | Qt::Key_6));
    // The ring starts on the focused country.
    QCOMPARE(view->currentCode(), focused);
    press(QKeySequence(Qt::Key_Home));
    QCOMPARE(view->currentCode(), model->code(0));
    press(QKeySequence(Qt::Key_Right));
    press(QKeySequence(Qt::Key_Right));
    QCOMPARE(view->currentCode(), model->code(2));
    press(QKeySequence(Qt::Key_Left));
    const QString target = model->code(1);
    QCOMPARE(view->currentCode(), target);
    press(QKeySequence(Qt::Key_End));
    QCOMPARE(view->currentCode(), model->code(model->rowCount() - 1));
    press(QKeySequence(Qt::Key_Home));
    press(QKeySequence(Qt::Key_Down));
    // Enter focuses it everywhere, as a click does.
    press(QKeySequence(Qt::Key_Return));
    QCOMPARE(m_window->selection()->focus(), (EntityRef { QStringLiteral("country"), target }));
    QVERIFY(view->isHighlighted(target));
}

void TestKeyboard::timelineByKeys()
{
    auto *timeline = m_window->findChild<TimelinePane *>();
    const TimelineModel *model = timeline->model();
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(model->rowCount() >= 1);
    Selection *selection = m_window->selection();
    QVERIFY(!selection->hasYearRange());
    press(QKeySequence(Qt::CTRL | Qt::Key_7));
    // End, Enter: the last year alone.
    press(QKeySequence(Qt::Key_End));
    QVERIFY(!selection->hasYearRange()); // nothing applies before Enter
    press(QKeySequence(Qt::Key_Return));
    QCOMPARE(selection->yearFrom(), model->lastYear());
    QCOMPARE(selection->yearTo(), model->lastYear());
    // Home, Shift+End, Enter: every year of the corpus.
    press(QKeySequence(Qt::Key_Home));
    press(QKeySequence(Qt::SHIFT | Qt::Key_End));
    press(QKeySequence(Qt::Key_Enter));
    QCOMPARE(selection->yearFrom(), model->firstYear());
    QCOMPARE(selection->yearTo(), model->lastYear());
    // Escape: all years again.
    press(QKeySequence(Qt::Key_Escape));
    QVERIFY(!selection->hasYearRange());
}

void TestKeyboard::compactLayoutFitsSmallScreens()
{
    // 200% on a 1600x1000 screen leaves 800x500 device-independent pixels (less a taskbar on a
    // real desktop): the compact layout, every pane but the Reader as tabs in one place, must fit.
    m_window->resize(800, 500);
    auto *toggle = qobject_cast<QAction *>(m_window->findChild<QAction *>(QStringLiteral("compactLayout")));
    QVERIFY(toggle && toggle->isCheckable() && !toggle->isChecked());
    toggle->trigger();
    QVERIFY(m_window->isCompact());
    QVERIFY(QSettings().value(QStringLiteral("window/compact")).toBool()); // remembered
    QApplication::processEvents();
    const QSize least = m_window->minimumSizeHint();
    QVERIFY2(least.width() <= 800 && least.height() <= 460,
        qPrintable(QStringLiteral("%1x%2").arg(least.width()).arg(least.height())));
    auto *articles = m_window->findChild<QDockWidget *>(QStringLiteral("articlesDock"));
    QCOMPARE(m_window->tabifiedDockWidgets(articles).size(), 5);
    // Each pane still works: Ctrl+4 brings the Relations tab forward with its chart.
    press(QKeySequence(Qt::CTRL | Qt::Key_4));
    auto *chart = m_window->findChild<QChartView *>(QStringLiteral("relationsChart"));
    QTRY_VERIFY(chart->isVisible());
    QTRY_VERIFY(m_window->findChild<QTableView *>(QStringLiteral("articleView"))->visibleRegion().isEmpty());
    QVERIFY(chart->width() >= 240 && chart->height() >= 150);
    // The Reader stays in view beside the tabs, wide enough to read.
    auto *reader = m_window->findChild<QTextBrowser *>(QStringLiteral("reader"));
    QVERIFY(reader->isVisible());
    QVERIFY2(reader->width() >= 250, qPrintable(QString::number(reader->width())));
    if (qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS"))
        m_window->grab().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS") + QStringLiteral("/compact.png"));
    // Unticked: the panes side by side again, every one shown.
    toggle->trigger();
    QVERIFY(!m_window->isCompact());
    QCOMPARE(m_window->tabifiedDockWidgets(articles).size(), 0);
}

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"

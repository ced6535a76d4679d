// The whole window on a store, as a user meets it: the time from starting the process to a
// window with every pane filled (Articles, Entities, Reader, Relations, Network, Timeline),
// the resident memory then, and focus changes with every pane updated and painted. Also
// takes screenshots of the window (--shot), light or dark, at any size.
//
// The start-up is timed from outside: the benchmark starts itself as a child process
// (`--child`) and waits for the line the child prints once every pane holds its content, so
// that loading the libraries, QApplication and the first paint are counted too.
//
//     entente ingest --store /tmp/un.entente /tmp/ungdc-1946-2023
//     bench_startup /tmp/un.entente [rounds=5]
//     bench_startup postgresql://entente_reader@127.0.0.1:54329/entente 1 --shot /tmp/pg.png
#include "articlelistmodel.h"
#include "articlespane.h"
#include "asyncquery.h"
#include "benchstats.h"
#include "busyoverlay.h"
#include "entitylistmodel.h"
#include "mainwindow.h"
#include "networkmodel.h"
#include "networkpane.h"
#include "pgstore.h"
#include "relationpartnersmodel.h"
#include "relationspane.h"
#include "selection.h"
#include "timelinemodel.h"
#include "timelinepane.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDeadlineTimer>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QProcess>
#include <QScreen>
#include <QSemaphore>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTranslator>

#include <algorithm>
#include <cstdio>

using namespace entente;
using bench::median;

namespace {

// VmRSS or VmHWM from /proc/self/status, in MB.
double memoryMb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field)) + 1).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

// Every pane shows what the store holds: models filled, the Reader showing an article.
bool filled(const MainWindow &window)
{
    // A store with no articles is as filled as it gets once the Articles pane says so (a screenshot of a new store).
    if (const auto *articles = window.findChild<ArticlesPane *>(); articles && !articles->emptyStoreLabel()->isHidden())
        return true;
    const auto *entities = window.findChild<EntityListModel *>();
    const auto *relations = window.findChild<RelationsPane *>();
    const auto *network = window.findChild<NetworkPane *>();
    const auto *timeline = window.findChild<TimelinePane *>();
    const auto *reader = window.findChild<QTextBrowser *>(QStringLiteral("reader"));
    return window.articleModel()->rowCount() > 0 && entities && entities->rowCount() > 0
        && entities->rowCount(entities->index(0, 0)) > 0 && relations && relations->model()->rowCount() > 0 && network
        && network->model()->rowCount() > 0 && timeline && timeline->model()->rowCount() > 0 && reader
        && !reader->document()->isEmpty();
}

// Processes events until every pane is filled and nothing more is pending; false on time-out.
bool settle(const MainWindow &window, int timeoutMs = 20000)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (filled(window) && AsyncQuery::busyCount() == 0) { // every model's latest answer in
            QCoreApplication::processEvents(); // the paint the last result asked for
            return true;
        }
        QTest::qWait(1);
    }
    return false;
}

// A dark Fusion palette, as a user with a dark desktop gets.
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2e), base(0x1e, 0x1e, 0x20), text(0xe8, 0xe8, 0xe8);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0xa0));
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

// --shot FILE [--size WxH] [--dark] [--search=QUERY]: a screenshot of the filled window instead of timings.
int child(const QString &store, bool focusChanges, QElapsedTimer sinceMain, const QStringList &options)
{
    QStandardPaths::setTestModeEnabled(true); // the user's saved layout stays out of this
    QCoreApplication::setOrganizationName(QStringLiteral("EntenteBench"));
    QCoreApplication::setApplicationName(QStringLiteral("EntenteStartup"));
    QSettings().clear(); // every run a first run
    if (options.contains(QStringLiteral("--dark"))) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
    }
    const QString shot = options.value(options.indexOf(QStringLiteral("--shot")) + 1);
    const QStringList size = options.value(options.indexOf(QStringLiteral("--size")) + 1).split(u'x');
    MainWindow window;
    if (size.size() == 2)
        window.resize(size.at(0).toInt(), size.at(1).toInt());
    else if (!options.contains(QStringLiteral("--size")))
        window.resize(1600, 1000);
    window.start(store.isEmpty() || store == u"-" ? QString() : store);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !settle(window)) {
        std::printf("failed: the panes did not fill\n");
        std::fflush(stdout);
        return 1;
    }
    if (options.contains(QStringLiteral("--shot"))) {
        QTest::qWait(300); // the sample corpus imports in the background first
        settle(window);
        for (const QString &arg : options)
            if (arg.startsWith(QStringLiteral("--focus=")))
                window.selection()->setFocus({ QStringLiteral("country"), arg.mid(8) });
        settle(window);
        for (const QString &arg : options)
            if (arg.startsWith(QStringLiteral("--compare="))) // the focus side by side with another country
                window.selection()->setComparison(arg.mid(10));
        settle(window);
        for (const QString &arg : options) {
            // A search, its hits in context, the Reader at the fourth and the Timeline's line for it.
            if (!arg.startsWith(QStringLiteral("--search=")))
                continue;
            if (auto *line = window.findChild<QCheckBox *>(QStringLiteral("timelineShowSearch")))
                line->setChecked(true);
            window.selection()->setTextQuery(arg.mid(9));
            if (auto *show = window.findChild<QAction *>(QStringLiteral("showHitsInContext")))
                show->trigger();
            auto *hits = window.findChild<QTableView *>(QStringLiteral("kwicView"));
            if (hits && QTest::qWaitFor([hits] { return hits->model()->rowCount() > 3; }, 20000))
                hits->setCurrentIndex(hits->model()->index(3, 2));
        }
        settle(window);
        for (const QString &arg : options)
            if (arg.startsWith(QStringLiteral("--raise="))) // a tabbed pane brought forward
                if (auto *dock = window.findChild<QDockWidget *>(arg.mid(8)))
                    dock->raise();
        // --busy=CODE: the window while the panes wait for their answers to a focus on CODE (held on their workers
        // until the shot is taken), the previous content dimmed under each pane's busy mark.
        QSemaphore gate;
        bool holding = false;
        for (const QString &arg : options) {
            if (!arg.startsWith(QStringLiteral("--busy=")))
                continue;
            AsyncQuery::setWorkerHook([&gate](const AsyncQuery *, quint64) { gate.acquire(); });
            holding = true;
            window.selection()->setFocus({ QStringLiteral("country"), arg.mid(7) });
            // Until every pane that waits shows its mark (after the marks' delay).
            const bool marked = QTest::qWaitFor(
                [&window] {
                    const QList<BusyOverlay *> overlays = window.findChildren<BusyOverlay *>();
                    return std::ranges::any_of(overlays, [](const BusyOverlay *o) { return o->isBusy(); })
                        && std::ranges::all_of(
                            overlays, [](const BusyOverlay *o) { return !o->isBusy() || o->isVisible(); });
                },
                5000);
            if (!marked)
                std::fprintf(stderr, "the busy marks did not all show within 5 s\n");
        }
        QTest::qWait(100);
        const bool ok = window.grab().save(shot);
        if (holding) {
            AsyncQuery::setWorkerHook({});
            gate.release(1000);
            settle(window);
        }
        const QSize least = window.minimumSizeHint();
        const QRect screen = window.screen()->availableGeometry();
        std::printf("%s %s (%dx%d; at least %dx%d; screen %dx%d)\n", ok ? "saved" : "could not save", qPrintable(shot),
            window.width(), window.height(), least.width(), least.height(), screen.width(), screen.height());
        window.close();
        return ok ? 0 : 1;
    }
    std::printf(
        "ready %.1f ms after main(), RSS %.0f MB\n", double(sinceMain.nsecsElapsed()) / 1e6, memoryMb("VmRSS:"));
    std::fflush(stdout);
    if (!focusChanges)
        return 0;

    // Focus moved across the 20 most-mentioned countries (the Network lists them in that
    // order), each change waited for until every pane is current and painted.
    const NetworkModel *network = window.findChild<NetworkPane *>()->model();
    QStringList countries;
    for (int r = 0; r < network->rowCount() && countries.size() < 20; ++r)
        countries << network->code(r);
    QList<double> times;
    for (int round = 0; round < 2; ++round) {
        for (const QString &code : std::as_const(countries)) {
            QElapsedTimer t;
            t.start();
            window.selection()->setFocus({ QStringLiteral("country"), code });
            if (!settle(window))
                return 1;
            if (round > 0) // the first round warms SQLite's page cache
                times << double(t.nsecsElapsed()) / 1e6;
        }
    }
    std::printf("focus change, whole window updated and painted: median %.1f ms, min %.1f, max %.1f (%lld changes)\n",
        median(times), *std::min_element(times.cbegin(), times.cend()), *std::max_element(times.cbegin(), times.cend()),
        qint64(times.size()));
    // Clearing the focus (the panes go back to the whole corpus) and year ranges, each waited for the same way.
    QList<double> clears, ranges;
    for (int i = 0; i < 10; ++i) {
        window.selection()->setFocus({ QStringLiteral("country"), countries.at(i % countries.size()) });
        if (!settle(window))
            return 1;
        QElapsedTimer t;
        t.start();
        window.selection()->clearFocus();
        if (!settle(window))
            return 1;
        clears << double(t.nsecsElapsed()) / 1e6;
    }
    window.selection()->setFocus({ QStringLiteral("country"), countries.first() });
    settle(window);
    for (int i = 0; i < 20; ++i) {
        const int from = 1950 + (i * 7) % 65;
        QElapsedTimer t;
        t.start();
        window.selection()->setYearRange(from, from + 9);
        if (!settle(window))
            return 1;
        ranges << double(t.nsecsElapsed()) / 1e6;
    }
    window.selection()->clearYearRange();
    std::printf("focus cleared, whole window updated and painted: median %.1f ms, max %.1f (%lld changes)\n",
        median(clears), *std::max_element(clears.cbegin(), clears.cend()), qint64(clears.size()));
    std::printf("year range changed (focus kept), whole window: median %.1f ms, max %.1f (%lld changes)\n",
        median(ranges), *std::max_element(ranges.cbegin(), ranges.cend()), qint64(ranges.size()));
    std::printf("resident memory after: %.0f MB (peak %.0f MB)\n", memoryMb("VmRSS:"), memoryMb("VmHWM:"));
    std::fflush(stdout);
    window.close();
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // The plural forms the app installs ("5 articles", not "5 article(s)"): screenshots show what a user sees.
    QTranslator english;
    if (english.load(QStringLiteral(":/i18n/entente_en.qm")))
        QCoreApplication::installTranslator(&english);
    QStringList args = QCoreApplication::arguments();
    const bool isChild = args.removeAll(QStringLiteral("--child")) > 0;
    const bool focus = args.removeAll(QStringLiteral("--focus")) > 0;
    // A screenshot: bench_startup STORE|- --shot FILE [--size WxH|auto] [--dark] [--focus=CODE] [--compare=CODE]
    // [--raise=DOCK] [--search=QUERY]
    if (args.contains(QStringLiteral("--shot")))
        return child(args.value(1), false, sinceMain, args);
    // A store file, or a server store's URL (the window opens either).
    if (args.size() < 2 || (!QFileInfo::exists(args.at(1)) && !isServerStore(args.at(1)))) {
        std::fprintf(stderr, "usage: bench_startup STORE|postgresql://USER@HOST[:PORT]/DB [ROUNDS]\n");
        return 2;
    }
    if (isChild)
        return child(args.at(1), focus, sinceMain, {});

    const int rounds = std::max(1, args.value(2, QStringLiteral("5")).toInt());
    QList<double> startup, rss;
    for (int i = 0; i <= rounds; ++i) {
        const bool last = i == rounds; // one more run for the focus changes
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList childArgs = { args.at(1), QStringLiteral("--child") };
        if (last)
            childArgs << QStringLiteral("--focus");
        QElapsedTimer t;
        t.start();
        p.start(QCoreApplication::applicationFilePath(), childArgs);
        QByteArray line;
        while (!line.startsWith("ready") && !line.startsWith("failed") && p.waitForReadyRead(60000))
            while (p.canReadLine() && !line.startsWith("ready"))
                line = p.readLine();
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (!line.startsWith("ready")) {
            std::fprintf(stderr, "the window did not come up: %s\n", line.constData());
            return 1;
        }
        std::printf(
            "run %d: usable window after %.0f ms from process start; child says %s", i + 1, ms, line.constData());
        const qsizetype at = line.indexOf("RSS ");
        if (!last) {
            startup << ms;
            rss << line.mid(at + 4).split(' ').value(0).toDouble();
        }
        p.waitForFinished(600000);
        if (last)
            std::printf("%s", p.readAll().constData());
    }
    std::printf("start-up to a filled window: median %.0f ms over %lld runs; RSS then: median %.0f MB\n",
        median(startup), qint64(startup.size()), median(rss));
    return 0;
}

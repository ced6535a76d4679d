// Focus changes with every chart model updated: the Relations, Evidence, Network and Timeline
// panes on a store, focus moved across the 20 most-mentioned countries, median time per change
// (the models reload synchronously, so the time of setFocus is the time until every chart is
// current). Usage: bench_chartfocus STORE [ROUNDS]
#include "benchstats.h"
#include "evidencemodel.h"
#include "evidencepane.h"
#include "networkmodel.h"
#include "networkpane.h"
#include "relationpartnersmodel.h"
#include "relationspane.h"
#include "selection.h"
#include "storesession.h"
#include "timelinemodel.h"
#include "timelinepane.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace entente;
using bench::median;

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_chartfocus STORE [ROUNDS]\n");
        return 2;
    }
    const int rounds = args.size() > 2 ? args.at(2).toInt() : 3;
    Selection selection;
    RelationsPane relations(&selection);
    EvidencePane evidence(&selection);
    NetworkPane network(&selection);
    TimelinePane timeline(&selection);
    for (QWidget *w : std::initializer_list<QWidget *> { &relations, &evidence, &network, &timeline }) {
        w->resize(900, 600);
        w->show();
    }
    // With no focus: the whole corpus, as a store opened without one shows it.
    QElapsedTimer open, each;
    open.start();
    each.start();
    relations.setSession(StoreSession::open(args.at(1)));
    const qint64 openRel = each.restart();
    evidence.setSession(StoreSession::open(args.at(1)));
    const qint64 openEvid = each.restart();
    network.setSession(StoreSession::open(args.at(1)));
    const qint64 openNet = each.restart();
    timeline.setSession(StoreSession::open(args.at(1)));
    const qint64 openTime = each.restart();
    QCoreApplication::processEvents();
    std::printf("open store in the four panes, no focus: %lld ms (relations %lld, evidence %lld, network %lld, "
                "timeline %lld, painting %lld)\n",
        open.elapsed(), openRel, openEvid, openNet, openTime, each.elapsed());
    QStringList countries;
    for (int r = 0; r < network.model()->rowCount() && countries.size() < 20; ++r)
        countries << network.model()->code(r);
    if (countries.size() < 2) {
        std::fprintf(stderr, "the store has too few countries\n");
        return 1;
    }
    QList<double> times, updates;
    for (int round = 0; round < rounds; ++round) {
        for (const QString &code : std::as_const(countries)) {
            QElapsedTimer t;
            t.start();
            selection.setFocus({ QStringLiteral("country"), code });
            // The strongest partner's evidence too, as a click on the top bar asks.
            if (relations.model()->rowCount() > 0)
                selection.setPair(relations.model()->pairA(0), relations.model()->pairB(0));
            updates << t.nsecsElapsed() / 1e6;
            QCoreApplication::processEvents(); // repaint what changed
            times << t.nsecsElapsed() / 1e6;
        }
    }
    std::sort(times.begin(), times.end());
    std::printf("focus change (relations + evidence + network + timeline), %lld changes over %lld countries:\n"
                "  median %.1f ms, min %.1f ms, max %.1f ms\n",
        qint64(times.size()), qint64(countries.size()), times.at(times.size() / 2), times.first(), times.last());
    // Where the time goes: each model on its own.
    QList<double> rel, time, evid;
    for (const QString &code : std::as_const(countries)) {
        QElapsedTimer t;
        t.start();
        relations.model()->setFocusCountry(code);
        rel << t.nsecsElapsed() / 1e6;
        t.restart();
        timeline.model()->setFocus(QStringLiteral("country"), code);
        time << t.nsecsElapsed() / 1e6;
        t.restart();
        if (relations.model()->rowCount() > 0)
            evidence.model()->setPair(relations.model()->pairA(0), relations.model()->pairB(0));
        evid << t.nsecsElapsed() / 1e6;
    }
    // A year range with a focus kept, and the focus cleared: each model on its own.
    QList<double> yRel, yNet, yEvid, cRel, cTime;
    for (int i = 0; i < 10; ++i) {
        const int from = 1950 + (i * 7) % 65;
        QElapsedTimer t;
        t.start();
        relations.model()->setYearRange(from, from + 9);
        yRel << t.nsecsElapsed() / 1e6;
        t.restart();
        network.model()->setYearRange(from, from + 9);
        yNet << t.nsecsElapsed() / 1e6;
        t.restart();
        evidence.model()->setYearRange(from, from + 9);
        yEvid << t.nsecsElapsed() / 1e6;
    }
    relations.model()->setYearRange(0, 0);
    network.model()->setYearRange(0, 0);
    for (int i = 0; i < 10; ++i) {
        const QString &code = countries.at(i % countries.size());
        relations.model()->setFocusCountry(code);
        timeline.model()->setFocus(QStringLiteral("country"), code);
        QElapsedTimer t;
        t.start();
        relations.model()->setFocusCountry({});
        cRel << t.nsecsElapsed() / 1e6;
        t.restart();
        timeline.model()->setFocus({}, {});
        cTime << t.nsecsElapsed() / 1e6;
    }
    std::printf("year range (focus kept), medians: relations %.1f ms, network %.1f ms, evidence %.1f ms\n",
        median(yRel), median(yNet), median(yEvid));
    std::printf("focus cleared, medians: relations %.1f ms, timeline %.1f ms\n", median(cRel), median(cTime));
    std::printf("  of which the models and chart objects (before painting): median %.1f ms\n", median(updates));
    std::printf("  of which, medians: relations %.1f ms, timeline %.1f ms, evidence %.1f ms\n", median(rel),
        median(time), median(evid));
    return 0;
}

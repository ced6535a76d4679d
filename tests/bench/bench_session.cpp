// The longest GUI-thread stalls of a scripted session in the whole window (issue 11 §2): a timer of 0 ms ticks
// whenever the event loop is free, and the gaps between its ticks are the times the window could not answer. The
// script opens a store, then, with a pause after each step, moves the focus over the most-mentioned countries,
// picks a year range and clears it, searches the articles, picks a pair, opens a sentence of its evidence, goes
// Back and Forward and clears the focus. Each step lasts until the models' answers from their workers are in. Prints
// each step's longest stall (median over the rounds) and the longest of all.
//
//     entente ingest --store /tmp/un.entente /tmp/ungdc-1946-2023
//     bench_session /tmp/un.entente [--rounds 3] [--countries 8]
#include "asyncquery.h"
#include "benchstats.h"
#include "entitylistmodel.h"
#include "evidencemodel.h"
#include "evidencepane.h"
#include "mainwindow.h"
#include "relationpartnersmodel.h"
#include "relationspane.h"
#include "selection.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>

using namespace entente;
using bench::median;

namespace {

// Records the gaps between the ticks of a 0-ms timer: how long the event loop was kept from running.
class StallMonitor
{
public:
    StallMonitor()
    {
        m_timer.setInterval(0);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    // The longest gap since the last call, in ms.
    double takeLongest()
    {
        const double ms = double(m_longest) / 1e6;
        m_longest = 0;
        return ms;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

// Lets the event loop run for `ms`: what follows a user's action before the next one.
void idle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("EntenteBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_session"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The longest GUI-thread stalls of a scripted session."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("rounds"), QStringLiteral("Run the script this many times (default 3)."),
        QStringLiteral("N"), QStringLiteral("3") });
    parser.addOption(
        { QStringLiteral("countries"), QStringLiteral("Focus this many of the most-mentioned countries (default 8)."),
            QStringLiteral("N"), QStringLiteral("8") });
    parser.addOption({ QStringLiteral("query"), QStringLiteral("The full-text search (default: climate)."),
        QStringLiteral("WORDS"), QStringLiteral("climate") });
    parser.addPositionalArgument(QStringLiteral("store"), QStringLiteral("An .entente store."));
    parser.process(app);
    if (parser.positionalArguments().size() != 1 || !QFileInfo::exists(parser.positionalArguments().first())) {
        std::fprintf(stderr, "usage: bench_session STORE [--rounds N] [--countries N] [--query WORDS]\n");
        return 2;
    }
    const QString path = parser.positionalArguments().first();
    const int rounds = std::max(1, parser.value(QStringLiteral("rounds")).toInt());
    const int countries = std::max(2, parser.value(QStringLiteral("countries")).toInt());
    const QString query = parser.value(QStringLiteral("query"));
    constexpr int kPauseMs = 60;

    std::map<QString, QList<double>> stalls; // step → its longest stall in each round
    QStringList order;
    double longest = 0;
    QString longestStep;
    for (int round = 0; round < rounds; ++round) {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        StallMonitor monitor;
        idle(kPauseMs);
        monitor.takeLongest();
        const auto step = [&](const QString &name, const std::function<void()> &act) {
            act();
            idle(kPauseMs);
            // Until the models' answers to the step are in (from their workers), which may stall too.
            while (AsyncQuery::busyCount() > 0)
                idle(5);
            const double ms = monitor.takeLongest();
            if (!stalls.contains(name))
                order << name;
            stalls[name] << ms;
            if (ms > longest) {
                longest = ms;
                longestStep = name;
            }
        };
        step(QStringLiteral("open the store"), [&] { window.openStore(path); });
        Selection *selection = window.selection();
        // The most-mentioned countries, as the Entities list counts them.
        QStringList keys;
        if (const auto *entities = window.findChild<EntityListModel *>()) {
            QModelIndex kinds;
            for (int row = 0; row < entities->rowCount() && !kinds.isValid(); ++row) {
                if (entities->index(row, 0).data(EntityListModel::KindRole).toString() == u"country")
                    kinds = entities->index(row, 0);
            }
            for (int row = 0; kinds.isValid() && row < entities->rowCount(kinds); ++row)
                keys << entities->index(row, 0, kinds).data(EntityListModel::KeyRole).toString();
            std::stable_sort(keys.begin(), keys.end(), [&](const QString &a, const QString &b) {
                const auto count = [&](const QString &k) {
                    return entities->indexOf({ QStringLiteral("country"), k })
                        .siblingAtColumn(EntityListModel::MentionsColumn)
                        .data()
                        .toLongLong();
                };
                return count(a) > count(b);
            });
        }
        keys = keys.mid(0, countries);
        for (const QString &key : std::as_const(keys))
            step(QStringLiteral("focus a country"), [&] { selection->setFocus({ QStringLiteral("country"), key }); });
        step(QStringLiteral("year range 1990-1999"), [&] { selection->setYearRange(1990, 1999); });
        step(QStringLiteral("all years again"), [&] { selection->clearYearRange(); });
        step(QStringLiteral("search the articles"), [&] { selection->setTextQuery(query); });
        step(QStringLiteral("clear the search"), [&] { selection->setTextQuery({}); });
        const auto *relations = window.findChild<RelationsPane *>();
        if (relations && relations->model()->rowCount() > 0) {
            const QString a = relations->model()->pairA(0), b = relations->model()->pairB(0);
            step(QStringLiteral("pick a pair"), [&] { selection->setPair(a, b); });
            const auto *evidence = window.findChild<EvidencePane *>();
            if (evidence && evidence->model()->rowCount() > 0) {
                const QModelIndex first = evidence->model()->index(0, 0);
                const qint64 article = first.data(EvidenceModel::ArticleIdRole).toLongLong();
                const qint64 start = first.data(EvidenceModel::SentenceStartRole).toLongLong();
                step(QStringLiteral("open a sentence of the evidence"),
                    [&] { selection->showSentence(article, start); });
            }
        }
        step(QStringLiteral("back"), [&] { selection->back(); });
        step(QStringLiteral("forward"), [&] { selection->forward(); });
        step(QStringLiteral("clear the focus"), [&] { selection->clearFocus(); });
    }
    std::printf("%s: %d round(s); each step's longest GUI-thread stall, median over rounds (max)\n",
        qPrintable(QFileInfo(path).fileName()), rounds);
    for (const QString &name : std::as_const(order)) {
        const QList<double> &ms = stalls[name];
        std::printf("  %-34s %8.1f ms  (max %7.1f ms, %lld times)\n", qPrintable(name), median(ms),
            *std::max_element(ms.cbegin(), ms.cend()), qint64(ms.size()));
    }
    std::printf("longest stall: %.1f ms (%s)\n", longest, qPrintable(longestStep));
    return 0;
}

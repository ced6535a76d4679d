// Speed of the reading panes on a big store (the UN General Debate one): the Articles
// full-text search, and the refresh of Articles, Entities and the Reader when the focus
// changes (the real pane widgets, offscreen, driven through the Selection), each until every pane's answer is in
// from its worker. Prints medians.
//
//     entente ingest --store /tmp/un.entente /tmp/ungdc-1946-2023
//     bench_readingpanes /tmp/un.entente [rounds=20]
#include "articlelistmodel.h"
#include "articlespane.h"
#include "asyncquery.h"
#include "benchstats.h"
#include "entitiespane.h"
#include "entitylistmodel.h"
#include "readerpane.h"
#include "selection.h"
#include "storesession.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

using namespace entente;
using bench::median;

namespace {

void report(const char *what, const QList<double> &ms)
{
    std::printf("%-46s median %7.2f ms   max %7.2f ms   (%lld runs)\n", what, median(ms),
        ms.isEmpty() ? 0.0 : *std::max_element(ms.cbegin(), ms.cend()), qint64(ms.size()));
}

// Until every pane's answer is in from its worker (the Articles rows, the Entities counts) and shown.
void settle()
{
    QApplication::processEvents();
    while (AsyncQuery::busyCount() > 0)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    QApplication::processEvents();
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2 || !QFileInfo::exists(QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "usage: bench_readingpanes <store> [rounds=20]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int rounds = argc > 2 ? std::max(1, QByteArray(argv[2]).toInt()) : 20;

    Selection selection;
    auto *articles = new ArticleListModel(&app);
    auto *entities = new EntityListModel(&app);
    ArticlesPane articlesPane(&selection, articles);
    EntitiesPane entitiesPane(&selection, entities);
    ReaderPane reader(&selection);
    articlesPane.resize(460, 600);
    entitiesPane.resize(460, 400);
    reader.resize(800, 800);
    articlesPane.show();
    entitiesPane.show();
    reader.show();

    QElapsedTimer open;
    open.start();
    reader.setSession(StoreSession::open(path));
    entitiesPane.setSession(StoreSession::open(path));
    articlesPane.setSession(StoreSession::open(path));
    settle();
    std::printf("store %s: %lld articles; panes opened in %.1f ms\n", qPrintable(path), articles->storeCount(),
        double(open.nsecsElapsed()) / 1e6);

    // The countries with the most mentions, in the order the Entities pane lists them.
    QList<EntityRef> countries;
    const QModelIndex group = entities->index(0, 0);
    QList<std::pair<int, EntityRef>> ranked;
    for (int row = 0; row < entities->rowCount(group); ++row)
        ranked.append({ entities->index(row, EntityListModel::MentionsColumn, group).data().toInt(),
            entities->entityAt(entities->index(row, 0, group)) });
    std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (qsizetype i = 0; i < ranked.size() && countries.size() < rounds; ++i)
        countries << ranked.at(i).second;

    // Focus change: every reading pane updated (the Articles re-query, the current article
    // kept or replaced and loaded in the Reader, the Entities selection), events processed.
    QList<double> focus;
    for (const EntityRef &e : std::as_const(countries)) {
        QElapsedTimer t;
        t.start();
        selection.setFocus(e);
        settle();
        focus << double(t.nsecsElapsed()) / 1e6;
    }
    report("focus change (Articles+Entities+Reader)", focus);
    selection.clearFocus();

    // Full-text search through the Selection, as the search field commits it.
    const QStringList queries = {
        QStringLiteral("nuclear"),
        QStringLiteral("\"human rights\""),
        QStringLiteral("disarm*"),
        QStringLiteral("climate change"),
        QStringLiteral("apartheid"),
        QStringLiteral("\"cold war\""),
        QStringLiteral("terror*"),
        QStringLiteral("refugees"),
        QStringLiteral("palestin* israel"),
        QStringLiteral("\"united nations\""),
        QStringLiteral("pandemic"),
        QStringLiteral("decolonization"),
        QStringLiteral("ocean*"),
        QStringLiteral("sanctions"),
        QStringLiteral("\"peace process\""),
        QStringLiteral("development"),
        QStringLiteral("famine"),
        QStringLiteral("korea*"),
        QStringLiteral("\"security council\" reform"),
        QStringLiteral("sustainable"),
    };
    QList<double> search;
    QList<double> searchModel;
    for (int i = 0; i < rounds; ++i) {
        const QString &q = queries.at(i % queries.size());
        QElapsedTimer t;
        t.start();
        selection.setTextQuery(q);
        settle();
        search << double(t.nsecsElapsed()) / 1e6;
        selection.setTextQuery({});
        ArticleFilter f;
        f.textQuery = q;
        t.restart();
        articles->setFilter(f);
        settle();
        searchModel << double(t.nsecsElapsed()) / 1e6;
        articles->setFilter({});
        settle();
    }
    report("FTS search, Articles model alone", searchModel);
    report("FTS search, all reading panes", search);

    // Year range: the Entities counts are re-queried.
    QList<double> years;
    for (int i = 0; i < rounds; ++i) {
        const int from = 1950 + (i * 7) % 70;
        QElapsedTimer t;
        t.start();
        selection.setYearRange(from, from + 9);
        settle();
        years << double(t.nsecsElapsed()) / 1e6;
    }
    report("year range change (Articles+Entities)", years);
    return 0;
}

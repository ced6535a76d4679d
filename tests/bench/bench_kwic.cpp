// Speed of the search's hits on a big store (the UN General Debate one): the keyword-in-context
// lines (KwicModel, capped at 10,000), every hit uncapped (what `entente export --what hits` reads),
// the Articles list's first page by relevance (bm25) with its hit counts, and one article's hits for
// the Reader. Prints medians.
//
//     entente ingest --store /tmp/un.entente /tmp/ungdc-1946-2023
//     bench_kwic /tmp/un.entente [rounds=5]
#include "articlelistmodel.h"
#include "benchstats.h"
#include "hits.h"
#include "kwicmodel.h"
#include "store.h"
#include "storesession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

using namespace entente;
using bench::median;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2 || !QFileInfo::exists(QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "usage: bench_kwic <store> [rounds=5]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int rounds = argc > 2 ? std::max(1, QByteArray(argv[2]).toInt()) : 5;
    const std::shared_ptr<StoreSession> session = StoreSession::open(path);
    if (!session) {
        std::fprintf(stderr, "bench_kwic: cannot open %s\n", argv[1]);
        return 2;
    }
    const Store &store = *session->reader();
    for (const QString &query :
        { QStringLiteral("the"), QStringLiteral("nuclear"), QStringLiteral("\"security council\""),
            QStringLiteral("russ*"), QStringLiteral("apartheid"), QStringLiteral("namibia NOT africa") }) {
        QList<double> kwic, all, relevance, reader;
        int lines = 0, articles = 0;
        bool capped = false;
        qint64 hits = 0;
        for (int round = 0; round < rounds; ++round) {
            ArticleFilter f;
            f.textQuery = query;
            KwicModel model;
            QElapsedTimer t;
            t.start();
            model.setSession(session, f);
            kwic << t.nsecsElapsed() / 1e6;
            lines = model.rowCount();
            articles = model.articleCount();
            capped = model.isCapped();

            hits = 0;
            Hits::Options o;
            o.query = query;
            t.restart();
            Hits::find(store, o, [&hits](const HitArticle &, const QList<Hit> &h) {
                hits += h.size();
                return true;
            });
            all << t.nsecsElapsed() / 1e6;

            ArticleListModel list;
            list.setSession(session);
            list.setFilter(f);
            t.restart();
            list.sort(ArticleListModel::HitsColumn, Qt::DescendingOrder);
            for (int row = 0; row < std::min(list.rowCount(), 40); ++row)
                (void)list.index(row, ArticleListModel::HitsColumn).data();
            relevance << t.nsecsElapsed() / 1e6;

            if (lines > 0) {
                t.restart();
                (void)Hits::spansIn(store, model.hit(0).article, query);
                reader << t.nsecsElapsed() / 1e6;
            }
        }
        std::printf("%-22s %6d lines%s in %5d articles: %8.1f ms | all %8lld hits: %8.1f ms | list by relevance "
                    "+ counts: %7.1f ms | one article: %5.1f ms\n",
            qPrintable(query), lines, capped ? " (capped)" : "", articles, median(kwic), hits, median(all),
            median(relevance), median(reader));
    }
    return 0;
}

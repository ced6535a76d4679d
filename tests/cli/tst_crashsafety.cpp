// Crash safety: a child `entente ingest` on a large folder is killed with SIGKILL at random
// moments; every time the store must pass SQLite's integrity check, hold only complete
// articles, and a rerun must finish the import.
#include "store.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace entente;

namespace {

const char *const Countries[] = { "China", "Russia", "France", "Japan", "India", "Brazil", "Kenya", "Egypt", "Mexico",
    "Germany", "Turkey", "Iran", "Canada", "Peru", "Chile", "Spain" };
const char *const Verbs[] = { "signed a trade agreement with", "criticised", "held talks with", "visited",
    "imposed sanctions on", "pledged aid to", "condemned", "welcomed" };

// A folder of `count` distinct articles of a few KB each.
qint64 makeCorpus(const QString &folder, int count)
{
    QDir().mkpath(folder);
    QRandomGenerator rng(42);
    qint64 bytes = 0;
    for (int i = 0; i < count; ++i) {
        QByteArray text = "Report number " + QByteArray::number(i) + "\n\n";
        for (int s = 0; s < 40; ++s) {
            text += QByteArray(Countries[rng.bounded(16)]) + ' ' + Verbs[rng.bounded(8)] + ' '
                + Countries[rng.bounded(16)] + " in " + QByteArray::number(1990 + rng.bounded(34)) + " (item "
                + QByteArray::number(i) + '.' + QByteArray::number(s) + "). ";
            if (s % 8 == 7)
                text += "\n";
        }
        QFile f(folder + QStringLiteral("/r%1.txt").arg(i, 5, 10, QLatin1Char('0')));
        if (!f.open(QIODevice::WriteOnly))
            return -1;
        bytes += f.write(text);
    }
    return bytes;
}

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private slots:
    void killAtRandomMoments();
};

void TestCrashSafety::killAtRandomMoments()
{
    QTemporaryDir dir;
    const QString corpus = dir.filePath(QStringLiteral("corpus"));
    const int files = 6000;
    QVERIFY(makeCorpus(corpus, files) > 0);
    const QString store = dir.filePath(QStringLiteral("crash.entente"));

    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("seed %u", seed);
    QRandomGenerator rng(seed);
    qint64 previous = 0;
    int kills = 0;
    for (int round = 0; round < 6; ++round) {
        QProcess p;
        p.start(QStringLiteral(ENTENTE_BINARY),
            { QStringLiteral("ingest"), QStringLiteral("--quiet"), QStringLiteral("--store"), store, corpus });
        QVERIFY(p.waitForStarted());
        const int wait = 150 + int(rng.bounded(1800));
        if (!p.waitForFinished(wait)) {
            ::kill(pid_t(p.processId()), SIGKILL);
            QVERIFY(p.waitForFinished(10000));
            ++kills;
        }

        Store st;
        QString error;
        QVERIFY2(st.open(store, Store::OpenMode::CreateIfMissing, &error), qPrintable(error));
        QSqlQuery q(st.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        // The full-text index agrees with the articles it indexes.
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")),
            qPrintable(q.lastError().text()));
        // Every stored article is complete: all its sentences, mentions and relations are there.
        QVERIFY(q.exec(QStringLiteral(
            "SELECT count(*) FROM articles a WHERE a.sentence_count <> coalesce((SELECT json_array_length(s.spans) "
            "FROM "
            "sentence_spans s WHERE s.article_id = a.id), 0) OR a.mention_count <> (SELECT count(*) FROM mentions m "
            "WHERE m.article_id = a.id) "
            "OR a.relation_count <> (SELECT count(*) FROM relations r WHERE r.article_id = a.id) OR length(a.text) "
            "<> a.chars OR a.sentence_count = 0")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        const qint64 stored = st.stats().articles;
        QVERIFY(stored >= previous); // nothing committed is lost
        previous = stored;
    }
    QVERIFY2(kills >= 2, "the import finished too fast to be killed: enlarge the corpus");

    // A rerun finishes the import: every file stored exactly once.
    QProcess p;
    p.start(QStringLiteral(ENTENTE_BINARY),
        { QStringLiteral("ingest"), QStringLiteral("--quiet"), QStringLiteral("--store"), store, corpus });
    QVERIFY(p.waitForFinished(300000));
    QCOMPARE(p.exitCode(), 0);
    Store st;
    QVERIFY(st.open(store, Store::OpenMode::ReadOnly));
    QCOMPARE(st.stats().articles, qint64(files));
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"

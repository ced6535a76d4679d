// The command line end to end: the real binary, real files, a real store.
#include "editlog.h"
#include "store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "runentente.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace entente;

namespace {

using Run = test::EntenteRun;

Run runEntente(const QStringList &args, const QByteArray &input = {})
{
    return test::runEntente(args, input, 120000);
}

// The binary as the user nobody may run it: itself when every folder on its way lets others through, otherwise a copy
// in a temporary folder that does (a checkout in a home folder that others may not enter).
QString binaryForNobody()
{
    static QTemporaryDir copies;
    static const QString path = [] {
        const QString binary = QStringLiteral(ENTENTE_BINARY);
        if (geteuid() != 0)
            return binary;
        bool reachable = false;
        if (::seteuid(65534) == 0) {
            reachable = ::faccessat(AT_FDCWD, QFile::encodeName(binary).constData(), X_OK, AT_EACCESS) == 0;
            if (::seteuid(0) != 0)
                qFatal("cannot become root again");
        }
        if (reachable)
            return binary;
        const QString copy = copies.filePath(QStringLiteral("entente"));
        ::chmod(QFile::encodeName(copies.path()).constData(), 0755);
        QFile::copy(binary, copy);
        return copy;
    }();
    return path;
}

// Runs the binary as the user nobody when the test runs as root (as CI does), so that file permissions bite: root
// passes them all.
Run runUnprivileged(const QStringList &args)
{
    std::function<void()> asNobody;
    if (geteuid() == 0) {
        // Between fork and exec: only calls that are safe there.
        asNobody = [] {
            if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)
                ::_exit(126);
        };
    }
    return test::runProgram(binaryForNobody(), args, {}, 120000, asNobody);
}

QByteArray fileDigest(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1) : QByteArray();
}

// The rows of an RFC 4180 table: fields in "double quotes" may hold commas, quotes ("") and line breaks.
QList<QStringList> csvRows(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\n') {
            row << field;
            field.clear();
            rows << row;
            row.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

QList<QJsonObject> jsonLines(const QString &text)
{
    QList<QJsonObject> out;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts))
        out << QJsonDocument::fromJson(line.toUtf8()).object();
    return out;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void helpDocumentsEveryCommand();
    void ingestStatsExport();
    void ingestBadPaths();
    void exportRelationsMatchAnnotate();
    void exportHitsOfAQuery();
    void annotateJsonLines();
    void refusesNonStore();
    void quitAfterStartOpensStore();
    void editsCarriedToAnotherStoreGiveTheSameCharts();
    void readOnlyStoreIsReadAndNeverWritten();
};

void TestCli::readOnlyStoreIsReadAndNeverWritten()
{
    // An archive on a share this user may only read: the store file and its folder both read-only.
    QTemporaryDir dir;
    QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
    const QString folder = dir.filePath(QStringLiteral("archive"));
    QVERIFY(QDir().mkdir(folder));
    const QString store = folder + QStringLiteral("/s.entente");
    QCOMPARE(
        runEntente({ QStringLiteral("ingest"), QStringLiteral("--store"), store, QStringLiteral(ENTENTE_SAMPLES_DIR) })
            .status,
        0);
    const QString edits = dir.filePath(QStringLiteral("edits.json"));
    QCOMPARE(
        runEntente({ QStringLiteral("edits"), QStringLiteral("--store"), store, QStringLiteral("--export"), edits })
            .status,
        0);
    QVERIFY(::chmod(QFile::encodeName(edits).constData(), 0644) == 0);
    // The export read the store on a read-only connection, which leaves an empty -wal and a -shm behind (SQLite's way):
    // the archive is the store file alone, as a copy of it would be.
    QCOMPARE(QFileInfo(store + QStringLiteral("-wal")).size(), 0);
    QVERIFY(QFile::remove(store + QStringLiteral("-wal")) && QFile::remove(store + QStringLiteral("-shm")));
    QVERIFY(::chmod(QFile::encodeName(store).constData(), 0444) == 0);
    QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0555) == 0);
    // Every file in the folder, as it is: nothing changed, nothing made beside the store.
    const auto files = [&folder] {
        QStringList state;
        for (const QFileInfo &info : QDir(folder).entryInfoList(QDir::Files, QDir::Name))
            state << info.fileName() + u' ' + QString::fromLatin1(fileDigest(info.filePath()).toHex());
        return state;
    };
    const QStringList before = files();

    const Run stats = runUnprivileged({ QStringLiteral("stats"), QStringLiteral("--store"), store });
    QVERIFY2(stats.status == 0, qPrintable(stats.err));
    QVERIFY2(stats.out.contains(QRegularExpression(QStringLiteral("articles\\s+5\\b"))), qPrintable(stats.out));
    const Run exported = runUnprivileged({ QStringLiteral("export"), QStringLiteral("--store"), store,
        QStringLiteral("--what"), QStringLiteral("articles"), QStringLiteral("--format"), QStringLiteral("jsonl") });
    QVERIFY2(exported.status == 0, qPrintable(exported.err));
    QCOMPARE(jsonLines(exported.out).size(), 5);
    const Run check = runUnprivileged({ QStringLiteral("check"), QStringLiteral("--store"), store });
    QVERIFY2(check.status == 0, qPrintable(check.err));
    QVERIFY2(check.out.contains(QLatin1String("no damage found")), qPrintable(check.out));

    // What writes is refused in one line naming the file, before it touches it.
    const QString article = dir.filePath(QStringLiteral("new.txt"));
    QFile file(article);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("China and Kazakhstan signed a trade agreement on Monday.\n");
    file.close();
    QVERIFY(::chmod(QFile::encodeName(article).constData(), 0644) == 0);
    const auto linesNaming = [&store](const QString &text) {
        QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
        lines.removeIf([&store](const QString &line) { return !line.contains(store); });
        return lines;
    };
    const Run ingest = runUnprivileged({ QStringLiteral("ingest"), QStringLiteral("--store"), store, article });
    QCOMPARE(ingest.status, 2);
    QCOMPARE(linesNaming(ingest.err).size(), 1);
    QVERIFY2(ingest.err.contains(QLatin1String("read-only")), qPrintable(ingest.err));
    QVERIFY2(!ingest.err.contains(QLatin1String("attempt to write")), qPrintable(ingest.err));
    const Run imported = runUnprivileged(
        { QStringLiteral("edits"), QStringLiteral("--store"), store, QStringLiteral("--import"), edits });
    QCOMPARE(imported.status, 2);
    QCOMPARE(linesNaming(imported.err).size(), 1);
    QVERIFY2(imported.err.contains(QLatin1String("read-only")), qPrintable(imported.err));

    QCOMPARE(files(), before);
}

void TestCli::editsCarriedToAnotherStoreGiveTheSameCharts()
{
    // Corrections made to one store, exported with `entente edits --export` and imported into another store of
    // the same articles: the other's charts count as the first's.
    QTemporaryDir dir;
    const QString mine = dir.filePath(QStringLiteral("mine.entente"));
    const QString theirs = dir.filePath(QStringLiteral("theirs.entente"));
    for (const QString &store : { mine, theirs })
        QCOMPARE(runEntente({ QStringLiteral("ingest"), QStringLiteral("--store"), store,
                                QStringLiteral(ENTENTE_SAMPLES_DIR) })
                     .status,
            0);
    QString focus, partner;
    {
        Store store;
        QVERIFY(store.open(mine, Store::OpenMode::ExistingOnly));
        QSqlQuery q(store.database());
        // The strongest pair of countries: the partner is merged into the other.
        QVERIFY(q.exec(QStringLiteral("SELECT a, b FROM relations WHERE length(a) = 3 AND length(b) = 3 AND a <> b"
                                      " AND upper(a) = a AND upper(b) = b GROUP BY a, b ORDER BY count(*) DESC")));
        QVERIFY(q.next());
        focus = q.value(0).toString();
        partner = q.value(1).toString();
        q.finish();
        Edit merge = Edit::mergeEntity(QStringLiteral("country"), partner, focus);
        QString error;
        QVERIFY2(EditLog(&store).add(&merge, &error), qPrintable(error));
    }
    const auto chartData = [&dir](const QString &store, const QString &name) {
        const QString csv = dir.filePath(name + QStringLiteral(".csv"));
        const Run r = runEntente({ QStringLiteral("chart"), QStringLiteral("--store"), store, QStringLiteral("--kind"),
            QStringLiteral("network"), QStringLiteral("--out"), dir.filePath(name + QStringLiteral(".svg")),
            QStringLiteral("--data"), csv });
        QFile f(csv);
        return r.status == 0 && f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QByteArray before = chartData(theirs, QStringLiteral("before"));
    QVERIFY(!before.isEmpty());
    const QString file = dir.filePath(QStringLiteral("edits.json"));
    const Run exported
        = runEntente({ QStringLiteral("edits"), QStringLiteral("--store"), mine, QStringLiteral("--export"), file });
    QCOMPARE(exported.status, 0);
    const Run listed = runEntente({ QStringLiteral("edits"), QStringLiteral("--store"), mine });
    QCOMPARE(listed.status, 0);
    QVERIFY2(listed.out.contains(QLatin1String("merge-entity")), qPrintable(listed.out));
    const Run imported
        = runEntente({ QStringLiteral("edits"), QStringLiteral("--store"), theirs, QStringLiteral("--import"), file });
    QCOMPARE(imported.status, 0);
    QVERIFY2(imported.out.contains(QLatin1String("1 edit(s) added")), qPrintable(imported.out));
    const QByteArray mineCsv = chartData(mine, QStringLiteral("mine"));
    QVERIFY(!mineCsv.isEmpty());
    QVERIFY(mineCsv != before);
    QCOMPARE(chartData(theirs, QStringLiteral("theirs")), mineCsv);
    // A file that is no edit list is refused, naming it.
    const Run bad = runEntente({ QStringLiteral("edits"), QStringLiteral("--store"), theirs, QStringLiteral("--import"),
        QStringLiteral(ENTENTE_SAMPLES_DIR "/000_30131f8048409398.txt") });
    QCOMPARE(bad.status, 1);
    QVERIFY2(bad.err.contains(QLatin1String("000_30131f8048409398.txt")), qPrintable(bad.err));
}

void TestCli::helpDocumentsEveryCommand()
{
    const Run r = runEntente({ QStringLiteral("--help") });
    QCOMPARE(r.status, 0);
    for (const char *c : { "ingest", "stats", "export", "annotate" })
        QVERIFY2(r.out.contains(QLatin1String(c)), c);
    for (const char *c : { "ingest", "stats", "check", "export", "annotate", "chart", "train", "edits" }) {
        const Run h = runEntente({ QLatin1String(c), QStringLiteral("--help") });
        QCOMPARE(h.status, 0);
        QVERIFY2(h.out.contains(QLatin1String("--")), c);
        // The usage names the command as typed, not the binary's path.
        QVERIFY2(h.out.startsWith(QStringLiteral("Usage: entente %1 [options]").arg(QLatin1String(c))),
            qPrintable(h.out.section(u'\n', 0, 0)));
    }
    const Run bad = runEntente({ QStringLiteral("ingest"), QStringLiteral("--bogus") });
    QCOMPARE(bad.status, 2);
    QVERIFY(bad.err.contains(QLatin1String("bogus")));
    // A mistyped subcommand is named, with the ones there are; no window is tried.
    const Run unknown = runEntente({ QStringLiteral("bogus") });
    QCOMPARE(unknown.status, 2);
    QVERIFY2(unknown.err.contains(QLatin1String("unknown command 'bogus'")), qPrintable(unknown.err));
    QVERIFY2(unknown.err.contains(QLatin1String("ingest")), qPrintable(unknown.err));
    // A command that reads a store says so when it is not given one.
    for (const QStringList &command : { QStringList { u"stats"_qs }, QStringList { u"check"_qs },
             QStringList { u"export"_qs, u"--what"_qs, u"articles"_qs } }) {
        const Run noStore = runEntente(command);
        QCOMPARE(noStore.status, 2);
        QVERIFY2(noStore.err.contains(QLatin1String("--store is required")), qPrintable(noStore.err));
    }
}

void TestCli::ingestStatsExport()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("samples.entente"));
    const Run ingest = runEntente(
        { QStringLiteral("ingest"), QStringLiteral("--store"), store, QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QCOMPARE(ingest.status, 0);
    QVERIFY2(ingest.out.contains(QLatin1String("imported    5 articles")), qPrintable(ingest.out));
    QVERIFY(ingest.out.contains(QLatin1String("MB/s")));

    const Run again = runEntente(
        { QStringLiteral("ingest"), QStringLiteral("--store"), store, QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QCOMPARE(again.status, 0);
    QVERIFY2(again.out.contains(QLatin1String("duplicates  5")), qPrintable(again.out));

    const Run stats = runEntente({ QStringLiteral("stats"), QStringLiteral("--store"), store });
    QCOMPARE(stats.status, 0);
    QVERIFY2(stats.out.contains(QRegularExpression(QStringLiteral("articles\\s+5\\b"))), qPrintable(stats.out));
    QVERIFY(stats.out.contains(QLatin1String("undated")));
    QVERIFY(stats.out.contains(QLatin1String("2023")));

    const QString csv = dir.filePath(QStringLiteral("articles.csv"));
    const Run exp = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"),
        QStringLiteral("articles"), QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"), csv });
    QCOMPARE(exp.status, 0);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    QVERIFY(data.startsWith("id,title,"));
    QVERIFY(data.contains("2023-05-11"));
    QVERIFY(data.left(data.indexOf('\n')).contains(",countries,"));
    // The format follows the file's name; a name of another format is refused, and nothing is written.
    const QString named = dir.filePath(QStringLiteral("articles.jsonl"));
    QCOMPARE(runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"),
                            QStringLiteral("articles"), QStringLiteral("--out"), named })
                 .status,
        0);
    QFile n(named);
    QVERIFY(n.open(QIODevice::ReadOnly));
    QVERIFY(n.readAll().startsWith("{"));
    const QString xlsx = dir.filePath(QStringLiteral("articles.xlsx"));
    const Run wrong = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"),
        QStringLiteral("articles"), QStringLiteral("--out"), xlsx });
    QCOMPARE(wrong.status, 2);
    QVERIFY2(wrong.err.contains(QLatin1String(".xlsx")), qPrintable(wrong.err));
    QVERIFY(!QFile::exists(xlsx));

    const Run jsonl = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"),
        QStringLiteral("articles"), QStringLiteral("--format"), QStringLiteral("jsonl") });
    QCOMPARE(jsonl.status, 0);
    const QList<QJsonObject> rows = jsonLines(jsonl.out);
    QCOMPARE(rows.size(), 5);
    for (const QJsonObject &o : rows) {
        QVERIFY(!o.value(QStringLiteral("text")).toString().isEmpty());
        // Every sample is about a country at least (China), the first of its ranked countries.
        const QJsonArray countries = o.value(QStringLiteral("countries")).toArray();
        QVERIFY(!countries.isEmpty());
        QVERIFY(countries.first().toObject().value(QStringLiteral("about")).toBool());
    }

    // The network as a graph: the format from the name (.gexf, .graphml), a table's format refused for it.
    for (const char *name : { "network.gexf", "network.graphml" }) {
        const QString path = dir.filePath(QLatin1String(name));
        const Run graph = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store,
            QStringLiteral("--what"), QStringLiteral("graph"), QStringLiteral("--out"), path });
        QCOMPARE(graph.status, 0);
        QVERIFY2(graph.err.contains(QLatin1String(" nodes and ")), qPrintable(graph.err));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray xml = f.readAll();
        QVERIFY(xml.contains(QByteArrayLiteral("<") + (QByteArray(name).endsWith("gexf") ? "gexf" : "graphml")));
        QVERIFY(xml.contains("<edge "));
    }
    const Run table = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"),
        QStringLiteral("graph"), QStringLiteral("--format"), QStringLiteral("csv") });
    QCOMPARE(table.status, 2);
    QVERIFY2(table.err.contains(QLatin1String("gexf or graphml")), qPrintable(table.err));

    // Filtered (tst_graphexport checks each filter against the store): fewer edges than the whole network, every
    // node a country; a wrong value, or a graph's option for a table, is refused in one line naming it.
    const auto edgesOf = [](const QString &xml) { return xml.count(QLatin1String("<edge ")); };
    const Run whole = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"),
        QStringLiteral("graph") });
    QCOMPARE(whole.status, 0);
    const Run filtered = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store,
        QStringLiteral("--what"), QStringLiteral("graph"), QStringLiteral("--format"), QStringLiteral("graphml"),
        QStringLiteral("--tone"), QStringLiteral("cooperation"), QStringLiteral("--min-weight"), QStringLiteral("2"),
        QStringLiteral("--min-degree"), QStringLiteral("1"), QStringLiteral("--countries-only") });
    QCOMPARE(filtered.status, 0);
    QVERIFY(filtered.out.contains(QLatin1String("<graphml")));
    QVERIFY(edgesOf(filtered.out) > 0);
    QVERIFY(edgesOf(filtered.out) < edgesOf(whole.out));
    QVERIFY(!filtered.out.contains(QLatin1String("<data key=\"kind\">organization</data>")));
    for (const QStringList &bad : { QStringList { QStringLiteral("--tone"), QStringLiteral("friendly") },
             QStringList { QStringLiteral("--min-weight"), QStringLiteral("0") },
             QStringList {
                 QStringLiteral("--from"), QStringLiteral("2020"), QStringLiteral("--to"), QStringLiteral("2010") } }) {
        const Run refused = runEntente(QStringList { QStringLiteral("export"), QStringLiteral("--store"), store,
                                           QStringLiteral("--what"), QStringLiteral("graph") }
            + bad);
        QCOMPARE(refused.status, 2);
        QVERIFY2(refused.err.contains(bad.first()) && refused.err.count(u'\n') == 1, qPrintable(refused.err));
    }
    const Run tableWithTone = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store,
        QStringLiteral("--what"), QStringLiteral("relations"), QStringLiteral("--tone"), QStringLiteral("conflict") });
    QCOMPARE(tableWithTone.status, 2);
    QVERIFY2(tableWithTone.err.contains(QLatin1String("--tone is for --what graph")), qPrintable(tableWithTone.err));
}

void TestCli::ingestBadPaths()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("s.entente"));
    const Run nothing = runEntente(
        { QStringLiteral("ingest"), QStringLiteral("--store"), store, dir.filePath(QStringLiteral("missing")) });
    QCOMPARE(nothing.status, 1);
    QVERIFY(nothing.err.contains(dir.filePath(QStringLiteral("missing"))));

    const QString notStore = dir.filePath(QStringLiteral("notes.txt"));
    QFile f(notStore);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(500, 'n'));
    f.close();
    const Run refused = runEntente(
        { QStringLiteral("ingest"), QStringLiteral("--store"), notStore, QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QCOMPARE(refused.status, 2);
    QVERIFY2(refused.err.contains(QLatin1String("not an Entente store")), qPrintable(refused.err));

    // One file skipped reads as one.
    QVERIFY2(nothing.out.contains(QRegularExpression(QStringLiteral("skipped\\s+1 file\\b"))), qPrintable(nothing.out));
    QVERIFY(!nothing.out.contains(QLatin1String("1 files")));
}

void TestCli::exportHitsOfAQuery()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("s.entente"));
    QCOMPARE(
        runEntente({ QStringLiteral("ingest"), QStringLiteral("--store"), store, QStringLiteral(ENTENTE_SAMPLES_DIR) })
            .status,
        0);
    const QString csv = dir.filePath(QStringLiteral("hits.csv"));
    const Run hits = runEntente(
        { QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"), QStringLiteral("hits"),
            QStringLiteral("--query"), QStringLiteral("\"central asia\""), QStringLiteral("--out"), csv });
    QCOMPARE(hits.status, 0);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = csvRows(QString::fromUtf8(f.readAll()));
    QVERIFY(rows.size() > 1);
    QCOMPARE(rows.first(),
        QStringList(
            { u"article_id"_qs, u"date"_qs, u"title"_qs, u"left"_qs, u"hit"_qs, u"right"_qs, u"start"_qs, u"end"_qs }));
    QVERIFY2(hits.err.contains(QStringLiteral("%1 hits written to").arg(rows.size() - 1)), qPrintable(hits.err));
    // Each row is the phrase, at its offsets in its article's text; and every place of the phrase is a row.
    Store s;
    QVERIFY(s.open(store, Store::OpenMode::ReadOnly));
    const QRegularExpression phrase(
        QStringLiteral("(?<!\\w)central\\W+asia(?!\\w)"), QRegularExpression::CaseInsensitiveOption);
    QSqlQuery q(s.database());
    QVERIFY(q.exec(QStringLiteral("SELECT id, text FROM articles")));
    int places = 0;
    QHash<qint64, QString> texts;
    while (q.next()) {
        texts.insert(q.value(0).toLongLong(), q.value(1).toString());
        places += int(q.value(1).toString().count(phrase));
    }
    QCOMPARE(rows.size() - 1, places);
    for (const QStringList &row : rows.mid(1)) {
        QCOMPARE(row.size(), 8);
        QVERIFY2(phrase.match(row.at(4)).hasMatch(), qPrintable(row.at(4)));
        const QString text = texts.value(row.at(0).toLongLong());
        // The samples hold no character beyond 16 bits before the phrase: code points are UTF-16 units here.
        QCOMPARE(text.mid(row.at(6).toInt(), row.at(7).toInt() - row.at(6).toInt()).simplified(), row.at(4));
        QVERIFY(text.left(row.at(6).toInt()).simplified().endsWith(row.at(3).simplified()));
    }

    // To stdout; without a query, with one SQLite cannot read, or as another format: refused, with the reason.
    const Run out = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"),
        QStringLiteral("hits"), QStringLiteral("--query"), QStringLiteral("\"central asia\"") });
    QCOMPARE(out.status, 0);
    QCOMPARE(csvRows(out.out), rows);
    const Run none = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"),
        QStringLiteral("hits") });
    QCOMPARE(none.status, 2);
    QVERIFY2(none.err.contains(QLatin1String("--query")), qPrintable(none.err));
    const Run bad = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"),
        QStringLiteral("hits"), QStringLiteral("--query"), QStringLiteral("\"unclosed") });
    QCOMPARE(bad.status, 2);
    QVERIFY2(bad.err.contains(QLatin1String("unclosed")), qPrintable(bad.err));
    const Run jsonl = runEntente(
        { QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"), QStringLiteral("hits"),
            QStringLiteral("--query"), QStringLiteral("asia"), QStringLiteral("--format"), QStringLiteral("jsonl") });
    QCOMPARE(jsonl.status, 2);
    QVERIFY2(jsonl.err.contains(QLatin1String("CSV")), qPrintable(jsonl.err));
}

void TestCli::exportRelationsMatchAnnotate()
{
    // What ingest stores is exactly what annotate prints for the same text: compare relations.
    QTemporaryDir dir;
    const QString text = QStringLiteral("Talks\n\nChina and Russia signed a cooperation agreement in Moscow. "
                                        "Russia’s invasion of Ukraine was condemned by France.\n");
    const QString file = dir.filePath(QStringLiteral("doc.txt"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
    f.close();
    const QString store = dir.filePath(QStringLiteral("s.entente"));
    QCOMPARE(runEntente({ QStringLiteral("ingest"), QStringLiteral("--store"), store, file }).status, 0);
    const Run exp = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"),
        QStringLiteral("relations"), QStringLiteral("--format"), QStringLiteral("jsonl") });
    QCOMPARE(exp.status, 0);
    const QList<QJsonObject> stored = jsonLines(exp.out);
    // Rows carry the annotate contract's field names.
    for (const QJsonObject &o : stored)
        for (const char *k : { "a", "b", "direction", "tone", "quad", "cameo", "goldstein", "cues", "implicit" })
            QVERIFY2(o.contains(QLatin1String(k)), k);

    Store st;
    QVERIFY(st.open(store, Store::OpenMode::ReadOnly));
    QSqlQuery q(st.database());
    QVERIFY(q.exec(QStringLiteral("SELECT text FROM articles")) && q.next());
    const QString body = q.value(0).toString();
    const QByteArray line = QJsonDocument(QJsonObject { { QStringLiteral("id"), 7 }, { QStringLiteral("text"), body } })
                                .toJson(QJsonDocument::Compact);
    const Run ann = runEntente({ QStringLiteral("annotate"), QStringLiteral("--jsonl") }, line + '\n');
    QCOMPARE(ann.status, 0);
    const QList<QJsonObject> docs = jsonLines(ann.out);
    QCOMPARE(docs.size(), 1);
    const QJsonArray rels = docs[0].value(QStringLiteral("relations")).toArray();
    QCOMPARE(rels.size(), stored.size());
    for (int i = 0; i < rels.size(); ++i) {
        const QJsonObject a = rels[i].toObject();
        const QJsonObject s = stored[i];
        for (const char *k : { "a", "b", "direction", "tone", "cameo", "start", "end", "sentence", "implicit" })
            QCOMPARE(s.value(QLatin1String(k)), a.value(QLatin1String(k)));
    }

    // The article's countries too, as annotate ranks them: [{"about", "id", "salience"}].
    const Run articles = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store,
        QStringLiteral("--what"), QStringLiteral("articles"), QStringLiteral("--format"), QStringLiteral("jsonl") });
    QCOMPARE(articles.status, 0);
    const QList<QJsonObject> rows = jsonLines(articles.out);
    QCOMPARE(rows.size(), 1);
    const QJsonArray countries = docs[0].value(QStringLiteral("countries")).toArray();
    QVERIFY(countries.size() >= 3);
    QCOMPARE(rows[0].value(QStringLiteral("countries")).toArray(), countries);
}

void TestCli::annotateJsonLines()
{
    const QByteArray input = "{\"id\": \"a1\", \"text\": \"🌍 China and Russia met.\", \"date\": \"2023-05-11\"}\n"
                             "not json\n"
                             "{\"id\": 2, \"text\": \"Nothing here.\"}\n";
    const Run r = runEntente({ QStringLiteral("annotate"), QStringLiteral("--jsonl") }, input);
    QCOMPARE(r.status, 0);
    QVERIFY2(r.err.contains(QLatin1String("-:2:")), qPrintable(r.err));
    const QList<QJsonObject> docs = jsonLines(r.out);
    QCOMPARE(docs.size(), 2);
    QCOMPARE(docs[0].value(QStringLiteral("id")).toString(), QStringLiteral("a1"));
    QCOMPARE(docs[1].value(QStringLiteral("id")).toInt(), 2);
    const QJsonObject pub = docs[0].value(QStringLiteral("published")).toObject();
    QCOMPARE(pub.value(QStringLiteral("date")).toString(), QStringLiteral("2023-05-11"));
    QCOMPARE(pub.value(QStringLiteral("precision")).toString(), QStringLiteral("day"));
    QVERIFY(docs[1].value(QStringLiteral("published")).isNull());
    for (const char *k : { "entities", "dates", "relations", "countries" })
        QVERIFY(docs[0].value(QLatin1String(k)).isArray());
    // Offsets are code points: "China" starts after one emoji and a space.
    for (const QJsonValue &v : docs[0].value(QStringLiteral("entities")).toArray()) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("text")).toString() == u"China")
            QCOMPARE(e.value(QStringLiteral("start")).toInt(), 2);
    }
}

void TestCli::refusesNonStore()
{
    QTemporaryDir dir;
    const Run r
        = runEntente({ QStringLiteral("stats"), QStringLiteral("--store"), dir.filePath(QStringLiteral("none")) });
    QCOMPARE(r.status, 2);
    QVERIFY(r.err.contains(dir.filePath(QStringLiteral("none"))));
}

void TestCli::quitAfterStartOpensStore()
{
    // The window (offscreen here) opens a store, lists its articles and quits: how the package check starts the
    // installed app. The recent stores it remembers go to a settings folder of the test's own.
    QTemporaryDir dir;
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toLocal8Bit());
    const QString store = dir.filePath(QStringLiteral("samples.entente"));
    QCOMPARE(
        runEntente({ QStringLiteral("ingest"), QStringLiteral("--store"), store, QStringLiteral(ENTENTE_SAMPLES_DIR) })
            .status,
        0);
    const Run opened = runEntente({ QStringLiteral("--quit-after-start"), store });
    QCOMPARE(opened.status, 0);
    QVERIFY2(opened.out.contains(QStringLiteral("opened %1: 5 articles").arg(store)), qPrintable(opened.out));
    // Closed as a user closes it: the layout is saved.
    QSettings settings(dir.filePath(QStringLiteral("config/Entente/Entente.conf")), QSettings::IniFormat);
    QVERIFY(settings.contains(QStringLiteral("window/state")));

    // What it cannot open is refused at once, with the reason: no dialog waits for an answer no one gives.
    const QString notes = dir.filePath(QStringLiteral("notes.txt"));
    QFile f(notes);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("China and Russia signed a treaty.\n");
    f.close();
    const Run refused = runEntente({ QStringLiteral("--quit-after-start"), notes });
    QCOMPARE(refused.status, 1);
    QVERIFY2(refused.err.contains(QLatin1String("not an Entente store")), qPrintable(refused.err));
    const Run missing
        = runEntente({ QStringLiteral("--quit-after-start"), dir.filePath(QStringLiteral("none.entente")) });
    QCOMPARE(missing.status, 1);
    QVERIFY2(missing.err.contains(QLatin1String("does not exist")), qPrintable(missing.err));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.entente"))));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

// Hostile input end to end (issue 10): named pipes and devices where files should be, amounts that
// overflow, days that are not in the calendar, records whose text is no text. The real binary on
// real files; each case must end with a clear line naming the file (and line), never a hang or a
// crash, and the rest of the input must still be read.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include "runentente.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

using Run = entente::test::EntenteRun;

Run runEntente(const QStringList &args, const QByteArray &input = {})
{
    return entente::test::runEntente(args, input, 120000);
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QList<QJsonObject> jsonLines(const QString &text)
{
    QList<QJsonObject> out;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts))
        out << QJsonDocument::fromJson(line.toUtf8()).object();
    return out;
}

QStringList moneyIds(const QJsonObject &annotation)
{
    QStringList ids;
    for (const QJsonValue &e : annotation.value(QStringLiteral("entities")).toArray()) {
        if (e.toObject().value(QStringLiteral("kind")).toString() == u"money")
            ids << e.toObject().value(QStringLiteral("id")).toString();
    }
    return ids;
}

const QByteArray Article = "Treaty signed\n\nChina and Kazakhstan signed a treaty on trade in Astana on Monday.\n";

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void namedPipeInFolderIsSkipped();
    void devicesAreRefused_data();
    void devicesAreRefused();
    void namedPipeGivenToAnnotate();

    void overflowingAmountsAreNoAmounts();
    void impossibleDates();
    void nonTextRecordsAreReported();
    void fileNamesThatAreNoUtf8();

private:
    std::unique_ptr<QTemporaryDir> m_dir; // a fresh folder for every test function
    QString path(const QString &name) const { return m_dir->filePath(name); }
};

void TestHostileInput::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestHostileInput::namedPipeInFolderIsSkipped()
{
    // Nobody ever writes to the pipe: opening it for reading would wait forever.
    QVERIFY(writeFile(path(u"feed/article.txt"_qs), Article));
    const QString pipe = path(u"feed/incoming.txt"_qs);
    QCOMPARE(::mkfifo(QFile::encodeName(pipe).constData(), 0600), 0);
    const QString store = path(u"s.entente"_qs);

    const Run r = runEntente({ u"ingest"_qs, u"--store"_qs, store, path(u"feed"_qs) });
    QVERIFY2(r.finished, "ingest hangs on a named pipe");
    QCOMPARE(r.status, 0);
    QVERIFY2(r.out.contains(u"imported    1 articles"_qs), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"skipped     1 file"_qs), qPrintable(r.out));
    const QStringList lines = r.err.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.contains(QFileInfo(pipe).absoluteFilePath() + u": skipped: a named pipe, not a regular file"_qs),
        qPrintable(r.err));
}

void TestHostileInput::devicesAreRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    // Before: an unbounded read of /dev/zero, std::bad_alloc and exit 134.
    QTest::newRow("ingest /dev/zero") << QStringList { u"ingest"_qs, u"--store"_qs, u"STORE"_qs, u"/dev/zero"_qs } << 1
                                      << u"/dev/zero: skipped: a character device, not a regular file"_qs;
    QTest::newRow("ingest /dev/zero beside an article") << QStringList { u"ingest"_qs, u"--store"_qs, u"STORE"_qs,
        u"/dev/zero"_qs, u"ARTICLE"_qs } << 0 << u"/dev/zero: skipped: a character device, not a regular file"_qs;
    QTest::newRow("annotate /dev/zero") << QStringList { u"annotate"_qs, u"/dev/zero"_qs } << 1
                                        << u"/dev/zero: a character device, not a regular file"_qs;
    QTest::newRow("annotate --jsonl /dev/zero") << QStringList { u"annotate"_qs, u"--jsonl"_qs, u"/dev/zero"_qs } << 1
                                                << u"/dev/zero: a character device, not a regular file"_qs;
}

void TestHostileInput::devicesAreRefused()
{
    QFETCH(QStringList, args);
    QFETCH(int, status);
    QFETCH(QString, message);
    if (!QFileInfo::exists(u"/dev/zero"_qs))
        QSKIP("no /dev/zero here");
    QVERIFY(writeFile(path(u"article.txt"_qs), Article));
    args.replaceInStrings(QRegularExpression(u"^STORE$"_qs), path(u"s.entente"_qs));
    args.replaceInStrings(QRegularExpression(u"^ARTICLE$"_qs), path(u"article.txt"_qs));

    const Run r = runEntente(args);
    QVERIFY2(r.finished, "reads a device without end");
    QCOMPARE(r.status, status);
    QVERIFY2(r.err.split(u'\n').contains(message), qPrintable(r.err));
    if (args.first() == u"ingest" && status == 0)
        QVERIFY2(r.out.contains(u"imported    1 articles"_qs), qPrintable(r.out));
}

void TestHostileInput::namedPipeGivenToAnnotate()
{
    const QString pipe = path(u"pipe.txt"_qs);
    QCOMPARE(::mkfifo(QFile::encodeName(pipe).constData(), 0600), 0);
    QVERIFY(writeFile(path(u"article.txt"_qs), Article));
    const Run r = runEntente({ u"annotate"_qs, pipe, path(u"article.txt"_qs) });
    QVERIFY2(r.finished, "annotate hangs on a named pipe");
    QCOMPARE(r.status, 0); // the article was read
    QVERIFY2(r.err.split(u'\n').contains(pipe + u": a named pipe, not a regular file"_qs), qPrintable(r.err));
    const QList<QJsonObject> docs = jsonLines(r.out);
    QCOMPARE(docs.size(), 1);
    QCOMPARE(docs.first().value(u"id"_qs).toString(), path(u"article.txt"_qs));
}

void TestHostileInput::overflowingAmountsAreNoAmounts()
{
    // 400 nines overflow a double; "1e400" is no "1".
    const QByteArray text = "Aid pledges\n\nChina pledged $" + QByteArray(400, '9')
        + " to Kazakhstan. Russia offered US$ 1e400 in aid. Japan gave $5 billion in 2022.\n";
    QVERIFY(writeFile(path(u"pledges.txt"_qs), text));

    const Run a = runEntente({ u"annotate"_qs, path(u"pledges.txt"_qs) });
    QCOMPARE(a.status, 0);
    const QList<QJsonObject> docs = jsonLines(a.out);
    QCOMPARE(docs.size(), 1);
    QCOMPARE(moneyIds(docs.first()), QStringList { u"USD 5000000000"_qs });

    const QString store = path(u"s.entente"_qs);
    QCOMPARE(runEntente({ u"ingest"_qs, u"-q"_qs, u"--store"_qs, store, path(u"pledges.txt"_qs) }).status, 0);
    // No infinity and no NaN in any export, by any spelling.
    static const QRegularExpression notANumber(
        u"\\b(inf|infinity|nan)\\b"_qs, QRegularExpression::CaseInsensitiveOption);
    for (const QString &what : { u"entities"_qs, u"mentions"_qs }) {
        for (const QString &format : { u"csv"_qs, u"jsonl"_qs }) {
            const Run e
                = runEntente({ u"export"_qs, u"--store"_qs, store, u"--what"_qs, what, u"--format"_qs, format });
            QCOMPARE(e.status, 0);
            QVERIFY2(e.out.contains(u"USD 5000000000"_qs), qPrintable(what + u' ' + format));
            QVERIFY2(!e.out.contains(notANumber), qPrintable(e.out));
            QVERIFY2(!e.out.contains(u"USD 1,"_qs) && !e.out.contains(u"\"USD 1\""_qs), qPrintable(e.out));
        }
    }
}

void TestHostileInput::impossibleDates()
{
    QVERIFY(writeFile(path(u"article.txt"_qs), Article));
    const Run bad = runEntente({ u"annotate"_qs, u"--date"_qs, u"2023-02-30"_qs, path(u"article.txt"_qs) });
    QCOMPARE(bad.status, 2);
    QVERIFY2(bad.err.contains(u"--date '2023-02-30' is not a date of the calendar"_qs), qPrintable(bad.err));
    QVERIFY(bad.out.isEmpty());
    const Run leap = runEntente({ u"annotate"_qs, u"--date"_qs, u"2024-02-29"_qs, path(u"article.txt"_qs) });
    QCOMPARE(leap.status, 0);
    QCOMPARE(
        jsonLines(leap.out).value(0).value(u"published"_qs).toObject().value(u"date"_qs).toString(), u"2024-02-29"_qs);

    // In JSON Lines: the line is named, its document is still annotated, without the date.
    const QString feed = path(u"feed.jsonl"_qs);
    QVERIFY(writeFile(feed,
        "{\"id\": 1, \"text\": \"China and Russia signed a treaty.\", \"date\": \"2023-02-30T00:00\"}\n"
        "{\"id\": 2, \"text\": \"Japan and India signed a treaty.\", \"date\": \"2023-02-28T00:00\"}\n"));
    const Run j = runEntente({ u"annotate"_qs, u"--jsonl"_qs, feed });
    QCOMPARE(j.status, 0);
    QVERIFY2(j.err.split(u'\n').contains(feed + u":1: date \"2023-02-30T00:00\" is not a valid date; ignored"_qs),
        qPrintable(j.err));
    QVERIFY2(!j.err.contains(feed + u":2:"_qs), qPrintable(j.err));
    const QList<QJsonObject> docs = jsonLines(j.out);
    QCOMPARE(docs.size(), 2);
    QVERIFY(docs[0].value(u"published"_qs).isNull());
    QCOMPARE(docs[1].value(u"published"_qs).toObject().value(u"date"_qs).toString(), u"2023-02-28"_qs);

    // ingest says the same of the same record, and keeps the article.
    const Run i = runEntente({ u"ingest"_qs, u"--store"_qs, path(u"s.entente"_qs), feed });
    QCOMPARE(i.status, 0);
    QVERIFY2(i.out.contains(u"imported    2 articles"_qs), qPrintable(i.out));
    QVERIFY2(
        i.err.contains(QFileInfo(feed).absoluteFilePath() + u":1: date \"2023-02-30T00:00\""_qs), qPrintable(i.err));
}

void TestHostileInput::nonTextRecordsAreReported()
{
    const QString feed = path(u"feed.jsonl"_qs);
    QVERIFY(writeFile(feed,
        "{\"id\": 1, \"text\": 12}\n"
        "{\"id\": 2, \"text\": \"China and Russia signed a treaty.\"}\n"
        "{\"id\": 3, \"text\": {\"body\": \"nested\"}}\n"
        "{\"id\": 4, \"text\": [\"a\", \"b\"]}\n"
        "{\"id\": 5, \"text\": true}\n"));
    const Run a = runEntente({ u"annotate"_qs, u"--jsonl"_qs, feed });
    QCOMPARE(a.status, 0);
    const QStringList lines = a.err.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.contains(feed + u":1: \"text\" is a number, not a string; record skipped"_qs), qPrintable(a.err));
    QVERIFY2(lines.contains(feed + u":3: \"text\" is an object, not a string; record skipped"_qs), qPrintable(a.err));
    QVERIFY2(lines.contains(feed + u":4: \"text\" is an array, not a string; record skipped"_qs), qPrintable(a.err));
    QVERIFY2(
        lines.contains(feed + u":5: \"text\" is true or false, not a string; record skipped"_qs), qPrintable(a.err));
    const QList<QJsonObject> docs = jsonLines(a.out);
    QCOMPARE(docs.size(), 1);
    QCOMPARE(docs.first().value(u"id"_qs).toInt(), 2);

    // ingest reports the same lines and stores the one article.
    const Run i = runEntente({ u"ingest"_qs, u"--store"_qs, path(u"s.entente"_qs), feed });
    QCOMPARE(i.status, 0);
    QVERIFY2(i.out.contains(u"imported    1 articles"_qs), qPrintable(i.out));
    const QString absolute = QFileInfo(feed).absoluteFilePath();
    QVERIFY2(i.err.split(u'\n').contains(absolute + u":1: \"text\" is a number, not a string; record skipped"_qs),
        qPrintable(i.err));
    QVERIFY2(i.err.contains(absolute + u":3: "_qs), qPrintable(i.err));
}

void TestHostileInput::fileNamesThatAreNoUtf8()
{
    // "caf\xe9.txt", a Latin-1 name: imported from its folder and read when given directly, and named with a
    // replacement character wherever it is shown.
    const QByteArray folder = QFile::encodeName(path(QStringLiteral("latin1")));
    QVERIFY(QDir().mkpath(QFile::decodeName(folder)));
    const QByteArray latin1 = folder + "/caf\xe9.txt";
    // QTemporaryDir cannot remove a name Qt cannot spell: this test does, however it ends.
    const auto unlinkLater = qScopeGuard([&] { ::unlink(latin1.constData()); });
    const int fd = ::open(latin1.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    QVERIFY(fd >= 0);
    QCOMPARE(::write(fd, Article.constData(), size_t(Article.size())), ssize_t(Article.size()));
    ::close(fd);
    QVERIFY(writeFile(QFile::decodeName(folder) + QStringLiteral("/plain.txt"),
        "Talks\n\nPeru and Chile signed a trade deal in Lima on Friday.\n"));

    const QString store = path(QStringLiteral("s.entente"));
    const Run i = runEntente({ QStringLiteral("ingest"), QStringLiteral("--store"), store, QFile::decodeName(folder) });
    QVERIFY2(i.status == 0, qPrintable(i.err));
    QVERIFY2(i.out.contains(QLatin1String("imported    2 articles from 2 files")), qPrintable(i.out));
    const Run csv = runEntente({ QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--what"),
        QStringLiteral("articles"), QStringLiteral("--format"), QStringLiteral("csv") });
    QCOMPARE(csv.status, 0);
    QVERIFY2(csv.out.contains(u"/caf\uFFFD.txt"_qs), qPrintable(csv.out));

    // Given directly, through a shell: QProcess would pass the name as UTF-8.
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"),
        { QStringLiteral("-c"), QStringLiteral("exec \"$0\" annotate \"$1\"/\"$(printf 'caf\\351.txt')\""),
            QStringLiteral(ENTENTE_BINARY), QFile::decodeName(folder) });
    QVERIFY(sh.waitForFinished(120000));
    QCOMPARE(sh.exitCode(), 0);
    const QList<QJsonObject> docs = jsonLines(QString::fromUtf8(sh.readAllStandardOutput()));
    QCOMPARE(docs.size(), 1);
    QVERIFY(docs[0].value(QStringLiteral("id")).toString().endsWith(u"caf\uFFFD.txt"_qs));
    QVERIFY(!docs[0].value(QStringLiteral("relations")).toArray().isEmpty());
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"

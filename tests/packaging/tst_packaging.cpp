// What the Debian package installs beside the binary, checked against the binary: the man page and the bash
// completion (generated from the --help texts) name every subcommand and option, the completion completes them,
// the MIME type recognises a real store by its content, and the icons are rendered.
#include "store.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QMimeDatabase>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace entente;

namespace {

// What a program prints on stdout; empty when it fails.
QString output(const QString &program, const QStringList &args, const QString &workingDir = {})
{
    QProcess p;
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning() << program << args << "failed:" << p.readAllStandardError();
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// The subcommands `entente --help` lists under "Subcommands:".
QStringList subcommands()
{
    const QString help = output(QStringLiteral(ENTENTE_BINARY), { QStringLiteral("--help") });
    const QString list = help.section(QStringLiteral("Subcommands:\n"), 1);
    QStringList names;
    static const QRegularExpression name(QStringLiteral("^  ([a-z]+) "), QRegularExpression::MultilineOption);
    for (auto it = name.globalMatch(list); it.hasNext();)
        names << it.next().captured(1);
    return names;
}

// The long options `entente COMMAND --help` lists.
QStringList longOptions(const QString &command)
{
    const QString help = output(QStringLiteral(ENTENTE_BINARY), { command, QStringLiteral("--help") });
    const QString options = help.section(QStringLiteral("Options:\n"), 1).section(QStringLiteral("\n\n"), 0, 0);
    QStringList names;
    static const QRegularExpression option(
        QStringLiteral("^  (?:-\\w, )?(--[a-z-]+)"), QRegularExpression::MultilineOption);
    for (auto it = option.globalMatch(options); it.hasNext();)
        names << it.next().captured(1);
    return names;
}

// COMPREPLY of the generated completion for the words typed, the last being the one completed.
QStringList complete(const QStringList &words, const QString &workingDir)
{
    QStringList quoted;
    for (const QString &w : words)
        quoted << u'\'' + w + u'\'';
    const QString script = QStringLiteral("source '%1'; COMP_WORDS=(%2); COMP_CWORD=%3; _entente; "
                                          "printf '%s\\n' \"${COMPREPLY[@]}\"")
                               .arg(QStringLiteral(ENTENTE_COMPLETION), quoted.join(u' '))
                               .arg(words.size() - 1);
    QStringList reply
        = output(QStringLiteral("bash"), { QStringLiteral("-c"), script }, workingDir).split(u'\n', Qt::SkipEmptyParts);
    reply.sort();
    return reply;
}

} // namespace

class TestPackaging : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void manPageDocumentsEveryCommand();
    void manPageFormatsCleanly();
    void completionOffersEveryCommandAndOption();
    void completionOffersValues();
    void mimeTypeRecognisesStore();
    void iconsRendered_data();
    void iconsRendered();

private:
    QTemporaryDir m_mimeDir;
};

void TestPackaging::initTestCase()
{
    // The MIME database, read once per process from XDG_DATA_DIRS: the system's definitions (shared-mime-info, which
    // Qt Core depends on) and ours in one folder, as update-mime-database merges them when the package is installed.
    // In one database the magic priorities decide; Qt 6.4 does not weigh them across separate folders.
    QVERIFY(m_mimeDir.isValid());
    const QString packages = m_mimeDir.filePath(QStringLiteral("mime/packages"));
    QVERIFY(QDir().mkpath(packages));
    QVERIFY(QFile::copy(QStringLiteral("/usr/share/mime/packages/freedesktop.org.xml"),
        packages + QStringLiteral("/freedesktop.org.xml")));
    QVERIFY(QFile::copy(QStringLiteral(ENTENTE_MIME_XML), packages + QStringLiteral("/org.entente.Entente.xml")));
    qputenv("XDG_DATA_HOME", m_mimeDir.filePath(QStringLiteral("home")).toLocal8Bit());
    qputenv("XDG_DATA_DIRS", m_mimeDir.path().toLocal8Bit());
    QVERIFY(subcommands().size() >= 7);
}

void TestPackaging::manPageDocumentsEveryCommand()
{
    const QString man = readText(QStringLiteral(ENTENTE_MAN_PAGE));
    const QString version = output(QStringLiteral(ENTENTE_BINARY), { QStringLiteral("--version") }).trimmed();
    QCOMPARE(version, QStringLiteral("entente " ENTENTE_PROJECT_VERSION)); // the one version, from CMake
    QVERIFY2(man.contains(QStringLiteral(".TH ENTENTE 1 ")), qPrintable(man.left(200)));
    QVERIFY2(man.contains(QStringLiteral("\"Entente %1\"").arg(version.mid(8))), "the version in the title line");
    for (const QString &command : subcommands()) {
        // Its own section, from its usage line to the next command's.
        const qsizetype start = man.indexOf(QStringLiteral(".SS \"entente %1 ").arg(command));
        QVERIFY2(start >= 0, qPrintable(command));
        const QString section = man.mid(start, man.indexOf(QStringLiteral(".SS "), start + 4) - start);
        for (const QString &option : longOptions(command)) {
            const QString roff = QString(option).replace(u'-', QStringLiteral("\\-"));
            QVERIFY2(section.contains(QStringLiteral("\\fB%1\\fR").arg(roff)), qPrintable(command + u' ' + option));
        }
    }
}

void TestPackaging::manPageFormatsCleanly()
{
    const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
    if (groff.isEmpty())
        QSKIP("groff is not installed (Debian: groff-base)");
    QProcess p;
    p.start(groff,
        { QStringLiteral("-man"), QStringLiteral("-Tutf8"), QStringLiteral("-ww"), QStringLiteral("-z"),
            QStringLiteral(ENTENTE_MAN_PAGE) });
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(p.readAllStandardError()), QString());
}

void TestPackaging::completionOffersEveryCommandAndOption()
{
    QTemporaryDir empty; // no file names among the words offered
    QStringList commands = subcommands();
    commands.sort();
    QCOMPARE(complete({ QStringLiteral("entente"), QString() }, empty.path()), commands);
    QCOMPARE(complete({ QStringLiteral("entente"), QStringLiteral("ex") }, empty.path()),
        QStringList { QStringLiteral("export") });
    for (const QString &command : std::as_const(commands)) {
        const QStringList offered
            = complete({ QStringLiteral("entente"), command, QStringLiteral("--") }, empty.path());
        const QStringList options = longOptions(command);
        QVERIFY2(options.contains(QStringLiteral("--help")), qPrintable(command));
        for (const QString &option : options)
            QVERIFY2(offered.contains(option), qPrintable(command + u' ' + option));
    }
}

void TestPackaging::completionOffersValues()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("folder")));
    for (const char *name : { "news.entente", "notes.txt" }) {
        QFile f(dir.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    const auto words = [](std::initializer_list<const char *> list) {
        QStringList out { QStringLiteral("entente") };
        for (const char *w : list)
            out << QLatin1String(w);
        return out;
    };
    QCOMPARE(complete(words({ "export", "--store", "n.entente", "--what", "" }), dir.path()),
        (QStringList { "articles", "dates", "entities", "graph", "hits", "mentions", "relations" }));
    QCOMPARE(
        complete(words({ "export", "--format", "" }), dir.path()), (QStringList { "csv", "gexf", "graphml", "jsonl" }));
    QCOMPARE(
        complete(words({ "chart", "--kind", "" }), dir.path()), (QStringList { "network", "relations", "timeline" }));
    QCOMPARE(complete(words({ "train", "" }), dir.path()), (QStringList { "all", "clusters", "ner", "parser", "pos" }));
    // A store: stores and folders, not other files; articles to ingest: any file.
    QCOMPARE(complete(words({ "stats", "--store", "" }), dir.path()), (QStringList { "folder", "news.entente" }));
    QCOMPARE(complete(words({ "ingest", "--store", "news.entente", "" }), dir.path()),
        (QStringList { "folder", "news.entente", "notes.txt" }));
    QCOMPARE(complete(words({ "" }), dir.path()).filter(QStringLiteral("news")), QStringList { "news.entente" });
    // A number is not completed with file names.
    QCOMPARE(complete(words({ "ingest", "--threads", "" }), dir.path()), QStringList());
}

void TestPackaging::mimeTypeRecognisesStore()
{
    QTemporaryDir dir;
    // A real store, named as no store is: recognised by its content alone.
    const QString storePath = dir.filePath(QStringLiteral("renamed.db"));
    {
        Store store;
        QString error;
        QVERIFY2(store.open(storePath, Store::OpenMode::CreateIfMissing, &error), qPrintable(error));
    }
    QFile file(storePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray header = file.read(100);
    QCOMPARE(qFromBigEndian<quint32>(header.constData() + 68), Store::ApplicationId);

    // Another SQLite database: not a store.
    const QString otherPath = dir.filePath(QStringLiteral("other.db"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        db.setDatabaseName(otherPath);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (x)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other"));

    const QMimeDatabase mime;
    const QMimeType store = mime.mimeTypeForFile(storePath, QMimeDatabase::MatchContent);
    QCOMPARE(store.name(), QStringLiteral("application/vnd.entente.store"));
    QCOMPARE(store.comment(), QStringLiteral("Entente store"));
    QCOMPARE(
        mime.mimeTypeForFile(otherPath, QMimeDatabase::MatchContent).name(), QStringLiteral("application/vnd.sqlite3"));
    QCOMPARE(mime.mimeTypeForFile(dir.filePath(QStringLiteral("new.entente")), QMimeDatabase::MatchExtension).name(),
        QStringLiteral("application/vnd.entente.store"));
}

void TestPackaging::iconsRendered_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("48 px") << 48;
    QTest::newRow("128 px") << 128;
    QTest::newRow("256 px") << 256;
}

void TestPackaging::iconsRendered()
{
    QFETCH(int, size);
    const QImage icon(QStringLiteral(ENTENTE_ICON_DIR "/%1/org.entente.Entente.png").arg(size));
    QCOMPARE(icon.size(), QSize(size, size));
    // The rounded square's fill at its left edge, half-way down; its corner rounded away.
    QCOMPARE(icon.pixelColor(size / 16, size / 2), QColor(0x1f, 0x4e, 0x79));
    QCOMPARE(icon.pixelColor(0, 0).alpha(), 0);
}

QTEST_GUILESS_MAIN(TestPackaging)
#include "tst_packaging.moc"

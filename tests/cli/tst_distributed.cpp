// Extraction on many machines (issue 15 §2), end to end with the real binary: `entente annotate --articles` in
// several processes over parts of a corpus, `entente ingest --annotations` of their lines into one store, and the
// store compared row by row with a direct `entente ingest` of the same files.
#include "store.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include "runentente.h"

#include <memory>

using namespace entente;

namespace {

using Run = test::EntenteRun;
using test::runEntente;

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The rows of a query, each as its values joined, sorted; the columns that only number rows (ids, which
// differ with the order of insertion) and the time of import are left out.
QStringList rows(const QString &storePath, const QString &sql)
{
    Store store;
    if (!store.open(storePath, Store::OpenMode::ReadOnly))
        return { QStringLiteral("cannot open %1").arg(storePath) };
    QStringList out;
    QSqlQuery q(store.database());
    if (!q.exec(sql))
        return { QStringLiteral("cannot run %1").arg(sql) };
    while (q.next()) {
        QStringList values;
        const QSqlRecord record = q.record();
        for (int i = 0; i < record.count(); ++i) {
            const QString name = record.fieldName(i);
            if (name == u"id" || name == u"article_id" || name == u"entity_id" || name == u"imported_at")
                continue;
            values << name + u'=' + (q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
        }
        out << values.join(QChar(0x1f));
    }
    out.sort();
    return out;
}

// Everything a store holds about its articles, table by table, articles named by their content hash.
QList<QStringList> contents(const QString &storePath)
{
    const QString byArticle = QStringLiteral("SELECT hex(a.hash) AS article, t.* FROM %1 t JOIN articles a ON "
                                             "a.id = t.article_id");
    return {
        rows(storePath, QStringLiteral("SELECT hex(hash) AS article, * FROM articles")),
        rows(storePath, QStringLiteral("SELECT * FROM entities")),
        rows(storePath,
            QStringLiteral("SELECT hex(a.hash) AS article, e.kind, e.key, m.* FROM mentions m JOIN articles a ON a.id "
                           "= m.article_id JOIN entities e ON e.id = m.entity_id")),
        rows(storePath, byArticle.arg(QStringLiteral("dates"))),
        rows(storePath, byArticle.arg(QStringLiteral("relations"))),
        rows(storePath, byArticle.arg(QStringLiteral("article_countries"))),
        rows(storePath, byArticle.arg(QStringLiteral("sentence_spans"))),
    };
}

// A few articles as JSON Lines records (title, date, source): a file of several articles, each with its line.
QByteArray jsonlCorpus()
{
    return "{\"title\": \"Talks in Beijing\", \"date\": \"2023-05-11\", \"source\": \"Wire\", \"text\": \"China and "
           "Russia signed a cooperation agreement in Moscow on Tuesday. Russia's invasion of Ukraine was condemned "
           "by France.\"}\n"
           "{\"title\": \"Aid\", \"text\": \"Japan pledged $2 billion in aid to Indonesia after the earthquake last "
           "year. 🌍 Germany criticised Iran.\"}\n";
}

} // namespace

class TestDistributed : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void annotateInPartsThenLoadEqualsDirectIngest();
    void annotateIsDeterministic();
    void refusesOtherVersionsAndBadLines();

private:
    QTemporaryDir m_dir;
    QStringList m_files; // the corpus: the sample articles and a JSON Lines file
};

void TestDistributed::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QDir samples(QStringLiteral(ENTENTE_SAMPLES_DIR));
    for (const QString &name : samples.entryList({ QStringLiteral("*.txt") }, QDir::Files, QDir::Name))
        m_files << samples.filePath(name);
    QVERIFY(m_files.size() >= 3);
    const QString jsonl = m_dir.filePath(QStringLiteral("records.jsonl"));
    QVERIFY(writeFile(jsonl, jsonlCorpus()));
    m_files << jsonl;
}

void TestDistributed::annotateInPartsThenLoadEqualsDirectIngest()
{
    const QString direct = m_dir.filePath(QStringLiteral("direct.entente"));
    const Run a = runEntente(QStringList { QStringLiteral("ingest"), QStringLiteral("--store"), direct } + m_files);
    QVERIFY2(a.status == 0, qPrintable(a.err));

    // Three processes at once, each over its own part of the files, as three machines would.
    const int parts = 3;
    std::vector<std::unique_ptr<QProcess>> workers;
    QStringList outputs;
    for (int i = 0; i < parts; ++i) {
        QStringList args { QStringLiteral("annotate"), QStringLiteral("--articles") };
        for (qsizetype f = i; f < m_files.size(); f += parts)
            args << m_files[f];
        const QString output = m_dir.filePath(QStringLiteral("part%1.jsonl").arg(i));
        outputs << output;
        auto p = std::make_unique<QProcess>();
        p->setStandardOutputFile(output);
        p->start(QStringLiteral(ENTENTE_BINARY), args);
        QVERIFY(p->waitForStarted());
        workers.push_back(std::move(p));
    }
    for (const auto &p : workers) {
        QVERIFY(p->waitForFinished(240000));
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
        QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
    }
    qsizetype lines = 0;
    for (const QString &output : outputs)
        lines += readFile(output).count('\n');
    QCOMPARE(lines, m_files.size() + 1); // one line per article: the JSON Lines file holds two

    const QString loaded = m_dir.filePath(QStringLiteral("loaded.entente"));
    const Run b = runEntente(
        QStringList { QStringLiteral("ingest"), QStringLiteral("--store"), loaded, QStringLiteral("--annotations") }
        + outputs);
    QVERIFY2(b.status == 0, qPrintable(b.err));
    QVERIFY2(b.output.contains(QStringLiteral("imported    %1 articles").arg(lines).toUtf8()), b.output.constData());

    const QList<QStringList> want = contents(direct);
    const QList<QStringList> got = contents(loaded);
    QCOMPARE(got.size(), want.size());
    // Not empty: the comparison below compares something (articles, entities, mentions, dates, relations, their
    // countries, sentences).
    for (const QStringList &table : want)
        QVERIFY(!table.isEmpty());
    QCOMPARE(want[0].size(), lines);
    for (qsizetype t = 0; t < want.size(); ++t) {
        QCOMPARE(got[t].size(), want[t].size());
        for (qsizetype r = 0; r < want[t].size(); ++r)
            QCOMPARE(got[t][r], want[t][r]);
    }

    // The counts `entente stats` gives agree too (all but the line naming the store).
    const auto stats = [](const QString &store) {
        QStringList lines
            = QString::fromUtf8(runEntente({ QStringLiteral("stats"), QStringLiteral("--store"), store }).output)
                  .split(u'\n');
        lines.removeFirst();
        return lines;
    };
    QCOMPARE(stats(loaded), stats(direct));

    // Loading the same lines again stores nothing twice.
    const Run again = runEntente(
        QStringList { QStringLiteral("ingest"), QStringLiteral("--store"), loaded, QStringLiteral("--annotations") }
        + outputs);
    QCOMPARE(again.status, 0);
    QVERIFY2(again.output.contains(QStringLiteral("duplicates  %1").arg(lines).toUtf8()), again.output.constData());
}

void TestDistributed::annotateIsDeterministic()
{
    const QStringList args = QStringList { QStringLiteral("annotate"), QStringLiteral("--articles") } + m_files;
    const Run first = runEntente(args);
    const Run second = runEntente(args);
    QCOMPARE(first.status, 0);
    QCOMPARE(second.status, 0);
    QVERIFY(!first.output.isEmpty());
    QVERIFY(first.output == second.output);

    // Every line names the extraction that wrote it, and carries the article as ingest stores it.
    const QRegularExpression digest(QStringLiteral("^[0-9a-f]{40}$"));
    for (const QByteArray &line : first.output.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        const QJsonObject v = o.value(QStringLiteral("entente")).toObject();
        QCOMPARE(v.value(QStringLiteral("format")).toInt(), 1);
        QVERIFY(digest.match(v.value(QStringLiteral("models")).toString()).hasMatch());
        QVERIFY(digest.match(v.value(QStringLiteral("lexicon")).toString()).hasMatch());
        const QJsonObject article = o.value(QStringLiteral("article")).toObject();
        QVERIFY(!article.value(QStringLiteral("text")).toString().isEmpty());
        QVERIFY(o.value(QStringLiteral("sentences")).isArray());
    }

    // Standard input: JSON Lines of article records, each named by its line, as `RDD.pipe` feeds them.
    const Run piped
        = runEntente({ QStringLiteral("annotate"), QStringLiteral("--articles"), QStringLiteral("-") }, jsonlCorpus());
    QCOMPARE(piped.status, 0);
    const QList<QByteArray> pipedLines = piped.output.trimmed().split('\n');
    QCOMPARE(pipedLines.size(), 2);
    const QJsonObject second2 = QJsonDocument::fromJson(pipedLines[1]).object();
    QCOMPARE(second2.value(QStringLiteral("id")).toString(), QStringLiteral("-:2"));
    QCOMPARE(second2.value(QStringLiteral("article")).toObject().value(QStringLiteral("title")).toString(),
        QStringLiteral("Aid"));

    // The lines of `annotate --jsonl` ({"id", "text", "date"} in) load as well: their article is the text and date.
    const QString jsonlLines = m_dir.filePath(QStringLiteral("jsonl-mode.jsonl"));
    const Run plain = runEntente({ QStringLiteral("annotate"), QStringLiteral("--jsonl") },
        "{\"id\": 1, \"text\": \"China and Russia signed a treaty in Moscow.\", \"date\": \"2023-01-02\"}\n");
    QCOMPARE(plain.status, 0);
    QVERIFY(writeFile(jsonlLines, plain.output));
    const QString store = m_dir.filePath(QStringLiteral("jsonl-mode.entente"));
    const Run loaded = runEntente(
        { QStringLiteral("ingest"), QStringLiteral("--store"), store, QStringLiteral("--annotations"), jsonlLines });
    QVERIFY2(loaded.status == 0, qPrintable(loaded.err));
    QCOMPARE(rows(store, QStringLiteral("SELECT a, b, tone, year FROM relations")),
        QStringList { QStringLiteral("a=CHN\x1f"
                                     "b=RUS\x1f"
                                     "tone=cooperation\x1f"
                                     "year=2023") });
}

void TestDistributed::refusesOtherVersionsAndBadLines()
{
    const Run annotated
        = runEntente(QStringList { QStringLiteral("annotate"), QStringLiteral("--articles") } + m_files.mid(0, 3));
    QCOMPARE(annotated.status, 0);
    const QList<QByteArray> good = annotated.output.trimmed().split('\n');
    QCOMPARE(good.size(), 3);
    const auto changed = [](const QByteArray &line, const QString &key) {
        QJsonObject o = QJsonDocument::fromJson(line).object();
        QJsonObject v = o.value(QStringLiteral("entente")).toObject();
        v.insert(key, QStringLiteral("0123456789abcdef0123456789abcdef01234567"));
        o.insert(QStringLiteral("entente"), v);
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    };
    // A line of this version whose mention lies beyond the end of its text.
    QJsonObject outside = QJsonDocument::fromJson(good[1]).object();
    QJsonArray entities = outside.value(QStringLiteral("entities")).toArray();
    QVERIFY(!entities.isEmpty());
    QJsonObject first = entities[0].toObject();
    first.insert(QStringLiteral("end"), 10000000);
    entities[0] = first;
    outside.insert(QStringLiteral("entities"), entities);
    const QString bad = m_dir.filePath(QStringLiteral("mixed.jsonl"));
    QVERIFY(writeFile(bad,
        good[0] + '\n' + changed(good[1], QStringLiteral("models")) + '\n' + "{\"article\": not json\n"
            + changed(good[2], QStringLiteral("lexicon")) + '\n' + QJsonDocument(outside).toJson(QJsonDocument::Compact)
            + '\n'));

    const QString store = m_dir.filePath(QStringLiteral("mixed.entente"));
    const Run r = runEntente(
        { QStringLiteral("ingest"), QStringLiteral("--store"), store, QStringLiteral("--annotations"), bad });
    QCOMPARE(r.status, 0);
    QVERIFY2(r.err.contains(QStringLiteral("mixed.jsonl:2: annotations from another model version (0123456789ab…, "
                                           "this entente has ")),
        qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("mixed.jsonl:3: invalid JSON")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("mixed.jsonl:4: annotations from another lexicon version (0123456789ab…")),
        qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("mixed.jsonl:5: an offset outside the article's text; line skipped")),
        qPrintable(r.err));
    // Only the good line's article is stored, with its annotations; nothing of the refused ones.
    const QJsonObject kept = QJsonDocument::fromJson(good[0]).object();
    const QString title = kept.value(QStringLiteral("article")).toObject().value(QStringLiteral("title")).toString();
    QCOMPARE(
        rows(store, QStringLiteral("SELECT title FROM articles")), QStringList { QStringLiteral("title=") + title });
    QCOMPARE(rows(store, QStringLiteral("SELECT count(*) AS n FROM relations")),
        QStringList { QStringLiteral("n=%1").arg(kept.value(QStringLiteral("relations")).toArray().size()) });
    QCOMPARE(rows(store, QStringLiteral("SELECT count(*) AS n FROM mentions")),
        QStringList { QStringLiteral("n=%1").arg(kept.value(QStringLiteral("entities")).toArray().size()) });

    // A reason is one line whatever the line holds: a kind with a line break in it (which the fuzzer found).
    QJsonObject oddKind = QJsonDocument::fromJson(good[1]).object();
    QJsonArray oddEntities = oddKind.value(QStringLiteral("entities")).toArray();
    QJsonObject oddFirst = oddEntities[0].toObject();
    oddFirst.insert(QStringLiteral("kind"), QStringLiteral("coun\ntry"));
    oddEntities[0] = oddFirst;
    oddKind.insert(QStringLiteral("entities"), oddEntities);
    const QString odd = m_dir.filePath(QStringLiteral("odd.jsonl"));
    QVERIFY(writeFile(odd, QJsonDocument(oddKind).toJson(QJsonDocument::Compact) + '\n'));
    const Run oddRun = runEntente({ QStringLiteral("ingest"), QStringLiteral("--store"),
        m_dir.filePath(QStringLiteral("odd.entente")), QStringLiteral("--annotations"), odd });
    QCOMPARE(oddRun.status, 1);
    QVERIFY2(oddRun.err.contains(QLatin1String("odd.jsonl:1: an entity of unknown kind \"coun try\"; line skipped")),
        qPrintable(oddRun.err));

    // A file of refused lines only imports nothing, and says so by its status.
    const QString refused = m_dir.filePath(QStringLiteral("refused.jsonl"));
    QVERIFY(writeFile(refused, changed(good[1], QStringLiteral("models")) + '\n'));
    const Run none = runEntente({ QStringLiteral("ingest"), QStringLiteral("--store"),
        m_dir.filePath(QStringLiteral("none.entente")), QStringLiteral("--annotations"), refused });
    QCOMPARE(none.status, 1);
    QVERIFY2(none.err.contains(QLatin1String("refused.jsonl:1: annotations from another model version")),
        qPrintable(none.err));

    // A file that is no store is refused as a store, and not written.
    const QString notStore = m_dir.filePath(QStringLiteral("notes.entente"));
    QVERIFY(writeFile(notStore, "some notes, not a store\n"));
    const Run refusedStore = runEntente(
        { QStringLiteral("ingest"), QStringLiteral("--store"), notStore, QStringLiteral("--annotations"), bad });
    QCOMPARE(refusedStore.status, 2);
    QCOMPARE(readFile(notStore), QByteArray("some notes, not a store\n"));
}

QTEST_GUILESS_MAIN(TestDistributed)
#include "tst_distributed.moc"

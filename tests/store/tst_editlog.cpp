// EditLog on a real store file: each kind of edit changes what the readers count (checked with SQL of the test's
// own and with the CorpusCube), undo puts every row back as it was, and the edits hold for what a later import
// adds.
#include "article.h"
#include "corpuscube.h"
#include "editlog.h"
#include "sqlitestatement.h"
#include "store.h"

#include "../items/samplestore.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace entente;

namespace {

struct Party
{
    const char *word;
    const char *kind;
    const char *key;
};

// An article whose text names `parties` in one sentence and relates each consecutive two of them with `tone`.
std::pair<ArticleRecord, Annotation> article(
    const QString &title, int year, const QList<Party> &parties, const QString &tone, double goldstein)
{
    QString text;
    Annotation a;
    for (const Party &p : parties) {
        if (!text.isEmpty())
            text += u' ';
        EntityMention m;
        m.span = { text.size(), text.size() + qsizetype(qstrlen(p.word)) };
        m.text = QLatin1String(p.word);
        m.kind = entityKindFromName(QLatin1String(p.kind)).value_or(EntityKind::Place);
        m.id = QLatin1String(p.key);
        m.name = m.text;
        m.country = m.kind == EntityKind::Country ? m.id : QString();
        text += m.text;
        a.entities << m;
    }
    text += QStringLiteral(" met in %1.").arg(title);
    a.sentences = { { 0, text.size() } };
    for (qsizetype i = 1; i < parties.size(); ++i) {
        Relation r;
        r.sentence = 0;
        r.span = { 0, text.size() };
        r.a = QLatin1String(parties[i - 1].key);
        r.b = QLatin1String(parties[i].key);
        r.directed = true;
        r.tone = tone;
        r.goldstein = goldstein;
        r.cues = { QStringLiteral("met") };
        a.relations << r;
    }
    for (const Party &p : parties)
        if (qstrcmp(p.kind, "country") == 0)
            a.countries << CountrySalience { QLatin1String(p.key), 0.5, true, 1, 0 };
    ArticleRecord r;
    r.title = title;
    r.text = text;
    r.file = title + QStringLiteral(".txt");
    r.published.date = PartialDate { year, 0, 0, Precision::Year };
    r.published.source = DateSource::Metadata;
    r.hash = r.contentHash();
    return { r, a };
}

const Party Soviet { "Soviet Union", "country", "SUN" };
const Party Russia { "Russia", "country", "RUS" };
const Party States { "United States", "country", "USA" };
const Party France { "France", "country", "FRA" };
const Party Gorbachev { "Gorbachev", "person", "Mikhail Gorbachev" };
const Party Sfsr { "Russian Sfsr", "person", "Russian Sfsr" };

bool insert(Store &store, const QList<std::pair<ArticleRecord, Annotation>> &articles)
{
    if (!store.beginBatch())
        return false;
    for (const auto &[record, annotation] : articles)
        if (store.insertArticle(record, annotation) != Store::InsertResult::Inserted)
            return false;
    return store.commitBatch();
}

using test::scalar;

qint64 mentionsOf(const Store &store, const QString &kind, const QString &key)
{
    return scalar(store,
        QStringLiteral("SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id"
                       " WHERE e.kind = ? AND e.key = ?"),
        { kind, key });
}

qint64 relationsOf(const Store &store, const QString &code)
{
    return scalar(store, QStringLiteral("SELECT count(*) FROM relations WHERE a = ? OR b = ?"), { code, code });
}

// The rows the queries give, each as text.
QStringList rowsOf(const Store &store, std::initializer_list<const char *> queries)
{
    QStringList rows;
    QSqlQuery q(store.database());
    for (const char *sql : queries) {
        if (!q.exec(QLatin1String(sql)))
            return { q.lastQuery() };
        while (q.next()) {
            QStringList values;
            for (int i = 0; i < q.record().count(); ++i)
                values << q.value(i).toString();
            rows << values.join(u'|');
        }
    }
    return rows;
}

// Every row an edit may touch, as text: what undo must give back exactly.
QStringList snapshot(const Store &store)
{
    return rowsOf(store,
        { "SELECT id, article_id, entity_id, start, end, text, method, confidence FROM mentions ORDER BY id",
            "SELECT id, kind, key, name, country FROM entities ORDER BY id",
            "SELECT id, article_id, sentence, start, end, a, b, directed, tone, quad, cameo, goldstein,"
            " typeof(goldstein), cues, cue_spans, implicit, year FROM relations ORDER BY id",
            "SELECT id, relation_count, mention_count FROM articles ORDER BY id",
            "SELECT article_id, rank, country, salience, about FROM article_countries ORDER BY article_id, rank" });
}

qint64 cubeMentions(const CorpusCube &cube, const QString &kind, const QString &key)
{
    const int entity = cube.entityIndex(kind, key);
    qint64 n = 0;
    if (entity >= 0)
        for (const CorpusCube::MentionCell &c : cube.mentionsOf(entity))
            n += c.mentions;
    return n;
}

} // namespace

class TestEditLog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void mergeCountsTheMentionsAndRelationsAsTheTarget();
    void renameChangesTheNameOnly();
    void changeKindMovesTheEntity();
    void changeKindJoinsAnEntityOfThatKind();
    void rejectRelationRemovesItEverywhere();
    void toneChangesToneAndGoldsteinSign();
    void undoRestoresEveryRowExactly_data();
    void undoRestoresEveryRowExactly();
    void editsHoldForWhatALaterImportAdds();
    void anEditOfNothingIsRefusedAndNotStored();
    void editsListedInOrder();
    void anExportedListGivesAnotherStoreTheSameRows();
    void mergeForSomeYearsTouchesThoseYearsOnly();
    void directionChangesOrSwapsTheParties();
    void addRelationCountsItEverywhere();
    void aliasTakesOverMentionsAndAddsWhereTheWordStands();
    void rejectMentionRemovesItFromTheCounts();
    void newKindsHoldForWhatALaterImportAdds();

private:
    // A tone edit, or with a direction ("a-b", "b-a", "none") for `newTone` a direction edit; without, a rejection.
    Edit relationEdit(bool tone, const QString &a, const QString &b, const QString &newTone = {});
    Edit mentionEdit(const QString &title, const QString &kind, const QString &key);
    qint64 articleId(const QString &title);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    Store m_store;
};

void TestEditLog::init()
{
    m_store.close();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("edits.entente"));
    QString error;
    QVERIFY2(m_store.open(m_path, Store::OpenMode::CreateIfMissing, &error), qPrintable(error));
    QVERIFY(insert(m_store,
        { article(QStringLiteral("Moscow"), 1985, { Soviet, States, France }, QStringLiteral("cooperation"), 3.0),
            article(QStringLiteral("Geneva"), 1986, { Gorbachev, Soviet, Russia }, QStringLiteral("conflict"), -4.4),
            article(QStringLiteral("Paris"), 1995, { Russia, States, Sfsr }, QStringLiteral("conflict"), -2.0),
            article(QStringLiteral("Bonn"), 1996, { France, Russia }, QStringLiteral("cooperation"), 1.5) }));
}

Edit TestEditLog::relationEdit(bool tone, const QString &a, const QString &b, const QString &newTone)
{
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT article_id, start, end FROM relations WHERE a = ? AND b = ?"));
    q.addBindValue(a);
    q.addBindValue(b);
    if (!q.exec() || !q.next())
        return {};
    const qint64 article = q.value(0).toLongLong(), start = q.value(1).toLongLong(), end = q.value(2).toLongLong();
    if (tone && (newTone.contains(u'-') || newTone == u"none"))
        return Edit::changeRelationDirection(article, start, end, a, b, newTone);
    return tone ? Edit::changeRelationTone(article, start, end, a, b, newTone)
                : Edit::rejectRelation(article, start, end, a, b);
}

Edit TestEditLog::mentionEdit(const QString &title, const QString &kind, const QString &key)
{
    QSqlQuery q(m_store.database());
    q.prepare(
        QStringLiteral("SELECT m.article_id, m.start, m.end FROM mentions m JOIN articles a ON a.id = m.article_id"
                       " JOIN entities e ON e.id = m.entity_id WHERE a.title = ? AND e.kind = ? AND e.key = ?"));
    q.addBindValue(title);
    q.addBindValue(kind);
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return {};
    return Edit::rejectMention(q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), kind, key);
}

qint64 TestEditLog::articleId(const QString &title)
{
    return scalar(m_store, QStringLiteral("SELECT id FROM articles WHERE title = ?"), { title });
}

void TestEditLog::mergeCountsTheMentionsAndRelationsAsTheTarget()
{
    const qint64 soviet = mentionsOf(m_store, QStringLiteral("country"), QStringLiteral("SUN"));
    const qint64 russia = mentionsOf(m_store, QStringLiteral("country"), QStringLiteral("RUS"));
    QCOMPARE(soviet, 2);
    QCOMPARE(russia, 3);
    // SUN-USA (Moscow) and SUN-RUS (Geneva); RUS-USA (Paris), FRA-RUS (Bonn).
    QCOMPARE(relationsOf(m_store, QStringLiteral("SUN")), 3);
    const qint64 relationsRussia = relationsOf(m_store, QStringLiteral("RUS"));
    const qint64 selfRelations = scalar(m_store,
        QStringLiteral("SELECT count(*) FROM relations WHERE (a = 'SUN' AND b = 'RUS') OR (a = 'RUS' AND b = 'SUN')"));
    QCOMPARE(selfRelations, 1);
    const qint64 allRelations = scalar(m_store, QStringLiteral("SELECT count(*) FROM relations"));
    const CorpusCube::Stamp before = CorpusCube::readStamp(&m_store);

    Edit merge = Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("SUN"), QStringLiteral("RUS"));
    QString error;
    QVERIFY2(EditLog(&m_store).add(&merge, &error), qPrintable(error));
    QVERIFY(merge.id > 0);

    QCOMPARE(mentionsOf(m_store, QStringLiteral("country"), QStringLiteral("SUN")), 0);
    QCOMPARE(mentionsOf(m_store, QStringLiteral("country"), QStringLiteral("RUS")), soviet + russia);
    QCOMPARE(relationsOf(m_store, QStringLiteral("SUN")), 0);
    // Soviet Union and Russia relate to themselves no more: that relation went; the others are Russia's.
    QCOMPARE(relationsOf(m_store, QStringLiteral("RUS")), relationsRussia + 3 - 2 * selfRelations);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM relations")), allRelations - selfRelations);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM relations WHERE a = b")), 0);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT sum(relation_count) FROM articles")), allRelations - selfRelations);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM article_countries WHERE country = 'SUN'")), 0);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM entities WHERE country = 'SUN'")), 0);

    // The charts' cube sees a new store: the edit changed no id, its generation did.
    const CorpusCube::Stamp after = CorpusCube::readStamp(&m_store);
    QVERIFY(!(after == before));
    QVERIFY(after.atLeast(before));
    const std::shared_ptr<const CorpusCube> cube = CorpusCube::load(m_path);
    QVERIFY(cube->isValid());
    QCOMPARE(cube->stamp(), after);
    QCOMPARE(cubeMentions(*cube, QStringLiteral("country"), QStringLiteral("RUS")), soviet + russia);
    QCOMPARE(cubeMentions(*cube, QStringLiteral("country"), QStringLiteral("SUN")), 0);
    QCOMPARE(cube->codeId(QStringLiteral("SUN")), -1);
}

void TestEditLog::renameChangesTheNameOnly()
{
    const QStringList before = snapshot(m_store);
    Edit rename = Edit::renameEntity(
        QStringLiteral("person"), QStringLiteral("Mikhail Gorbachev"), QStringLiteral("Mikhail S. Gorbachev"));
    QString error;
    QVERIFY2(EditLog(&m_store).add(&rename, &error), qPrintable(error));
    QCOMPARE(scalar(m_store,
                 QStringLiteral("SELECT count(*) FROM entities WHERE kind = 'person' AND key = 'Mikhail Gorbachev'"
                                " AND name = 'Mikhail S. Gorbachev'")),
        1);
    QCOMPARE(mentionsOf(m_store, QStringLiteral("person"), QStringLiteral("Mikhail Gorbachev")), 1);
    // One row differs: the entity's.
    const QStringList after = snapshot(m_store);
    QCOMPARE(after.size(), before.size());
    int differ = 0;
    for (qsizetype i = 0; i < after.size(); ++i)
        differ += after[i] != before[i];
    QCOMPARE(differ, 1);
}

void TestEditLog::changeKindMovesTheEntity()
{
    QCOMPARE(mentionsOf(m_store, QStringLiteral("person"), QStringLiteral("Russian Sfsr")), 1);
    Edit change
        = Edit::changeEntityKind(QStringLiteral("person"), QStringLiteral("Russian Sfsr"), QStringLiteral("place"));
    QString error;
    QVERIFY2(EditLog(&m_store).add(&change, &error), qPrintable(error));
    QCOMPARE(mentionsOf(m_store, QStringLiteral("person"), QStringLiteral("Russian Sfsr")), 0);
    QCOMPARE(mentionsOf(m_store, QStringLiteral("place"), QStringLiteral("Russian Sfsr")), 1);
    const std::shared_ptr<const CorpusCube> cube = CorpusCube::load(m_path);
    QCOMPARE(cubeMentions(*cube, QStringLiteral("place"), QStringLiteral("Russian Sfsr")), 1);
}

void TestEditLog::changeKindJoinsAnEntityOfThatKind()
{
    // A place of the same key is there already: the person's mentions become its.
    const Party place { "Russian Sfsr", "place", "Russian Sfsr" };
    QVERIFY(
        insert(m_store, { article(QStringLiteral("Kiev"), 1990, { place, France }, QStringLiteral("neutral"), 0) }));
    QCOMPARE(mentionsOf(m_store, QStringLiteral("place"), QStringLiteral("Russian Sfsr")), 1);
    Edit change
        = Edit::changeEntityKind(QStringLiteral("person"), QStringLiteral("Russian Sfsr"), QStringLiteral("place"));
    QString error;
    QVERIFY2(EditLog(&m_store).add(&change, &error), qPrintable(error));
    QCOMPARE(mentionsOf(m_store, QStringLiteral("person"), QStringLiteral("Russian Sfsr")), 0);
    QCOMPARE(mentionsOf(m_store, QStringLiteral("place"), QStringLiteral("Russian Sfsr")), 2);
}

void TestEditLog::rejectRelationRemovesItEverywhere()
{
    const qint64 all = scalar(m_store, QStringLiteral("SELECT count(*) FROM relations"));
    const qint64 paris = scalar(m_store, QStringLiteral("SELECT relation_count FROM articles WHERE title = 'Paris'"));
    QCOMPARE(paris, 2);
    Edit reject = relationEdit(false, QStringLiteral("RUS"), QStringLiteral("USA"));
    QVERIFY(reject.isValid());
    QString error;
    QVERIFY2(EditLog(&m_store).add(&reject, &error), qPrintable(error));
    // The article named by its content hash, which another store of the same articles has too, not by its id.
    QSqlQuery hash(m_store.database());
    QVERIFY(hash.exec(QStringLiteral("SELECT lower(hex(hash)) FROM articles WHERE title = 'Paris'")) && hash.next());
    QCOMPARE(reject.args.value(QLatin1String("article")).toString(), hash.value(0).toString());
    QVERIFY(!reject.args.contains(QLatin1String("articleId")));
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM relations")), all - 1);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM relations WHERE a = 'RUS' AND b = 'USA'")), 0);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT relation_count FROM articles WHERE title = 'Paris'")), paris - 1);
    const std::shared_ptr<const CorpusCube> cube = CorpusCube::load(m_path);
    qint64 inCube = 0;
    for (const CorpusCube::RelationCell &c : cube->relationCells())
        inCube += c.count;
    QCOMPARE(inCube, all - 1);
}

void TestEditLog::toneChangesToneAndGoldsteinSign()
{
    Edit tone = relationEdit(true, QStringLiteral("SUN"), QStringLiteral("RUS"), QStringLiteral("cooperation"));
    QString error;
    QVERIFY2(EditLog(&m_store).add(&tone, &error), qPrintable(error));
    QSqlQuery q(m_store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT tone, goldstein FROM relations WHERE a = 'SUN' AND b = 'RUS'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("cooperation"));
    QCOMPARE(q.value(1).toDouble(), 4.4);
    const std::shared_ptr<const CorpusCube> cube = CorpusCube::load(m_path);
    const int sun = cube->codeId(QStringLiteral("SUN"));
    QVERIFY(sun >= 0);
    int cooperation = 0;
    for (const CorpusCube::RelationCell &c : cube->cellsOfA(sun))
        if (cube->codes().at(c.b) == u"RUS")
            cooperation += c.tone == CorpusCube::Cooperation ? c.count : -100;
    QCOMPARE(cooperation, 1);
    Edit neutral = relationEdit(true, QStringLiteral("SUN"), QStringLiteral("RUS"), QStringLiteral("neutral"));
    QVERIFY2(EditLog(&m_store).add(&neutral, &error), qPrintable(error));
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT goldstein FROM relations WHERE a = 'SUN' AND b = 'RUS'")), 0);
    Edit nonsense = relationEdit(true, QStringLiteral("SUN"), QStringLiteral("RUS"), QStringLiteral("friendly"));
    QVERIFY(!EditLog(&m_store).add(&nonsense, &error));
    QVERIFY(error.contains(QLatin1String("friendly")));
}

void TestEditLog::undoRestoresEveryRowExactly_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("merge countries") << 0;
    QTest::newRow("rename") << 1;
    QTest::newRow("change kind") << 2;
    QTest::newRow("reject relation") << 3;
    QTest::newRow("change tone") << 4;
    QTest::newRow("merge, then reject, undone newest first") << 5;
    QTest::newRow("merge for some years") << 6;
    QTest::newRow("swap a relation's direction") << 7;
    QTest::newRow("add a relation") << 8;
    QTest::newRow("add an alias") << 9;
    QTest::newRow("reject a mention") << 10;
}

void TestEditLog::undoRestoresEveryRowExactly()
{
    QFETCH(int, which);
    const auto make = [this](int kind) {
        switch (kind) {
        case 0:
            return Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("SUN"), QStringLiteral("RUS"));
        case 1:
            return Edit::renameEntity(QStringLiteral("country"), QStringLiteral("RUS"), QStringLiteral("Rossiya"));
        case 2:
            return Edit::changeEntityKind(
                QStringLiteral("person"), QStringLiteral("Russian Sfsr"), QStringLiteral("organization"));
        case 3:
            return relationEdit(false, QStringLiteral("SUN"), QStringLiteral("USA"));
        case 6:
            return Edit::mergeEntityInYears(
                QStringLiteral("country"), QStringLiteral("SUN"), QStringLiteral("RUS"), 1980, 1985);
        case 7:
            return relationEdit(true, QStringLiteral("RUS"), QStringLiteral("USA"), QStringLiteral("b-a"));
        case 8:
            return Edit::addRelation(articleId(QStringLiteral("Bonn")), 0, 0, 10, QStringLiteral("FRA"),
                QStringLiteral("USA"), false, QStringLiteral("conflict"));
        case 9:
            return Edit::addAlias(QStringLiteral("country"), QStringLiteral("RUS"), QStringLiteral("Moscow"));
        case 10:
            return mentionEdit(QStringLiteral("Geneva"), QStringLiteral("person"), QStringLiteral("Mikhail Gorbachev"));
        default:
            return relationEdit(true, QStringLiteral("RUS"), QStringLiteral("USA"), QStringLiteral("neutral"));
        }
    };
    QList<Edit> edits = which == 5 ? QList<Edit> { make(0), make(3) } : QList<Edit> { make(which) };
    if (which == 5) // after the merge the relation is Russia's
        edits[1] = Edit {};
    EditLog log(&m_store);
    QString error;
    const QStringList before = snapshot(m_store);
    const CorpusCube::Stamp stampBefore = CorpusCube::readStamp(&m_store);
    QList<QStringList> states { before };
    for (Edit &edit : edits) {
        if (!edit.isValid())
            edit = relationEdit(false, QStringLiteral("RUS"), QStringLiteral("USA"));
        QVERIFY2(log.add(&edit, &error), qPrintable(error));
        states << snapshot(m_store);
        QVERIFY(states.constLast() != states.at(states.size() - 2));
    }
    const QStringList edited = snapshot(m_store);
    for (qsizetype i = edits.size() - 1; i >= 0; --i) {
        QVERIFY2(log.undo(edits[i].id, &error), qPrintable(error));
        QCOMPARE(snapshot(m_store), states.at(i));
    }
    QCOMPARE(snapshot(m_store), before);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM edits WHERE undone = 0")), 0);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM edit_undo")), 0);
    // The cube must read the store again although every id and count is back where it was.
    QVERIFY(!(CorpusCube::readStamp(&m_store) == stampBefore));
    for (const Edit &edit : std::as_const(edits))
        QVERIFY2(log.redo(edit.id, &error), qPrintable(error));
    QCOMPARE(snapshot(m_store), edited);
}

void TestEditLog::editsHoldForWhatALaterImportAdds()
{
    EditLog log(&m_store);
    QString error;
    Edit merge = Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("SUN"), QStringLiteral("RUS"));
    Edit kind
        = Edit::changeEntityKind(QStringLiteral("person"), QStringLiteral("Russian Sfsr"), QStringLiteral("place"));
    Edit rename = Edit::renameEntity(QStringLiteral("country"), QStringLiteral("RUS"), QStringLiteral("Rossiya"));
    QVERIFY2(log.add(&merge, &error), qPrintable(error));
    QVERIFY2(log.add(&kind, &error), qPrintable(error));
    QVERIFY2(log.add(&rename, &error), qPrintable(error));
    const qint64 russia = mentionsOf(m_store, QStringLiteral("country"), QStringLiteral("RUS"));

    // A later import finds the Soviet Union and the person again, and a relation the user rejected before: the
    // batch applies the edits before it commits.
    Store importer;
    QVERIFY2(importer.open(m_path, Store::OpenMode::ExistingOnly, &error), qPrintable(error));
    QVERIFY(insert(importer,
        { article(QStringLiteral("Yalta"), 1945, { Soviet, States, Sfsr }, QStringLiteral("cooperation"), 2.0),
            article(QStringLiteral("Potsdam"), 1945, { Soviet, Russia }, QStringLiteral("neutral"), 0) }));
    importer.close();

    QCOMPARE(mentionsOf(m_store, QStringLiteral("country"), QStringLiteral("SUN")), 0);
    QCOMPARE(mentionsOf(m_store, QStringLiteral("country"), QStringLiteral("RUS")), russia + 3);
    QCOMPARE(mentionsOf(m_store, QStringLiteral("person"), QStringLiteral("Russian Sfsr")), 0);
    QCOMPARE(mentionsOf(m_store, QStringLiteral("place"), QStringLiteral("Russian Sfsr")), 2);
    QCOMPARE(relationsOf(m_store, QStringLiteral("SUN")), 0);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM relations WHERE a = b")), 0);
    QSqlQuery q(m_store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM entities WHERE kind = 'country' AND key = 'RUS'")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("Rossiya"));

    // Undone newest first, the new rows come back as the extraction found them too.
    QVERIFY2(log.undo(rename.id, &error), qPrintable(error));
    QVERIFY2(log.undo(kind.id, &error), qPrintable(error));
    QVERIFY2(log.undo(merge.id, &error), qPrintable(error));
    QCOMPARE(mentionsOf(m_store, QStringLiteral("country"), QStringLiteral("SUN")), 4);
    QCOMPARE(mentionsOf(m_store, QStringLiteral("person"), QStringLiteral("Russian Sfsr")), 2);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM relations WHERE a = 'SUN' AND b = 'RUS'")), 2);
}

void TestEditLog::anEditOfNothingIsRefusedAndNotStored()
{
    const QStringList before = snapshot(m_store);
    EditLog log(&m_store);
    QString error;
    Edit merge = Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("SUN"), QStringLiteral("XXX"));
    QVERIFY(!log.add(&merge, &error));
    QVERIFY2(error.contains(QLatin1String("XXX")) && error.contains(m_path), qPrintable(error));
    Edit self = Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("SUN"), QStringLiteral("SUN"));
    QVERIFY(!log.add(&self, &error));
    Edit reject = Edit::rejectRelation(999, 0, 1, QStringLiteral("SUN"), QStringLiteral("USA"));
    QVERIFY(!log.add(&reject, &error));
    QVERIFY(log.edits().isEmpty());
    QCOMPARE(snapshot(m_store), before);

    // A store opened read-only is never written.
    Store reader;
    QVERIFY(reader.open(m_path, Store::OpenMode::ReadOnly));
    Edit rename = Edit::renameEntity(QStringLiteral("country"), QStringLiteral("RUS"), QStringLiteral("Rossiya"));
    QVERIFY(!EditLog(&reader).add(&rename, &error));
    QVERIFY(log.edits().isEmpty());
    QCOMPARE(snapshot(m_store), before);
}

void TestEditLog::editsListedInOrder()
{
    EditLog log(&m_store);
    QString error;
    Edit merge = Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("SUN"), QStringLiteral("RUS"));
    Edit rename = Edit::renameEntity(QStringLiteral("country"), QStringLiteral("RUS"), QStringLiteral("Rossiya"));
    QVERIFY(log.add(&merge, &error));
    QVERIFY(log.add(&rename, &error));
    QVERIFY(log.undo(rename.id, &error));
    const QList<Edit> edits = log.edits();
    QCOMPARE(edits.size(), 2);
    QCOMPARE(edits[0].kind, Edit::Kind::MergeEntity);
    QCOMPARE(edits[0].args.value(QLatin1String("into")).toString(), QStringLiteral("RUS"));
    QVERIFY(!edits[0].undone);
    QVERIFY(edits[0].madeAt.isValid());
    QCOMPARE(edits[1].kind, Edit::Kind::RenameEntity);
    QVERIFY(edits[1].undone);
}

void TestEditLog::anExportedListGivesAnotherStoreTheSameRows()
{
    EditLog log(&m_store);
    QString error;
    Edit merge = Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("SUN"), QStringLiteral("RUS"));
    Edit kind
        = Edit::changeEntityKind(QStringLiteral("person"), QStringLiteral("Russian Sfsr"), QStringLiteral("place"));
    Edit tone = relationEdit(true, QStringLiteral("FRA"), QStringLiteral("RUS"), QStringLiteral("conflict"));
    Edit reject = relationEdit(false, QStringLiteral("SUN"), QStringLiteral("USA"));
    Edit rename = Edit::renameEntity(QStringLiteral("country"), QStringLiteral("FRA"), QStringLiteral("La France"));
    for (Edit *e : { &reject, &merge, &kind, &tone, &rename })
        QVERIFY2(log.add(e, &error), qPrintable(error));
    QVERIFY(log.undo(rename.id, &error)); // undone: not exported
    const QByteArray file = log.exportEdits();

    // Another store of the same articles, as they were extracted.
    const QString otherPath = m_dir->filePath(QStringLiteral("other.entente"));
    Store other;
    QVERIFY(other.open(otherPath));
    QVERIFY(insert(other,
        { article(QStringLiteral("Moscow"), 1985, { Soviet, States, France }, QStringLiteral("cooperation"), 3.0),
            article(QStringLiteral("Geneva"), 1986, { Gorbachev, Soviet, Russia }, QStringLiteral("conflict"), -4.4),
            article(QStringLiteral("Paris"), 1995, { Russia, States, Sfsr }, QStringLiteral("conflict"), -2.0),
            article(QStringLiteral("Bonn"), 1996, { France, Russia }, QStringLiteral("cooperation"), 1.5) }));
    QVERIFY(snapshot(other) != snapshot(m_store));
    EditLog otherLog(&other);
    QCOMPARE(otherLog.importEdits(file, QStringLiteral("edits.json"), &error), 4);
    QCOMPARE(snapshot(other), snapshot(m_store));
    const std::shared_ptr<const CorpusCube> mine = CorpusCube::load(m_path);
    const std::shared_ptr<const CorpusCube> theirs = CorpusCube::load(otherPath);
    QCOMPARE(theirs->codes(), mine->codes());
    QCOMPARE(theirs->relationCells().size(), mine->relationCells().size());
    QCOMPARE(cubeMentions(*theirs, QStringLiteral("country"), QStringLiteral("RUS")),
        cubeMentions(*mine, QStringLiteral("country"), QStringLiteral("RUS")));
    // The same list again adds nothing; each edit it added undoes as one made here.
    QCOMPARE(otherLog.importEdits(file, QStringLiteral("edits.json"), &error), 0);
    const QList<Edit> added = otherLog.edits();
    QCOMPARE(added.size(), 4);
    for (auto it = added.crbegin(); it != added.crend(); ++it)
        QVERIFY2(otherLog.undo(it->id, &error), qPrintable(error));
    QCOMPARE(scalar(other,
                 QStringLiteral("SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id"
                                " WHERE e.key = 'SUN'")),
        2);

    // Not an edit list: refused, naming the file, nothing written.
    const QStringList before = snapshot(other);
    QCOMPARE(otherLog.importEdits("{\"edits\": 3}", QStringLiteral("notes.json"), &error), -1);
    QVERIFY2(error.contains(QLatin1String("notes.json")), qPrintable(error));
    QCOMPARE(otherLog.importEdits("[1, 2", QStringLiteral("broken.json"), &error), -1);
    QVERIFY2(error.contains(QLatin1String("broken.json")), qPrintable(error));
    QCOMPARE(snapshot(other), before);
    QCOMPARE(otherLog.edits().size(), 4);
}

void TestEditLog::mergeForSomeYearsTouchesThoseYearsOnly()
{
    // The Soviet Union of 1985 (Moscow) counts as Russia; that of 1986 (Geneva) stays itself.
    Edit merge
        = Edit::mergeEntityInYears(QStringLiteral("country"), QStringLiteral("SUN"), QStringLiteral("RUS"), 1980, 1985);
    QString error;
    QVERIFY2(EditLog(&m_store).add(&merge, &error), qPrintable(error));
    const QString inArticle = QStringLiteral("SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id"
                                             " JOIN articles a ON a.id = m.article_id WHERE a.title = ? AND e.key = ?");
    QCOMPARE(scalar(m_store, inArticle, { QStringLiteral("Moscow"), QStringLiteral("SUN") }), 0);
    QCOMPARE(scalar(m_store, inArticle, { QStringLiteral("Moscow"), QStringLiteral("RUS") }), 1);
    QCOMPARE(scalar(m_store, inArticle, { QStringLiteral("Geneva"), QStringLiteral("SUN") }), 1);
    QCOMPARE(
        scalar(m_store, QStringLiteral("SELECT count(*) FROM relations WHERE year = 1985 AND 'SUN' IN (a, b)")), 0);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM relations WHERE year = 1985 AND a = 'RUS'")), 1);
    QCOMPARE(
        scalar(m_store, QStringLiteral("SELECT count(*) FROM relations WHERE year = 1986 AND 'SUN' IN (a, b)")), 2);
    QCOMPARE(scalar(m_store,
                 QStringLiteral("SELECT count(*) FROM article_countries c JOIN articles a ON a.id = c.article_id"
                                " WHERE a.title = 'Geneva' AND c.country = 'SUN'")),
        1);
    QVERIFY(merge.description().contains(QLatin1String("1980")));
}

void TestEditLog::directionChangesOrSwapsTheParties()
{
    Edit swap = relationEdit(true, QStringLiteral("RUS"), QStringLiteral("USA"), QStringLiteral("b-a"));
    QString error;
    QVERIFY2(EditLog(&m_store).add(&swap, &error), qPrintable(error));
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM relations WHERE a = 'RUS' AND b = 'USA'")), 0);
    QCOMPARE(scalar(m_store,
                 QStringLiteral("SELECT count(*) FROM relations WHERE a = 'USA' AND b = 'RUS' AND directed = 1")),
        1);
    // Applying the edits again finds nothing left to swap.
    QVERIFY(m_store.database().transaction());
    QVERIFY2(EditLog::applyAll(m_store.database(), &error), qPrintable(error));
    QVERIFY(m_store.database().commit());
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT count(*) FROM relations WHERE a = 'USA' AND b = 'RUS'")), 1);
    Edit none = relationEdit(true, QStringLiteral("FRA"), QStringLiteral("RUS"), QStringLiteral("none"));
    QVERIFY2(EditLog(&m_store).add(&none, &error), qPrintable(error));
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT directed FROM relations WHERE a = 'FRA' AND b = 'RUS'")), 0);
    Edit sideways = relationEdit(true, QStringLiteral("SUN"), QStringLiteral("USA"), QStringLiteral("up-down"));
    QVERIFY(!EditLog(&m_store).add(&sideways, &error));
    QVERIFY2(error.contains(QLatin1String("up-down")), qPrintable(error));
}

void TestEditLog::addRelationCountsItEverywhere()
{
    const qint64 bonn = articleId(QStringLiteral("Bonn"));
    const qint64 count = scalar(m_store, QStringLiteral("SELECT relation_count FROM articles WHERE id = ?"), { bonn });
    Edit add = Edit::addRelation(
        bonn, 0, 0, 10, QStringLiteral("USA"), QStringLiteral("FRA"), true, QStringLiteral("conflict"));
    QString error;
    QVERIFY2(EditLog(&m_store).add(&add, &error), qPrintable(error));
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT relation_count FROM articles WHERE id = ?"), { bonn }), count + 1);
    QSqlQuery q(m_store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT directed, tone, goldstein, year, article_id FROM relations"
                                  " WHERE a = 'USA' AND b = 'FRA'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QCOMPARE(q.value(1).toString(), QStringLiteral("conflict"));
    QVERIFY(q.value(2).toDouble() < 0);
    QCOMPARE(q.value(3).toInt(), 1996);
    QCOMPARE(q.value(4).toLongLong(), bonn);
    const std::shared_ptr<const CorpusCube> cube = CorpusCube::load(m_path);
    const int usa = cube->codeId(QStringLiteral("USA"));
    int conflict = 0;
    for (const CorpusCube::RelationCell &c : cube->cellsOfA(usa))
        if (cube->codes().at(c.b) == u"FRA" && c.tone == CorpusCube::Conflict)
            conflict += c.count;
    QCOMPARE(conflict, 1);
    // The same relation twice is refused; so is one with a single party.
    Edit again = Edit::addRelation(
        bonn, 0, 0, 10, QStringLiteral("USA"), QStringLiteral("FRA"), true, QStringLiteral("conflict"));
    QVERIFY(!EditLog(&m_store).add(&again, &error));
    Edit alone = Edit::addRelation(
        bonn, 0, 0, 10, QStringLiteral("USA"), QStringLiteral("USA"), true, QStringLiteral("conflict"));
    QVERIFY(!EditLog(&m_store).add(&alone, &error));
    QCOMPARE(EditLog(&m_store).edits().size(), 1);
}

void TestEditLog::aliasTakesOverMentionsAndAddsWhereTheWordStands()
{
    // "Russian Sfsr", read as a person, is Russia; so is "Moscow" where it stands as a word ("Moscow." in the
    // first article's text), and not inside another word.
    Store writer;
    QString error;
    QVERIFY(writer.open(m_path, Store::OpenMode::ExistingOnly, &error));
    QVERIFY(insert(writer, { article(QStringLiteral("Moscowite"), 1987, { France }, QStringLiteral("neutral"), 0) }));
    writer.close();
    const qint64 russia = mentionsOf(m_store, QStringLiteral("country"), QStringLiteral("RUS"));
    const qint64 allMentions = scalar(m_store, QStringLiteral("SELECT sum(mention_count) FROM articles"));
    Edit sfsr = Edit::addAlias(QStringLiteral("country"), QStringLiteral("RUS"), QStringLiteral("russian SFSR"));
    QVERIFY2(EditLog(&m_store).add(&sfsr, &error), qPrintable(error));
    QCOMPARE(mentionsOf(m_store, QStringLiteral("person"), QStringLiteral("Russian Sfsr")), 0);
    QCOMPARE(mentionsOf(m_store, QStringLiteral("country"), QStringLiteral("RUS")), russia + 1);
    Edit moscow = Edit::addAlias(QStringLiteral("country"), QStringLiteral("RUS"), QStringLiteral("Moscow"));
    QVERIFY2(EditLog(&m_store).add(&moscow, &error), qPrintable(error));
    QCOMPARE(mentionsOf(m_store, QStringLiteral("country"), QStringLiteral("RUS")), russia + 2);
    QSqlQuery q(m_store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT m.start, m.end, m.text, m.method, a.text FROM mentions m"
                                  " JOIN articles a ON a.id = m.article_id WHERE m.method = 'alias'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(2).toString(), QStringLiteral("Moscow"));
    QCOMPARE(q.value(4).toString().mid(q.value(0).toInt(), q.value(1).toInt() - q.value(0).toInt()),
        QStringLiteral("Moscow"));
    QVERIFY(!q.next());
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT sum(mention_count) FROM articles")), allMentions + 1);
    // An article imported afterwards gets its mention as well.
    QVERIFY(writer.open(m_path, Store::OpenMode::ExistingOnly, &error));
    QVERIFY(insert(writer, { article(QStringLiteral("Moscow"), 1999, { States }, QStringLiteral("neutral"), 0) }));
    writer.close();
    QCOMPARE(mentionsOf(m_store, QStringLiteral("country"), QStringLiteral("RUS")), russia + 3);
    Edit empty = Edit::addAlias(QStringLiteral("country"), QStringLiteral("RUS"), QStringLiteral("  "));
    QVERIFY(!EditLog(&m_store).add(&empty, &error));
}

void TestEditLog::rejectMentionRemovesItFromTheCounts()
{
    Edit reject = mentionEdit(QStringLiteral("Geneva"), QStringLiteral("person"), QStringLiteral("Mikhail Gorbachev"));
    QVERIFY(reject.isValid());
    const qint64 geneva = articleId(QStringLiteral("Geneva"));
    const qint64 count = scalar(m_store, QStringLiteral("SELECT mention_count FROM articles WHERE id = ?"), { geneva });
    QString error;
    QVERIFY2(EditLog(&m_store).add(&reject, &error), qPrintable(error));
    QCOMPARE(mentionsOf(m_store, QStringLiteral("person"), QStringLiteral("Mikhail Gorbachev")), 0);
    QCOMPARE(scalar(m_store, QStringLiteral("SELECT mention_count FROM articles WHERE id = ?"), { geneva }), count - 1);
    const std::shared_ptr<const CorpusCube> cube = CorpusCube::load(m_path);
    QCOMPARE(cubeMentions(*cube, QStringLiteral("person"), QStringLiteral("Mikhail Gorbachev")), 0);
    QVERIFY(!EditLog(&m_store).add(&reject, &error)); // no such mention now
}

void TestEditLog::newKindsHoldForWhatALaterImportAdds()
{
    // Made in one store, carried to another of the same articles: every new kind gives the same rows there.
    EditLog log(&m_store);
    QString error;
    QList<Edit> edits {
        Edit::mergeEntityInYears(QStringLiteral("country"), QStringLiteral("SUN"), QStringLiteral("RUS"), 1980, 1985),
        relationEdit(true, QStringLiteral("RUS"), QStringLiteral("USA"), QStringLiteral("b-a")),
        Edit::addRelation(articleId(QStringLiteral("Bonn")), 0, 0, 10, QStringLiteral("FRA"), QStringLiteral("USA"),
            false, QStringLiteral("cooperation")),
        Edit::addAlias(QStringLiteral("country"), QStringLiteral("RUS"), QStringLiteral("Moscow")),
        mentionEdit(QStringLiteral("Geneva"), QStringLiteral("person"), QStringLiteral("Mikhail Gorbachev")),
    };
    for (Edit &e : edits)
        QVERIFY2(log.add(&e, &error), qPrintable(error));
    const QString otherPath = m_dir->filePath(QStringLiteral("other.entente"));
    Store other;
    QVERIFY(other.open(otherPath));
    EditLog otherLog(&other);
    // The edits first, on an empty store, then the articles: the import's batch applies them.
    QCOMPARE(otherLog.importEdits(log.exportEdits(), QStringLiteral("edits.json"), &error), edits.size());
    QVERIFY(insert(other,
        { article(QStringLiteral("Moscow"), 1985, { Soviet, States, France }, QStringLiteral("cooperation"), 3.0),
            article(QStringLiteral("Geneva"), 1986, { Gorbachev, Soviet, Russia }, QStringLiteral("conflict"), -4.4),
            article(QStringLiteral("Paris"), 1995, { Russia, States, Sfsr }, QStringLiteral("conflict"), -2.0),
            article(QStringLiteral("Bonn"), 1996, { France, Russia }, QStringLiteral("cooperation"), 1.5) }));
    // What the rows say, by the articles' titles (the two stores' ids differ).
    const auto content = [](const Store &store) {
        return rowsOf(store,
            { "SELECT a.title, e.kind, e.key, m.start, m.end, m.method FROM mentions m JOIN entities e"
              " ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id ORDER BY 1, 4, 2, 3",
                "SELECT x.title, r.a, r.b, r.directed, r.tone, r.goldstein, r.year FROM relations r JOIN articles x"
                " ON x.id = r.article_id ORDER BY 1, 2, 3",
                "SELECT title, mention_count, relation_count FROM articles ORDER BY title" });
    };
    QCOMPARE(content(other), content(m_store));
}

QTEST_GUILESS_MAIN(TestEditLog)
#include "tst_editlog.moc"

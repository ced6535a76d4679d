// The relation stage's reading of a parse (predicates.h) and its event coding (eventcoding.h): the roles actors
// play, who acts in a predicate, which predicates share an event, and which cue names it with what tone. The
// parse rows use the shipped tagger and parser on plain sentences.
#include "entities.h"
#include "eventcoding.h"
#include "learn/depparser.h"
#include "learn/postagger.h"
#include "predicates.h"
#include "syntax.h"
#include "tokenstream.h"

#include <QTest>

using namespace entente;
using namespace entente::rel;

namespace {

struct Parsed
{
    QString text;
    SentenceParse parse;
    bool ok = false;
};

// The first sentence of `text`, tagged and parsed whole.
Parsed parseFirst(const QString &text)
{
    Parsed out;
    out.text = text;
    const TokenStream ts(out.text);
    const QList<EntityMention> entities = recogniseEntities(ts, PartialDate {}, DocumentContext {});
    ParseLimits limits;
    limits.minActors = 1;
    const std::vector<SentenceParse> parses = parseActorSentences(ts, entities, limits);
    if (!parses.empty() && parses.front().sentence == 0) {
        out.parse = parses.front();
        out.ok = true;
    }
    return out;
}

// The first word of the tree that reads `w`; -1 when none does.
int wordIndex(const ParseTree &t, QStringView w)
{
    for (int i = 0; i < t.size(); ++i) {
        if (t.word(i) == w)
            return i;
    }
    return -1;
}

QString roleName(Role r)
{
    switch (r) {
    case Role::Agent:
        return QStringLiteral("agent");
    case Role::Patient:
        return QStringLiteral("patient");
    case Role::Joint:
        return QStringLiteral("joint");
    case Role::Scene:
        return QStringLiteral("scene");
    case Role::None:
        break;
    }
    return QStringLiteral("none");
}

// The scene-setting prepositions of these rows (the stage reads them from resources/lexicon/clauses.tsv).
bool noBackground(QStringView prep)
{
    return prep == u"in" || prep == u"amid" || prep == u"despite";
}

// A cue as the event coder reads it: "051", "light:040", "dropped:190", "tone:+", "tone:-", "relation" (a
// relation noun without a code of its own).
Cue cueFrom(const QString &spec)
{
    Cue c;
    QString code = spec;
    if (spec.startsWith(u"light:")) {
        c.light = true;
        c.verb = true;
        code = spec.mid(6);
    } else if (spec.startsWith(u"dropped:")) {
        c.dropped = true;
        code = spec.mid(8);
    } else if (spec.startsWith(u"tone:")) {
        c.tone = spec.endsWith(u'+') ? 1 : -1;
        code.clear();
    } else if (spec == u"relation") {
        code.clear();
    }
    c.code = code;
    c.quad = RelationLexicon::quadClass(code);
    return c;
}

} // namespace

class TestPredicates : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!learn::PosTagger::shared().isLoaded() || !learn::DependencyParser::shared().isLoaded())
            QSKIP("pos.model or parser.model is not compiled in (resources/models)");
    }

    void relationNames_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<int>("dep");
        QTest::newRow("a main type") << u"obj"_qs << int(Dep::Obj);
        QTest::newRow("a subtype the finder tells apart") << u"nsubj:pass"_qs << int(Dep::NsubjPass);
        QTest::newRow("a subtype it does not falls to its main type") << u"obl:unmarked"_qs << int(Dep::Obl);
        QTest::newRow("a particle is no compound noun") << u"compound:prt"_qs << int(Dep::Other);
        QTest::newRow("a relation it does not read") << u"discourse"_qs << int(Dep::Other);
    }
    void relationNames()
    {
        QFETCH(QString, label);
        QFETCH(int, dep);
        QCOMPARE(int(depFromName(label)), dep);
    }

    void roles_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("actor"); // the actor's head word
        QTest::addColumn<QString>("role"); // one of its roles ...
        QTest::addColumn<QString>("predicate"); // ... at this word
        QTest::addColumn<QString>("agent"); // who acts in that predicate (agentOf()); empty for nobody

        QTest::newRow("a subject acts") << u"France criticised Germany."_qs << u"France"_qs << u"agent"_qs
                                        << u"criticised"_qs << u"France"_qs;
        QTest::newRow("an object undergoes")
            << u"France criticised Germany."_qs << u"Germany"_qs << u"patient"_qs << u"criticised"_qs << u"France"_qs;
        QTest::newRow("a passive's subject undergoes and its by-phrase acts")
            << u"Germany was criticised by France."_qs << u"Germany"_qs << u"patient"_qs << u"criticised"_qs
            << u"France"_qs;
        QTest::newRow("a possessor acts in its event noun")
            << u"Russia's invasion of Ukraine alarmed Poland."_qs << u"Ukraine"_qs << u"patient"_qs << u"invasion"_qs
            << u"Russia"_qs;
        QTest::newRow("between makes a joint relation") << u"Talks between Egypt and Israel resumed on Monday."_qs
                                                        << u"Egypt"_qs << u"joint"_qs << u"Talks"_qs << QString();
        QTest::newRow("a coordinated actor stands where the first does")
            << u"France and Spain attacked Germany."_qs << u"Spain"_qs << u"agent"_qs << u"attacked"_qs << u"France"_qs;
        QTest::newRow("a locative complement only sets the scene")
            << u"France met Germany in Spain."_qs << u"Spain"_qs << u"scene"_qs << u"*"_qs << QString();
        QTest::newRow("the one urged acts in the infinitive")
            << u"France urged Germany to help Spain."_qs << u"Spain"_qs << u"patient"_qs << u"help"_qs << u"Germany"_qs;
        QTest::newRow("the one who agrees acts in the infinitive")
            << u"France agreed to help Spain."_qs << u"Spain"_qs << u"patient"_qs << u"help"_qs << u"France"_qs;
        QTest::newRow("a relative pronoun stands for the noun before it")
            << u"Officials blamed Russia, which invaded Ukraine."_qs << u"Ukraine"_qs << u"patient"_qs << u"invaded"_qs
            << u"Russia"_qs;
        QTest::newRow("the subject of a demanded clause is whom the demand addresses")
            << u"Egypt demanded that Ethiopia stop filling the dam."_qs << u"Ethiopia"_qs << u"patient"_qs
            << u"demanded"_qs << u"Egypt"_qs;
        QTest::newRow("an actor inside the object's noun phrase undergoes with it")
            << u"Chile supports the aspirations of the Italian people."_qs << u"Italian"_qs << u"patient"_qs
            << u"supports"_qs << u"Chile"_qs;
    }
    void roles()
    {
        QFETCH(QString, text);
        QFETCH(QString, actor);
        QFETCH(QString, role);
        QFETCH(QString, predicate);
        QFETCH(QString, agent);
        const Parsed p = parseFirst(text);
        QVERIFY(p.ok);
        const ParseTree tree(p.parse, p.text);
        const int a = wordIndex(tree, actor);
        const int pred = wordIndex(tree, predicate);
        QVERIFY(a >= 0 && (pred >= 0 || predicate == u"*"));
        QStringList got;
        bool found = false;
        for (const Argument &arg : argumentsOf(tree, a, noBackground)) {
            got << roleName(arg.role) + u'@' + tree.word(arg.predicate).toString();
            found = found || ((arg.predicate == pred || pred < 0) && roleName(arg.role) == role);
        }
        QVERIFY2(found, qPrintable(u"roles: "_qs + got.join(u' ')));
        if (pred < 0)
            return; // the role is what counts, wherever the parser hangs it
        const int who = agentOf(tree, pred);
        QCOMPARE(who >= 0 ? tree.word(who).toString() : QString(), agent);
    }

    void chains_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("chain");
        QTest::newRow("an event noun shares the event of its verb")
            << u"France imposed sanctions on Iran."_qs << u"sanctions"_qs << u"sanctions imposed"_qs;
        QTest::newRow("an infinitive shares the event of the verb that controls it")
            << u"France agreed to impose sanctions on Iran."_qs << u"sanctions"_qs << u"sanctions impose agreed"_qs;
        QTest::newRow("reported speech ends the chain")
            << u"France said Germany attacked Spain."_qs << u"attacked"_qs << u"attacked"_qs;
        QTest::newRow("a scene-setting complement ends the chain")
            << u"France signed a deal with Spain despite objections from Iran."_qs << u"objections"_qs
            << u"objections"_qs;
    }
    void chains()
    {
        QFETCH(QString, text);
        QFETCH(QString, from);
        QFETCH(QString, chain);
        const Parsed p = parseFirst(text);
        QVERIFY(p.ok);
        const ParseTree tree(p.parse, p.text);
        const int w = wordIndex(tree, from);
        QVERIFY(w >= 0);
        QStringList got;
        for (const int i : predicateChain(tree, w, noBackground))
            got << tree.word(i).toString();
        QCOMPARE(got.join(u' '), chain);
    }

    void eventCoding_data()
    {
        QTest::addColumn<QStringList>("cues"); // in order, nearest the target first
        QTest::addColumn<QList<int>>("anchors"); // per cue, the predicate it states an event of
        QTest::addColumn<bool>("stated");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("tone");

        QTest::newRow("the first cue with a code names the event")
            << QStringList { u"051"_qs, u"111"_qs } << QList<int> { 1, 1 } << true << u"051"_qs << u"cooperation"_qs;
        QTest::newRow("a light verb names it only when nothing else does")
            << QStringList { u"light:040"_qs, u"163"_qs } << QList<int> { 2, 2 } << true << u"163"_qs << u"conflict"_qs;
        QTest::newRow("a friendly word colours a relation noun")
            << QStringList { u"relation"_qs, u"tone:+"_qs } << QList<int> { 1, -1 } << true << u"050"_qs
            << u"cooperation"_qs;
        QTest::newRow("a hostile word colours a relation noun")
            << QStringList { u"relation"_qs, u"tone:-"_qs } << QList<int> { 1, -1 } << true << u"110"_qs
            << u"conflict"_qs;
        QTest::newRow("a relation noun alone is neutral")
            << QStringList { u"relation"_qs } << QList<int> { 1 } << true << QString() << u"neutral"_qs;
        QTest::newRow("events of opposite tone of two predicates are mixed")
            << QStringList { u"051"_qs, u"111"_qs } << QList<int> { 1, 3 } << true << u"051"_qs << u"mixed"_qs;
        QTest::newRow("a word beside the predicate does not make it mixed")
            << QStringList { u"051"_qs, u"111"_qs } << QList<int> { 1, -1 } << true << u"051"_qs << u"cooperation"_qs;
        QTest::newRow("a dropped cue states nothing")
            << QStringList { u"dropped:190"_qs } << QList<int> { 1 } << false << QString() << QString();
        QTest::newRow("a tone word without a relation states nothing")
            << QStringList { u"tone:+"_qs } << QList<int> { 1 } << false << QString() << QString();
    }
    void eventCoding()
    {
        QFETCH(QStringList, cues);
        QFETCH(QList<int>, anchors);
        QFETCH(bool, stated);
        QFETCH(QString, code);
        QFETCH(QString, tone);
        QList<Cue> list;
        std::vector<int> order;
        for (const QString &c : std::as_const(cues)) {
            order.push_back(int(list.size()));
            list.append(cueFrom(c));
        }
        const EventCode e = codeEvent(
            RelationLexicon::shared(), list, order, std::span<const int>(anchors.constData(), size_t(anchors.size())));
        QCOMPARE(e.stated, stated);
        if (!stated)
            return;
        QCOMPARE(e.code, code);
        QCOMPARE(e.tone, tone);
        QCOMPARE(e.quad, RelationLexicon::quadClass(code));
    }
};

QTEST_GUILESS_MAIN(TestPredicates)
#include "tst_predicates.moc"

#include "extractor.h"
#include "learn/depparser.h"
#include "learn/postagger.h"
#include "relationgold.h"
#include "relations.h"
#include "sentences.h"
#include "syntax.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace entente;

namespace {

// Mentions written by hand, so these tests do not depend on the entity recogniser:
// "Xi Jinping=CHN@person; Russia=RUS; European Union=EU@org; Central Asia=Central Asia@region".
// Every whole-word occurrence of each name becomes a mention.
QList<EntityMention> mentionsIn(const QString &text, const QString &spec)
{
    QList<EntityMention> out;
    for (const QString &item : spec.split(u';', Qt::SkipEmptyParts)) {
        const QString entry = item.trimmed();
        const qsizetype eq = entry.lastIndexOf(u'=');
        const QString name = entry.left(eq);
        QString id = entry.mid(eq + 1);
        EntityKind kind = EntityKind::Country;
        const qsizetype at = id.indexOf(u'@');
        QString kindName;
        if (at >= 0) {
            kindName = id.mid(at + 1);
            id = id.left(at);
        }
        EntityMention m;
        if (kindName == u"person") {
            kind = EntityKind::Person;
            m.country = id;
            m.method = QStringLiteral("leader");
        } else if (kindName == u"org") {
            kind = EntityKind::Organization;
        } else if (kindName == u"region") {
            kind = EntityKind::Region;
        } else if (kindName == u"place") {
            kind = EntityKind::Place;
        }
        m.kind = kind;
        m.id = kind == EntityKind::Person ? name : id;
        m.name = name;
        for (qsizetype from = 0;;) {
            const qsizetype pos = text.indexOf(name, from);
            if (pos < 0)
                break;
            from = pos + 1;
            const qsizetype end = pos + name.size();
            if ((pos > 0 && text[pos - 1].isLetter()) || (end < text.size() && text[end].isLetter()))
                continue;
            m.span = Span { pos, end };
            m.text = name;
            out.append(m);
        }
    }
    std::sort(out.begin(), out.end(),
        [](const EntityMention &l, const EntityMention &r) { return l.span.start < r.span.start; });
    return out;
}

QString describe(const Relation &r)
{
    return r.a + (r.directed ? u'>' : u'-') + r.b + u' ' + r.tone
        + (r.implicit ? QStringLiteral(" implicit") : QString()) + QStringLiteral(" [") + r.cameo + u']';
}

QString describeAll(const QList<Relation> &relations)
{
    QStringList parts;
    for (const Relation &r : relations)
        parts.append(describe(r));
    return parts.join(QStringLiteral("; "));
}

// Expected relation: "CHN>RUS cooperation 042", "CHN-USA mixed", "CHN>USA conflict implicit".
bool matches(const Relation &r, const QString &expected)
{
    const QStringList f = expected.split(u' ', Qt::SkipEmptyParts);
    if (f.isEmpty())
        return false;
    const bool directed = f[0].contains(u'>');
    const QStringList pair = f[0].split(directed ? u'>' : u'-');
    if (pair.size() != 2 || r.directed != directed)
        return false;
    const bool samePair = directed ? (r.a == pair[0] && r.b == pair[1])
                                   : ((r.a == pair[0] && r.b == pair[1]) || (r.a == pair[1] && r.b == pair[0]));
    if (!samePair)
        return false;
    bool wantImplicit = false;
    for (qsizetype i = 1; i < f.size(); ++i) {
        if (f[i] == u"implicit")
            wantImplicit = true;
        else if (f[i][0].isDigit()) {
            if (r.cameo != f[i])
                return false;
        } else if (r.tone != f[i]) {
            return false;
        }
    }
    return r.implicit == wantImplicit;
}

// Why `relations` are not exactly the `expected` ones (each found, none more); empty when they are.
QString differences(const QList<Relation> &relations, const QStringList &expected)
{
    const QString got = describeAll(relations);
    for (const QString &e : expected) {
        if (std::none_of(relations.cbegin(), relations.cend(), [&e](const Relation &r) { return matches(r, e); }))
            return u"missing "_qs + e + u"; got: "_qs + got;
    }
    return relations.size() == expected.size() ? QString() : u"got: "_qs + got;
}

} // namespace

class TestRelations : public QObject
{
    Q_OBJECT

private slots:
    void lexiconLoads();
    void quadClassFollowsCameoRoots();
    void sentenceRelations_data();
    void sentenceRelations();
    void relationsFromTheParse_data();
    void relationsFromTheParse();
    void evidenceKeepsCueWordsAndSpans();
    void dominantCountryIsTheMostMentioned();
    void sentencesWithoutActorsCostNothing();
    void newsMediaTakeNoPart();
    void overlongSentencesAreReadInStretches();
    void goldSetIsReadAndScored();
    void goldSetHoldsItsFloors();
};

void TestRelations::lexiconLoads()
{
    QElapsedTimer timer;
    timer.start();
    const RelationLexicon &lex = RelationLexicon::shared();
    qInfo("relation lexicon loaded in %lld ms", qint64(timer.elapsed()));
    // The CAMEO dictionary expands to thousands of verb forms and patterns.
    QVERIFY2(lex.cueCount() > 5000, qPrintable(QString::number(lex.cueCount())));
    QVERIFY2(lex.patternCount() > 3000, qPrintable(QString::number(lex.patternCount())));
    QCOMPARE(lex.goldstein(u"163"), -8.0);
    QCOMPARE(lex.goldstein(u"042"), 1.9);
    // Codes the table lacks fall back to their parent.
    QCOMPARE(lex.goldstein(u"0429"), lex.goldstein(u"042"));
}

void TestRelations::quadClassFollowsCameoRoots()
{
    QCOMPARE(RelationLexicon::quadClass(u"042"), 1);
    QCOMPARE(RelationLexicon::quadClass(u"057"), 1);
    QCOMPARE(RelationLexicon::quadClass(u"061"), 2);
    QCOMPARE(RelationLexicon::quadClass(u"0871"), 2);
    QCOMPARE(RelationLexicon::quadClass(u"111"), 3);
    QCOMPARE(RelationLexicon::quadClass(u"130"), 3);
    QCOMPARE(RelationLexicon::quadClass(u"163"), 4);
    QCOMPARE(RelationLexicon::quadClass(u"192"), 4);
    QCOMPARE(RelationLexicon::quadClass(u""), 0);
}

void TestRelations::sentenceRelations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<QString>("source"); // ctx.sourceCountry
    QTest::addColumn<QStringList>("expected");

    // Lists: the subject relates to each item, the items not to each other.
    QTest::newRow("visits to a list relate the visitor to each host")
        << QStringLiteral("President Xi Jinping’s successful visits to Russia, the U.S., France, and the European "
                          "Union strengthened China's diplomacy.")
        << QStringLiteral("Xi Jinping=CHN@person; Russia=RUS; U.S.=USA; France=FRA; European Union=EU@org; "
                          "China=CHN")
        << QString()
        << QStringList { u"CHN>RUS cooperation 042"_qs, u"CHN>USA cooperation 042"_qs, u"CHN>FRA cooperation"_qs,
               u"CHN>EU cooperation"_qs };
    QTest::newRow("meetings with a list of countries relate the leader to each")
        << QStringLiteral("The meetings Xi Jinping held with leaders from developing countries, including South "
                          "Africa, Syria, Honduras, and Brazil, were productive.")
        << QStringLiteral("Xi Jinping=CHN@person; South Africa=ZAF; Syria=SYR; Honduras=HND; Brazil=BRA") << QString()
        << QStringList { u"CHN>ZAF cooperation"_qs, u"CHN>SYR cooperation"_qs, u"CHN>HND cooperation"_qs,
               u"CHN>BRA cooperation"_qs };
    QTest::newRow("an elliptical first conjunct names a country of its own")
        << QStringLiteral("North and South Korea signed a military pact.") << QStringLiteral("South Korea=KOR")
        << QString() << QStringList { u"PRK-KOR cooperation"_qs };
    QTest::newRow("the complement of a background phrase is no party")
        << QStringLiteral("Amid tensions with Iran, Israel and Bahrain signed a security pact.")
        << QStringLiteral("Iran=IRN; Israel=ISR; Bahrain=BHR") << QString()
        << QStringList { u"ISR-BHR cooperation"_qs };
    QTest::newRow("state visit to two countries")
        << QStringLiteral("President Xi had made a state visit to Kazakhstan and Uzbekistan in September.")
        << QStringLiteral("President Xi=CHN@person; Kazakhstan=KAZ; Uzbekistan=UZB") << QString()
        << QStringList { u"CHN>KAZ cooperation 042"_qs, u"CHN>UZB cooperation 042"_qs };
    QTest::newRow("mere co-attendance is no relation")
        << QStringLiteral("France, Germany and Italy attended the summit in Brussels.")
        << QStringLiteral("France=FRA; Germany=DEU; Italy=ITA; Brussels=Brussels@place") << QString() << QStringList {};
    QTest::newRow("a list without any cue is no relation")
        << QStringLiteral("Delegations came from Chile, Peru and Bolivia.")
        << QStringLiteral("Chile=CHL; Peru=PER; Bolivia=BOL") << QString() << QStringList {};

    // Direction.
    QTest::newRow("possessive visit by a leader with his country named")
        << QStringLiteral("US House Speaker Nancy Pelosi’s visit to Taiwan angered Beijing.")
        << QStringLiteral("US=USA; Nancy Pelosi=USA@person; Taiwan=TWN") << QString()
        << QStringList { u"USA>TWN cooperation 042"_qs };
    QTest::newRow("possessive invasion") << QStringLiteral("Russia’s invasion of Ukraine changed European security.")
                                         << QStringLiteral("Russia=RUS; Ukraine=UKR") << QString()
                                         << QStringList { u"RUS>UKR conflict 192"_qs };
    QTest::newRow("invasion with a by-agent")
        << QStringLiteral("The invasion of Kuwait by Iraq in 1990 was condemned worldwide.")
        << QStringLiteral("Kuwait=KWT; Iraq=IRQ") << QString() << QStringList { u"IRQ>KWT conflict"_qs };
    QTest::newRow("sanctions imposed on a country")
        << QStringLiteral("The European Union imposed new sanctions on Belarus last week.")
        << QStringLiteral("European Union=EU@org; Belarus=BLR") << QString()
        << QStringList { u"EU>BLR conflict 163"_qs };
    QTest::newRow("criticism verb is directed")
        << QStringLiteral("Japan criticised China over its military drills.") << QStringLiteral("Japan=JPN; China=CHN")
        << QString() << QStringList { u"JPN>CHN conflict 111"_qs };
    QTest::newRow("accusation verb") << QStringLiteral("India accused Pakistan of harbouring militants.")
                                     << QStringLiteral("India=IND; Pakistan=PAK") << QString()
                                     << QStringList { u"IND>PAK conflict 112"_qs };
    QTest::newRow("summoning an envoy is a protest")
        << QStringLiteral("Turkey summoned Sweden's ambassador on Saturday.")
        << QStringLiteral("Turkey=TUR; Sweden=SWE") << QString() << QStringList { u"TUR>SWE conflict 111"_qs };
    QTest::newRow("attack verb") << QStringLiteral("Israel attacked Syria on Sunday.")
                                 << QStringLiteral("Israel=ISR; Syria=SYR") << QString()
                                 << QStringList { u"ISR>SYR conflict"_qs };
    QTest::newRow("aid is directed from donor to receiver")
        << QStringLiteral("Japan provided humanitarian aid to Turkey after the earthquake.")
        << QStringLiteral("Japan=JPN; Turkey=TUR") << QString() << QStringList { u"JPN>TUR cooperation 073"_qs };

    // Passive voice.
    QTest::newRow("passive sanction names the actor after by")
        << QStringLiteral("Iran was sanctioned by the United States.") << QStringLiteral("Iran=IRN; United States=USA")
        << QString() << QStringList { u"USA>IRN conflict 163"_qs };
    QTest::newRow("passive criticism") << QStringLiteral(
        "North Korea was condemned by South Korea for the missile launch.")
                                       << QStringLiteral("North Korea=PRK; South Korea=KOR") << QString()
                                       << QStringList { u"KOR>PRK conflict 111"_qs };

    // Metonyms: capitals come as Country mentions.
    QTest::newRow("capitals stand for their countries")
        << QStringLiteral("Washington warned Beijing against any move on Taiwan.")
        << QStringLiteral("Washington=USA; Beijing=CHN; Taiwan=TWN") << QString()
        << QStringList { u"USA>CHN conflict"_qs, u"USA>TWN conflict"_qs };
    QTest::newRow("leaders meeting stand for their countries")
        << QStringLiteral("Vladimir Putin met Xi Jinping in Moscow.")
        << QStringLiteral("Vladimir Putin=RUS@person; Xi Jinping=CHN@person; Moscow=RUS") << QString()
        << QStringList { u"RUS>CHN cooperation"_qs };

    QTest::newRow("a list that agrees relates among itself, beside its broker")
        << QStringLiteral("Saudi Arabia and Iran agreed to restore relations in a deal brokered by China.")
        << QStringLiteral("Saudi Arabia=SAU; Iran=IRN; China=CHN") << QString()
        << QStringList { u"SAU-IRN cooperation"_qs, u"CHN>SAU cooperation"_qs, u"CHN>IRN cooperation"_qs };

    // Clauses: "while" starts one with its own subject; a clause-opening "as" is background.
    QTest::newRow("a while-clause has its own subject")
        << QStringLiteral("Russia condemned the strikes, while Iran warned Israel against widening the war.")
        << QStringLiteral("Russia=RUS; Iran=IRN; Israel=ISR") << QString() << QStringList { u"IRN>ISR conflict"_qs };
    QTest::newRow("a while-clause with a list of its own")
        << QStringLiteral("Kenya sent aid to Haiti, while Ethiopia and Eritrea remain locked in a border dispute.")
        << QStringLiteral("Kenya=KEN; Haiti=HTI; Ethiopia=ETH; Eritrea=ERI") << QString()
        << QStringList { u"KEN>HTI cooperation"_qs, u"ETH-ERI conflict"_qs };
    QTest::newRow("a lender disburses to a country")
        << QStringLiteral("The International Monetary Fund said it would disburse $1.3 billion to Pakistan.")
        << QStringLiteral("International Monetary Fund=IMF@org; Pakistan=PAK") << QString()
        << QStringList { u"IMF>PAK cooperation 071"_qs };
    QTest::newRow("a time clause after a comma has its own subject")
        << QStringLiteral("Vietnam and the Philippines agreed to boost maritime cooperation, a week after Chinese "
                          "coast guard vessels fired water cannon at Philippine boats.")
        << QStringLiteral("Vietnam=VNM; Philippines=PHL; Chinese=CHN; Philippine=PHL") << QString()
        << QStringList { u"VNM-PHL cooperation"_qs, u"CHN>PHL conflict"_qs };
    QTest::newRow("a relative clause between commas is background")
        << QStringLiteral("Nigeria, which chairs the ECOWAS bloc, threatened Niger with military intervention.")
        << QStringLiteral("Nigeria=NGA; ECOWAS=ECOWAS@org; Niger=NER") << QString()
        << QStringList { u"NGA>NER conflict"_qs };
    QTest::newRow("a prompted country acts in its own clause")
        << QStringLiteral("Japan began releasing treated water, prompting China to ban seafood from Japan.")
        << QStringLiteral("Japan=JPN; China=CHN") << QString() << QStringList { u"CHN>JPN conflict"_qs };
    QTest::newRow("easing tensions is no conflict")
        << QStringLiteral("India and China agreed to ease border tensions after talks.")
        << QStringLiteral("India=IND; China=CHN") << QString() << QStringList { u"IND-CHN cooperation"_qs };
    QTest::newRow("a bare after keeps the protest on its cause")
        << QStringLiteral("China protested after Japan released the water.") << QStringLiteral("China=CHN; Japan=JPN")
        << QString() << QStringList { u"CHN>JPN conflict"_qs };
    QTest::newRow("a clause-opening as is background")
        << QStringLiteral("Egypt and Israel held talks on a truce as a US envoy began a tour of the region.")
        << QStringLiteral("Egypt=EGY; Israel=ISR; US=USA") << QString() << QStringList { u"EGY-ISR cooperation"_qs };
    QTest::newRow("such as keeps its list")
        << QStringLiteral("China expanded trade with partners such as Brazil and Chile.")
        << QStringLiteral("China=CHN; Brazil=BRA; Chile=CHL") << QString()
        << QStringList { u"CHN>BRA cooperation"_qs, u"CHN>CHL cooperation"_qs };

    // Background after "amid" or "despite" is no party.
    QTest::newRow("amid a third country's assertiveness")
        << QStringLiteral("Tokyo and Canberra have deepened security ties amid China's growing assertiveness.")
        << QStringLiteral("Tokyo=JPN; Canberra=AUS; China=CHN") << QString()
        << QStringList { u"JPN-AUS cooperation"_qs };
    QTest::newRow("despite a third country's objections")
        << QStringLiteral("India signed a defence agreement with France despite Pakistan's objections.")
        << QStringLiteral("India=IND; France=FRA; Pakistan=PAK") << QString()
        << QStringList { u"IND>FRA cooperation"_qs };

    // Two countries with a relation cue between or around them.
    QTest::newRow("relations between two with friction and cooperation are mixed")
        << QStringLiteral("Relations between China and the United States were marked by friction but also "
                          "witnessed enhanced cooperation.")
        << QStringLiteral("China=CHN; United States=USA") << QString() << QStringList { u"CHN-USA mixed"_qs };
    QTest::newRow("robust ties are cooperation")
        << QStringLiteral("China’s ties with Russia remained robust.") << QStringLiteral("China=CHN; Russia=RUS")
        << QString() << QStringList { u"CHN>RUS cooperation"_qs };
    QTest::newRow("systemic competitor is conflict")
        << QStringLiteral("The United States sees China as its only long-term systemic competitor.")
        << QStringLiteral("United States=USA; China=CHN") << QString() << QStringList { u"USA>CHN conflict"_qs };
    QTest::newRow("good bilateral relations since the Cold War")
        << QStringLiteral("Russia has maintained good bilateral relations with India since the Cold War.")
        << QStringLiteral("Russia=RUS; India=IND") << QString() << QStringList { u"RUS>IND cooperation"_qs };
    QTest::newRow("prefix compound conflict")
        << QStringLiteral("Markets worried about the US-China conflict.") << QStringLiteral("US=USA; China=CHN")
        << QString() << QStringList { u"USA-CHN conflict"_qs };
    QTest::newRow("prefix compound relations are neutral without tone words")
        << QStringLiteral("Sino-US relations are at a turning point.") << QStringLiteral("Sino=CHN; US=USA")
        << QString() << QStringList { u"CHN-USA neutral"_qs };
    QTest::newRow("subject list with a reciprocal cue")
        << QStringLiteral("Egypt and Israel signed a peace treaty in 1979.") << QStringLiteral("Egypt=EGY; Israel=ISR")
        << QString() << QStringList { u"EGY-ISR cooperation 057"_qs };
    QTest::newRow("territorial disputes are conflict")
        << QStringLiteral("Territorial disputes between Japan and China persist, and both sides consider the "
                          "islands their own.")
        << QStringLiteral("Japan=JPN; China=CHN") << QString() << QStringList { u"JPN-CHN conflict"_qs };
    QTest::newRow("tensions among three relate each pair")
        << QStringLiteral("Tensions between Armenia, Azerbaijan and Turkey rose.")
        << QStringLiteral("Armenia=ARM; Azerbaijan=AZE; Turkey=TUR") << QString()
        << QStringList { u"ARM-AZE conflict"_qs, u"ARM-TUR conflict"_qs, u"AZE-TUR conflict"_qs };
    QTest::newRow("border without cue is no relation")
        << QStringLiteral("The border between Chile and Argentina is long.")
        << QStringLiteral("Chile=CHL; Argentina=ARG") << QString() << QStringList {};

    // Negation.
    QTest::newRow("did not agree is a rejection")
        << QStringLiteral("Ethiopia and Egypt did not agree on the dam.") << QStringLiteral("Ethiopia=ETH; Egypt=EGY")
        << QString() << QStringList { u"ETH-EGY conflict 120"_qs };
    QTest::newRow("refused to sign is a rejected agreement")
        << QStringLiteral("Colombia refused to sign the treaty with Venezuela.")
        << QStringLiteral("Colombia=COL; Venezuela=VEN") << QString() << QStringList { u"COL>VEN conflict 127"_qs };
    QTest::newRow("no longer cooperate") << QStringLiteral("Mali will no longer cooperate with France on security.")
                                         << QStringLiteral("Mali=MLI; France=FRA") << QString()
                                         << QStringList { u"MLI>FRA conflict 120"_qs };
    QTest::newRow("a negated attack is no event")
        << QStringLiteral("Greece did not attack Turkey.") << QStringLiteral("Greece=GRC; Turkey=TUR") << QString()
        << QStringList {};
    QTest::newRow("not only is no negation")
        << QStringLiteral("Brazil not only signed a trade agreement with Argentina but also expanded investment.")
        << QStringLiteral("Brazil=BRA; Argentina=ARG") << QString() << QStringList { u"BRA>ARG cooperation"_qs };

    // Implicit subject: the article's dominant country.
    QTest::newRow("partners list takes the source country as implicit subject")
        << QStringLiteral("Key partners include ASEAN countries, South Korea, Japan, and India (with a mix of "
                          "collaboration and competition).")
        << QStringLiteral("ASEAN=ASEAN@org; South Korea=KOR; Japan=JPN; India=IND") << QStringLiteral("CHN")
        << QStringList { u"CHN>ASEAN mixed implicit"_qs, u"CHN>KOR mixed implicit"_qs, u"CHN>JPN mixed implicit"_qs,
               u"CHN>IND mixed implicit"_qs };
    QTest::newRow("competition with major powers including")
        << QStringLiteral("Geopolitical competition with major powers, including the US and EU, intensified.")
        << QStringLiteral("US=USA; EU=EU@org") << QStringLiteral("CHN")
        << QStringList { u"CHN>USA conflict implicit"_qs, u"CHN>EU conflict implicit"_qs };
    QTest::newRow("one partner named after the cue")
        << QStringLiteral("Cooperation with Kenya deepened in 2023.") << QStringLiteral("Kenya=KEN")
        << QStringLiteral("CHN") << QStringList { u"CHN>KEN cooperation implicit"_qs };
    QTest::newRow("no implicit subject without a source") << QStringLiteral("Cooperation with Kenya deepened in 2023.")
                                                          << QStringLiteral("Kenya=KEN") << QString() << QStringList {};
    QTest::newRow("a named subject is not implicit")
        << QStringLiteral("Sanctions on Russia hurt its economy.") << QStringLiteral("Russia=RUS")
        << QStringLiteral("USA") << QStringList {};

    QTest::newRow("the speaker's we acts on the named country")
        << QStringLiteral("We condemn the repeated attacks on Chad.") << QStringLiteral("Chad=TCD")
        << QStringLiteral("NER") << QStringList { u"NER>TCD conflict implicit"_qs };
    QTest::newRow("my country as the speaker")
        << QStringLiteral("My country has always supported Cuba in its struggle.") << QStringLiteral("Cuba=CUB")
        << QStringLiteral("VEN") << QStringList { u"VEN>CUB cooperation implicit"_qs };
    QTest::newRow("the delegate's I speaks for the country")
        << QStringLiteral("I strongly condemn the occupation of Cyprus.") << QStringLiteral("Cyprus=CYP")
        << QStringLiteral("GRC") << QStringList { u"GRC>CYP conflict implicit"_qs };
    QTest::newRow("the speaker named after the country relates to it")
        << QStringLiteral("Chile, with which my country enjoys excellent relations, hosted the summit.")
        << QStringLiteral("Chile=CHL") << QStringLiteral("ARG") << QStringList { u"ARG>CHL cooperation implicit"_qs };
    QTest::newRow("the country acts on a speaker named after its deed")
        << QStringLiteral("Libya's repeated aggression against my country has not stopped.")
        << QStringLiteral("Libya=LBY") << QStringLiteral("TCD") << QStringList { u"LBY>TCD conflict implicit"_qs };
    QTest::newRow("a country that sets the scene is no party of the speaker after it")
        << QStringLiteral("The war in Yemen has lasted for years, and we regret it.") << QStringLiteral("Yemen=YEM")
        << QStringLiteral("OMN") << QStringList {};
    QTest::newRow("not hesitating to criticize is a criticism")
        << QStringLiteral("We have never hesitated to criticize Syria.") << QStringLiteral("Syria=SYR")
        << QStringLiteral("JOR") << QStringList { u"JOR>SYR conflict implicit"_qs };
    QTest::newRow("we without a source country is nobody") << QStringLiteral("We condemn the repeated attacks on Chad.")
                                                           << QStringLiteral("Chad=TCD") << QString() << QStringList {};

    // Dictionary verbs used as nouns name no event.
    QTest::newRow("a verb form after a determiner is a noun")
        << QStringLiteral("The issue between India and Pakistan remains open.")
        << QStringLiteral("India=IND; Pakistan=PAK") << QString() << QStringList {};
    QTest::newRow("a capitalised verb form is part of a name")
        << QStringLiteral("Japan chairs the Committee to Protect Haiti.") << QStringLiteral("Japan=JPN; Haiti=HTI")
        << QString() << QStringList {};

    QTest::newRow("the cue nearest before the object names the event")
        << QStringLiteral("Xi’s visits to Russia and France, along with his efforts to deepen cooperation, were "
                          "praised.")
        << QStringLiteral("Xi=CHN@person; Russia=RUS; France=FRA") << QString()
        << QStringList { u"CHN>RUS cooperation 042"_qs, u"CHN>FRA cooperation 042"_qs };
    QTest::newRow("an object before its own directed noun is that noun's actor")
        << QStringLiteral("China sought to break through the US encirclement.") << QStringLiteral("China=CHN; US=USA")
        << QString() << QStringList { u"USA>CHN conflict"_qs };
    QTest::newRow("a compound keeps its own cue")
        << QStringLiteral("After Pelosi’s visit to Taiwan, the US-China conflict intensified.")
        << QStringLiteral("Pelosi=USA@person; Taiwan=TWN; US=USA; China=CHN") << QString()
        << QStringList { u"USA>TWN cooperation 042"_qs, u"USA-CHN conflict 190"_qs };
    QTest::newRow("tone words of a later clause about other actors stay there")
        << QStringLiteral("After the Spanish king’s visit to Mexico last month, tensions in the region and the "
                          "Peru-Chile dispute have intensified.")
        << QStringLiteral("Spanish=ESP; Mexico=MEX; Peru=PER; Chile=CHL") << QString()
        << QStringList { u"ESP>MEX cooperation"_qs, u"PER-CHL conflict"_qs };
    QTest::newRow("a passive agent after a title")
        << QStringLiteral("Xi Jinping was greeted by President Shavkat Mirziyoyev in Samarkand.")
        << QStringLiteral("Xi Jinping=CHN@person; Shavkat Mirziyoyev=UZB@person") << QString()
        << QStringList { u"UZB>CHN cooperation"_qs };
    QTest::newRow("a list far before a partner noun is no pair")
        << QStringLiteral("Egypt, Saudi Arabia and Qatar have either been officially granted the status of "
                          "dialogue partners or applied.")
        << QStringLiteral("Egypt=EGY; Saudi Arabia=SAU; Qatar=QAT") << QString() << QStringList {};
    QTest::newRow("anti- prefix names no actor")
        << QStringLiteral("Iran, an anti-American country, is joining the SCO.")
        << QStringLiteral("Iran=IRN; American=USA; SCO=SCO@org") << QString()
        << QStringList { u"IRN>SCO cooperation"_qs };

    // Organisations and regions.
    QTest::newRow("country joins an organisation")
        << QStringLiteral("Finland joined NATO in April 2023.") << QStringLiteral("Finland=FIN; NATO=NATO@org")
        << QString() << QStringList { u"FIN>NATO cooperation"_qs };
    QTest::newRow("organisation pairs are no relation")
        << QStringLiteral("NATO and the European Union signed a cooperation agreement.")
        << QStringLiteral("NATO=NATO@org; European Union=EU@org") << QString() << QStringList {};
    QTest::newRow("regions without members are skipped")
        << QStringLiteral("China expanded cooperation with Central Asia.")
        << QStringLiteral("China=CHN; Central Asia=Central Asia@region") << QString() << QStringList {};
    QTest::newRow("a country is never paired with itself")
        << QStringLiteral("China criticised China's own officials in Beijing.")
        << QStringLiteral("China=CHN; Beijing=CHN") << QString() << QStringList {};
}

void TestRelations::sentenceRelations()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    QFETCH(QString, source);
    QFETCH(QStringList, expected);

    DocumentContext ctx;
    ctx.sourceCountry = source;
    const QList<Relation> relations = findRelations(TokenStream(text), mentionsIn(text, mentions), ctx);
    const QString why = differences(relations, expected);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestRelations::relationsFromTheParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<QString>("source"); // ctx.sourceCountry
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("reported speech relates the reported actors, not the speaker")
        << QStringLiteral("France said that Germany attacked Spain.")
        << QStringLiteral("France=FRA; Germany=DEU; Spain=ESP") << QString() << QStringList { u"DEU>ESP conflict"_qs };
    QTest::newRow("a demand's complement clause names whom it addresses")
        << QStringLiteral("Egypt demanded that Ethiopia stop filling the dam.")
        << QStringLiteral("Egypt=EGY; Ethiopia=ETH") << QString() << QStringList { u"EGY>ETH conflict"_qs };
    QTest::newRow("a passive's by-agent acts")
        << QStringLiteral("Iran was sanctioned by the United States.") << QStringLiteral("Iran=IRN; United States=USA")
        << QString() << QStringList { u"USA>IRN conflict"_qs };
    QTest::newRow("rejecting a country's offer is a rejection of that country")
        << QStringLiteral("India rejected Pakistan's offer of talks.") << QStringLiteral("India=IND; Pakistan=PAK")
        << QString() << QStringList { u"IND>PAK conflict"_qs };
    QTest::newRow("an appeal goes from the one who urges to the one urged")
        << QStringLiteral("Germany urged Serbia to rein in nationalist rhetoric.")
        << QStringLiteral("Germany=DEU; Serbia=SRB") << QString() << QStringList { u"DEU>SRB cooperation 020"_qs };
    QTest::newRow("a relative clause's subject is the noun it hangs on")
        << QStringLiteral("Officials in Kyiv blamed Russia, which invaded Ukraine in 2022.")
        << QStringLiteral("Russia=RUS; Ukraine=UKR") << QString() << QStringList { u"RUS>UKR conflict"_qs };
    QTest::newRow("a country behind a locative is where it happens, no party")
        << QStringLiteral("Armenia and Azerbaijan held peace talks in Kazakhstan.")
        << QStringLiteral("Armenia=ARM; Azerbaijan=AZE; Kazakhstan=KAZ") << QString()
        << QStringList { u"ARM-AZE cooperation"_qs };
    QTest::newRow("a storm is no party") << QStringLiteral("Hurricane Beryl hit Jamaica and Grenada.")
                                         << QStringLiteral("Jamaica=JAM; Grenada=GRD") << QString() << QStringList {};
    QTest::newRow("coordinated verbs of opposite tone are mixed")
        << QStringLiteral("France praised and criticised Germany.") << QStringLiteral("France=FRA; Germany=DEU")
        << QString() << QStringList { u"FRA>DEU mixed"_qs };
    QTest::newRow("a pronoun subject of what an actor said stands for it")
        << QStringLiteral("The Dutch government said it would not extradite the suspect to Turkey.")
        << QStringLiteral("Dutch=NLD; Turkey=TUR") << QString() << QStringList { u"NLD>TUR conflict"_qs };
    QTest::newRow("an actor inside the object's noun phrase is its target")
        << QStringLiteral("Chile strongly supports the aspirations of the Italian people.")
        << QStringLiteral("Chile=CHL; Italian=ITA") << QString() << QStringList { u"CHL>ITA cooperation"_qs };
    QTest::newRow("the speaker's we condemns the one whose attack it names")
        << QStringLiteral("We condemn Libya's attack on Chad.") << QStringLiteral("Chad=TCD; Libya=LBY")
        << QStringLiteral("NER") << QStringList { u"NER>LBY conflict"_qs, u"LBY>TCD conflict"_qs };
    QTest::newRow("a go-between meets each party of the deal it brokered")
        << QStringLiteral("Turkey and Syria signed a water accord in a deal brokered by Iraq.")
        << QStringLiteral("Turkey=TUR; Syria=SYR; Iraq=IRQ") << QString()
        << QStringList { u"TUR-SYR cooperation"_qs, u"IRQ>TUR cooperation 045"_qs, u"IRQ>SYR cooperation 045"_qs };
    QTest::newRow("those a go-between mediates between meet the go-between, not each other")
        << QStringLiteral("Norway offered to mediate between Colombia and Venezuela.")
        << QStringLiteral("Norway=NOR; Colombia=COL; Venezuela=VEN") << QString()
        << QStringList { u"NOR>COL cooperation"_qs, u"NOR>VEN cooperation"_qs };
    QTest::newRow("coordinated go-betweens meet each party, not each other")
        << QStringLiteral("Norway and Switzerland brokered a ceasefire between Colombia and Venezuela.")
        << QStringLiteral("Norway=NOR; Switzerland=CHE; Colombia=COL; Venezuela=VEN") << QString()
        << QStringList { u"NOR>COL cooperation"_qs, u"NOR>VEN cooperation"_qs, u"CHE>COL cooperation"_qs,
               u"CHE>VEN cooperation"_qs, u"COL-VEN cooperation"_qs };
    QTest::newRow("go-betweens of a passive meet no one but its parties")
        << QStringLiteral("A truce brokered by Kenya and Ethiopia held for a week.")
        << QStringLiteral("Kenya=KEN; Ethiopia=ETH") << QString() << QStringList {};
    QTest::newRow("the clause a denial takes states no event")
        << QStringLiteral("Turkey denied that its jets had bombed Syria.") << QStringLiteral("Turkey=TUR; Syria=SYR")
        << QString() << QStringList {};
    QTest::newRow("a denied deed in a gerund states no event")
        << QStringLiteral("Serbia denied attacking Kosovo.") << QStringLiteral("Serbia=SRB; Kosovo=XKX") << QString()
        << QStringList {};
    QTest::newRow("the clause of a rejected claim states no event")
        << QStringLiteral("Egypt rejected allegations that its border guards had shot Sudanese migrants.")
        << QStringLiteral("Egypt=EGY; Sudanese=SDN") << QString() << QStringList {};
    QTest::newRow("the clause of a dismissed report states no event")
        << QStringLiteral("Tehran dismissed reports that Iranian drones had struck Iraq.")
        << QStringLiteral("Tehran=IRN; Iranian=IRN; Iraq=IRQ") << QString() << QStringList {};
    QTest::newRow("rejecting a proposal still rejects its maker")
        << QStringLiteral("Ukraine rejected the Russian proposal.") << QStringLiteral("Ukraine=UKR; Russian=RUS")
        << QString() << QStringList { u"UKR>RUS conflict"_qs };
    QTest::newRow("what one receives from another, the other gives")
        << QStringLiteral("Jordan received a shipment of military aid from Britain.")
        << QStringLiteral("Jordan=JOR; Britain=GBR") << QString() << QStringList { u"GBR>JOR cooperation"_qs };
    QTest::newRow("opening fire is a use of force")
        << QStringLiteral("Thai troops opened fire on Cambodian soldiers near the temple.")
        << QStringLiteral("Thai=THA; Cambodian=KHM") << QString() << QStringList { u"THA>KHM conflict"_qs };
    QTest::newRow("withdrawing an ambassador cuts ties")
        << QStringLiteral("Peru withdrew its ambassador from Mexico.") << QStringLiteral("Peru=PER; Mexico=MEX")
        << QString() << QStringList { u"PER>MEX conflict 161"_qs };
    QTest::newRow("the one a verb of feeling angers disapproves of the one who angers it")
        << QStringLiteral("Israel's settlement plans have angered Jordan.") << QStringLiteral("Israel=ISR; Jordan=JOR")
        << QString() << QStringList { u"JOR>ISR conflict 110"_qs };
    QTest::newRow("a name hyphenated to a participle acts in the noun it describes")
        << QStringLiteral("Russia rejected a US-backed peace plan.") << QStringLiteral("Russia=RUS; US=USA")
        << QString() << QStringList { u"RUS>USA conflict"_qs };
    QTest::newRow("a coalition led by a hyphenated name acts for it")
        << QStringLiteral("A Saudi-led coalition bombed Yemen.") << QStringLiteral("Saudi=SAU; Yemen=YEM") << QString()
        << QStringList { u"SAU>YEM conflict"_qs };
    QTest::newRow("what a party must do is asked of it, not stated")
        << QStringLiteral("Israel must withdraw its troops from Lebanon, the French president said.")
        << QStringLiteral("Israel=ISR; Lebanon=LBN; French=FRA") << QString()
        << QStringList { u"FRA>ISR conflict 100"_qs };
    QTest::newRow("the pronoun of a deed the sanctions are over stands for the one sanctioned")
        << QStringLiteral("Canada imposed sanctions on Iran over its arms transfers to Russia.")
        << QStringLiteral("Canada=CAN; Iran=IRN; Russia=RUS") << QString()
        << QStringList { u"CAN>IRN conflict"_qs, u"IRN>RUS cooperation"_qs };
    QTest::newRow("lifting sanctions eases them")
        << QStringLiteral("Japan lifted its sanctions on Myanmar.") << QStringLiteral("Japan=JPN; Myanmar=MMR")
        << QString() << QStringList { u"JPN>MMR cooperation"_qs };
    QTest::newRow("each other makes the subjects relate")
        << QStringLiteral("Serbia and Croatia accused each other of provocations.")
        << QStringLiteral("Serbia=SRB; Croatia=HRV") << QString() << QStringList { u"SRB-HRV conflict"_qs };
    QTest::newRow("what a country must do is a demand of the one who says so")
        << QStringLiteral("Belarus must release the detained journalists, the Lithuanian foreign minister said.")
        << QStringLiteral("Belarus=BLR; Lithuanian=LTU") << QString() << QStringList { u"LTU>BLR conflict 100"_qs };
    QTest::newRow("the pronoun of a condemned deed stands for the one condemned")
        << QStringLiteral("Poland condemned Russia for its air strikes on Ukraine.")
        << QStringLiteral("Poland=POL; Russia=RUS; Ukraine=UKR") << QString()
        << QStringList { u"POL>RUS conflict"_qs, u"RUS>UKR conflict"_qs };
    QTest::newRow("coordinated adjectives of nationality stand where the first does")
        << QStringLiteral("Malta supports the initiative of the German and French Governments.")
        << QStringLiteral("Malta=MLT; German=DEU; French=FRA") << QString()
        << QStringList { u"MLT>DEU cooperation"_qs, u"MLT>FRA cooperation"_qs };
    QTest::newRow("the by-agent of a noun stands for the noun")
        << QStringLiteral("We oppose the imposition of the embargo against Cuba by the United States.")
        << QStringLiteral("Cuba=CUB; United States=USA") << QStringLiteral("MEX")
        << QStringList { u"MEX>USA conflict"_qs, u"USA>CUB conflict"_qs, u"MEX>CUB conflict implicit"_qs };
    QTest::newRow("what a country's forces should do is a demand on the country")
        << QStringLiteral("The armed forces of Turkey should leave Cyprus.") << QStringLiteral("Turkey=TUR; Cyprus=CYP")
        << QStringLiteral("GRC") << QStringList { u"GRC>TUR conflict 100"_qs }; // leaving is asked, not stated
    QTest::newRow("drills held with a partner are joint military co-operation")
        << QStringLiteral("Egypt held naval drills with Greece.") << QStringLiteral("Egypt=EGY; Greece=GRC")
        << QString() << QStringList { u"EGY>GRC cooperation 062"_qs };
    QTest::newRow("the subject of an object relative acts as the noun's possessor")
        << QStringLiteral("Estonia shot down a drone that Russia had sent across the border.")
        << QStringLiteral("Estonia=EST; Russia=RUS") << QString() << QStringList { u"EST>RUS conflict"_qs };
}

void TestRelations::relationsFromTheParse()
{
    if (!learn::DependencyParser::shared().isLoaded() || !learn::PosTagger::shared().isLoaded())
        QSKIP("pos.model or parser.model is not compiled in (resources/models)");
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    QFETCH(QString, source);
    QFETCH(QStringList, expected);

    DocumentContext ctx;
    ctx.sourceCountry = source;
    const TokenStream ts(text);
    const QList<EntityMention> entities = mentionsIn(text, mentions);
    const std::vector<SentenceParse> parses = parseActorSentences(ts, entities);
    QVERIFY(!parses.empty());
    const QList<Relation> relations = findRelations(ts, entities, ctx, parses);
    const QString why = differences(relations, expected);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestRelations::evidenceKeepsCueWordsAndSpans()
{
    const QString text = QStringLiteral("Some context here. Russia’s Invasion of Ukraine began in 2022.");
    const TokenStream ts(text);
    const QList<Span> &sentences = ts.sentences();
    const QList<Relation> relations
        = findRelations(ts, mentionsIn(text, QStringLiteral("Russia=RUS; Ukraine=UKR")), {});
    QCOMPARE(relations.size(), 1);
    const Relation &r = relations.first();
    QCOMPARE(r.sentence, 1);
    QCOMPARE(r.span.start, sentences[1].start);
    QCOMPARE(r.span.end, sentences[1].end);
    QCOMPARE(r.cues, QStringList { u"Invasion"_qs }); // as it stands in the text
    QCOMPARE(r.cueSpans.size(), 1);
    QCOMPARE(text.mid(r.cueSpans[0].start, r.cueSpans[0].end - r.cueSpans[0].start), u"Invasion"_qs);
    QCOMPARE(r.quad, 4);
    QCOMPARE(r.goldstein, RelationLexicon::shared().goldstein(u"192"));
    QVERIFY(!r.implicit);
}

void TestRelations::dominantCountryIsTheMostMentioned()
{
    const QString text = QStringLiteral("China and Japan. China again. Xi Jinping spoke. Japan once more.");
    const QList<EntityMention> mentions
        = mentionsIn(text, QStringLiteral("China=CHN; Japan=JPN; Xi Jinping=CHN@person"));
    QCOMPARE(dominantCountry(mentions, {}), u"CHN"_qs);
    DocumentContext ctx;
    ctx.sourceCountry = QStringLiteral("FRA");
    QCOMPARE(dominantCountry(mentions, ctx), u"FRA"_qs);
    // A tie names no dominant country.
    const QString tie = QStringLiteral("China and Japan. China and Japan.");
    QCOMPARE(dominantCountry(mentionsIn(tie, QStringLiteral("China=CHN; Japan=JPN")), {}), QString());
}

void TestRelations::sentencesWithoutActorsCostNothing()
{
    // A long text with mentions in one sentence only: relations come from that sentence alone.
    QString text;
    for (int i = 0; i < 2000; ++i)
        text += QStringLiteral("The Assembly discussed development and the climate at length. ");
    const qsizetype at = text.size();
    text += QStringLiteral("Peru and Chile signed a trade agreement.");
    const TokenStream ts(text);
    const QList<Span> &sentences = ts.sentences();
    QList<EntityMention> mentions = mentionsIn(text, QStringLiteral("Peru=PER; Chile=CHL"));
    const QList<Relation> relations = findRelations(ts, mentions, {});
    QCOMPARE(relations.size(), 1);
    QVERIFY(relations.first().span.start >= at);
    QCOMPARE(relations.first().sentence, sentences.size() - 1);
}

void TestRelations::newsMediaTakeNoPart()
{
    // Through the whole pipeline: the agency in a dateline, an outlet told something, an agency
    // quoted. None of them (nor their countries) is a party; the countries in the text are.
    const QString text = QStringLiteral(
        "BERLIN, March 3, 2024 (Reuters) - German Chancellor Olaf Scholz promised Ukraine 2 billion euros in aid.\n"
        "Iran's foreign minister told CNN that Tehran rejected the offer from France.\n"
        "According to Xinhua, China welcomed the proposal by Brazil.\n");
    DocumentContext ctx;
    const Annotation a = Extractor::shared().annotate(text, ctx);
    QStringList pairs;
    for (const Relation &r : a.relations)
        pairs << r.a + u'-' + r.b;
    const QStringList media = { u"GBR"_qs, u"CNN"_qs, u"Reuters"_qs, u"Xinhua"_qs };
    for (const QString &p : std::as_const(pairs))
        for (const QString &m : media)
            QVERIFY2(!p.split(u'-').contains(m), qPrintable(pairs.join(u", ")));
    // The relations the sentences do state are still there.
    QVERIFY2(pairs.contains(u"DEU-UKR"_qs), qPrintable(pairs.join(u", ")));
    QVERIFY2(pairs.contains(u"CHN-BRA"_qs) || pairs.contains(u"BRA-CHN"_qs), qPrintable(pairs.join(u", ")));
}

void TestRelations::overlongSentencesAreReadInStretches()
{
    // One sentence without a full stop: thousands of words, then a relation. Each relation comes from a stretch of
    // the sentence (its span is that stretch, a few hundred characters), not from the whole, and the relations the
    // words state are still found, the last one included, each once.
    QString text;
    for (int i = 0; i < 400; ++i)
        text += QStringLiteral("Relations between China and Russia remained close and ");
    const qsizetype at = text.size();
    text += QStringLiteral("Peru signed a trade agreement with Chile");
    const TokenStream ts(text);
    QCOMPARE(ts.sentences().size(), 1);
    const QList<Relation> relations
        = findRelations(ts, mentionsIn(text, QStringLiteral("China=CHN; Russia=RUS; Peru=PER; Chile=CHL")), {});
    QVERIFY(!relations.isEmpty());
    bool chinaRussia = false;
    bool peruChile = false;
    for (const Relation &r : relations) {
        QCOMPARE(r.sentence, 0);
        QVERIFY2(r.span.end - r.span.start < 2000, qPrintable(describe(r)));
        QVERIFY(r.span.start >= 0 && r.span.end <= text.size());
        chinaRussia = chinaRussia || matches(r, u"CHN-RUS cooperation"_qs);
        peruChile = peruChile || (matches(r, u"PER>CHL cooperation"_qs) && r.span.end > at);
    }
    QVERIFY2(chinaRussia, qPrintable(describeAll(relations)));
    // The sentence states each pair's relation once, however many stretches it is read in.
    QCOMPARE(relations.size(), 2);
    QVERIFY2(peruChile, qPrintable(describeAll(relations)));
}

void TestRelations::goldSetIsReadAndScored()
{
    // A gold file as tests/data/relations/README.md describes it: what it holds, the line it refuses, and the
    // relation stage scored on it.
    QTemporaryDir dir;
    QFile f(dir.filePath(u"gold-test.tsv"_qs));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# a comment\n"
            "written:t1\twritten\tFrance and Germany signed a treaty on trade.\tFRA-DEU 05 cooperation \"signed\"\n"
            "un:CHN_78_2023:4\tun\tWe condemn the attack on Chad.\tCHN>TCD 11 conflict \"condemn\"\n"
            "written:t2\twritten\tThe summit was held in Brazil, and Peru sent a delegation.\tnone\n"
            "written:t3\twritten\tBroken line without relations\n"
            "written:t4\twritten\tSpain and Chile met.\tESP-CHL 04 sunny\n");
    f.close();
    QStringList errors;
    const QList<GoldSentence> gold = readRelationGoldDir(dir.path(), &errors);
    QCOMPARE(gold.size(), 3);
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors[0].startsWith(u"gold-test.tsv:5:"_qs), qPrintable(errors[0]));
    QCOMPARE(gold[0].relations.size(), 1);
    QCOMPARE(gold[0].relations[0].a, u"FRA"_qs);
    QVERIFY(!gold[0].relations[0].directed);
    QCOMPARE(gold[0].relations[0].root, 5);
    QCOMPARE(gold[0].relations[0].words, u"signed"_qs);
    QCOMPARE(gold[1].speaker, u"CHN"_qs);
    QVERIFY(gold[1].relations[0].directed);
    QVERIFY(gold[2].relations.isEmpty());

    QStringList differences;
    const RelationScores s = scoreRelations(gold, &differences);
    QCOMPARE(s.sentences, 3);
    QCOMPARE(s.gold, 2);
    QCOMPARE(s.noneSentences, 1);
    // The treaty and the speaker's condemnation are plain cases the stage reads.
    QVERIFY2(s.pairsFound == 2, qPrintable(differences.join(u'\n')));
    QCOMPARE(s.directedGold, 1);
    QVERIFY(s.pairRecall() == 1.0);
}

void TestRelations::goldSetHoldsItsFloors()
{
    // The relations gold set of tests/data/relations (998 sentences labelled by reading them; gold-c.tsv, gold-d.tsv,
    // gold-e.tsv and gold-g.tsv are the held-out parts) as a regression test: the whole extraction must not fall below
    // what it reached. Issue 9's floors are pair recall 0.85, direction 0.90, tone 0.80: the whole set reaches recall
    // 0.854 (precision 0.759), direction 0.949 and tone 0.917; the held-out c, d and e on their own recall 0.817. The
    // precision floor is lower than on the first 741 sentences because gold-e's own precision is lower (0.59), not
    // because the stage lost any.
    if (!learn::DependencyParser::shared().isLoaded() || !learn::PosTagger::shared().isLoaded())
        QSKIP("pos.model or parser.model is not compiled in (resources/models)");
    QStringList problems;
    const QList<GoldSentence> gold
        = readRelationGoldDir(QStringLiteral(ENTENTE_SOURCE_DIR "/tests/data/relations"), &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QVERIFY(gold.size() >= 998);
    const RelationScores s = scoreRelations(gold);
    qInfo("pair recall %.3f (precision %.3f), direction %.3f, tone %.3f, CAMEO root %.3f", s.pairRecall(),
        s.pairPrecision(), s.directionAccuracy(), s.toneAccuracy(), s.rootAccuracy());
    QVERIFY2(s.pairRecall() >= 0.85, qPrintable(QString::number(s.pairRecall())));
    QVERIFY2(s.pairPrecision() >= 0.725, qPrintable(QString::number(s.pairPrecision())));
    QVERIFY2(s.directionAccuracy() >= 0.945, qPrintable(QString::number(s.directionAccuracy())));
    QVERIFY2(s.toneAccuracy() >= 0.90, qPrintable(QString::number(s.toneAccuracy())));
}

QTEST_GUILESS_MAIN(TestRelations)
#include "tst_relations.moc"

// The syntax stage: which sentences are parsed (those with two or more distinct actors), the bound on what the
// parser sees, and the shipped tagger and parser on plain news clauses.
#include "entities.h"
#include "learn/depparser.h"
#include "learn/postagger.h"
#include "syntax.h"
#include "tokenstream.h"

#include <QTest>

using namespace entente;

class TestSyntax : public QObject
{
    Q_OBJECT

private:
    struct Parsed
    {
        QString text;
        std::vector<SentenceParse> parses;
        QString word(const SentenceParse &p, int i) const
        {
            return text.mid(p.words[size_t(i)].start, p.words[size_t(i)].end - p.words[size_t(i)].start);
        }
        int find(const SentenceParse &p, QStringView w) const
        {
            for (size_t i = 0; i < p.words.size(); ++i) {
                if (word(p, int(i)) == w)
                    return int(i);
            }
            return -1;
        }
    };

    static Parsed parse(const QString &text, const ParseLimits &limits = {})
    {
        Parsed out { text, {} };
        const TokenStream ts(out.text);
        const QList<EntityMention> entities = recogniseEntities(ts, PartialDate {}, DocumentContext {});
        out.parses = parseActorSentences(ts, entities, limits);
        return out;
    }

    static bool isTree(const SentenceParse &p)
    {
        int roots = 0;
        for (size_t i = 0; i < p.heads.size(); ++i) {
            if (p.heads[i] == -1) {
                ++roots;
                continue;
            }
            if (p.heads[i] < 0 || size_t(p.heads[i]) >= p.heads.size())
                return false;
            // Following heads from any word reaches the root within n steps.
            int h = int(i);
            size_t steps = 0;
            while (h != -1 && steps++ <= p.heads.size())
                h = p.heads[size_t(h)];
            if (h != -1)
                return false;
        }
        return roots == 1;
    }

private slots:
    void initTestCase()
    {
        if (!learn::PosTagger::shared().isLoaded() || !learn::DependencyParser::shared().isLoaded())
            QSKIP("pos.model or parser.model is not compiled in (resources/models)");
    }

    void onlySentencesWithTwoActorsAreParsed()
    {
        const Parsed p = parse(QStringLiteral("France has a long coast. The weather was mild all week. "
                                              "France and Germany signed a trade agreement on Monday. "
                                              "Paris and Lyon are French cities."));
        // One country, none, two countries, one country (two of its cities are places, not actors).
        QCOMPARE(p.parses.size(), size_t(1));
        QCOMPARE(p.parses[0].sentence, qsizetype(2));
        QVERIFY(!p.parses[0].clipped);
        QCOMPARE(p.word(p.parses[0], 0), QStringLiteral("France"));
        QCOMPARE(p.word(p.parses[0], int(p.parses[0].words.size()) - 1), QStringLiteral("."));
    }

    void aLeaderStandsForHisCountry()
    {
        const Parsed p = parse(QStringLiteral("Vladimir Putin met Xi Jinping in Moscow."));
        QCOMPARE(p.parses.size(), size_t(1));
        const Parsed same = parse(QStringLiteral("Russia's president said Russia would not wait."));
        QCOMPARE(same.parses.size(), size_t(0)); // one actor, twice
        ParseLimits one;
        one.minActors = 1;
        QCOMPARE(parse(same.text, one).parses.size(), size_t(1));
    }

    void clausesGetTheirSubjectAndObject()
    {
        const Parsed p = parse(QStringLiteral("Japan criticised China in a statement on Tuesday."));
        QCOMPARE(p.parses.size(), size_t(1));
        const SentenceParse &s = p.parses[0];
        QVERIFY(isTree(s));
        const int verb = p.find(s, u"criticised");
        const int subject = p.find(s, u"Japan");
        const int object = p.find(s, u"China");
        QVERIFY(verb >= 0 && subject >= 0 && object >= 0);
        QCOMPARE(s.tags[size_t(verb)], learn::Upos::VERB);
        QCOMPARE(s.tags[size_t(subject)], learn::Upos::PROPN);
        QCOMPARE(s.heads[size_t(verb)], -1);
        QCOMPARE(s.heads[size_t(subject)], verb);
        QCOMPARE(s.heads[size_t(object)], verb);
        const QStringList &labels = learn::DependencyParser::shared().labelNames();
        QCOMPARE(labels.value(s.labels[size_t(subject)]), QStringLiteral("nsubj"));
        QCOMPARE(labels.value(s.labels[size_t(object)]), QStringLiteral("obj"));
    }

    void aLongSentenceIsCutAroundItsActors()
    {
        // 600 words without a full stop, the two countries in the middle.
        QString text;
        for (int i = 0; i < 300; ++i)
            text += QStringLiteral("the committee noted ");
        text += QStringLiteral("that Canada supports Mexico ");
        for (int i = 0; i < 300; ++i)
            text += QStringLiteral("and the reports noted ");
        ParseLimits limits;
        limits.maxWords = 40;
        const Parsed p = parse(text, limits);
        QCOMPARE(p.parses.size(), size_t(1));
        const SentenceParse &s = p.parses[0];
        QVERIFY(s.clipped);
        QCOMPARE(s.words.size(), size_t(40));
        QVERIFY(p.find(s, u"Canada") >= 0);
        QVERIFY(p.find(s, u"Mexico") >= 0);
        QVERIFY(isTree(s));
        // Words stay in text order.
        for (size_t i = 1; i < s.words.size(); ++i)
            QVERIFY(s.words[i - 1].end <= s.words[i].start);
    }

    void nothingToParse()
    {
        QCOMPARE(parse(QString()).parses.size(), size_t(0));
        QCOMPARE(parse(QStringLiteral("...")).parses.size(), size_t(0));
        QCOMPARE(parse(QStringLiteral("no names here at all")).parses.size(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestSyntax)
#include "tst_syntax.moc"

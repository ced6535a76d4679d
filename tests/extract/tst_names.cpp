// The name stage: the statistical tagger asked in windows around the capitalised words the gazetteer does not
// explain (names.h), and what the entity stage makes of its names (entities.h): new people, organisations and
// places beside the gazetteer's, in sentences written for this test.
#include "entities.h"
#include "learn/nertagger.h"
#include "names.h"
#include "tokenstream.h"

#include <QTest>

using namespace entente;

class TestNames : public QObject
{
    Q_OBJECT

private:
    static QString textOf(const QString &text, const TaggedName &n) { return text.mid(n.start, n.end - n.start); }

    // Every capitalised word not first in its sentence is wanted.
    static std::vector<quint8> capitals(const TokenStream &ts)
    {
        std::vector<quint8> wanted(ts.size(), 0);
        for (size_t k = 0; k < ts.size(); ++k) {
            const bool first = k == 0 || ts[k - 1].sentence != ts[k].sentence;
            wanted[k] = !first && ts[k].is(Token::Word) && ts[k].is(Token::Capitalised);
        }
        return wanted;
    }

    // No lower-case word may stand inside a name (these sentences have none that should).
    static std::vector<quint8> noLowerCaseNameWords(const TokenStream &ts) { return std::vector<quint8>(ts.size(), 0); }

    static const EntityMention *find(const QList<EntityMention> &mentions, QStringView text)
    {
        for (const EntityMention &m : mentions) {
            if (m.text == text)
                return &m;
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        if (!learn::NerTagger::shared().isLoaded())
            QSKIP("ner.model is not compiled in (resources/models)");
    }

    void onlyWantedWindowsAreTagged()
    {
        const QString text = QStringLiteral("The talks were long. Yesterday the envoy met Marguerite Okonjo-Vance "
                                            "in a small hotel, and the talks went on.");
        const TokenStream ts(text);
        std::vector<quint8> none(ts.size(), 0);
        (void)takeTaggedWordCount();
        QVERIFY(tagNames(ts, none, none).isEmpty());
        QCOMPARE(takeTaggedWordCount(), qint64(0));

        const QList<TaggedName> names = tagNames(ts, capitals(ts), noLowerCaseNameWords(ts));
        // The window is the capitalised run and two words either side, in the second sentence only.
        const qint64 tagged = takeTaggedWordCount();
        QVERIFY2(tagged > 0 && tagged <= 9, qPrintable(QString::number(tagged)));
        QCOMPARE(names.size(), 1);
        QCOMPARE(textOf(text, names[0]), QStringLiteral("Marguerite Okonjo-Vance"));
        QCOMPARE(names[0].type, learn::NameType::Person);
        // Token indices and UTF-16 offsets agree.
        QCOMPARE(ts[names[0].first].start, names[0].start);
        QCOMPARE(ts[names[0].last - 1].end, names[0].end);
    }

    void namesComeInTextOrderAndCoverWholeTokens()
    {
        const QString text = QStringLiteral("Analysts at Halvorsen Capital said that Tobias Wennerstrom and "
                                            "Priya Raghunathan would visit Lillehammer.");
        const TokenStream ts(text);
        const QList<TaggedName> names = tagNames(ts, capitals(ts), noLowerCaseNameWords(ts));
        QVERIFY(names.size() >= 3);
        for (qsizetype i = 1; i < names.size(); ++i)
            QVERIFY(names[i - 1].end <= names[i].start);
        QStringList people;
        for (const TaggedName &n : names) {
            QVERIFY(n.confidence > 0 && n.confidence <= 1);
            if (n.type == learn::NameType::Person)
                people << textOf(text, n);
        }
        QCOMPARE(people, (QStringList { "Tobias Wennerstrom", "Priya Raghunathan" }));
    }

    void theEntityStageAddsNamesTheGazetteerDoesNotKnow()
    {
        const QString text = QStringLiteral("Germany's foreign minister met Tobias Wennerstrom in Berlin on Monday. "
                                            "Wennerstrom said the meeting had gone well.");
        const TokenStream ts(text);
        const QList<EntityMention> mentions = recogniseEntities(ts, PartialDate {}, DocumentContext {});
        const EntityMention *germany = find(mentions, u"Germany");
        QVERIFY(germany);
        QCOMPARE(germany->method, QStringLiteral("name")); // the gazetteer's, not the tagger's
        const EntityMention *person = find(mentions, u"Tobias Wennerstrom");
        QVERIFY(person);
        QCOMPARE(person->kind, EntityKind::Person);
        QCOMPARE(person->method, QStringLiteral("model"));
        // The surname alone later is the same person.
        const EntityMention *again = find(mentions, u"Wennerstrom");
        QVERIFY(again);
        QCOMPARE(again->kind, EntityKind::Person);
        QCOMPARE(again->id, person->id);
    }

    void aStormIsNoPerson()
    {
        const QString text = QStringLiteral("Hurricane Beryl hit Jamaica on Wednesday.");
        const TokenStream ts(text);
        const QList<EntityMention> mentions = recogniseEntities(ts, PartialDate {}, DocumentContext {});
        for (const EntityMention &m : mentions)
            QVERIFY2(m.kind != EntityKind::Person, qPrintable(m.text));
        QVERIFY(find(mentions, u"Jamaica"));
    }

    // The tagger's names are whole words and end on a name word.
    void modelNamesAreWellFormed()
    {
        const QString text = QStringLiteral("Delegates met to discuss aid to sub-Saharan Africa. They recalled the "
                                            "regime of Chiang Kai-shek and the Ministry of Foreign Affairs of the "
                                            "Republic.");
        const TokenStream ts(text);
        const QList<EntityMention> mentions = recogniseEntities(ts, PartialDate {}, DocumentContext {});
        QStringList texts;
        for (const EntityMention &m : mentions) {
            texts << m.text;
            // No name starts or ends inside a hyphenated word, or ends with "of" or "the".
            const QChar before = m.span.start > 0 ? text[m.span.start - 1] : QChar();
            const QChar after = m.span.end < text.size() ? text[m.span.end] : QChar();
            QVERIFY2(before != u'-' && after != u'-', qPrintable(m.text));
            QVERIFY2(!m.text.endsWith(u" of") && !m.text.endsWith(u" the"), qPrintable(m.text));
        }
        QVERIFY2(texts.contains(u"Chiang Kai-shek"_qs), qPrintable(texts.join(u", ")));
    }
};

QTEST_GUILESS_MAIN(TestNames)
#include "tst_names.moc"

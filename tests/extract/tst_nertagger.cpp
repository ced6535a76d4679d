// The named-entity tagger: the corpora's tags and GUM's entity brackets read into names, the gazetteer's bits
// of each word, a small tagger trained on a slice beating a capitalisation baseline, the shipped model on the
// Universal NER EWT test set, and odd inputs.
#include "corpora.h"
#include "gazetteerfeatures.h"
#include "nercorpora.h"
#include "nertagger.h"

#include <QDir>
#include <QTest>

using namespace entente::learn;

namespace {

QString trainingDir()
{
    return QStringLiteral(ENTENTE_SHARED_DIR "/data/training");
}

// Names as "TYPE first-last" strings, for comparisons that print well.
QStringList describe(const QList<NameSpan> &names)
{
    QStringList out;
    for (const NameSpan &n : names)
        out.append(QStringLiteral("%1 %2-%3").arg(nameTypeName(n.type)).arg(n.first).arg(n.last));
    return out;
}

std::optional<NameType> conll(QStringView t)
{
    if (t == u"PER")
        return NameType::Person;
    if (t == u"ORG")
        return NameType::Organization;
    if (t == u"LOC")
        return NameType::Location;
    if (t == u"MISC")
        return NameType::Misc;
    return std::nullopt;
}

// A CoNLL-U sentence from lines of "form upos head misc" (lemma = form, ids from 1).
ConlluSentence conllu(const QStringList &rows)
{
    QByteArray data;
    int id = 0;
    for (const QString &row : rows) {
        const QStringList c = row.split(u' ');
        // The tag column: UPOS, or UPOS/XPOS, or UPOS/XPOS/relation.
        const QStringList tag = c[1].split(u'/');
        data += QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7\t%8\t_\t%9\n")
                    .arg(++id)
                    .arg(c[0], c[0] == u"of" ? QStringLiteral("of") : c[0], tag[0], tag.value(1, QStringLiteral("_")),
                        c.value(4, QStringLiteral("_")), c[2], tag.value(2, QStringLiteral("dep")),
                        c.value(3, QStringLiteral("_")))
                    .toUtf8();
    }
    const QList<ConlluSentence> s = parseConllu(data);
    return s.value(0);
}

// The baseline the trained tagger must beat: every run of title-case words not at the sentence's start is a
// person.
QList<NameSpan> capitalisedRuns(const QStringList &words)
{
    QList<NameSpan> out;
    for (int i = 1; i < words.size(); ++i) {
        const auto title = [&](int k) {
            return k < words.size() && !words[k].isEmpty() && words[k].front().isUpper()
                && words[k].sliced(1) == words[k].sliced(1).toLower() && words[k].size() > 1;
        };
        if (!title(i))
            continue;
        int last = i + 1;
        while (title(last))
            ++last;
        out.append({ i, last, NameType::Person, 1.0f });
        i = last - 1;
    }
    return out;
}

std::vector<QStringView> views(const QStringList &words)
{
    return { words.cbegin(), words.cend() };
}

} // namespace

class TestNerTagger : public QObject
{
    Q_OBJECT

private slots:
    void ioTagsBecomeBio_data()
    {
        QTest::addColumn<QStringList>("io");
        QTest::addColumn<QStringList>("bio");
        QTest::newRow("name after O opens")
            << QStringList { "O", "I-PER", "I-PER", "O" } << QStringList { "O", "B-PER", "I-PER", "O" };
        QTest::newRow("another type opens a name")
            << QStringList { "I-ORG", "I-LOC" } << QStringList { "B-ORG", "B-LOC" };
        QTest::newRow("same type side by side stays one name")
            << QStringList { "I-LOC", "I-LOC", "I-LOC" } << QStringList { "B-LOC", "I-LOC", "I-LOC" };
        QTest::newRow("B- kept") << QStringList { "B-MISC", "I-MISC" } << QStringList { "B-MISC", "I-MISC" };
    }

    void ioTagsBecomeBio()
    {
        QFETCH(QStringList, io);
        QFETCH(QStringList, bio);
        QCOMPARE(ioToBio(io), bio);
    }

    void bioTagsBecomeNames_data()
    {
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("two names") << QStringList { "B-PER", "I-PER", "O", "B-LOC" }
                                   << QStringList { "PER 0-2", "LOC 3-4" };
        QTest::newRow("B after B splits") << QStringList { "B-ORG", "B-ORG" } << QStringList { "ORG 0-1", "ORG 1-2" };
        QTest::newRow("stray I opens") << QStringList { "O", "I-LOC", "I-LOC" } << QStringList { "LOC 1-3" };
        QTest::newRow("type change splits") << QStringList { "B-PER", "I-ORG" } << QStringList { "PER 0-1", "ORG 1-2" };
        QTest::newRow("unmapped type is no name")
            << QStringList { "B-DATE", "I-DATE", "B-PER" } << QStringList { "PER 2-3" };
        QTest::newRow("name at the end") << QStringList { "O", "B-MISC", "I-MISC" } << QStringList { "MISC 1-3" };
    }

    void bioTagsBecomeNames()
    {
        QFETCH(QStringList, tags);
        QFETCH(QStringList, names);
        QCOMPARE(describe(namesFromBio(tags, conll)), names);
    }

    void columnCorporaFollowOneConvention_data()
    {
        QTest::addColumn<int>("corpus");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("wikigold IO") << int(NerCorpus::WikiGold)
                                     << QByteArray(
                                            "-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nCapsule I-ORG\nin O\nJapan I-LOC\n")
                                     << QStringList { "The", "Mad", "Capsule", "in", "Japan" }
                                     << QStringList { "ORG 0-3", "LOC 4-5" };
        QTest::newRow("re3d phrases trimmed to names")
            << int(NerCorpus::Re3d)
            << QByteArray("the\tB-Organisation\nKurdish\tI-Organisation\nYPG\tI-Organisation\nunits\tI-Organisation\n"
                          "and\tO\nwe\tB-Organisation\nleft\tO\nSyria\tB-Location\ntoday\tB-Temporal\n\n"
                          "The\tB-Location\nUK\tI-Location\nand\tO\nIraqi\tB-Nationality\nforces\tO\n")
            << QStringList { "the", "Kurdish", "YPG", "units", "and", "we", "left", "Syria", "today" }
            << QStringList { "ORG 1-3", "LOC 7-8" };
        QTest::newRow("BTC handles joined")
            << int(NerCorpus::Btc) << QByteArray("Hey\tO\n@\tB-PER\nBethAnne17\tB-PER\nin\tO\n@\tO\nPhilly\tB-LOC\n")
            << QStringList { "Hey", "@BethAnne17", "in", "@", "Philly" } << QStringList { "PER 1-2", "LOC 4-5" };
        QTest::newRow("Universal NER columns, OTH as MISC")
            << int(NerCorpus::UnerEwtTest)
            << QByteArray(
                   "# sent_id = x\n1\tI\tO\t-\t-\n2\tlove\tO\t-\t-\n3\tGoogle\tB-ORG\t-\t-\n4\tMaps\tB-OTH\t-\t-\n")
            << QStringList { "I", "love", "Google", "Maps" } << QStringList { "ORG 2-3", "MISC 3-4" };
    }

    void columnCorporaFollowOneConvention()
    {
        QFETCH(int, corpus);
        QFETCH(QByteArray, data);
        QFETCH(QStringList, words);
        QFETCH(QStringList, names);
        const QList<NerSentence> s = parseNerColumns(data, NerCorpus(corpus));
        QVERIFY(!s.isEmpty());
        QCOMPARE(s.front().words, words);
        QCOMPARE(describe(s.front().names), names);
        if (corpus == int(NerCorpus::Re3d)) {
            // "the" was cut from a name above, so "The" is cut at a sentence's start too; a nationality is MISC.
            QCOMPARE(s.size(), 2);
            QCOMPARE(describe(s[1].names), (QStringList { "LOC 1-2", "MISC 3-4" }));
        }
    }

    void gumMentionsBecomeNames_data()
    {
        QTest::addColumn<QStringList>("rows"); // form upos head misc [feats]
        QTest::addColumn<QStringList>("names");
        QTest::newRow("the dropped, multi-word place") << QStringList { "in ADP 4 _",
            "the DET 4 Entity=(1-place-new-sss-cf1-2,3-coref-United_States", "United PROPN 4 _",
            "States PROPN 0 Entity=1)" } << QStringList { "LOC 2-4" };
        QTest::newRow("nested: the outermost name wins")
            << QStringList { "the DET 2 Entity=(2-organization-new-sss-cf1-2-coref-University_of_Basel",
                   "University PROPN 0 _", "of ADP 4 _", "Basel PROPN 2 Entity=(3-place-new-sss-cf2-1-sgl-Basel)2)" }
            << QStringList { "ORG 1-4" };
        QTest::newRow("apposition: inner name outside the outer one's")
            << QStringList { "Buxton PROPN 0 Entity=(4-place-new-sss-cf1-1-coref-Buxton", ", PUNCT 3 _",
                   "England PROPN 1 Entity=(5-place-new-sss-cf2-1-sgl-England)4)" }
            << QStringList { "LOC 0-1", "LOC 2-3" };
        QTest::newRow("pronoun and description with an identity are no names")
            << QStringList { "his PRON 2 Entity=(6-person-giv-sss-cf1-1-ana-Daniel_Bernoulli)",
                   "father NOUN 0 Entity=(7-person-new-sss-cf2-1-coref-Johann_Bernoulli)", "was AUX 5 _",
                   "a DET 5 Entity=(7-person-giv-sss-cf2-2-pred-Johann_Bernoulli", "mathematician NOUN 2 Entity=7)" }
            << QStringList {};
        QTest::newRow("proper noun without identity; time is no name")
            << QStringList { "Valeska PROPN 0 Entity=(8-person-new-sss-cf1-1,2-sgl", "Paris PROPN 1 Entity=8)",
                   "in ADP 4 _", "December PROPN 1 Entity=(9-time-new-sss-cf2-1-sgl)" }
            << QStringList { "PER 0-2" };
        QTest::newRow("capitalised adjective with identity; a plural group is MISC") << QStringList {
            "English ADJ 2 Entity=(10-abstract-new-sss-cf1-1-sgl-English_language)", "speakers NOUN 0 _",
            "and CCONJ 4 _", "Americans PROPN 2 Entity=(11-person-new-sss-cf2-1-sgl) Number=Plur"
        } << QStringList { "MISC 0-1", "MISC 3-4" };
        QTest::newRow("a name's word the treebank tags VERB or ADJ, and NNP")
            << QStringList { "the DET/DT 3 Entity=(12-place-new-sss-cf1-3-coref-United_Kingdom", "United VERB/NNP 3 _",
                   "Kingdom PROPN/NNP 0 Entity=12)" }
            << QStringList { "LOC 1-3" };
        QTest::newRow("a title before a name is no part of it")
            << QStringList { "Dr. PROPN/NNP/nmod:desc 3 Entity=(13-person-new-sss-cf1-3-coref-William_Glennie",
                   "William PROPN/NNP 3 _", "Glennie PROPN/NNP 0 Entity=13)" }
            << QStringList { "PER 1-3" };
    }

    void gumMentionsBecomeNames()
    {
        QFETCH(QStringList, rows);
        QFETCH(QStringList, names);
        const ConlluSentence s = conllu(rows);
        QCOMPARE(s.words.size(), rows.size());
        QCOMPARE(describe(gumNames(s)), names);
    }

    void gazetteerBitsOfWords()
    {
        const GazetteerFeatures &g = GazetteerFeatures::shared();
        QVERIFY(g.givenNameCount() > 1000);
        QVERIFY(g.surnameCount() > 1000);
        const QStringList words { "Angela", "Merkel", "met", "Xi", "Jinping", "in", "Beijing", ",", "france", "and",
            "the", "U.S.", "envoy", "." };
        const std::vector<quint32> b = g.bits(views(words));
        QCOMPARE(b.size(), size_t(words.size()));
        using G = GazetteerFeatures;
        // A leader's name of two words: the first begins it and goes on, the second ends it.
        QVERIFY(b[0] & G::Person);
        QVERIFY(b[0] & G::Begin);
        QVERIFY(b[0] & G::Inside);
        QVERIFY(b[1] & G::Person);
        QVERIFY(!(b[1] & G::Begin));
        QVERIFY(!(b[1] & G::Inside));
        QVERIFY(b[0] & G::GivenName);
        QVERIFY(b[1] & G::Surname);
        // A common English given name, from givennames.txt; not a surname of it.
        QVERIFY(b[0] & G::CommonGivenName);
        QVERIFY(!(b[1] & G::CommonGivenName));
        QVERIFY(b[3] & G::Person);
        QCOMPARE(b[2], 0u);
        QVERIFY(b[6] & G::Capital);
        // Lower case: only the caseless bits.
        QVERIFY(!(b[8] & G::KindMask));
        QVERIFY(b[8] & G::CaselessLocation);
        QVERIFY(b[8] & G::CaselessBegin);
        // One word of several tokens.
        QVERIFY(b[11] & G::Country);
        QVERIFY(b[11] & G::Abbreviation);
        QCOMPARE(b[12] & G::KindMask, 0u);
        // Lower-case particles of names (bin, the, de) are no given names or surnames.
        QCOMPARE(b[10] & (G::GivenName | G::Surname), 0u);
        QVERIFY(g.bits({}).empty());
    }

    void smallTaggerLearnsAndBeatsBaseline()
    {
        const QString dir = trainingDir();
        if (!QDir(dir).exists())
            QSKIP("no ../shared/data/training");
        QString error;
        QList<NerSentence> uner = readNerCorpus(NerCorpus::UnerEwtDev, dir, &error);
        QVERIFY2(!uner.isEmpty(), qPrintable(error));
        const QList<NerSentence> wikigold = readNerCorpus(NerCorpus::WikiGold, dir, &error);
        QVERIFY2(!wikigold.isEmpty(), qPrintable(error));
        // Train on the first 1,500 Universal NER dev sentences and 1,000 of wikigold, measure on the rest of
        // Universal NER dev.
        const QList<NerSentence> held = uner.mid(1500);
        uner = uner.first(1500);
        NerTrainSettings settings;
        settings.corpora = { { NerCorpus::UnerEwtDev, 1 }, { NerCorpus::WikiGold, 1 } };
        settings.epochs = 4;
        settings.maxSentences = 2500;
        const QList<QPair<NerCorpus, QList<NerSentence>>> train { { NerCorpus::UnerEwtDev, uner },
            { NerCorpus::WikiGold, wikigold } };
        const QByteArray model = trainNerModel(train, held.first(200), settings);
        NerTagger tagger;
        QVERIFY2(tagger.load(model, &error), qPrintable(error));
        NerCounts trained, baseline;
        for (const NerSentence &s : held) {
            const std::vector<QStringView> v = views(s.words);
            QList<NameSpan> found = tagger.tag(v);
            for (const NameSpan &n : std::as_const(found)) {
                QVERIFY(n.confidence >= 0.0f && n.confidence <= 1.0f);
                QVERIFY(n.first < n.last && n.last <= s.words.size());
            }
            found.removeIf([](const NameSpan &n) { return n.type == NameType::Misc; });
            trained.add(s.names, found);
            baseline.add(s.names, capitalisedRuns(s.words));
        }
        const auto types = { NameType::Person, NameType::Organization, NameType::Location };
        qInfo("held-out micro F1 %.3f (PER %.3f ORG %.3f LOC %.3f), baseline %.3f (PER %.3f)", trained.microF1(types),
            trained.f1(NameType::Person), trained.f1(NameType::Organization), trained.f1(NameType::Location),
            baseline.microF1(types), baseline.f1(NameType::Person));
        QVERIFY(trained.microF1(types) > 0.4);
        QVERIFY(trained.microF1(types) > baseline.microF1(types) + 0.15);
        QVERIFY(trained.f1(NameType::Person) > baseline.f1(NameType::Person));
        QVERIFY(trained.f1(NameType::Location) > 0.5);

        // A bias for a type opens more names of it, and a negative one none.
        const auto organisations = [&](qint32 bias) {
            tagger.setTypeBias(NameType::Organization, bias);
            int found = 0;
            for (const NerSentence &s : held) {
                for (const NameSpan &n : tagger.tag(views(s.words)))
                    found += n.type == NameType::Organization;
            }
            return found;
        };
        const int unbiased = organisations(0);
        QVERIFY(unbiased > 0);
        QVERIFY(organisations(20000) > unbiased);
        QCOMPARE(organisations(-10000000), 0);

        // The same data and settings give the same bytes.
        settings.epochs = 1;
        settings.maxSentences = 300;
        QCOMPARE(trainNerModel(train, {}, settings), trainNerModel(train, {}, settings));
    }

    void shippedModelMeetsTheFloors()
    {
        const NerTagger &tagger = NerTagger::shared();
        QVERIFY2(tagger.isLoaded(), "resources/models/ner.model is not compiled in (re-run cmake after training)");
        const QString dir = trainingDir();
        if (!QDir(dir).exists())
            QSKIP("no ../shared/data/training");
        const QList<Figure> figures = evaluateNer(tagger, dir);
        const auto figure = [&](const QString &name) {
            for (const Figure &f : figures) {
                if (f.name == name)
                    return f.value;
            }
            return -1.0;
        };
        const double per = figure(QStringLiteral("NER PER F1, UNER EWT test"));
        const double org = figure(QStringLiteral("NER ORG F1, UNER EWT test"));
        const double loc = figure(QStringLiteral("NER LOC F1, UNER EWT test"));
        qInfo("UNER EWT test: PER %.3f ORG %.3f LOC %.3f", per, org, loc);
        // Issue 8's floors for people and places; organisations, not reached yet (0.50): when a model reaches it, this
        // passes unexpectedly and the expectation goes. Below it, what the shipped model reaches less a little, so
        // that a retrained model does not fall back.
        QVERIFY2(per >= 0.80, qPrintable(QString::number(per)));
        QVERIFY2(loc >= 0.75, qPrintable(QString::number(loc)));
        QVERIFY2(org >= 0.47, qPrintable(QString::number(org)));
        QEXPECT_FAIL("", "issue 8's floor for organisations not reached yet", Continue);
        QVERIFY(org >= 0.55);
    }

    void oddInputs_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::newRow("empty") << QStringList {};
        QTest::newRow("one word") << QStringList { "Obama" };
        QTest::newRow("one empty word") << QStringList { "" };
        QTest::newRow("punctuation only") << QStringList { ".", ",", "(", ")" };
        QTest::newRow("Chinese") << QStringList { "习近平", "在", "北京", "会见", "了", "普京", "。" };
        QTest::newRow("Arabic") << QStringList { "التقى", "الرئيس", "المصري", "بنظيره", "الفرنسي", "في", "القاهرة" };
        QTest::newRow("Russian") << QStringList { "Путин", "встретился", "с", "Си", "Цзиньпином", "в", "Москве" };
        QTest::newRow("words with spaces") << QStringList { "New York", "and", "Los Angeles" };
        QStringList many;
        for (int i = 0; i < 1000; ++i)
            many << (i % 7 == 3   ? QStringLiteral("Paris")
                    : i % 11 == 5 ? QStringLiteral("Macron")
                                  : QStringLiteral("said"));
        QTest::newRow("1,000 words") << many;
    }

    void oddInputs()
    {
        QFETCH(QStringList, words);
        const NerTagger &tagger = NerTagger::shared();
        if (!tagger.isLoaded())
            QSKIP("no shipped model");
        const std::vector<QStringView> v = views(words);
        const std::vector<quint32> bits = GazetteerFeatures::shared().bits(v);
        QCOMPARE(bits.size(), v.size());
        const QList<NameSpan> found = tagger.tag(v, bits);
        // Bits computed by the tagger itself give the same names.
        QCOMPARE(describe(tagger.tag(v)), describe(found));
        int end = 0;
        for (const NameSpan &n : found) {
            QVERIFY(n.first >= end);
            QVERIFY(n.first < n.last);
            QVERIFY(n.last <= words.size());
            QVERIFY(n.confidence >= 0.0f && n.confidence <= 1.0f);
            end = n.last;
        }
        if (words.size() == 1000) {
            // Names spread over a long window are still found.
            QVERIFY(found.size() > 50);
        }
    }

    void refusesWhatIsNoModel()
    {
        NerTagger t;
        QString error;
        QVERIFY(!t.load(QByteArray("not a model"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!t.isLoaded());
        const QStringList words { "Angela", "Merkel" };
        QVERIFY(t.tag(views(words)).isEmpty());
        // A perceptron model of other classes and without the tagger's feature set is refused too.
        Perceptron p({ QStringLiteral("O"), QStringLiteral("B-PER") });
        p.update(std::vector<Feature> { feature(1, 1) }, 1, 0);
        QVERIFY(!t.load(p.save("something else"), &error));
    }
};

QTEST_GUILESS_MAIN(TestNerTagger)
#include "tst_nertagger.moc"

// Brown word clusters: the tokenisation they are learnt on, words used alike end up in one subtree, the
// incrementally kept losses equal freshly computed ones, training is deterministic, the file round-trips and a
// damaged one is refused, and the shipped clusters put countries together.
#include "wordclusters.h"
#include "wordfeatures.h"

#include <QTest>

using namespace entente::learn;

class TestWordClusters : public QObject
{
    Q_OBJECT

private:
    static quint64 splitmix(quint64 &state)
    {
        quint64 z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    static const QStringList &fruits()
    {
        static const QStringList words { QStringLiteral("apple"), QStringLiteral("pear"), QStringLiteral("plum"),
            QStringLiteral("fig"), QStringLiteral("mango"), QStringLiteral("lime") };
        return words;
    }
    static const QStringList &cities()
    {
        static const QStringList words { QStringLiteral("paris"), QStringLiteral("rome"), QStringLiteral("oslo"),
            QStringLiteral("lima"), QStringLiteral("cairo"), QStringLiteral("delhi") };
        return words;
    }

    // Sentences where fruits are eaten and cities travelled to: the two groups never share a neighbour.
    static BrownClusterer syntheticCorpus(int sentences, quint64 seed)
    {
        static const QStringList subjects { QStringLiteral("i"), QStringLiteral("we"), QStringLiteral("they"),
            QStringLiteral("you") };
        static const QStringList eat { QStringLiteral("eat"), QStringLiteral("peel"), QStringLiteral("buy") };
        static const QStringList det { QStringLiteral("a"), QStringLiteral("the"), QStringLiteral("one") };
        static const QStringList eatTail { QStringLiteral("slowly"), QStringLiteral("today") };
        static const QStringList go { QStringLiteral("fly"), QStringLiteral("drive"), QStringLiteral("walk") };
        static const QStringList goTail { QStringLiteral("tomorrow"), QStringLiteral("tonight") };
        const auto pick = [&seed](const QStringList &words) { return words[qsizetype(splitmix(seed) % words.size())]; };
        BrownClusterer b;
        for (int i = 0; i < sentences; ++i) {
            QStringList s { pick(subjects) };
            if (splitmix(seed) % 2)
                s << pick(eat) << pick(det) << pick(fruits()) << pick(eatTail);
            else
                s << pick(go) << QStringLiteral("to") << pick(cities()) << pick(goTail);
            s << QStringLiteral(".");
            b.addText(s.join(u' '));
            b.endDocument();
        }
        return b;
    }

    static BrownClusterer::Options options(int clusters, int minCount, int checkEvery = 0)
    {
        BrownClusterer::Options o;
        o.clusters = clusters;
        o.minCount = minCount;
        o.checkEvery = checkEvery;
        return o;
    }

    static WordClusters::Path pathOf(const WordClusters &c, const QString &word) { return c.path(wordInfo(word).norm); }

private slots:
    void tokenizesLikeUd_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tokens");
        QTest::newRow("clitics apart") << QStringLiteral("We don't know if it's the Government's")
                                       << QStringList { "We", "do", "n't", "know", "if", "it", "'s", "the",
                                              "Government", "'s" };
        QTest::newRow("curly apostrophe clitic") << QStringLiteral("can’t") << QStringList { "ca", "n’t" };
        QTest::newRow("cannot as can not") << QStringLiteral("We cannot") << QStringList { "We", "can", "not" };
        QTest::newRow("plural possessive")
            << QStringLiteral("the States' rights") << QStringList { "the", "States", "'", "rights" };
        QTest::newRow("abbreviations keep their period") << QStringLiteral(
            "Mr. Ban of the U.S. spoke.") << QStringList { "Mr.", "Ban", "of", "the", "U.S.", "spoke", "." };
        QTest::newRow("punctuation apart")
            << QStringLiteral("(peace), \"security\"; and:")
            << QStringList { "(", "peace", ")", ",", "\"", "security", "\"", ";", "and", ":" };
        QTest::newRow("hyphens apart") << QStringLiteral("sixty-third Secretary-")
                                       << QStringList { "sixty", "-", "third", "Secretary", "-" };
        QTest::newRow("numbers whole") << QStringLiteral("1,000 people, 3.5 per cent in 1999.")
                                       << QStringList { "1,000", "people", ",", "3.5", "per", "cent", "in", "1999",
                                              "." };
        QTest::newRow("ellipsis") << QStringLiteral("and so on...") << QStringList { "and", "so", "on", "..." };
        QTest::newRow("byte order marks and zero-width spaces apart")
            << QStringLiteral("world.\uFEFFMay I\u200Bthank") << QStringList { "world", ".", "May", "I", "thank" };
        QTest::newRow("clitic alone") << QStringLiteral("UN 's role") << QStringList { "UN", "'s", "role" };
    }

    void tokenizesLikeUd()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tokens);
        QStringList got;
        for (const QStringView t : WordClusters::tokenize(text))
            got.append(t.toString());
        QCOMPARE(got, tokens);
    }

    void separatesWordsUsedInDifferentContexts()
    {
        BrownClusterer b = syntheticCorpus(3000, 1);
        QString error;
        const QByteArray bytes = b.train(options(6, 1), &error);
        QVERIFY2(!bytes.isEmpty(), qPrintable(error));
        WordClusters c;
        QVERIFY2(c.load(bytes, &error), qPrintable(error));
        QCOMPARE(c.clusterCount(), 6);
        QCOMPARE(c.wordCount(), 31);
        // Each group in a subtree of its own: any two words of a group share more of their paths than a word
        // of one group and a word of the other.
        int within = 64, across = 0;
        for (const QStringList *group : { &fruits(), &cities() }) {
            for (const QString &x : *group) {
                for (const QString &y : *group)
                    within = std::min(within, x == y ? 64 : WordClusters::commonPrefix(pathOf(c, x), pathOf(c, y)));
            }
        }
        for (const QString &x : fruits()) {
            for (const QString &y : cities())
                across = std::max(across, WordClusters::commonPrefix(pathOf(c, x), pathOf(c, y)));
        }
        QVERIFY2(within > across, qPrintable(QStringLiteral("within %1, across %2").arg(within).arg(across)));
        QCOMPARE(b.summary().words, 31);
        QVERIFY(b.summary().mutualInformation > 0.0);
    }

    void incrementalLossesEqualFreshOnes()
    {
        // Every merge is checked against losses computed from scratch: the incremental updates, the losses of
        // a new word's cluster from its neighbours alone, and the skipped pairs.
        BrownClusterer b = syntheticCorpus(2000, 2);
        QString error;
        const QByteArray bytes = b.train(options(5, 1, 1), &error);
        QVERIFY2(!bytes.isEmpty(), qPrintable(error));
    }

    void trainingIsDeterministic()
    {
        BrownClusterer a = syntheticCorpus(1000, 3), b = syntheticCorpus(1000, 3);
        const BrownClusterer::Options o = options(4, 2);
        const QByteArray first = a.train(o), second = b.train(o);
        QVERIFY(!first.isEmpty());
        QCOMPARE(first, second);
        QCOMPARE(a.train(o), first); // and again from the same counts
    }

    void lookupRoundTrip()
    {
        BrownClusterer b = syntheticCorpus(1000, 4);
        const QByteArray bytes = b.train(options(6, 1));
        WordClusters c;
        QVERIFY(c.load(bytes));
        QVERIFY(c.isLoaded());
        QVERIFY(c.meta().startsWith("brown c=6 key=norm"));
        for (const QString &w : fruits() + cities()) {
            const quint64 key = wordInfo(w).norm;
            const int cluster = c.cluster(key);
            QVERIFY2(cluster >= 0 && cluster < c.clusterCount(), qPrintable(w));
            QCOMPARE(c.path(key), c.clusterPath(cluster));
            QVERIFY(c.path(key).length > 0);
            QVERIFY(c.prefix(key, 4) != 0);
            // Upper case and lower case are one word.
            QCOMPARE(c.cluster(wordInfo(w.toUpper()).norm), cluster);
            // The trainer's report lists the word in its own cluster.
            QVERIFY(b.clusterWords(w, 100).contains(w));
        }
        // A prefix as long as the path or longer is the whole path.
        const quint64 plum = wordInfo(u"plum").norm;
        QCOMPARE(c.prefix(plum, 32), c.prefix(plum, c.path(plum).length));
        QCOMPARE(c.prefix(plum, 1), c.prefix(wordInfo(u"PLUM").norm, 1));
        QVERIFY(c.prefix(plum, 1) != c.prefix(plum, 2) || c.path(plum).length < 2);
        const quint64 unknown = wordInfo(u"zebra").norm;
        QCOMPARE(c.cluster(unknown), -1);
        QCOMPARE(c.path(unknown), WordClusters::Path {});
        QCOMPARE(c.prefix(unknown, 4), quint64(0));
        // Clusters are numbered from left to right in the tree: their paths ascend.
        for (int i = 1; i < c.clusterCount(); ++i) {
            const WordClusters::Path p = c.clusterPath(i - 1), q = c.clusterPath(i);
            QVERIFY(p.toString() < q.toString());
        }
    }

    void refusesDamagedFiles_data()
    {
        QTest::addColumn<int>("damage");
        QTest::newRow("empty") << 0;
        QTest::newRow("magic only") << 1;
        QTest::newRow("truncated") << 2;
        QTest::newRow("one bit flipped in the keys") << 3;
        QTest::newRow("another version") << 4;
        QTest::newRow("trailing bytes") << 5;
    }

    void refusesDamagedFiles()
    {
        QFETCH(int, damage);
        BrownClusterer b = syntheticCorpus(500, 5);
        QByteArray bytes = b.train(options(4, 1));
        QVERIFY(WordClusters().load(bytes));
        switch (damage) {
        case 0:
            bytes.clear();
            break;
        case 1:
            bytes = bytes.left(4);
            break;
        case 2:
            bytes.chop(3);
            break;
        case 3:
            bytes[bytes.size() - 100] = char(bytes[bytes.size() - 100] ^ 0x10);
            break;
        case 4:
            bytes[4] = 2;
            break;
        case 5:
            bytes.append("xx");
            break;
        }
        WordClusters c;
        QString error;
        QVERIFY(!c.load(bytes, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!c.isLoaded());
        QCOMPARE(c.cluster(wordInfo(u"plum").norm), -1);
    }

    void shippedClustersGroupCountries()
    {
        const WordClusters &c = WordClusters::shared();
        QVERIFY2(c.isLoaded(), "resources/models/clusters.bin is missing or damaged");
        QVERIFY(c.clusterCount() >= 256);
        QVERIFY(c.wordCount() >= 20000);
        const auto common = [&](const char16_t *x, const char16_t *y) {
            return WordClusters::commonPrefix(pathOf(c, QString::fromUtf16(x)), pathOf(c, QString::fromUtf16(y)));
        };
        for (const char16_t *w : { u"France", u"germany", u"said", u"John", u"ministry", u"1999" })
            QVERIFY2(c.cluster(wordInfo(w).norm) >= 0, qPrintable(QString::fromUtf16(w)));
        QVERIFY(common(u"france", u"germany") > common(u"france", u"said"));
        QVERIFY(common(u"france", u"germany") > common(u"france", u"ministry"));
        QVERIFY(common(u"john", u"mary") > common(u"john", u"council"));
        QVERIFY(common(u"said", u"stated") > common(u"said", u"germany"));
        QCOMPARE(c.path(wordInfo(u"1999").norm), c.path(wordInfo(u"2023").norm));
    }
};

QTEST_GUILESS_MAIN(TestWordClusters)
#include "tst_wordclusters.moc"

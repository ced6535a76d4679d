// The averaged perceptron and its model file: it learns a problem it can separate, the saved weights
// predict what the trained ones do, the table scores exactly the weights of the file whatever the number of
// classes, and a damaged file is refused.
#include "perceptron.h"
#include "wordfeatures.h"

#include <QTest>

#include <algorithm>
#include <numeric>

#include <random>

using namespace entente::learn;

class TestPerceptron : public QObject
{
    Q_OBJECT

private:
    // Words labelled by their last letter's class (vowel, s, other), with a noise feature each.
    struct Example
    {
        std::vector<Feature> features;
        int label;
    };
    static std::vector<Example> suffixProblem(int count, quint64 seed)
    {
        std::mt19937_64 rng(seed);
        static const QStringList vowels { QStringLiteral("a"), QStringLiteral("e"), QStringLiteral("i"),
            QStringLiteral("o"), QStringLiteral("u") };
        std::vector<Example> out;
        for (int i = 0; i < count; ++i) {
            QString word;
            const int len = 3 + int(rng() % 6);
            for (int k = 0; k < len; ++k)
                word.append(QChar(u'a' + char16_t(rng() % 26)));
            const QChar last = word.back();
            const int label = vowels.contains(QString(last)) ? 0 : last == u's' ? 1 : 2;
            const WordInfo w = wordInfo(word);
            out.push_back(
                { { feature(1, 0), feature(2, w.suffix[0]), feature(3, w.prefix[0]), feature(4, rng() % 50) }, label });
        }
        return out;
    }

private slots:
    void learnsASeparableProblem()
    {
        Perceptron p({ QStringLiteral("vowel"), QStringLiteral("s"), QStringLiteral("other") });
        const auto train = suffixProblem(2000, 1);
        for (int epoch = 0; epoch < 5; ++epoch) {
            for (const Example &e : train)
                p.update(e.features, e.label, p.predict(e.features));
        }
        WeightTable table;
        QString error;
        QVERIFY2(table.load(p.save("meta"), &error), qPrintable(error));
        QCOMPARE(table.classCount(), 3);
        QCOMPARE(table.classNames().at(1), QStringLiteral("s"));
        QCOMPARE(table.meta(), QByteArray("meta"));
        const auto test = suffixProblem(500, 2);
        int right = 0;
        std::vector<qint32> scores(3);
        for (const Example &e : test)
            right += table.predict(e.features, scores) == e.label;
        QVERIFY2(right >= 490, qPrintable(QString::number(right)));
    }

    void pruningKeepsTheStrongWeights()
    {
        Perceptron p({ QStringLiteral("a"), QStringLiteral("b") });
        const std::vector<Feature> strong { feature(1, 1) };
        const std::vector<Feature> weak { feature(1, 2) };
        // The strong feature keeps its weight over a thousand examples; the weak one is undone one example later.
        for (int i = 0; i < 10; ++i)
            p.update(strong, 0, 1);
        p.update(weak, 1, 0);
        p.update(weak, 0, 1);
        for (int i = 0; i < 1000; ++i)
            p.update(strong, 0, 0);
        WeightTable all, pruned;
        QVERIFY(all.load(p.save({}, 0.0f)));
        QVERIFY(pruned.load(p.save({}, 0.01f)));
        QCOMPARE(all.featureCount(), size_t(2));
        QCOMPARE(pruned.featureCount(), size_t(1));
    }

    void savingIsDeterministic()
    {
        const auto train = suffixProblem(300, 7);
        const auto run = [&] {
            Perceptron p({ QStringLiteral("vowel"), QStringLiteral("s"), QStringLiteral("other") });
            for (const Example &e : train)
                p.update(e.features, e.label, p.predict(e.features));
            return p.save();
        };
        QCOMPARE(run(), run());
    }

    // An ensemble in one model (Perceptron::saveAverage()): one model saves as save() does, a model twice as once,
    // and two models trained in other orders give the mean of their weights, which scores as their sum.
    void ensembleAveragesTheModels()
    {
        const QStringList classes { QStringLiteral("vowel"), QStringLiteral("s"), QStringLiteral("other") };
        auto train = suffixProblem(1000, 3);
        const auto trained = [&](quint64 seed) {
            std::mt19937_64 rng(seed);
            std::shuffle(train.begin(), train.end(), rng);
            Perceptron p(classes);
            for (int epoch = 0; epoch < 3; ++epoch) {
                for (const Example &e : train)
                    p.update(e.features, e.label, p.predict(e.features));
            }
            return p;
        };
        const Perceptron a = trained(1);
        const Perceptron b = trained(2);
        const Perceptron *const one[] = { &a };
        const Perceptron *const same[] = { &a, &a };
        const Perceptron *const both[] = { &a, &b };
        QCOMPARE(Perceptron::saveAverage(one, "m", 0.05f), a.save("m", 0.05f));
        QCOMPARE(Perceptron::saveAverage(same, "m", 0.05f), a.save("m", 0.05f));
        const QByteArray mixed = Perceptron::saveAverage(both, "m");
        QCOMPARE(Perceptron::saveAverage(both, "m"), mixed);
        WeightTable ta, tb, tab;
        QVERIFY(ta.load(a.save("m")));
        QVERIFY(tb.load(b.save("m")));
        QVERIFY(tab.load(mixed));
        QVERIFY(tab.featureCount() >= std::max(ta.featureCount(), tb.featureCount()));
        // Where the two prefer one class, so does their mean (but for quantisation's rounding of near ties).
        const auto test = suffixProblem(300, 4);
        std::vector<qint32> scores(3);
        int agreed = 0, kept = 0;
        for (const Example &e : test) {
            const int x = ta.predict(e.features, scores);
            if (x != tb.predict(e.features, scores))
                continue;
            ++agreed;
            kept += tab.predict(e.features, scores) == x;
        }
        QVERIFY(agreed > 250);
        QVERIFY2(kept >= agreed - 3, qPrintable(QStringLiteral("%1 of %2").arg(kept).arg(agreed)));
    }

    void tableScoresWhatTheFileHolds_data()
    {
        QTest::addColumn<int>("classes");
        QTest::addColumn<bool>("compact");
        // Up to four classes the table keeps every class's weight in a feature's slot; beyond, up to two entries
        // in the slot and more in a separate array. Each layout must give the file's weights. CompactWeights does
        // the same with three classes in place.
        QTest::newRow("two classes, in place") << 2 << false;
        QTest::newRow("four classes, in place") << 4 << false;
        QTest::newRow("five classes, in place or spilled") << 5 << false;
        QTest::newRow("forty classes, mostly spilled") << 40 << false;
        QTest::newRow("compact, three classes, in place") << 3 << true;
        QTest::newRow("compact, four classes, in place or spilled") << 4 << true;
        QTest::newRow("compact, seventeen classes") << 17 << true;
        QTest::newRow("compact, fifty-four classes") << 54 << true;
    }

    void tableScoresWhatTheFileHolds()
    {
        QFETCH(int, classes);
        QFETCH(bool, compact);
        // A model file written by hand (the layout Perceptron::save() writes): features of one, two, three and
        // every class's entries, weights of both signs and the extremes.
        std::mt19937_64 rng { quint64(classes) };
        const auto put = [](QByteArray &b, auto v) { b.append(reinterpret_cast<const char *>(&v), sizeof v); };
        QByteArray bytes;
        put(bytes, quint32(0x504e5445));
        put(bytes, quint32(1));
        put(bytes, quint32(classes));
        for (int c = 0; c < classes; ++c) {
            const QByteArray name = QByteArray::number(c);
            put(bytes, quint32(name.size()));
            bytes.append(name);
        }
        put(bytes, quint32(0)); // no metadata
        std::vector<Feature> keys;
        for (quint64 f = 0; f < 400; ++f)
            keys.push_back(feature(9, f));
        std::sort(keys.begin(), keys.end());
        const size_t n = static_cast<size_t>(classes);
        std::vector<std::vector<std::pair<quint16, qint16>>> entries(keys.size());
        QByteArray entryBytes;
        quint32 entryCount = 0;
        for (size_t i = 0; i < keys.size(); ++i) {
            const size_t count = std::min(n, i % 4 == 3 ? n : i % 4 + 1);
            std::vector<quint16> chosen(n);
            std::iota(chosen.begin(), chosen.end(), quint16(0));
            std::shuffle(chosen.begin(), chosen.end(), rng);
            chosen.resize(count);
            std::sort(chosen.begin(), chosen.end());
            for (const quint16 c : chosen) {
                const qint16 w = i == 0 ? qint16(32767) : i == 1 ? qint16(-32767) : qint16(int(rng() % 2001) - 1000);
                entries[i].emplace_back(c, w);
                put(entryBytes, c);
                put(entryBytes, w);
                ++entryCount;
            }
        }
        put(bytes, quint32(keys.size()));
        put(bytes, entryCount);
        for (const Feature k : keys)
            put(bytes, quint64(k));
        for (const auto &e : entries)
            put(bytes, quint16(e.size()));
        bytes.append(entryBytes);

        const auto check = [&](auto &table) {
            QString error;
            QVERIFY2(table.load(bytes, &error), qPrintable(error));
            QCOMPARE(table.featureCount(), keys.size());
            std::vector<qint32> expected(n), sum(n), scores(n);
            for (size_t i = 0; i < keys.size(); ++i) {
                std::fill(expected.begin(), expected.end(), 0);
                for (const auto &[c, w] : entries[i]) {
                    expected[c] += w;
                    sum[c] += w;
                }
                std::fill(scores.begin(), scores.end(), 0);
                table.addScores(std::vector<Feature> { keys[i] }, scores);
                QCOMPARE(scores, expected);
            }
            // All at once, with features the table does not hold among them: the sums of every entry.
            std::vector<Feature> batch = keys;
            batch.push_back(feature(10, 1));
            batch.insert(batch.begin() + 100, feature(10, 2));
            std::fill(scores.begin(), scores.end(), 0);
            table.addScores(batch, scores);
            QCOMPARE(scores, sum);
        };
        if (!compact) {
            WeightTable table;
            check(table);
            return;
        }
        CompactWeights table;
        check(table);
        // Features scattered over three rows: each row gets the sums of its own features' entries.
        std::vector<quint32> rows;
        std::vector<qint32> expected(3 * n), scores(3 * n);
        for (size_t i = 0; i < keys.size(); ++i) {
            rows.push_back(quint32(i % 3));
            for (const auto &[c, w] : entries[i])
                expected[(i % 3) * n + c] += w;
        }
        table.addScoresToRows(keys, rows, scores.data());
        QCOMPARE(scores, expected);
        // Asking for some classes only: those get every weight (the others may or may not).
        std::vector<quint8> even;
        std::vector<qint32> sum(n), some(n);
        for (size_t c = 0; c < n; c += 2)
            even.push_back(quint8(c));
        for (const auto &e : entries) {
            for (const auto &[c, w] : e)
                sum[c] += w;
        }
        table.addScores(keys, some, even);
        for (const quint8 c : even)
            QCOMPARE(some[c], sum[c]);
    }

    void refusesDamagedFiles_data()
    {
        QTest::addColumn<int>("cut");
        QTest::newRow("empty") << 0;
        QTest::newRow("magic only") << 4;
        QTest::newRow("truncated weights") << -3;
    }

    void refusesDamagedFiles()
    {
        QFETCH(int, cut);
        Perceptron p({ QStringLiteral("a"), QStringLiteral("b") });
        const std::vector<Feature> f { feature(1, 1), feature(2, 2) };
        p.update(f, 1, 0);
        QByteArray bytes = p.save();
        bytes = cut >= 0 ? bytes.left(cut) : bytes.left(bytes.size() + cut);
        WeightTable t;
        QString error;
        QVERIFY(!t.load(bytes, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(t.isEmpty());
    }

    void wordInfoTellsShapes()
    {
        const WordInfo borrell = wordInfo(u"Borrell");
        QVERIFY(borrell.is(WordInfo::Title));
        QVERIFY(!borrell.is(WordInfo::Upper));
        QCOMPARE(borrell.shape, wordInfo(u"Siemens").shape); // runs cut to four: Xxxxx
        QVERIFY(borrell.shape != wordInfo(u"Xi").shape);
        QCOMPARE(borrell.shortShape, wordInfo(u"Xi").shortShape);
        QCOMPARE(wordInfo(u"NATO").shortShape, wordInfo(u"UN").shortShape);
        QVERIFY(wordInfo(u"NATO").is(WordInfo::Upper));
        QCOMPARE(wordInfo(u"1999").norm, wordInfo(u"2023").norm);
        QVERIFY(wordInfo(u"1999").form != wordInfo(u"2023").form);
        QCOMPARE(wordInfo(u"China").lower, wordInfo(u"CHINA").lower);
        QCOMPARE(wordInfo(u"China").suffix[2], wordInfo(u"china").suffix[2]);
        QVERIFY(wordInfo(u"running").suffix[2] == wordInfo(u"sing").suffix[2]);
        QVERIFY(wordInfo(u"a").prefix[0] != wordInfo(u"a").suffix[0]);
        QVERIFY(wordInfo(u"U.S.").is(WordInfo::Period));
        QVERIFY(wordInfo(u"don’t").lower == wordInfo(u"don't").lower);
        // Suffixes of a word longer than the internal buffer still come from its end.
        const QString longWord = QString(100, u'a') + QStringLiteral("tion");
        QCOMPARE(wordInfo(longWord).suffix[3], wordInfo(u"nation").suffix[3]);
    }
};

QTEST_GUILESS_MAIN(TestPerceptron)
#include "tst_perceptron.moc"

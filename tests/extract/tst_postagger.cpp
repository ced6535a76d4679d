// The part-of-speech tagger: a tagger trained on a slice of the treebanks learns more than each word's most
// frequent tag, the shipped model meets the accuracy floor on EWT test, training is reproducible to the byte,
// and no input (empty, huge, foreign, punctuation) upsets it.
#include "postagger.h"
#include "ud.h"

#include <QDir>
#include <QHash>
#include <QTest>

using namespace entente::learn;

namespace {

QString dataDir()
{
    return QStringLiteral(ENTENTE_SHARED_DIR "/data/training");
}

std::vector<Upos> tagWords(const PosTagger &tagger, const QStringList &words)
{
    std::vector<QStringView> views(words.cbegin(), words.cend());
    std::vector<Upos> tags(views.size(), Upos::INTJ);
    tagger.tag(views, tags);
    return tags;
}

QString tagString(const std::vector<Upos> &tags)
{
    QStringList names;
    for (const Upos t : tags)
        names.append(uposName(t));
    return names.join(u' ');
}

} // namespace

class TestPosTagger : public QObject
{
    Q_OBJECT

private:
    UdData m_data; // the first 1,500 training sentences, EWT dev and test
    bool m_haveData = false;

    void requireData()
    {
        if (!m_haveData)
            QSKIP("the treebanks of ../shared/data/training are not there");
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_haveData = QDir(dataDir()).exists() && readUdData(dataDir(), m_data, &error, 1500);
        if (QDir(dataDir()).exists())
            QVERIFY2(m_haveData, qPrintable(error));
        if (m_haveData)
            QCOMPARE(m_data.train.size(), 1500);
    }

    void learnsMoreThanEachWordsCommonestTag()
    {
        requireData();
        PosTrainParams params;
        params.epochs = 5;
        PosTagger tagger;
        QString error;
        QVERIFY2(tagger.load(trainPosModel(m_data.train, params), &error), qPrintable(error));

        // The baseline: each training word's most frequent tag, NOUN for words never seen.
        QHash<QString, std::array<int, kUposCount>> counts;
        for (const UdSentence &s : std::as_const(m_data.train)) {
            for (qsizetype i = 0; i < s.words.size(); ++i)
                ++counts[s.words[i]][size_t(s.tags[size_t(i)])];
        }
        const QList<UdSentence> dev = m_data.ewtDev.first(800);
        qint64 right = 0, total = 0;
        for (const UdSentence &s : dev) {
            for (qsizetype i = 0; i < s.words.size(); ++i) {
                const auto it = counts.constFind(s.words[i]);
                const Upos guess
                    = it == counts.cend() ? Upos::NOUN : Upos(std::max_element(it->begin(), it->end()) - it->begin());
                right += guess == s.tags[size_t(i)];
                ++total;
            }
        }
        const double baseline = double(right) / double(total);
        const double accuracy = posAccuracy(tagger, dev);
        qInfo("EWT dev slice: tagger %.4f, commonest-tag baseline %.4f", accuracy, baseline);
        QVERIFY2(accuracy > baseline + 0.04, qPrintable(QStringLiteral("%1 vs %2").arg(accuracy).arg(baseline)));
        QVERIFY(accuracy > 0.86);
    }

    void shippedModelMeetsTheFloor()
    {
        requireData();
        const PosTagger &tagger = PosTagger::shared();
        QVERIFY2(tagger.isLoaded(), "resources/models/pos.model is not compiled in (re-run cmake once it exists)");
        QVERIFY(tagger.meta().contains("UPOS tagger"));
        // A fixed slice of EWT test: its first 1,000 sentences.
        const QList<UdSentence> slice = m_data.ewtTest.first(1000);
        const double accuracy = posAccuracy(tagger, slice);
        qInfo("shipped tagger on the first 1,000 EWT test sentences: %.4f", accuracy);
        QVERIFY2(accuracy >= 0.94, qPrintable(QString::number(accuracy)));
    }

    void trainingIsDeterministic()
    {
        requireData();
        const QList<UdSentence> slice = m_data.train.first(400);
        PosTrainParams params;
        params.epochs = 3;
        params.seed = 7;
        const QByteArray first = trainPosModel(slice, params);
        QVERIFY(!first.isEmpty());
        QCOMPARE(trainPosModel(slice, params), first);
        // The seed orders the examples, so another seed gives other weights.
        params.seed = 8;
        QVERIFY(trainPosModel(slice, params) != first);
    }

    void trainerReportsTestFigures()
    {
        requireData();
        TrainOptions options;
        options.dataDir = dataDir();
        options.maxSentences = 300;
        options.epochs = 2;
        const TrainResult r = trainPosTagger(options);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        PosTagger tagger;
        QVERIFY(tagger.load(r.model));
        QCOMPARE(r.figures.size(), 2);
        QCOMPARE(r.figures[0].name, QStringLiteral("UPOS accuracy, EWT test"));
        QVERIFY(r.figures[0].value > 0.5 && r.figures[0].value < 1.0);
        QVERIFY(r.figures[1].value > 0.5 && r.figures[1].value < 1.0);
    }

    void tagsCommonSentences_data()
    {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("expected");
        QTest::newRow("news clause") << "Russia closed its embassy in Kyiv ."
                                     << "PROPN VERB PRON NOUN ADP PROPN PUNCT";
        QTest::newRow("clitics split the UD way") << "He did n't sign the treaty 's text ."
                                                  << "PRON AUX PART VERB DET NOUN PART NOUN PUNCT";
        QTest::newRow("numbers and determiners") << "The two countries signed 12 agreements in 2023 ."
                                                 << "DET NUM NOUN VERB NUM NOUN ADP NUM PUNCT";
        QTest::newRow("passive auxiliary") << "The talks were held in Geneva ."
                                           << "DET NOUN AUX VERB ADP PROPN PUNCT";
    }

    void tagsCommonSentences()
    {
        QFETCH(QString, sentence);
        QFETCH(QString, expected);
        const PosTagger &tagger = PosTagger::shared();
        if (!tagger.isLoaded())
            QSKIP("no shipped pos.model");
        QCOMPARE(tagString(tagWords(tagger, sentence.split(u' '))), expected);
    }

    void oddInputs_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("expectedPunct"); // for each word, P if it must be PUNCT, - otherwise
        QTest::newRow("empty sentence") << QStringList() << QString();
        QTest::newRow("one word") << QStringList { QStringLiteral("Hello") } << QStringLiteral("-");
        QTest::newRow("one full stop") << QStringList { QStringLiteral(".") } << QStringLiteral("P");
        QTest::newRow("punctuation only") << QStringList { QStringLiteral("!"), QStringLiteral("?"),
            QStringLiteral("..."), QStringLiteral(","), QStringLiteral("(") }
                                          << QStringLiteral("PPPPP");
        QTest::newRow("very long words") << QStringList { QString(20000, u'a'), QStringLiteral("is"),
            QString(5000, u'Z') + QStringLiteral("tion") }
                                         << QStringLiteral("---");
        QTest::newRow("non-Latin scripts") << QStringList { QStringLiteral("中华人民共和国"), QStringLiteral("и"),
            QStringLiteral("Россия"), QStringLiteral("مصر"), QStringLiteral("."), QStringLiteral("😀") }
                                           << QStringLiteral("----P-");
        QTest::newRow("empty strings among words")
            << QStringList { QString(), QStringLiteral("the"), QString() } << QStringLiteral("---");
        QStringList many;
        for (int i = 0; i < 1000; ++i)
            many.append(i % 10 == 9 ? QStringLiteral(",") : QStringLiteral("word%1").arg(i));
        QString pattern;
        for (int i = 0; i < 1000; ++i)
            pattern.append(i % 10 == 9 ? u'P' : u'-');
        QTest::newRow("a thousand words") << many << pattern;
    }

    void oddInputs()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, expectedPunct);
        const PosTagger &tagger = PosTagger::shared();
        if (!tagger.isLoaded())
            QSKIP("no shipped pos.model");
        const std::vector<Upos> tags = tagWords(tagger, words);
        QCOMPARE(qsizetype(tags.size()), words.size());
        for (size_t i = 0; i < tags.size(); ++i) {
            QVERIFY(int(tags[i]) < kUposCount);
            if (expectedPunct[qsizetype(i)] == u'P')
                QCOMPARE(tags[i], Upos::PUNCT);
        }
    }

    void refusesDamagedModels_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("this is not a model");
        const QByteArray shipped = [] {
            PosTrainParams params;
            params.epochs = 1;
            UdSentence s;
            s.words = QStringList { QStringLiteral("Hi"), QStringLiteral(".") };
            s.tags = { Upos::INTJ, Upos::PUNCT };
            s.heads = { -1, 0 };
            s.labels = { 0, 0 };
            return trainPosModel({ s }, params);
        }();
        QTest::newRow("truncated") << shipped.left(shipped.size() - 5);
        QTest::newRow("one byte too many") << shipped + 'x';
    }

    void refusesDamagedModels()
    {
        QFETCH(QByteArray, bytes);
        PosTagger tagger;
        QString error;
        QVERIFY(!tagger.load(bytes, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!tagger.isLoaded());
        // An unloaded tagger still answers, with X.
        QCOMPARE(tagString(tagWords(tagger, { QStringLiteral("Hi"), QStringLiteral(".") })), QStringLiteral("X X"));
    }
};

QTEST_GUILESS_MAIN(TestPosTagger)
#include "tst_postagger.moc"

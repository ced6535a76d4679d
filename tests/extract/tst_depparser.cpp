// The dependency parser: a parser trained on a slice of the treebanks attaches far more words right than
// "each word hangs on the next", the shipped model meets the UAS and LAS floors on EWT test with predicted
// tags, training is reproducible to the byte, and whatever it is given it returns one tree.
#include "depparser.h"
#include "modelfiles.h"
#include "postagger.h"
#include "ud.h"

#include <QDir>
#include <QTest>

using namespace entente::learn;

namespace {

QString dataDir()
{
    return QStringLiteral(ENTENTE_SHARED_DIR "/data/training");
}

struct Parse
{
    std::vector<int> heads;
    std::vector<quint8> labels;
};

Parse parseWords(const DependencyParser &parser, const QStringList &words, const std::vector<Upos> &tags)
{
    std::vector<QStringView> views(words.cbegin(), words.cend());
    Parse p { std::vector<int>(views.size(), -7), std::vector<quint8>(views.size(), 255) };
    parser.parse(views, tags, p.heads, p.labels);
    return p;
}

// The share of words whose gold head is the next word (the last word: the root).
double nextWordBaseline(const QList<UdSentence> &sentences)
{
    qint64 right = 0, total = 0;
    for (const UdSentence &s : sentences) {
        const int n = int(s.words.size());
        for (int i = 0; i < n; ++i)
            right += s.heads[size_t(i)] == (i + 1 < n ? i + 1 : -1);
        total += n;
    }
    return double(right) / double(total);
}

} // namespace

class TestDepParser : public QObject
{
    Q_OBJECT

private:
    UdData m_data; // the first 1,500 training sentences, EWT dev and test, GUM test
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
    }

    void learnsFromASlice()
    {
        requireData();
        // As the trainer does: jackknifed tags, then the parser (fewer epochs, for time).
        QList<UdSentence> train = m_data.train;
        PosTrainParams tagging;
        tagging.epochs = 5;
        QString error;
        QVERIFY2(jackknifeTags(train, 4, tagging, &error), qPrintable(error));
        qint64 changed = 0;
        for (qsizetype i = 0; i < train.size(); ++i)
            changed += train[i].tags != m_data.train[i].tags;
        QVERIFY2(changed > 0, "jackknifing left every gold tag as it was");
        DependencyParserTrainer trainer(m_data.labels);
        ParserTrainParams params;
        params.epochs = 4;
        trainer.train(train, params);
        DependencyParser parser;
        QVERIFY2(parser.load(trainer.save("test"), &error), qPrintable(error));
        QCOMPARE(parser.labelNames(), m_data.labels);
        QCOMPARE(parser.meta(), QByteArray("test"));

        // Measured with predicted tags: the shipped tagger's, or else a tagger of the same slice.
        QList<UdSentence> dev = m_data.ewtDev.first(800);
        PosTagger sliceTagger;
        const PosTagger *tagger = &PosTagger::shared();
        if (!tagger->isLoaded()) {
            QVERIFY(sliceTagger.load(trainPosModel(m_data.train, tagging)));
            tagger = &sliceTagger;
        }
        retag(*tagger, dev);
        const AttachmentScores a = parseAccuracy(parser, dev, m_data.labels);
        const double baseline = nextWordBaseline(dev);
        qInfo("EWT dev slice: UAS %.4f, LAS %.4f; next-word baseline %.4f", a.uas(), a.las(), baseline);
        QVERIFY2(a.uas() > baseline + 0.25, qPrintable(QStringLiteral("%1 vs %2").arg(a.uas()).arg(baseline)));
        QVERIFY(a.las() > 0.55);
        QVERIFY(a.las() <= a.universalLas() && a.universalLas() <= a.uas());
    }

    void trainerReportsTestFigures()
    {
        requireData();
        TrainOptions options;
        options.dataDir = dataDir();
        options.maxSentences = 200;
        options.epochs = 1;
        const TrainResult r = trainParser(options);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        DependencyParser parser;
        QVERIFY(parser.load(r.model));
        QVERIFY(parser.meta().contains("jackknifed"));
        QCOMPARE(r.figures.size(), 6);
        QCOMPARE(r.figures[0].name, QStringLiteral("UAS, EWT test"));
        QCOMPARE(r.figures[1].name, QStringLiteral("LAS, EWT test"));
        for (const Figure &f : r.figures)
            QVERIFY2(f.value > 0.2 && f.value < 1.0, qPrintable(f.name));
    }

    void shippedModelMeetsTheFloors()
    {
        requireData();
        const PosTagger &tagger = PosTagger::shared();
        const DependencyParser &parser = DependencyParser::shared();
        QVERIFY2(tagger.isLoaded() && parser.isLoaded(),
            "resources/models/pos.model or parser.model is not compiled in (re-run cmake once they exist)");
        // A fixed slice of EWT test, its first 1,000 sentences, with the shipped tagger's tags. Read again so that
        // its gold relations index the parser's labels (m_data's index the training slice's).
        UdData full;
        QString error;
        QVERIFY2(readUdData(dataDir(), full, &error, 0, UdParts::TestOnly, parser.labelNames()), qPrintable(error));
        QList<UdSentence> slice = full.ewtTest.first(1000);
        retag(tagger, slice);
        const AttachmentScores a = parseAccuracy(parser, slice, parser.labelNames());
        qInfo("shipped parser on the first 1,000 EWT test sentences: UAS %.4f, LAS %.4f (%lld words)", a.uas(), a.las(),
            a.words);
        QVERIFY2(a.uas() >= 0.82, qPrintable(QString::number(a.uas())));
        QVERIFY2(a.las() >= 0.78, qPrintable(QString::number(a.las())));
    }

    void trainingIsDeterministic()
    {
        requireData();
        const QList<UdSentence> slice = m_data.train.first(300);
        const auto train = [&](quint64 seed) {
            DependencyParserTrainer trainer(m_data.labels);
            ParserTrainParams params;
            params.epochs = 3; // the second and third explore, drawing from the seed
            params.seed = seed;
            trainer.train(slice, params);
            return trainer.save({});
        };
        const QByteArray first = train(1);
        QVERIFY(!first.isEmpty());
        QCOMPARE(train(1), first);
        QVERIFY(train(2) != first);
    }

    void alwaysReturnsATree_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("tags"); // tag names separated by spaces; fewer than words: the rest NOUN
        QTest::newRow("no words") << QStringList() << QString();
        QTest::newRow("one word") << QStringList { QStringLiteral("Go") } << QStringLiteral("VERB");
        QTest::newRow("two words") << QStringList { QStringLiteral("Stop"), QStringLiteral("!") }
                                   << QStringLiteral("VERB PUNCT");
        QTest::newRow("punctuation only")
            << QStringList { QStringLiteral("("), QStringLiteral("."), QStringLiteral(","), QStringLiteral(")") }
            << QStringLiteral("PUNCT PUNCT PUNCT PUNCT");
        QTest::newRow("tags that make no sense")
            << QStringList { QStringLiteral("the"), QStringLiteral("of"), QStringLiteral("and"), QStringLiteral("the") }
            << QStringLiteral("PUNCT PUNCT X SYM");
        QTest::newRow("a sentence") << QString("China and Russia signed a treaty in Moscow on Monday .").split(u' ')
                                    << QStringLiteral("PROPN CCONJ PROPN VERB DET NOUN ADP PROPN ADP PROPN PUNCT");
        QStringList five;
        QString fiveTags;
        const QStringList pool = QString("the envoy said that , in talks with Iran and Iraq , it would "
                                         "not sign ( or ratify ) any deal .")
                                     .split(u' ');
        const QStringList poolTags = QString("DET NOUN VERB SCONJ PUNCT ADP NOUN ADP PROPN CCONJ PROPN PUNCT PRON "
                                             "AUX PART VERB PUNCT CCONJ VERB PUNCT DET NOUN PUNCT")
                                         .split(u' ');
        for (int i = 0; i < 500; ++i) {
            five.append(pool[(i * 7) % pool.size()]);
            fiveTags.append(poolTags[(i * 7) % pool.size()] + u' ');
        }
        QTest::newRow("500 words") << five << fiveTags.trimmed();
        QStringList thousand;
        for (int i = 0; i < 1000; ++i)
            thousand.append(pool[i % pool.size()]);
        QTest::newRow("1000 words, all tagged NOUN") << thousand << QString();
    }

    void alwaysReturnsATree()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, tags);
        std::vector<Upos> uposTags(size_t(words.size()), Upos::NOUN);
        const QStringList names = tags.split(u' ', Qt::SkipEmptyParts);
        for (qsizetype i = 0; i < names.size() && i < words.size(); ++i)
            uposTags[size_t(i)] = uposFromName(names[i]).value_or(Upos::X);

        const DependencyParser unloaded;
        const DependencyParser &shipped = DependencyParser::shared();
        for (const DependencyParser *parser : { &unloaded, &shipped }) {
            if (!parser->isLoaded() && parser == &shipped)
                QSKIP("no shipped parser.model");
            const Parse p = parseWords(*parser, words, uposTags);
            if (words.isEmpty())
                continue;
            QVERIFY2(isTree(p.heads), parser == &shipped ? "shipped parser" : "unloaded parser");
            if (!parser->isLoaded())
                continue;
            for (size_t i = 0; i < p.heads.size(); ++i) {
                QVERIFY(p.labels[i] < parser->labelNames().size());
                // The root word and only it carries the relation "root".
                QCOMPARE(parser->labelNames().at(p.labels[i]) == u"root", p.heads[i] == -1);
            }
        }
    }

    void parsesASimpleClause()
    {
        const DependencyParser &parser = DependencyParser::shared();
        if (!parser.isLoaded())
            QSKIP("no shipped parser.model");
        const QStringList words = QString("China signed the treaty .").split(u' ');
        const std::vector<Upos> tags { Upos::PROPN, Upos::VERB, Upos::DET, Upos::NOUN, Upos::PUNCT };
        const Parse p = parseWords(parser, words, tags);
        const std::vector<int> heads { 1, -1, 3, 1, 1 };
        QCOMPARE(p.heads, heads);
        QStringList labels;
        for (const quint8 l : p.labels)
            labels.append(parser.labelNames().at(l));
        QCOMPARE(labels.join(u' '), QStringLiteral("nsubj root det obj punct"));
    }

    void refusesDamagedModels_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("no parser here");
        QTest::newRow("header only") << QByteArray("ETPR") + QByteArray(8, '\0');
        const QByteArray shipped = modelFile(QStringLiteral("parser.model"));
        if (!shipped.isEmpty()) {
            QTest::newRow("truncated") << shipped.left(shipped.size() / 2);
            QTest::newRow("a tagger model") << modelFile(QStringLiteral("pos.model"));
        }
    }

    void refusesDamagedModels()
    {
        QFETCH(QByteArray, bytes);
        DependencyParser parser;
        QString error;
        QVERIFY(!parser.load(bytes, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!parser.isLoaded());
        QVERIFY(parser.labelNames().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDepParser)
#include "tst_depparser.moc"

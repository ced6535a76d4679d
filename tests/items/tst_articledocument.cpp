// ArticleDocument: the annotations of one stored article as UTF-16 spans over its text.
#include "articledocument.h"
#include "samplestore.h"

#include <QTest>

using namespace entente;

class TestArticleDocument : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void spansCoverWhatTheyName_data();
    void spansCoverWhatTheyName();
    void lookupsFindTheSpanUnderAnOffset();
    void missingArticleIsRefused();

private:
    QTemporaryDir m_dir;
    QString m_path;
    Store m_store;
};

void TestArticleDocument::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = test::importSamples(m_dir);
    QVERIFY(!m_path.isEmpty());
    QVERIFY(m_store.open(m_path, Store::OpenMode::ReadOnly));
}

void TestArticleDocument::spansCoverWhatTheyName_data()
{
    QTest::addColumn<qint64>("id");
    for (qint64 id : test::articleIds(m_store))
        QTest::addRow("sample article %lld: offsets converted from code points", id) << id;
}

void TestArticleDocument::spansCoverWhatTheyName()
{
    QFETCH(qint64, id);
    ArticleDocument doc;
    QVERIFY(doc.load(m_store, id));
    QCOMPARE(doc.id, id);
    const QString &text = doc.record.text;
    QVERIFY(!text.isEmpty());
    QVERIFY(!doc.sentences.isEmpty());
    // The text under each span is what the extraction saw there: the code point offsets of the
    // store came back as the right UTF-16 indices (the samples carry curly quotes and dashes).
    for (const auto &m : doc.mentions) {
        QVERIFY(m.start >= 0 && m.start < m.end && m.end <= text.size());
        QCOMPARE(text.mid(m.start, m.end - m.start), m.text);
        QVERIFY(!m.kind.isEmpty());
        QVERIFY(!m.key.isEmpty());
    }
    for (const auto &d : doc.dates)
        QCOMPARE(text.mid(d.start, d.end - d.start), d.text);
    for (const auto &rel : doc.relations) {
        QVERIFY(rel.start < rel.end);
        QCOMPARE(rel.cueSpans.size(), rel.cues.size());
        for (qsizetype i = 0; i < rel.cueSpans.size(); ++i) {
            const Span &cue = rel.cueSpans.at(i);
            QVERIFY2(cue.start >= rel.start && cue.end <= rel.end, "a cue lies inside its sentence");
            QCOMPARE(text.mid(cue.start, cue.end - cue.start), rel.cues.at(i));
        }
    }
}

void TestArticleDocument::lookupsFindTheSpanUnderAnOffset()
{
    bool checked = false;
    for (qint64 id : test::articleIds(m_store)) {
        ArticleDocument doc;
        QVERIFY(doc.load(m_store, id));
        for (int i = 0; i < doc.mentions.size(); ++i) {
            const auto &m = doc.mentions.at(i);
            const QList<int> at = doc.mentionsAt(m.start);
            QVERIFY(at.contains(i));
            // Innermost first: nothing after the first is shorter.
            for (int j : at)
                QVERIFY(doc.mentions.at(j).end - doc.mentions.at(j).start
                    >= doc.mentions.at(at.first()).end - doc.mentions.at(at.first()).start);
            QVERIFY(!doc.mentionsAt(m.end - 1).isEmpty());
            const Span s = doc.sentenceAt(m.start);
            if (s.end > s.start)
                QVERIFY(s.start <= m.start && m.start < s.end);
            checked = true;
        }
        for (int i = 0; i < doc.relations.size(); ++i)
            QVERIFY(doc.relationsAt(doc.relations.at(i).start).contains(i));
        for (int i = 0; i < doc.dates.size(); ++i)
            QCOMPARE(doc.dateAt(doc.dates.at(i).start), i);
        QCOMPARE(doc.toUtf16(0), 0);
    }
    QVERIFY2(checked, "the samples carry mentions");
}

void TestArticleDocument::missingArticleIsRefused()
{
    ArticleDocument doc;
    QString error;
    QVERIFY(!doc.load(m_store, 999999, &error));
    QVERIFY(doc.isNull());
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestArticleDocument)
#include "tst_articledocument.moc"

// reflowForReading(): hard-wrapped text read as paragraphs, with every offset kept.
#include "reflow.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace entente;

namespace {

// What the reader sees: the hidden characters left out.
QString shown(const QString &s)
{
    QString out = s;
    out.remove(QChar(kHiddenChar));
    return out;
}

// Every character that is not a line break or a space is where it was, as it was (offsets hold).
bool keepsEveryWord(const QString &in, const QString &out)
{
    if (in.size() != out.size())
        return false;
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] == out[i])
            continue;
        const bool spaceIn = in[i].isSpace();
        const bool pageDigit = in[i].isDigit() || in[i] == u'-';
        if (!(spaceIn || pageDigit) || !(out[i] == u' ' || out[i] == QChar(kHiddenChar)))
            return false;
    }
    return true;
}

} // namespace

class TestReflow : public QObject
{
    Q_OBJECT

private slots:
    void hardWrappedWithBlankLines();
    void hardWrappedWithoutBlankLines();
    void paragraphPerLineIsKept();
    void pageNumbersAndHyphens();
    void sampleArticlesKeepTheirOffsets();
};

void TestReflow::hardWrappedWithBlankLines()
{
    // As about 41% of the UN speeches are: lines of about 60 characters, blank lines between paragraphs.
    const QString in = u"1. Madam President, it is\n"
                       "with great pleasure that I congratulate you on your election\n"
                       "to the highest United Nations office, the Presidency of the\n"
                       "General Assembly. You are the second woman to be so honoured. \n"
                       "The choice is not only a tribute to your personal qualities.\n"
                       "\n"
                       "2. We are grateful to the temporary President and to the\n"
                       "representative of Peru for giving us all the opportunity of\n"
                       "paying tribute to the memory of the former President.\n"_qs;
    const QString out = reflowForReading(in);
    QVERIFY(keepsEveryWord(in, out));
    const QStringList paragraphs = shown(out).split(u'\n');
    // Two paragraphs, the blank line between them, and the end.
    QCOMPARE(paragraphs.size(), 4);
    QVERIFY(paragraphs[0].startsWith(u"1. Madam President, it is with great pleasure"));
    QVERIFY(paragraphs[0].contains(u"so honoured. The choice"));
    QVERIFY(paragraphs[0].endsWith(u"personal qualities."));
    QVERIFY(paragraphs[1].isEmpty());
    QVERIFY(paragraphs[2].contains(u"to the representative of Peru"));
}

void TestReflow::hardWrappedWithoutBlankLines()
{
    // A paragraph ends with a short line that ends a sentence; the next starts on a line of its own.
    const QString in = u"The delegation of Afghanistan has always taken part in the\n"
                       "general debate as a unique forum where representatives of\n"
                       "now more than one hundred States meet every year in the\n"
                       "search for a better understanding.\n"
                       "But now, in our twenty-fourth session, the debate is taking\n"
                       "a new turn, and others who have followed you have set a\n"
                       "keynote for a session of self-criticism.\n"_qs;
    const QString out = shown(reflowForReading(in));
    const QStringList paragraphs = out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(paragraphs.size(), 2);
    QVERIFY(paragraphs[0].endsWith(u"better understanding."));
    QVERIFY(paragraphs[1].startsWith(u"But now, in our twenty-fourth session, the debate is taking a new turn"));
}

void TestReflow::paragraphPerLineIsKept()
{
    // Long lines, one paragraph each: nothing to join.
    QString in;
    for (int i = 0; i < 8; ++i)
        in += u"Paragraph %1 says a great deal about the state of the world and goes on for well over a hundred "
              "characters before it ends.\n"_qs.arg(i);
    QCOMPARE(reflowForReading(in), in);
    // Short lines that end sentences (a list, a poem, a table of contents) are kept too.
    const QString list = u"First item.\nSecond item.\nThird item.\nFourth item.\nFifth item.\nSixth item.\n"_qs;
    QCOMPARE(reflowForReading(list), list);
    // A line that runs on in lower case is joined anywhere.
    QCOMPARE(shown(reflowForReading(u"Relations between the two\ncountries improved.\n"_qs)),
        u"Relations between the two countries improved.\n"_qs);
}

void TestReflow::pageNumbersAndHyphens()
{
    const QString in = u"The Assembly has before it a long agenda on the questions of\n"
                       "peace and security, of development and of human rights in\n"
                       "every region of the world, and of the inter-\n"
                       "national order that the Charter set up in nineteen forty-five.\n"
                       "\n"
                       "6\n"
                       "\n"
                       "- 7 -\n"
                       "\n"
                       "We hope that this session will bring the peoples of the world\n"
                       "closer to the goals that the Organization has set for itself.\n"_qs;
    const QString out = reflowForReading(in);
    QVERIFY(keepsEveryWord(in, out));
    const QString text = shown(out);
    QVERIFY2(text.contains(u"of the inter-national order"), qPrintable(text));
    QVERIFY(!text.contains(u'6'));
    QVERIFY(!text.contains(u'7'));
    QVERIFY(text.contains(u"nineteen forty-five."));
    QVERIFY(text.contains(u"bring the peoples of the world closer"));
}

void TestReflow::sampleArticlesKeepTheirOffsets()
{
    int files = 0;
    QDirIterator it(QStringLiteral(ENTENTE_SAMPLES_DIR), { QStringLiteral("*.txt") }, QDir::Files);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString in = QString::fromUtf8(f.readAll());
        const QString out = reflowForReading(in);
        QVERIFY2(keepsEveryWord(in, out), qPrintable(f.fileName()));
        ++files;
    }
    QVERIFY(files > 0);
}

QTEST_GUILESS_MAIN(TestReflow)
#include "tst_reflow.moc"

#include "textscan.h"

#include <QRandomGenerator>
#include <QTest>

using namespace entente;

// The scanners' word-end helpers read eight characters at a time: they must stop exactly where a loop over
// isWordChar() stops, whatever stands at the block edges.
class TestTextScan : public QObject
{
    Q_OBJECT

private slots:
    void wordEnd_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("asciiEnd");
        QTest::addColumn<int>("end");

        QTest::newRow("short word stops at a space") << u"May 11"_qs << 0 << 3 << 3;
        QTest::newRow("long word crosses a block") << u"internationally, yes"_qs << 0 << 15 << 15;
        QTest::newRow("word runs to the end of the text") << u"x abcdefghijklmnopqrstuvwxyz"_qs << 2 << 28 << 28;
        QTest::newRow("digits and letters together") << u"COP26 summit"_qs << 0 << 5 << 5;
        QTest::newRow("every ASCII edge character stops") << u"az09AZ@[`{/:"_qs << 0 << 6 << 6;
        QTest::newRow("a non-ASCII letter stops only the ASCII run") << u"Caf\u00e9 au lait"_qs << 0 << 3 << 4;
        QTest::newRow("a non-ASCII dash stops both") << u"Sino\u2013US talks"_qs << 0 << 4 << 4;
        QTest::newRow("Cyrillic word") << u"\u0420\u043e\u0441\u0441\u0438\u044f \u0438"_qs << 0 << 0 << 6;
        QTest::newRow("starting at the end") << u"abc"_qs << 3 << 3 << 3;
    }
    void wordEnd()
    {
        QFETCH(QString, text);
        QFETCH(int, from);
        QFETCH(int, asciiEnd);
        QFETCH(int, end);
        const char16_t *t = QStringView(text).utf16();
        QCOMPARE(scan::asciiWordEnd(t, from, text.size()), qsizetype(asciiEnd));
        QCOMPARE(scan::wordEnd(t, from, text.size()), qsizetype(end));
    }

    // Random texts of letters, digits, punctuation and non-ASCII characters, against the character loop.
    void wordEndMatchesCharacterLoop()
    {
        const QString alphabet = u"aZz09 .,-'$@[`{\u00e9\u00c9\u0416\u0301\u2013\u4e2d\n"_qs;
        QRandomGenerator rng(7);
        for (int round = 0; round < 2000; ++round) {
            QString text;
            const int length = int(rng.bounded(40));
            for (int k = 0; k < length; ++k)
                text.append(alphabet[int(rng.bounded(int(alphabet.size())))]);
            const char16_t *t = QStringView(text).utf16();
            const qsizetype n = text.size();
            for (qsizetype i = 0; i <= n; ++i) {
                qsizetype ascii = i;
                while (ascii < n && t[ascii] < 128 && scan::isWordChar(QChar(t[ascii])))
                    ++ascii;
                qsizetype word = i;
                while (word < n && scan::isWordChar(QChar(t[word])))
                    ++word;
                QCOMPARE(scan::asciiWordEnd(t, i, n), ascii);
                QCOMPARE(scan::wordEnd(t, i, n), word);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestTextScan)
#include "tst_textscan.moc"

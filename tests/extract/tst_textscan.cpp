// The look-around of the date and money finders over a TokenStream (textscan.h): what a word is, and which word
// stands before or after another.
#include "textscan.h"
#include "tokenstream.h"
#include "wordlists.h"

#include <QTest>

using namespace entente;

namespace {

// The token index whose text starts at `text.indexOf(at)`.
size_t tokenOf(const TokenStream &ts, const QString &text, const QString &at)
{
    const qsizetype pos = text.indexOf(at);
    Q_ASSERT(pos >= 0);
    return ts.tokenAt(pos);
}

QString textOf(const TextScan &scan, TextScan::Word w)
{
    return w.isEmpty() ? QStringLiteral("<none>") : scan.textOf(w).toString();
}

} // namespace

class TestTextScan : public QObject
{
    Q_OBJECT

private slots:
    void words_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("at"); // the word looked at starts where this does
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");

        QTest::newRow("blanks between words")
            << u"on  May\t11, 2023"_qs << u"May"_qs << u"May"_qs << u"on"_qs << u"11"_qs;
        QTest::newRow("punctuation ends the look-around")
            << u"(May) 11"_qs << u"May"_qs << u"May"_qs << u"<none>"_qs << u"<none>"_qs;
        QTest::newRow("a line break ends the look-around")
            << u"held on\nMay\n11, 2023"_qs << u"May"_qs << u"May"_qs << u"<none>"_qs << u"<none>"_qs;
        QTest::newRow("digits and letters are one word")
            << u"on 14th day"_qs << u"14th"_qs << u"14th"_qs << u"on"_qs << u"day"_qs;
        QTest::newRow("a CJK run joins the word")
            << u"in 2023\u5e74 5"_qs << u"2023"_qs << u"2023\u5e74"_qs << u"in"_qs << u"5"_qs;
        QTest::newRow("a word begun by a CJK run")
            << u"x \u4e2d\u56fdMay y"_qs << u"\u4e2d"_qs << u"\u4e2d\u56fdMay"_qs << u"x"_qs << u"y"_qs;
        QTest::newRow("an emoji joins no word")
            << u"in\U0001F30D2023 now"_qs << u"2023"_qs << u"2023"_qs << u"<none>"_qs << u"now"_qs;
        QTest::newRow("non-ASCII letters are word letters")
            << u"caf\u00e9 2023 \u00e0"_qs << u"2023"_qs << u"2023"_qs << u"caf\u00e9"_qs << u"\u00e0"_qs;
        QTest::newRow("first and last word of the text")
            << u"2023"_qs << u"2023"_qs << u"2023"_qs << u"<none>"_qs << u"<none>"_qs;
    }
    void words()
    {
        QFETCH(QString, text);
        QFETCH(QString, at);
        QFETCH(QString, word);
        QFETCH(QString, before);
        QFETCH(QString, after);
        const TokenStream ts(text);
        const TextScan scan(ts);
        const size_t k = tokenOf(ts, text, at);
        QVERIFY(scan.startsWord(k));
        const TextScan::Word w = scan.wordFrom(k);
        QCOMPARE(textOf(scan, w), word);
        QCOMPARE(textOf(scan, scan.wordBefore(w.first)), before);
        QCOMPARE(textOf(scan, scan.wordAfter(w.last)), after);
        QCOMPARE(scan.startOf(w), text.indexOf(at));
        if (w.tokens() > 1)
            QVERIFY(!scan.startsWord(w.first + 1)); // the rest of a word starts none
    }

    void charactersOfTokens()
    {
        const QString text = u"mid-May mid\u2013May 5\u2212 3 A$"_qs;
        const TokenStream ts(text);
        const TextScan scan(ts);
        QVERIFY(scan.isDash(tokenOf(ts, text, u"-"_qs)));
        QVERIFY(scan.isDash(tokenOf(ts, text, u"\u2013"_qs)));
        QVERIFY(!scan.isDash(tokenOf(ts, text, u"\u2212"_qs))); // the minus sign is no dash, though hashed as one
        QVERIFY(scan.glued(tokenOf(ts, text, u"$"_qs)));
        QVERIFY(!scan.glued(tokenOf(ts, text, u"3"_qs)));
        QVERIFY(scan.isChar(tokenOf(ts, text, u"$"_qs), u'$'));
        QVERIFY(!scan.isChar(tokenOf(ts, text, u"mid"_qs), u'm')); // a token of one character only
        QVERIFY(scan.startsWithDigit(tokenOf(ts, text, u"3"_qs)));
    }

    void keysOfLettersInsideTokens_data()
    {
        QTest::addColumn<QString>("letters");
        QTest::addColumn<QString>("word"); // empty: no key
        QTest::newRow("ordinal suffix") << u"th"_qs << u"th"_qs;
        QTest::newRow("capitals fold") << u"BN"_qs << u"bn"_qs;
        QTest::newRow("a long word") << u"billion"_qs << u"billion"_qs;
        QTest::newRow("digits are no letters") << u"t5"_qs << QString();
        QTest::newRow("non-ASCII letters have no key") << u"\u00e9t\u00e9"_qs << QString();
        QTest::newRow("nothing") << QString() << QString();
    }
    void keysOfLettersInsideTokens()
    {
        QFETCH(QString, letters);
        QFETCH(QString, word);
        const quint64 key = TextScan::asciiLettersKey(letters);
        if (word.isEmpty())
            QCOMPARE(key, quint64(0));
        else
            QCOMPARE(key, wordKey(word)); // what the word lists key the word by
    }
};

QTEST_GUILESS_MAIN(TestTextScan)
#include "tst_textscan.moc"

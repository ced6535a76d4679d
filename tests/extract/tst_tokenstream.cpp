// The token stream every stage reads: tokens with their sentences, and the words the statistical models read.
#include "tokenstream.h"
#include "wordlists.h"
#include "words.h"

#include <QTest>

using namespace entente;

class TestTokenStream : public QObject
{
    Q_OBJECT

private:
    static QStringList wordsOf(const QString &text)
    {
        const TokenStream ts(text);
        std::vector<ModelWord> words;
        entente::modelWords(ts, { 0, ts.size() }, words);
        QStringList out;
        for (const ModelWord &w : words)
            out << text.mid(w.start, w.end - w.start);
        return out;
    }

private slots:
    void tokensKnowTheirSentence()
    {
        const QString text = QStringLiteral("China signed. Russia, too!\n\nA third one");
        const TokenStream ts(text);
        QCOMPARE(ts.sentences().size(), 3);
        QCOMPARE(ts.size(), size_t(10));
        for (qsizetype s = 0; s < ts.sentences().size(); ++s) {
            const TokenStream::Range r = ts.sentenceTokens(s);
            QVERIFY(!r.isEmpty());
            for (size_t k = r.first; k < r.last; ++k) {
                QCOMPARE(ts[k].sentence, int(s));
                QVERIFY(ts[k].start >= ts.sentences()[s].start && ts[k].end <= ts.sentences()[s].end);
            }
        }
        QCOMPARE(ts.textOf(ts.sentenceTokens(1).first, ts.sentenceTokens(1).last), QStringLiteral("Russia, too!"));
        QCOMPARE(ts.tokenAt(text.indexOf(u"Russia") + 2), ts.sentenceTokens(1).first);
        QCOMPARE(ts.tokenAt(text.size()), ts.size());
        const TokenStream::Range inside = ts.tokensIn({ text.indexOf(u"Russia"), text.indexOf(u"too") + 3 });
        QCOMPARE(inside.size(), size_t(3));
    }

    void hashesIgnoreCaseAndApostropheSpelling()
    {
        QCOMPARE(wordHash(u"China"), wordHash(u"CHINA"));
        QVERIFY(wordHash(u"China") != wordHash(u"Chinas"));
        QCOMPARE(wordKey(u"don’t"), wordKey(u"don't"));
        QCOMPARE(wordKey(u"de–escalate"), wordKey(u"de-escalate"));
        QVERIFY(wordKey(u"according to") != wordKey(u"according"));
    }

    void chineseSentencesEndAtTheFullStop()
    {
        const TokenStream ts(QStringLiteral("中国和俄罗斯签署了条约。美国表示反对。"));
        QCOMPARE(ts.sentences().size(), 2);
    }

    void emptyAndBlankTexts()
    {
        QCOMPARE(TokenStream(QString()).size(), size_t(0));
        QCOMPARE(TokenStream(QStringLiteral("  \n\n \t")).sentences().size(), 0);
        QVERIFY(wordsOf(QString()).isEmpty());
    }

    void modelWords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("possessive apart")
            << QStringLiteral("Russia's army") << QStringList { u"Russia"_qs, u"'s"_qs, u"army"_qs };
        QTest::newRow("curly possessive")
            << QStringLiteral("China’s ties") << QStringList { u"China"_qs, u"’s"_qs, u"ties"_qs };
        QTest::newRow("negation split as UD does")
            << QStringLiteral("They don't agree") << QStringList { u"They"_qs, u"do"_qs, u"n't"_qs, u"agree"_qs };
        QTest::newRow("other clitics") << QStringLiteral("we're here, I'll go")
                                       << QStringList { u"we"_qs, u"'re"_qs, u"here"_qs, u","_qs, u"I"_qs, u"'ll"_qs,
                                              u"go"_qs };
        QTest::newRow("numbers whole") << QStringLiteral("$97.2 billion and 1,000,000 at 3:30")
                                       << QStringList { u"$"_qs, u"97.2"_qs, u"billion"_qs, u"and"_qs, u"1,000,000"_qs,
                                              u"at"_qs, u"3:30"_qs };
        QTest::newRow("dotted abbreviations") << QStringLiteral(
            "the U.S. and e.g. this") << QStringList { u"the"_qs, u"U.S."_qs, u"and"_qs, u"e.g."_qs, u"this"_qs };
        QTest::newRow("titles keep their full stop")
            << QStringLiteral("Mr. Smith of Acme Inc. said")
            << QStringList { u"Mr."_qs, u"Smith"_qs, u"of"_qs, u"Acme"_qs, u"Inc."_qs, u"said"_qs };
        QTest::newRow("a sentence's full stop stays apart")
            << QStringLiteral("It ended. Then") << QStringList { u"It"_qs, u"ended"_qs, u"."_qs, u"Then"_qs };
        QTest::newRow("hyphens apart, as in EWT")
            << QStringLiteral("US-China talks") << QStringList { u"US"_qs, u"-"_qs, u"China"_qs, u"talks"_qs };
        QTest::newRow("punctuation runs whole")
            << QStringLiteral("Wait -- what...") << QStringList { u"Wait"_qs, u"--"_qs, u"what"_qs, u"..."_qs };
        QTest::newRow("an apostrophe that opens a quote") << QStringLiteral(
            "'sanctions' he said") << QStringList { u"'"_qs, u"sanctions"_qs, u"'"_qs, u"he"_qs, u"said"_qs };
    }

    void modelWords()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, words);
        QCOMPARE(wordsOf(text), words);
    }

    void modelWordsOfASentenceStayInside()
    {
        const QString text = QStringLiteral("First one. Mr. Xi's visit to the U.S. went well.");
        const TokenStream ts(text);
        std::vector<ModelWord> words;
        entente::modelWords(ts, ts.sentenceTokens(1), words);
        QCOMPARE(words.front().start, text.indexOf(u"Mr."));
        QCOMPARE(words.back().end, text.size());
        for (const ModelWord &w : words) {
            QVERIFY(w.firstToken >= ts.sentenceTokens(1).first && w.lastToken <= ts.sentenceTokens(1).last);
            QVERIFY(w.start < w.end);
        }
    }
};

QTEST_GUILESS_MAIN(TestTokenStream)
#include "tst_tokenstream.moc"

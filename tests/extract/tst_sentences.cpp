#include "sentences.h"
#include "textoffsets.h"

#include <QTest>

using namespace entente;

class TestSentences : public QObject
{
    Q_OBJECT

private slots:
    void split_data();
    void split();
    void codePoints();
};

void TestSentences::split_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("two plain sentences") << u"China grew. Russia did too."_qs
                                         << QStringList { u"China grew."_qs, u"Russia did too."_qs };
    QTest::newRow("abbreviation U.S. inside")
        << u"Visits to the U.S. and France went well. Then home."_qs
        << QStringList { u"Visits to the U.S. and France went well."_qs, u"Then home."_qs };
    QTest::newRow("title Mr. does not end") << u"Mr. Smith met Dr. Jones. They talked."_qs
                                            << QStringList { u"Mr. Smith met Dr. Jones."_qs, u"They talked."_qs };
    QTest::newRow("decimal number") << u"Trade reached $97.2 billion. Good."_qs
                                    << QStringList { u"Trade reached $97.2 billion."_qs, u"Good."_qs };
    QTest::newRow("newline ends a heading") << u"Head-of-state diplomacy\nThe summit opened."_qs
                                            << QStringList { u"Head-of-state diplomacy"_qs, u"The summit opened."_qs };
    QTest::newRow("closing quote kept") << u"\u201CWe agree.\u201D He left."_qs
                                        << QStringList { u"\u201CWe agree.\u201D"_qs, u"He left."_qs };
    QTest::newRow("initial in a name") << u"John F. Kennedy spoke. Done."_qs
                                       << QStringList { u"John F. Kennedy spoke."_qs, u"Done."_qs };
    QTest::newRow("chinese full stops") << u"中国与俄罗斯合作。美国反对。"_qs
                                        << QStringList { u"中国与俄罗斯合作。"_qs, u"美国反对。"_qs };
    QTest::newRow("hard-wrapped text joins its lines")
        << u"I am\nhonoured to address the Assembly on behalf of the\nUnited States and to reinforce the message\n"
           "the President conveyed. Because my father worked here\nwhen I was young, I have always considered myself "
           "a\n"
           "child of the United Nations.\n\nA new paragraph."_qs
        << QStringList { u"I am\nhonoured to address the Assembly on behalf of the\nUnited States and to reinforce the "
                         "message\nthe President conveyed."_qs,
               u"Because my father worked here\nwhen I was young, I have always considered myself a\nchild of the "
               "United Nations."_qs,
               u"A new paragraph."_qs };
    QTest::newRow("wrapped text keeps headings and colons apart")
        << u"Statement by the Minister\nMr. President, the situation in the region is grave and\ndemands action "
           "from all of us, and in particular\nfrom the Council. We must act on three fronts:\nFirst, peace in the "
           "region that has waited for it\nfor so long. Second, aid."_qs
        << QStringList { u"Statement by the Minister"_qs,
               u"Mr. President, the situation in the region is grave and\ndemands action from all of us, and in "
               "particular\nfrom the Council."_qs,
               u"We must act on three fronts:"_qs,
               u"First, peace in the region that has waited for it\nfor so long."_qs, u"Second, aid."_qs };
    QTest::newRow("hard-wrapped with CRLF line ends")
        << u"The delegation of the Republic met the\r\nenvoys of the region and\r\nsigned the accord. Then it left.\r\n"_qs
        << QStringList { u"The delegation of the Republic met the\r\nenvoys of the region and\r\nsigned the accord."_qs,
               u"Then it left."_qs };
    QTest::newRow("a paragraph a line stays split")
        << u"China and Russia sign a trade deal in Moscow today\nBEIJING - The deal was signed.\nIt covers energy."_qs
        << QStringList { u"China and Russia sign a trade deal in Moscow today"_qs, u"BEIJING - The deal was signed."_qs,
               u"It covers energy."_qs };
    QTest::newRow("question and exclamation")
        << u"Why? Because! Yes."_qs << QStringList { u"Why?"_qs, u"Because!"_qs, u"Yes."_qs };
}

void TestSentences::split()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QStringList got;
    for (const Span &s : splitSentences(text))
        got << text.mid(s.start, s.end - s.start);
    QCOMPARE(got, expected);
}

void TestSentences::codePoints()
{
    const QString text = u"🌍 China and 🌐 Russia"_qs;
    const CodePointMap map(text);
    const qsizetype china16 = text.indexOf(u"China");
    const qsizetype russia16 = text.indexOf(u"Russia");
    QCOMPARE(map.toCodePoint(china16), 2);
    QCOMPARE(map.toCodePoint(russia16), 14);
    QCOMPARE(map.toUtf16(2), china16);
    QCOMPARE(map.toUtf16(14), russia16);
    QCOMPARE(map.toCodePoint(0), 0);
    const CodePointMap plain(u"no pairs here");
    QCOMPARE(plain.toCodePoint(5), 5);
    QCOMPARE(plain.toUtf16(5), 5);
}

QTEST_GUILESS_MAIN(TestSentences)
#include "tst_sentences.moc"

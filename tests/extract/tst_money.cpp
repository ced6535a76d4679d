#include "dates.h"
#include "money.h"
#include "tokenstream.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace entente;

namespace {

// One amount as "text=id@year" ("@" alone when no year is known).
QStringList describe(const QList<EntityMention> &money)
{
    QStringList out;
    for (const EntityMention &m : money)
        out << m.text + u'=' + m.id + u'@' + (m.date.isValid() ? QString::number(m.date.year) : QString());
    return out;
}

QList<EntityMention> moneyIn(const QString &text, const QString &anchorIso)
{
    const TokenStream ts(text);
    const PartialDate anchor = PartialDate::fromIso(anchorIso);
    return findMoney(ts, findDates(ts, anchor), anchor);
}

} // namespace

class TestMoney : public QObject
{
    Q_OBJECT

private slots:
    void amounts_data();
    void amounts();
    void fieldsOfAMention();
    void withoutAnchorOverload();
    void sampleArticles();
};

void TestMoney::amounts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("anchor");
    QTest::addColumn<QStringList>("expected");

    // Currencies and scales
    QTest::newRow("dollar sign with billion") << "Agreements worth $97.2 billion were signed in 2023." << QString()
                                              << QStringList { "$97.2 billion=USD 97200000000@2023" };
    QTest::newRow("US dollar prefix") << "Trade reached US$70.2 billion in 2022." << QString()
                                      << QStringList { "US$70.2 billion=USD 70200000000@2022" };
    QTest::newRow("iso code before the amount")
        << "The fund holds USD 5 million in 2021." << QString() << QStringList { "USD 5 million=USD 5000000@2021" };
    QTest::newRow("euro sign with attached scale")
        << "The EU pledged \u20AC3bn in 2020." << QString() << QStringList { "\u20AC3bn=EUR 3000000000@2020" };
    QTest::newRow("pound sign") << "London gave \u00A310 million in 2019." << QString()
                                << QStringList { "\u00A310 million=GBP 10000000@2019" };
    QTest::newRow("yen sign in a Chinese sentence is yuan")
        << "China pledged \u00A52 trillion in 2015." << QString()
        << QStringList { "\u00A52 trillion=CNY 2000000000000@2015" };
    QTest::newRow("yen sign in a Japanese sentence is yen")
        << "Japan pledged \u00A52 trillion in 2015." << QString()
        << QStringList { "\u00A52 trillion=JPY 2000000000000@2015" };
    QTest::newRow("yuan after the amount") << "Beijing set aside 2 trillion yuan in 2015." << QString()
                                           << QStringList { "2 trillion yuan=CNY 2000000000000@2015" };
    QTest::newRow("renminbi code") << "Loans of RMB 100 million were granted in 2018." << QString()
                                   << QStringList { "RMB 100 million=CNY 100000000@2018" };
    QTest::newRow("rubles") << "Moscow spent 1.5 billion rubles in 2021." << QString()
                            << QStringList { "1.5 billion rubles=RUB 1500000000@2021" };
    QTest::newRow("euros as a word") << "Paris offered 500 million euros in 2022." << QString()
                                     << QStringList { "500 million euros=EUR 500000000@2022" };
    QTest::newRow("rupees in crore") << "Delhi approved Rs 10 crore in 2017." << QString()
                                     << QStringList { "Rs 10 crore=INR 100000000@2017" };
    QTest::newRow("US dollars as words") << "It lent 10 million US dollars in 2016." << QString()
                                         << QStringList { "10 million US dollars=USD 10000000@2016" };
    QTest::newRow("Hong Kong dollars") << "It raised 3 billion Hong Kong dollars in 2016." << QString()
                                       << QStringList { "3 billion Hong Kong dollars=HKD 3000000000@2016" };
    QTest::newRow("Swiss francs") << "Bern gave 20 million Swiss francs in 2014." << QString()
                                  << QStringList { "20 million Swiss francs=CHF 20000000@2014" };
    QTest::newRow("Australian dollar prefix")
        << "Canberra pledged A$40 million in 2020." << QString() << QStringList { "A$40 million=AUD 40000000@2020" };
    QTest::newRow("thousands separators")
        << "A grant of $1,250,000 came in 2012." << QString() << QStringList { "$1,250,000=USD 1250000@2012" };
    QTest::newRow("cents") << "Each ticket cost $5.25 in 2012." << QString() << QStringList { "$5.25=USD 5.25@2012" };
    QTest::newRow("amount code after the number")
        << "The deal is worth 5 million USD in 2011." << QString() << QStringList { "5 million USD=USD 5000000@2011" };
    QTest::newRow("two amounts in one sentence")
        << "Exports rose from $3 billion to $5 billion in 2010." << QString()
        << QStringList { "$3 billion=USD 3000000000@2010", "$5 billion=USD 5000000000@2010" };

    QTest::newRow("hyphenated scale") << "We launched the $2-billion fund in 2020." << QString()
                                      << QStringList { "$2-billion=USD 2000000000@2020" };
    QTest::newRow("unknown dollar prefix is not USD")
        << "It provided ZWL$18 billion (approximately US$720 million) in 2020." << QString()
        << QStringList { "US$720 million=USD 720000000@2020" };

    // The year an amount belongs to
    QTest::newRow("year after the amount in its sentence")
        << "Official data shows trade reached $70.2 billion in 2022, a more than 100 times increase."
        << "2023-05-11" << QStringList { "$70.2 billion=USD 70200000000@2022" };
    QTest::newRow("year from the previous sentence")
        << "In 2019 trade grew. It reached $5 billion."
        << "2023-05-11" << QStringList { "$5 billion=USD 5000000000@2019" };
    QTest::newRow("year from a relative date") << "Last year trade reached $5 billion."
                                               << "2023-05-11" << QStringList { "$5 billion=USD 5000000000@2022" };
    QTest::newRow("a year in an earlier paragraph is history")
        << "In 1961 the fund was set up.\nToday it holds $5 billion."
        << "2015" << QStringList { "$5 billion=USD 5000000000@2015" };
    QTest::newRow("article year when nothing else") << "Trade reached $5 billion."
                                                    << "2023-05-11" << QStringList { "$5 billion=USD 5000000000@2023" };
    QTest::newRow("no year without any date")
        << "Trade reached $5 billion." << QString() << QStringList { "$5 billion=USD 5000000000@" };

    // False positives
    QTest::newRow("counts are not money")
        << "Delegates from 113 countries and 2023 observers came." << QString() << QStringList {};
    QTest::newRow("metres are not millions") << "The wall is 5 m high." << QString() << QStringList {};
    QTest::newRow("a lone dollar sign") << "The $ sign is widely used." << QString() << QStringList {};
    QTest::newRow("unqualified francs are left open") << "It cost 10 million francs." << QString() << QStringList {};
    QTest::newRow("won as a verb") << "The party won 52 seats." << QString() << QStringList {};
    QTest::newRow("ordinary pounds as a unit word") << "Use pounds and ounces." << QString() << QStringList {};

    // Edges of the token stream
    QTest::newRow("amount at the very end of the text")
        << "Trade reached $5 billion" << QString() << QStringList { "$5 billion=USD 5000000000@" };
    QTest::newRow("code and number at the very end of the text")
        << "The fund holds USD 5" << QString() << QStringList { "USD 5=USD 5@" };
    QTest::newRow("currency word at the very end of the text")
        << "It lent 10 million yuan" << QString() << QStringList { "10 million yuan=CNY 10000000@" };
    QTest::newRow("U.S. dollars as words") << "It lent 10 million U.S. dollars in 2016." << QString()
                                           << QStringList { "10 million U.S. dollars=USD 10000000@2016" };
    QTest::newRow("yen sign when Japan is written in capitals")
        << "JAPAN pledged \u00A52 trillion in 2015." << QString()
        << QStringList { "\u00A52 trillion=JPY 2000000000000@2015" };
    QTest::newRow("a line break between the sign and the number")
        << "It cost $\n5 million." << QString() << QStringList {};
    QTest::newRow("two spaces between the code and the number")
        << "It cost USD  5 million." << QString() << QStringList {};
    QTest::newRow("amount split over a line break keeps its first line")
        << "It cost $5\nbillion." << QString() << QStringList { "$5=USD 5@" };
    QTest::newRow("non-ASCII digits are not read")
        << "It cost $\u0665 million and \u20AC\uFF15." << QString() << QStringList {};
    QTest::newRow("a number run into a CJK word") << "\u4E2D\u56FD5 billion yuan" << QString() << QStringList {};
    // Amounts out of bounds (issue 10): no infinity, no amount from the first digits of a longer word
    QTest::newRow("a dollar sign before 400 digits is no amount")
        << "It cost $" + QString(400, u'9') + " in 2020." << QString() << QStringList {};
    QTest::newRow("a code before 400 digits is no amount")
        << "It cost USD " + QString(400, u'9') + " in 2020." << QString() << QStringList {};
    QTest::newRow("400 digits before a currency word are no amount")
        << QString(400, u'9') + " dollars" << QString() << QStringList {};
    QTest::newRow("exponent notation is not its first digit")
        << "It cost US$ 1e400 and $2E9 in 2020." << QString() << QStringList {};
    QTest::newRow("digits after an attached scale") << "It cost $3bn5 in 2020." << QString() << QStringList {};
    QTest::newRow("more than a quadrillion is no amount")
        << "It cost $1,000,001 billion and $5,000 trillion in 2020." << QString() << QStringList {};
    QTest::newRow("a quadrillion exactly is the bound") << "Derivatives worth $1,000 trillion in 2020." << QString()
                                                        << QStringList { "$1,000 trillion=USD 1000000000000000@2020" };
    QTest::newRow("empty text") << ""
                                << "2023-05-11" << QStringList {};
}

void TestMoney::amounts()
{
    QFETCH(QString, text);
    QFETCH(QString, anchor);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(moneyIn(text, anchor)), expected);
}

void TestMoney::fieldsOfAMention()
{
    const QString text = QStringLiteral("\u4E2D\u56FD Worth \U0001F4B0 $97.2 billion.");
    const auto money = moneyIn(text, {});
    QCOMPARE(money.size(), 1);
    const EntityMention &m = money.first();
    QCOMPARE(m.kind, EntityKind::Money);
    QCOMPARE(m.currency, QStringLiteral("USD"));
    QCOMPARE(m.amount, 97200000000.0);
    QCOMPARE(m.method, QStringLiteral("money"));
    QCOMPARE(text.mid(m.span.start, m.span.end - m.span.start), m.text);
    QCOMPARE(m.text, QStringLiteral("$97.2 billion"));
}

void TestMoney::withoutAnchorOverload()
{
    const QString text = QStringLiteral("In 2022 trade reached $70.2 billion.");
    const TokenStream ts(text);
    const auto money = findMoney(ts, findDates(ts, {}));
    QCOMPARE(money.size(), 1);
    QCOMPARE(money.first().date.year, 2022);
    QCOMPARE(money.first().date.precision, Precision::Year);
}

// The amounts an analyst reads in the seed articles (../shared/corpus/seeds.expected.json).
void TestMoney::sampleArticles()
{
    QFile expectedFile(QStringLiteral(ENTENTE_SHARED_DIR "/corpus/seeds.expected.json"));
    if (!expectedFile.open(QIODevice::ReadOnly))
        QSKIP("the shared seeds are not beside the checkout");
    const QJsonArray articles
        = QJsonDocument::fromJson(expectedFile.readAll()).object()[QStringLiteral("articles")].toArray();
    int checked = 0;
    for (const QJsonValue &v : articles) {
        const QJsonObject a = v.toObject();
        if (!a.contains(QStringLiteral("money")))
            continue;
        const QString name = a[QStringLiteral("file")].toString();
        QFile f(QDir(QStringLiteral(ENTENTE_SAMPLES_DIR)).filePath(name));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(name));
        const auto money = moneyIn(QString::fromUtf8(f.readAll()), a[QStringLiteral("published")].toString());
        const QJsonArray want = a[QStringLiteral("money")].toArray();
        QCOMPARE(money.size(), want.size());
        for (qsizetype i = 0; i < want.size(); ++i) {
            const QJsonObject w = want[i].toObject();
            QCOMPARE(money[i].text, w[QStringLiteral("text")].toString());
            QCOMPARE(money[i].currency, w[QStringLiteral("currency")].toString());
            QCOMPARE(money[i].amount, w[QStringLiteral("amount")].toDouble());
            if (w.contains(QStringLiteral("year")))
                QCOMPARE(money[i].date.year, w[QStringLiteral("year")].toInt());
            ++checked;
        }
    }
    QVERIFY(checked > 0);
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"

#include "dates.h"
#include "tokenstream.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace entente;

namespace {

// One mention as "text=value", the value "?" when unresolved and a trailing "*" when relative.
QStringList describe(const QList<DateMention> &dates)
{
    QStringList out;
    for (const DateMention &d : dates) {
        QString s = d.text + u'=' + (d.value.isValid() ? d.value.toIso() : QStringLiteral("?"));
        if (d.relative)
            s += u'*';
        out << s;
    }
    return out;
}

QList<DateMention> datesIn(const QString &text, const QString &anchorIso)
{
    return findDates(TokenStream(text), PartialDate::fromIso(anchorIso));
}

} // namespace

class TestDates : public QObject
{
    Q_OBJECT

private slots:
    void explicitAndRelative_data();
    void explicitAndRelative();
    void spansPointIntoText();
    void inferredPublishedDate_data();
    void inferredPublishedDate();
    void sampleArticles();
};

void TestDates::explicitAndRelative_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("anchor");
    QTest::addColumn<QStringList>("expected");

    // Explicit forms
    QTest::newRow("month day comma year")
        << "The talks were held on May 11, 2023 in Beijing." << QString() << QStringList { "May 11, 2023=2023-05-11" };
    QTest::newRow("day month year") << "The fair closed on 30 December 2023." << QString()
                                    << QStringList { "30 December 2023=2023-12-30" };
    QTest::newRow("abbreviated month with dot")
        << "Updated: Dec. 30, 2023 at 5:05 pm EST" << QString() << QStringList { "Dec. 30, 2023=2023-12-30" };
    QTest::newRow("ordinal of month") << "It was signed on the 11th of May 2023." << QString()
                                      << QStringList { "the 11th of May 2023=2023-05-11" };
    QTest::newRow("month and year") << "In October 2019, the government adopted a strategy." << QString()
                                    << QStringList { "October 2019=2019-10" };
    QTest::newRow("month of year") << "The deal lapsed in May of 2021." << QString()
                                   << QStringList { "May of 2021=2021-05" };
    QTest::newRow("iso date") << "Signed 2023-05-11 in Astana." << QString() << QStringList { "2023-05-11=2023-05-11" };
    QTest::newRow("bare year after in") << "The initiative was put forward in 2013." << QString()
                                        << QStringList { "2013=2013" };
    QTest::newRow("since and by years") << "Ties have grown since 1992 and will double by 2030." << QString()
                                        << QStringList { "1992=1992", "2030=2030" };
    QTest::newRow("year range between") << "Trade doubled between 2010 and 2015." << QString()
                                        << QStringList { "2010=2010", "2015=2015" };
    QTest::newRow("hyphenated year range")
        << "During 2019-2020 exports fell." << QString() << QStringList { "2019=2019", "2020=2020" };
    QTest::newRow("mid year") << "Prices rose from mid-2022 onwards." << QString() << QStringList { "mid-2022=2022" };
    QTest::newRow("early year") << "Talks resume in early 2023." << QString() << QStringList { "early 2023=2023" };
    QTest::newRow("the year") << "In the year 2023, China emerged as a key player." << QString()
                              << QStringList { "2023=2023" };
    QTest::newRow("look forward to a year")
        << "As we look forward to 2024, peace talks matter." << QString() << QStringList { "2024=2024" };
    QTest::newRow("year in brackets after a resolution number")
        << "Recalling resolution 2334 (2016), it acted." << QString() << QStringList { "2016=2016" };
    QTest::newRow("named agenda year") << "We support the 2030 Agenda for Sustainable Development." << QString()
                                       << QStringList { "2030=2030" };
    QTest::newRow("year at line start") << "2023: a year of engagement" << QString() << QStringList { "2023=2023" };

    // Implicit years from the anchor and the running context
    QTest::newRow("month takes the anchor year") << "The summit was held in Xi'an in May."
                                                 << "2023-12-30" << QStringList { "May=2023-05*" };
    QTest::newRow("month list takes the anchor year")
        << "The Asian Games were held in September and October."
        << "2023-12-30" << QStringList { "September=2023-09*", "October=2023-10*" };
    QTest::newRow("month takes the running year") << "In 2019 the plan was adopted. In July, the first loans were paid."
                                                  << "2023-05-11" << QStringList { "2019=2019", "July=2019-07*" };
    QTest::newRow("month day takes the anchor year") << "The summit opens on May 18."
                                                     << "2023-05-11" << QStringList { "May 18=2023-05-18*" };
    QTest::newRow("month without any year stays unresolved")
        << "In July, the first loans were paid." << QString() << QStringList { "July=?*" };

    // Relative to the article's date
    QTest::newRow("years ago against the anchor") << "Ties were established 31 years ago."
                                                  << "2023-05-11" << QStringList { "31 years ago=1992*" };
    QTest::newRow("days ago in words") << "The envoy arrived three days ago."
                                       << "2023-05-11" << QStringList { "three days ago=2023-05-08*" };
    QTest::newRow("hyphenated number of years ago") << "It happened twenty-five years ago."
                                                    << "2020-01-01" << QStringList { "twenty-five years ago=1995*" };
    QTest::newRow("this year") << "Trade will grow this year."
                               << "2023-05-11" << QStringList { "this year=2023*" };
    QTest::newRow("last year") << "Exports fell last year."
                               << "2023-05-11" << QStringList { "last year=2022*" };
    QTest::newRow("last month") << "Pelosi visited Taiwan last month."
                                << "2022-09-19" << QStringList { "last month=2022-08*" };
    QTest::newRow("late next week") << "The summit takes place late next week."
                                    << "2023-05-11" << QStringList { "late next week=2023-05*" };
    QTest::newRow("next week crossing into the next month") << "The talks resume next week."
                                                            << "2023-05-29" << QStringList { "next week=2023-06*" };
    QTest::newRow("yesterday") << "The minister said yesterday that talks went well."
                               << "2023-03-01" << QStringList { "yesterday=2023-02-28*" };
    QTest::newRow("yesterday needs a day anchor") << "The minister said yesterday that talks went well."
                                                  << "2023-03" << QStringList { "yesterday=?*" };
    QTest::newRow("month last year") << "In January last year, Xi chaired a virtual summit."
                                     << "2023-05-11" << QStringList { "January last year=2022-01*" };
    QTest::newRow("last january") << "Talks stalled last January."
                                  << "2023-05-11" << QStringList { "last January=2023-01*" };
    QTest::newRow("last may means the year before") << "Talks stalled last May."
                                                    << "2023-05-11" << QStringList { "last May=2022-05*" };

    QTest::newRow("hundreds of years ago") << "It began two hundred years ago."
                                           << "2015-09-28" << QStringList { "two hundred years ago=1815*" };
    QTest::newRow("month after an unresolved week takes the anchor year")
        << "Leaders met last week. On 27 September the summit opened."
        << "2015" << QStringList { "last week=?*", "27 September=2015-09-27*" };
    QTest::newRow("target year does not set the running year")
        << "We must reach the goals by 2030. In December, Paris hosts the talks."
        << "2015" << QStringList { "2030=2030", "December=2015-12*" };
    QTest::newRow("agenda year does not set the running year")
        << "We adopted the 2030 Agenda. In September leaders met."
        << "2015-10-01" << QStringList { "2030=2030", "September=2015-09*" };

    // Chains through the running context
    QTest::newRow("relative chain from last year")
        << "In January last year, Xi chaired a summit. One month later, leaders attended the Olympics. "
           "A meeting in June decided more."
        << "2023-05-11" << QStringList { "January last year=2022-01*", "One month later=2022-02*", "June=2022-06*" };
    QTest::newRow("two years later") << "The treaty was signed in 2001. Two years later it was ratified." << QString()
                                     << QStringList { "2001=2001", "Two years later=2003*" };
    QTest::newRow("the following month") << "The talks opened in March 2020. The following month they collapsed."
                                         << QString()
                                         << QStringList { "March 2020=2020-03", "The following month=2020-04*" };
    QTest::newRow("that year") << "The war ended in 1995. Elections were held that year." << QString()
                               << QStringList { "1995=1995", "that year=1995*" };

    // Days of the month
    QTest::newRow("day of month against the anchor")
        << "Xi arrived on the 14th and left on the 16th."
        << "2022-09-19" << QStringList { "the 14th=2022-09-14*", "the 16th=2022-09-16*" };
    QTest::newRow("day of month list") << "He made a tour on the 14th and 16th."
                                       << "2022-09-19" << QStringList { "the 14th=2022-09-14*", "16th=2022-09-16*" };
    QTest::newRow("day after the anchor day is last month") << "It was announced on the 28th."
                                                            << "2022-10-05" << QStringList { "the 28th=2022-09-28*" };
    QTest::newRow("day of month follows an explicit month")
        << "In September 2022 Xi travelled abroad. He arrived on the 14th." << QString()
        << QStringList { "September 2022=2022-09", "the 14th=2022-09-14*" };
    QTest::newRow("night of the day") << "He returned home on the night of the 16th following the summit."
                                      << "2022-09-19" << QStringList { "the 16th=2022-09-16*" };

    QTest::newRow("day of this month") << "Talks began on the 12th of this month in Doha."
                                       << "2020-09-25" << QStringList { "the 12th of this month=2020-09-12*" };

    // Unresolvable without a date: kept, never guessed
    QTest::newRow("day of month without anchor")
        << "Xi arrived in Samarkand on the 14th." << QString() << QStringList { "the 14th=?*" };
    QTest::newRow("last month without anchor")
        << "Pelosi visited Taiwan last month." << QString() << QStringList { "last month=?*" };
    QTest::newRow("chain after an unresolved date stays unresolved")
        << "In January last year a summit was held. One month later leaders met." << QString()
        << QStringList { "January last year=?*", "One month later=?*" };
    QTest::newRow("anaphora after an unresolved date does not reach back")
        << "The pact dates from 2001. Last year it lapsed; the following year it was renewed." << QString()
        << QStringList { "2001=2001", "Last year=?*", "the following year=?*" };

    // False positives
    QTest::newRow("event ordinal and a count are not dates")
        << "In July, the 31st FISU World University Games saw participation from 113 countries."
        << "2023-12-30" << QStringList { "July=2023-07*" };
    QTest::newRow("a count that looks like a year")
        << "The forum gathered 2023 delegates." << QString() << QStringList {};
    QTest::newRow("money is not a year") << "Agreements worth $2023 million were signed." << QString()
                                         << QStringList {};
    QTest::newRow("phone and page numbers")
        << "Call +1 212 2023 or see page 2013 of the report." << QString() << QStringList {};
    QTest::newRow("modal may is not a month") << "May God bless the nations." << QString() << QStringList {};
    QTest::newRow("anniversary ordinal") << "Leaders met on the 10th anniversary of the initiative."
                                         << "2023-05-11" << QStringList {};
    QTest::newRow("ordinal century") << "Since the 20th century trade grew."
                                     << "2023-05-11" << QStringList {};
    QTest::newRow("ordinal centuries in a list") << "He shaped much of the 20th and 21st century."
                                                 << "2020-09-25" << QStringList {};
    QTest::newRow("figurative tomorrow") << "We build a better tomorrow for the challenges of tomorrow."
                                         << "2020-09-25" << QStringList {};
    QTest::newRow("today and tomorrow") << "We act today and tomorrow; yesterday's answers fail."
                                        << "2020-09-25" << QStringList {};
    QTest::newRow("decade left out") << "In the 1990s the economy grew." << QString() << QStringList {};
    QTest::newRow("number with separators") << "Output reached 2,023,000 tonnes." << QString() << QStringList {};
    QTest::newRow("duration is not a date")
        << "It was his first outing in 2 years and 8 months." << QString() << QStringList {};
    QTest::newRow("vague decades ago") << "The SCO was born more than two decades ago."
                                       << "2023-05-11" << QStringList {};
    QTest::newRow("past year is a period") << "Over the past year, trade grew."
                                           << "2023-05-11" << QStringList {};
    QTest::newRow("url digits") << "See https://example.org/news-301821999.html for more." << QString()
                                << QStringList {};

    // Edges of the token stream
    QTest::newRow("year range with an en dash")
        << "During 2019\u20132020 exports fell." << QString() << QStringList { "2019=2019", "2020=2020" };
    QTest::newRow("date between em dashes") << "The day chosen\u201426 August\u2014was symbolic."
                                            << "2023-05-11" << QStringList { "26 August=2023-08-26*" };
    QTest::newRow("year after an opening quotation mark")
        << "He said that \u201C2020 was a year of loss\u201D." << QString() << QStringList { "2020=2020" };
    QTest::newRow("date after an em space") << "On\u2003 22 May a blockade was announced."
                                            << "1967" << QStringList { "22 May=1967-05-22*" };
    QTest::newRow("a line break ends the look-around in hard-wrapped text")
        << "The talks were held on May\n11, 2023 in Beijing." << QString() << QStringList { "May=?*", "2023=2023" };
    QTest::newRow("a date split over lines after a blank line")
        << "The talks were held on\n\nMay 11, 2023 in Beijing." << QString()
        << QStringList { "May 11, 2023=2023-05-11" };
    QTest::newRow("year at the very end of the text")
        << "Talks resumed in 2023" << QString() << QStringList { "2023=2023" };
    QTest::newRow("non-ASCII digits are not read")
        << "The plan of \u0662\u0660\u0662\u0663 and \uFF12\uFF10\uFF12\uFF13 was adopted in 2023." << QString()
        << QStringList { "2023=2023" };
    QTest::newRow("a year run into a CJK word is none")
        << "\u4E2D\u56FD2023\u5E74 and in 2023\u5E74 too" << QString() << QStringList {};
    QTest::newRow("empty text") << ""
                                << "2023-05-11" << QStringList {};
    QTest::newRow("white space only") << " \n\t "
                                      << "2023-05-11" << QStringList {};
}

void TestDates::explicitAndRelative()
{
    QFETCH(QString, text);
    QFETCH(QString, anchor);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(datesIn(text, anchor)), expected);
}

void TestDates::spansPointIntoText()
{
    const QString text = QStringLiteral("Xi\u2019an \U0001F30D hosted it in May 2023; one month later it ended.");
    const auto dates = datesIn(text, {});
    QCOMPARE(dates.size(), 2);
    for (const DateMention &d : dates)
        QCOMPARE(text.mid(d.span.start, d.span.end - d.span.start), d.text);
    QCOMPARE(dates[1].value.toIso(), QStringLiteral("2023-06"));
}

void TestDates::inferredPublishedDate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty: undated

    QTest::newRow("undated essay stays undated")
        << "China's foreign relations today reflect a strategic approach. The Belt and Road remains central."
        << QString();
    QTest::newRow("essay with years but no day references stays undated")
        << "In October 2019, Russia adopted a strategy for artificial intelligence until 2030." << QString();
    QTest::newRow("day references with a year give that year")
        << "Xi arrived on the 14th. It was his first trip since the outbreak of COVID-19 in 2020."
        << "2020";
    QTest::newRow("day references with a month and year give the month")
        << "Leaders met in Samarkand in September 2022. Xi left on the 16th."
        << "2022-09";
    QTest::newRow("a target year is not the date line")
        << "Xi arrived on the 14th. The plan runs until 2030. It began in 2015."
        << "2015";
    QTest::newRow("recent deixis with a year") << "Pelosi visited Taiwan last month. Drills began in 2022."
                                               << "2022";
    QTest::newRow("a stated gap from a since date moves the year")
        << "Xi left on the 14th, his first outing in 32 months. It was his first trip since the outbreak of "
           "COVID-19 in 2020."
        << "2022";
    QTest::newRow("day references without any year stay undated")
        << "Xi arrived on the 14th and left on the 16th." << QString();
    QTest::newRow("a word that begins with since is no since")
        << "Xi left on the 14th, his first outing in 32 months. It was sincerely welcomed in 2020."
        << "2020";
}

void TestDates::inferredPublishedDate()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const TokenStream ts(text);
    const auto dates = findDates(ts, {});
    const auto inferred = inferPublishedDate(ts, dates);
    QCOMPARE(inferred.has_value(), !expected.isEmpty());
    if (!inferred)
        return;
    QCOMPARE(inferred->date.toIso(), expected);
    QCOMPARE(inferred->source, DateSource::Inferred);
    QVERIFY(inferred->date.precision != Precision::Day);
    QVERIFY(!inferred->reason.isEmpty());
}

// The seed articles against what an analyst reads in them (../shared/corpus/seeds.expected.json).
void TestDates::sampleArticles()
{
    QFile expectedFile(QStringLiteral(ENTENTE_SHARED_DIR "/corpus/seeds.expected.json"));
    if (!expectedFile.open(QIODevice::ReadOnly))
        QSKIP("the shared seeds are not beside the checkout");
    const QJsonArray articles
        = QJsonDocument::fromJson(expectedFile.readAll()).object()[QStringLiteral("articles")].toArray();
    QVERIFY(!articles.isEmpty());
    for (const QJsonValue &v : articles) {
        const QJsonObject a = v.toObject();
        const QString name = a[QStringLiteral("file")].toString();
        QFile f(QDir(QStringLiteral(ENTENTE_SAMPLES_DIR)).filePath(name));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(name));
        const QString text = QString::fromUtf8(f.readAll());
        const TokenStream ts(text);

        PartialDate anchor = PartialDate::fromIso(a[QStringLiteral("published")].toString());
        auto dates = findDates(ts, anchor);
        if (!anchor.isValid()) {
            const auto inferred = inferPublishedDate(ts, dates);
            const QJsonObject expectedInferred = a[QStringLiteral("inferred_published")].toObject();
            QVERIFY2(inferred.has_value() == !expectedInferred.isEmpty(), qPrintable(name));
            if (inferred) {
                const PartialDate want = PartialDate::fromIso(expectedInferred[QStringLiteral("date")].toString());
                QCOMPARE(inferred->date.year, want.year);
                QVERIFY(int(inferred->date.precision) <= int(want.precision));
                // As the extractor does: an inferred date resolves relative dates by its year only.
                dates = findDates(ts, PartialDate { inferred->date.year, 0, 0, Precision::Year });
            }
        }

        QSet<int> years;
        QSet<QString> months;
        for (const DateMention &d : dates) {
            if (!d.value.isValid())
                continue;
            years.insert(d.value.year);
            if (d.value.precision != Precision::Year)
                months.insert(d.value.toIso().left(7));
        }
        if (a.contains(QStringLiteral("years"))) {
            QSet<int> want;
            for (const QJsonValue &y : a[QStringLiteral("years")].toArray())
                want.insert(y.toInt());
            QList<int> got = years.values();
            std::sort(got.begin(), got.end());
            QStringList gotText;
            for (int y : got)
                gotText << QString::number(y);
            QVERIFY2(years == want, qPrintable(name + QLatin1String(": got years ") + gotText.join(u',')));
        }
        for (const QJsonValue &e : a[QStringLiteral("events")].toArray()) {
            const QString date = e.toObject()[QStringLiteral("date")].toString();
            QVERIFY2(months.contains(date) || years.contains(date.toInt()),
                qPrintable(name + QLatin1String(": event date ") + date + QLatin1String(" not among the dates")));
        }
    }
}

QTEST_GUILESS_MAIN(TestDates)
#include "tst_dates.moc"

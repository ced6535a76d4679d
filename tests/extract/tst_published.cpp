#include "annotation.h"
#include "published.h"

#include <QTest>

using namespace entente;

// The header-date finder that `entente annotate` and the plain-text importer share, and the ISO
// dates `annotate --date` takes.
class TestPublished : public QObject
{
    Q_OBJECT

private slots:
    void writtenDate_data();
    void writtenDate();
    void headerLine_data();
    void headerLine();
    void headerDate_data();
    void headerDate();
    void longLineWithoutBreaks();
    void isoDate_data();
    void isoDate();
};

void TestPublished::writtenDate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("iso"); // empty: no date
    QTest::addColumn<QString>("matched");

    QTest::newRow("month day, year") << u"December 30, 2023"_qs << u"2023-12-30"_qs << u"December 30, 2023"_qs;
    QTest::newRow("abbreviated month with dot")
        << u"Updated Dec. 30, 2023 at 5 pm"_qs << u"2023-12-30"_qs << u"Dec. 30, 2023"_qs;
    QTest::newRow("abbreviated month without comma") << u"Dec 30 2023"_qs << u"2023-12-30"_qs << u"Dec 30 2023"_qs;
    QTest::newRow("day month year") << u"30 December 2023"_qs << u"2023-12-30"_qs << u"30 December 2023"_qs;
    QTest::newRow("ordinal of month") << u"the 11th of May, 2023"_qs << u"2023-05-11"_qs << u"11th of May, 2023"_qs;
    QTest::newRow("ordinal after month") << u"May 11th, 2023"_qs << u"2023-05-11"_qs << u"May 11th, 2023"_qs;
    QTest::newRow("iso date") << u"2023-12-30"_qs << u"2023-12-30"_qs << u"2023-12-30"_qs;
    QTest::newRow("iso date with time") << u"2023-05-11T08:30:00Z"_qs << u"2023-05-11"_qs << u"2023-05-11"_qs;
    QTest::newRow("slashed iso date") << u"2023/05/11"_qs << u"2023-05-11"_qs << u"2023/05/11"_qs;
    QTest::newRow("compact digits") << u"report_20230511.txt"_qs << u"2023-05-11"_qs << u"20230511"_qs;
    QTest::newRow("european dotted") << u"30.12.2023"_qs << u"2023-12-30"_qs << u"30.12.2023"_qs;
    QTest::newRow("day above twelve first with slashes") << u"30/12/2023"_qs << u"2023-12-30"_qs << u"30/12/2023"_qs;
    QTest::newRow("us month first with slashes") << u"12/30/2023"_qs << u"2023-12-30"_qs << u"12/30/2023"_qs;
    QTest::newRow("ambiguous slashes are not guessed") << u"05/11/2023"_qs << QString() << QString();
    QTest::newRow("month and year") << u"December 2023"_qs << u"2023-12"_qs << u"December 2023"_qs;
    QTest::newRow("iso month") << u"2023-05"_qs << u"2023-05"_qs << u"2023-05"_qs;
    QTest::newRow("french") << u"le 30 décembre 2023"_qs << u"2023-12-30"_qs << u"30 décembre 2023"_qs;
    QTest::newRow("spanish") << u"30 de diciembre de 2023"_qs << u"2023-12-30"_qs << u"30 de diciembre de 2023"_qs;
    QTest::newRow("german") << u"30. Dezember 2023"_qs << u"2023-12-30"_qs << u"30. Dezember 2023"_qs;
    QTest::newRow("lower-case may is a verb") << u"we may 2023 see"_qs << QString() << QString();
    QTest::newRow("impossible day") << u"February 30, 2023"_qs << QString() << QString();
    QTest::newRow("impossible iso day with time") << u"2023-02-30T00:00"_qs << QString() << QString();
    QTest::newRow("bare year is not a date") << u"in 2023 China"_qs << QString() << QString();
    QTest::newRow("year range is not a month") << u"2022-24"_qs << QString() << QString();
}

void TestPublished::writtenDate()
{
    QFETCH(QString, text);
    QFETCH(QString, iso);
    QFETCH(QString, matched);
    qsizetype start = -1;
    qsizetype end = -1;
    const auto d = parseWrittenDate(text, &start, &end);
    QCOMPARE(d.has_value(), !iso.isEmpty());
    if (d) {
        QCOMPARE(d->toIso(), iso);
        QCOMPARE(text.mid(start, end - start), matched);
    }
}

void TestPublished::headerLine_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("iso");
    QTest::addColumn<QString>("extra"); // language, author or "place|source"

    QTest::newRow("metadata line with language")
        << u" date 2023-12-30 en English"_qs << int(HeaderLine::Metadata) << u"2023-12-30"_qs << u"en"_qs;
    QTest::newRow("metadata with colon") << u"Date: 2021-03-04"_qs << int(HeaderLine::Metadata) << u"2021-03-04"_qs
                                         << QString();
    QTest::newRow("byline with colon") << u"By: Aqsa Younas Rana"_qs << int(HeaderLine::Byline) << QString()
                                       << u"Aqsa Younas Rana"_qs;
    QTest::newRow("byline with outlet and date") << u"By John Smith, Reuters | March 3, 2022"_qs
                                                 << int(HeaderLine::Byline) << u"2022-03-03"_qs << u"John Smith"_qs;
    QTest::newRow("sentence starting with by")
        << u"By the end of 2023, trade had doubled."_qs << int(HeaderLine::Other) << QString() << QString();
    QTest::newRow("published and updated") << u"Published: December 30, 2023 at 2:34 pm EST | Updated: Dec 31, 2023"_qs
                                           << int(HeaderLine::Byline) << u"2023-12-30"_qs << QString();
    QTest::newRow("date alone with weekday and time")
        << u"Saturday, December 30, 2023 2:34 PM"_qs << int(HeaderLine::Byline) << u"2023-12-30"_qs << QString();
    QTest::newRow("wire dateline with slashes")
        << u"BEIJING, May 11, 2023 /PRNewswire/ — Since China established"_qs << int(HeaderLine::Dateline)
        << u"2023-05-11"_qs << u"Beijing|PRNewswire"_qs;
    QTest::newRow("two-word place in parentheses") << u"NEW YORK (Reuters) - Stocks rose on Monday."_qs
                                                   << int(HeaderLine::Dateline) << QString() << u"New York|Reuters"_qs;
    QTest::newRow("year-less dateline") << u"LONDON, Dec. 5 (Reuters) -- Britain said"_qs << int(HeaderLine::Dateline)
                                        << QString() << u"London|Reuters"_qs;
    QTest::newRow("place with region qualifier")
        << u"SAN FRANCISCO, Calif., March 2, 2022 -- A start-up"_qs << int(HeaderLine::Dateline) << u"2022-03-02"_qs
        << u"San Francisco|"_qs;
    QTest::newRow("title-case dateline needs date or source")
        << u"Beijing, May 11 (Xinhua) -- China said"_qs << int(HeaderLine::Dateline) << QString()
        << u"Beijing|Xinhua"_qs;
    QTest::newRow("headline with colon is not a dateline")
        << u"China Foreign Relations: Expanding Engagement"_qs << int(HeaderLine::Other) << QString() << QString();
    QTest::newRow("headline naming a date is not a byline")
        << u"December 30, 2023: A Year of Summits Reviewed"_qs << int(HeaderLine::Other) << QString() << QString();
}

void TestPublished::headerLine()
{
    QFETCH(QString, line);
    QFETCH(int, kind);
    QFETCH(QString, iso);
    QFETCH(QString, extra);
    const HeaderLine h = classifyHeaderLine(line);
    QCOMPARE(int(h.kind), kind);
    QCOMPARE(h.date ? h.date->toIso() : QString(), iso);
    if (h.kind == HeaderLine::Metadata)
        QCOMPARE(h.language, extra);
    else if (h.kind == HeaderLine::Byline && !extra.isEmpty())
        QCOMPARE(h.author, extra);
    else if (h.kind == HeaderLine::Dateline)
        QCOMPARE(h.datelinePlace + u'|' + h.datelineSource, extra);
}

void TestPublished::headerDate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("iso");
    QTest::addColumn<QString>("precision");
    QTest::addColumn<QString>("source");

    QTest::newRow("metadata first line") << u" date 2023-12-30 en English\nChina\n\nHeadline\n"_qs << QString()
                                         << u"2023-12-30"_qs << u"day"_qs << u"metadata"_qs;
    QTest::newRow("byline below the headline") << u"A Headline\n\nBy: Jane Roe\nPublished: March 3, 2022\nBody."_qs
                                               << QString() << u"2022-03-03"_qs << u"day"_qs << u"byline"_qs;
    QTest::newRow("wire dateline") << u"BEIJING, May 11, 2023 /PRNewswire/ — Since then.\nMore."_qs << QString()
                                   << u"2023-05-11"_qs << u"day"_qs << u"dateline"_qs;
    QTest::newRow("file name date when the text has none")
        << u"Headline\nBody text here."_qs << u"/some/dir/2023-05-11-talks.txt"_qs << u"2023-05-11"_qs << u"day"_qs
        << u"filename"_qs;
    QTest::newRow("compact file name date")
        << u"Body only."_qs << u"news_20230511.txt"_qs << u"2023-05-11"_qs << u"day"_qs << u"filename"_qs;
    QTest::newRow("UN General Debate file gives the year")
        << u"Mr. President, ..."_qs << u"CHN_78_2023.txt"_qs << u"2023"_qs << u"year"_qs << u"filename"_qs;
    QTest::newRow("header beats file name")
        << u"Published: June 1, 2020\nText."_qs << u"20230511.txt"_qs << u"2020-06-01"_qs << u"day"_qs << u"byline"_qs;
    QTest::newRow("date deep in the body is not a header date")
        << u"Headline\n\nOne.\nTwo.\nThree.\nFour.\nFive.\nSix.\nSeven.\nEight.\nPublished: May 1, 2020\n"_qs
        << QString() << QString() << QString() << QString();
    QTest::newRow("date inside a body sentence is not a header date")
        << u"The summit held on May 11, 2023 in Xi'an ended with a declaration.\nMore text."_qs << QString()
        << QString() << QString() << QString();
    QTest::newRow("nothing at all") << u"Just a headline\nAnd a body."_qs << u"000_30131f8048409398.txt"_qs << QString()
                                    << QString() << QString();
}

void TestPublished::headerDate()
{
    QFETCH(QString, text);
    QFETCH(QString, fileName);
    QFETCH(QString, iso);
    QFETCH(QString, precision);
    QFETCH(QString, source);
    const auto d = findHeaderDate(text, fileName);
    QCOMPARE(d.has_value(), !iso.isEmpty());
    if (d) {
        QCOMPARE(d->date.toIso(), iso);
        QCOMPARE(precisionName(d->date.precision), precision);
        QCOMPARE(dateSourceName(d->source), source);
    }
}

void TestPublished::longLineWithoutBreaks()
{
    // A huge single line must not be scanned as a header line (and must not take long).
    QString text = u"Published: May 1, 2020 "_qs;
    text += QString(5'000'000, u'x');
    const auto d = findHeaderDate(text);
    QVERIFY(!d.has_value()); // a "byline" line of 5 MB is not a byline
}

void TestPublished::isoDate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("iso"); // empty: invalid
    QTest::newRow("day") << u"2023-05-11"_qs << u"2023-05-11"_qs;
    QTest::newRow("month") << u"2023-05"_qs << u"2023-05"_qs;
    QTest::newRow("year") << u"2023"_qs << u"2023"_qs;
    QTest::newRow("leap day") << u"2024-02-29"_qs << u"2024-02-29"_qs;
    QTest::newRow("leap day of a common year") << u"2023-02-29"_qs << QString();
    QTest::newRow("thirtieth of February") << u"2023-02-30"_qs << QString();
    QTest::newRow("thirty-first of April") << u"2023-04-31"_qs << QString();
    QTest::newRow("thirteenth month") << u"2023-13"_qs << QString();
    QTest::newRow("day zero") << u"2023-05-00"_qs << QString();
    QTest::newRow("two-digit year") << u"23-05-11"_qs << QString();
}

void TestPublished::isoDate()
{
    QFETCH(QString, text);
    QFETCH(QString, iso);
    const PartialDate d = PartialDate::fromIso(text);
    QCOMPARE(d.isValid(), !iso.isEmpty());
    QCOMPARE(d.toIso(), iso);
}

QTEST_GUILESS_MAIN(TestPublished)
#include "tst_published.moc"

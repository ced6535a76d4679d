// The table of known dated events (resources/gazetteer/events.tsv): its lookups, the month it gives an
// undated report whose day references fall within a summit it names, and the dates it gives event
// mentions named without one.
#include "dates.h"
#include "extractor.h"
#include "gazetteer.h"
#include "knownevents.h"
#include "knowneventtable.h"
#include "tokenstream.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace entente;

class TestKnownEvents : public QObject
{
    Q_OBJECT

private slots:
    void table();
    void cuesOfASentence();
    void everySeriesYear_data();
    void everySeriesYear();
    void lookup_data();
    void lookup();
    void inferred_data();
    void inferred();
    void mentionDated_data();
    void mentionDated();
};

void TestKnownEvents::table()
{
    const Gazetteer &g = Gazetteer::shared();
    const KnownEventTable &table = KnownEventTable::shared();
    QElapsedTimer timer;
    timer.start();
    const QString text = u"the SCO summit in Samarkand"_qs;
    const TokenStream ts(text);
    const QList<KnownEventCue> cues = table.findCues(ts, { 0, ts.size() });
    qInfo("known events: %lld; gazetteer loaded in %.1f ms, events in %.1f ms; cue index built on first use in %.1f ms",
        qint64(table.events().size()), g.loadMilliseconds(), table.loadMilliseconds(),
        double(timer.nsecsElapsed()) / 1e6);
    QCOMPARE(cues.size(), 3); // organisation, kind word, host city
    QCOMPARE(cues[0].type, KnownEventCue::Organization);
    QCOMPARE(cues[1].type, KnownEventCue::KindWord);
    QCOMPARE(cues[2].type, KnownEventCue::Place);
    const QList<KnownEvent> &events = table.events();
    QVERIFY2(events.size() >= 250, qPrintable(QString::number(events.size())));
    QSet<QString> names;
    for (const KnownEvent &e : events) {
        QVERIFY2(e.start.isValid() && e.end >= e.start, qPrintable(e.name));
        QVERIFY2(e.start.year() >= 2000 && e.start.year() <= 2025, qPrintable(e.name));
        if (e.kindBit) // no meeting lasts longer than the Games or the World Cup
            QVERIFY2(e.start.daysTo(e.end) <= 40, qPrintable(e.name));
        QVERIFY2(!names.contains(e.name), qPrintable(e.name));
        names.insert(e.name);
        if (!e.country.isEmpty())
            QVERIFY2(g.country(e.country).has_value(), qPrintable(e.name + u' ' + e.country));
        if (e.kindBit)
            QVERIFY2(!e.cities.isEmpty(), qPrintable(e.name)); // a meeting has its host city
    }
    // Sorted by start date.
    for (qsizetype i = 1; i < events.size(); ++i)
        QVERIFY2(events[i - 1].start <= events[i].start, qPrintable(events[i].name));
}

// Cues are looked for among the tokens asked for: one sentence of a text, as the extractor asks.
void TestKnownEvents::cuesOfASentence()
{
    const QString text = u"The G20 summit opened. Leaders flew to Osaka on the 28th."_qs;
    const TokenStream ts(text);
    QCOMPARE(ts.sentences().size(), 2);
    const KnownEventTable &table = KnownEventTable::shared();
    const QList<KnownEventCue> all = table.findCues(ts, { 0, ts.size() });
    const QList<KnownEventCue> second = table.findCues(ts, ts.sentenceTokens(1));
    QCOMPARE(all.size(), 3); // organisation, kind word, host city
    QCOMPARE(second.size(), 1);
    QCOMPARE(second[0].type, KnownEventCue::Place);
    QCOMPARE(text.mid(second[0].span.start, second[0].span.end - second[0].span.start), u"Osaka"_qs);
    QCOMPARE(ts.textOf(second[0].tokens.first, second[0].tokens.last), u"Osaka"_qs);
    QVERIFY(table.findCues(ts, { 0, 0 }).isEmpty());
    const QString empty;
    QVERIFY(table.findCues(TokenStream(empty), { 0, 0 }).isEmpty());
}

void TestKnownEvents::everySeriesYear_data()
{
    QTest::addColumn<QString>("organization");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<QList<int>>("gaps"); // years without the meeting (cancelled, not held)

    QTest::newRow("G20 summits every year since the first")
        << u"G20"_qs << u"summit"_qs << 2008 << 2025 << QList<int> {};
    QTest::newRow("G7/G8 summits every year but 2020")
        << u"G7"_qs << u"summit"_qs << 2000 << 2025 << QList<int> { 2020 };
    QTest::newRow("BRICS summits every year since 2009")
        << u"BRICS"_qs << u"summit"_qs << 2009 << 2025 << QList<int> {};
    QTest::newRow("SCO summits every year")
        << u"Shanghai Cooperation Organization"_qs << u"summit"_qs << 2001 << 2025 << QList<int> {};
    QTest::newRow("APEC meetings every year but 2019")
        << u"Asia-Pacific Economic Cooperation"_qs << u"summit"_qs << 2000 << 2025 << QList<int> { 2019 };
    QTest::newRow("ASEAN summits every year but 2006 and 2008")
        << u"Association of Southeast Asian Nations"_qs << u"summit"_qs << 2000 << 2025 << QList<int> { 2006, 2008 };
    QTest::newRow("climate COPs every year but 2020")
        << u"UNFCCC"_qs << u"climate-conference"_qs << 2000 << 2025 << QList<int> { 2020 };
}

void TestKnownEvents::everySeriesYear()
{
    QFETCH(QString, organization);
    QFETCH(QString, kind);
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(QList<int>, gaps);
    const KnownEventTable &table = KnownEventTable::shared();
    QSet<int> years;
    for (const int i : table.eventsOf(organization, QString(), from, to)) {
        if (table.events()[i].kind == kind)
            years.insert(table.events()[i].start.year());
    }
    for (int y = from; y <= to; ++y)
        QVERIFY2(years.contains(y) != gaps.contains(y), qPrintable(QString::number(y)));
}

void TestKnownEvents::lookup_data()
{
    QTest::addColumn<QString>("organization");
    QTest::addColumn<QString>("place");
    QTest::addColumn<int>("year");
    QTest::addColumn<QString>("name"); // looked up by name instead when set
    QTest::addColumn<QStringList>("starts");

    QTest::newRow("organisation and host city") << u"Shanghai Cooperation Organization"_qs << u"Samarkand"_qs << 2022
                                                << QString() << QStringList { u"2022-09-15"_qs };
    QTest::newRow("host city in another spelling") << u"Shanghai Cooperation Organization"_qs << u"samarqand"_qs << 0
                                                   << QString() << QStringList { u"2022-09-15"_qs };
    QTest::newRow("organisation and host country")
        << u"G20"_qs << u"IDN"_qs << 0 << QString() << QStringList { u"2022-11-15"_qs };
    QTest::newRow("one city, two summits of a series")
        << u"Asia-Pacific Economic Cooperation"_qs << u"Lima"_qs << 0 << QString()
        << QStringList { u"2008-11-22"_qs, u"2016-11-19"_qs, u"2024-11-15"_qs };
    QTest::newRow("name of its own") << QString() << QString() << 0 << u"COP26"_qs << QStringList { u"2021-10-31"_qs };
    QTest::newRow("alias, case and apostrophe aside")
        << QString() << QString() << 0 << u"russia’s invasion of ukraine"_qs << QStringList { u"2022-02-24"_qs };
    QTest::newRow("WHO pandemic declaration")
        << QString() << QString() << 0 << u"WHO pandemic declaration"_qs << QStringList { u"2020-03-11"_qs };
    QTest::newRow("unknown name") << QString() << QString() << 0 << u"Congress of Vienna"_qs << QStringList {};
}

void TestKnownEvents::lookup()
{
    QFETCH(QString, organization);
    QFETCH(QString, place);
    QFETCH(int, year);
    QFETCH(QString, name);
    QFETCH(QStringList, starts);
    const KnownEventTable &table = KnownEventTable::shared();
    const QList<int> found = name.isEmpty() ? table.eventsOf(organization, place, year, year) : table.eventsNamed(name);
    QStringList got;
    for (const int i : found)
        got.append(table.events()[i].start.toString(Qt::ISODate));
    got.sort();
    QCOMPARE(got, starts);
}

void TestKnownEvents::inferred_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("date"); // empty: nothing inferred
    QTest::addColumn<QString>("precision");
    QTest::addColumn<bool>("fromEvent"); // the reason names a known event

    QTest::newRow("summit named with its host city, days match")
        << u"Leaders gathered for the G20 summit in Hangzhou, China on the 4th. The communique was issued on the 5th."_qs
        << u"2016-09"_qs << u"month"_qs << true;
    QTest::newRow("acronym, summit and host country in one sentence")
        << u"The president left for the NATO summit in Lithuania on the 11th and returned on the 13th."_qs
        << u"2023-07"_qs << u"month"_qs << true;
    QTest::newRow("a day within a conference that spans two months")
        << u"Delegates at COP26 agreed on the 1st to cut methane."_qs << u"2021-11"_qs << u"month"_qs << true;
    QTest::newRow("days that do not match the summit")
        << u"Leaders gathered for the G20 summit in Hangzhou on the 20th."_qs << QString() << QString() << false;
    QTest::newRow("days that do not match: the stated year decides as before")
        << u"Leaders gathered for the G20 summit in Hangzhou on the 20th, as in 2016."_qs << u"2016"_qs << u"year"_qs
        << false;
    QTest::newRow("no day references")
        << u"Leaders gathered for the G20 summit in Hangzhou in 2016 and talked trade."_qs << QString() << QString()
        << false;
    QTest::newRow("a country taking part is not the host")
        << u"At the G20 summit, China pledged more aid on the 4th."_qs << QString() << QString() << false;
    QTest::newRow("host city without the organisation")
        << u"Leaders gathered for a summit in Samarkand on the 16th."_qs << QString() << QString() << false;
    QTest::newRow("organisation and city in different sentences")
        << u"The SCO summit drew many leaders. Xi flew to Samarkand on the 15th."_qs << QString() << QString() << false;
    QTest::newRow("ministers' meeting is not the summit")
        << u"SCO foreign ministers held a meeting in Samarkand on the 16th."_qs << QString() << QString() << false;
    QTest::newRow("two Games in one city match: ambiguous")
        << u"Athletes arrived for the Olympics in Beijing on the 10th."_qs << QString() << QString() << false;
    QTest::newRow("a stated year rules out the older Games")
        << u"Athletes arrived for the Olympics in Beijing on the 10th. Ticket sales had begun in 2021."_qs
        << u"2022-02"_qs << u"month"_qs << true;
    QTest::newRow("host country joined to its participle")
        << u"Fans filled the stadium as the Qatar-hosted World Cup ended on the 18th."_qs << u"2022-12"_qs
        << u"month"_qs << true;
    QTest::newRow("a landmark event is no report of the day")
        << u"Russia's invasion of Ukraine shook markets, the minister said on the 24th."_qs << QString() << QString()
        << false;
}

void TestKnownEvents::inferred()
{
    QFETCH(QString, text);
    QFETCH(QString, date);
    QFETCH(QString, precision);
    QFETCH(bool, fromEvent);
    const TokenStream ts(text);
    const QList<DateMention> dates = findDates(ts, PartialDate {});
    const std::optional<PublishedDate> p = inferPublishedDate(ts, dates);
    if (date.isEmpty()) {
        QVERIFY2(!p.has_value(), p ? qPrintable(p->date.toIso() + u' ' + p->reason) : "");
        return;
    }
    QVERIFY(p.has_value());
    QCOMPARE(p->source, DateSource::Inferred);
    QCOMPARE(p->date.toIso(), date);
    QCOMPARE(precisionName(p->date.precision), precision);
    QCOMPARE(p->reason.contains(u"fall within"_qs), fromEvent);
}

void TestKnownEvents::mentionDated_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("published"); // the article's date, empty when unknown
    QTest::addColumn<QString>("event"); // a word of the event mention
    QTest::addColumn<QString>("date"); // expected date of the mention, empty: left undated

    QTest::newRow("the organisation's one summit in the article's year")
        << u"At the SCO Summit, the leaders signed a declaration on trade."_qs << u"2022-10-02"_qs << u"SCO"_qs
        << u"2022-09-15"_qs;
    QTest::newRow("host city in the sentence, an earlier year")
        << u"Leaders recalled the G20 Summit in Osaka, where they agreed on data flows."_qs << u"2023-05-11"_qs
        << u"G20"_qs << u"2019-06-28"_qs;
    QTest::newRow("undated article, city makes it one")
        << u"Leaders recalled the G20 Summit in Hangzhou, where they agreed on steel."_qs << QString() << u"G20"_qs
        << u"2016-09-04"_qs;
    QTest::newRow("a date in the sentence wins over the table")
        << u"At the SCO Summit in June 2019, the leaders signed a declaration."_qs << u"2022-10-02"_qs << u"SCO"_qs
        << u"2019-06"_qs;
    QTest::newRow("two Games in one city: ambiguity left alone")
        << u"Officials praised the Beijing Olympics as a model of planning."_qs << u"2023-03-01"_qs << u"Olympics"_qs
        << QString();
    QTest::newRow("no summit of the organisation in the article's year, no place")
        << u"At the SCO Summit, the leaders signed a declaration on trade."_qs << u"2020-12-01"_qs << u"SCO"_qs
        << u"2020-11-10"_qs;
    QTest::newRow("host city of a later summit than the article's next year")
        << u"Officials planned the SCO Summit in Samarkand with care."_qs << u"2019-01-15"_qs << u"SCO"_qs << QString();
    QTest::newRow("undated article without a place: nothing to choose by")
        << u"At the SCO Summit, the leaders signed a declaration on trade."_qs << QString() << u"SCO"_qs << QString();
}

void TestKnownEvents::mentionDated()
{
    QFETCH(QString, text);
    QFETCH(QString, published);
    QFETCH(QString, event);
    QFETCH(QString, date);
    DocumentContext ctx;
    if (!published.isEmpty())
        ctx.published = PublishedDate { PartialDate::fromIso(published), DateSource::Metadata, {} };
    const Annotation a = Extractor::shared().annotate(text, ctx);
    const EntityMention *found = nullptr;
    for (const EntityMention &m : a.entities) {
        if (m.kind == EntityKind::Event && m.text.contains(event))
            found = &m;
    }
    QVERIFY2(found, qPrintable(u"no event mention with "_qs + event));
    QCOMPARE(found->date.toIso(), date);
}

QTEST_GUILESS_MAIN(TestKnownEvents)
#include "tst_knownevents.moc"

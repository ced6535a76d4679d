#include "gazetteer.h"

#include <QTest>

using namespace entente;

// The gazetteer's data and look-ups: what the UI and the store ask of it.
class TestGazetteer : public QObject
{
    Q_OBJECT

private slots:
    // How long it takes is for the benchmarks (bench_entities, bench_annotate print it).
    void loads()
    {
        const Gazetteer &g = Gazetteer::shared();
        QVERIFY(g.entryCount() > 10000);
        QCOMPARE(g.countryName(QStringLiteral("FRA")), QStringLiteral("France"));
    }

    void countryName_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("name");
        QTest::newRow("plain ISO name") << "CHN"
                                        << "China";
        QTest::newRow("common name preferred over the formal one") << "KOR"
                                                                   << "South Korea";
        QTest::newRow("supplement overrides 'Russian Federation'") << "RUS"
                                                                   << "Russia";
        QTest::newRow("former state from ISO 3166-3") << "SUN"
                                                      << "Soviet Union";
        QTest::newRow("East Germany") << "DDR"
                                      << "East Germany";
        QTest::newRow("unknown code") << "XXX"
                                      << "";
    }
    void countryName()
    {
        QFETCH(QString, code);
        QFETCH(QString, name);
        QCOMPARE(Gazetteer::shared().countryName(code), name);
    }

    void countryCodeFromName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("code");
        QTest::newRow("official name") << "People's Republic of China"
                                       << "CHN";
        QTest::newRow("abbreviation") << "UAE"
                                      << "ARE";
        QTest::newRow("French name") << "Chine"
                                     << "CHN";
        QTest::newRow("not a country") << "Shanghai"
                                       << "";
    }
    void countryCodeFromName()
    {
        QFETCH(QString, name);
        QFETCH(QString, code);
        QCOMPARE(Gazetteer::shared().countryCode(name), code);
    }

    void everyCountryHasAName()
    {
        const QList<CountryInfo> all = Gazetteer::shared().countries();
        QVERIFY(all.size() >= 249);
        for (const CountryInfo &c : all)
            QVERIFY2(!c.name.isEmpty(), qPrintable(c.alpha3));
    }

    void regionMembers()
    {
        QStringList ca = Gazetteer::shared().regionMembers(QStringLiteral("Central Asia"));
        ca.sort();
        QCOMPARE(ca, (QStringList { "KAZ", "KGZ", "TJK", "TKM", "UZB" }));
        QVERIFY(Gazetteer::shared().regionMembers(QStringLiteral("Korean Peninsula")).contains(QStringLiteral("PRK")));
        QVERIFY(Gazetteer::shared().regions().contains(QStringLiteral("Global South")));
    }

    void organisationMembersByDate_data()
    {
        QTest::addColumn<QString>("org");
        QTest::addColumn<QDate>("date");
        QTest::addColumn<QString>("country");
        QTest::addColumn<bool>("member");
        QTest::newRow("Egypt not yet in BRICS in 2023") << "BRICS" << QDate(2023, 6, 1) << "EGY" << false;
        QTest::newRow("Egypt in BRICS after the 2024 expansion") << "BRICS" << QDate(2024, 6, 1) << "EGY" << true;
        QTest::newRow("founding SCO member")
            << "Shanghai Cooperation Organization" << QDate(2002, 1, 1) << "UZB" << true;
        QTest::newRow("India joined the SCO in 2017")
            << "Shanghai Cooperation Organization" << QDate(2016, 1, 1) << "IND" << false;
        QTest::newRow("Finland in NATO from 2023")
            << "North Atlantic Treaty Organization" << QDate(2023, 5, 1) << "FIN" << true;
        QTest::newRow("China in the WTO after 2001")
            << "World Trade Organization" << QDate(2010, 1, 1) << "CHN" << true;
        QTest::newRow("UN has its member states") << "United Nations" << QDate() << "BRA" << true;
    }
    void organisationMembersByDate()
    {
        QFETCH(QString, org);
        QFETCH(QDate, date);
        QFETCH(QString, country);
        QFETCH(bool, member);
        QCOMPARE(Gazetteer::shared().organizationMembersAt(org, date).contains(country), member);
    }

    void personRoleByDate_data()
    {
        QTest::addColumn<QString>("person");
        QTest::addColumn<QDate>("date");
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("role");
        QTest::newRow("Biden president in 2023") << "Joe Biden" << QDate(2023, 3, 1) << "USA"
                                                 << "president";
        QTest::newRow("Biden vice president in 2015") << "Joe Biden" << QDate(2015, 3, 1) << "USA"
                                                      << "vice president";
        QTest::newRow("Xi president since 2013") << "Xi Jinping" << QDate(2020, 1, 1) << "CHN"
                                                 << "president";
        QTest::newRow("Obama president in 2015") << "Barack Obama" << QDate(2015, 1, 1) << "USA"
                                                 << "president";
    }
    void personRoleByDate()
    {
        QFETCH(QString, person);
        QFETCH(QDate, date);
        QFETCH(QString, country);
        QFETCH(QString, role);
        bool exact = false;
        const auto r = Gazetteer::shared().personRoleAt(person, date, &exact);
        QVERIFY(r.has_value());
        QVERIFY(exact);
        QCOMPARE(r->country, country);
        QCOMPARE(r->role, role);
    }
    void wordHash_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("same");
        QTest::newRow("case does not count") << u"CHINA"_qs << u"china"_qs << true;
        QTest::newRow("case does not count past eight letters")
            << u"INTERNATIONALISATION"_qs << u"internationalisation"_qs << true;
        QTest::newRow("a word inside a long text as alone")
            << u"the People's Republic of China, said"_qs << u"republic"_qs << true;
        QTest::newRow("eight letters as alone") << u"abcdefgh and more words"_qs << u"ABCDEFGH"_qs << true;
        QTest::newRow("a non-ASCII letter after ASCII ones") << u"NA\u00cfVE"_qs << u"na\u00efve"_qs << true;
        QTest::newRow("a non-ASCII initial folding to ASCII") << u"\u212aelvin"_qs << u"kelvin"_qs << true;
        QTest::newRow("one letter more") << u"chinas"_qs << u"china"_qs << false;
        QTest::newRow("one letter changed at the ninth place") << u"abcdefghi"_qs << u"abcdefghj"_qs << false;
        QTest::newRow("only the first 128 characters count") << QString(130, u'a') << QString(129, u'A') << true;
    }
    // The tokenizer hashes an ASCII word from a vector register and any other word from its buffer: the same
    // folded characters must give the same hash either way, or names would stop matching.
    void wordHash()
    {
        QFETCH(QString, text);
        QFETCH(QString, word);
        QFETCH(bool, same);
        std::vector<Token> tokens;
        tokenize(text, tokens);
        const quint64 wanted = entente::wordHash(word);
        bool found = false;
        for (const Token &t : tokens)
            found = found || t.hash == wanted;
        QCOMPARE(found, same);
    }

    void tokenFilter_data()
    {
        QTest::addColumn<int>("keys");
        QTest::newRow("empty map rejects everything") << 0;
        QTest::newRow("a few keys") << 10;
        QTest::newRow("as many first words as the gazetteer has") << 30000;
    }
    // The matcher skips a word the filter rejects: a key of the map that it rejected would lose a name.
    void tokenFilter()
    {
        QFETCH(int, keys);
        TokenHashMap map;
        // Keys as the tokenizer makes them: word hashes, well spread over 64 bits.
        for (int k = 0; k < keys; ++k)
            map[entente::wordHash(QStringLiteral("w%1").arg(k))] = 1;
        TokenHashFilter filter;
        filter.build(map);
        for (int k = 0; k < keys; ++k)
            QVERIFY(filter.mayContain(entente::wordHash(QStringLiteral("w%1").arg(k))));
        int passed = 0;
        const int probes = 20000;
        for (int k = 0; k < probes; ++k)
            passed += filter.mayContain(entente::wordHash(QStringLiteral("x%1").arg(k))) ? 1 : 0;
        QVERIFY2(
            passed < probes / 20, qPrintable(QStringLiteral("%1 of %2 absent keys passed").arg(passed).arg(probes)));
    }
};

QTEST_GUILESS_MAIN(TestGazetteer)
#include "tst_gazetteer.moc"

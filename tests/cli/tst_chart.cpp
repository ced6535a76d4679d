// `entente chart` end to end: a store of the sample corpus drawn to PNG, SVG and PDF (and its
// data to CSV) by the real binary without a display, and refusals with exit status 2.
#include "gazetteer.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

class TestChart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void drawsEveryKind_data();
    void drawsEveryKind();
    void refuses_data();
    void refuses();
    void focusOnAnOrganisationInAnyCase();
    void countriesOnly();
    void compareTwoCountries_data();
    void compareTwoCountries();

private:
    struct Result
    {
        int status = -1;
        QString err;
    };
    Result run(const QStringList &args) const;
    QTemporaryDir m_dir;
    QString m_store;
};

TestChart::Result TestChart::run(const QStringList &args) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // the command must not need one
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ENTENTE_BINARY), args);
    if (!p.waitForFinished(120000))
        return {};
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardError()) };
}

void TestChart::initTestCase()
{
    m_store = m_dir.filePath(QStringLiteral("samples.entente"));
    const Result r = run({ QStringLiteral("ingest"), QStringLiteral("-q"), QStringLiteral("--store"), m_store,
        QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QCOMPARE(r.status, 0);
}

void TestChart::drawsEveryKind_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("extra");
    QTest::newRow("relations of China as PNG") << "relations"
                                               << "png" << QStringList { "--focus", "CHN" };
    QTest::newRow("relations, a lower-case focus, as SVG") << "relations"
                                                           << "svg" << QStringList { "--focus", "chn" };
    QTest::newRow("strongest pairs as PDF") << "relations"
                                            << "pdf" << QStringList {};
    QTest::newRow("network focused as PNG") << "network"
                                            << "png" << QStringList { "--focus", "CHN" };
    QTest::newRow("network as SVG, top 10") << "network"
                                            << "svg" << QStringList { "--focus", "CHN", "--top", "10" };
    QTest::newRow("timeline of China as PDF") << "timeline"
                                              << "pdf" << QStringList { "--focus", "CHN" };
    QTest::newRow("timeline in a year range as SVG")
        << "timeline"
        << "svg" << QStringList { "--focus", "CHN", "--from", "2022", "--to", "2023" };
}

void TestChart::drawsEveryKind()
{
    QFETCH(QString, kind);
    QFETCH(QString, format);
    QFETCH(QStringList, extra);
    const QString out = m_dir.filePath(QTest::currentDataTag() + QStringLiteral(".") + format);
    const QString data = m_dir.filePath(QTest::currentDataTag() + QStringLiteral(".csv"));
    const Result r = run(QStringList { QStringLiteral("chart"), QStringLiteral("--store"), m_store,
                             QStringLiteral("--kind"), kind, QStringLiteral("--size"), QStringLiteral("1000x700"),
                             QStringLiteral("--out"), out, QStringLiteral("--data"), data }
        + extra);
    QVERIFY2(r.status == 0, qPrintable(r.err));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const bool focused = extra.contains(QStringLiteral("CHN")) || extra.contains(QStringLiteral("chn"));
    if (format == u"png") {
        const QImage image = QImage::fromData(bytes);
        QCOMPARE(image.size(), QSize(1000, 700));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 5)
            for (int x = 0; x < image.width(); x += 5)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 8);
    } else if (format == u"svg") {
        QXmlStreamReader xml(bytes);
        QString text;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::Characters)
                text += xml.text();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        if (focused)
            QVERIFY(text.contains(entente::Gazetteer::shared().countryName(QStringLiteral("CHN"))));
    } else {
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.contains("/Type /Page"));
        QVERIFY(bytes.size() > 4000);
    }
    QFile csv(data);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 1);
    if (kind == u"timeline") {
        QCOMPARE(lines.first(), QStringLiteral("year,articles,cooperation,conflict,neutral"));
        if (extra.contains(QStringLiteral("--from")))
            QVERIFY(lines.at(1).startsWith(QLatin1String("20")));
    } else if (kind == u"relations") {
        QVERIFY(lines.first().startsWith(QLatin1String("a,b,name,")));
        if (focused)
            QVERIFY(lines.at(1).startsWith(QLatin1String("CHN,")));
    } else {
        QVERIFY(lines.first().startsWith(QLatin1String("a,b,name_a,name_b")));
    }
}

void TestChart::refuses_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no kind") << QStringList { "--out", "x.png" } << "--kind";
    QTest::newRow("unknown kind") << QStringList { "--kind", "pie", "--out", "x.png" } << "--kind";
    QTest::newRow("unknown picture format") << QStringList { "--kind", "network", "--out", "x.bmp" } << ".png";
    QTest::newRow("malformed size") << QStringList { "--kind", "network", "--out", "x.png", "--size", "big" }
                                    << "--size";
    QTest::newRow("years the wrong way round")
        << QStringList { "--kind", "timeline", "--out", "x.png", "--from", "2023", "--to", "2000" } << "--from";
    // An empty chart would say nothing of the typing error behind it.
    QTest::newRow("a focus that names nothing") << QStringList { "--kind", "relations", "--out", "x.png", "--focus",
        "NOPE" } << "entente chart: no such country or entity 'NOPE'";
    QTest::newRow("a comparison without a focus")
        << QStringList { "--kind", "relations", "--out", "x.png", "--compare", "USA" } << "--compare needs --focus";
    QTest::newRow("a comparison that names nothing") << QStringList { "--kind", "relations", "--out", "x.png",
        "--focus", "CHN", "--compare", "NOPE" } << "no such country or organisation 'NOPE'";
    QTest::newRow("a comparison with the focus itself") << QStringList { "--kind", "relations", "--out", "x.png",
        "--focus", "CHN", "--compare", "chn" } << "another country";
    QTest::newRow("a comparison of networks")
        << QStringList { "--kind", "network", "--out", "x.png", "--focus", "CHN", "--compare", "USA" } << "--compare";
    QTest::newRow("years against years on the timeline") << QStringList { "--kind", "timeline", "--out", "x.png",
        "--focus", "CHN", "--against", "2010-2019" } << "--against is for --kind relations";
    QTest::newRow("a period that is no years") << QStringList { "--kind", "relations", "--out", "x.png", "--focus",
        "CHN", "--period", "the eighties" } << "--period must be";
    QTest::newRow("a period and --from") << QStringList { "--kind", "relations", "--out", "x.png", "--focus", "CHN",
        "--period", "1980-1989", "--from", "1990" }
                                         << "--period is --from and --to in one";
    QTest::newRow("years against years without a focus") << QStringList { "--kind", "relations", "--out", "x.png",
        "--against", "2010-2019" } << "--against needs --focus";
    QTest::newRow("two comparisons at once") << QStringList { "--kind", "relations", "--out", "x.png", "--focus", "CHN",
        "--compare", "USA", "--against", "2010-2019" }
                                             << "give one";
    QTest::newRow("a focus that names nothing, on the timeline, with data only") << QStringList { "--kind", "timeline",
        "--data", "x.png", "--focus", "Atlantis" } << "no such country or entity 'Atlantis'";
}

void TestChart::refuses()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QStringList full { QStringLiteral("chart"), QStringLiteral("--store"), m_store };
    for (QString a : args) {
        if (a == u"x.png" || a == u"x.bmp")
            a = m_dir.filePath(a);
        full << a;
    }
    const Result r = run(full);
    QCOMPARE(r.status, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.png"))));
    // A store that is not there is refused too, and nothing is written.
    const Result missing = run({ QStringLiteral("chart"), QStringLiteral("--store"),
        m_dir.filePath(QStringLiteral("none.entente")), QStringLiteral("--kind"), QStringLiteral("network"),
        QStringLiteral("--out"), m_dir.filePath(QStringLiteral("y.png")) });
    QCOMPARE(missing.status, 2);
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("y.png"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.entente"))));
}

void TestChart::focusOnAnOrganisationInAnyCase()
{
    // A focus that is no country code is looked up among the store's entities, case aside.
    const QString csv = m_dir.filePath(QStringLiteral("brics.csv"));
    const Result r = run({ QStringLiteral("chart"), QStringLiteral("--store"), m_store, QStringLiteral("--kind"),
        QStringLiteral("relations"), QStringLiteral("--focus"), QStringLiteral("brics"), QStringLiteral("--data"),
        csv });
    QCOMPARE(r.status, 0);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 2);
    QVERIFY2(lines[1].startsWith(QStringLiteral("BRICS,")), qPrintable(lines[1]));
}

void TestChart::countriesOnly()
{
    // The strongest pairs with organisations (marked in the last column), then without: the same pairs of two
    // countries, in the same order, and none with an organisation.
    const auto pairs = [this](bool countriesOnly) {
        const QString csv = m_dir.filePath(countriesOnly ? QStringLiteral("countries.csv") : QStringLiteral("all.csv"));
        QStringList args = { QStringLiteral("chart"), QStringLiteral("--store"), m_store, QStringLiteral("--kind"),
            QStringLiteral("relations"), QStringLiteral("--top"), QStringLiteral("100"), QStringLiteral("--data"),
            csv };
        if (countriesOnly)
            args << QStringLiteral("--countries-only");
        const Result r = run(args);
        QFile f(csv);
        return r.status == 0 && f.open(QIODevice::ReadOnly)
            ? QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts)
            : QStringList();
    };
    const QStringList all = pairs(false);
    const QStringList countries = pairs(true);
    QVERIFY(all.size() > 2);
    QVERIFY(all.first().endsWith(QLatin1String(",total,organisation")));
    QStringList expected;
    for (const QString &line : all.mid(1)) {
        if (line.endsWith(QLatin1String(",0")))
            expected << line;
    }
    QVERIFY2(expected.size() < all.size() - 1, "the samples relate countries to organisations");
    QCOMPARE(countries.mid(1), expected);
}

void TestChart::compareTwoCountries_data()
{
    QTest::addColumn<QString>("format");
    for (const char *format : { "png", "svg", "pdf" })
        QTest::newRow(format) << QString::fromLatin1(format);
}

void TestChart::compareTwoCountries()
{
    QFETCH(QString, format);
    const auto lines = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts)
                                           : QStringList();
    };
    // China's partners beside those of the United States, in a picture and a CSV with a side column.
    const QString out = m_dir.filePath(QStringLiteral("compare.") + format);
    const QString data = m_dir.filePath(QStringLiteral("compare.csv"));
    Result r = run({ QStringLiteral("chart"), QStringLiteral("--store"), m_store, QStringLiteral("--kind"),
        QStringLiteral("relations"), QStringLiteral("--focus"), QStringLiteral("CHN"), QStringLiteral("--compare"),
        QStringLiteral("usa"), QStringLiteral("--out"), out, QStringLiteral("--data"), data });
    QVERIFY2(r.status == 0, qPrintable(r.err));
    QFile picture(out);
    QVERIFY(picture.open(QIODevice::ReadOnly));
    const QByteArray bytes = picture.readAll();
    if (format == u"png") {
        QCOMPARE(QImage::fromData(bytes).size(), QSize(1600, 1000));
    } else if (format == u"svg") {
        QXmlStreamReader xml(bytes);
        QString text;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::Characters)
                text += xml.text();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        for (const char *code : { "CHN", "USA" }) {
            const QString name = entente::Gazetteer::shared().countryName(QLatin1String(code));
            QVERIFY2(text.contains(name), qPrintable(name));
        }
    } else {
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.size() > 4000);
    }
    const QStringList relations = lines(data);
    QVERIFY(relations.size() > 2);
    QVERIFY(relations.first().startsWith(QLatin1String("side,a,b,name,")));
    int usaSide = 0, chinaSide = 0, pairTotal = -1;
    for (const QString &line : relations.mid(1)) {
        const QStringList fields = line.split(u',');
        QVERIFY2(fields.at(0) == fields.at(1), qPrintable(line)); // each side's rows are its own partners
        (fields.at(0) == u"USA" ? usaSide : chinaSide) += 1;
        if (fields.at(0) == u"CHN" && fields.at(2) == u"USA")
            pairTotal = fields.at(fields.size() - 2).toInt();
    }
    QVERIFY(chinaSide > 0 && usaSide > 0);
    QCOMPARE(chinaSide + usaSide, relations.size() - 1);

    // The timeline of the pair: China to the United States and back, per year; together no more than the pair's
    // relations (undated ones have no year).
    const QString pairData = m_dir.filePath(QStringLiteral("pair.csv"));
    r = run({ QStringLiteral("chart"), QStringLiteral("--store"), m_store, QStringLiteral("--kind"),
        QStringLiteral("timeline"), QStringLiteral("--focus"), QStringLiteral("CHN"), QStringLiteral("--compare"),
        QStringLiteral("USA"), QStringLiteral("--data"), pairData });
    QVERIFY2(r.status == 0, qPrintable(r.err));
    const QStringList years = lines(pairData);
    QCOMPARE(years.first(),
        QStringLiteral("year,articles,CHN_to_USA_cooperation,CHN_to_USA_conflict,CHN_to_USA_neutral,"
                       "USA_to_CHN_cooperation,USA_to_CHN_conflict,USA_to_CHN_neutral"));
    int each = 0;
    for (const QString &line : years.mid(1, years.size() - 2)) {
        const QStringList fields = line.split(u',');
        for (int i = 2; i < 8; ++i)
            each += fields.at(i).toInt();
    }
    QVERIFY(each > 0);
    if (pairTotal >= 0)
        QVERIFY2(each <= pairTotal, qPrintable(QStringLiteral("%1 > %2").arg(each).arg(pairTotal)));

    // The 2010s against the years before: the focus's partners in each, a side per range.
    const QString periods = m_dir.filePath(QStringLiteral("periods.csv"));
    r = run({ QStringLiteral("chart"), QStringLiteral("--store"), m_store, QStringLiteral("--kind"),
        QStringLiteral("relations"), QStringLiteral("--focus"), QStringLiteral("CHN"), QStringLiteral("--period"),
        QStringLiteral("1900-2021"), QStringLiteral("--against"), QStringLiteral("2022-2030"), QStringLiteral("--out"),
        out, QStringLiteral("--data"), periods });
    QVERIFY2(r.status == 0, qPrintable(r.err));
    const QStringList sides = lines(periods);
    QVERIFY(sides.first().startsWith(QLatin1String("side,a,b,name,")));
    QSet<QString> seen;
    for (const QString &line : sides.mid(1))
        seen.insert(line.section(u',', 0, 0));
    QVERIFY2(seen.contains(QStringLiteral("2022–2030")), qPrintable(sides.join(u'|')));
    QVERIFY(seen.size() <= 2);
}

QTEST_GUILESS_MAIN(TestChart)
#include "tst_chart.moc"

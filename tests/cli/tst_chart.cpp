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

QTEST_GUILESS_MAIN(TestChart)
#include "tst_chart.moc"

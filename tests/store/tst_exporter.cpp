// Exporter on a real store file: numbers that are no numbers (an infinite amount that a store
// written before amounts were bounded holds) never reach a CSV or JSON Lines export.
#include "article.h"
#include "exporter.h"
#include "store.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace entente;

class TestExporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void noInfinityInAnyExport_data();
    void noInfinityInAnyExport();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestExporter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("s.entente"));
    const QString text = QStringLiteral("China pledged $999 to Kazakhstan. Japan gave $5 billion.");
    ArticleRecord r;
    r.title = QStringLiteral("Pledges");
    r.text = text;
    r.file = QStringLiteral("pledges.txt");
    r.hash = r.contentHash();
    Annotation a;
    a.sentences = { { 0, text.indexOf(u'.') + 1 }, { text.indexOf(u'.') + 2, text.size() } };
    auto money = [&](const QString &written, double amount, const QString &id) {
        EntityMention m;
        m.span = { text.indexOf(written), text.indexOf(written) + written.size() };
        m.text = written;
        m.kind = EntityKind::Money;
        m.id = id;
        m.name = id;
        m.method = QStringLiteral("money");
        m.currency = QStringLiteral("USD");
        m.amount = amount;
        return m;
    };
    a.entities << money(QStringLiteral("$999"), std::numeric_limits<double>::infinity(), QStringLiteral("USD 999"))
               << money(QStringLiteral("$5 billion"), 5e9, QStringLiteral("USD 5000000000"));
    Store store;
    QString error;
    QVERIFY2(store.open(m_path, Store::OpenMode::CreateIfMissing, &error), qPrintable(error));
    QVERIFY(store.beginBatch());
    QCOMPARE(store.insertArticle(r, a, nullptr, &error), Store::InsertResult::Inserted);
    QVERIFY(store.commitBatch());
}

void TestExporter::noInfinityInAnyExport_data()
{
    QTest::addColumn<Exporter::Format>("format");
    QTest::newRow("CSV") << Exporter::Format::Csv;
    QTest::newRow("JSON Lines") << Exporter::Format::JsonLines;
}

void TestExporter::noInfinityInAnyExport()
{
    QFETCH(Exporter::Format, format);
    Store store;
    QVERIFY(store.open(m_path, Store::OpenMode::ReadOnly));
    QByteArray bytes;
    QBuffer out(&bytes);
    QVERIFY(out.open(QIODevice::WriteOnly));
    QString error;
    QCOMPARE(Exporter::write(store, Exporter::What::Mentions, format, &out, &error), 2);
    const QString text = QString::fromUtf8(bytes);
    static const QRegularExpression notANumber(
        QStringLiteral("\\b(inf|infinity|nan)\\b"), QRegularExpression::CaseInsensitiveOption);
    QVERIFY2(!text.contains(notANumber), qPrintable(text));
    const QStringList lines = text.split(QStringLiteral("\n"), Qt::SkipEmptyParts);
    if (format == Exporter::Format::Csv) {
        QCOMPARE(lines.size(), 3); // the header and two rows
        QVERIFY2(lines[1].contains(QStringLiteral(",USD,,")), qPrintable(lines[1])); // currency, no amount, date
        QVERIFY2(lines[2].contains(QStringLiteral(",USD,5e+09,")), qPrintable(lines[2]));
    } else {
        QCOMPARE(lines.size(), 2);
        const QJsonObject infinite = QJsonDocument::fromJson(lines[0].toUtf8()).object();
        QVERIFY(infinite.contains(QStringLiteral("amount")));
        QVERIFY(infinite.value(QStringLiteral("amount")).isNull());
        const QJsonObject finite = QJsonDocument::fromJson(lines[1].toUtf8()).object();
        QCOMPARE(finite.value(QStringLiteral("amount")).toDouble(), 5e9);
    }
}

QTEST_GUILESS_MAIN(TestExporter)
#include "tst_exporter.moc"

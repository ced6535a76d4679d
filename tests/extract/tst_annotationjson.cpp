#include "annotationjson.h"
#include "extractor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace entente;

// The hand-written `entente annotate` writer must give byte for byte what Qt's JSON writer gives
// for the same object: these rows build annotations with the awkward cases and compare.
class TestAnnotationJson : public QObject
{
    Q_OBJECT

private slots:
    void sameAsQJsonDocument_data();
    void sameAsQJsonDocument();
    void extractedDocumentSameAsQJsonDocument();
};

namespace {

EntityMention mention(const QString &text, qsizetype start, EntityKind kind)
{
    EntityMention m;
    m.span = { start, start + text.size() };
    m.text = text;
    m.kind = kind;
    m.id = text;
    m.name = text;
    m.method = QStringLiteral("name");
    return m;
}

} // namespace

void TestAnnotationJson::sameAsQJsonDocument_data()
{
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Annotation>("annotation");

    QTest::newRow("empty annotation, unpublished") << QJsonValue(QStringLiteral("a.txt")) << QString() << Annotation {};

    {
        Annotation a;
        a.published = PublishedDate { PartialDate::fromIso(QStringLiteral("2023-05")), DateSource::Inferred,
            QStringLiteral("latest \"dated\" event\\month") };
        a.sentences = { { 0, 10 } };
        EntityMention m = mention(QStringLiteral("China"), 0, EntityKind::Country);
        m.country = QStringLiteral("CHN");
        m.id = QStringLiteral("CHN");
        m.confidence = 0.95;
        a.entities << m;
        QTest::newRow("published with a quoted reason")
            << QJsonValue(QStringLiteral("x")) << QStringLiteral("China") << a;
    }
    {
        Annotation a;
        EntityMention tab = mention(QStringLiteral("A\tB\nC\rD\bE\fF\x01G\x1fH/\x7f"), 0, EntityKind::Person);
        tab.role = QStringLiteral("président");
        a.entities << tab;
        QTest::newRow("control characters escaped") << QJsonValue(QStringLiteral("c")) << tab.text << a;
    }
    {
        Annotation a;
        const QString text = u"🌍 中国 é"_qs + QChar(0xD800) + u"x"_qs + QChar(0xDC00) + QChar(0xD800);
        EntityMention m = mention(text, 0, EntityKind::Place);
        m.name.clear();
        a.entities << m;
        DateMention d;
        d.span = { 3, 5 };
        d.text = text.mid(3, 2);
        d.value = PartialDate { 2001, 9, 11, Precision::Day };
        d.relative = true;
        a.dates << d;
        DateMention unresolved;
        unresolved.span = { 6, 7 };
        unresolved.text = QStringLiteral("then");
        a.dates << unresolved;
        QTest::newRow("astral, CJK, accents and lone surrogates") << QJsonValue(text) << text << a;
    }
    {
        Annotation a;
        for (double amount :
            { 1.0, 0.5, 1e9, 97.2e9, 1.5e15, 9007199254740992.0, 1e17, 123456789012345678.0, 3.25e-7, -4.0, 0.1 + 0.2,
                0.05, 0.01, 0.001, 0.005, 999.99, 1000.5, 123.4, 12345.5, -7.2, -0.35, 2.675, 0.07, 1e21 }) {
            EntityMention m = mention(QStringLiteral("$1"), 0, EntityKind::Money);
            m.amount = amount;
            m.currency = QStringLiteral("USD");
            m.confidence = amount > 1 ? 0.85 : 1.0;
            m.date = PartialDate { 2015, 0, 0, Precision::Year };
            a.entities << m;
        }
        QTest::newRow("money amounts, integral and not")
            << QJsonValue(QStringLiteral("m")) << QStringLiteral("$1") << a;
    }
    {
        Annotation a;
        a.sentences = { { 0, 20 }, { 21, 40 } };
        Relation r;
        r.sentence = 1;
        r.span = { 21, 40 };
        r.a = QStringLiteral("USA");
        r.b = QStringLiteral("CHN");
        r.directed = true;
        r.tone = QStringLiteral("conflict");
        r.quad = 4;
        r.cameo = QStringLiteral("190");
        r.goldstein = -10;
        r.cues = { QStringLiteral("attacked"), QStringLiteral("\"war\"") };
        a.relations << r;
        Relation plain;
        plain.sentence = 0;
        plain.span = { 0, 20 };
        plain.a = QStringLiteral("FRA");
        plain.b = QStringLiteral("DEU");
        plain.tone = QStringLiteral("neutral");
        plain.goldstein = 3.4;
        plain.implicit = true;
        a.relations << plain;
        QTest::newRow("relations, directed and not, with and without cues")
            << QJsonValue(QStringLiteral("r")) << QString(40, u'x') << a;
    }
    {
        Annotation a;
        int rank = 0;
        for (double salience : { 1.0, 0.85, 0.5, 0.34, 0.07, 0.0 }) {
            CountrySalience c;
            c.id = QStringList { u"CHN"_qs, u"RUS"_qs, u"KAZ"_qs, u"UZB"_qs, u"USA"_qs, u"FRA"_qs }.at(rank++);
            c.salience = salience;
            c.about = salience >= 0.34;
            a.countries << c;
        }
        QTest::newRow("countries by salience, about and mentioned, integral saliences")
            << QJsonValue(QStringLiteral("c")) << QString() << a;
    }
    QTest::newRow("numeric id") << QJsonValue(42) << QString() << Annotation {};
    QTest::newRow("fractional id") << QJsonValue(4.5) << QString() << Annotation {};
    QTest::newRow("null id") << QJsonValue() << QString() << Annotation {};
    QTest::newRow("object id") << QJsonValue(QJsonObject { { QStringLiteral("k"), QJsonArray { 1, u"é\n"_qs } } })
                               << QString() << Annotation {};
}

void TestAnnotationJson::sameAsQJsonDocument()
{
    QFETCH(QJsonValue, id);
    QFETCH(QString, text);
    QFETCH(Annotation, annotation);
    const QByteArray expected
        = QJsonDocument(annotationToJson(id, text, annotation)).toJson(QJsonDocument::Compact) + '\n';
    QCOMPARE(annotationToJsonLine(id, text, annotation), expected);
}

void TestAnnotationJson::extractedDocumentSameAsQJsonDocument()
{
    // A real document through the whole pipeline: whatever fields the extractor fills.
    const QString text = QStringLiteral(
        "BEIJING, May 19, 2023 \u2014 President Xi Jinping met Kazakh President Tokayev in Xi'an on Thursday.\n"
        "China will provide $3.72 billion (26 billion yuan) to Central Asian countries. The United States "
        "condemned Russia's attack on Ukraine, while France and Germany signed a trade agreement.\n");
    const Annotation a = Extractor::shared().annotate(text, DocumentContext {});
    QVERIFY(!a.entities.isEmpty());
    QVERIFY(!a.countries.isEmpty());
    const QByteArray expected
        = QJsonDocument(annotationToJson(QStringLiteral("doc"), text, a)).toJson(QJsonDocument::Compact) + '\n';
    QCOMPARE(annotationToJsonLine(QStringLiteral("doc"), text, a), expected);
}

QTEST_GUILESS_MAIN(TestAnnotationJson)
#include "tst_annotationjson.moc"

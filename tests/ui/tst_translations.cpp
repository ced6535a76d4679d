// The English plural forms: every string of the code that counts with %n reads "1 article", "2 articles".
#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void everyCountHasItsPlural();
};

void TestTranslations::everyCountHasItsPlural()
{
    QTranslator english;
    QVERIFY(english.load(QStringLiteral(":/i18n/entente_en.qm")));
    QVERIFY(QCoreApplication::installTranslator(&english));
    QCOMPARE(QCoreApplication::translate("entente::MainWindow", "%n article(s)", nullptr, 1), u"1 article"_qs);
    QCOMPARE(QCoreApplication::translate("entente::MainWindow", "%n article(s)", nullptr, 2), u"2 articles"_qs);
    QCOMPARE(QCoreApplication::translate("entente::ImportReportModel", ", %n file(s) skipped", nullptr, 1),
        u", 1 file skipped"_qs);

    // Each tr("... %n ...") of the sources has its forms, in the context of the class whose file it is in.
    static const QRegularExpression counted(QStringLiteral(R"re(\btr\("([^"]*%n[^"]*)")re"));
    static const QRegularExpression member(QStringLiteral(R"re(\b([A-Z]\w+)::\w+\()re"));
    int found = 0;
    for (const char *folder : { "ui", "models", "app" }) {
        QDirIterator it(QStringLiteral(ENTENTE_SOURCE_DIR "/") + QLatin1String(folder), { QStringLiteral("*.cpp") },
            QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString code = QString::fromUtf8(f.readAll());
            // The class of the file: articlespane.cpp defines ArticlesPane's members.
            QString context;
            for (auto c = member.globalMatch(code); c.hasNext() && context.isEmpty();) {
                const QString name = c.next().captured(1);
                if (name.toLower() == QFileInfo(f.fileName()).baseName())
                    context = QStringLiteral("entente::") + name;
            }
            for (auto m = counted.globalMatch(code); m.hasNext();) {
                const QString source = m.next().captured(1);
                ++found;
                const QByteArray ctx = context.toUtf8(), src = source.toUtf8();
                const QString one = QCoreApplication::translate(ctx.constData(), src.constData(), nullptr, 1);
                const QString two = QCoreApplication::translate(ctx.constData(), src.constData(), nullptr, 2);
                QVERIFY2(one != two && !one.contains(u"(s)") && !two.contains(u"(s)"),
                    qPrintable(QStringLiteral("%1 in %2 (%3)").arg(source, f.fileName(), context)));
            }
        }
    }
    QVERIFY(found >= 10);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"

#include "cli.h"
#include "filenames.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTranslator>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Entente"));
    QCoreApplication::setApplicationName(QStringLiteral("Entente"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ENTENTE_VERSION));
    // The English plural forms of the strings that count ("1 article", "2 articles").
    auto *english = new QTranslator(QCoreApplication::instance());
    if (english->load(QStringLiteral(":/i18n/entente_en.qm")))
        QCoreApplication::installTranslator(english);
}

} // namespace

int main(int argc, char *argv[])
{
    // Arguments are bytes: a file name among them may be no UTF-8, and is kept whole (filenames.h).
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << entente::decodeFileName(QByteArray(argv[i]));

    // `chart` draws with widgets, so it needs a QApplication; without a display, offscreen.
    if (args.value(1) == u"chart") {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        setIdentity();
        return entente::Cli::run(args);
    }

    // Subcommands run headless: no display needed, no GUI libraries initialised.
    if (entente::Cli::wantsCommandLine(args)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        return entente::Cli::run(args);
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Entente"));
    entente::MainWindow window;
    window.start(args.size() > 1 ? args.at(1) : QString());
    window.show();
    return app.exec();
}

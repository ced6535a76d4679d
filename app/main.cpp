#include "articlelistmodel.h"
#include "cli.h"
#include "filenames.h"
#include "mainwindow.h"
#include "pgstore.h"
#include "store.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

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

    // `entente --quit-after-start STORE`, not in --help: the window opens the store, shows it, says how many articles
    // it lists and quits; the check of an installed package starts the real app so. A store it cannot open would
    // ask in a dialog, which no one answers there: it is refused before the window is made.
    const bool quitAfterStart = args.removeAll(QStringLiteral("--quit-after-start")) > 0;
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Entente"));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.entente.Entente"));
    if (quitAfterStart) {
        // A server store is checked by opening it (a reader's connection, nothing written).
        QString problem;
        if (args.size() < 2)
            problem = QStringLiteral("no store given");
        else if (entente::isServerStore(args.at(1)))
            (void)entente::Store().openServer(args.at(1), &problem);
        else if (!QFileInfo::exists(args.at(1)))
            problem = QStringLiteral("%1 does not exist").arg(args.at(1));
        else
            problem = entente::Store::checkFile(args.at(1));
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "entente --quit-after-start: %s\n", qPrintable(problem));
            return 1;
        }
    }
    entente::MainWindow window;
    window.start(args.size() > 1 ? args.at(1) : QString());
    window.show();
    // Closed as a user closes it (the layout saved, the panes let go of the store), once the event loop has run.
    int status = 0;
    // The window chooses a large store's first focus on a worker: it reports once the panes have read the store.
    if (quitAfterStart) {
        const auto report = [&window, &status] {
            if (window.storePath().isEmpty())
                status = 1;
            else
                std::printf("opened %s: %lld articles\n", qPrintable(window.storePath()),
                    qint64(window.articleModel()->storeCount()));
            window.close();
        };
        if (window.isOpening())
            QObject::connect(&window, &entente::MainWindow::storeOpened, &window, report, Qt::QueuedConnection);
        else
            QTimer::singleShot(0, &window, report);
    }
    const int code = app.exec();
    return quitAfterStart ? status : code;
}

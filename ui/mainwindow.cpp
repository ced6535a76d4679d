#include "mainwindow.h"

#include "article.h"
#include "articlelistmodel.h"
#include "asyncquery.h"
#include "chartdata.h"
#include "chartpanes.h"
#include "corpuscube.h"
#include "correctionsdialog.h"
#include "editcommand.h"
#include "editlog.h"
#include "entitiespane.h"
#include "evidencepane.h"
#include "filereader.h"
#include "gazetteer.h"
#include "helpdialogs.h"
#include "importjob.h"
#include "importreportdialog.h"
#include "importreportmodel.h"
#include "networkmodel.h"
#include "networkpane.h"
#include "pgstore.h"
#include "readerpane.h"
#include "readingpanes.h"
#include "relationspane.h"
#include "selection.h"
#include "serverstoredialog.h"
#include "store.h"
#include "storesession.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

#include <functional>

namespace entente {

namespace {
constexpr int MaxRecent = 8;

// A store as the window names it: a file by its name, a server store by its URL (without a password).
QString shownName(const QString &path)
{
    return isServerStore(path) ? QUrl(path).toString(QUrl::RemovePassword) : QFileInfo(path).fileName();
}

const char *const StoreFilter = QT_TRANSLATE_NOOP("MainWindow", "Entente stores (*.entente);;All files (*)");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_selection(new Selection(this))
    , m_undoStack(new QUndoStack(this))
    , m_opening(new AsyncQuery(this))
    , m_settingsWriter(std::make_unique<QThreadPool>())
{
    m_settingsWriter->setMaxThreadCount(1);
    // The gazetteer (names of countries, people, organisations: 50 ms to load) is read by the panes as soon as a
    // store opens: loaded on a worker meanwhile, not on the GUI thread at the first name shown.
    QThreadPool::globalInstance()->start([] { (void)Gazetteer::shared(); });
    qRegisterMetaType<entente::Edit>();
    qRegisterMetaType<entente::ImportSummary>();
    qRegisterMetaType<entente::ImportProgress>();
    qRegisterMetaType<entente::StoreGrowth>();
    setWindowIcon(QIcon(QStringLiteral(":/icons/entente.svg")));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    createActions();
    createPanes();
    createStatusBar();
    createConnectionBanner();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->insertAction(m_viewMenu->actions().value(0), dock->toggleViewAction());
    createGoToPaneActions();
    connect(this, &MainWindow::storeChanged, m_undoStack, &QUndoStack::clear);
    connect(this, &MainWindow::storeChanged, this, &MainWindow::refreshCorrections);
    if (isMediumScreen())
        applyMediumLayout();
    m_defaultState = saveState();
    if (wantsCompactLayout())
        applyCompactLayout();
    connect(this, &QMainWindow::tabifiedDockWidgetActivated, this, &MainWindow::fixDockTabBars);
    restoreLayout();
    updateTitle();
}

MainWindow::~MainWindow()
{
    m_settingsWriter->waitForDone(); // while the application, whose name the settings file bears, is still there
}

void MainWindow::createPanes()
{
    m_reading = new ReadingPanes(this, m_selection, m_viewMenu, m_exportMenu);
    m_charts = new ChartPanes(this, m_selection, m_exportMenu);
    connect(m_reading, &ReadingPanes::importFilesRequested, this, &MainWindow::importFilesDialog);
    connect(m_reading, &ReadingPanes::importFolderRequested, this, &MainWindow::importFolderDialog);
    // Another store: the first focus was chosen (openStore()) before any pane reads it, so the order here is only
    // the order in which they start reading.
    connect(this, &MainWindow::storeChanged, this, [this](const QString &path) {
        const std::shared_ptr<StoreSession> session = path.isEmpty() ? nullptr : m_session;
        m_reading->setSession(session);
        m_charts->setSession(session);
    });
    connect(this, &MainWindow::storeGrew, this, [this] {
        m_reading->storeGrew();
        m_charts->storeGrew();
    });
    // Corrections asked for in the panes go on the undo stack; the edits belong to the store they were made in.
    connect(m_reading->entitiesPane, &EntitiesPane::editRequested, this, &MainWindow::requestEdit);
    connect(m_charts->evidence, &EvidencePane::editRequested, this, &MainWindow::requestEdit);
    connect(m_reading->readerPane, &ReaderPane::editRequested, this, &MainWindow::requestEdit);
    // The Reader, the Relations chart and the Network offer the Entities pane's corrections of an entity.
    const EntityEditActions entityActions = [this](QMenu *menu, const EntityRef &entity, const QString &name) {
        m_reading->entitiesPane->addEditActions(menu, entity, name);
    };
    m_reading->readerPane->setEntityEditActions(entityActions);
    m_charts->relations->setEntityEditActions(entityActions);
    m_charts->network->setEntityEditActions(entityActions);
}

ArticleListModel *MainWindow::articleModel() const
{
    return m_reading->articles;
}

void MainWindow::createStatusBar()
{
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(260);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the import; what was imported so far is kept"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    m_reportButton = new QToolButton(this);
    m_reportButton->setObjectName(QStringLiteral("importReportButton"));
    m_reportButton->setText(tr("Import report…"));
    m_reportButton->setAutoRaise(true);
    m_reportButton->setToolTip(tr("What the last import read, left out and skipped, file by file"));
    m_reportButton->hide();
    connect(m_reportButton, &QToolButton::clicked, this, &MainWindow::showImportReport);
    statusBar()->addPermanentWidget(m_reportButton);
    m_storeLabel = new QLabel(this);
    m_storeLabel->setObjectName(QStringLiteral("storeLabel"));
    statusBar()->addPermanentWidget(m_storeLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_fileMenu = file;
    QAction *newStore = file->addAction(tr("&New Store…"), this, &MainWindow::newStore);
    newStore->setShortcut(QKeySequence::New);
    newStore->setStatusTip(tr("Create an empty store file"));
    QAction *open = file->addAction(tr("&Open Store…"), this, &MainWindow::openStoreDialog);
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(tr("Open an existing store file"));
    QAction *openServer = file->addAction(tr("Open Store on &Server…"), this, &MainWindow::openServerDialog);
    openServer->setObjectName(QStringLiteral("openServerStore"));
    openServer->setStatusTip(tr("Open a team's store on a PostgreSQL server"));
    m_recentMenu = file->addMenu(tr("Recent &Stores"));
    file->addSeparator();
    QAction *importFiles = file->addAction(tr("&Import Files…"), this, &MainWindow::importFilesDialog);
    importFiles->setShortcut(QKeySequence(tr("Ctrl+I")));
    importFiles->setStatusTip(tr("Import article files (text, HTML, JSON Lines, CSV) into the open store"));
    QAction *importFolder = file->addAction(tr("Import &Folder…"), this, &MainWindow::importFolderDialog);
    importFolder->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    importFolder->setStatusTip(tr("Import every article file in a folder and its subfolders"));
    m_storeActions = { importFiles, importFolder };
    m_importActions = { importFiles, importFolder };
    m_reportAction = file->addAction(tr("Last Import &Report…"), this, &MainWindow::showImportReport);
    m_reportAction->setStatusTip(tr("What the last import read, left out and skipped, file by file"));
    m_reportAction->setEnabled(false);
    file->addSeparator();
    m_exportMenu = file->addMenu(tr("&Export"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    quit->setStatusTip(tr("Close the window; the store keeps everything imported"));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undo"));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    undo->setStatusTip(tr("Take back the last correction of the store"));
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redo"));
    redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    redo->setStatusTip(tr("Make again the correction last taken back"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    // Every correction the store holds, from this session and earlier ones: take one back, apply it again, export
    // the list or import another's.
    QAction *history = edit->addAction(tr("Correction &History…"), this, &MainWindow::showCorrections);
    history->setObjectName(QStringLiteral("editHistory"));
    history->setStatusTip(tr("Every correction of the store: take one back, or carry them to another store"));
    m_storeActions << history;
    m_correctionActions << history;

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addSeparator();
    m_compactAction = m_viewMenu->addAction(tr("&Compact Layout"));
    m_compactAction->setObjectName(QStringLiteral("compactLayout"));
    m_compactAction->setCheckable(true);
    m_compactAction->setStatusTip(
        tr("Every pane but the Reader as tabs in one place, for a small or magnified screen"));
    connect(m_compactAction, &QAction::triggered, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("window/compact"), on);
        if (on)
            applyCompactLayout();
        else
            resetLayout();
    });
    m_viewMenu->addSeparator();
    // USSR and Russia, Yugoslavia and Serbia, East Germany and Germany as one: merges the store keeps as
    // corrections of their own, so the option is the store's and holds in every pane, export and command.
    m_successorAction = m_viewMenu->addAction(tr("Count &Predecessor and Successor States as One"));
    m_successorAction->setObjectName(QStringLiteral("successorStates"));
    m_successorAction->setCheckable(true);
    m_successorAction->setStatusTip(
        tr("Count the Soviet Union as Russia, Yugoslavia as Serbia and East Germany as Germany, in this store"));
    connect(m_successorAction, &QAction::triggered, this, &MainWindow::countSuccessorStatesAsOne);
    m_storeActions << m_successorAction;
    m_correctionActions << m_successorAction;
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout)
        ->setStatusTip(tr("Put every pane back where it first was, and show the closed ones"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guide = help->addAction(tr("Entente &User Guide"), this, [this] { help::showGuide(this); });
    guide->setShortcut(QKeySequence::HelpContents);
    guide->setStatusTip(tr("How to use the panes, search, exports and the command line"));
    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        // Every menu's actions, in menu order, then the window's own: the list is the keys as they are.
        QList<QAction *> all;
        const std::function<void(const QList<QAction *> &)> collect = [&](const QList<QAction *> &actions) {
            for (QAction *a : actions) {
                if (a->menu())
                    collect(a->menu()->actions());
                else
                    all << a;
            }
        };
        collect(menuBar()->actions());
        all << actions();
        help::showShortcuts(this, all);
    });
    keys->setShortcut(QKeySequence(tr("Ctrl+/")));
    keys->setStatusTip(tr("List every key of the window"));
    help->addSeparator();
    QAction *about = help->addAction(
        tr("&About Entente"), this, [this] { QMessageBox::about(this, tr("About Entente"), help::aboutText()); });
    about->setStatusTip(tr("The version of Entente, its licence and the data it is built from"));

    // Back and Forward walk the focus history, like a browser.
    QMenu *go = menuBar()->insertMenu(help->menuAction(), new QMenu(tr("&Go"), this))->menu();
    QAction *back
        = go->addAction(QIcon::fromTheme(QStringLiteral("go-previous")), tr("&Back"), m_selection, &Selection::back);
    back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    back->setStatusTip(tr("Focus what was focused before"));
    QAction *forward
        = go->addAction(QIcon::fromTheme(QStringLiteral("go-next")), tr("&Forward"), m_selection, &Selection::forward);
    forward->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    forward->setStatusTip(tr("Focus again what Back left"));
    // Compare (issue 12 §4): a second country beside the focus, in Relations, Timeline and Entities.
    go->addSeparator();
    QAction *compare = go->addAction(tr("&Compare With…"), this, [this] {
        auto *ask = new QInputDialog(this);
        ask->setObjectName(QStringLiteral("compareDialog"));
        ask->setAttribute(Qt::WA_DeleteOnClose);
        ask->setWindowTitle(tr("Compare With"));
        const EntityRef focus = m_selection->focus();
        const QString focusName = focus.kind == u"country" ? Gazetteer::shared().countryName(focus.key) : focus.key;
        ask->setLabelText(tr("Compare %1 with (a country's name or code, or an organisation):")
                              .arg(focusName.isEmpty() ? focus.key : focusName));
        // Every country by name, typed to narrow; an organisation's name can be typed in.
        QStringList countries;
        for (const CountryInfo &c : Gazetteer::shared().countries())
            if (c.alpha3 != focus.key)
                countries << tr("%1 (%2)").arg(c.name, c.alpha3);
        countries.sort(Qt::CaseInsensitive);
        ask->setComboBoxItems(countries);
        ask->setComboBoxEditable(true);
        ask->setTextValue(QString());
        connect(ask, &QInputDialog::textValueSelected, this, [this](const QString &text) {
            const EntityRef other
                = m_session ? chartdata::focusFor(m_session->reader()->database(), text.trimmed()) : EntityRef {};
            if (!other.isNull())
                m_selection->setComparison(other.key);
            else
                statusBar()->showMessage(tr("No country or organisation “%1” in this store").arg(text), 5000);
        });
        ask->open();
    });
    compare->setObjectName(QStringLiteral("compareWithAction"));
    compare->setStatusTip(tr("Show a second country beside the focused one, on the same scale"));
    QAction *stopComparing = go->addAction(tr("&Stop Comparing"), m_selection, &Selection::clearComparison);
    stopComparing->setObjectName(QStringLiteral("stopComparingAction"));
    stopComparing->setStatusTip(tr("Show the focused country alone again"));
    const auto updateCompare = [this, compare, stopComparing] {
        const EntityRef f = m_selection->focus();
        compare->setEnabled(f.kind == u"country" || f.kind == u"organization");
        stopComparing->setEnabled(m_selection->hasComparison());
    };
    connect(m_selection, &Selection::focusChanged, this, updateCompare);
    connect(m_selection, &Selection::comparisonChanged, this, updateCompare);
    updateCompare();
    auto updateHistory = [this, back, forward] {
        back->setEnabled(m_selection->canGoBack());
        forward->setEnabled(m_selection->canGoForward());
    };
    connect(m_selection, &Selection::historyChanged, this, updateHistory);
    updateHistory();

    m_toolBar = addToolBar(tr("Main"));
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->addAction(back);
    m_toolBar->addAction(forward);
    m_toolBar->addSeparator();
    m_toolBar->addAction(open);
    m_toolBar->addAction(importFiles);
    m_toolBar->addAction(importFolder);
    updateRecentMenu();
}

void MainWindow::createGoToPaneActions()
{
    // Every pane a key away: Ctrl+1 to Ctrl+7 show it (raising its tab) and put the keyboard in it.
    const std::pair<const char *, QString> panes[] = {
        { "articlesDock", tr("&Articles") },
        { "readerPane", tr("&Reader") },
        { "entitiesDock", tr("&Entities") },
        { "relationsDock", tr("Re&lations") },
        { "evidenceDock", tr("E&vidence") },
        { "networkDock", tr("&Network") },
        { "timelineDock", tr("&Timeline") },
    };
    QMenu *menu = new QMenu(tr("&Go to Pane"), this);
    m_viewMenu->insertMenu(m_viewMenu->actions().value(0), menu);
    int number = 1;
    for (const auto &[name, title] : panes) {
        QWidget *target = findChild<QWidget *>(QLatin1String(name));
        if (!target)
            continue;
        QAction *a = menu->addAction(title);
        a->setObjectName(QStringLiteral("goTo_") + QLatin1String(name));
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + number++)));
        a->setStatusTip(tr("Move the keyboard into the %1 pane").arg(QString(title).remove(u'&')));
        connect(a, &QAction::triggered, this, [target] {
            QWidget *pane = target;
            if (auto *dock = qobject_cast<QDockWidget *>(target)) {
                dock->show();
                dock->raise();
                pane = dock->widget();
            }
            pane->setFocus(Qt::ShortcutFocusReason);
        });
        addAction(a);
    }
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_connectionBar->setVisible(m_connectionLost); // as the connection is now, not as it was when the window closed
    if (settings.value(QStringLiteral("window/geometry")).isNull()) {
        // First run: most of the screen, centred (a fixed size is too big for a laptop and
        // too small for a desktop screen).
        const QRect available = screen()->availableGeometry();
        const QSize size = (available.size() * 0.9).expandedTo(QSize(800, 560)).boundedTo(available.size());
        setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, available));
        // The charts' row at most 38% of the height: on a short screen the list and the Reader
        // above need the rest. Once the window has its size.
        QTimer::singleShot(0, this, [this] {
            QDockWidget *timeline = findChild<QDockWidget *>(QStringLiteral("timelineDock"));
            if (!m_compact && timeline && timeline->height() > height() * 38 / 100)
                resizeDocks({ timeline }, { height() * 38 / 100 }, Qt::Vertical);
            giveReaderRoom();
        });
    } else if (!m_compact && isSmallScreen()) {
        // A layout saved on a bigger screen that this one cannot hold.
        const QSize least = minimumSizeHint();
        const QRect available = screen()->availableGeometry();
        if (least.width() > available.width() || least.height() > available.height())
            applyCompactLayout();
    }
    QTimer::singleShot(0, this, &MainWindow::fixDockTabBars);
}

bool MainWindow::isSmallScreen() const
{
    const QRect available = screen()->availableGeometry();
    return available.width() < 1100 || available.height() < 700;
}

bool MainWindow::isMediumScreen() const
{
    const QRect available = screen()->availableGeometry();
    return !isSmallScreen() && (available.width() < 1500 || available.height() < 850);
}

void MainWindow::applyMediumLayout()
{
    // A laptop's screen (1280x720, 1366x768) cannot give seven panes side by side room to read: the Reader keeps
    // at least 45% of the width in the middle; the lists share the left as tabs (Articles in front; the Evidence
    // comes forward when a pair is picked), the Relations chart has the right to itself, and the Timeline and the
    // Network keep the bottom. (A small screen gets the compact layout instead.)
    const auto dock = [this](const char *name) { return findChild<QDockWidget *>(QLatin1String(name)); };
    QDockWidget *articles = dock("articlesDock");
    QDockWidget *entities = dock("entitiesDock");
    QDockWidget *evidence = dock("evidenceDock");
    QDockWidget *relations = dock("relationsDock");
    if (!articles || !entities || !evidence || !relations)
        return;
    addDockWidget(Qt::LeftDockWidgetArea, evidence);
    tabifyDockWidget(articles, entities);
    tabifyDockWidget(articles, evidence);
    articles->raise();
}

void MainWindow::giveReaderRoom()
{
    // Reading is what the window is for: the Reader keeps at least 45% of the width, the side panes shrinking in
    // proportion (not below their minimum).
    if (m_compact)
        return;
    QDockWidget *left = findChild<QDockWidget *>(QStringLiteral("articlesDock"));
    QDockWidget *right = findChild<QDockWidget *>(QStringLiteral("relationsDock"));
    if (!left || !right || left->isFloating() || right->isFloating() || !left->isVisible() || !right->isVisible())
        return;
    const int want = width() * 46 / 100;
    const int excess = want - centralWidget()->width();
    if (excess <= 0)
        return;
    // Each side gives in proportion to the room it has above its minimum.
    const int l = left->width(), r = right->width();
    const int lSlack = std::max(0, l - left->minimumSizeHint().width());
    const int rSlack = std::max(0, r - right->minimumSizeHint().width());
    if (lSlack + rSlack == 0)
        return;
    const int take = std::min(excess, lSlack + rSlack);
    const int fromLeft = take * lSlack / (lSlack + rSlack);
    resizeDocks({ left, right }, { l - fromLeft, r - (take - fromLeft) }, Qt::Horizontal);
}

bool MainWindow::wantsCompactLayout() const
{
    // Compact on a small or magnified screen unless the user chose otherwise (View > Compact Layout).
    return QSettings().value(QStringLiteral("window/compact"), isSmallScreen()).toBool();
}

void MainWindow::applyCompactLayout()
{
    // A small or magnified screen (200% on 1600x1000 leaves 800x500) cannot hold seven panes side
    // by side, nor two rows of charts: the Reader keeps the middle and the other panes share one
    // place on the left as tabs (Ctrl+1 to Ctrl+7 bring each forward).
    QDockWidget *first = findChild<QDockWidget *>(QStringLiteral("articlesDock"));
    if (!first)
        return;
    addDockWidget(Qt::LeftDockWidgetArea, first);
    for (const char *name : { "entitiesDock", "relationsDock", "evidenceDock", "networkDock", "timelineDock" })
        if (QDockWidget *dock = findChild<QDockWidget *>(QLatin1String(name)))
            tabifyDockWidget(first, dock);
    first->raise();
    m_compact = true;
    m_compactAction->setChecked(true);
    // The window gives up the Reader's width first when it shrinks: keep enough of it to read.
    centralWidget()->setMinimumWidth(320);
    // Half the window each, once the window has its size (not yet when this runs at start-up); more where the tabs
    // need it to show every pane's name whole (at 200% on 1600x1000 half the window cut "Timeline" behind the scroll
    // arrows), as long as the Reader keeps its minimum.
    QTimer::singleShot(0, this, [this, first] {
        fixDockTabBars();
        int tabs = 0;
        for (const QTabBar *bar : findChildren<QTabBar *>(Qt::FindDirectChildrenOnly))
            if (bar->isVisibleTo(this))
                tabs = std::max(tabs, bar->sizeHint().width());
        const int most = width() - centralWidget()->minimumWidth()
            - 3 * style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent);
        resizeDocks({ first }, { std::max(width() / 2, std::min(tabs + 4, most)) }, Qt::Horizontal);
    });
}

void MainWindow::fixDockTabBars()
{
    // The main window makes a tab bar for each group of tabbed docks, eliding names ("Arti…")
    // when room is short: whole names and scroll arrows read better.
    for (QTabBar *bar : findChildren<QTabBar *>(Qt::FindDirectChildrenOnly)) {
        bar->setElideMode(Qt::ElideNone);
        bar->setUsesScrollButtons(true);
    }
}

void MainWindow::resetLayout()
{
    // The layout of the mode chosen: the panes side by side, or the compact tabs.
    restoreState(m_defaultState);
    m_connectionBar->setVisible(m_connectionLost);
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        dock->show();
    centralWidget()->setMinimumWidth(0);
    m_compact = false;
    m_compactAction->setChecked(false);
    if (wantsCompactLayout())
        applyCompactLayout();
    QTimer::singleShot(0, this, [this] {
        fixDockTabBars();
        giveReaderRoom();
    });
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    // The side panes take what a bigger window adds; the Reader gets its share back once the layout has settled.
    QTimer::singleShot(0, this, &MainWindow::giveReaderRoom);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_job) {
        m_job->cancel();
        delete m_job; // waits for the import thread; committed articles are kept
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    emit storeChanged({}); // panes let go of their connections
    event->accept();
}

void MainWindow::start(const QString &path)
{
    if (path.isEmpty()) {
        openSampleCorpus();
        return;
    }
    // A server store opens as it is (the window makes none): when it cannot, the message says why.
    if (isServerStore(path)) {
        if (!openStore(path))
            openSampleCorpus();
        return;
    }
    const QFileInfo info(path);
    // A folder, or a file of articles: offer to import it into a store beside it.
    if (info.isDir()
        || (info.isFile() && info.suffix().compare(u"entente", Qt::CaseInsensitive) != 0
            && !Store::checkFile(path).isEmpty())) {
        const QString folder = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
        const QString store
            = (info.isDir() ? info.absoluteFilePath() : info.absolutePath() + u'/' + info.completeBaseName())
            + QStringLiteral(".entente");
        const auto answer = QMessageBox::question(this, tr("Import Articles"),
            tr("%1 is not a store. Import its articles into the store %2?")
                .arg(QDir::toNativeSeparators(info.absoluteFilePath()), QDir::toNativeSeparators(store)),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer == QMessageBox::Yes && openStore(store)) {
            importPaths({ info.isDir() ? folder : info.absoluteFilePath() });
            return;
        }
        openSampleCorpus();
        return;
    }
    // A store that is not there is created only when the user says so.
    if (!info.exists()) {
        const auto answer = QMessageBox::question(this, tr("Open Store"),
            tr("%1 does not exist. Create a new, empty store there?").arg(QDir::toNativeSeparators(path)),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            openSampleCorpus();
            return;
        }
    }
    if (!openStore(path))
        openSampleCorpus();
}

void MainWindow::openSampleCorpus()
{
    // The sample articles ship inside the binary; they are imported into a throw-away store so
    // that a first-time user sees real content at once.
    m_sampleDir = std::make_unique<QTemporaryDir>();
    const QString samples = m_sampleDir->filePath(QStringLiteral("samples"));
    QDir().mkpath(samples);
    const QDir source(QStringLiteral(":/samples"));
    for (const QString &name : source.entryList(QDir::Files))
        QFile::copy(source.filePath(name), samples + u'/' + name);
    const QString store = m_sampleDir->filePath(QStringLiteral("sample.entente"));
    Store create;
    QString error;
    if (!create.open(store, Store::OpenMode::CreateIfMissing, &error)) {
        statusBar()->showMessage(error);
        return;
    }
    create.close();
    openStore(store);
    m_temporaryStore = true;
    updateTitle();
    importPaths({ samples });
}

EntityRef MainWindow::firstFocus(const StoreSession *session)
{
    const QString top = session ? NetworkModel::mostMentionedCountry(session->reader()) : QString();
    return top.isEmpty() ? EntityRef {} : EntityRef { QStringLiteral("country"), top };
}

bool MainWindow::openStore(const QString &path)
{
    QString error;
    // A store file is made when it is not there (and one of an older schema upgraded); a server store is made by the
    // first 'entente ingest --store URL'. One this user may not write is only read (StoreSession), as it is.
    if (!isServerStore(path) && Store::whyReadOnly(path).isEmpty()) {
        Store store;
        if (!store.open(path, Store::OpenMode::CreateIfMissing, &error)) {
            QMessageBox::warning(this, tr("Cannot open store"), error);
            return false;
        }
        store.close();
    }
    std::shared_ptr<StoreSession> session = StoreSession::open(path, &error);
    if (!session) {
        QMessageBox::warning(this, tr("Cannot open store"), error);
        return false;
    }
    // The panes let go of the old store first; then the first focus is chosen (the most-mentioned country,
    // issue 4 §5) while no pane reads any store, so that each reads the new one once, for that focus, whichever
    // order the panes were connected in. Counting a large store's mentions takes a while: a worker does it, and the
    // panes read the store when its answer is in (storeOpened()).
    if (!m_storePath.isEmpty())
        emit storeChanged({});
    m_storePath = path;
    m_session = std::move(session);
    // An import into the store left behind that ends now tells this store's growth, if any.
    m_importStamp = CorpusCube::readStamp(m_session->reader());
    m_temporaryStore = false;
    CorpusCube::prefetch(path); // the charts' corpus-wide and year-range counts, loaded while the panes fill
    if (m_importStamp.articles == 0) {
        finishOpening({}); // nothing to count: the import that fills it gives the focus (onImportFinished())
        return true;
    }
    statusBar()->showMessage(tr("Opening %1…").arg(shownName(path)));
    m_opening->run(
        [session = m_session] {
            (void)Gazetteer::shared(); // loaded (or waited for) here, not by the first pane that names a country
            return firstFocus(session.get());
        },
        [this](const EntityRef &first) { finishOpening(first); });
    return true;
}

void MainWindow::finishOpening(const EntityRef &first)
{
    m_selection->reset(first);
    emit storeChanged(m_storePath);
    // A server store is watched (checkServer()); a store file needs no watch.
    m_serverCheck->cancel();
    m_connectionLost = false;
    m_connectionBar->hide();
    if (m_session && m_session->isServer())
        m_serverCheckTimer->start();
    else
        m_serverCheckTimer->stop();
    statusBar()->clearMessage();
    addRecent(m_storePath);
    updateTitle();
    updateStoreActions();
    emit storeOpened(m_storePath);
}

bool MainWindow::isOpening() const
{
    return m_opening->isBusy();
}

void MainWindow::updateTitle()
{
    if (m_storePath.isEmpty()) {
        setWindowTitle(tr("Entente"));
        m_storeLabel->clear();
        return;
    }
    const QString name = m_temporaryStore ? tr("Sample corpus") : shownName(m_storePath);
    // A server's reader role may correct the store but not import into it: it is no more read-only than that.
    const bool noImports = m_session && !m_session->canWrite();
    const bool reader = noImports && m_session->isServer();
    setWindowTitle(reader ? tr("%1 (reader: no imports)").arg(name)
            : noImports   ? tr("%1 (read-only)").arg(name)
                          : name);
    // The Articles list has counted them already (Store::stats() counts every table).
    const QString count = tr("%n article(s)", nullptr, int(articleModel()->storeCount()));
    m_storeLabel->setText(reader ? tr("%1 · no imports").arg(count)
            : noImports          ? tr("%1 · read-only").arg(count)
                                 : count);
    m_storeLabel->setToolTip(reader ? tr("The role %1 may read and correct this store, but not import into it")
                                          .arg(QUrl(m_storePath).userName())
            : noImports ? readOnlyMessage()
                        : QString());
}

QString MainWindow::readOnlyMessage() const
{
    if (!m_session || m_session->readOnlyReason().isEmpty())
        return {};
    return tr("This store can be read but not imported into or corrected: %1").arg(m_session->readOnlyReason());
}

void MainWindow::newStore()
{
    QString path = QFileDialog::getSaveFileName(this, tr("New Store"), QDir::homePath(), tr(StoreFilter));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".entente");
    if (QFile::exists(path)) {
        QMessageBox::warning(this, tr("New Store"), tr("%1 already exists; use Open Store to open it.").arg(path));
        return;
    }
    openStore(path);
}

void MainWindow::openServerDialog()
{
    ServerStoreDialog dialog(this);
    // The last server store opened, to open again or to change.
    for (const QString &recent : recentStores()) {
        if (isServerStore(recent)) {
            dialog.setUrl(recent);
            break;
        }
    }
    if (dialog.exec() == QDialog::Accepted)
        openStore(dialog.url());
}

void MainWindow::updateStoreActions()
{
    if (isImporting())
        return;
    const bool open = m_session != nullptr;
    for (QAction *a : std::as_const(m_storeActions))
        a->setEnabled(open);
    // A reader's role may not import; it may correct, on a server's store as on a file (EditLog).
    const bool writable = open && m_session->canWrite();
    // A store file this user may not write takes no correction either; the history of those it holds stays to read.
    const bool correctable = open && m_session->readOnlyReason().isEmpty();
    const QString why = readOnlyMessage();
    for (QAction *a : std::as_const(m_importActions)) {
        a->setEnabled(writable);
        a->setToolTip(why); // none: the action's text, as before
    }
    for (QAction *a : std::as_const(m_correctionActions))
        a->setEnabled(open && (correctable || a->objectName() == QLatin1String("editHistory")));
    if (m_successorAction)
        m_successorAction->setToolTip(why);
}

void MainWindow::openStoreDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Store"), QDir::homePath(), tr(StoreFilter));
    if (!path.isEmpty())
        openStore(path);
}

void MainWindow::importFilesDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import Files"), QDir::homePath(),
        tr("Articles (*.txt *.md *.html *.htm *.jsonl *.ndjson *.json *.csv *.tsv);;All files (*)"));
    if (!files.isEmpty())
        importPaths(files);
}

void MainWindow::importFolderDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Import Folder"), QDir::homePath());
    if (!dir.isEmpty())
        importPaths({ dir });
}

bool MainWindow::isImporting() const
{
    return m_job && m_job->isRunning();
}

void MainWindow::importPaths(const QStringList &paths)
{
    if (m_storePath.isEmpty() || paths.isEmpty())
        return;
    if (m_session && !m_session->canWrite()) {
        statusBar()->showMessage(m_session->isServer()
                ? tr("The role %1 may not import into this store: import as entente_writer")
                      .arg(QUrl(m_storePath).userName())
                : readOnlyMessage(),
            5000);
        return;
    }
    if (isImporting()) {
        statusBar()->showMessage(tr("An import is running; wait for it or cancel it first."), 5000);
        return;
    }
    // The first focus of a store still being opened is the most-mentioned country before the import, as the
    // user would have seen it: counted now, not in the middle of the import.
    if (m_opening->isBusy()) {
        m_opening->cancel();
        finishOpening(firstFocus(m_session.get()));
    }
    m_importStamp = CorpusCube::readStamp(m_session->reader());
    m_job = new ImportJob(m_storePath, paths, this);
    connect(m_job, &ImportJob::progress, this, &MainWindow::onImportProgress);
    connect(m_job, &ImportJob::finished, this, &MainWindow::onImportFinished);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    for (QAction *a : std::as_const(m_storeActions))
        a->setEnabled(false);
    statusBar()->showMessage(tr("Importing…"));
    m_job->start();
}

void MainWindow::onImportProgress(const ImportProgress &p)
{
    m_progress->setRange(0, 1000);
    m_progress->setValue(p.bytesTotal > 0 ? int(1000.0 * double(p.bytesDone) / double(p.bytesTotal)) : 0);
    const double eta = p.etaSeconds();
    m_progress->setFormat(tr("%1 / %2 files").arg(p.filesDone).arg(p.filesTotal));
    statusBar()->showMessage(tr("Importing: %1 of %2 MB, %3 MB/s%4")
                                 .arg(double(p.bytesDone) / 1048576.0, 0, 'f', 1)
                                 .arg(double(p.bytesTotal) / 1048576.0, 0, 'f', 1)
                                 .arg(p.mbPerSecond(), 0, 'f', 1)
                                 .arg(eta < 0 ? QString() : tr(", about %1 s left").arg(qRound(eta))));
}

void MainWindow::onImportFinished(const ImportSummary &s)
{
    m_progress->hide();
    m_cancel->hide();
    updateStoreActions();
    // The panes keep what they show and add what the import added: no reset, nothing the user chose is lost.
    const StoreGrowth growth { m_importStamp, CorpusCube::readStamp(m_session->reader()) };
    m_importStamp = growth.after; // what the panes now show: the server's watch does not read it again
    if (growth.grew()) {
        CorpusCube::prefetch(m_storePath); // the import made the store's cube stale
        emit storeGrew(growth);
        // A store that was empty has something to focus now (one with articles keeps what the user chose, even
        // no focus).
        if (growth.before.articles == 0 && m_selection->focus().isNull())
            if (const EntityRef first = firstFocus(m_session.get()); !first.isNull())
                m_selection->reset(first);
    }
    updateTitle();
    if (!m_report)
        m_report = new ImportReportDialog(this);
    m_report->setSummary(s);
    m_reportAction->setEnabled(true);
    m_reportButton->setVisible(!s.messages.isEmpty());
    statusBar()->showMessage(m_report->model()->headline());
    if (!s.fatalError.isEmpty())
        QMessageBox::warning(this, tr("Import stopped"), s.fatalError);
    if (m_job)
        m_job->deleteLater();
    emit importFinished(s);
}

void MainWindow::requestEdit(const Edit &edit)
{
    if (m_storePath.isEmpty())
        return;
    if (const QString why = readOnlyMessage(); !why.isEmpty()) {
        statusBar()->showMessage(why, 5000);
        return;
    }
    if (isImporting()) {
        statusBar()->showMessage(tr("An import is running; correct the store when it has ended."), 5000);
        return;
    }
    // An edit connects on the GUI thread, as it opens a store file there: not to a server known to be away, which
    // would hold the window for the connection's timeout.
    if (m_connectionLost) {
        statusBar()->showMessage(tr("The connection to the server is lost; correct the store when it is back."), 5000);
        return;
    }
    const EntityRef focus = m_selection->focus();
    // What the command's first redo() (run by push()) could not do: then push() drops it, and editDone() said why.
    const auto refused = std::make_shared<bool>(false);
    m_undoStack->push(new EditCommand(m_storePath, edit, [this, refused](const QString &error) {
        *refused = !error.isEmpty();
        editDone(error);
    }));
    if (*refused)
        return;
    // The focus merged or moved into another kind follows the entity it went to.
    const QString kind = edit.args.value(QLatin1String("kind")).toString();
    const QString key = edit.args.value(QLatin1String("key")).toString();
    if (focus.kind == kind && focus.key == key) {
        if (edit.kind == Edit::Kind::MergeEntity)
            m_selection->setFocus({ kind, edit.args.value(QLatin1String("into")).toString() });
        else if (edit.kind == Edit::Kind::ChangeEntityKind)
            m_selection->setFocus({ edit.args.value(QLatin1String("to")).toString(), key });
    }
}

void MainWindow::requestEditState(const Edit &edit, bool takeBack)
{
    if (m_storePath.isEmpty() || edit.id <= 0)
        return;
    if (const QString why = readOnlyMessage(); !why.isEmpty()) {
        statusBar()->showMessage(why, 5000);
        return;
    }
    if (isImporting()) {
        statusBar()->showMessage(tr("An import is running; correct the store when it has ended."), 5000);
        return;
    }
    if (m_connectionLost) {
        statusBar()->showMessage(tr("The connection to the server is lost; correct the store when it is back."), 5000);
        return;
    }
    m_undoStack->push(new EditCommand(
        m_storePath, edit, [this](const QString &error) { editDone(error); },
        takeBack ? EditCommand::Mode::TakeBack : EditCommand::Mode::ApplyAgain));
}

void MainWindow::showCorrections()
{
    if (!m_corrections) {
        m_corrections = new CorrectionsDialog(this);
        connect(m_corrections, &CorrectionsDialog::takeBackRequested, this,
            [this](const Edit &e) { requestEditState(e, true); });
        connect(m_corrections, &CorrectionsDialog::applyAgainRequested, this,
            [this](const Edit &e) { requestEditState(e, false); });
        connect(m_corrections, &CorrectionsDialog::exportRequested, this, &MainWindow::exportEditsInteractively);
        connect(m_corrections, &CorrectionsDialog::importRequested, this, &MainWindow::importEditsInteractively);
    }
    refreshCorrections();
    m_corrections->show();
    m_corrections->raise();
    m_corrections->activateWindow();
}

void MainWindow::refreshCorrections()
{
    const QList<Edit> edits = m_session ? EditLog(m_session->reader()).edits() : QList<Edit> {};
    if (m_corrections)
        m_corrections->setEdits(edits);
    if (m_successorAction) {
        const bool counted = std::any_of(
            edits.cbegin(), edits.cend(), [](const Edit &e) { return !e.undone && EditLog::isSuccessorStateMerge(e); });
        m_successorAction->setChecked(counted);
    }
}

void MainWindow::countSuccessorStatesAsOne(bool on)
{
    if (m_storePath.isEmpty() || isImporting()) {
        refreshCorrections();
        if (isImporting())
            statusBar()->showMessage(tr("An import is running; change this when it has ended."), 5000);
        return;
    }
    const QList<Edit> edits = m_session ? EditLog(m_session->reader()).edits() : QList<Edit> {};
    // One step of Undo either way: the merges made together, or those that hold taken back together.
    m_undoStack->beginMacro(
        on ? tr("Count predecessor and successor states as one") : tr("Count predecessor and successor states apart"));
    if (on) {
        for (const Edit &merge : EditLog::successorStateMerges())
            requestEdit(merge);
    } else {
        for (auto it = edits.crbegin(); it != edits.crend(); ++it)
            if (!it->undone && EditLog::isSuccessorStateMerge(*it))
                requestEditState(*it, true);
    }
    m_undoStack->endMacro();
    refreshCorrections();
}

void MainWindow::exportEditsInteractively()
{
    if (!m_session)
        return;
    // A server's store is named after its database, and its corrections go to the home folder.
    const bool server = isServerStore(m_storePath);
    const QString suggested = (server ? QUrl(m_storePath).path().mid(1) : QFileInfo(m_storePath).completeBaseName())
        + QStringLiteral("-corrections.json");
    const QString folder = server ? QDir::homePath() : QFileInfo(m_storePath).absolutePath();
    const QString path = QFileDialog::getSaveFileName(m_corrections ? static_cast<QWidget *>(m_corrections) : this,
        tr("Export Corrections"), QDir(folder).filePath(suggested), tr("Entente corrections (*.json)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(EditLog(m_session->reader()).exportEdits()) < 0
        || !file.commit()) {
        QMessageBox::warning(this, tr("Cannot export the corrections"),
            tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    statusBar()->showMessage(tr("Corrections saved to %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::importEditsInteractively()
{
    if (m_storePath.isEmpty())
        return;
    if (isImporting()) {
        statusBar()->showMessage(tr("An import is running; correct the store when it has ended."), 5000);
        return;
    }
    const QString path = QFileDialog::getOpenFileName(m_corrections ? static_cast<QWidget *>(m_corrections) : this,
        tr("Import Corrections"), isServerStore(m_storePath) ? QDir::homePath() : QFileInfo(m_storePath).absolutePath(),
        tr("Entente corrections (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    QString error;
    int added = -1;
    if (!file.open(QIODevice::ReadOnly)) {
        error = tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    } else {
        Store store;
        if (store.openForEdits(m_storePath, &error))
            added = EditLog(&store).importEdits(file.readAll(), QFileInfo(path).fileName(), &error);
    }
    if (added < 0) {
        QMessageBox::warning(this, tr("Cannot import the corrections"), error);
        return;
    }
    // Each added edit is in the history, where it can be taken back.
    editDone({});
    statusBar()->showMessage(
        tr("%n correction(s) added from %1", nullptr, added).arg(QFileInfo(path).fileName()), 5000);
}

void MainWindow::editDone(const QString &error)
{
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot correct the store"), error);
        refreshCorrections();
        return;
    }
    // An edit rewrites rows in place: the store's stamp has a new edit generation, so the cube is loaded again,
    // and the panes count again as after an import.
    const StoreGrowth growth { m_importStamp, CorpusCube::readStamp(m_session->reader()) };
    m_importStamp = growth.after;
    CorpusCube::prefetch(m_storePath);
    emit storeGrew(growth);
    updateTitle();
    refreshCorrections();
}

void MainWindow::showImportReport()
{
    if (!m_report)
        return;
    m_report->show();
    m_report->raise();
    m_report->activateWindow();
}

void MainWindow::addRecent(const QString &path)
{
    if (m_sampleDir && path.startsWith(m_sampleDir->path()))
        return; // the temporary sample store is not worth remembering
    QStringList recent = recentStores();
    // A server store is remembered by its URL, never with a password (libpq finds it in ~/.pgpass).
    const QString absolute
        = isServerStore(path) ? QUrl(path).toString(QUrl::RemovePassword) : QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > MaxRecent)
        recent.removeLast();
    m_recent = recent;
    updateRecentMenu();
    // Writing the settings file waits for the disk (QSaveFile syncs it): the window's writer thread does it, in
    // order, and the window waits for it when it closes.
    m_settingsWriter->start([recent] { QSettings().setValue(QStringLiteral("recentStores"), recent); });
}

QStringList MainWindow::recentStores() const
{
    return m_recent ? *m_recent : QSettings().value(QStringLiteral("recentStores")).toStringList();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentStores();
    for (const QString &path : recent) {
        QAction *a = m_recentMenu->addAction(shownName(path), this, [this, path] { openStore(path); });
        a->setStatusTip(path);
        a->setToolTip(path);
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    // A dropped store opens; anything else is imported into the open store.
    if (paths.size() == 1 && paths.first().endsWith(QLatin1String(".entente"))) {
        openStore(paths.first());
    } else {
        importPaths(paths);
    }
    event->acceptProposedAction();
}

void MainWindow::createConnectionBanner()
{
    // A row of its own above the panes, the window's full width; shown only while a server's connection is lost.
    m_connectionBar = new QToolBar(tr("Connection"), this);
    m_connectionBar->setObjectName(QStringLiteral("connectionBar"));
    m_connectionBar->setMovable(false);
    m_connectionBar->setFloatable(false);
    m_connectionBar->toggleViewAction()->setVisible(false); // not a toolbar the user shows or hides
    m_connectionLabel = new QLabel(m_connectionBar);
    m_connectionLabel->setObjectName(QStringLiteral("connectionBanner"));
    m_connectionLabel->setWordWrap(true);
    m_connectionLabel->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    // Its own colours, both: readable on a light and on a dark palette.
    m_connectionLabel->setStyleSheet(
        QStringLiteral("QLabel { background: #f6d58e; color: #3a2a00; padding: 4px 8px; font-weight: bold; }"));
    m_connectionBar->addWidget(m_connectionLabel);
    QAction *retry = m_connectionBar->addAction(tr("Try Again Now"), this, &MainWindow::checkServer);
    retry->setToolTip(tr("Ask the server now instead of at the next check"));
    addToolBarBreak(Qt::TopToolBarArea);
    addToolBar(Qt::TopToolBarArea, m_connectionBar);
    m_connectionBar->hide();

    m_serverCheck = new AsyncQuery(this);
    m_serverCheckTimer = new QTimer(this);
    m_serverCheckTimer->setInterval(3000);
    connect(m_serverCheckTimer, &QTimer::timeout, this, &MainWindow::checkServer);
}

QWidget *MainWindow::connectionBanner() const
{
    return m_connectionLabel;
}

void MainWindow::setServerCheckInterval(int milliseconds)
{
    m_serverCheckTimer->setInterval(milliseconds);
}

void MainWindow::checkServer()
{
    if (!m_session || !m_session->isServer() || m_serverCheck->isBusy())
        return;
    struct Answer
    {
        StoreSession::ServerCheck check;
        std::optional<CorpusCube::Stamp> stamp; // read when the panes should read the store again
    };
    // What the panes show: the store as it was opened, or as the last import or check left it.
    const CorpusCube::Stamp known = m_importStamp;
    const bool lost = m_connectionLost;
    m_serverCheck->run(
        [session = m_session, known, lost] {
            Answer a;
            a.check = session->checkServer();
            const bool grew = a.check.maxArticle != known.maxArticle || a.check.maxRelation != known.maxRelation
                || a.check.editGeneration != known.edits;
            // The stamp counts the articles: asked only when something changed, never every few seconds.
            if (a.check.reachable && (a.check.reconnected || lost || grew))
                a.stamp = CorpusCube::readStamp(session->reader());
            return a;
        },
        [this](const Answer &a) {
            const QString server = QUrl(m_storePath).toString(QUrl::RemovePassword | QUrl::RemoveUserInfo);
            if (!a.check.reachable) {
                if (!m_connectionLost) {
                    m_connectionLost = true;
                    m_connectionLabel->setText(tr("The connection to %1 was lost. Entente tries again every few "
                                                  "seconds; until then the panes may be out of date.")
                                                   .arg(server));
                    m_connectionBar->show();
                }
                return;
            }
            const bool back = m_connectionLost || a.check.reconnected;
            if (back) {
                (void)m_session->reader(); // this thread's connection anew, where the models hold it
                statusBar()->showMessage(tr("Connected to %1 again").arg(server), 5000);
            }
            m_connectionLost = false;
            m_connectionBar->hide();
            // The window's own import tells its panes itself when it ends (onImportFinished()).
            if (!a.stamp || isImporting())
                return;
            const StoreGrowth growth { m_importStamp, *a.stamp };
            m_importStamp = growth.after;
            if (back || growth.grew()) {
                emit storeGrew(growth); // the panes read again, keeping what the user chose
                updateTitle();
            }
        });
}

} // namespace entente

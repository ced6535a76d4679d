// MainWindow's reading panes: Articles, Reader and Entities.
#include "readingpanes.h"

#include "articlelistmodel.h"
#include "articlespane.h"
#include "entitiespane.h"
#include "entitylistmodel.h"
#include "kwicmodel.h"
#include "kwicpane.h"
#include "mainwindow.h"
#include "readerpane.h"
#include "selection.h"
#include "storesession.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeView>

namespace entente {

ArticleListModel *MainWindow::articleModel() const
{
    return m_reading->articles;
}

void MainWindow::createReadingPanes()
{
    m_reading = std::make_unique<ReadingPanes>();
    ReadingPanes &p = *m_reading;
    p.articles = new ArticleListModel(this);
    p.entities = new EntityListModel(this);

    p.readerPane = new ReaderPane(m_selection, this);
    p.readerPane->setObjectName(QStringLiteral("readerPane"));
    p.reader = p.readerPane->view();
    setCentralWidget(p.readerPane);

    p.articlesPane = new ArticlesPane(m_selection, p.articles, this);
    p.articlesPane->setObjectName(QStringLiteral("articlesPane"));
    p.articleView = p.articlesPane->view();
    p.kwic = new KwicModel(this);
    p.kwicPane = new KwicPane(m_selection, p.kwic, this);
    p.articlesPane->addHitsTab(p.kwicPane);
    connect(p.articlesPane, &ArticlesPane::importFilesRequested, this, &MainWindow::importFilesDialog);
    connect(p.articlesPane, &ArticlesPane::importFolderRequested, this, &MainWindow::importFolderDialog);
    auto *articlesDock = new QDockWidget(tr("Articles"), this);
    articlesDock->setObjectName(QStringLiteral("articlesDock"));
    articlesDock->toggleViewAction()->setStatusTip(tr("Show or hide the list of articles"));
    articlesDock->setWidget(p.articlesPane);
    addDockWidget(Qt::LeftDockWidgetArea, articlesDock);

    p.entitiesPane = new EntitiesPane(m_selection, p.entities, this);
    p.entitiesPane->setObjectName(QStringLiteral("entitiesPane"));
    p.entityView = p.entitiesPane->view();
    auto *entitiesDock = new QDockWidget(tr("Entities"), this);
    entitiesDock->setObjectName(QStringLiteral("entitiesDock"));
    entitiesDock->toggleViewAction()->setStatusTip(tr("Show or hide the countries, people, organisations, places "
                                                      "and events found"));
    entitiesDock->setWidget(p.entitiesPane);
    addDockWidget(Qt::LeftDockWidgetArea, entitiesDock);
    resizeDocks({ articlesDock, entitiesDock }, { 3, 2 }, Qt::Vertical);
    // The central Reader would otherwise take every pixel the docks' minimum leaves.
    resizeDocks({ articlesDock }, { p.articlesPane->sizeHint().width() }, Qt::Horizontal);

    // Keyboard: every pane has a key that takes the cursor to it.
    QAction *search = new QAction(tr("&Search Articles"), this);
    search->setShortcut(QKeySequence(tr("Ctrl+L")));
    search->setStatusTip(tr("Type a full-text query for the Articles list"));
    connect(search, &QAction::triggered, this, [this, articlesDock] {
        articlesDock->show();
        articlesDock->raise();
        m_reading->articlesPane->focusSearch();
    });
    QAction *find = new QAction(tr("&Find in Article"), this);
    find->setShortcut(QKeySequence::Find);
    find->setStatusTip(tr("Find words in the article being read"));
    connect(find, &QAction::triggered, this, [this] { m_reading->readerPane->showFindBar(); });
    QAction *entities = new QAction(tr("Filter &Entities"), this);
    entities->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    entities->setStatusTip(tr("Type part of an entity's name to find it in the Entities list"));
    connect(entities, &QAction::triggered, this, [this, entitiesDock] {
        entitiesDock->show();
        entitiesDock->raise();
        m_reading->entitiesPane->focusFilter();
    });
    QAction *read = new QAction(tr("&Read"), this);
    read->setShortcut(QKeySequence(tr("Ctrl+R")));
    read->setStatusTip(tr("Move the keyboard into the Reader"));
    connect(read, &QAction::triggered, this, [this] { m_reading->reader->setFocus(Qt::ShortcutFocusReason); });
    QAction *inContext = new QAction(tr("Search Hits in &Context"), this);
    inContext->setObjectName(QStringLiteral("showHitsInContext"));
    inContext->setStatusTip(tr("Show each hit of the search in its context, one a line"));
    connect(inContext, &QAction::triggered, this, [this, articlesDock] {
        articlesDock->show();
        articlesDock->raise();
        m_reading->articlesPane->showHits();
    });
    // F3 is "find next" in most programs; here it goes through the search's hits in the article read.
    QAction *nextHit = new QAction(tr("&Next Hit"), this);
    nextHit->setObjectName(QStringLiteral("nextHit"));
    nextHit->setShortcut(QKeySequence(Qt::Key_F3));
    nextHit->setStatusTip(tr("Select the next hit of the search in the article being read"));
    connect(nextHit, &QAction::triggered, this, [this] { m_reading->readerPane->nextHit(); });
    QAction *previousHit = new QAction(tr("&Previous Hit"), this);
    previousHit->setObjectName(QStringLiteral("previousHit"));
    previousHit->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3));
    previousHit->setStatusTip(tr("Select the previous hit of the search in the article being read"));
    connect(previousHit, &QAction::triggered, this, [this] { m_reading->readerPane->previousHit(); });
    const auto enableHits = [nextHit, previousHit](const QString &query) {
        nextHit->setEnabled(!query.isEmpty());
        previousHit->setEnabled(!query.isEmpty());
    };
    connect(m_selection, &Selection::textQueryChanged, this, enableHits);
    enableHits(m_selection->textQuery());
    // File > Export: the lines as the pane shows them.
    QAction *exportHits = m_exportMenu->addAction(tr("Search &Hits in Context (CSV)…"));
    exportHits->setObjectName(QStringLiteral("exportHits"));
    exportHits->setStatusTip(tr("Save each hit of the search with its context, article and date as a CSV table"));
    connect(exportHits, &QAction::triggered, this, [this] { m_reading->kwicPane->exportHitsInteractively(); });
    // Above the View menu's separator; the dock toggles go on top of these.
    const QList<QAction *> mine = { search, inContext, nextHit, previousHit, find, entities, read };
    QAction *before = m_viewMenu->actions().value(0);
    m_viewMenu->insertSeparator(before);
    m_viewMenu->insertActions(before, mine);
    m_viewMenu->insertSeparator(before);
    addActions(mine);

    connect(this, &MainWindow::storeChanged, this, [this](const QString &path) {
        // The first focus was chosen before the panes read the store (MainWindow::openStore()).
        const std::shared_ptr<StoreSession> session = path.isEmpty() ? nullptr : m_session;
        m_reading->readerPane->setSession(session);
        m_reading->entitiesPane->setSession(session);
        m_reading->articlesPane->setSession(session);
    });
    // An import into the open store adds rows and counts; the Reader keeps its article and place, and shows the
    // article's annotations as a correction (or an import's applying the corrections) may have changed them.
    connect(this, &MainWindow::storeGrew, this, [this] {
        m_reading->articlesPane->refresh();
        m_reading->entities->refresh();
        m_reading->readerPane->reload();
    });
}

} // namespace entente

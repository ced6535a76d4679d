#include "readingpanes.h"

#include "articlelistmodel.h"
#include "articlespane.h"
#include "entitiespane.h"
#include "entitylistmodel.h"
#include "kwicmodel.h"
#include "kwicpane.h"
#include "readerpane.h"
#include "selection.h"
#include "storesession.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeView>

namespace entente {

ReadingPanes::ReadingPanes(QMainWindow *window, Selection *selection, QMenu *viewMenu, QMenu *exportMenu)
    : QObject(window)
{
    articles = new ArticleListModel(window);
    entities = new EntityListModel(window);

    readerPane = new ReaderPane(selection, window);
    readerPane->setObjectName(QStringLiteral("readerPane"));
    reader = readerPane->view();
    window->setCentralWidget(readerPane);

    articlesPane = new ArticlesPane(selection, articles, window);
    articlesPane->setObjectName(QStringLiteral("articlesPane"));
    articleView = articlesPane->view();
    kwic = new KwicModel(window);
    kwicPane = new KwicPane(selection, kwic, window);
    articlesPane->addHitsTab(kwicPane);
    connect(articlesPane, &ArticlesPane::importFilesRequested, this, &ReadingPanes::importFilesRequested);
    connect(articlesPane, &ArticlesPane::importFolderRequested, this, &ReadingPanes::importFolderRequested);
    auto *articlesDock = new QDockWidget(tr("Articles"), window);
    articlesDock->setObjectName(QStringLiteral("articlesDock"));
    articlesDock->toggleViewAction()->setStatusTip(tr("Show or hide the list of articles"));
    articlesDock->setWidget(articlesPane);
    window->addDockWidget(Qt::LeftDockWidgetArea, articlesDock);

    entitiesPane = new EntitiesPane(selection, entities, window);
    entitiesPane->setObjectName(QStringLiteral("entitiesPane"));
    entityView = entitiesPane->view();
    auto *entitiesDock = new QDockWidget(tr("Entities"), window);
    entitiesDock->setObjectName(QStringLiteral("entitiesDock"));
    entitiesDock->toggleViewAction()->setStatusTip(tr("Show or hide the countries, people, organisations, places "
                                                      "and events found"));
    entitiesDock->setWidget(entitiesPane);
    window->addDockWidget(Qt::LeftDockWidgetArea, entitiesDock);
    window->resizeDocks({ articlesDock, entitiesDock }, { 3, 2 }, Qt::Vertical);
    // The central Reader would otherwise take every pixel the docks' minimum leaves.
    window->resizeDocks({ articlesDock }, { articlesPane->sizeHint().width() }, Qt::Horizontal);

    // Keyboard: every pane has a key that takes the cursor to it.
    QAction *search = new QAction(tr("&Search Articles"), window);
    search->setShortcut(QKeySequence(tr("Ctrl+L")));
    search->setStatusTip(tr("Type a full-text query for the Articles list"));
    connect(search, &QAction::triggered, this, [this, articlesDock] {
        articlesDock->show();
        articlesDock->raise();
        articlesPane->focusSearch();
    });
    QAction *find = new QAction(tr("&Find in Article"), window);
    find->setShortcut(QKeySequence::Find);
    find->setStatusTip(tr("Find words in the article being read"));
    connect(find, &QAction::triggered, this, [this] { readerPane->showFindBar(); });
    QAction *filterEntities = new QAction(tr("Filter &Entities"), window);
    filterEntities->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    filterEntities->setStatusTip(tr("Type part of an entity's name to find it in the Entities list"));
    connect(filterEntities, &QAction::triggered, this, [this, entitiesDock] {
        entitiesDock->show();
        entitiesDock->raise();
        entitiesPane->focusFilter();
    });
    QAction *read = new QAction(tr("&Read"), window);
    read->setShortcut(QKeySequence(tr("Ctrl+R")));
    read->setStatusTip(tr("Move the keyboard into the Reader"));
    connect(read, &QAction::triggered, this, [this] { reader->setFocus(Qt::ShortcutFocusReason); });
    QAction *inContext = new QAction(tr("Search Hits in &Context"), window);
    inContext->setObjectName(QStringLiteral("showHitsInContext"));
    inContext->setStatusTip(tr("Show each hit of the search in its context, one a line"));
    connect(inContext, &QAction::triggered, this, [this, articlesDock] {
        articlesDock->show();
        articlesDock->raise();
        articlesPane->showHits();
    });
    // F3 is "find next" in most programs; here it goes through the search's hits in the article read.
    QAction *nextHit = new QAction(tr("&Next Hit"), window);
    nextHit->setObjectName(QStringLiteral("nextHit"));
    nextHit->setShortcut(QKeySequence(Qt::Key_F3));
    nextHit->setStatusTip(tr("Select the next hit of the search in the article being read"));
    connect(nextHit, &QAction::triggered, this, [this] { readerPane->nextHit(); });
    QAction *previousHit = new QAction(tr("&Previous Hit"), window);
    previousHit->setObjectName(QStringLiteral("previousHit"));
    previousHit->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3));
    previousHit->setStatusTip(tr("Select the previous hit of the search in the article being read"));
    connect(previousHit, &QAction::triggered, this, [this] { readerPane->previousHit(); });
    const auto enableHits = [nextHit, previousHit](const QString &query) {
        nextHit->setEnabled(!query.isEmpty());
        previousHit->setEnabled(!query.isEmpty());
    };
    connect(selection, &Selection::textQueryChanged, this, enableHits);
    enableHits(selection->textQuery());
    // File > Export: the lines as the pane shows them.
    QAction *exportHits = exportMenu->addAction(tr("Search &Hits in Context (CSV)…"));
    exportHits->setObjectName(QStringLiteral("exportHits"));
    exportHits->setStatusTip(tr("Save each hit of the search with its context, article and date as a CSV table"));
    connect(exportHits, &QAction::triggered, this, [this] { kwicPane->exportHitsInteractively(); });
    // Above the View menu's separator; the dock toggles go on top of these.
    const QList<QAction *> mine = { search, inContext, nextHit, previousHit, find, filterEntities, read };
    QAction *before = viewMenu->actions().value(0);
    viewMenu->insertSeparator(before);
    viewMenu->insertActions(before, mine);
    viewMenu->insertSeparator(before);
    window->addActions(mine);
}

void ReadingPanes::setSession(const std::shared_ptr<StoreSession> &session)
{
    readerPane->setSession(session);
    entitiesPane->setSession(session);
    articlesPane->setSession(session);
}

void ReadingPanes::storeGrew()
{
    articlesPane->refresh();
    entities->refresh();
    readerPane->reload();
}

} // namespace entente

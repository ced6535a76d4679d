#pragma once

#include <QObject>

#include <memory>

class QMainWindow;
class QMenu;
class QTableView;
class QTextBrowser;
class QTreeView;

namespace entente {

class ArticleListModel;
class ArticlesPane;
class EntitiesPane;
class EntityListModel;
class KwicModel;
class KwicPane;
class ReaderPane;
class Selection;
class StoreSession;

// The reading side of the window: Articles (with the search's hits in context), the Reader and Entities. The group
// builds its panes into the window it is given (the Reader as its central widget, the others docked), with their
// keys in the View menu and the hits' export in File > Export. The panes follow the shared Selection; the window
// hands them its store (setSession) and tells them when it grew.
class ReadingPanes : public QObject
{
    Q_OBJECT

public:
    ReadingPanes(QMainWindow *window, Selection *selection, QMenu *viewMenu, QMenu *exportMenu);

    // Another store (none: the panes let go of the store): they read it anew. The first focus is chosen before.
    void setSession(const std::shared_ptr<StoreSession> &session);
    // An import or an edit added to the store: the lists add what it added and count again, the Reader keeps its
    // article and place and shows the article's annotations as they are now.
    void storeGrew();

    ArticleListModel *articles = nullptr;
    EntityListModel *entities = nullptr;
    ArticlesPane *articlesPane = nullptr;
    ReaderPane *readerPane = nullptr;
    EntitiesPane *entitiesPane = nullptr;
    KwicModel *kwic = nullptr; // the search's hits in context, a tab of the Articles pane
    KwicPane *kwicPane = nullptr;
    QTableView *articleView = nullptr;
    QTextBrowser *reader = nullptr;
    QTreeView *entityView = nullptr;

signals:
    // The empty store's Articles pane offers to import.
    void importFilesRequested();
    void importFolderRequested();
};

} // namespace entente

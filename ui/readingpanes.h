#pragma once

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

// The reading side of the window: Articles (with the search's hits in context), the Reader and Entities. MainWindow::
// createReadingPanes() builds them; they follow the shared Selection and
// MainWindow::storeChanged (another store: they read it anew) and storeGrew (an import: they add what it added).
struct ReadingPanes
{
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
};

} // namespace entente

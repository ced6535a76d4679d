#pragma once

#include <QtGlobal>

#include <functional>

class QTableView;
class QTextBrowser;
class QTreeView;

namespace entente {

class ArticleListModel;
class ArticlesPane;
class EntitiesPane;
class EntityListModel;
class ReaderPane;

// The reading side of the window: Articles, the Reader and Entities. MainWindow::
// createReadingPanes() builds them; they follow the shared Selection and
// MainWindow::storeChanged.
struct ReadingPanes
{
    ArticleListModel *articles = nullptr;
    EntityListModel *entities = nullptr;
    ArticlesPane *articlesPane = nullptr;
    ReaderPane *readerPane = nullptr;
    EntitiesPane *entitiesPane = nullptr;
    QTableView *articleView = nullptr;
    QTextBrowser *reader = nullptr;
    QTreeView *entityView = nullptr;

    // Opens `article` in the Reader (through Selection::setArticle) and scrolls it to the
    // sentence holding `start`, a code-point offset into the article's text as the store
    // keeps it (relations.start, mentions.start), selecting that sentence. For the Evidence
    // list's double-click:
    //     m_reading->showSentence(articleId, relationStart);
    std::function<void(qint64 article, qint64 start)> showSentence;
};

} // namespace entente

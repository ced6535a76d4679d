#pragma once

class QTableView;
class QTextBrowser;

namespace entente {

class ArticleListModel;

// The reading side of the window: the Articles list and the Reader (and, as they grow, the
// Entities pane). MainWindow::createReadingPanes() builds them; they follow the shared
// Selection and MainWindow::storeChanged.
struct ReadingPanes
{
    ArticleListModel *articles = nullptr;
    QTableView *articleView = nullptr;
    QTextBrowser *reader = nullptr;
};

} // namespace entente

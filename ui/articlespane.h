#pragma once

#include <memory>

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;
class QTimer;

namespace entente {

class StoreSession;
class ArticleListModel;
class KwicPane;
struct ArticleFilter;
class Selection;

// The Articles pane: a search field over the full-text index, a line that says what the list
// is filtered by (with links that clear each part), and the lazily loaded, sortable table.
// The list follows the Selection (focus, year range, pair, text query); the search field
// sets Selection::textQuery; selecting a row sets Selection::article. A query FTS5 cannot
// parse is reported under the field, never shown as a silently empty list. A focused country
// lists the articles about it; a check box (remembered in the settings) adds those that only
// mention it. With a search, the Hits column counts the search's hits in each article, and sorting
// it ranks the list by relevance; addHitsTab() puts the keyword-in-context lines in a tab beside the
// list ("In Context"), which follows the same filter.
class ArticlesPane : public QWidget
{
    Q_OBJECT

public:
    ArticlesPane(Selection *selection, ArticleListModel *model, QWidget *parent = nullptr);

    void setSession(std::shared_ptr<StoreSession> session);
    // After an import into the open store: the new articles join the list (ArticleListModel::refresh()), the
    // article read stays selected and the article at the top of the view stays at the top.
    void refresh();
    // Wide enough for the columns to be read: the dock starts at this width.
    [[nodiscard]] QSize sizeHint() const override { return { 460, 420 }; }
    void focusSearch();
    // Puts `hits` in a tab beside the list; it is handed the list's filter from then on.
    void addHitsTab(KwicPane *hits);
    // Brings the list or the hits forward.
    void showList();
    void showHits();

    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] QLineEdit *searchField() const { return m_search; }
    [[nodiscard]] QLabel *messageLabel() const { return m_message; }
    [[nodiscard]] QLabel *summaryLabel() const { return m_summary; }
    [[nodiscard]] QCheckBox *mentionsToggle() const { return m_mentions; }
    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] KwicPane *hitsPane() const { return m_hits; }
    // Shown in place of the list while the store holds no article.
    [[nodiscard]] QLabel *emptyStoreLabel() const { return m_empty; }

signals:
    // The empty store's "Import Files" or "Import Folder" link.
    void importFilesRequested();
    void importFolderRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void describeSearch(bool server);
    void refilter();
    void commitSearch();
    // Shows Selection::article in the list; when the list no longer holds it and `mayChange`,
    // reads the first article of the list instead.
    void syncCurrentArticle(bool mayChange = true);
    void updateSummary();
    void onSummaryLink(const QString &link);
    [[nodiscard]] ArticleFilter currentFilter() const;

    Selection *m_selection;
    ArticleListModel *m_model;
    QLineEdit *m_search = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_summary = nullptr;
    QCheckBox *m_mentions = nullptr;
    QTableView *m_view = nullptr;
    QTabWidget *m_tabs = nullptr;
    KwicPane *m_hits = nullptr;
    QLabel *m_empty = nullptr;
    QTimer *m_searchDelay = nullptr;
    bool m_syncing = false; // set while the pane itself moves the current row
};

} // namespace entente

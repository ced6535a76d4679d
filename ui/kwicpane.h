#pragma once

#include "articlelistmodel.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTableView;

namespace entente {

class KwicModel;
class Selection;
class StoreSession;

// Keyword in context: a line for each hit of the Articles search, the words before it right-aligned (cut on the
// left), the hit in a column of its own, the words after it (cut on the right), with the article's date and
// title. A line above says how many hits there are, or that the list stops at the cap. Selecting a line reads
// its article at the hit (Selection::showSentence), so the Reader opens there with every hit marked. The
// Articles pane shows it as a tab beside its list and hands it the list's filter; it reads the store only while
// it is shown, and in the background (KwicModel::setBackground()). The context menu and File > Export write the lines,
// in the order shown, as CSV.
class KwicPane : public QWidget
{
    Q_OBJECT

public:
    KwicPane(Selection *selection, KwicModel *model, QWidget *parent = nullptr);

    void setSession(std::shared_ptr<StoreSession> session);
    // The Articles list's filter; its text query is the search. Read at once when the pane is shown, else when
    // it next is.
    void setFilter(const ArticleFilter &filter);
    // Reads the store again (an import added to it).
    void refresh();
    // Asks for a file and writes the lines there as CSV.
    void exportHitsInteractively();
    // Writes the lines, as shown, to `path` (read first if the pane was hidden); false with `error` set.
    bool writeHits(const QString &path, QString *error);

    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] QLabel *summaryLabel() const { return m_summary; }
    [[nodiscard]] KwicModel *model() const { return m_model; }

signals:
    // The number of lines changed (the tab's title shows it).
    void countChanged(int lines);

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void readIfStale(bool evenHidden = false);
    // The lines of the current filter in the model now, even if the pane is hidden or a read is under way.
    void settle();
    void updateSummary();
    void fitHitColumn();

    Selection *m_selection;
    KwicModel *m_model;
    QLabel *m_summary = nullptr;
    QTableView *m_view = nullptr;
    std::shared_ptr<StoreSession> m_session;
    ArticleFilter m_filter;
    bool m_stale = false; // the filter or store changed while the pane was hidden
    bool m_syncing = false;
};

} // namespace entente

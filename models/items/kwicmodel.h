#pragma once

#include "articlelistmodel.h"
#include "hits.h"

#include <QAbstractTableModel>
#include <QList>

#include <memory>

class QIODevice;

namespace entente {

class Store;
class StoreSession;

// Keyword in context: each hit of the Articles search as a line, the words before it, the hit and
// the words after it, with the article's date and title. The lines are those of the articles
// the Articles list shows (the same ArticleFilter), newest article first, and stop at cap() lines
// so that a search for "the" over a whole corpus stays quick; isCapped() says when there were
// more. Sorting is in memory: by the left context read backwards from the hit (the word right
// before it first), by the right context, by the hit, by date or by article. With setBackground(true)
// (the pane's way) the hits are read on a pool thread, with its own connection, and come back in one
// reset; a read overtaken by a newer filter is dropped. The UN corpus' "apartheid" (7,295 hits in
// 3,072 speeches) takes most of a second, which the window should not freeze for.
//
//     model->setSession(session);
//     model->setFilter(articleFilter);            // its textQuery is the search
//     selection->showSentence(model->hit(row).article, model->hit(row).start);
class KwicModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { DateColumn, LeftColumn, HitColumn, RightColumn, ArticleColumn, ColumnCount };
    // StartRole, EndRole: the hit's code-point offsets in the article's text.
    enum Role { ArticleIdRole = Qt::UserRole + 1, StartRole, EndRole };
    static constexpr int DefaultCap = 10000;

    explicit KwicModel(QObject *parent = nullptr);
    ~KwicModel() override;

    // Reads the session's store (this thread's connection) for `filter`; none empties the model.
    void setSession(std::shared_ptr<StoreSession> session, const ArticleFilter &filter = {});
    // Reads the hits again for `filter` (nothing without a text query). False when the store refused the query:
    // queryError() says why.
    bool setFilter(const ArticleFilter &filter);
    // Lines kept at most; takes effect at the next read.
    void setCap(int cap) { m_cap = cap; }
    void reload();
    // Reads from now on off this thread (readFinished() says when the lines are in), or in the call.
    void setBackground(bool on) { m_background = on; }
    [[nodiscard]] bool isReading() const { return m_reading; }

    [[nodiscard]] ArticleFilter filter() const { return m_filter; }
    [[nodiscard]] int cap() const { return m_cap; }
    [[nodiscard]] bool isCapped() const { return m_capped; }
    [[nodiscard]] int articleCount() const { return int(m_articles.size()); } // articles with a line
    [[nodiscard]] QString queryError() const { return m_queryError; }
    [[nodiscard]] const Hit &hit(int row) const { return m_lines.at(row).hit; }
    [[nodiscard]] const HitArticle &article(int row) const { return m_articles.at(m_lines.at(row).article); }
    // The title shown for the article of `row`: its opening words when it has none.
    [[nodiscard]] QString title(int row) const;
    // The first line of `article` at or after code-point `offset`; -1 when none.
    [[nodiscard]] int rowOf(qint64 article, qint64 offset) const;

    // The lines in their current order as CSV (Hits::writeCsvRow); false with `error` set.
    bool writeCsv(QIODevice *out, QString *error) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

signals:
    // The lines of the latest filter are in (after the reset that shows them).
    void readFinished();

private:
    struct Line
    {
        Hit hit;
        int article = 0; // into m_articles
        int order = 0; // as read: newest article first, then by place in the text
    };
    // What a read gives, made on any thread.
    struct Lines
    {
        QList<Line> lines;
        QList<HitArticle> articles;
        QStringList titles;
        QString error;
        bool capped = false;
    };
    [[nodiscard]] static Lines readLines(const StoreSession &session, const ArticleFilter &filter, int cap);
    // Reads for the current session and filter: in the call (inside a reset) or in the background.
    void read();
    void take(Lines lines);
    void sortLines();

    std::shared_ptr<StoreSession> m_session;
    ArticleFilter m_filter;
    QList<Line> m_lines;
    QList<HitArticle> m_articles;
    QStringList m_titles; // as shown, per article
    QString m_queryError;
    int m_cap = DefaultCap;
    bool m_capped = false;
    bool m_background = false;
    bool m_reading = false;
    int m_generation = 0; // of the latest read asked for: an older one's lines are dropped
    int m_sortColumn = -1; // -1: as read
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace entente

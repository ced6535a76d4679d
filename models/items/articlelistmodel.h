#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace entente {

class Store;

// The articles of a store as a table: date (with precision), title, source, countries,
// relations. Rows load lazily in pages (canFetchMore/fetchMore), so that a store of
// 100,000 articles opens at once; sorting re-queries the store.
class ArticleListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { DateColumn, TitleColumn, SourceColumn, CountriesColumn, RelationsColumn, ColumnCount };
    enum Role { ArticleIdRole = Qt::UserRole + 1, PrecisionRole, FileRole };

    explicit ArticleListModel(QObject *parent = nullptr);
    ~ArticleListModel() override;

    // Reads from the store file at `path` through a read-only connection of its own; an empty
    // path empties the model.
    bool setStorePath(const QString &path, QString *error = nullptr);
    void reload();

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

    [[nodiscard]] qint64 totalCount() const { return m_total; }
    [[nodiscard]] qint64 articleId(int row) const;
    [[nodiscard]] int rowOfArticle(qint64 id) const; // -1 when not loaded

private:
    struct Row
    {
        qint64 id = 0;
        QString date;
        QString precision;
        QString title;
        QString source;
        QString countries;
        int relations = 0;
        QString file;
    };
    QList<Row> queryPage(qint64 offset, int limit) const;

    std::unique_ptr<Store> m_store;
    QList<Row> m_rows;
    qint64 m_total = 0;
    int m_sortColumn = DateColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace entente

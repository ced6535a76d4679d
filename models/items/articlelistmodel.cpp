#include "articlelistmodel.h"

#include "store.h"

#include <QFileInfo>
#include <QSqlQuery>

namespace entente {

namespace {
constexpr int PageSize = 256;
}

ArticleListModel::ArticleListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

ArticleListModel::~ArticleListModel() = default;

bool ArticleListModel::setStorePath(const QString &path, QString *error)
{
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    m_store.reset();
    bool ok = true;
    if (!path.isEmpty()) {
        m_store = std::make_unique<Store>();
        ok = m_store->open(path, Store::OpenMode::ReadOnly, error);
        if (!ok) {
            m_store.reset();
        } else {
            QSqlQuery q(m_store->database());
            if (q.exec(QStringLiteral("SELECT count(*) FROM articles")) && q.next())
                m_total = q.value(0).toLongLong();
            m_rows = queryPage(0, PageSize);
        }
    }
    endResetModel();
    return ok;
}

void ArticleListModel::reload()
{
    if (!m_store)
        return;
    setStorePath(m_store->path());
}

QList<ArticleListModel::Row> ArticleListModel::queryPage(qint64 offset, int limit) const
{
    QList<Row> rows;
    if (!m_store)
        return rows;
    static const char *orderBy[] = {"published", "title", "source", "source_country", "relation_count"};
    const QString order = QStringLiteral("%1 %2, id %2")
                              .arg(QLatin1String(orderBy[m_sortColumn]),
                                   m_sortOrder == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC"));
    // Countries: the distinct countries mentioned, most-mentioned first.
    QSqlQuery q(m_store->database());
    q.prepare(QStringLiteral(
                  "SELECT a.id, a.published, a.published_precision, a.title, a.source, a.relation_count, a.file,"
                  " (SELECT group_concat(key, ', ') FROM (SELECT e.key FROM mentions m JOIN entities e ON e.id ="
                  "  m.entity_id WHERE m.article_id = a.id AND e.kind = 'country' GROUP BY e.key"
                  "  ORDER BY count(*) DESC LIMIT 6))"
                  " FROM articles a ORDER BY %1 LIMIT ? OFFSET ?")
                  .arg(order));
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (!q.exec())
        return rows;
    while (q.next()) {
        Row r;
        r.id = q.value(0).toLongLong();
        r.date = q.value(1).toString();
        r.precision = q.value(2).toString();
        r.title = q.value(3).toString();
        r.source = q.value(4).toString();
        r.relations = q.value(5).toInt();
        r.file = q.value(6).toString();
        r.countries = q.value(7).toString();
        if (r.title.isEmpty())
            r.title = QFileInfo(r.file).fileName();
        rows.append(r);
    }
    return rows;
}

int ArticleListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ArticleListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArticleListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case DateColumn:
            return r.date.isEmpty() ? tr("undated") : r.date;
        case TitleColumn:
            return r.title;
        case SourceColumn:
            return r.source;
        case CountriesColumn:
            return r.countries;
        case RelationsColumn:
            return r.relations;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DateColumn)
            return r.date.isEmpty() ? tr("The article states no date") : tr("Precision: %1").arg(r.precision);
        return index.column() == TitleColumn ? QVariant(r.file) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == RelationsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case ArticleIdRole:
        return r.id;
    case PrecisionRole:
        return r.precision;
    case FileRole:
        return r.file;
    }
    return {};
}

QVariant ArticleListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DateColumn:
        return tr("Date");
    case TitleColumn:
        return tr("Title");
    case SourceColumn:
        return tr("Source");
    case CountriesColumn:
        return tr("Countries");
    case RelationsColumn:
        return tr("Relations");
    }
    return {};
}

bool ArticleListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void ArticleListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid())
        return;
    const QList<Row> more = queryPage(m_rows.size(), PageSize);
    if (more.isEmpty()) {
        m_total = m_rows.size(); // the store shrank under us; stop asking
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size() - 1));
    m_rows += more;
    endInsertRows();
}

void ArticleListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    beginResetModel();
    m_rows = queryPage(0, PageSize);
    endResetModel();
}

qint64 ArticleListModel::articleId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : -1;
}

int ArticleListModel::rowOfArticle(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

} // namespace entente

#include "kwicmodel.h"

#include "store.h"
#include "storesession.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QHash>
#include <QIODevice>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <numeric>

namespace entente {

namespace {
// The left context as a sort key: its words from the hit outwards, case folded ("of the Council"
// sorts as "the of").
QString leftKey(const QString &left)
{
    QStringList words = left.toCaseFolded().split(u' ', Qt::SkipEmptyParts);
    std::reverse(words.begin(), words.end());
    return words.join(u' ');
}
} // namespace

KwicModel::KwicModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

KwicModel::~KwicModel() = default;

void KwicModel::setSession(std::shared_ptr<StoreSession> session, const ArticleFilter &filter)
{
    m_session = std::move(session);
    m_filter = filter;
    read();
}

bool KwicModel::setFilter(const ArticleFilter &filter)
{
    if (filter == m_filter && m_queryError.isEmpty() && !m_reading)
        return true;
    m_filter = filter;
    read();
    return m_queryError.isEmpty();
}

void KwicModel::reload()
{
    read();
}

void KwicModel::read()
{
    const int generation = ++m_generation;
    if (!m_background || !m_session || m_filter.textQuery.trimmed().isEmpty()) {
        // Nothing to search is never worth a thread.
        m_reading = false;
        take(m_session ? readLines(*m_session, m_filter, m_cap) : Lines {});
        return;
    }
    m_reading = true;
    auto *watcher = new QFutureWatcher<Lines>(this);
    connect(watcher, &QFutureWatcher<Lines>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a newer filter is being read
        m_reading = false;
        take(watcher->result());
    });
    // The session goes with the job: a store closed meanwhile stays open until it ends. It is handed back to this
    // thread to be let go: if it is the last reference, it closes every thread's connection, this one's too.
    watcher->setFuture(QtConcurrent::run([session = m_session, filter = m_filter, cap = m_cap]() mutable {
        Lines lines = readLines(*session, filter, cap);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [last = std::move(session)] {}, Qt::QueuedConnection);
        return lines;
    }));
}

KwicModel::Lines KwicModel::readLines(const StoreSession &session, const ArticleFilter &filter, int cap)
{
    Lines out;
    const Store *store = session.reader(); // this thread's connection
    if (!store || filter.textQuery.trimmed().isEmpty())
        return out;
    ArticleFilter rest = filter;
    rest.textQuery.clear(); // the hits' own query matches it
    Hits::Options options;
    options.query = filter.textQuery;
    options.condition = rest.sqlCondition(ArticleFilter::hasRanking(*store), &options.values);
    QString error;
    const bool ok = Hits::find(
        *store, options,
        [&out, cap](const HitArticle &article, const QList<Hit> &hits) {
            if (hits.isEmpty())
                return true;
            const int index = int(out.articles.size());
            out.articles.append(article);
            out.titles.append(article.title.isEmpty() ? openingWords(article.opening) : article.title);
            for (const Hit &h : hits) {
                if (out.lines.size() == cap) {
                    out.capped = true;
                    return false;
                }
                out.lines.append({ h, index, int(out.lines.size()) });
            }
            return true;
        },
        &error);
    if (!ok)
        out = Lines { {}, {}, {}, tr("Cannot search for “%1”: %2").arg(filter.textQuery, error), false };
    return out;
}

void KwicModel::take(Lines lines)
{
    beginResetModel();
    m_lines = std::move(lines.lines);
    m_articles = std::move(lines.articles);
    m_titles = std::move(lines.titles);
    m_queryError = lines.error;
    m_capped = lines.capped;
    sortLines();
    endResetModel();
    emit readFinished();
}

void KwicModel::sort(int column, Qt::SortOrder order)
{
    if (column < -1 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // No persistent index outlives a sort here: the views select lines by their article and offset again.
    const QModelIndexList before = persistentIndexList();
    QList<int> orderBefore;
    for (const QModelIndex &i : before)
        orderBefore << m_lines.at(i.row()).order;
    sortLines();
    if (!before.isEmpty()) {
        QHash<int, int> rowOfOrder;
        for (int row = 0; row < m_lines.size(); ++row)
            rowOfOrder.insert(m_lines.at(row).order, row);
        QModelIndexList after;
        for (qsizetype i = 0; i < before.size(); ++i)
            after << index(rowOfOrder.value(orderBefore.at(i)), before.at(i).column());
        changePersistentIndexList(before, after);
    }
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void KwicModel::sortLines()
{
    if (m_sortColumn < 0 || m_lines.isEmpty()) {
        std::sort(m_lines.begin(), m_lines.end(), [](const Line &x, const Line &y) { return x.order < y.order; });
        return;
    }
    // Keys once per line, not once per comparison.
    QStringList keys(m_lines.size());
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        const Line &l = m_lines.at(i);
        switch (m_sortColumn) {
        case LeftColumn:
            keys[i] = leftKey(l.hit.left);
            break;
        case HitColumn:
            keys[i] = l.hit.match.toCaseFolded();
            break;
        case RightColumn:
            keys[i] = l.hit.right.toCaseFolded().trimmed();
            break;
        case DateColumn:
            keys[i] = m_articles.at(l.article).published;
            break;
        case ArticleColumn:
            keys[i] = m_titles.at(l.article).toCaseFolded();
            break;
        }
    }
    QList<int> perm(m_lines.size());
    std::iota(perm.begin(), perm.end(), 0);
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    // Ties keep the order read (by article, then by place in the text), whichever way the key goes.
    std::sort(perm.begin(), perm.end(), [&](int x, int y) {
        const int c = keys.at(x).compare(keys.at(y));
        if (c != 0)
            return descending ? c > 0 : c < 0;
        return m_lines.at(x).order < m_lines.at(y).order;
    });
    QList<Line> sorted;
    sorted.reserve(m_lines.size());
    for (int i : std::as_const(perm))
        sorted.append(m_lines.at(i));
    m_lines = std::move(sorted);
}

QString KwicModel::title(int row) const
{
    return m_titles.at(m_lines.at(row).article);
}

int KwicModel::rowOf(qint64 article, qint64 offset) const
{
    int best = -1;
    for (int row = 0; row < m_lines.size(); ++row) {
        const Hit &h = m_lines.at(row).hit;
        if (h.article == article && h.end > offset && (best < 0 || h.start < m_lines.at(best).hit.start))
            best = row;
    }
    return best;
}

bool KwicModel::writeCsv(QIODevice *out, QString *error) const
{
    bool ok = Hits::writeCsvHeader(out);
    for (qsizetype i = 0; ok && i < m_lines.size(); ++i)
        ok = Hits::writeCsvRow(out, m_articles.at(m_lines.at(i).article), m_lines.at(i).hit);
    if (!ok && error)
        *error = out->errorString();
    return ok;
}

int KwicModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int KwicModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KwicModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line &l = m_lines.at(index.row());
    const HitArticle &a = m_articles.at(l.article);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case DateColumn:
            return a.published.isEmpty() ? tr("undated") : a.published;
        case LeftColumn:
            return l.hit.left;
        case HitColumn:
            return l.hit.match;
        case RightColumn:
            return l.hit.right;
        case ArticleColumn:
            return m_titles.at(l.article);
        }
        return {};
    case Qt::ToolTipRole:
        return QStringLiteral("%1 · %2\n…%3%4%5…")
            .arg(a.published.isEmpty() ? tr("undated") : a.published, m_titles.at(l.article), l.hit.left, l.hit.match,
                l.hit.right);
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case LeftColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case HitColumn:
            return QVariant(Qt::AlignHCenter | Qt::AlignVCenter);
        }
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case ArticleIdRole:
        return a.id;
    case StartRole:
        return l.hit.start;
    case EndRole:
        return l.hit.end;
    }
    return {};
}

QVariant KwicModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    const bool tip = role == Qt::ToolTipRole;
    switch (section) {
    case DateColumn:
        return tip ? tr("The article's date") : tr("Date");
    case LeftColumn:
        return tip ? tr("The words before the hit; sorting reads them backwards, the word right before the hit first")
                   : tr("Before");
    case HitColumn:
        return tip ? tr("What the search matched") : tr("Hit");
    case RightColumn:
        return tip ? tr("The words after the hit") : tr("After");
    case ArticleColumn:
        return tip ? tr("The article's headline, or its opening words") : tr("Article");
    }
    return {};
}

} // namespace entente

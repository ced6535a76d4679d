#include "entitiespane.h"

#include "entitylistmodel.h"
#include "selection.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace entente {

namespace {

// Sorts the entities within each kind; the kinds themselves stay in their fixed order
// whichever way a column is sorted.
class KindOrderProxyModel : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override
    {
        if (!left.parent().isValid() && !right.parent().isValid()) {
            // The view reverses the result for a descending sort; undo that here.
            return sortOrder() == Qt::AscendingOrder ? left.row() < right.row() : left.row() > right.row();
        }
        return QSortFilterProxyModel::lessThan(left, right);
    }
};

} // namespace

EntitiesPane::EntitiesPane(Selection *selection, EntityListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_model(model)
{
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("entityFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter entities (Ctrl+Shift+E)"));
    m_filter->setToolTip(tr("Show only the entities whose name or key contains this"));
    m_filter->setStatusTip(m_filter->toolTip());

    m_proxy = new KindOrderProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterRole(EntityListModel::FilterTextRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("entityView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(EntityListModel::MentionsColumn, Qt::DescendingOrder);
    m_view->setUniformRowHeights(true);
    m_view->setIndentation(m_view->fontMetrics().height());
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(EntityListModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(EntityListModel::MentionsColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(EntityListModel::ArticlesColumn, QHeaderView::ResizeToContents);
    m_view->setStatusTip(tr("Select an entity to focus it in every pane"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    setFocusProxy(m_view);
    setMinimumWidth(240);

    m_expanded.insert(QStringLiteral("country"));
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text.trimmed());
        if (text.trimmed().isEmpty())
            restoreExpanded();
        else
            m_view->expandAll();
        showFocus(m_selection->focus());
    });
    connect(m_view, &QTreeView::expanded, this, &EntitiesPane::rememberExpanded);
    connect(m_view, &QTreeView::collapsed, this, &EntitiesPane::rememberExpanded);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        restoreExpanded();
        showFocus(m_selection->focus());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (m_syncing)
            return;
        const EntityRef entity = m_model->entityAt(m_proxy->mapToSource(current));
        if (!entity.isNull())
            m_selection->setFocus(entity);
    });
    // A click on the row that is already current (the focus was cleared elsewhere) focuses too.
    connect(m_view, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        const EntityRef entity = m_model->entityAt(m_proxy->mapToSource(index));
        if (!entity.isNull())
            m_selection->setFocus(entity);
    });
    connect(m_selection, &Selection::focusChanged, this, &EntitiesPane::showFocus);
    connect(m_selection, &Selection::yearRangeChanged, this, &EntitiesPane::refilter);
}

void EntitiesPane::setStorePath(const QString &path)
{
    m_model->setFilter(m_selection->yearFrom(), m_selection->yearTo(), {});
    m_model->setStorePath(path);
}

void EntitiesPane::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void EntitiesPane::refilter()
{
    // The text query is left out: counting every mention of the articles a common word finds
    // takes most of a second on the UN corpus, and the Articles list already answers it.
    m_model->setFilter(m_selection->yearFrom(), m_selection->yearTo(), {});
}

void EntitiesPane::showFocus(const EntityRef &focus)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(focus));
    m_syncing = true;
    if (index.isValid()) {
        m_view->expand(index.parent());
        m_view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(index);
    } else {
        // Current too: clicking the entity that was current must focus it again.
        m_view->selectionModel()->clear();
    }
    m_syncing = false;
}

void EntitiesPane::rememberExpanded()
{
    if (m_syncing || !m_filter->text().trimmed().isEmpty())
        return; // the pane's own expanding, or the filter's, is not the user's choice
    m_expanded.clear();
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (m_view->isExpanded(index))
            m_expanded.insert(index.data(EntityListModel::KindRole).toString());
    }
}

void EntitiesPane::restoreExpanded()
{
    m_syncing = true; // expanding is not a choice of focus
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        m_view->setExpanded(index, m_expanded.contains(index.data(EntityListModel::KindRole).toString()));
    }
    m_syncing = false;
}

} // namespace entente

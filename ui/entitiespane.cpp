#include "entitiespane.h"

#include "asyncquery.h"
#include "busyoverlay.h"
#include "edit.h"
#include "entitylistmodel.h"
#include "mergedialog.h"
#include "selection.h"
#include "storesession.h"

#include "gazetteer.h"

#include <QComboBox>
#include <QDate>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QTimer>
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
        return static_cast<const EntityListModel *>(sourceModel())->lessThan(left, right, sortCaseSensitivity());
    }

public:
    // A kind's row has children when it has entities: asked of the source, so that a collapsed kind's entities
    // (ten thousand people at 400,000 articles) are not sorted each time the counts come in, as making the kind's
    // mapping would. A filter has to look at them.
    bool hasChildren(const QModelIndex &parent) const override
    {
        if (parent.isValid() && !parent.parent().isValid() && m_side == EntityListModel::NeitherSide
            && filterRegularExpression().pattern().isEmpty())
            return sourceModel()->hasChildren(mapToSource(parent));
        return QSortFilterProxyModel::hasChildren(parent);
    }

    // Under a comparison, only the entities mentioned with one side, the other or both (NeitherSide: all).
    void setSide(int side)
    {
        // Nothing to do without a side filter before or after: a focus change would otherwise remap the rows and
        // leave the views' indexes behind.
        if (side == m_side && side == EntityListModel::NeitherSide)
            return;
        m_side = side;
        // Not invalidateFilter(): with recursive filtering, Qt 6.4 left out rows it should have added back.
        invalidate();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_side != EntityListModel::NeitherSide && parent.isValid()
            && sourceModel()->index(row, 0, parent).data(EntityListModel::SideRole).toInt() != m_side)
            return false;
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }

private:
    int m_side = EntityListModel::NeitherSide;
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
    m_filter->setToolTip(tr("Show only the entities whose name or key contains this; Enter focuses the first"));
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
    (new BusyOverlay(m_view))->watch(m_model->query());
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(EntityListModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(EntityListModel::MentionsColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(EntityListModel::ArticlesColumn, QHeaderView::ResizeToContents);
    m_view->setStatusTip(tr("Select an entity to focus it in every pane; right-click it to correct it"));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    // One menu for an entity: comparing the focus with it (when both are parties), then its corrections.
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        const std::unique_ptr<QMenu> menu(editMenu(index));
        if (!menu)
            return;
        QAction *firstEdit = menu->actions().value(0);
        const qsizetype before = menu->actions().size();
        addCompareAction(menu.get(), m_model->entityAt(m_proxy->mapToSource(index)));
        if (menu->actions().size() > before) {
            QAction *compare = menu->actions().constLast();
            menu->removeAction(compare);
            menu->insertAction(firstEdit, compare);
            menu->insertSeparator(firstEdit);
        }
        menu->exec(m_view->viewport()->mapToGlobal(pos));
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    setFocusProxy(m_view);
    setMinimumWidth(240);

    m_expanded.insert(QStringLiteral("country"));
    m_filterDelay = new QTimer(this);
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(FilterDelayMs);
    connect(m_filterDelay, &QTimer::timeout, this, &EntitiesPane::applyFilter);
    connect(m_filter, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (text.trimmed().isEmpty())
            applyFilter(); // showing everything again is never worth a wait
        else
            m_filterDelay->start();
    });
    // The clear button and setText() do not emit textEdited.
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().isEmpty() && !m_proxy->filterRegularExpression().pattern().isEmpty())
            applyFilter();
    });
    connect(m_filter, &QLineEdit::returnPressed, this, &EntitiesPane::chooseFirstMatch);
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
    setUpComparison();
}

void EntitiesPane::setUpComparison()
{
    // Compare (issue 12 §4): with a comparison country, which entities are mentioned with the focus, with the other
    // or with both; Ctrl+click or "Compare With" in the context menu picks the other.
    m_side = new QComboBox(this);
    m_side->setObjectName(QStringLiteral("comparisonSide"));
    m_side->setAccessibleName(tr("Entities mentioned with"));
    m_side->setToolTip(tr("The entities mentioned (in the same articles) only with the focus, only with the country "
                          "it is compared with, or with both; the numbers count them"));
    m_side->hide();
    static_cast<QVBoxLayout *>(layout())->insertWidget(1, m_side);
    const auto update = [this] {
        const EntityRef a = m_selection->focus();
        const EntityRef b = m_selection->hasComparison() ? m_selection->comparisonEntity() : EntityRef {};
        m_syncing = true; // rows a side filter hides move the current row: not a choice of focus
        m_model->setComparison(a, b);
        m_syncing = false;
        m_showSides();
    };
    // The counts come with the model's answer, which a worker may give later.
    m_showSides = [this] {
        const EntityRef a = m_selection->focus();
        const EntityRef b = m_selection->hasComparison() ? m_selection->comparisonEntity() : EntityRef {};
        m_side->setVisible(m_model->hasComparison());
        const QSignalBlocker blocker(m_side);
        const int current = std::max(0, m_side->currentIndex());
        m_side->clear();
        if (!m_model->hasComparison()) {
            applySide(EntityListModel::NeitherSide);
            return;
        }
        const auto name = [](const EntityRef &e) {
            const QString country = Gazetteer::shared().countryName(e.key);
            return country.isEmpty() ? e.key : country;
        };
        m_side->addItem(tr("All entities"), int(EntityListModel::NeitherSide));
        m_side->addItem(tr("Only with %1 (%2)").arg(name(a)).arg(m_model->sideCount(EntityListModel::OnlyA)),
            int(EntityListModel::OnlyA));
        m_side->addItem(tr("Only with %1 (%2)").arg(name(b)).arg(m_model->sideCount(EntityListModel::OnlyB)),
            int(EntityListModel::OnlyB));
        m_side->addItem(
            tr("With both (%1)").arg(m_model->sideCount(EntityListModel::BothSides)), int(EntityListModel::BothSides));
        m_side->setCurrentIndex(current);
        applySide(m_side->currentData().toInt());
    };
    connect(m_selection, &Selection::comparisonChanged, this, update);
    connect(m_selection, &Selection::focusChanged, this, update);
    connect(m_model, &QAbstractItemModel::modelReset, this, update); // a new store or year range: new counts
    connect(m_model->query(), &AsyncQuery::answered, this, [this] { m_showSides(); });
    connect(m_side, &QComboBox::currentIndexChanged, this,
        [this] { static_cast<KindOrderProxyModel *>(m_proxy)->setSide(m_side->currentData().toInt()); });
    m_view->viewport()->installEventFilter(this);
}

void EntitiesPane::applySide(int side)
{
    // Rows that go away move the view's current row: not the user's choice of focus (as for the text filter).
    m_syncing = true;
    static_cast<KindOrderProxyModel *>(m_proxy)->setSide(side);
    m_syncing = false;
    showFocus(m_selection->focus());
}

void EntitiesPane::addCompareAction(QMenu *menu, const EntityRef &entity)
{
    const EntityRef focus = m_selection->focus();
    const auto party = [](const EntityRef &e) { return e.kind == u"country" || e.kind == u"organization"; };
    if (!party(entity) || !party(focus) || entity == focus)
        return;
    QAction *a = menu->addAction(tr("Compare %1 &With %2").arg(focus.key, entity.key), this,
        [this, key = entity.key] { m_selection->setComparison(key); });
    a->setObjectName(QStringLiteral("compareWithEntity"));
}

bool EntitiesPane::eventFilter(QObject *watched, QEvent *event)
{
    // Ctrl+click on a country compares the focus with it (the focus stays).
    if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonPress) {
        auto *press = static_cast<QMouseEvent *>(event);
        if (press->button() == Qt::LeftButton && (press->modifiers() & Qt::ControlModifier)) {
            const EntityRef entity
                = m_model->entityAt(m_proxy->mapToSource(m_view->indexAt(press->position().toPoint())));
            const EntityRef focus = m_selection->focus();
            if ((entity.kind == u"country" || entity.kind == u"organization")
                && (focus.kind == u"country" || focus.kind == u"organization") && entity != focus) {
                m_selection->setComparison(entity.key);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void EntitiesPane::setSession(std::shared_ptr<StoreSession> session)
{
    m_noCorrections = session ? session->readOnlyReason() : QString();
    m_model->setFilter(m_selection->yearFrom(), m_selection->yearTo(), {});
    m_model->setSession(std::move(session));
}

void EntitiesPane::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void EntitiesPane::applyFilter()
{
    m_filterDelay->stop();
    const QString text = m_filter->text().trimmed();
    if (m_proxy->filterRegularExpression().pattern() == QRegularExpression::escape(text))
        return;
    // Rows that go away move the view's current row, and expanding is no choice either: neither is the user's focus.
    m_syncing = true;
    m_proxy->setFilterFixedString(text);
    if (!text.isEmpty())
        m_view->expandAll();
    m_syncing = false;
    if (text.isEmpty())
        restoreExpanded();
    showFocus(m_selection->focus());
}

void EntitiesPane::chooseFirstMatch()
{
    applyFilter();
    for (int group = 0; group < m_proxy->rowCount(); ++group) {
        const QModelIndex kind = m_proxy->index(group, 0);
        if (m_proxy->rowCount(kind) == 0)
            continue;
        const EntityRef entity = m_model->entityAt(m_proxy->mapToSource(m_proxy->index(0, 0, kind)));
        if (entity.isNull())
            continue;
        m_selection->setFocus(entity);
        m_view->setFocus(Qt::OtherFocusReason);
        return;
    }
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

QMenu *EntitiesPane::editMenu(const QModelIndex &index)
{
    const QModelIndex source = m_proxy->mapToSource(index);
    const EntityRef entity = m_model->entityAt(source);
    if (entity.isNull())
        return nullptr;
    const QString name = source.siblingAtColumn(EntityListModel::NameColumn).data().toString();
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("entityEditMenu"));
    addEditActions(menu, entity, name);
    return menu;
}

void EntitiesPane::addEditActions(QMenu *menu, const EntityRef &entity, const QString &name)
{
    if (!m_noCorrections.isEmpty()) {
        QAction *none = menu->addAction(tr("No corrections: %1").arg(m_noCorrections));
        none->setObjectName(QStringLiteral("noCorrections"));
        none->setEnabled(false);
        return;
    }
    QAction *merge
        = menu->addAction(tr("&Merge into…"), this, [this, entity, name] { mergeInteractively(entity, name); });
    merge->setObjectName(QStringLiteral("mergeEntity"));
    merge->setStatusTip(tr("Count every mention of %1 as a mention of another %2").arg(name, entity.kind));
    QAction *period = menu->addAction(
        tr("Merge for Some &Years…"), this, [this, entity, name] { mergeInteractively(entity, name, true); });
    period->setObjectName(QStringLiteral("mergeEntityForYears"));
    period->setStatusTip(
        tr("Count the mentions of %1 in the articles of some years as another %2's").arg(name, entity.kind));
    QAction *rename
        = menu->addAction(tr("&Rename…"), this, [this, entity, name] { renameInteractively(entity, name); });
    rename->setObjectName(QStringLiteral("renameEntity"));
    rename->setStatusTip(tr("Give %1 another name in every pane").arg(name));
    QMenu *kinds = menu->addMenu(tr("Change &Kind"));
    kinds->menuAction()->setObjectName(QStringLiteral("changeEntityKind"));
    kinds->setObjectName(QStringLiteral("changeEntityKind"));
    for (const QString &kind : EntityListModel::kinds()) {
        if (kind == entity.kind || kind == u"money")
            continue;
        QAction *to = kinds->addAction(EntityListModel::kindTitle(kind), this,
            [this, entity, kind] { emit editRequested(Edit::changeEntityKind(entity.kind, entity.key, kind)); });
        to->setObjectName(QStringLiteral("kind_") + kind);
    }
    QAction *alias
        = menu->addAction(tr("Add &Alias…"), this, [this, entity, name] { aliasInteractively(entity, name); });
    alias->setObjectName(QStringLiteral("addAlias"));
    alias->setStatusTip(
        tr("Read another text as %1 wherever it stands, in this store and in what is imported later").arg(name));
}

void EntitiesPane::mergeInteractively(const EntityRef &entity, const QString &name, bool forSomeYears)
{
    // The entities of the same kind, as the list has them (most mentioned first).
    const QModelIndex group = m_model->indexOf(entity).parent();
    QList<std::tuple<int, QString, QString>> entities;
    for (int row = 0; row < m_model->rowCount(group); ++row) {
        const QModelIndex i = m_model->index(row, EntityListModel::NameColumn, group);
        const QString key = i.data(EntityListModel::KeyRole).toString();
        if (key != entity.key)
            entities.append(
                { -i.siblingAtColumn(EntityListModel::MentionsColumn).data().toInt(), i.data().toString(), key });
    }
    std::stable_sort(entities.begin(), entities.end());
    QList<std::pair<QString, QString>> candidates;
    for (const auto &[mentions, entityName, key] : std::as_const(entities))
        candidates.append({ key, entityName });
    MergeDialog dialog(name, candidates, this);
    if (forSomeYears) {
        // The years the Timeline selects, or else the store's.
        const int from = m_selection->hasYearRange() ? m_selection->yearFrom() : 1945;
        const int to = m_selection->hasYearRange() ? m_selection->yearTo() : QDate::currentDate().year();
        dialog.askForYears(from, to);
    }
    if (dialog.exec() != QDialog::Accepted || dialog.targetKey().isEmpty())
        return;
    emit editRequested(forSomeYears
            ? Edit::mergeEntityInYears(entity.kind, entity.key, dialog.targetKey(), dialog.fromYear(), dialog.toYear())
            : Edit::mergeEntity(entity.kind, entity.key, dialog.targetKey()));
}

void EntitiesPane::aliasInteractively(const EntityRef &entity, const QString &name)
{
    bool ok = false;
    const QString alias = QInputDialog::getText(this, tr("Add Alias"),
        tr("Read this text as %1 wherever it stands as a word:").arg(name), QLineEdit::Normal, QString(), &ok)
                              .simplified();
    if (ok && !alias.isEmpty())
        emit editRequested(Edit::addAlias(entity.kind, entity.key, alias));
}

void EntitiesPane::renameInteractively(const EntityRef &entity, const QString &name)
{
    bool ok = false;
    const QString renamed
        = QInputDialog::getText(this, tr("Rename"), tr("New name for %1:").arg(name), QLineEdit::Normal, name, &ok)
              .trimmed();
    if (ok && !renamed.isEmpty() && renamed != name)
        emit editRequested(Edit::renameEntity(entity.kind, entity.key, renamed));
}

} // namespace entente

#pragma once

#include <functional>
#include <memory>

#include <QSet>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QMenu;
class QTimer;
class QSortFilterProxyModel;
class QTreeView;

namespace entente {

class StoreSession;
class EntityListModel;
class Selection;
struct EntityRef;
struct Edit;

// The Entities pane: the store's entities grouped by kind (a tree, kind → entity) with
// their mention and article counts under the Selection's year range,
// sortable, with a filter field. Selecting an entity focuses it (Selection::setFocus); a
// focus set elsewhere is selected here without being sent back. Typing in the filter only
// filters (a quarter of a second after the last key): the focus and its history change when
// an entity is chosen, with a click, or with Enter in the field for the first one shown.
class EntitiesPane : public QWidget
{
    Q_OBJECT

public:
    EntitiesPane(Selection *selection, EntityListModel *model, QWidget *parent = nullptr);

    void setSession(std::shared_ptr<StoreSession> session);
    // Wide enough for the columns to be read: the dock starts at this width.
    [[nodiscard]] QSize sizeHint() const override { return { 460, 300 }; }
    void focusFilter();
    // How long the filter waits after a key before it filters.
    static constexpr int FilterDelayMs = 250;

    [[nodiscard]] QTreeView *view() const { return m_view; }
    [[nodiscard]] QLineEdit *filterField() const { return m_filter; }
    [[nodiscard]] QSortFilterProxyModel *proxy() const { return m_proxy; }
    // The corrections offered for the entity at `index` (of the view): Merge into…, Rename…, Change Kind. Null
    // for a kind's row. The caller owns the menu; the view's context menu shows it.
    [[nodiscard]] QMenu *editMenu(const QModelIndex &index);
    // The corrections of `entity` (called `name`), added to `menu`: Merge into…, Merge for Some Years…, Rename…,
    // Change Kind, Add Alias…. The Reader and the charts offer them through this too.
    void addEditActions(QMenu *menu, const EntityRef &entity, const QString &name);

    // Under a comparison: all entities, only those with the focus, only those with the compared country, or both.
    [[nodiscard]] QComboBox *comparisonSide() const { return m_side; }
    // "Compare <focus> With <entity>" in `menu`, when both are countries (or organisations).
    void addCompareAction(QMenu *menu, const EntityRef &entity);

signals:
    // The user asked for a correction of the store (the window applies it, undoably).
    void editRequested(const entente::Edit &edit);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void mergeInteractively(const EntityRef &entity, const QString &name, bool forSomeYears = false);
    void aliasInteractively(const EntityRef &entity, const QString &name);
    void renameInteractively(const EntityRef &entity, const QString &name);
    void setUpComparison();
    void applySide(int side);
    void applyFilter();
    void chooseFirstMatch();
    void refilter();
    void showFocus(const EntityRef &focus);
    void rememberExpanded();
    void restoreExpanded();

    Selection *m_selection;
    EntityListModel *m_model;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    QTreeView *m_view = nullptr;
    QTimer *m_filterDelay = nullptr;
    QSet<QString> m_expanded; // kinds open in the tree, kept across re-queries
    bool m_syncing = false; // set while the pane selects the focus itself
    QString m_noCorrections; // why the store takes no corrections (a file this user may not write); empty: it does
    QComboBox *m_side = nullptr;
    std::function<void()> m_showSides; // the side choice's counts, from the model's latest answer
};

} // namespace entente

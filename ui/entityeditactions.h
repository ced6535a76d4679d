#pragma once

#include <QString>

#include <functional>

class QMenu;

namespace entente {

struct EntityRef;

// Adds the corrections of an entity (called `name`) to a menu: the Entities pane's merge, rename, change kind and
// alias. The window gives it to the panes that show entities elsewhere (the Reader, the charts), so that every
// correction is made one way.
using EntityEditActions = std::function<void(QMenu *menu, const EntityRef &entity, const QString &name)>;

} // namespace entente

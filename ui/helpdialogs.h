#pragma once

#include <QList>
#include <QString>

class QAction;
class QDialog;
class QWidget;

namespace entente {

// The Help menu's windows: the User Guide (resources/help/guide.html, compiled in), the keyboard shortcuts of
// the window's own actions (so that the list never drifts from the keys), and the About text with the version,
// the licence and the credits of the data the extraction is built from.
namespace help {

// A window with the User Guide; owned by `parent`, not modal.
QDialog *showGuide(QWidget *parent);
// A window listing every action of `actions` that has a shortcut, by menu order; owned by `parent`.
QDialog *showShortcuts(QWidget *parent, const QList<QAction *> &actions);
// About Entente, as rich text.
[[nodiscard]] QString aboutText();

} // namespace help

} // namespace entente

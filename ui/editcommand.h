#pragma once

#include "edit.h"

#include <QUndoCommand>

#include <functional>

namespace entente {

// One edit of the open store on the window's QUndoStack: redo() applies it (the first time it stores it) and
// undo() puts back what it changed, each through a Store of its own opened writable on the file (or a connection to
// the server that may write: Store::openForEdits()), since the panes read through read-only connections. After each,
// `done` is told what failed (empty when nothing did) so that the window has its panes read the store again. An edit
// the store refuses (its entity is not there) makes the command obsolete: QUndoStack::push() then drops it.
//
//     stack->push(new EditCommand(path, Edit::renameEntity(kind, key, name), [this](const QString &error) {...}));
class EditCommand : public QUndoCommand
{
public:
    // Make: a new edit. TakeBack: an edit of the store (of an earlier session, say) undone, and redone on undo.
    // ApplyAgain: an undone one redone.
    enum class Mode { Make, TakeBack, ApplyAgain };

    EditCommand(const QString &storePath, const Edit &edit, std::function<void(const QString &error)> done,
        Mode mode = Mode::Make);

    void redo() override;
    void undo() override;

    [[nodiscard]] const Edit &edit() const { return m_edit; }

private:
    QString m_path;
    Edit m_edit;
    std::function<void(const QString &error)> m_done;
    Mode m_mode = Mode::Make;
    bool m_doneOnce = false;
};

} // namespace entente

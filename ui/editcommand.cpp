#include "editcommand.h"

#include "editlog.h"
#include "store.h"

namespace entente {

EditCommand::EditCommand(
    const QString &storePath, const Edit &edit, std::function<void(const QString &)> done, Mode mode)
    : m_path(storePath)
    , m_edit(edit)
    , m_done(std::move(done))
    , m_mode(mode)
{
    switch (mode) {
    case Mode::Make:
        setText(edit.description());
        break;
    case Mode::TakeBack:
        setText(QObject::tr("Take back: %1").arg(edit.description()));
        break;
    case Mode::ApplyAgain:
        setText(QObject::tr("Apply again: %1").arg(edit.description()));
        break;
    }
}

void EditCommand::redo()
{
    QString error;
    Store store;
    bool ok = store.openForEdits(m_path, &error);
    if (ok) {
        EditLog log(&store);
        if (m_mode == Mode::TakeBack)
            ok = log.undo(m_edit.id, &error);
        else
            ok = m_edit.id == 0 ? log.add(&m_edit, &error) : log.redo(m_edit.id, &error);
    }
    // What the first redo() could not do never goes on the stack.
    if (!ok && (m_edit.id == 0 || !m_doneOnce))
        setObsolete(true);
    m_doneOnce = true;
    m_done(ok ? QString() : error);
}

void EditCommand::undo()
{
    QString error;
    Store store;
    bool ok = store.openForEdits(m_path, &error);
    if (ok) {
        EditLog log(&store);
        ok = m_mode == Mode::TakeBack ? log.redo(m_edit.id, &error) : log.undo(m_edit.id, &error);
    }
    m_done(ok ? QString() : error);
}

} // namespace entente

#include "editcommand.h"

#include "editlog.h"
#include "store.h"

namespace entente {

EditCommand::EditCommand(const QString &storePath, const Edit &edit, std::function<void(const QString &)> done)
    : m_path(storePath)
    , m_edit(edit)
    , m_done(std::move(done))
{
    setText(edit.description());
}

void EditCommand::redo()
{
    QString error;
    Store store;
    bool ok = store.open(m_path, Store::OpenMode::ExistingOnly, &error);
    if (ok) {
        EditLog log(&store);
        ok = m_edit.id == 0 ? log.add(&m_edit, &error) : log.redo(m_edit.id, &error);
    }
    if (!ok && m_edit.id == 0)
        setObsolete(true);
    m_done(ok ? QString() : error);
}

void EditCommand::undo()
{
    QString error;
    Store store;
    bool ok = store.open(m_path, Store::OpenMode::ExistingOnly, &error);
    if (ok)
        ok = EditLog(&store).undo(m_edit.id, &error);
    m_done(ok ? QString() : error);
}

} // namespace entente

#pragma once

#include "edit.h"

#include <QList>
#include <QSqlDatabase>

namespace entente {

class Store;

// The user's corrections of a store (schema 4: the edits table), and how they take effect.
//
// Edits apply on top of extraction, and the edits table is the truth: applying an edit rewrites the derived rows
// it concerns (a merge points the mentions of one entity at another and, for a country or an organisation, the
// relations' parties and the articles' ranked countries too; a rejected relation is deleted; a tone is rewritten
// with the sign of its Goldstein score) and keeps in edit_undo exactly what it overwrote. Every reader (the
// item models, the CorpusCube, every pane, the exports and `entente chart`) thus counts with the edits without
// knowing of them: their queries stay as they were. An import adds rows as the extraction found them; the batch
// that adds them applies the stored edits again before it commits (Store::commitBatch), to the rows that do not
// show them yet, so that the edits survive it and no reader ever sees the new rows uncorrected. Edits name what
// they change by stable keys (Edit), so that an edit list can be applied to another store as well.
//
// Undo puts back what an edit overwrote, newest first, and marks it undone; redo applies it again. Undo is
// exact for the edit applied last (what QUndoStack asks); an earlier edit undone before a later one that touched
// the same rows would put back values the later one had changed.
//
// Every change bumps edit_generation, which CorpusCube::Stamp reads: an UPDATE changes no id and no count.
//
//     Store store;
//     store.open(path, Store::OpenMode::ExistingOnly, &error);
//     EditLog log(&store);
//     Edit merge = Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("SUN"), QStringLiteral("RUS"));
//     if (log.add(&merge, &error)) ... log.undo(merge.id, &error);
class EditLog
{
public:
    // On a store opened writable (a read-only one refuses every write with an error).
    explicit EditLog(const Store *store);

    // Stores `edit` and applies it, in one transaction; sets edit->id and edit->madeAt. A relation named by
    // its article's id gets the article's hash in its place. False, with nothing written, when the store has
    // no such entity or relation or cannot be written.
    bool add(Edit *edit, QString *error = nullptr);
    // Puts back what edit `id` overwrote and marks it undone.
    bool undo(qint64 id, QString *error = nullptr);
    // Applies an undone edit again.
    bool redo(qint64 id, QString *error = nullptr);
    // Every stored edit, oldest first, undone ones too.
    [[nodiscard]] QList<Edit> edits() const;

    // The edits that hold (the undone ones left out), oldest first, as a file that another store can take (one
    // team member's corrections for another's store): JSON, {"entente-edits": 1, "edits": [{"kind": ...,
    // "args": {...}, "made": ISO date}, ...]}.
    [[nodiscard]] QByteArray exportEdits() const;
    // Adds the edits of such a file, in order, but those this store holds already; each applies to what this store
    // has of what it names (an entity it lacks is passed over, as an import would). One transaction. The number of
    // edits added, or -1 with `error` set and nothing written (a file that is not an edit list says so, naming
    // `fileName`).
    int importEdits(const QByteArray &file, const QString &fileName, QString *error = nullptr);

    // The view option "count predecessor and successor states as one": a merge of each former state into the state
    // that continued it (Gazetteer::successorStates()), marked as the option's (isSuccessorStateMerge()). Such a
    // merge is stored even where the store has neither state yet, so that it holds for what a later import adds.
    [[nodiscard]] static QList<Edit> successorStateMerges();
    [[nodiscard]] static bool isSuccessorStateMerge(const Edit &edit);

    // Applies every edit that is not undone, oldest first, to the rows that do not show it yet (what an import
    // added). Inside the caller's transaction; nothing to do on a store without edits. `why` says what failed.
    // With `firstArticle`..`lastArticle` (the ids a batch added), an alias looks for its text in those articles
    // only: it has been applied to the others before.
    static bool applyAll(const QSqlDatabase &db, QString *why, qint64 firstArticle = 0, qint64 lastArticle = -1);

private:
    QSqlDatabase m_db;
    QString m_path;
};

} // namespace entente

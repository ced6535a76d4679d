#pragma once

#include <QList>
#include <QSet>

#include <optional>

namespace entente {

// A run of rows a refreshed list inserts: `count` rows from `row`, the row the first has in the new list.
struct RowRun
{
    int row = 0;
    int count = 0;
};

// How a list keyed by `old` grows into the list keyed by `fresh` by insertions alone, as a model tells its views
// after an import: the runs of keys `old` lacks, in increasing order, each at its row in `fresh`, so that inserting
// them one after the other turns `old` into `fresh` with every old row kept (and the views' selection, expansion and
// scroll position with it). None when a key of `old` went away or moved: then only a reset will do.
//
//     const auto runs = insertionRuns(oldIds, freshIds);
//     for (const RowRun &run : *runs) { beginInsertRows({}, run.row, run.row + run.count - 1); ...; endInsertRows(); }
template<typename Key>
[[nodiscard]] std::optional<QList<RowRun>> insertionRuns(const QList<Key> &old, const QList<Key> &fresh)
{
    const QSet<Key> oldKeys(old.cbegin(), old.cend());
    QList<RowRun> runs;
    qsizetype next = 0; // the old key expected next
    for (qsizetype row = 0; row < fresh.size(); ++row) {
        const Key &key = fresh.at(row);
        if (next < old.size() && key == old.at(next)) {
            ++next;
            continue;
        }
        if (oldKeys.contains(key))
            return std::nullopt; // an old row moved
        if (!runs.isEmpty() && runs.last().row + runs.last().count == row)
            ++runs.last().count;
        else
            runs.append({ int(row), 1 });
    }
    if (next != old.size())
        return std::nullopt; // an old row went away
    return runs;
}

} // namespace entente

#pragma once

#include "filereader.h"

namespace entente {

// Readers of files that hold many articles as records: JSON (an array of objects, one object,
// or JSON Lines content), JSON Lines, and CSV/TSV with a header row. Fields are named as
// recordFieldForKey() knows them. A broken record gives a message naming its line; the other
// records still import.
void readJson(const QString &text, const QString &path, FileReadResult &out);
void readJsonLines(const QString &text, const QString &path, FileReadResult &out);
// `delimiter`: ',' or '\t'; a CSV whose header splits better on ';' is read with ';'.
void readDelimited(const QString &text, const QString &path, QChar delimiter, FileReadResult &out);

} // namespace entente

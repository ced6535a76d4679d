#pragma once

#include <QStringList>

namespace entente {

// The statements that bring a store from schema version `version - 1` to `version`.
// Version 1 is the first schema; a later version appends a step here and never edits an
// earlier one, so that every store ever written can be brought up to date.
[[nodiscard]] QStringList migrationSteps(int version);

// The statements that end the upgrade to `version`, after the data of the old tables has been carried over
// (Store::migrate): for 3, the sentence rows packed into sentence_spans, the old table goes.
[[nodiscard]] QStringList migrationCleanup(int version);

} // namespace entente

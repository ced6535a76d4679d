#pragma once

#include <QStringList>

namespace entente {

// The statements that bring a store from schema version `version - 1` to `version`.
// Version 1 is the first schema; a later version appends a step here and never edits an
// earlier one, so that every store ever written can be brought up to date.
[[nodiscard]] QStringList migrationSteps(int version);

} // namespace entente

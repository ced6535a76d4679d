#pragma once

#include <QString>

namespace entente {

// The short English name of a country or former state by its ISO 3166-1 alpha-3 code (and the
// codes the UN General Debate corpus uses for states that no longer exist: CSK, DDR, YMD, YUG,
// SUN). Empty when unknown. Only for display names of speeches; the extraction keeps its own
// gazetteer.
[[nodiscard]] QString countryNameForCode(const QString &alpha3);

} // namespace entente

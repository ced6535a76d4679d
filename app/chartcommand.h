#pragma once

#include <QStringList>

namespace entente {

// `entente chart`: draws the Relations, Network or Timeline chart of a store into a PNG, SVG
// or PDF file (and its data into CSV) without a window. Needs a QApplication (widgets draw
// the charts); main() makes one on the offscreen platform when there is no display.
// `args` starts with "chart".
int chartCommand(const QStringList &args);

} // namespace entente

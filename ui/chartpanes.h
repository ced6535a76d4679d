#pragma once

namespace entente {

// The chart side of the window: Relations with its Evidence list, Network and Timeline, and
// chart export. MainWindow::createChartPanes() builds them; they follow the shared Selection
// and MainWindow::storeChanged.
struct ChartPanes
{
};

} // namespace entente

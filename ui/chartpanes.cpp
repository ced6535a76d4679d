// MainWindow's chart panes: Relations, Evidence, Network, Timeline.
#include "chartpanes.h"

#include "mainwindow.h"

namespace entente {

void MainWindow::createChartPanes()
{
    m_charts = std::make_unique<ChartPanes>();
}

} // namespace entente

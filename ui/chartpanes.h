#pragma once

class QDockWidget;
class QLabel;
class QToolButton;

namespace entente {

class EvidencePane;
class NetworkPane;
class RelationsPane;
class TimelinePane;

// The chart side of the window: Relations with its Evidence list, Network and Timeline, and
// chart export. MainWindow::createChartPanes() builds them; they follow the shared Selection
// and MainWindow::storeChanged (another store) and storeGrew (an import added to it).
struct ChartPanes
{
    RelationsPane *relations = nullptr;
    EvidencePane *evidence = nullptr;
    NetworkPane *network = nullptr;
    TimelinePane *timeline = nullptr;
    QDockWidget *relationsDock = nullptr;
    QDockWidget *evidenceDock = nullptr;
    QDockWidget *networkDock = nullptr;
    QDockWidget *timelineDock = nullptr;
    // The year range filter in the status bar, with a button that clears it.
    QLabel *yearRangeLabel = nullptr;
    QToolButton *clearYearRange = nullptr;
};

} // namespace entente

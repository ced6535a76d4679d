#pragma once

#include <QObject>

#include <memory>

class QDockWidget;
class QLabel;
class QMainWindow;
class QMenu;
class QToolButton;

namespace entente {

class EvidencePane;
class NetworkPane;
class RelationsPane;
class Selection;
class StoreSession;
class TimelinePane;

// The chart side of the window: Relations with its Evidence list, Network and Timeline, docked into the window it is
// given, with their exports in File > Export and the year range they filter by in the status bar. They follow the
// shared Selection; the window hands them its store (setSession) and tells them when it grew.
class ChartPanes : public QObject
{
    Q_OBJECT

public:
    ChartPanes(QMainWindow *window, Selection *selection, QMenu *exportMenu);

    // Another store (none: the charts let go of the store). The first focus is chosen before.
    void setSession(const std::shared_ptr<StoreSession> &session);
    // An import or an edit added to the store: the charts count again, for the same focus and years.
    void storeGrew();

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

private:
    std::shared_ptr<StoreSession> m_session;
};

} // namespace entente

#include "chartpanes.h"

#include "chartexport.h"
#include "evidencepane.h"
#include "networkmodel.h"
#include "networkpane.h"
#include "relationspane.h"
#include "selection.h"
#include "storesession.h"
#include "timelinepane.h"

#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>
#include <QToolButton>

namespace entente {

ChartPanes::ChartPanes(QMainWindow *window, Selection *selection, QMenu *exportMenu)
    : QObject(window)
{
    relations = new RelationsPane(selection, window);
    evidence = new EvidencePane(selection, window);
    network = new NetworkPane(selection, window);
    timeline = new TimelinePane(selection, window);

    auto makeDock = [window](QWidget *pane, const QString &title, const QString &name, const QString &tip) {
        auto *dock = new QDockWidget(title, window);
        dock->setObjectName(name);
        dock->setWidget(pane);
        dock->toggleViewAction()->setStatusTip(tip);
        return dock;
    };
    relationsDock = makeDock(
        relations, tr("Relations"), QStringLiteral("relationsDock"), tr("Show or hide the focused country's partners"));
    evidenceDock = makeDock(evidence, tr("Evidence"), QStringLiteral("evidenceDock"),
        tr("Show or hide the sentences behind the selected pair"));
    timelineDock = makeDock(timeline, tr("Timeline"), QStringLiteral("timelineDock"),
        tr("Show or hide the articles and relations per year"));
    networkDock
        = makeDock(network, tr("Network"), QStringLiteral("networkDock"), tr("Show or hide the network of countries"));
    window->addDockWidget(Qt::RightDockWidgetArea, relationsDock);
    window->splitDockWidget(relationsDock, evidenceDock, Qt::Vertical);
    window->addDockWidget(Qt::BottomDockWidgetArea, timelineDock);
    window->splitDockWidget(timelineDock, networkDock, Qt::Horizontal);
    // The chart needs a line per bar for its names; the Evidence list scrolls.
    window->resizeDocks({ relationsDock, evidenceDock }, { 2, 1 }, Qt::Vertical);
    window->resizeDocks({ timelineDock, networkDock }, { 3, 2 }, Qt::Horizontal);
    connect(selection, &Selection::pairChanged, this, [this, window, selection] {
        const QList<QDockWidget *> tabs = window->tabifiedDockWidgets(evidenceDock);
        if (selection->hasPair() && !tabs.isEmpty() && !tabs.contains(relationsDock))
            evidenceDock->raise();
    });

    // File > Export: one submenu per chart.
    const std::pair<const ExportableChart *, QString> charts[]
        = { { relations, tr("&Relations Chart") }, { network, tr("&Network") }, { timeline, tr("&Timeline") } };
    for (const auto &[chart, title] : charts) {
        QMenu *menu = exportMenu->addMenu(title);
        ChartExport::addActions(menu, chart, window);
        if (chart == network) {
            menu->addSeparator();
            QAction *graph = menu->addAction(
                tr("Network for &Gephi (GEXF, GraphML)…"), network, &NetworkPane::exportGraphInteractively);
            graph->setStatusTip(tr("Save the network as the pane filters it, with each edge's relations by tone and "
                                   "year and each node's community, for Gephi or another graph tool"));
        }
    }

    // The year range, shown while it filters, with a way out.
    yearRangeLabel = new QLabel(window);
    yearRangeLabel->setObjectName(QStringLiteral("yearRangeLabel"));
    clearYearRange = new QToolButton(window);
    clearYearRange->setObjectName(QStringLiteral("clearYearRange"));
    clearYearRange->setText(tr("Show all years"));
    clearYearRange->setAutoRaise(true);
    clearYearRange->setToolTip(tr("Stop filtering by year"));
    window->statusBar()->addPermanentWidget(yearRangeLabel);
    window->statusBar()->addPermanentWidget(clearYearRange);
    auto showRange = [this](int from, int to) {
        const bool on = from != 0;
        yearRangeLabel->setText(!on ? QString()
                : from == to        ? tr("Year %1").arg(from)
                                    : tr("Years %1–%2").arg(from).arg(to));
        yearRangeLabel->setVisible(on);
        clearYearRange->setVisible(on);
    };
    connect(clearYearRange, &QToolButton::clicked, selection, &Selection::clearYearRange);
    connect(selection, &Selection::yearRangeChanged, this, showRange);
    showRange(0, 0);
}

void ChartPanes::setSession(const std::shared_ptr<StoreSession> &session)
{
    m_session = session;
    relations->setSession(session);
    evidence->setSession(session);
    network->setSession(session);
    timeline->setSession(session);
}

void ChartPanes::storeGrew()
{
    // The same session again makes each model read the store's new stamp (its CorpusCubeLink) and count again, as
    // a focus change does; the Evidence list keeps its pick, the Network its nodes where they were.
    relations->setSession(m_session);
    evidence->setSession(m_session);
    network->refresh();
    timeline->setSession(m_session);
}

} // namespace entente

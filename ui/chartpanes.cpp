// MainWindow's chart panes: Relations, Evidence, Network, Timeline.
#include "chartpanes.h"

#include "chartexport.h"
#include "evidencepane.h"
#include "mainwindow.h"
#include "networkmodel.h"
#include "networkpane.h"
#include "relationspane.h"
#include "selection.h"
#include "storesession.h"
#include "timelinepane.h"

#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>
#include <QToolButton>

namespace entente {

void MainWindow::createChartPanes()
{
    m_charts = std::make_unique<ChartPanes>();
    ChartPanes &c = *m_charts;
    c.relations = new RelationsPane(m_selection, this);
    c.evidence = new EvidencePane(m_selection, this);
    c.network = new NetworkPane(m_selection, this);
    c.timeline = new TimelinePane(m_selection, this);

    auto makeDock = [this](QWidget *pane, const QString &title, const QString &name, const QString &tip) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        dock->setWidget(pane);
        dock->toggleViewAction()->setStatusTip(tip);
        return dock;
    };
    c.relationsDock = makeDock(c.relations, tr("Relations"), QStringLiteral("relationsDock"),
        tr("Show or hide the focused country's partners"));
    c.evidenceDock = makeDock(c.evidence, tr("Evidence"), QStringLiteral("evidenceDock"),
        tr("Show or hide the sentences behind the selected pair"));
    c.timelineDock = makeDock(c.timeline, tr("Timeline"), QStringLiteral("timelineDock"),
        tr("Show or hide the articles and relations per year"));
    c.networkDock = makeDock(
        c.network, tr("Network"), QStringLiteral("networkDock"), tr("Show or hide the network of countries"));
    addDockWidget(Qt::RightDockWidgetArea, c.relationsDock);
    splitDockWidget(c.relationsDock, c.evidenceDock, Qt::Vertical);
    addDockWidget(Qt::BottomDockWidgetArea, c.timelineDock);
    splitDockWidget(c.timelineDock, c.networkDock, Qt::Horizontal);
    // The chart needs a line per bar for its names; the Evidence list scrolls.
    resizeDocks({ c.relationsDock, c.evidenceDock }, { 2, 1 }, Qt::Vertical);
    resizeDocks({ c.timelineDock, c.networkDock }, { 3, 2 }, Qt::Horizontal);
    connect(m_selection, &Selection::pairChanged, this, [this] {
        ChartPanes &p = *m_charts;
        const QList<QDockWidget *> tabs = tabifiedDockWidgets(p.evidenceDock);
        if (m_selection->hasPair() && !tabs.isEmpty() && !tabs.contains(p.relationsDock))
            p.evidenceDock->raise();
    });

    // File > Export: one submenu per chart.
    const std::pair<const ExportableChart *, QString> charts[]
        = { { c.relations, tr("&Relations Chart") }, { c.network, tr("&Network") }, { c.timeline, tr("&Timeline") } };
    for (const auto &[chart, title] : charts) {
        QMenu *menu = m_exportMenu->addMenu(title);
        ChartExport::addActions(menu, chart, this);
        if (chart == c.network) {
            menu->addSeparator();
            QAction *graph = menu->addAction(
                tr("Network for &Gephi (GEXF, GraphML)…"), c.network, &NetworkPane::exportGraphInteractively);
            graph->setStatusTip(tr("Save the network as the pane filters it, with each edge's relations by tone and "
                                   "year and each node's community, for Gephi or another graph tool"));
        }
    }

    // The year range, shown while it filters, with a way out.
    c.yearRangeLabel = new QLabel(this);
    c.yearRangeLabel->setObjectName(QStringLiteral("yearRangeLabel"));
    c.clearYearRange = new QToolButton(this);
    c.clearYearRange->setObjectName(QStringLiteral("clearYearRange"));
    c.clearYearRange->setText(tr("Show all years"));
    c.clearYearRange->setAutoRaise(true);
    c.clearYearRange->setToolTip(tr("Stop filtering by year"));
    statusBar()->addPermanentWidget(c.yearRangeLabel);
    statusBar()->addPermanentWidget(c.clearYearRange);
    auto showRange = [this](int from, int to) {
        ChartPanes &p = *m_charts;
        const bool on = from != 0;
        p.yearRangeLabel->setText(!on ? QString()
                : from == to          ? tr("Year %1").arg(from)
                                      : tr("Years %1–%2").arg(from).arg(to));
        p.yearRangeLabel->setVisible(on);
        p.clearYearRange->setVisible(on);
    };
    connect(c.clearYearRange, &QToolButton::clicked, m_selection, &Selection::clearYearRange);
    connect(m_selection, &Selection::yearRangeChanged, this, showRange);
    showRange(0, 0);

    const auto read = [this](const std::shared_ptr<StoreSession> &session) {
        ChartPanes &p = *m_charts;
        p.relations->setSession(session);
        p.evidence->setSession(session);
        p.network->setSession(session);
        p.timeline->setSession(session);
    };
    // The first focus was set before any pane read the store: see createReadingPanes().
    connect(this, &MainWindow::storeChanged, this,
        [this, read](const QString &path) { read(path.isEmpty() ? nullptr : m_session); });
    // After an import the charts count again for the same focus and years: the same session again makes each model
    // read the store's new stamp (its CorpusCubeLink) and reload, as a focus change does.
    connect(this, &MainWindow::storeGrew, this, [this, read] { read(m_session); });
}

} // namespace entente

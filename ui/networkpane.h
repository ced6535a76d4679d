#pragma once

#include <memory>

#include "entityeditactions.h"
#include "exportablechart.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace entente {

class StoreSession;
class NetworkModel;
class NetworkView;
class Selection;
struct NetworkFilter;

// The Network pane: the most-mentioned countries (and organisations, if asked) and the relations
// among them (NetworkView), coloured by community, following the focus and the year range;
// clicking a node focuses it. Its filters (top N, tone, organisations, minimum relations per
// edge and partners per node) are remembered (QSettings "network/..."); its export for Gephi
// writes the network under the same filters.
class NetworkPane : public QWidget, public ExportableChart
{
    Q_OBJECT

public:
    explicit NetworkPane(Selection *selection, QWidget *parent = nullptr);

    void setSession(std::shared_ptr<StoreSession> session);
    // The store grew or was corrected: counted again, the nodes staying where they were (NetworkModel::refresh()).
    void refresh();
    [[nodiscard]] QSize sizeHint() const override;
    // Top N: how many bars (nodes) to draw.
    void setLimit(int limit);
    // The filters, as the pane's controls would set them (the limit and the years aside).
    void setFilter(const NetworkFilter &filter);
    [[nodiscard]] NetworkModel *model() const { return m_model; }
    // The corrections of a node's entity, offered in the context menu over it.
    void setEntityEditActions(EntityEditActions actions) { m_entityEditActions = std::move(actions); }
    [[nodiscard]] NetworkView *view() const { return m_view; }

    // The store's network of relations under the pane's filters (top N, years, tone, organisations, minima: the
    // nodes and edges the pane shows) for Gephi (.gexf) or other graph tools (.graphml), by the file's extension;
    // false with `error` set when it cannot.
    bool writeGraph(const QString &path, QString *error) const;
    // The same, to a file the user picks.
    void exportGraphInteractively();

    [[nodiscard]] QString chartName() const override;
    void renderChart(QPainter *painter, const QRectF &target) const override;
    [[nodiscard]] QString chartCsv() const override;
    [[nodiscard]] bool isWaiting() const override;

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // What the pane and its exports say in place of a network with no node; empty when there is one.
    [[nodiscard]] QString emptyNote() const;
    void applyFilter(bool remember); // from the controls to the model, and the settings if `remember`
    void updateLegend();
    void fitLegend(); // as much of the legend as one line holds

    Selection *m_selection = nullptr;
    NetworkModel *m_model = nullptr;
    EntityEditActions m_entityEditActions;
    NetworkView *m_view = nullptr;
    QSpinBox *m_limit = nullptr;
    QComboBox *m_tone = nullptr;
    QCheckBox *m_organisations = nullptr;
    QSlider *m_minWeight = nullptr;
    QSlider *m_minDegree = nullptr;
    QLabel *m_minWeightValue = nullptr;
    QLabel *m_minDegreeValue = nullptr;
    QLabel *m_legend = nullptr;
    QStringList m_legendItems; // rich text: the tone key, then one per community
    int m_legendCommunities = 0;
    std::shared_ptr<StoreSession> m_session;
    QString m_storeName; // the store's file name, for exports' captions
};

} // namespace entente

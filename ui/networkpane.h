#pragma once

#include <memory>

#include "exportablechart.h"

#include <QWidget>

class QSpinBox;

namespace entente {

class StoreSession;
class NetworkModel;
class NetworkView;
class Selection;

// The Network pane: the most-mentioned countries and the relations among them (NetworkView),
// top N adjustable, following the focus and the year range; clicking a node focuses it.
class NetworkPane : public QWidget, public ExportableChart
{
    Q_OBJECT

public:
    explicit NetworkPane(Selection *selection, QWidget *parent = nullptr);

    void setSession(std::shared_ptr<StoreSession> session);
    [[nodiscard]] QSize sizeHint() const override;
    // Top N: how many bars (nodes) to draw.
    void setLimit(int limit);
    [[nodiscard]] NetworkModel *model() const { return m_model; }
    [[nodiscard]] NetworkView *view() const { return m_view; }

    // The store's whole network of relations for Gephi (.gexf) or other graph tools (.graphml), by the file's
    // extension; false with `error` set when it cannot.
    bool writeGraph(const QString &path, QString *error) const;
    // The same, to a file the user picks.
    void exportGraphInteractively();

    [[nodiscard]] QString chartName() const override;
    void renderChart(QPainter *painter, const QRectF &target) const override;
    [[nodiscard]] QString chartCsv() const override;

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    Selection *m_selection = nullptr;
    NetworkModel *m_model = nullptr;
    NetworkView *m_view = nullptr;
    QSpinBox *m_limit = nullptr;
    std::shared_ptr<StoreSession> m_session;
    QString m_storeName; // the store's file name, for exports' captions
};

} // namespace entente

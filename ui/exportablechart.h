#pragma once

#include <QRectF>
#include <QSize>
#include <QString>

class QPainter;

namespace entente {

// A chart that can be exported: drawn at any size into any paint device (image, SVG, PDF),
// and the data behind it as CSV. The chart panes implement it; ChartExport writes the files.
class ExportableChart
{
public:
    virtual ~ExportableChart() = default;

    // A short name for file names and menus ("relations").
    [[nodiscard]] virtual QString chartName() const = 0;
    // Draws the whole chart into `target` (the painter's logical coordinates), light theme,
    // independent of what is on screen.
    virtual void renderChart(QPainter *painter, const QRectF &target) const = 0;
    [[nodiscard]] virtual QString chartCsv() const = 0;
    // The pane waits for its worker's answer and shows its previous content meanwhile: an export waits too
    // (ChartExport::whenSettled()).
    [[nodiscard]] virtual bool isWaiting() const { return false; }
};

} // namespace entente

#pragma once

#include <QImage>
#include <QSize>
#include <QString>

#include <functional>

class QChart;
class QMenu;
class QPainter;
class QRectF;
class QWidget;

namespace entente {

class ExportableChart;

// Writes charts to files: PNG (any size and DPI), SVG, PDF, and the data as CSV. Files are
// written atomically (QSaveFile): a failed export never leaves half a file. The static
// functions take no dialog and are what tests and `entente chart` call; addActions() adds the
// interactive versions (file dialog, size dialog) to a menu.
//
//     ChartExport::write(*pane, QStringLiteral("out.svg"), {1600, 1000});
class ChartExport
{
public:
    enum class Format { Png, Svg, Pdf, Csv, Unknown };

    [[nodiscard]] static Format formatOf(const QString &path);
    // The chart as an image of `pixels`, drawn as at `dpi` (96: one logical pixel per pixel,
    // 192: everything twice as large and sharp). The DPI is recorded in the image.
    [[nodiscard]] static QImage image(const ExportableChart &chart, const QSize &pixels, int dpi = 96);
    // Writes in the format of the file's extension: .png, .svg, .pdf, or .csv (the data).
    static bool write(
        const ExportableChart &chart, const QString &path, const QSize &size, int dpi = 96, QString *error = nullptr);
    static bool writeCsv(const ExportableChart &chart, const QString &path, QString *error = nullptr);

    // Export PNG…, SVG…, PDF…, Copy Image and Export Data (CSV)… for `chart`, with dialogs
    // parented to `parent`. Each exports what the chart shows once its worker's answer is in.
    static void addActions(QMenu *menu, const ExportableChart *chart, QWidget *parent);

    // Draws `chart`, which is on no view, laid out at the size of `target`; deletes it after. `after`, if given, is
    // called with the chart laid out and drawn (its coordinates start at target's top left), to draw over it.
    static void renderOffscreen(
        QChart *chart, QPainter *painter, const QRectF &target, const std::function<void(QChart *)> &after = {});

    // Calls `act` (in `context`'s thread) once `chart` is not waiting for its worker: at once if it is not. The
    // window stays live meanwhile. Nothing is called if `context` goes first.
    static void whenSettled(const ExportableChart *chart, QObject *context, std::function<void()> act);

private:
    static void exportInteractively(const ExportableChart *chart, Format format, QWidget *parent);
};

} // namespace entente

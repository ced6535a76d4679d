#include "chartexport.h"

#include "exportablechart.h"
#include "exportdialog.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QChart>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTimer>

namespace entente {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool saveAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, QObject::tr("cannot write %1: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(error, QObject::tr("cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

QSize defaultSize(const ExportableChart *chart)
{
    // What is on screen, unless the pane is hidden or tiny.
    if (const auto *w = dynamic_cast<const QWidget *>(chart); w && w->width() >= 400 && w->height() >= 300)
        return w->size();
    return { 1600, 1000 };
}

} // namespace

ChartExport::Format ChartExport::formatOf(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png")
        return Format::Png;
    if (suffix == u"svg")
        return Format::Svg;
    if (suffix == u"pdf")
        return Format::Pdf;
    if (suffix == u"csv")
        return Format::Csv;
    return Format::Unknown;
}

QImage ChartExport::image(const ExportableChart &chart, const QSize &pixels, int dpi)
{
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    dpi = std::clamp(dpi, 24, 1200);
    const int dotsPerMeter = qRound(dpi / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    // Draw in logical pixels of 1/96 inch: a higher DPI draws the same picture larger and finer.
    const qreal scale = qreal(dpi) / 96.0;
    painter.scale(scale, scale);
    chart.renderChart(&painter, QRectF(0, 0, pixels.width() / scale, pixels.height() / scale));
    painter.end();
    return image;
}

bool ChartExport::write(const ExportableChart &chart, const QString &path, const QSize &size, int dpi, QString *error)
{
    if (size.width() < 16 || size.height() < 16 || size.width() > 20000 || size.height() > 20000)
        return fail(error, QObject::tr("size %1x%2 is out of range").arg(size.width()).arg(size.height()));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    switch (formatOf(path)) {
    case Format::Csv:
        return writeCsv(chart, path, error);
    case Format::Png: {
        const QImage img = image(chart, size, dpi);
        if (img.isNull() || !img.save(&buffer, "PNG"))
            return fail(error, QObject::tr("cannot draw a %1x%2 image").arg(size.width()).arg(size.height()));
        break;
    }
    case Format::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(chart.chartName());
        svg.setDescription(QObject::tr("Entente chart"));
        QPainter painter(&svg);
        painter.setRenderHint(QPainter::Antialiasing);
        chart.renderChart(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
        painter.end();
        break;
    }
    case Format::Pdf: {
        QPdfWriter pdf(&buffer);
        pdf.setCreator(QStringLiteral("Entente"));
        pdf.setTitle(chart.chartName());
        // One page the size of the chart: `size` in 1/96 inch.
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / 96.0, size.height() * 72.0 / 96.0), QPageSize::Point,
            QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&pdf);
        painter.setRenderHint(QPainter::Antialiasing);
        chart.renderChart(&painter, QRectF(0, 0, pdf.width(), pdf.height()));
        painter.end();
        break;
    }
    case Format::Unknown:
        return fail(error, QObject::tr("%1: unknown format; use .png, .svg, .pdf or .csv").arg(path));
    }
    buffer.close();
    if (bytes.isEmpty())
        return fail(error, QObject::tr("nothing was drawn for %1").arg(path));
    return saveAtomically(path, bytes, error);
}

bool ChartExport::writeCsv(const ExportableChart &chart, const QString &path, QString *error)
{
    return saveAtomically(path, chart.chartCsv().toUtf8(), error);
}

void ChartExport::addActions(QMenu *menu, const ExportableChart *chart, QWidget *parent)
{
    const auto settled = [chart, parent](std::function<void()> act) {
        return [chart, parent, act = std::move(act)] { whenSettled(chart, parent, act); };
    };
    QAction *png = menu->addAction(QObject::tr("Export as &PNG…"), parent,
        settled([chart, parent] { exportInteractively(chart, Format::Png, parent); }));
    png->setStatusTip(QObject::tr("Save the chart as a PNG image of a chosen size and resolution"));
    QAction *svg = menu->addAction(QObject::tr("Export as &SVG…"), parent,
        settled([chart, parent] { exportInteractively(chart, Format::Svg, parent); }));
    svg->setStatusTip(QObject::tr("Save the chart as scalable vector graphics"));
    QAction *pdf = menu->addAction(QObject::tr("Export as P&DF…"), parent,
        settled([chart, parent] { exportInteractively(chart, Format::Pdf, parent); }));
    pdf->setStatusTip(QObject::tr("Save the chart as a one-page PDF"));
    QAction *copy = menu->addAction(QObject::tr("&Copy Image"), parent,
        settled([chart] { QApplication::clipboard()->setImage(image(*chart, defaultSize(chart))); }));
    copy->setStatusTip(QObject::tr("Copy the chart to the clipboard as an image"));
    QAction *csv = menu->addAction(QObject::tr("Export &Data (CSV)…"), parent,
        settled([chart, parent] { exportInteractively(chart, Format::Csv, parent); }));
    csv->setStatusTip(QObject::tr("Save the numbers behind the chart as a CSV table"));
}

void ChartExport::whenSettled(const ExportableChart *chart, QObject *context, std::function<void()> act)
{
    if (!chart->isWaiting()) {
        act();
        return;
    }
    // The models tell their panes, not the exporter: a look every 20 ms, the event loop running between.
    auto *timer = new QTimer(context);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, context, [timer, chart, act = std::move(act)] {
        if (chart->isWaiting())
            return;
        timer->stop();
        timer->deleteLater();
        act();
    });
    timer->start();
}

void ChartExport::renderOffscreen(
    QChart *chart, QPainter *painter, const QRectF &target, const std::function<void(QChart *)> &after)
{
    QGraphicsScene scene; // owns the chart from here on
    scene.addItem(chart);
    const QRectF area(QPointF(0, 0), target.size());
    scene.setSceneRect(area);
    chart->setGeometry(area);
    // A chart lays itself out when its layout is activated; on no view nobody would ask.
    if (chart->layout())
        chart->layout()->activate();
    scene.render(painter, target, area, Qt::IgnoreAspectRatio);
    if (after)
        after(chart);
}

void ChartExport::exportInteractively(const ExportableChart *chart, Format format, QWidget *parent)
{
    QString filter;
    QString suffix;
    switch (format) {
    case Format::Png:
        filter = QObject::tr("PNG images (*.png)");
        suffix = QStringLiteral("png");
        break;
    case Format::Svg:
        filter = QObject::tr("SVG drawings (*.svg)");
        suffix = QStringLiteral("svg");
        break;
    case Format::Pdf:
        filter = QObject::tr("PDF documents (*.pdf)");
        suffix = QStringLiteral("pdf");
        break;
    case Format::Csv:
    case Format::Unknown:
        filter = QObject::tr("CSV tables (*.csv)");
        suffix = QStringLiteral("csv");
        break;
    }
    QSize size = defaultSize(chart);
    int dpi = 96;
    if (format == Format::Png) {
        ExportDialog dialog(parent);
        dialog.setImageSize(size);
        dialog.setDpi(dpi);
        if (dialog.exec() != QDialog::Accepted)
            return;
        size = dialog.imageSize();
        dpi = dialog.dpi();
    }
    const QString suggested = QDir::home().filePath(chart->chartName() + u'.' + suffix);
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export Chart"), suggested, filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += u'.' + suffix;
    QString error;
    const bool ok = format == Format::Csv ? writeCsv(*chart, path, &error) : write(*chart, path, size, dpi, &error);
    if (!ok)
        QMessageBox::warning(parent, QObject::tr("Export Chart"), error);
}

} // namespace entente

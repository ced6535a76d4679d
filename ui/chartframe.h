#pragma once

#include <QColor>
#include <QFont>
#include <QList>
#include <QRectF>
#include <QString>

class QAbstractAxis;
class QChart;
class QPainter;

namespace entente {

// What an exported chart has around its plot, laid out inside the picture: a title and a caption above, the legend
// in as many rows as it needs below, and a note under that. Its fonts grow with the picture, so that a report's
// 1600×1000 reads like a screen and a small print export stays legible; the plot gets what is left.
//
//     ChartFrame frame(target, title, caption, {{tr("Cooperation"), green}, ...});
//     frame.paint(painter);
//     drawPlotInto(frame.plotArea(), frame.font());
class ChartFrame
{
public:
    struct Key
    {
        enum Shape { Box, Line };
        QString text;
        QColor color;
        Shape shape = Box;
    };

    ChartFrame(const QRectF &target, QString title, QString caption, QList<Key> keys, QString note = {});

    // The pixel size of body text in a picture of `size` logical pixels (1/96 inch): 16 at 1600×1000, in proportion
    // to the shorter side's share of that, never under 9 nor over 40.
    [[nodiscard]] static double textPixels(const QSizeF &size);

    [[nodiscard]] QFont font() const { return m_font; }
    [[nodiscard]] QFont titleFont() const;
    // Where the chart itself goes.
    [[nodiscard]] QRectF plotArea() const { return m_plot; }

    // Draws the title, caption, legend and note (not the plot) on a white ground.
    void paint(QPainter *painter) const;
    // Draws `text` in the middle of the plot area, in place of a chart with nothing to draw (as the panes say why in
    // place of empty axes).
    void paintInPlaceOfPlot(QPainter *painter, const QString &text) const;

    // Readies a Qt chart to be drawn into plotArea(): no title, legend or frame of its own (the frame has them).
    void style(QChart *chart) const;
    // An axis' labels in this frame's font, its title in bold.
    void styleAxis(QAbstractAxis *axis) const;

private:
    struct PlacedKey
    {
        QRectF marker;
        QRectF text;
        int index;
    };
    void layOut();
    // The title as it fits its two lines.
    [[nodiscard]] QString fittedTitle() const;

    QRectF m_target;
    QString m_title;
    QString m_caption;
    QList<Key> m_keys;
    QString m_note;
    QFont m_font;
    QRectF m_titleRect;
    QRectF m_captionRect;
    QRectF m_noteRect;
    QList<PlacedKey> m_placed;
    QRectF m_plot;
};

} // namespace entente

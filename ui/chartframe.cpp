#include "chartframe.h"

#include <QAbstractAxis>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QLegend>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace entente {

namespace {

QFont scaled(const QFont &base, double factor, bool bold = false)
{
    QFont f = base;
    f.setPixelSize(std::max(1, int(std::lround(base.pixelSize() * factor))));
    f.setBold(bold);
    return f;
}

QFont captionFont(const QFont &base)
{
    return scaled(base, 0.9);
}

QFont noteFont(const QFont &base)
{
    return scaled(base, 0.85);
}

} // namespace

ChartFrame::ChartFrame(const QRectF &target, QString title, QString caption, QList<Key> keys, QString note)
    : m_target(target)
    , m_title(std::move(title))
    , m_caption(std::move(caption))
    , m_keys(std::move(keys))
    , m_note(std::move(note))
{
    m_font.setPixelSize(std::max(1, int(std::lround(textPixels(target.size())))));
    layOut();
}

double ChartFrame::textPixels(const QSizeF &size)
{
    const double share = std::min(size.width() / 1600.0, size.height() / 1000.0);
    return std::clamp(16.0 * share, 9.0, 40.0);
}

QFont ChartFrame::titleFont() const
{
    return scaled(m_font, 1.35, true);
}

void ChartFrame::layOut()
{
    const double px = m_font.pixelSize();
    const double margin = std::round(px * 0.8);
    const QRectF inner = m_target.adjusted(margin, margin, -margin, -margin);
    double top = inner.top();
    if (!m_title.isEmpty()) {
        // A long title wraps, onto two lines at most.
        const QFontMetricsF fm(titleFont());
        const double h = std::min(fm.height() * 2.0,
            fm.boundingRect(QRectF(0, 0, inner.width(), 1e6), Qt::AlignCenter | Qt::TextWordWrap, m_title).height());
        m_titleRect = QRectF(inner.left(), top, inner.width(), h);
        top += h + px * 0.2;
    }
    if (!m_caption.isEmpty()) {
        const double h = QFontMetricsF(captionFont(m_font)).height();
        m_captionRect = QRectF(inner.left(), top, inner.width(), h);
        top += h;
    }
    if (top > inner.top())
        top += px * 0.6;

    double bottom = inner.bottom();
    if (!m_note.isEmpty()) {
        const QRectF need
            = QFontMetricsF(noteFont(m_font)).boundingRect(QRectF(0, 0, inner.width(), 1e6), Qt::TextWordWrap, m_note);
        m_noteRect = QRectF(inner.left(), bottom - need.height(), inner.width(), need.height());
        bottom = m_noteRect.top() - px * 0.3;
    }

    // The legend's keys flow left to right in rows as wide as the picture, each row centred, the rows stacked up
    // from the bottom (above the note).
    m_placed.clear();
    if (!m_keys.isEmpty()) {
        const QFontMetricsF fm(m_font);
        const double line = fm.height();
        const double marker = std::round(line * 0.7);
        const double gap = std::round(px * 0.4);
        const double spacing = std::round(px * 1.5);
        QList<QList<int>> rows(1);
        QList<double> rowWidths(1, 0.0);
        QList<double> widths;
        for (qsizetype i = 0; i < m_keys.size(); ++i) {
            const double textWidth
                = std::min(fm.horizontalAdvance(m_keys.at(i).text), inner.width() - marker - gap - 1);
            const double w = marker + gap + std::ceil(textWidth);
            widths.append(w);
            double &rowWidth = rowWidths.last();
            const double needed = rows.last().isEmpty() ? w : rowWidth + spacing + w;
            if (!rows.last().isEmpty() && needed > inner.width()) {
                rows.append(QList<int>());
                rowWidths.append(w);
            } else {
                rowWidth = needed;
            }
            rows.last().append(int(i));
        }
        const double rowHeight = line * 1.25;
        double y = bottom - rowHeight * double(rows.size());
        bottom = y - px * 0.4;
        for (qsizetype r = 0; r < rows.size(); ++r, y += rowHeight) {
            double x = inner.left() + (inner.width() - rowWidths.at(r)) / 2.0;
            for (const int i : rows.at(r)) {
                const double textWidth = widths.at(i) - marker - gap;
                const double mid = y + rowHeight / 2.0;
                m_placed.append({ QRectF(x, mid - marker / 2.0, marker, marker),
                    QRectF(x + marker + gap, mid - line / 2.0, textWidth, line), i });
                x += widths.at(i) + spacing;
            }
        }
    }
    m_plot = QRectF(inner.left(), top, inner.width(), std::max(0.0, bottom - top));
}

QString ChartFrame::fittedTitle() const
{
    // On two lines at most: a title that needs more loses its end to an ellipsis (at the end, where the years are,
    // only when nothing else will do).
    const QFontMetricsF fm(titleFont());
    const auto fits = [&](const QString &text) {
        return fm.boundingRect(QRectF(0, 0, m_titleRect.width(), 1e6), Qt::AlignCenter | Qt::TextWordWrap, text)
                   .height()
            <= m_titleRect.height() + 0.5;
    };
    if (fm.horizontalAdvance(m_title) <= m_titleRect.width())
        return m_title;
    // Two lines: broken after a comma where both halves fit ("Relations of China," / "2000–2010"), so that a year
    // range is never split at its dash; else wherever the words allow.
    for (qsizetype at = m_title.lastIndexOf(QLatin1String(", ")); at > 0;
         at = m_title.lastIndexOf(QLatin1String(", "), at - 1)) {
        const QString first = m_title.first(at + 1);
        const QString second = m_title.sliced(at + 2);
        if (fm.horizontalAdvance(first) <= m_titleRect.width() && fm.horizontalAdvance(second) <= m_titleRect.width()
            && m_titleRect.height() >= 2 * fm.height() - 0.5)
            return first + u'\n' + second;
    }
    if (fits(m_title))
        return m_title;
    for (double width = m_titleRect.width() * 2.0; width > fm.averageCharWidth(); width *= 0.95) {
        const QString elided = fm.elidedText(m_title, Qt::ElideRight, width);
        if (fits(elided))
            return elided;
    }
    return fm.elidedText(m_title, Qt::ElideRight, m_titleRect.width());
}

void ChartFrame::paint(QPainter *painter) const
{
    painter->save();
    painter->fillRect(m_target, Qt::white);
    if (!m_title.isEmpty()) {
        const QFont f = titleFont();
        painter->setFont(f);
        painter->setPen(QColor(0x20, 0x20, 0x20));
        painter->drawText(m_titleRect, Qt::AlignCenter | Qt::TextWordWrap, fittedTitle());
    }
    if (!m_caption.isEmpty()) {
        const QFont f = captionFont(m_font);
        painter->setFont(f);
        painter->setPen(QColor(0x55, 0x55, 0x55));
        painter->drawText(m_captionRect, Qt::AlignCenter,
            QFontMetricsF(f).elidedText(m_caption, Qt::ElideRight, m_captionRect.width()));
    }
    painter->setFont(m_font);
    const QFontMetricsF fm(m_font);
    for (const PlacedKey &p : m_placed) {
        const Key &key = m_keys.at(p.index);
        if (key.shape == Key::Line) {
            QPen pen(key.color, std::max(2.0, p.marker.height() / 4.0));
            painter->setPen(pen);
            const double mid = p.marker.center().y();
            painter->drawLine(QPointF(p.marker.left(), mid), QPointF(p.marker.right(), mid));
        } else {
            painter->setPen(QPen(key.color.darker(115), 1));
            painter->setBrush(key.color);
            painter->drawRect(p.marker);
        }
        painter->setPen(QColor(0x20, 0x20, 0x20));
        painter->drawText(
            p.text, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(key.text, Qt::ElideRight, p.text.width() + 1));
    }
    if (!m_note.isEmpty()) {
        painter->setFont(noteFont(m_font));
        painter->setPen(QColor(0x55, 0x55, 0x55));
        painter->drawText(m_noteRect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_note);
    }
    painter->restore();
}

void ChartFrame::paintInPlaceOfPlot(QPainter *painter, const QString &text) const
{
    painter->save();
    painter->setFont(m_font);
    painter->setPen(QColor(0x55, 0x55, 0x55));
    const double px = m_font.pixelSize();
    painter->drawText(m_plot.adjusted(px, 0, -px, 0), Qt::AlignCenter | Qt::TextWordWrap, text);
    painter->restore();
}

void ChartFrame::style(QChart *chart) const
{
    chart->setTitle(QString());
    chart->legend()->hide();
    chart->setBackgroundRoundness(0);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setMargins(QMargins(0, 0, 0, 0));
    if (chart->layout())
        chart->layout()->setContentsMargins(0, 0, 0, 0);
}

void ChartFrame::styleAxis(QAbstractAxis *axis) const
{
    axis->setLabelsFont(m_font);
    axis->setTitleFont(scaled(m_font, 1.0, true));
}

} // namespace entente

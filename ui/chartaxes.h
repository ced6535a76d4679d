#pragma once

#include <QLabel>
#include <QStackedWidget>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace entente {

// Whole-number ticks with a round step (1, 2, 5, 10, 20, 50, ...), about five of them, from 0 to at least `max`:
// for counts, which "0.2" or a row of "0 0 0 1" would misstate.
inline void integerTicks(QValueAxis *axis, double max)
{
    double step = 1;
    while (max / step > 6)
        step *= (QString::number(step).startsWith(u'2') ? 2.5 : 2);
    axis->setRange(0, std::max(step, std::ceil(max / step) * step));
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setLabelFormat(QStringLiteral("%d"));
    axis->setTruncateLabels(false); // a count cut to "..." says nothing
}

// A chart and, in the same place, what the pane shows instead when the chart has nothing to draw (empty axes say
// nothing): a centred note that says why. One page at a time, so that the note takes no room beside the chart.
class ChartOrNote : public QStackedWidget
{
public:
    ChartOrNote(QWidget *chart, QWidget *parent)
        : QStackedWidget(parent)
        , m_note(new QLabel(this))
    {
        m_note->setObjectName(QStringLiteral("emptyChartNote"));
        m_note->setAlignment(Qt::AlignCenter);
        m_note->setWordWrap(true);
        m_note->setMargin(16);
        m_note->setForegroundRole(QPalette::PlaceholderText);
        addWidget(chart);
        addWidget(m_note);
    }
    // The note with `text` in place of the chart, or (empty text) the chart.
    void showNote(const QString &text)
    {
        m_note->setText(text);
        setCurrentIndex(text.isEmpty() ? 0 : 1);
    }

private:
    QLabel *m_note;
};

} // namespace entente

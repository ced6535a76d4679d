#pragma once

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

} // namespace entente

#pragma once

#include <QCategoryAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace entente {

// A round step (1, 2, 5, 10, 20, 50, ...) that cuts 0..`max` into at most `ticks` parts, and the top it reaches.
struct CountScale
{
    double step = 1;
    double top = 1;
};

inline CountScale countScale(double max, int ticks)
{
    CountScale s;
    while (max / s.step > ticks)
        s.step *= (QString::number(s.step).startsWith(u'2') ? 2.5 : 2);
    s.top = std::max(s.step, std::ceil(max / s.step) * s.step);
    return s;
}

// Whole-number ticks with a round step (1, 2, 5, 10, 20, 50, ...), about five of them, from 0 to at least `max`:
// for counts, which "0.2" or a row of "0 0 0 1" would misstate.
inline void integerTicks(QValueAxis *axis, double max)
{
    const auto [step, top] = countScale(max, 6);
    // The axis lays out its ticks after each of these calls: a range of thousands under the interval of a range of
    // ten (or the reverse) would make thousands of tick items for a moment, seconds of work on a big store. So the
    // interval changes first when it grows, the range first when it shrinks.
    if (axis->tickType() != QValueAxis::TicksDynamic || step > axis->tickInterval()) {
        axis->setTickInterval(step);
        axis->setTickAnchor(0);
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setRange(0, top);
    } else {
        axis->setRange(0, top);
        axis->setTickInterval(step);
        axis->setTickAnchor(0);
    }
    axis->setLabelFormat(QStringLiteral("%d"));
    axis->setTruncateLabels(false); // a count cut to "..." says nothing
}

// The same ticks on a category axis, as labels that say how many: from 0 to at least `max`, or `mirrored` from
// -max to max, where the bars below zero count the other way ("5" at -5, not "-5").
inline void countTicks(QCategoryAxis *axis, double max, bool mirrored)
{
    const auto [step, top] = countScale(max, mirrored ? 3 : 6);
    for (const QString &label : axis->categoriesLabels())
        axis->remove(label);
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setRange(mirrored ? -top : 0, top);
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setStartValue(mirrored ? -top : 0);
    for (double v = mirrored ? -top : 0; v <= top + step / 2; v += step) {
        // A category's label is its key: those below zero get a zero-width space to differ from those above.
        const QString label = QString::number(qRound64(std::abs(v))) + (v < 0 ? QStringLiteral("\u200b") : QString());
        axis->append(label, v);
    }
    axis->setTruncateLabels(false);
}

} // namespace entente

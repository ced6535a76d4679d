#pragma once

// What the benchmarks report: medians of several runs (the machine is shared and noisy).
#include <QList>

#include <algorithm>

namespace entente::bench {

// The median of `v` (the mean of the two middle values for an even count); 0 when empty.
inline double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n == 0 ? 0 : (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
}

} // namespace entente::bench

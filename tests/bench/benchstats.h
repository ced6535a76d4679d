#pragma once

// What the benchmarks report: medians of several runs (the machine is shared and noisy).
#include <QList>

#include <algorithm>
#include <ctime>

namespace entente::bench {

// The median of `v` (the mean of the two middle values for an even count); 0 when empty.
inline double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n == 0 ? 0 : (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
}

// This thread's CPU time in seconds: on a machine shared with other jobs, wall time also counts the time others ran.
inline double cpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

} // namespace entente::bench

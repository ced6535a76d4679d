// The axis helpers of the chart panes (ui/chartaxes.h).
#include "chartaxes.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace entente;

class TestChartAxes : public QObject
{
    Q_OBJECT

private slots:
    void integerTicksRoundAndWhole_data();
    void integerTicksRoundAndWhole();
    void integerTicksNeverManyAtOnce();
    void countTicksMirroredSayHowMany();
};

void TestChartAxes::integerTicksRoundAndWhole_data()
{
    QTest::addColumn<double>("max");
    QTest::newRow("a handful") << 3.0;
    QTest::newRow("tens") << 47.0;
    QTest::newRow("thousands") << 8123.0;
    QTest::newRow("a big store's pairs") << 412345.0;
}

void TestChartAxes::integerTicksRoundAndWhole()
{
    QFETCH(double, max);
    QValueAxis axis;
    integerTicks(&axis, max);
    QCOMPARE(axis.min(), 0.0);
    QVERIFY(axis.max() >= max);
    QCOMPARE(axis.tickType(), QValueAxis::TicksDynamic);
    const double step = axis.tickInterval();
    QCOMPARE(step, std::round(step)); // whole numbers
    const double ticks = axis.max() / step;
    QVERIFY2(ticks >= 1 && ticks <= 7, qPrintable(QString::number(ticks)));
}

// The axis lays its ticks out after every change of range or interval: the two must never meet in an order that
// asks for thousands of ticks, as a range of 400,000 under the interval of a range of ten did (seconds of the
// window's time on a big store).
void TestChartAxes::integerTicksNeverManyAtOnce()
{
    QValueAxis axis;
    double mostTicks = 0;
    const auto check = [&] {
        if (axis.tickType() == QValueAxis::TicksDynamic && axis.tickInterval() > 0)
            mostTicks = std::max(mostTicks, (axis.max() - axis.min()) / axis.tickInterval());
    };
    QSignalSpy ranges(&axis, &QValueAxis::rangeChanged);
    QSignalSpy intervals(&axis, &QValueAxis::tickIntervalChanged);
    QVERIFY(ranges.isValid());
    QVERIFY(intervals.isValid());
    connect(&axis, &QValueAxis::rangeChanged, &axis, check);
    connect(&axis, &QValueAxis::tickIntervalChanged, &axis, check);
    for (const double max : { 10.0, 400000.0, 3.0, 250000.0, 12.0 }) {
        integerTicks(&axis, max);
        QVERIFY(axis.max() >= max);
    }
    QVERIFY(!ranges.isEmpty());
    QVERIFY(!intervals.isEmpty());
    QVERIFY2(mostTicks <= 8, qPrintable(QString::number(mostTicks)));
}

void TestChartAxes::countTicksMirroredSayHowMany()
{
    // A pair's timeline: bars of one direction above zero, the other below; the labels below say how many too.
    QCategoryAxis axis;
    countTicks(&axis, 23, true);
    QCOMPARE(axis.min(), -axis.max());
    QVERIFY(axis.max() >= 23);
    const QStringList labels = axis.categoriesLabels();
    QVERIFY(labels.size() >= 5);
    QCOMPARE(labels.size(), QSet<QString>(labels.cbegin(), labels.cend()).size());
    for (const QString &label : labels) {
        const double at = axis.endValue(label);
        bool ok = false;
        const int shown = QString(label).remove(QChar(0x200b)).toInt(&ok);
        QVERIFY2(ok && shown >= 0, qPrintable(label));
        QCOMPARE(double(shown), std::abs(at));
    }
    // Plain counts: from zero up, whole numbers.
    countTicks(&axis, 7, false);
    QCOMPARE(axis.min(), 0.0);
    QVERIFY(axis.max() >= 7);
    QVERIFY(!axis.categoriesLabels().isEmpty());
    for (const QString &label : axis.categoriesLabels())
        QVERIFY(!label.contains(QChar(0x200b)));
}

QTEST_MAIN(TestChartAxes)
#include "tst_chartaxes.moc"

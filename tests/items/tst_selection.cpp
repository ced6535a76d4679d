// The shared Selection's comparison country: set beside a focus only, a step of Back and Forward, gone with the
// focus it compares against.
#include "selection.h"

#include <QSignalSpy>
#include <QTest>

using namespace entente;

class TestSelection : public QObject
{
    Q_OBJECT

private slots:
    void comparisonNeedsACountryFocus();
    void comparisonIsAStepOfTheHistory();
    void comparisonGoesWithItsFocus();
};

namespace {
EntityRef country(const char *code)
{
    return { QStringLiteral("country"), QString::fromLatin1(code) };
}
} // namespace

void TestSelection::comparisonNeedsACountryFocus()
{
    Selection selection;
    QSignalSpy changed(&selection, &Selection::comparisonChanged);
    QVERIFY(changed.isValid());
    // No focus, a person focused, or the focus itself: nothing to compare with.
    selection.setComparison(QStringLiteral("FRA"));
    QVERIFY(!selection.hasComparison());
    selection.setFocus({ QStringLiteral("person"), QStringLiteral("Angela Merkel") });
    selection.setComparison(QStringLiteral("FRA"));
    QVERIFY(!selection.hasComparison());
    selection.setFocus(country("DEU"));
    selection.setComparison(QStringLiteral("DEU"));
    QVERIFY(!selection.hasComparison());
    QCOMPARE(changed.count(), 0);

    selection.setComparison(QStringLiteral("FRA"));
    QCOMPARE(selection.comparison(), QStringLiteral("FRA"));
    QCOMPARE(selection.comparisonEntity(), country("FRA"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).toString(), QStringLiteral("FRA"));
    selection.setComparison(QStringLiteral("FRA")); // the same: no signal
    QCOMPARE(changed.count(), 1);
    // An organisation is compared as one.
    selection.setComparison(QStringLiteral("nato"));
    QCOMPARE(selection.comparisonEntity().kind, QStringLiteral("organization"));
    selection.clearComparison();
    QVERIFY(!selection.hasComparison());
    QCOMPARE(changed.count(), 3);
}

void TestSelection::comparisonIsAStepOfTheHistory()
{
    Selection selection;
    QSignalSpy changed(&selection, &Selection::comparisonChanged);
    QSignalSpy focus(&selection, &Selection::focusChanged);
    QVERIFY(changed.isValid() && focus.isValid());
    selection.setFocus(country("DEU"));
    selection.setComparison(QStringLiteral("FRA"));
    // A new focus keeps the comparison: Italy against France now.
    selection.setFocus(country("ITA"));
    QCOMPARE(selection.comparison(), QStringLiteral("FRA"));
    selection.clearComparison();
    QCOMPARE(focus.count(), 2);

    selection.back(); // Italy against France
    QCOMPARE(selection.focus(), country("ITA"));
    QCOMPARE(selection.comparison(), QStringLiteral("FRA"));
    selection.back(); // Germany against France: the focus changes, the comparison does not
    QCOMPARE(selection.focus(), country("DEU"));
    QCOMPARE(selection.comparison(), QStringLiteral("FRA"));
    const int comparisons = int(changed.count());
    selection.back(); // Germany alone
    QCOMPARE(selection.focus(), country("DEU"));
    QVERIFY(!selection.hasComparison());
    QCOMPARE(changed.count(), comparisons + 1);
    QCOMPARE(focus.count(), 3); // DEU, ITA, DEU again; the step back to Germany alone changed no focus
    QVERIFY(selection.canGoForward());
    selection.forward();
    QCOMPARE(selection.comparison(), QStringLiteral("FRA"));
    selection.forward();
    selection.forward();
    QCOMPARE(selection.focus(), country("ITA"));
    QVERIFY(!selection.hasComparison());
    QVERIFY(!selection.canGoForward());
}

void TestSelection::comparisonGoesWithItsFocus()
{
    Selection selection;
    QSignalSpy changed(&selection, &Selection::comparisonChanged);
    QVERIFY(changed.isValid());
    selection.setFocus(country("DEU"));
    selection.setComparison(QStringLiteral("FRA"));
    // Clearing the focus (the Articles pane's "clear") clears the comparison too.
    selection.clearFocus();
    QVERIFY(!selection.hasComparison());
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.last().at(0).toString(), QString());

    // Focusing the compared country makes it the focus alone.
    selection.setFocus(country("DEU"));
    selection.setComparison(QStringLiteral("FRA"));
    selection.setFocus(country("FRA"));
    QVERIFY(!selection.hasComparison());
    // A focus that is not a country drops it.
    selection.setComparison(QStringLiteral("DEU"));
    selection.setFocus({ QStringLiteral("person"), QStringLiteral("Angela Merkel") });
    QVERIFY(!selection.hasComparison());
    // A new store forgets it.
    selection.setFocus(country("DEU"));
    selection.setComparison(QStringLiteral("FRA"));
    selection.reset(country("DEU"));
    QVERIFY(!selection.hasComparison());
    QCOMPARE(changed.last().at(0).toString(), QString());
}

QTEST_GUILESS_MAIN(TestSelection)
#include "tst_selection.moc"

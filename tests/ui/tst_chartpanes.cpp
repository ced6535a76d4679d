// The chart panes in the real window, offscreen, on the sample corpus: first-run focus,
// focus changes reaching Relations, Network and Timeline, a bar click filling Evidence, a
// year click filtering every pane, Back, and every export checked by what the file holds.
#include "asyncquery.h"
#include "chartexport.h"
#include "entitiespane.h"
#include "entitylistmodel.h"
#include "evidencemodel.h"
#include "evidencepane.h"
#include "exportdialog.h"
#include "gazetteer.h"
#include "mainwindow.h"
#include "networkmodel.h"
#include "networkpane.h"
#include "networkview.h"
#include "readerpane.h"
#include "relationpartnersmodel.h"
#include "relationspane.h"
#include "selection.h"
#include "store.h"
#include "timelinemodel.h"
#include "timelinepane.h"

#include <QAbstractItemModelTester>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QHorizontalStackedBarSeries>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSqlError>
#include <QSqlQuery>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QValueAxis>
#include <QXmlStreamReader>

#include <algorithm>
#include <array>

using namespace entente;

namespace {
// Lets the models' workers answer: true once no AsyncQuery has a request on its way (a condition, not a sleep).
// Events first, for an action whose request is itself queued.
bool settled()
{
    QCoreApplication::processEvents();
    return QTest::qWaitFor([] { return AsyncQuery::busyCount() == 0; });
}
} // namespace

namespace {

// A paint device that draws nothing and keeps where each piece of text went, in device pixels: what an export puts
// on the page, checked without reading pixels.
class TextRecorder : public QPaintEngine
{
public:
    struct Text
    {
        QString text;
        QRectF rect;
        QFont font;
    };

    TextRecorder()
        : QPaintEngine(QPaintEngine::AllFeatures)
    { }
    bool begin(QPaintDevice *) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState &state) override
    {
        if (state.state() & QPaintEngine::DirtyTransform)
            m_transform = state.transform();
    }
    void drawPixmap(const QRectF &, const QPixmap &, const QRectF &) override { }
    void drawPolygon(const QPointF *, int, PolygonDrawMode) override { }
    void drawPolygon(const QPoint *, int, PolygonDrawMode) override { }
    void drawPath(const QPainterPath &) override { }
    void drawTextItem(const QPointF &p, const QTextItem &item) override
    {
        if (item.text().trimmed().isEmpty())
            return;
        const QFontMetricsF fm(item.font());
        const QRectF box(p.x(), p.y() - fm.ascent(), item.width(), fm.ascent() + fm.descent());
        texts.append({ item.text(), m_transform.mapRect(box), item.font() });
    }
    [[nodiscard]] Type type() const override { return QPaintEngine::User; }

    QList<Text> texts;

private:
    QTransform m_transform;
};

class TextDevice : public QPaintDevice
{
public:
    explicit TextDevice(const QSize &size)
        : m_size(size)
    { }
    [[nodiscard]] QPaintEngine *paintEngine() const override { return &m_engine; }
    [[nodiscard]] const QList<TextRecorder::Text> &texts() const { return m_engine.texts; }

protected:
    [[nodiscard]] int metric(PaintDeviceMetric metric) const override
    {
        switch (metric) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return 96;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(QPaintDevice::devicePixelRatioFScale());
        case PdmDepth:
            return 32;
        case PdmNumColors:
            return INT_MAX;
        default:
            return QPaintDevice::metric(metric);
        }
    }

private:
    QSize m_size;
    mutable TextRecorder m_engine;
};

} // namespace

class TestChartPanes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void firstRunFocusesMostMentionedCountry();
    void focusReachesEveryChart();
    void exportWaitsForTheChartsAnswer();
    void clickingBarFillsEvidence();
    void keyboardPicksBars();
    void evidenceKeepsItsSentenceWhenReadAgain();
    void networkExportsForGephi();
    void networkFiltersFromTheControls();
    void networkKeepsItsPlaces();
    void networkLabelsDoNotOverlap();
    void clickingYearFiltersEveryPane();
    void timelineShowsTheSearch();
    void clickingNodeFocusesIt();
    void exportsHoldTheChart_data();
    void exportsHoldTheChart();
    void exportTextFitsWithoutOverlap_data();
    void exportTextFitsWithoutOverlap();
    void organisationsCanBeHidden();
    void exportDialogSaysTheTextSize_data();
    void exportDialogSaysTheTextSize();
    void ctrlClickComparesInEveryPane();
    void comparisonFromMenus();
    void periodAgainstPeriod();
    void screenshots_data();
    void screenshots();
    void bigStoreScreenshots_data();
    void bigStoreScreenshots();
    void bigStoreNetwork_data();
    void bigStoreNetwork();

private:
    QString mostMentioned(int rank) const;

    std::unique_ptr<MainWindow> m_window;
    RelationsPane *m_relations = nullptr;
    EvidencePane *m_evidence = nullptr;
    NetworkPane *m_network = nullptr;
    TimelinePane *m_timeline = nullptr;
};

void TestChartPanes::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EntenteTest"));
    QCoreApplication::setApplicationName(QStringLiteral("EntenteChartTest"));
    QSettings().clear();
}

void TestChartPanes::init()
{
    // The panes side by side, as on a desktop screen (the offscreen screen is small enough to
    // get the compact layout otherwise; tst_keyboard covers that one).
    QSettings().setValue(QStringLiteral("window/compact"), false);
    m_window = std::make_unique<MainWindow>();
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    QVERIFY(finished.isValid());
    m_window->resize(1600, 1000);
    m_window->start(); // the sample corpus
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(!finished.isEmpty() || finished.wait(60000)); // it may have come already
    m_relations = m_window->findChild<RelationsPane *>();
    m_evidence = m_window->findChild<EvidencePane *>();
    m_network = m_window->findChild<NetworkPane *>();
    m_timeline = m_window->findChild<TimelinePane *>();
    QVERIFY(m_relations && m_evidence && m_network && m_timeline);
    for (const char *dock : { "relationsDock", "evidenceDock", "networkDock", "timelineDock" })
        QVERIFY2(m_window->findChild<QDockWidget *>(QString::fromLatin1(dock))->isVisible(), dock);
    QVERIFY(settled()); // the first focus's answers
}

void TestChartPanes::cleanup()
{
    if (m_window)
        m_window->close();
    m_window.reset();
    QSettings().clear();
}

QString TestChartPanes::mostMentioned(int rank) const
{
    Store store;
    if (!store.open(m_window->storePath(), Store::OpenMode::ReadOnly))
        return {};
    QSqlQuery q(store.database());
    q.prepare(QStringLiteral("SELECT e.key FROM entities e JOIN mentions m ON m.entity_id = e.id WHERE"
                             " e.kind = 'country' GROUP BY e.id ORDER BY count(*) DESC, e.key LIMIT 1 OFFSET ?"));
    q.addBindValue(rank);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

void TestChartPanes::firstRunFocusesMostMentionedCountry()
{
    const QString top = mostMentioned(0);
    QVERIFY(!top.isEmpty());
    QCOMPARE(m_window->selection()->focus(), (EntityRef { QStringLiteral("country"), top }));
    QCOMPARE(m_relations->model()->focusCountry(), top);
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(m_relations->model()->rowCount() > 0);
    QVERIFY(m_network->model()->rowCount() > 0);
    QVERIFY(m_network->view()->isHighlighted(top));
    QCOMPARE(m_timeline->model()->focusKey(), top);
    // The bars the chart draws are the model's rows.
    const QList<QBarSet *> sets = m_relations->series()->barSets();
    QCOMPARE(sets.size(), 4);
    QCOMPARE(sets.first()->count(), m_relations->model()->rowCount());
    // The timeline's axis is the corpus' years, never a century of empty ones.
    QVERIFY(m_timeline->model()->firstYear() >= 1990);
    QVERIFY(m_timeline->undatedText().contains(QString::number(m_timeline->model()->undatedCount())));
}

void TestChartPanes::focusReachesEveryChart()
{
    Selection *selection = m_window->selection();
    const QString first = selection->focus().key;
    const QString second = mostMentioned(1);
    QVERIFY(!second.isEmpty() && second != first);
    QSignalSpy relationsReset(m_relations->model(), &QAbstractItemModel::modelReset);
    QVERIFY(relationsReset.isValid());
    selection->setFocus({ QStringLiteral("country"), second });
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(relationsReset.count(), 1);
    QCOMPARE(m_relations->model()->focusCountry(), second);
    for (int r = 0; r < m_relations->model()->rowCount(); ++r)
        QCOMPARE(m_relations->model()->pairA(r), second);
    QVERIFY(m_network->view()->isHighlighted(second));
    QVERIFY(!m_network->view()->isHighlighted(first));
    QCOMPARE(m_timeline->model()->focusKey(), second);
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(m_relations->chartView()->chart()->title().contains(Gazetteer::shared().countryName(second)));
    selection->back();
    QVERIFY(settled());
    QCOMPARE(selection->focus().key, first);
    QCOMPARE(m_relations->model()->focusCountry(), first);
    QVERIFY(m_network->view()->isHighlighted(first));
    QCOMPARE(m_timeline->model()->focusKey(), first);

    // A name too long for the labels is an organisation's abbreviation where it has one, never cut.
    selection->setFocus({ QStringLiteral("country"), QStringLiteral("CHN") });
    QVERIFY(settled());
    auto *names = qobject_cast<QBarCategoryAxis *>(m_relations->chartView()->chart()->axes(Qt::Vertical).value(0));
    QVERIFY(names);
    const QStringList labels = names->categories();
    QCOMPARE(labels.size(), m_relations->model()->rowCount());
    bool shortened = false;
    for (int r = 0; r < m_relations->model()->rowCount(); ++r) {
        const QString name = m_relations->model()->index(r, RelationPartnersModel::NameColumn).data().toString();
        // Bottom up; an organisation's name is in italics (rich text).
        QString label = labels.at(labels.size() - 1 - r).trimmed();
        if (m_relations->model()->isOrganisation(r)) {
            QVERIFY2(
                label.startsWith(QLatin1String("<i>")) && label.endsWith(QLatin1String("</i>")), qPrintable(label));
            label = label.sliced(3, label.size() - 7).replace(QLatin1String("&amp;"), QLatin1String("&"));
        }
        const QString abbreviation = Gazetteer::shared().organizationAbbreviation(name);
        if (label != name && !abbreviation.isEmpty()) {
            QCOMPARE(label, abbreviation);
            shortened = true;
        }
    }
    if (m_relations->width() < 700)
        QVERIFY(shortened); // the samples' China has the Shanghai Cooperation Organization among its partners
    // Counts on whole-number ticks, whatever their size (small ones once read "0 0 0 0 0 1").
    for (const QString &key : { first, second, mostMentioned(8) }) {
        selection->setFocus({ QStringLiteral("country"), key });
        QVERIFY(settled());
        auto *axis = qobject_cast<QValueAxis *>(m_relations->chartView()->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(axis);
        QCOMPARE(axis->tickType(), QValueAxis::TicksDynamic);
        QVERIFY(axis->tickInterval() >= 1);
        QCOMPARE(axis->tickInterval(), std::round(axis->tickInterval()));
        QCOMPARE(axis->min(), 0.0);
        double most = 0;
        for (int r = 0; r < m_relations->model()->rowCount(); ++r)
            most = std::max(most, m_relations->model()->index(r, RelationPartnersModel::TotalColumn).data().toDouble());
        QVERIFY(axis->max() >= most);
    }
}

void TestChartPanes::clickingBarFillsEvidence()
{
    QChartView *view = m_relations->chartView();
    RelationPartnersModel *model = m_relations->model();
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(model->rowCount() > 0);
    QTRY_VERIFY(view->chart()->plotArea().height() > 50);
    // The top bar is the strongest partner (row 0), the last category the series counts.
    const int bar = model->rowCount() - 1;
    const double value = model->index(0, RelationPartnersModel::TotalColumn).data().toDouble() / 2;
    const QPointF inChart = view->chart()->mapToPosition(QPointF(value, bar), m_relations->series());
    const QPoint inViewport = view->mapFromScene(view->chart()->mapToScene(inChart));
    QSignalSpy pair(m_window->selection(), &Selection::pairChanged);
    QVERIFY(pair.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, inViewport);
    QTRY_COMPARE(pair.count(), 1);
    QCOMPARE(m_window->selection()->pairA(), model->pairA(0));
    QCOMPARE(m_window->selection()->pairB(), model->pairB(0));
    EvidenceModel *evidence = m_evidence->model();
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(evidence->rowCount(), model->index(0, RelationPartnersModel::TotalColumn).data().toInt());
    // In sight, even where it is a tab behind the Network (a short screen, as offscreen is).
    QTRY_VERIFY(!m_evidence->visibleRegion().isEmpty());

    // Activating a sentence selects its article: one of another article than the one read, where there is one.
    QTableView *list = m_evidence->view();
    Selection *selection = m_window->selection();
    const qint64 before = selection->article();
    int row = 0;
    for (int r = 0; r < evidence->rowCount(); ++r) {
        if (evidence->index(r, 0).data(EvidenceModel::ArticleIdRole).toLongLong() != before) {
            row = r;
            break;
        }
    }
    const QModelIndex first = evidence->index(row, EvidenceModel::SentenceColumn);
    list->scrollTo(first);
    // Rows of three lines: the sentence is wrapped, not cut at one.
    QVERIFY(list->rowHeight(row) >= 3 * list->fontMetrics().lineSpacing());
    QSignalSpy opened(m_evidence, &EvidencePane::sentenceActivated);
    QVERIFY(opened.isValid());
    // QTest's double-click on a widget is the second click only: press first, as a user does.
    const EntityRef focus = selection->focus();
    QSignalSpy shown(selection, &Selection::sentenceShown);
    QVERIFY(shown.isValid());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(first).center());
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(first).center());
    QTRY_COMPARE(opened.count(), 1);
    const qint64 article = first.data(EvidenceModel::ArticleIdRole).toLongLong();
    const qint64 start = first.data(EvidenceModel::SentenceStartRole).toLongLong();
    QCOMPARE(selection->article(), article);
    QCOMPARE(opened.first().at(1).toLongLong(), start);
    QCOMPARE(shown.count(), 1);
    QCOMPARE(shown.first().at(1).toLongLong(), start);
    // The Reader shows the article with the sentence selected.
    const ReaderPane *reader = m_window->findChild<ReaderPane *>(QStringLiteral("readerPane"));
    QVERIFY(reader);
    QCOMPARE(reader->document().id, article);
    QVERIFY(reader->view()->textCursor().hasSelection());

    // The jump is a step of Back and Forward: Back returns to the article read before, Forward to the sentence.
    QVERIFY(selection->canGoBack());
    selection->back();
    QVERIFY(settled());
    QCOMPARE(selection->focus(), focus);
    QCOMPARE(selection->article(), before);
    QVERIFY(selection->canGoForward());
    selection->forward();
    QVERIFY(settled());
    QCOMPARE(selection->article(), article);
    QCOMPARE(shown.count(), 2);
    QCOMPARE(shown.last().at(1).toLongLong(), start);

    // Ctrl+C copies the sentence; Ctrl+Shift+C copies it with its article's title and date.
    list->setFocus();
    QTRY_VERIFY(list->hasFocus());
    list->setCurrentIndex(first);
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(list, Qt::Key_C, Qt::ControlModifier);
    const QString sentence = first.data(EvidenceModel::SentenceTextRole).toString();
    QVERIFY(!sentence.isEmpty());
    QCOMPARE(QGuiApplication::clipboard()->text(), sentence);
    QTest::keyClick(list, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    const QString citation = QGuiApplication::clipboard()->text();
    QVERIFY2(citation.startsWith(u'“' + sentence + u'”'), qPrintable(citation));
    QVERIFY2(
        citation.contains(first.siblingAtColumn(EvidenceModel::ArticleColumn).data().toString()), qPrintable(citation));

    // Clearing the focus clears the pair chosen under it: no evidence, no pair filter on the articles left behind.
    QVERIFY(!selection->focus().isNull());
    selection->clearFocus();
    QVERIFY(settled());
    QCOMPARE(pair.count(), 2);
    QVERIFY(!selection->hasPair());
    QCOMPARE(evidence->rowCount(), 0);
}

void TestChartPanes::keyboardPicksBars()
{
    // No mouse: the chart takes the keyboard, Down moves to the second bar from the top,
    // Enter selects that pair and fills Evidence, as a click on it does.
    QChartView *view = m_relations->chartView();
    RelationPartnersModel *model = m_relations->model();
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(model->rowCount() > 1);
    QVERIFY(view->focusPolicy() & Qt::TabFocus);
    view->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(view->hasFocus());
    QSignalSpy pair(m_window->selection(), &Selection::pairChanged);
    QVERIFY(pair.isValid());
    QTest::keyClick(view, Qt::Key_Down); // the first press picks the top bar
    QCOMPARE(m_relations->currentBar()->currentIndex().row(), 0);
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(m_relations->currentBar()->currentIndex().row(), 1);
    QCOMPARE(pair.count(), 0); // moving is not choosing
    QTest::keyClick(view, Qt::Key_Return);
    QTRY_COMPARE(pair.count(), 1);
    QCOMPARE(m_window->selection()->pairA(), model->pairA(1));
    QCOMPARE(m_window->selection()->pairB(), model->pairB(1));
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(m_evidence->model()->rowCount(), model->index(1, RelationPartnersModel::TotalColumn).data().toInt());
    // Up past the top stays on the top bar; End goes to the weakest.
    QTest::keyClick(view, Qt::Key_Up);
    QTest::keyClick(view, Qt::Key_Up);
    QCOMPARE(m_relations->currentBar()->currentIndex().row(), 0);
    QTest::keyClick(view, Qt::Key_End);
    QCOMPARE(m_relations->currentBar()->currentIndex().row(), model->rowCount() - 1);
    QTest::keyClick(view, Qt::Key_Space);
    QTRY_COMPARE(pair.count(), 2);
    QCOMPARE(m_window->selection()->pairB(), model->pairB(model->rowCount() - 1));
}

void TestChartPanes::networkLabelsDoNotOverlap()
{
    // Every name that is shown stands clear of the others; the focus always has its name.
    auto *view = m_window->findChild<NetworkView *>();
    QVERIFY(view);
    const NetworkModel *model = m_network->model();
    QVERIFY(model->rowCount() > 1);
    QVERIFY(view->isLabelVisible(m_window->selection()->focus().key));
    QList<QRect> shown;
    for (QGraphicsItem *item : view->scene()->items()) {
        auto *label = dynamic_cast<QGraphicsSimpleTextItem *>(item);
        if (!label || !label->isVisible())
            continue;
        const QRect rect(view->mapFromScene(label->pos()), label->boundingRect().size().toSize());
        for (const QRect &other : std::as_const(shown))
            QVERIFY2(!rect.adjusted(1, 1, -1, -1).intersects(other.adjusted(1, 1, -1, -1)), qPrintable(label->text()));
        QVERIFY2(view->viewport()->rect().contains(rect), qPrintable(label->text()));
        shown << rect;
    }
    QVERIFY(shown.size() >= std::min(3, model->rowCount()));
    // Nodes stand apart: no two centres closer than a few pixels, and the picture uses the
    // pane's width (the square layout is widened to a wide pane).
    QRect spread;
    for (int a = 0; a < model->rowCount(); ++a) {
        const QPoint pa = view->nodePosition(model->code(a));
        spread |= QRect(pa, QSize(1, 1));
        for (int b = a + 1; b < model->rowCount(); ++b)
            QVERIFY2(QLineF(pa, view->nodePosition(model->code(b))).length() >= 4.0,
                qPrintable(model->code(a) + u' ' + model->code(b)));
    }
    if (view->viewport()->width() > 1.5 * view->viewport()->height())
        QVERIFY2(spread.width() > 1.2 * spread.height(),
            qPrintable(QStringLiteral("%1x%2").arg(spread.width()).arg(spread.height())));
    // Edges of the focus are drawn, strong or weak.
    const int focusRow = model->rowOfCode(m_window->selection()->focus().key);
    for (const NetworkModel::Edge &e : model->edges())
        if (e.from == focusRow || e.to == focusRow)
            QVERIFY(view->isEdgeVisible(model->code(e.from), model->code(e.to)));
}

void TestChartPanes::clickingYearFiltersEveryPane()
{
    TimelineModel *model = m_timeline->model();
    QVERIFY(model->rowCount() > 0);
    // The last year that has relations of the focus.
    int year = 0;
    for (int r = model->rowCount() - 1; r >= 0 && !year; --r)
        if (model->index(r, TimelineModel::CooperationColumn).data().toInt() > 0)
            year = model->year(r);
    QVERIFY(year > 0);
    QChartView *view = m_timeline->chartView();
    QTRY_VERIFY(view->chart()->plotArea().width() > 50);
    const QPoint at = m_timeline->positionOfYear(year);
    QCOMPARE(m_timeline->yearAt(at), year);
    QSignalSpy range(m_window->selection(), &Selection::yearRangeChanged);
    QVERIFY(range.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(range.count(), 1);
    QCOMPARE(m_window->selection()->yearFrom(), year);
    QCOMPARE(m_window->selection()->yearTo(), year);
    // The status bar says so and offers a way out.
    auto *label = m_window->findChild<QLabel *>(QStringLiteral("yearRangeLabel"));
    auto *clear = m_window->findChild<QToolButton *>(QStringLiteral("clearYearRange"));
    QVERIFY(label && clear);
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(QString::number(year)));
    // The relations follow: every partner's count is within that year.
    Store store;
    QVERIFY(store.open(m_window->storePath(), Store::OpenMode::ReadOnly));
    RelationPartnersModel *partners = m_relations->model();
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(partners->rowCount() > 0);
    for (int r = 0; r < partners->rowCount(); ++r) {
        QSqlQuery q(store.database());
        q.prepare(QStringLiteral("SELECT count(*) FROM relations WHERE year = ? AND"
                                 " ((a = ? AND b = ?) OR (a = ? AND b = ?))"));
        q.addBindValue(year);
        q.addBindValue(partners->pairA(r));
        q.addBindValue(partners->pairB(r));
        q.addBindValue(partners->pairB(r));
        q.addBindValue(partners->pairA(r));
        QVERIFY(q.exec() && q.next());
        QCOMPARE(partners->index(r, RelationPartnersModel::TotalColumn).data().toInt(), q.value(0).toInt());
    }
    // Dragging across the axis selects several years.
    if (model->rowCount() > 1) {
        const QPoint from = m_timeline->positionOfYear(model->firstYear());
        const QPoint to = m_timeline->positionOfYear(model->lastYear());
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, to, view->viewport()->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, {});
        QCoreApplication::sendEvent(view->viewport(), &move);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
        QCOMPARE(m_window->selection()->yearFrom(), model->firstYear());
        QCOMPARE(m_window->selection()->yearTo(), model->lastYear());
    }
    QTest::mouseClick(clear, Qt::LeftButton);
    QVERIFY(!m_window->selection()->hasYearRange());
    QVERIFY(!label->isVisible());
}

void TestChartPanes::timelineShowsTheSearch()
{
    QCheckBox *toggle = m_timeline->searchToggle();
    QLineSeries *line = m_timeline->searchSeries();
    QVERIFY(!toggle->isVisible()); // no search, nothing to show
    QVERIFY(!line->isVisible());
    m_window->selection()->setTextQuery(QStringLiteral("diplom*"));
    QVERIFY(toggle->isVisible());
    QVERIFY(toggle->text().contains(QStringLiteral("diplom*")));
    QVERIFY(!toggle->isChecked()); // off until asked for
    QVERIFY(!line->isVisible());
    QTest::mouseClick(toggle, Qt::LeftButton, {}, QPoint(8, toggle->height() / 2));
    QVERIFY(toggle->isChecked());
    TimelineModel *model = m_timeline->model();
    QCOMPARE(model->search(), QStringLiteral("diplom*"));
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(line->isVisible());
    // A point a year, at the count of the year's articles that match.
    QCOMPARE(line->count(), model->rowCount());
    int matching = 0;
    for (int r = 0; r < model->rowCount(); ++r) {
        QCOMPARE(line->at(r).y(), model->index(r, TimelineModel::SearchColumn).data().toDouble());
        matching += model->index(r, TimelineModel::SearchColumn).data().toInt();
    }
    Store store;
    QVERIFY(store.open(m_window->storePath(), Store::OpenMode::ReadOnly));
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM articles WHERE published_year IS NOT NULL AND id IN"
                                  " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'diplom*')")));
    QVERIFY(q.next());
    QCOMPARE(matching, q.value(0).toInt());
    QVERIFY(matching > 0);
    QVERIFY(QSettings().value(QStringLiteral("timeline/showSearch")).toBool()); // remembered
    // Unticked, the line goes; without a search, the box too.
    toggle->setChecked(false);
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(!line->isVisible());
    QVERIFY(model->search().isEmpty());
    toggle->setChecked(true);
    m_window->selection()->setTextQuery({});
    QVERIFY(!toggle->isVisible());
    QVERIFY(!line->isVisible());
    toggle->setChecked(false);
}

void TestChartPanes::clickingNodeFocusesIt()
{
    NetworkModel *model = m_network->model();
    QVERIFY(model->rowCount() > 1);
    const QString target = model->code(1);
    QVERIFY(target != m_window->selection()->focus().key);
    NetworkView *view = m_network->view();
    const QPoint at = view->nodePosition(target);
    QVERIFY(view->viewport()->rect().contains(at));
    QSignalSpy focus(m_window->selection(), &Selection::focusChanged);
    QVERIFY(focus.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(focus.count(), 1);
    QCOMPARE(m_window->selection()->focus().key, target);
    QVERIFY(view->isHighlighted(target));
    // Zooming keeps the node under the picture and its label readable (labels ignore the zoom).
    const double before = view->transform().m11();
    QTest::keyClick(view, Qt::Key_Plus);
    QVERIFY(view->transform().m11() > before);
    QTest::keyClick(view, Qt::Key_0);
}

void TestChartPanes::exportWaitsForTheChartsAnswer()
{
    // An export asked while a chart waits for its worker exports what the chart then shows, not the dimmed content
    // of before: each chart's export actions go through ChartExport::whenSettled().
    QVERIFY(settled());
    RelationPartnersModel *partners = m_relations->model();
    QVERIFY(partners->rowCount() > 1);
    const QString before = m_relations->chartCsv();
    const QString other = partners->index(0, 0).data(RelationPartnersModel::PartnerCodeRole).toString();
    QVERIFY(!other.isEmpty());
    QSemaphore gate;
    const auto release = qScopeGuard([&gate] { gate.release(); });
    const AsyncQuery *query = partners->query();
    const quint64 held = query->generation() + 1;
    AsyncQuery::setWorkerHook([&gate, held, query](const AsyncQuery *q, quint64 generation) {
        if (q == query && generation == held)
            gate.acquire();
    });
    m_window->selection()->setFocus({ QStringLiteral("country"), other });
    QVERIFY(m_relations->isWaiting());
    QString exported;
    int calls = 0;
    ChartExport::whenSettled(m_relations, m_window.get(), [&] {
        exported = m_relations->chartCsv();
        ++calls;
    });
    // Timers of the same interval as whenSettled()'s have run a few times: it had its chances, and waits still.
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(20);
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start();
    QTRY_VERIFY(ticks >= 4);
    ticker.stop();
    QCOMPARE(calls, 0);
    QVERIFY(m_relations->isWaiting());
    gate.release();
    QTRY_COMPARE(calls, 1);
    AsyncQuery::setWorkerHook({});
    QVERIFY(!m_relations->isWaiting());
    QCOMPARE(exported, m_relations->chartCsv());
    QVERIFY(exported != before);
    // A chart that waits for nothing exports at once.
    ChartExport::whenSettled(m_relations, m_window.get(), [&] { ++calls; });
    QCOMPARE(calls, 2);
}

void TestChartPanes::evidenceKeepsItsSentenceWhenReadAgain()
{
    // After an import into the open window the panes read the same store again (MainWindow::storeGrew): the
    // sentence picked in Evidence stays picked.
    RelationPartnersModel *partners = m_relations->model();
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(partners->rowCount() > 0);
    m_window->selection()->setPair(partners->pairA(0), partners->pairB(0));
    QVERIFY(settled());
    QAbstractItemModel *model = m_evidence->view()->model();
    QVERIFY(model->rowCount() >= 3);
    const int row = model->rowCount() - 1;
    m_evidence->view()->setCurrentIndex(model->index(row, EvidenceModel::SentenceColumn));
    const qint64 article = model->index(row, 0).data(EvidenceModel::ArticleIdRole).toLongLong();
    const qint64 start = model->index(row, 0).data(EvidenceModel::SentenceStartRole).toLongLong();
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QVERIFY(reset.isValid());
    m_evidence->setSession(m_window->session());
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(reset.size(), 1); // it was read again
    const QModelIndex current = m_evidence->view()->currentIndex();
    QVERIFY(current.isValid());
    QCOMPARE(current.data(EvidenceModel::ArticleIdRole).toLongLong(), article);
    QCOMPARE(current.data(EvidenceModel::SentenceStartRole).toLongLong(), start);
    QVERIFY(m_evidence->view()->selectionModel()->isRowSelected(current.row(), {}));
}

void TestChartPanes::networkExportsForGephi()
{
    // From the window: the network as the pane shows it, under its filters (tst_graphexport checks the file's every
    // count against the store); a name of no graph format is refused and nothing is written.
    QTemporaryDir dir;
    QString error;
    const auto readBack = [](const QString &path, QSet<QString> *nodes, QSet<QString> *edges) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        QXmlStreamReader xml(f.readAll());
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"edge")
                *edges << xml.attributes().value(QLatin1String("source")).toString() + u'|'
                        + xml.attributes().value(QLatin1String("target")).toString();
            if (xml.isStartElement() && xml.name() == u"node")
                *nodes << xml.attributes().value(QLatin1String("id")).toString();
        }
        return !xml.hasError();
    };
    const auto shown = [this](QSet<QString> *nodes, QSet<QString> *edges) {
        const NetworkModel *model = m_network->model();
        for (int r = 0; r < model->rowCount(); ++r)
            *nodes << model->code(r);
        for (const NetworkModel::Edge &e : model->edges()) {
            const QString a = model->code(e.from), b = model->code(e.to);
            *edges << (a < b ? a + u'|' + b : b + u'|' + a);
        }
    };
    const QString gexf = dir.filePath(QStringLiteral("network.gexf"));
    QVERIFY2(m_network->writeGraph(gexf, &error), qPrintable(error));
    QSet<QString> nodes, edges, paneNodes, paneEdges;
    QVERIFY(readBack(gexf, &nodes, &edges));
    shown(&paneNodes, &paneEdges);
    QCOMPARE(nodes, paneNodes);
    QCOMPARE(edges, paneEdges);
    QVERIFY(nodes.contains(m_window->selection()->focus().key));
    QVERIFY(edges.size() > 3);
    // Under a filter, the export follows the pane.
    auto *slider = m_network->findChild<QSlider *>(QStringLiteral("networkMinWeightSlider"));
    QVERIFY(slider);
    slider->setValue(slider->value() + 1); // two relations or more
    QVERIFY(settled());
    const QString graphml = dir.filePath(QStringLiteral("filtered.graphml"));
    QVERIFY2(m_network->writeGraph(graphml, &error), qPrintable(error));
    nodes.clear();
    edges.clear();
    paneNodes.clear();
    paneEdges.clear();
    QVERIFY(readBack(graphml, &nodes, &edges));
    shown(&paneNodes, &paneEdges);
    QCOMPARE(nodes, paneNodes);
    QCOMPARE(edges, paneEdges);
    const QString text = dir.filePath(QStringLiteral("network.txt"));
    QVERIFY(!m_network->writeGraph(text, &error));
    QVERIFY2(error.contains(QLatin1String(".gexf")), qPrintable(error));
    QVERIFY(!QFile::exists(text));
    // File > Export > Network offers it.
    bool offered = false;
    for (QAction *a : m_window->findChildren<QAction *>())
        offered |= a->text().contains(QLatin1String("Gephi"));
    QVERIFY(offered);
}

void TestChartPanes::networkFiltersFromTheControls()
{
    // The sliders moved and a tone picked as a user would: the view draws what the store holds under them (every
    // pair of the nodes checked), and the choices are remembered for the next window.
    NetworkModel *model = m_network->model();
    NetworkView *view = m_network->view();
    auto *weight = m_network->findChild<QSlider *>(QStringLiteral("networkMinWeightSlider"));
    auto *degree = m_network->findChild<QSlider *>(QStringLiteral("networkMinDegreeSlider"));
    auto *weightValue = m_network->findChild<QLabel *>(QStringLiteral("networkMinWeightValue"));
    auto *degreeValue = m_network->findChild<QLabel *>(QStringLiteral("networkMinDegreeValue"));
    auto *tone = m_network->findChild<QComboBox *>(QStringLiteral("networkToneCombo"));
    auto *organisations = m_network->findChild<QCheckBox *>(QStringLiteral("networkOrganisationsCheck"));
    QVERIFY(weight && degree && weightValue && degreeValue && tone && organisations);
    for (QWidget *w :
        std::initializer_list<QWidget *> { weight, degree, weightValue, degreeValue, tone, organisations })
        QVERIFY2(w->isVisible() && w->width() > 10, qPrintable(w->objectName()));
    QCOMPARE(weightValue->text(), QStringLiteral("≥ 1"));
    QCOMPARE(degreeValue->text(), QStringLiteral("any"));
    Store store;
    QVERIFY(store.open(m_window->storePath(), Store::OpenMode::ReadOnly));
    // Each pair of drawn nodes has an edge exactly when the store holds enough relations of the tone between them.
    const auto checkPairs = [&](const QString &toneName, int least) {
        if (view->nodeCodes().size() != model->rowCount() || view->edgeCount() != model->edges().size()) {
            qWarning() << "drawn" << view->nodeCodes().size() << view->edgeCount() << "of" << model->rowCount()
                       << model->edges().size();
            return false;
        }
        QSet<QString> drawn;
        for (const NetworkModel::Edge &e : model->edges())
            drawn << model->code(std::min(e.from, e.to)) + u'|' + model->code(std::max(e.from, e.to));
        int edges = 0;
        for (int x = 0; x < model->rowCount(); ++x) {
            for (int y = x + 1; y < model->rowCount(); ++y) {
                const QString a = model->code(x), b = model->code(y);
                QSqlQuery q(store.database());
                q.prepare(QStringLiteral("SELECT count(*) FROM relations WHERE ((a = ? AND b = ?) OR (a = ? AND b = ?))"
                                         " AND (? = '' OR tone = ?)"));
                const QString toneOrNone = toneName.isNull() ? QStringLiteral("") : toneName;
                for (const QVariant &v :
                    { QVariant(a), QVariant(b), QVariant(b), QVariant(a), QVariant(toneOrNone), QVariant(toneOrNone) })
                    q.addBindValue(v);
                if (!q.exec() || !q.next()) {
                    qWarning() << q.lastError().text();
                    return false;
                }
                const bool enough = q.value(0).toInt() >= least;
                edges += enough ? 1 : 0;
                if (enough != (drawn.contains(a + u'|' + b) || drawn.contains(b + u'|' + a))) {
                    qWarning() << a << b << q.value(0).toInt() << least;
                    return false;
                }
            }
        }
        if (edges != model->edges().size() || edges == 0)
            qWarning() << edges << "pairs related, edges" << model->edges().size();
        return edges == model->edges().size() && edges > 0;
    };
    // Organisations join as nodes.
    QTest::mouseClick(organisations, Qt::LeftButton, {}, QPoint(6, organisations->height() / 2));
    QVERIFY(settled());
    QTRY_VERIFY(organisations->isChecked());
    QVERIFY(settled());
    int organisation = -1;
    for (int r = 0; r < model->rowCount() && organisation < 0; ++r)
        organisation = model->isOrganisation(r) ? r : -1;
    QVERIFY(organisation >= 0);
    // Drawn apart from the countries: a dashed ring and its name in italics.
    const QString organisationCode = model->code(organisation);
    QVERIFY(organisations->font().italic()); // the switch in their style, as a key to it
    QTRY_COMPARE(view->outlineStyle(organisationCode), Qt::DashLine);
    QVERIFY(view->labelFont(organisationCode).italic());
    for (int r = 0; r < model->rowCount(); ++r) {
        if (!model->isOrganisation(r) && model->code(r) != m_window->selection()->focus().key) {
            QCOMPARE(view->outlineStyle(model->code(r)), Qt::SolidLine);
            QVERIFY(!view->labelFont(model->code(r)).italic());
        }
    }
    // Clicked, it becomes the focus as an organisation, as the Relations pane takes it.
    const QPoint at = view->nodePosition(organisationCode);
    QVERIFY(view->viewport()->rect().contains(at));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(m_window->selection()->focus(), (EntityRef { QStringLiteral("organization"), organisationCode }));
    QTRY_COMPARE(m_relations->model()->focusCountry(), organisationCode);
    QVERIFY(checkPairs(QString(), 1));
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    QVERIFY(resets.isValid());
    weight->setFocus();
    QTest::keyClick(weight, Qt::Key_Right);
    QTRY_COMPARE(resets.size(), 1);
    QCOMPARE(weightValue->text(), QStringLiteral("≥ 2"));
    QVERIFY(checkPairs(QString(), 2));
    // The next tone by the keyboard: "Cooperation" follows "All tones".
    tone->setFocus();
    QTest::keyClick(tone, Qt::Key_Down);
    QCOMPARE(tone->currentData().toString(), QStringLiteral("cooperation"));
    QTRY_COMPARE(resets.size(), 2);
    QVERIFY(checkPairs(QStringLiteral("cooperation"), 2));
    for (const NetworkModel::Edge &e : model->edges())
        QVERIFY(e.conflict == 0 && e.tone == 1.0);
    // Partners: every node left has at least two, among the nodes left.
    degree->setFocus();
    QTest::keyClick(degree, Qt::Key_Right);
    QTest::keyClick(degree, Qt::Key_Right);
    QTRY_COMPARE(degreeValue->text(), QStringLiteral("≥ 2"));
    QVERIFY(settled());
    QVERIFY(model->rowCount() > 2);
    QCOMPARE(view->nodeCodes().size(), model->rowCount());
    for (int r = 0; r < model->rowCount(); ++r)
        QVERIFY2(model->degree(r) >= 2, qPrintable(model->code(r)));
    // The biggest hub always has its name.
    QVERIFY(view->isLabelVisible(model->code(model->hubRow())));
    // Remembered: a new pane starts with them.
    QCOMPARE(QSettings().value(QStringLiteral("network/minWeight")).toInt(), 2);
    QCOMPARE(QSettings().value(QStringLiteral("network/minDegree")).toInt(), 2);
    QCOMPARE(QSettings().value(QStringLiteral("network/tone")).toString(), QStringLiteral("cooperation"));
    QCOMPARE(QSettings().value(QStringLiteral("network/organisations")).toBool(), true);
    Selection selection;
    NetworkPane again(&selection);
    const NetworkFilter f = again.model()->filter();
    QVERIFY(f.minWeight == 2 && f.minDegree == 2 && f.organisations && f.tone == NetworkFilter::Tone::Cooperation);
    // The legend names the communities.
    auto *legend = m_network->findChild<QLabel *>(QStringLiteral("networkLegend"));
    QVERIFY(legend && legend->isVisible());
    if (model->communityCount() > 0 && model->communitySize(0) > 1)
        QVERIFY2(legend->text().contains(
                     model->index(model->communityLead(0), NetworkModel::NameColumn).data().toString().toHtmlEscaped()),
            qPrintable(legend->text()));
}

void TestChartPanes::networkKeepsItsPlaces()
{
    // A new focus moves no node on the screen; a year range keeps every node that stays where it was in the layout,
    // and only the new ones are placed.
    NetworkModel *model = m_network->model();
    NetworkView *view = m_network->view();
    QVERIFY(model->rowCount() > 3);
    QHash<QString, QPoint> onScreen;
    QHash<QString, QPointF> laid;
    for (int r = 0; r < model->rowCount(); ++r) {
        onScreen.insert(model->code(r), view->nodePosition(model->code(r)));
        laid.insert(model->code(r), model->position(r));
    }
    const QString other = model->code(2);
    QVERIFY(other != m_window->selection()->focus().key);
    m_window->selection()->setFocus({ QStringLiteral("country"), other });
    QVERIFY(settled());
    QTRY_VERIFY(view->isHighlighted(other));
    for (auto it = onScreen.cbegin(); it != onScreen.cend(); ++it)
        QCOMPARE(view->nodePosition(it.key()), *it);
    Store store;
    QVERIFY(store.open(m_window->storePath(), Store::OpenMode::ReadOnly));
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT min(published_year), max(published_year) FROM articles")));
    QVERIFY(q.next());
    const int first = q.value(0).toInt(), last = q.value(1).toInt();
    QVERIFY(last > first);
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    QVERIFY(resets.isValid());
    const QRectF before = model->layoutBounds();
    m_window->selection()->setYearRange(first, (first + last) / 2);
    QVERIFY(settled());
    QTRY_VERIFY(!resets.isEmpty());
    QCOMPARE(model->filter().yearFrom, first); // the network follows the year range
    int kept = 0, still = 0;
    for (int r = 0; r < model->rowCount(); ++r) {
        const auto it = laid.constFind(model->code(r));
        if (it == laid.constEnd())
            continue;
        QCOMPARE(model->position(r), *it);
        // On the screen too, as long as no new node widened the picture.
        if (model->layoutBounds() == before) {
            QCOMPARE(view->nodePosition(model->code(r)), onScreen.value(model->code(r)));
            ++still;
        }
        ++kept;
    }
    QVERIFY(kept > 2);
    // The samples name fewer countries than the top 40: a year range only takes nodes away, and every one left
    // stays where it was on the screen.
    QCOMPARE(still, kept);
    // And back to every year: the same places as at first.
    m_window->selection()->clearYearRange();
    QVERIFY(settled());
    QTRY_COMPARE(model->filter().yearFrom, 0);
    for (int r = 0; r < model->rowCount(); ++r)
        QCOMPARE(model->position(r), laid.value(model->code(r)));
}

void TestChartPanes::exportTextFitsWithoutOverlap_data()
{
    QTest::addColumn<QString>("pane");
    QTest::addColumn<bool>("focused");
    QTest::addColumn<QSize>("pixels");
    QTest::addColumn<int>("dpi");
    // "country": compared with the focus's strongest partner; "period": its first years against the others;
    // "organisations": the network with the organisations among its nodes.
    QTest::addColumn<QString>("comparison");
    // A report's full page, a small print export (issue 13: it cut the legend), a slide at 144 dpi and a small screen
    // picture.
    const QList<std::tuple<QSize, int>> sizes
        = { { QSize(1600, 1000), 96 }, { QSize(800, 400), 200 }, { QSize(1280, 720), 144 }, { QSize(640, 480), 96 } };
    for (const char *pane : { "relations", "network", "timeline" }) {
        for (const bool focused : { true, false }) {
            for (const auto &[pixels, dpi] : sizes)
                QTest::addRow("%s %s %dx%d at %d dpi", pane, focused ? "focused" : "whole corpus", pixels.width(),
                    pixels.height(), dpi)
                    << QString::fromLatin1(pane) << focused << pixels << dpi << QString();
        }
    }
    for (const auto &[pixels, dpi] : sizes) {
        QTest::addRow("relations compared %dx%d at %d dpi", pixels.width(), pixels.height(), dpi)
            << QStringLiteral("relations") << true << pixels << dpi << QStringLiteral("country");
        QTest::addRow("relations against years %dx%d at %d dpi", pixels.width(), pixels.height(), dpi)
            << QStringLiteral("relations") << true << pixels << dpi << QStringLiteral("period");
        QTest::addRow("timeline compared %dx%d at %d dpi", pixels.width(), pixels.height(), dpi)
            << QStringLiteral("timeline") << true << pixels << dpi << QStringLiteral("country");
        // Organisations among the nodes: more names, some in italics.
        QTest::addRow("network with organisations %dx%d at %d dpi", pixels.width(), pixels.height(), dpi)
            << QStringLiteral("network") << true << pixels << dpi << QStringLiteral("organisations");
    }
}

void TestChartPanes::exportTextFitsWithoutOverlap()
{
    QFETCH(QString, pane);
    QFETCH(bool, focused);
    QFETCH(QSize, pixels);
    QFETCH(int, dpi);
    QFETCH(QString, comparison);
    if (!focused)
        m_window->selection()->setFocus({});
    m_relations->setLimit(25); // every partner the samples have, and more: the tightest list they can make
    QVERIFY(settled());
    if (comparison == u"country") {
        m_window->selection()->setComparison(m_relations->model()->pairB(0));
        QVERIFY(settled());
        QVERIFY(m_relations->isComparing());
    } else if (comparison == u"organisations") {
        auto *organisations = m_network->findChild<QCheckBox *>(QStringLiteral("networkOrganisationsCheck"));
        QVERIFY(organisations);
        organisations->setChecked(true);
        QVERIFY(m_network->model()->filter().organisations);
    } else if (comparison == u"period") {
        const TimelineModel *timeline = m_timeline->model();
        const int middle = (timeline->firstYear() + timeline->lastYear()) / 2;
        m_window->selection()->setYearRange(timeline->firstYear(), middle);
        QVERIFY(settled());
        m_relations->setAgainstPeriod(middle + 1, timeline->lastYear());
        QVERIFY(m_relations->isComparing());
    }
    QVERIFY(settled());
    QCoreApplication::sendPostedEvents();
    const ExportableChart *chart = pane == u"relations" ? static_cast<const ExportableChart *>(m_relations)
        : pane == u"network"                            ? static_cast<const ExportableChart *>(m_network)
                                                        : static_cast<const ExportableChart *>(m_timeline);
    // As ChartExport::image() draws: logical pixels of 1/96 inch, scaled to the DPI.
    TextDevice device(pixels);
    QPainter painter(&device);
    const double scale = dpi / 96.0;
    painter.scale(scale, scale);
    chart->renderChart(&painter, QRectF(0, 0, pixels.width() / scale, pixels.height() / scale));
    painter.end();

    const QList<TextRecorder::Text> &texts = device.texts();
    QVERIFY2(texts.size() >= 6, "a title, a legend and labels");
    const QRectF page = QRectF(QPointF(0, 0), QSizeF(pixels)).adjusted(-1, -1, 1, 1);
    QStringList all;
    for (const TextRecorder::Text &t : texts)
        all << t.text;
    if (focused) {
        const QString focusName = Gazetteer::shared().countryName(m_window->selection()->focus().key);
        QVERIFY2(all.join(u' ').contains(focusName), qPrintable(focusName + QStringLiteral(": ") + all.join(u'|')));
    } else if (pane != u"network") { // the network's title says which countries it has
        QVERIFY2(
            all.join(u' ').contains(QLatin1String("all countries"), Qt::CaseInsensitive), qPrintable(all.join(u'|')));
    }
    // The title (the largest type, on one line or two, never cut short of them) names the years: all, or a range.
    int titlePixels = 0;
    for (const TextRecorder::Text &t : texts)
        titlePixels = std::max(titlePixels, t.font.pixelSize());
    QStringList title;
    for (const TextRecorder::Text &t : texts)
        if (t.font.pixelSize() == titlePixels)
            title << t.text;
    static const QRegularExpression years(QStringLiteral("(all years|\\b\\d{4}(–\\d{4})?)$"));
    QVERIFY2(title.join(u' ').contains(years), qPrintable(title.join(u'|')));
    if (comparison == u"country") {
        const QString otherName = Gazetteer::shared().countryName(m_window->selection()->comparison());
        QVERIFY2(all.join(u' ').contains(otherName), qPrintable(otherName + QStringLiteral(": ") + all.join(u'|')));
    }
    QVERIFY2(all.join(u' ').contains(QFileInfo(m_window->storePath()).fileName()), "the caption names the store");
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const TextRecorder::Text &a = texts.at(i);
        QVERIFY2(page.contains(a.rect),
            qPrintable(QStringLiteral("'%1' at %2,%3 %4x%5 lies outside the picture")
                           .arg(a.text)
                           .arg(a.rect.x())
                           .arg(a.rect.y())
                           .arg(a.rect.width())
                           .arg(a.rect.height())));
        // A pixel of anti-aliasing either way is no overlap.
        const QRectF inner = a.rect.adjusted(1, 1, -1, -1);
        for (qsizetype j = i + 1; j < texts.size(); ++j) {
            const TextRecorder::Text &b = texts.at(j);
            QVERIFY2(!inner.intersects(b.rect.adjusted(1, 1, -1, -1)),
                qPrintable(QStringLiteral("'%1' overlaps '%2'").arg(a.text, b.text)));
        }
    }
}

void TestChartPanes::exportDialogSaysTheTextSize_data()
{
    QTest::addColumn<QSize>("pixels");
    QTest::addColumn<int>("dpi");
    QTest::addColumn<QString>("text");
    QTest::newRow("a report's page") << QSize(1600, 1000) << 96
                                     << QStringLiteral("Text: 16 px, 12 pt printed at 96 dpi");
    // Twice the pixels at twice the DPI: the same page, twice as sharp.
    QTest::newRow("the same page for print")
        << QSize(3200, 2000) << 192 << QStringLiteral("Text: 32 px, 12 pt printed at 192 dpi");
    // The smallest type there is: 9 logical pixels (6.75 pt).
    QTest::newRow("small print export") << QSize(800, 400) << 200
                                        << QStringLiteral("Text: 19 px, 7 pt printed at 200 dpi");
}

void TestChartPanes::exportDialogSaysTheTextSize()
{
    QFETCH(QSize, pixels);
    QFETCH(int, dpi);
    QFETCH(QString, text);
    ExportDialog dialog(m_window.get());
    dialog.setImageSize(pixels);
    dialog.setDpi(dpi);
    auto *label = dialog.findChild<QLabel *>(QStringLiteral("exportTextSize"));
    QVERIFY(label);
    QCOMPARE(label->text(), text);
    QCOMPARE(dialog.textSizeText(), text);
    if (qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS") && dpi == 200)
        dialog.grab().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS") + QStringLiteral("/export-dialog.png"));
}

void TestChartPanes::organisationsCanBeHidden()
{
    // The sample corpus has an organisation among its relation partners (the UN and its bodies, or the EU).
    m_window->selection()->setFocus({});
    QVERIFY(settled());
    m_relations->setLimit(100);
    QCoreApplication::sendPostedEvents();
    QVERIFY(settled()); // the model asks its worker again for a hundred rows
    RelationPartnersModel *model = m_relations->model();
    const auto organisationRows = [model] {
        QList<int> rows;
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, 0).data(RelationPartnersModel::OrganisationRole).toBool())
                rows << r;
        return rows;
    };
    const QList<int> withOrganisations = organisationRows();
    QVERIFY2(!withOrganisations.isEmpty(), "the samples relate countries to organisations");
    const int rowsBefore = model->rowCount();
    // Their bars are drawn paler: the bar sets' selected bars, counted from the bottom.
    const QList<QBarSet *> sets = m_relations->series()->barSets();
    QVERIFY(!sets.isEmpty());
    for (QBarSet *set : sets) {
        QCOMPARE(set->selectedBars().size(), withOrganisations.size());
        QVERIFY(set->selectedColor().lightness() > set->color().lightness());
    }
    QVERIFY(sets.first()->isBarSelected(rowsBefore - 1 - withOrganisations.first()));
    // Their names in italics, on the screen (the axis' labels are rich text) and in an export; the countries' upright.
    const auto italicLabels = [this] {
        auto *names = qobject_cast<QBarCategoryAxis *>(m_relations->chartView()->chart()->axes(Qt::Vertical).value(0));
        QList<int> rows; // model rows, top down
        const QStringList labels = names ? names->categories() : QStringList();
        for (qsizetype i = 0; i < labels.size(); ++i)
            if (labels.at(i).startsWith(QLatin1String("<i>")))
                rows.prepend(int(labels.size() - 1 - i)); // labels count from the bottom
        return rows;
    };
    QCOMPARE(italicLabels(), withOrganisations);
    {
        TextDevice device(QSize(1600, 1000));
        QPainter painter(&device);
        m_relations->renderChart(&painter, QRectF(0, 0, 1600, 1000));
        painter.end();
        int italic = 0, upright = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QString name = model->index(r, RelationPartnersModel::NameColumn).data().toString();
            for (const TextRecorder::Text &t : device.texts()) {
                if (t.text != name)
                    continue;
                QCOMPARE(t.font.italic(), withOrganisations.contains(r));
                ++(t.font.italic() ? italic : upright);
            }
        }
        QVERIFY2(
            italic > 0 && upright > 0, qPrintable(QStringLiteral("%1 italic, %2 upright").arg(italic).arg(upright)));
        // The legend says what the pale bars and the italics are.
        QVERIFY(std::any_of(device.texts().cbegin(), device.texts().cend(),
            [](const TextRecorder::Text &t) { return t.text.contains(QLatin1String("italics")); }));
    }

    auto *check = m_relations->findChild<QCheckBox *>(QStringLiteral("organisationsCheck"));
    QVERIFY(check && check->isChecked());
    QVERIFY(check->font().italic()); // the switch in the organisations' own style
    check->click();
    QVERIFY(!model->organisationsShown());
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(organisationRows().isEmpty());
    QCOMPARE(model->rowCount(), rowsBefore - withOrganisations.size());
    for (QBarSet *set : m_relations->series()->barSets())
        QVERIFY(set->selectedBars().isEmpty());
    QVERIFY(italicLabels().isEmpty());
    const QString csv = m_relations->chartCsv();
    QVERIFY(csv.startsWith(QLatin1String("a,b,name,")));
    QVERIFY(!csv.contains(QLatin1String(",1\n")));
    // Remembered: a new window starts with countries only.
    QCOMPARE(QSettings().value(QStringLiteral("relations/organisations")).toBool(), false);
    RelationsPane fresh(m_window->selection());
    QVERIFY(!fresh.model()->organisationsShown());
    check->click();
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(model->rowCount(), rowsBefore);
}

namespace {

// The (cooperation, conflict, neutral or mixed) relations of `a` to `b` per year, from SQL: what the Timeline shows
// for a comparison.
QMap<int, std::array<int, 3>> pairPerYear(const QString &storePath, const QString &a, const QString &b)
{
    QMap<int, std::array<int, 3>> years;
    Store store;
    if (!store.open(storePath, Store::OpenMode::ReadOnly))
        return years;
    QSqlQuery q(store.database());
    q.prepare(QStringLiteral("SELECT year, tone FROM relations WHERE a = ? AND b = ? AND year IS NOT NULL"));
    q.addBindValue(a);
    q.addBindValue(b);
    if (!q.exec())
        return years;
    while (q.next()) {
        const QString tone = q.value(1).toString();
        auto &counts = years[q.value(0).toInt()];
        ++counts[tone == u"cooperation" ? 0 : tone == u"conflict" ? 1 : 2];
    }
    return years;
}

// Which entities are mentioned in an article with `a` (bit 1) and in one with `b` (bit 2), from SQL row by row.
QHash<QString, int> sidesOf(const QString &storePath, const QString &a, const QString &b)
{
    QHash<QString, int> sides;
    Store store;
    if (!store.open(storePath, Store::OpenMode::ReadOnly))
        return sides;
    for (const auto &[code, bit] : { std::pair { a, 1 }, std::pair { b, 2 } }) {
        QSqlQuery q(store.database());
        q.prepare(QStringLiteral("SELECT DISTINCT e.kind || ':' || e.key FROM mentions m JOIN entities e ON e.id ="
                                 " m.entity_id WHERE m.article_id IN (SELECT article_id FROM mentions WHERE entity_id ="
                                 " (SELECT id FROM entities WHERE kind = 'country' AND key = ?))"));
        q.addBindValue(code);
        if (!q.exec())
            return {};
        while (q.next())
            sides[q.value(0).toString()] |= bit;
    }
    return sides;
}

// Opens `widget`'s context menu at `pos` and triggers the action named `name` in it (or in a submenu).
bool triggerContextAction(QWidget *widget, const QPoint &pos, const QString &name)
{
    bool found = false;
    QTimer::singleShot(0, widget, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        if (auto *action = menu->findChild<QAction *>(name)) {
            found = true;
            action->trigger();
        }
        menu->close();
    });
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, widget->mapToGlobal(pos));
    QCoreApplication::sendEvent(widget, &event);
    return found;
}

} // namespace

void TestChartPanes::ctrlClickComparesInEveryPane()
{
    Selection *selection = m_window->selection();
    const QString a = selection->focus().key;
    QChartView *view = m_relations->chartView();
    RelationPartnersModel *model = m_relations->model();
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(model->rowCount() > 1);
    QVERIFY(!m_relations->secondChartView()->isVisible());
    QTRY_VERIFY(view->chart()->plotArea().height() > 50);
    // Ctrl+click on the strongest partner's bar (the top one) compares the focus with it; the focus stays.
    const QString b = model->pairB(0);
    const double value = model->index(0, RelationPartnersModel::TotalColumn).data().toDouble() / 2;
    const QPointF inChart = view->chart()->mapToPosition(QPointF(value, model->rowCount() - 1), m_relations->series());
    QSignalSpy compared(selection, &Selection::comparisonChanged);
    QSignalSpy pair(selection, &Selection::pairChanged);
    QVERIFY(compared.isValid() && pair.isValid());
    QTest::mouseClick(
        view->viewport(), Qt::LeftButton, Qt::ControlModifier, view->mapFromScene(view->chart()->mapToScene(inChart)));
    QTRY_COMPARE(compared.count(), 1);
    QCOMPARE(selection->comparison(), b);
    QCOMPARE(selection->focus().key, a);
    QCOMPARE(pair.count(), 0); // a comparison, not the pair's evidence

    // Relations: the two side by side, the second what a model of B alone says, on the same scale.
    QTRY_VERIFY(m_relations->secondChartView()->isVisible());
    RelationPartnersModel *second = m_relations->secondModel();
    QAbstractItemModelTester tester(second, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(second->focusCountry(), b);
    RelationPartnersModel alone;
    alone.setLimit(model->limit());
    alone.setSession(m_window->session());
    alone.setFocusCountry(b);
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(second->rowCount(), alone.rowCount());
    for (int r = 0; r < alone.rowCount(); ++r) {
        QCOMPARE(second->pairB(r), alone.pairB(r));
        QCOMPARE(second->index(r, RelationPartnersModel::TotalColumn).data(),
            alone.index(r, RelationPartnersModel::TotalColumn).data());
    }
    const auto valueAxis
        = [](QChartView *v) { return qobject_cast<QValueAxis *>(v->chart()->axes(Qt::Horizontal).value(0)); };
    QVERIFY(valueAxis(view) && valueAxis(m_relations->secondChartView()));
    QCOMPARE(valueAxis(view)->max(), valueAxis(m_relations->secondChartView())->max());
    QCOMPARE(m_relations->secondSeries()->barSets().first()->count(), second->rowCount());
    QVERIFY(m_relations->secondChartView()->chart()->title().contains(Gazetteer::shared().countryName(b)));
    // One key to both, whole, across the foot of the two charts (half a pane would elide it to "Co… C…"); no legend
    // in either chart.
    auto *key = m_relations->findChild<QLabel *>(QStringLiteral("comparedLegend"));
    QVERIFY(key);
    QTRY_VERIFY(key->isVisible());
    QVERIFY(!view->chart()->legend()->isVisible());
    QVERIFY(!m_relations->secondChartView()->chart()->legend()->isVisible());
    for (QBarSet *set : m_relations->series()->barSets())
        QVERIFY2(key->text().contains(set->label()), qPrintable(key->text()));
    QVERIFY(m_relations->rect().contains(key->geometry()));
    QVERIFY(key->geometry().left() <= m_relations->secondChartView()->mapTo(m_relations, QPoint(0, 0)).x());
    QVERIFY(key->width() >= key->sizeHint().width());
    // The CSV has both, each row under its side.
    const QStringList csv = m_relations->chartCsv().split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(csv.first().startsWith(QLatin1String("side,a,b,name,")));
    QCOMPARE(csv.size(), 1 + model->rowCount() + second->rowCount());
    QVERIFY(csv.at(1).startsWith(a + u',' + a + u','));
    QVERIFY(csv.last().startsWith(b + u',' + b + u','));

    // Timeline: the relations between the two, A → B above the axis and B → A below, as SQL counts them.
    TimelineModel *timeline = m_timeline->model();
    QCOMPARE(timeline->partner(), b);
    const auto forward = pairPerYear(m_window->storePath(), a, b);
    const auto back = pairPerYear(m_window->storePath(), b, a);
    QVERIFY(!forward.isEmpty() || !back.isEmpty());
    int drawn = 0;
    for (int r = 0; r < timeline->rowCount(); ++r) {
        const int year = timeline->year(r);
        for (int t = 0; t < 3; ++t) {
            QCOMPARE(timeline->index(r, TimelineModel::CooperationColumn + t).data().toInt(), forward.value(year)[t]);
            QCOMPARE(timeline->index(r, TimelineModel::BackCooperationColumn + t).data().toInt(), -back.value(year)[t]);
            drawn += forward.value(year)[t] + back.value(year)[t];
        }
    }
    QVERIFY(drawn > 0);
    QCOMPARE(m_timeline->chartView()->chart()->series().isEmpty(), false);
    auto *bars = qobject_cast<QStackedBarSeries *>(m_timeline->chartView()->chart()->series().first());
    QVERIFY(bars);
    QCOMPARE(bars->barSets().size(), 6);
    QVERIFY(m_timeline->chartCsv().startsWith(QStringLiteral("year,articles,%1_to_%2_cooperation").arg(a, b)));

    // Entities: which are mentioned with one, the other, both; the filter shows each as SQL counts it.
    auto *entities = m_window->findChild<EntitiesPane *>();
    QVERIFY(entities);
    QComboBox *side = entities->comparisonSide();
    QTRY_VERIFY(side->isVisible());
    QCOMPARE(side->count(), 4);
    // The counts come from a worker: the pane shows them as the model's answer arrives.
    const auto *entityModel = qobject_cast<EntityListModel *>(entities->proxy()->sourceModel());
    QVERIFY(entityModel);
    QTRY_VERIFY(!entityModel->isBusy());
    const QHash<QString, int> sides = sidesOf(m_window->storePath(), a, b);
    QVERIFY(!sides.isEmpty());
    QSortFilterProxyModel *proxy = entities->proxy();
    for (int choice = 1; choice <= 3; ++choice) {
        int expected = 0;
        for (auto it = sides.cbegin(); it != sides.cend(); ++it)
            if (it.value() == choice && it.key() != QStringLiteral("country:") + a
                && it.key() != QStringLiteral("country:") + b)
                ++expected;
        QVERIFY2(
            side->itemText(choice).contains(QStringLiteral("(%1)").arg(expected)), qPrintable(side->itemText(choice)));
        side->setCurrentIndex(choice);
        int shown = 0;
        QSet<QString> seenKeys;
        for (int g = 0; g < proxy->rowCount(); ++g) {
            const QModelIndex group = proxy->index(g, 0);
            for (int r = 0; r < proxy->rowCount(group); ++r) {
                const QModelIndex entity = proxy->index(r, 0, group);
                const QString key = entity.data(EntityListModel::KindRole).toString() + u':'
                    + entity.data(EntityListModel::KeyRole).toString();
                QCOMPARE(sides.value(key), choice);
                seenKeys.insert(key);
                if (key != QStringLiteral("country:") + a && key != QStringLiteral("country:") + b)
                    ++shown;
            }
        }
        QStringList missing;
        for (auto it = sides.cbegin(); it != sides.cend(); ++it)
            if (it.value() == choice && !seenKeys.contains(it.key()))
                missing << it.key();

        QVERIFY2(shown == expected,
            qPrintable(QStringLiteral("choice %1: %2 shown, %3 expected; not shown: %4")
                           .arg(choice)
                           .arg(shown)
                           .arg(expected)
                           .arg(missing.join(u' '))));
        QCOMPARE(selection->focus().key, a); // the filter hid the focus's row: still the focus
    }
    side->setCurrentIndex(0);
    QVERIFY(settled());

    // Ctrl+click in the Entities list compares with another country; the focus stays.
    QTreeView *tree = entities->view();
    QModelIndex other;
    for (int g = 0; g < proxy->rowCount() && !other.isValid(); ++g) {
        const QModelIndex group = proxy->index(g, 0);
        if (group.data(EntityListModel::KindRole).toString() != u"country")
            continue;
        tree->expand(group);
        for (int r = 0; r < proxy->rowCount(group); ++r) {
            const QString key = proxy->index(r, 0, group).data(EntityListModel::KeyRole).toString();
            if (key != a && key != b) {
                other = proxy->index(r, 0, group);
                break;
            }
        }
    }
    QVERIFY(other.isValid());
    const QString c = other.data(EntityListModel::KeyRole).toString();
    tree->scrollTo(other);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::ControlModifier, tree->visualRect(other).center());
    QTRY_COMPARE(selection->comparison(), c);
    QCOMPARE(selection->focus().key, a);
    QCOMPARE(m_relations->secondModel()->focusCountry(), c);
    QCOMPARE(m_timeline->model()->partner(), c);

    // Ctrl+click on a node of the Network: the same.
    NetworkModel *network = m_network->model();
    QString node;
    for (int r = 0; r < network->rowCount() && node.isEmpty(); ++r)
        if (network->code(r) != a && network->code(r) != c && !network->isOrganisation(r))
            node = network->code(r);
    QVERIFY(!node.isEmpty());
    m_network->show();
    QTest::mouseClick(
        m_network->view()->viewport(), Qt::LeftButton, Qt::ControlModifier, m_network->view()->nodePosition(node));
    QTRY_COMPARE(selection->comparison(), node);
    QCOMPARE(selection->focus().key, a);

    // Back walks the comparisons; clearing the focus clears the comparison, and every pane shows one country again.
    selection->back();
    QVERIFY(settled());
    QCOMPARE(selection->comparison(), c);
    selection->clearFocus();
    QVERIFY(settled());
    QVERIFY(!selection->hasComparison());
    QVERIFY(!m_relations->secondChartView()->isVisible());
    QVERIFY(m_timeline->model()->partner().isEmpty());
    QVERIFY(!side->isVisible());
}

void TestChartPanes::comparisonFromMenus()
{
    Selection *selection = m_window->selection();
    RelationPartnersModel *model = m_relations->model();
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(model->rowCount() > 2);
    // The Relations chart's context menu lists the focus's partners to compare with.
    const QString b = model->pairB(2);
    QVERIFY(triggerContextAction(m_relations, m_relations->rect().center(), QStringLiteral("compareWith_") + b));
    QCOMPARE(selection->comparison(), b);
    QVERIFY(m_relations->secondChartView()->isVisible());
    QVERIFY(triggerContextAction(m_relations, m_relations->rect().center(), QStringLiteral("stopComparing")));
    QVERIFY(!selection->hasComparison());

    // Go > Compare With… asks for a code; an unknown one changes nothing.
    auto *compare = m_window->findChild<QAction *>(QStringLiteral("compareWithAction"));
    auto *stop = m_window->findChild<QAction *>(QStringLiteral("stopComparingAction"));
    QVERIFY(compare && stop);
    QVERIFY(compare->isEnabled());
    QVERIFY(!stop->isEnabled());
    const QString c = model->pairB(1);
    for (const QString &answer : { QStringLiteral("XYZZY"), c.toLower() }) {
        compare->trigger();
        QInputDialog *ask = nullptr;
        QTRY_VERIFY((ask = m_window->findChild<QInputDialog *>(QStringLiteral("compareDialog"))) != nullptr);
        ask->setTextValue(answer);
        ask->accept();
        QTRY_VERIFY(!m_window->findChild<QInputDialog *>(QStringLiteral("compareDialog")));
    }
    QCOMPARE(selection->comparison(), c);
    // A name, typed or as the list offers it, does as well as a code.
    for (const QString &answer : { QStringLiteral("France"), QStringLiteral("Germany (DEU)") }) {
        compare->trigger();
        QInputDialog *ask = nullptr;
        QTRY_VERIFY((ask = m_window->findChild<QInputDialog *>(QStringLiteral("compareDialog"))) != nullptr);
        QVERIFY(ask->comboBoxItems().contains(QStringLiteral("Germany (DEU)")));
        ask->setTextValue(answer);
        ask->accept();
        QTRY_VERIFY(!m_window->findChild<QInputDialog *>(QStringLiteral("compareDialog")));
        QCOMPARE(selection->comparison(), answer.startsWith(u'F') ? QStringLiteral("FRA") : QStringLiteral("DEU"));
    }
    QVERIFY(stop->isEnabled());
    stop->trigger();
    QVERIFY(!selection->hasComparison());

    // The Entities list's context menu compares with the country under the mouse.
    auto *entities = m_window->findChild<EntitiesPane *>();
    QVERIFY(entities);
    QSortFilterProxyModel *proxy = entities->proxy();
    QTreeView *tree = entities->view();
    const QModelIndex countries = proxy->index(0, 0);
    QCOMPARE(countries.data(EntityListModel::KindRole).toString(), QStringLiteral("country"));
    tree->expand(countries);
    QModelIndex target;
    for (int r = 0; r < proxy->rowCount(countries) && !target.isValid(); ++r)
        if (proxy->index(r, 0, countries).data(EntityListModel::KeyRole).toString() != selection->focus().key)
            target = proxy->index(r, 0, countries);
    QVERIFY(target.isValid());
    const QString key = target.data(EntityListModel::KeyRole).toString();
    tree->scrollTo(target);
    QVERIFY(
        triggerContextAction(tree->viewport(), tree->visualRect(target).center(), QStringLiteral("compareWithEntity")));
    QCOMPARE(selection->comparison(), key);
    // Not for a person, nor for the focus itself.
    QMenu none;
    entities->addCompareAction(&none, selection->focus());
    entities->addCompareAction(&none, { QStringLiteral("person"), QStringLiteral("Someone") });
    QVERIFY(none.isEmpty());
}

void TestChartPanes::periodAgainstPeriod()
{
    Selection *selection = m_window->selection();
    const QString a = selection->focus().key;
    TimelineModel *timeline = m_timeline->model();
    const int first = timeline->firstYear(), last = timeline->lastYear();
    QVERIFY(last > first);
    const int middle = (first + last) / 2;
    // The Timeline's years against others typed in the Relations pane.
    selection->setYearRange(first, middle);
    QVERIFY(settled());
    QLineEdit *against = m_relations->againstField();
    QVERIFY(!against->isVisible()); // the context menu shows it
    QVERIFY(triggerContextAction(m_relations, m_relations->rect().center(), QStringLiteral("againstYears")));
    QTRY_VERIFY(against->isVisible());
    against->setFocus();
    QTest::keyClicks(against, QStringLiteral("%1-%2").arg(middle + 1).arg(last));
    QTest::keyClick(against, Qt::Key_Return);
    QTRY_VERIFY(m_relations->secondChartView()->isVisible());
    QVERIFY(m_relations->isComparing());
    RelationPartnersModel *second = m_relations->secondModel();
    QCOMPARE(second->focusCountry(), a);
    RelationPartnersModel later;
    later.setLimit(m_relations->model()->limit());
    later.setSession(m_window->session());
    later.setFocusCountry(a);
    later.setYearRange(middle + 1, last);
    RelationPartnersModel earlier;
    earlier.setLimit(m_relations->model()->limit());
    earlier.setSession(m_window->session());
    earlier.setFocusCountry(a);
    earlier.setYearRange(first, middle);
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(second->rowCount(), later.rowCount());
    QVERIFY(settled()); // the models answer from a worker
    QCOMPARE(m_relations->model()->rowCount(), earlier.rowCount());
    for (int r = 0; r < later.rowCount(); ++r)
        QCOMPARE(second->index(r, RelationPartnersModel::TotalColumn).data(),
            later.index(r, RelationPartnersModel::TotalColumn).data());
    const QString years
        = middle + 1 == last ? QString::number(last) : QStringLiteral("%1–%2").arg(middle + 1).arg(last);
    QCOMPARE(m_relations->secondChartView()->chart()->title(), years);
    const QStringList csv = m_relations->chartCsv().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(csv.size(), 1 + earlier.rowCount() + later.rowCount());
    QVERIFY(csv.last().startsWith(years + u','));

    // Every format holds both sides.
    QTemporaryDir dir;
    for (const char *format : { "png", "svg", "pdf", "csv" }) {
        const QString path = dir.filePath(QStringLiteral("against.") + QLatin1String(format));
        QString error;
        QVERIFY2(ChartExport::write(*m_relations, path, QSize(1200, 800), 96, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        if (qstrcmp(format, "svg") == 0 || qstrcmp(format, "csv") == 0)
            QVERIFY2(QString::fromUtf8(bytes).contains(years), format);
        else
            QVERIFY2(bytes.size() > 4000, format);
    }

    // The field cleared: one chart again, and the field goes away.
    against->clear();
    QTest::keyClick(against, Qt::Key_Return);
    QTRY_VERIFY(!m_relations->secondChartView()->isVisible());
    QVERIFY(!against->isVisible());
    QVERIFY(!m_relations->isComparing());
}

void TestChartPanes::exportsHoldTheChart_data()
{
    QTest::addColumn<QString>("pane");
    QTest::addColumn<QString>("format");
    for (const char *pane : { "relations", "network", "timeline" })
        for (const char *format : { "png", "svg", "pdf", "csv" })
            QTest::addRow("%s as %s", pane, format) << QString::fromLatin1(pane) << QString::fromLatin1(format);
}

void TestChartPanes::exportsHoldTheChart()
{
    QFETCH(QString, pane);
    QFETCH(QString, format);
    const ExportableChart *chart = pane == u"relations" ? static_cast<const ExportableChart *>(m_relations)
        : pane == u"network"                            ? static_cast<const ExportableChart *>(m_network)
                                                        : static_cast<const ExportableChart *>(m_timeline);
    QTemporaryDir dir;
    const QString path = dir.filePath(pane + u'.' + format);
    const QSize size(1200, 800);
    QString error;
    QVERIFY2(ChartExport::write(*chart, path, size, 96, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const QString focusName = Gazetteer::shared().countryName(m_window->selection()->focus().key);
    QVERIFY(!focusName.isEmpty());
    if (format == u"png") {
        const QImage image = QImage::fromData(bytes, "PNG");
        QCOMPARE(image.size(), size);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 8, "a picture, not a blank page");
        // A doubled DPI draws the same chart twice as fine into twice the pixels.
        const QImage sharp = ChartExport::image(*chart, size * 2, 192);
        QCOMPARE(sharp.size(), size * 2);
        QCOMPARE(qRound(sharp.dotsPerMeterX() * 0.0254), 192);
    } else if (format == u"svg") {
        QXmlStreamReader xml(bytes);
        QString text;
        bool sawSvg = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"svg")
                sawSvg = true;
            if (xml.isCharacters())
                text += xml.text();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(sawSvg);
        QVERIFY2(text.contains(focusName), qPrintable(focusName));
    } else if (format == u"pdf") {
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.contains("/Type /Page"));
        QVERIFY(bytes.size() > 4000);
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    } else {
        const QStringList lines = QString::fromUtf8(bytes).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 1);
        if (pane == u"relations") {
            QVERIFY(lines.first().startsWith(QLatin1String("a,b,name,cooperation,conflict,neutral,mixed")));
            QCOMPARE(lines.size(), m_relations->model()->rowCount() + 1);
            QVERIFY(lines.at(1).startsWith(m_window->selection()->focus().key + u','));
        } else if (pane == u"network") {
            QVERIFY(lines.first().startsWith(QLatin1String("a,b,name_a,name_b")));
            QCOMPARE(lines.size(), m_network->model()->edges().size() + 1);
        } else {
            QCOMPARE(lines.first(), QStringLiteral("year,articles,cooperation,conflict,neutral"));
            QCOMPARE(lines.size(), m_timeline->model()->rowCount() + 2);
            QVERIFY(lines.last().startsWith(QLatin1String("undated,")));
        }
    }
    // Written atomically: nothing left beside the file.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
}

void TestChartPanes::screenshots_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1600x1000") << QSize(1600, 1000);
    QTest::newRow("1280x720") << QSize(1280, 720);
}

void TestChartPanes::screenshots()
{
    QFETCH(QSize, size);
    m_window->resize(size);
    QTRY_COMPARE(m_window->size(), size);
    // The strongest pair picked, so that the Evidence shows its sentences.
    RelationPartnersModel *partners = m_relations->model();
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(partners->rowCount() > 0);
    m_window->selection()->setPair(partners->pairA(0), partners->pairB(0));
    QVERIFY(settled());
    QVERIFY(m_evidence->model()->rowCount() > 0);
    QCoreApplication::sendPostedEvents(); // the layouts the new size asked for
    const QImage shot = m_window->grab().toImage();
    QVERIFY(!shot.isNull());
    // Every chart pane has room to show something (brought forward first if it is a tab behind
    // another, as the Evidence is on a short screen).
    for (QWidget *pane : std::initializer_list<QWidget *> { m_relations, m_evidence, m_network, m_timeline }) {
        auto *dock = qobject_cast<QDockWidget *>(pane->parentWidget());
        QVERIFY(dock);
        if (pane->visibleRegion().isEmpty()) {
            QVERIFY2(!m_window->tabifiedDockWidgets(dock).isEmpty(), qPrintable(pane->objectName()));
            dock->raise();
            QTRY_VERIFY(!pane->visibleRegion().isEmpty());
        }
        QVERIFY2(pane->width() > 150 && pane->height() > 100, qPrintable(pane->objectName()));
    }
    // Every bar of the Relations chart has its name: in a short pane (1280x720 leaves it a line per bar) the legend
    // goes beside the plot rather than Qt Charts leaving out every other name.
    auto *names = qobject_cast<QBarCategoryAxis *>(m_relations->chartView()->chart()->axes(Qt::Vertical).value(0));
    QVERIFY(names);
    const auto namesShown = [&] {
        static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
        QStringList wanted;
        for (QString name : names->categories())
            wanted << name.remove(tags).trimmed();
        int shown = 0;
        for (QGraphicsItem *item : m_relations->chartView()->scene()->items()) {
            const auto *text = dynamic_cast<const QGraphicsTextItem *>(item);
            shown += text && text->isVisible() && wanted.contains(text->toPlainText().trimmed());
        }
        return shown;
    };
    QTRY_COMPARE(namesShown(), partners->rowCount());
    // The picture once the charts have settled into the new size (a chart lays its axes out again after its fonts
    // and legend have changed).
    if (qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS"))
        m_window->grab().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS")
            + QStringLiteral("/charts-%1x%2.png").arg(size.width()).arg(size.height()));
}

void TestChartPanes::bigStoreScreenshots_data()
{
    screenshots_data();
}

// Optional: ENTENTE_BIG_STORE=path (e.g. the UN General Debate corpus) and ENTENTE_SCREENSHOTS=dir.
void TestChartPanes::bigStoreScreenshots()
{
    QFETCH(QSize, size);
    const QString store = qEnvironmentVariable("ENTENTE_BIG_STORE");
    if (store.isEmpty() || !qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS"))
        QSKIP("set ENTENTE_BIG_STORE and ENTENTE_SCREENSHOTS to take these");
    QVERIFY(m_window->openStore(store));
    QTRY_VERIFY(!m_window->isOpening()); // the first focus comes from a worker
    QVERIFY(!m_window->selection()->focus().isNull()); // the most-mentioned country, at once
    m_window->resize(size);
    QTRY_COMPARE(m_window->size(), size);
    QCoreApplication::sendPostedEvents();
    QVERIFY(m_timeline->model()->firstYear() > 0);
    const QImage shot = m_window->grab().toImage();
    shot.save(qEnvironmentVariable("ENTENTE_SCREENSHOTS")
        + QStringLiteral("/charts-big-%1x%2.png").arg(size.width()).arg(size.height()));
    // Compared: the focus and its strongest partner side by side, and the focus's first decade against its last.
    Selection *selection = m_window->selection();
    QVERIFY(m_relations->model()->rowCount() > 0);
    selection->setComparison(m_relations->model()->pairB(0));
    QVERIFY(settled());
    QCoreApplication::sendPostedEvents();
    m_window->grab().toImage().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS")
        + QStringLiteral("/compare-big-%1x%2.png").arg(size.width()).arg(size.height()));
    selection->clearComparison();
    QVERIFY(settled());
    const int first = m_timeline->model()->firstYear();
    selection->setYearRange(first, first + 9);
    QVERIFY(settled());
    m_relations->setAgainstPeriod(m_timeline->model()->lastYear() - 9, m_timeline->model()->lastYear());
    QCoreApplication::sendPostedEvents();
    m_window->grab().toImage().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS")
        + QStringLiteral("/against-big-%1x%2.png").arg(size.width()).arg(size.height()));
    m_relations->setAgainstPeriod(0, 0);
}

void TestChartPanes::bigStoreNetwork_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("tone");
    QTest::addColumn<bool>("organisations");
    QTest::addColumn<int>("minWeight");
    QTest::addColumn<int>("minDegree");
    QTest::addColumn<int>("top");
    QTest::newRow("1600x1000 net tone, organisations, 10+") << QSize(1600, 1000) << "net" << true << 10 << 0 << 40;
    QTest::newRow("1280x720 conflict, 3+ partners, top 80") << QSize(1280, 720) << "conflict" << false << 5 << 3 << 80;
}

// Optional, as bigStoreScreenshots: the Network pane alone on a big store under filters. Its names stay clear of
// each other and the hub's shows.
void TestChartPanes::bigStoreNetwork()
{
    QFETCH(QSize, size);
    QFETCH(QString, tone);
    QFETCH(bool, organisations);
    QFETCH(int, minWeight);
    QFETCH(int, minDegree);
    QFETCH(int, top);
    const QString store = qEnvironmentVariable("ENTENTE_BIG_STORE");
    if (store.isEmpty() || !qEnvironmentVariableIsSet("ENTENTE_SCREENSHOTS"))
        QSKIP("set ENTENTE_BIG_STORE and ENTENTE_SCREENSHOTS to take these");
    QVERIFY(m_window->openStore(store));
    QTRY_VERIFY(!m_window->isOpening()); // the first focus comes from a worker
    m_window->resize(size);
    QTRY_COMPARE(m_window->size(), size);
    NetworkFilter filter;
    QVERIFY(NetworkFilter::parseTone(tone, &filter.tone));
    filter.organisations = organisations;
    filter.minWeight = minWeight;
    filter.minDegree = minDegree;
    m_network->setLimit(top);
    m_network->setFilter(filter);
    QCoreApplication::sendPostedEvents();
    QVERIFY(settled()); // the network is counted and laid out on a worker
    const NetworkModel *model = m_network->model();
    QVERIFY(model->rowCount() > 5);
    QVERIFY(m_network->view()->isLabelVisible(model->code(model->hubRow())));
    m_network->grab().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS")
        + QStringLiteral("/network-big-%1x%2.png").arg(size.width()).arg(size.height()));
    // The pane magnified, as a user enlarges it to read it.
    auto *dock = qobject_cast<QDockWidget *>(m_network->parentWidget());
    QVERIFY(dock);
    dock->setFloating(true);
    dock->resize(size * 0.8);
    QTRY_VERIFY(m_network->width() > size.width() * 0.7);
    QCoreApplication::sendPostedEvents();
    m_network->grab().save(qEnvironmentVariable("ENTENTE_SCREENSHOTS")
        + QStringLiteral("/network-big-floating-%1x%2.png").arg(size.width()).arg(size.height()));
}

QTEST_MAIN(TestChartPanes)
#include "tst_chartpanes.moc"

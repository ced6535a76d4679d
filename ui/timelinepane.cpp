#include "timelinepane.h"

#include "busyoverlay.h"

#include "chartaxes.h"

#include "chartdata.h"
#include "chartexport.h"
#include "chartframe.h"
#include "chartornote.h"
#include "gazetteer.h"
#include "hits.h"
#include "selection.h"
#include "storesession.h"
#include "timelinemodel.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsRectItem>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QMouseEvent>
#include <QSettings>
#include <QStackedBarSeries>
#include <QStatusTipEvent>
#include <QVBarModelMapper>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace entente {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

// The tones of the bars, in the order of TimelineModel's columns from CooperationColumn.
QColor barColor(int index)
{
    static const char *const tones[] = { "cooperation", "conflict", "neutral" };
    return QColor(chartdata::toneColor(QString::fromLatin1(tones[std::clamp(index, 0, 2)])));
}

// B -> A's bars, below the axis: the tone's colour, lighter, so that the tones stay apart and the ways do too.
QColor backColor(int index)
{
    const QColor c = barColor(index);
    return QColor::fromRgbF(
        float(c.redF() * 0.55 + 0.45), float(c.greenF() * 0.55 + 0.45), float(c.blueF() * 0.55 + 0.45));
}

// A label every `step` years, so that labels never crowd: about one per 70 pixels.
int labelStep(int years, double width)
{
    const int fit = std::max(2, int(width / 70));
    for (int step : { 1, 2, 5, 10, 20, 25, 50 })
        if (years / step < fit)
            return step;
    return 100;
}

// The search's line: amber, dashed, apart from the articles' line and the tones' bars in either theme.
QPen searchPen()
{
    QPen pen(QColor(0xd0, 0x8c, 0x00));
    pen.setWidthF(2);
    pen.setStyle(Qt::DashLine);
    return pen;
}

QString showSearchKey()
{
    return QStringLiteral("timeline/showSearch");
}

} // namespace

TimelinePane::TimelinePane(Selection *selection, QWidget *parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_model(new TimelineModel(this))
    , m_undated(new QLabel(this))
    , m_view(new QChartView(this))
{
    setObjectName(QStringLiteral("timelinePane"));
    m_undated->setObjectName(QStringLiteral("undatedLabel"));
    m_undated->setToolTip(tr("Articles without a date are never placed in a year"));
    m_showSearch = new QCheckBox(this);
    m_showSearch->setObjectName(QStringLiteral("timelineShowSearch"));
    m_showSearch->setChecked(QSettings().value(showSearchKey(), false).toBool());
    m_showSearch->setToolTip(tr("Draw the articles per year that match the search of the Articles pane (in the whole "
                                "corpus), as a dashed line beside the focus's articles"));
    m_showSearch->hide(); // until there is a search
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_undated, 1);
    top->addWidget(m_showSearch);
    layout->addLayout(top);
    m_empty = new ChartOrNote(m_view, this);
    (new BusyOverlay(m_empty))->watch(m_model->query());
    layout->addWidget(m_empty, 1);
    setFocusProxy(m_view); // Go to Pane (Ctrl+1...) lands in the view

    m_chart = new QChart;
    m_bars = new QStackedBarSeries;
    m_articles = new QLineSeries;
    m_searchLine = new QLineSeries;
    m_searchLine->setObjectName(QStringLiteral("timelineSearchLine"));
    m_chart->addSeries(m_bars);
    m_chart->addSeries(m_articles);
    m_chart->addSeries(m_searchLine);
    m_mapper = new QVBarModelMapper(this);
    m_mapper->setFirstBarSetColumn(TimelineModel::CooperationColumn);
    m_mapper->setLastBarSetColumn(lastBarColumn());
    m_mapper->setSeries(m_bars);
    m_mapper->setModel(m_model);
    // setChart() lets go of the chart the view made itself without deleting it (Qt's docs: "make
    // sure the previous chart is deleted"); LeakSanitizer found one left over in each pane.
    QChart *const madeByView = m_view->chart();
    m_view->setChart(m_chart);
    delete madeByView;
    m_view->setObjectName(QStringLiteral("timelineChart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFocusPolicy(Qt::StrongFocus);
    m_view->setToolTip(tr("Click a year, or drag across several, to show only those years in every pane.\n"
                          "Keyboard: Left/Right pick a year, Shift widens, Enter applies, Escape shows all years."));
    m_view->viewport()->installEventFilter(this);
    m_view->installEventFilter(this); // keys and the keyboard focus
    m_view->setMinimumSize(280, 190); // less and the axes crowd out the bars
    m_band = new QGraphicsRectItem(m_chart);
    m_band->setPen(Qt::NoPen);
    m_band->setZValue(-1); // behind the series
    m_band->hide();

    // Dynamic ticks keep their interval while the bar mapper refills: a whole corpus' thousands
    // on an axis last ticked every 1 made thousands of tick items (1.7 s on the UN store). Fixed
    // ticks until refresh() sets the new interval.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        for (QAbstractAxis *axis : m_chart->axes())
            if (auto *values = qobject_cast<QValueAxis *>(axis))
                values->setTickType(QValueAxis::TicksFixed);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &TimelinePane::refresh);
    connect(m_chart, &QChart::plotAreaChanged, this, &TimelinePane::updateBand);
    connect(selection, &Selection::focusChanged, this, &TimelinePane::onFocusChanged);
    connect(selection, &Selection::comparisonChanged, this, &TimelinePane::onComparisonChanged);
    connect(selection, &Selection::yearRangeChanged, this, [this] {
        m_chart->setTitle(title());
        updateBand();
    });
    connect(selection, &Selection::textQueryChanged, this, &TimelinePane::followSearch);
    connect(m_showSearch, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(showSearchKey(), on);
        followSearch();
    });
    followSearch();
    refresh();
}

void TimelinePane::followSearch()
{
    const QString query = m_selection->textQuery().trimmed();
    m_showSearch->setVisible(!query.isEmpty());
    m_showSearch->setText(tr("Show “%1”").arg(Hits::shownQuery(query)));
    m_model->setSearch(m_showSearch->isChecked() ? query : QString());
}

TimelinePane::~TimelinePane() = default;

QSize TimelinePane::sizeHint() const
{
    // Room for a readable chart when the window first lays its docks out.
    return { 640, 280 };
}

void TimelinePane::setSession(std::shared_ptr<StoreSession> session)
{
    m_storeName = session ? QFileInfo(session->path()).fileName() : QString();
    m_model->setSession(std::move(session));
}

void TimelinePane::onFocusChanged(const EntityRef &entity)
{
    m_focusName.clear();
    if (entity.kind == u"country")
        m_focusName = Gazetteer::shared().countryName(entity.key);
    if (m_focusName.isEmpty())
        m_focusName = entity.key;
    m_model->setFocus(entity.kind, entity.key);
}

void TimelinePane::onComparisonChanged(const QString &code)
{
    const QString partner = m_model->focusKey().isEmpty() ? QString() : code;
    if (partner == m_model->partner())
        return;
    m_partnerName = Gazetteer::shared().countryName(partner);
    if (m_partnerName.isEmpty())
        m_partnerName = partner;
    // The bars' columns before the rows: the mapper reads both again as the model resets.
    m_mapper->setLastBarSetColumn(partner.isEmpty() ? TimelineModel::NeutralColumn : TimelineModel::BackNeutralColumn);
    m_model->setPartner(partner);
}

int TimelinePane::lastBarColumn() const
{
    return m_model->partner().isEmpty() ? TimelineModel::NeutralColumn : TimelineModel::BackNeutralColumn;
}

QString TimelinePane::title() const
{
    if (!m_model->partner().isEmpty())
        return tr("%1 and %2: relations each way per year (%1 → %2 above, %2 → %1 below)")
            .arg(m_focusName, m_partnerName);
    return m_model->focusKey().isEmpty() ? tr("All countries: articles and relations per year")
                                         : tr("%1: articles and relations per year").arg(m_focusName);
}

QString TimelinePane::undatedText() const
{
    if (m_model->rowCount() == 0 && m_model->undatedCount() == 0)
        return tr("No articles");
    return tr("%n undated article(s)", nullptr, m_model->undatedCount())
        + (m_model->undatedCount() ? tr(" — counted apart, not placed in a year") : QString());
}

QString TimelinePane::emptyNote() const
{
    // No year to draw: say so in place of empty axes.
    if (m_model->rowCount() > 0)
        return {};
    return m_model->undatedCount() > 0 ? undatedText() + u'.'
                                       : tr("No articles yet: import some (File > Import) to see them year by year.");
}

void TimelinePane::refresh()
{
    m_undated->setText(undatedText());
    // "0 undated articles" says nothing and costs a line a small window needs.
    m_undated->setVisible(m_model->undatedCount() > 0 && m_model->rowCount() > 0);
    m_empty->showNote(emptyNote());
    m_labelStep = labelStep(m_model->rowCount(), m_view->width() - 120);
    decorate(m_chart, m_bars, m_articles, m_searchLine, m_view->width(), nullptr);
    updateBand();
}

void TimelinePane::decorate(QChart *chart, QStackedBarSeries *bars, QLineSeries *articles, QLineSeries *search,
    double width, const ChartFrame *frame) const
{
    const bool forExport = frame != nullptr;
    // Only when it changes: a theme resets every colour and font of the chart.
    const QChart::ChartTheme theme = !forExport && isDark(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart->theme() != theme)
        chart->setTheme(theme);
    chart->setTitle(forExport ? QString() : title()); // an export's frame has it
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setVisible(!forExport);
    chart->setMargins(QMargins(4, 4, 4, 4));
    const QList<QBarSet *> sets = bars->barSets();
    for (int i = 0; i < sets.size() && i < 6; ++i) {
        const QColor c = i < 3 ? barColor(i) : backColor(i - 3);
        sets.at(i)->setColor(c);
        sets.at(i)->setBorderColor(c);
    }
    bars->setBarWidth(0.8);
    bars->setName(tr("Relations"));
    if (!m_model->partner().isEmpty()) {
        // The legend's names short, the title says which way is above: the model's headers name both countries.
        static const char *const tones[] = { QT_TR_NOOP("Cooperation"), QT_TR_NOOP("Conflict"), QT_TR_NOOP("Neutral") };
        // On the legend's markers: a bar set's new label would go back to the model through the mapper, which
        // then makes its sets anew under this loop.
        const QList<QLegendMarker *> markers = chart->legend()->markers(bars);
        for (int i = 0; i < markers.size() && i < 6; ++i)
            markers.at(i)->setLabel(tr(tones[i % 3]) + (i < 3 ? QStringLiteral(" ↑") : QStringLiteral(" ↓")));
    }

    const int n = m_model->rowCount();
    QList<QPointF> points, searchPoints;
    const bool searching = !m_model->search().isEmpty();
    double maxRelations = 0, maxArticles = 0, maxBack = 0;
    for (int r = 0; r < n; ++r) {
        const double rel = m_model->index(r, TimelineModel::CooperationColumn).data().toDouble()
            + m_model->index(r, TimelineModel::ConflictColumn).data().toDouble()
            + m_model->index(r, TimelineModel::NeutralColumn).data().toDouble();
        // B -> A, below the axis (negative counts), with a partner.
        maxBack = std::max(maxBack,
            -(m_model->index(r, TimelineModel::BackCooperationColumn).data().toDouble()
                + m_model->index(r, TimelineModel::BackConflictColumn).data().toDouble()
                + m_model->index(r, TimelineModel::BackNeutralColumn).data().toDouble()));
        const double art = m_model->index(r, TimelineModel::ArticlesColumn).data().toDouble();
        maxRelations = std::max(maxRelations, rel);
        maxArticles = std::max(maxArticles, art);
        points.append(QPointF(r, art));
        if (searching) {
            const double matching = m_model->index(r, TimelineModel::SearchColumn).data().toDouble();
            maxArticles = std::max(maxArticles, matching);
            searchPoints.append(QPointF(r, matching));
        }
    }
    articles->replace(points);
    // The search on the articles' axis: both count articles.
    search->replace(searchPoints);
    search->setName(m_model->headerData(TimelineModel::SearchColumn, Qt::Horizontal, Qt::DisplayRole).toString());
    search->setPen(searchPen());
    search->setVisible(searching);
    for (QLegendMarker *marker : chart->legend()->markers(search))
        marker->setVisible(searching);
    articles->setName(tr("Articles"));
    QPen pen(QColor(chartdata::toneColor(QStringLiteral("articles"))));
    pen.setWidthF(2);
    articles->setPen(pen);
    articles->setPointsVisible(n < 40);

    // Axes are made once and then updated: replacing them relays the whole chart out.
    // The value axes are category axes too: their labels are counts, also below zero, where a pair's bars count the
    // other way.
    QCategoryAxis *years = nullptr, *relationAxis = nullptr, *articleAxis = nullptr;
    for (QAbstractAxis *axis : chart->axes()) {
        if (axis->alignment() == Qt::AlignBottom)
            years = qobject_cast<QCategoryAxis *>(axis);
        else if (axis->alignment() == Qt::AlignLeft)
            relationAxis = qobject_cast<QCategoryAxis *>(axis);
        else
            articleAxis = qobject_cast<QCategoryAxis *>(axis);
    }
    const bool fresh = !years || !relationAxis || !articleAxis;
    if (fresh) {
        years = new QCategoryAxis;
        relationAxis = new QCategoryAxis;
        articleAxis = new QCategoryAxis;
    }
    if (frame) {
        frame->styleAxis(years);
        frame->styleAxis(relationAxis);
        frame->styleAxis(articleAxis);
    }
    // Years on a value axis (bars stand at 0..n-1), labelled every few years.
    for (const QString &label : years->categoriesLabels())
        years->remove(label);
    years->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    years->setRange(-0.5, std::max(0.5, n - 0.5));
    // Less the value axes on both sides; labels about 70 pixels apart on the screen, five characters in an export.
    const int step = frame ? labelStep(n, (width - 12.0 * frame->font().pixelSize()) * 13.0 / frame->font().pixelSize())
                           : labelStep(n, width - 120);
    for (int r = 0; r < n; ++r) {
        const int y = m_model->year(r);
        if (y % step == 0 || (step > 1 && n <= 2))
            years->append(QString::number(y), r);
    }
    if (years->count() == 0 && n > 0)
        years->append(QString::number(m_model->year(0)), 0);
    years->setGridLineVisible(false);
    years->setTruncateLabels(false);
    const bool pair = !m_model->partner().isEmpty();
    // Both ways about one zero with a partner: the articles' axis too, so that its zero is the bars'.
    countTicks(relationAxis, std::max(maxRelations, maxBack), pair);
    relationAxis->setTitleText(tr("Relations")); // with a partner, the title says which way is above
    // Headroom above the highest year: a line along the top edge would hide under the plot's border.
    countTicks(articleAxis, maxArticles * 1.05, pair);
    articleAxis->setTitleText(tr("Articles"));
    articleAxis->setGridLineVisible(false);
    if (fresh) {
        chart->addAxis(years, Qt::AlignBottom);
        chart->addAxis(relationAxis, Qt::AlignLeft);
        chart->addAxis(articleAxis, Qt::AlignRight);
        bars->attachAxis(years);
        bars->attachAxis(relationAxis);
        articles->attachAxis(years);
        articles->attachAxis(articleAxis);
        search->attachAxis(years);
        search->attachAxis(articleAxis);
    }
    if (frame)
        frame->style(chart);
}

int TimelinePane::yearAt(const QPoint &viewportPos) const
{
    if (m_model->rowCount() == 0)
        return 0;
    const QPointF scenePos = m_view->mapToScene(viewportPos);
    const QPointF chartPos = m_chart->mapFromScene(scenePos);
    if (!m_chart->plotArea().adjusted(0, 0, 0, 40).contains(chartPos)) // the axis labels count too
        return 0;
    const int row = qRound(m_chart->mapToValue(chartPos, m_bars).x());
    return m_model->year(std::clamp(row, 0, m_model->rowCount() - 1));
}

QPoint TimelinePane::positionOfYear(int year) const
{
    const int row = m_model->rowOfYear(year);
    if (row < 0)
        return {};
    const QPointF chartPos(m_chart->mapToPosition(QPointF(row, 0), m_bars).x(), m_chart->plotArea().center().y());
    return m_view->mapFromScene(m_chart->mapToScene(chartPos));
}

void TimelinePane::updateBand()
{
    int from = -1, to = -1;
    if (m_dragFrom >= 0) {
        from = std::min(m_dragFrom, m_dragTo);
        to = std::max(m_dragFrom, m_dragTo);
    } else if (m_selection->hasYearRange()) {
        from = m_model->rowOfYear(std::max(m_selection->yearFrom(), m_model->firstYear()));
        to = m_model->rowOfYear(std::min(m_selection->yearTo() ? m_selection->yearTo() : 9999, m_model->lastYear()));
    }
    if (from < 0 || to < 0) {
        m_band->hide();
        return;
    }
    const QRectF plot = m_chart->plotArea();
    const double left = m_chart->mapToPosition(QPointF(from - 0.5, 0), m_bars).x();
    const double right = m_chart->mapToPosition(QPointF(to + 0.5, 0), m_bars).x();
    m_band->setRect(QRectF(QPointF(left, plot.top()), QPointF(right, plot.bottom())));
    QColor c = palette().color(QPalette::Highlight);
    c.setAlphaF(0.22f);
    m_band->setBrush(c);
    m_band->show();
}

bool TimelinePane::keyPress(QKeyEvent *event)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return false;
    if (event->key() == Qt::Key_Escape) {
        m_dragFrom = m_dragTo = -1;
        m_keyboard = false;
        m_selection->clearYearRange();
        updateBand();
        return true;
    }
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
        if (!m_keyboard)
            return false;
        const int a = m_model->year(std::min(m_dragFrom, m_dragTo));
        const int b = m_model->year(std::max(m_dragFrom, m_dragTo));
        m_dragFrom = m_dragTo = -1;
        m_keyboard = false;
        m_selection->setYearRange(a, b);
        updateBand();
        return true;
    }
    if (!m_keyboard) {
        // Start where the range is, or at the last year (the newest is what most look at first).
        const int start = m_selection->hasYearRange() ? m_model->rowOfYear(m_selection->yearTo()) : rows - 1;
        m_dragFrom = m_dragTo = start < 0 ? rows - 1 : start;
        m_keyboard = true;
    }
    int to = m_dragTo;
    switch (event->key()) {
    case Qt::Key_Left:
        --to;
        break;
    case Qt::Key_Right:
        ++to;
        break;
    case Qt::Key_PageUp:
        to -= 10;
        break;
    case Qt::Key_PageDown:
        to += 10;
        break;
    case Qt::Key_Home:
        to = 0;
        break;
    case Qt::Key_End:
        to = rows - 1;
        break;
    default:
        return false;
    }
    to = std::clamp(to, 0, rows - 1);
    if (!(event->modifiers() & Qt::ShiftModifier))
        m_dragFrom = to;
    m_dragTo = to;
    updateBand();
    const int a = m_model->year(std::min(m_dragFrom, m_dragTo));
    const int b = m_model->year(std::max(m_dragFrom, m_dragTo));
    QStatusTipEvent tip(a == b ? tr("%1: press Enter to show only this year").arg(a)
                               : tr("%1–%2: press Enter to show only these years").arg(a).arg(b));
    QCoreApplication::sendEvent(m_view, &tip);
    return true;
}

bool TimelinePane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view) {
        if (event->type() == QEvent::KeyPress && keyPress(static_cast<QKeyEvent *>(event)))
            return true;
        if (event->type() == QEvent::FocusOut && m_keyboard) {
            m_dragFrom = m_dragTo = -1; // an unapplied keyboard pick goes with the focus
            m_keyboard = false;
            updateBand();
        }
        return QWidget::eventFilter(watched, event);
    }
    if (watched != m_view->viewport())
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::Resize:
        // Fewer or more year labels as the room changes.
        if (labelStep(m_model->rowCount(), m_view->width() - 120) != m_labelStep)
            QMetaObject::invokeMethod(this, &TimelinePane::refresh, Qt::QueuedConnection);
        break;
    case QEvent::MouseButtonPress: {
        auto *e = static_cast<QMouseEvent *>(event);
        const int year = e->button() == Qt::LeftButton ? yearAt(e->position().toPoint()) : 0;
        if (year) {
            m_keyboard = false;
            m_dragFrom = m_dragTo = m_model->rowOfYear(year);
            updateBand();
        }
        break;
    }
    case QEvent::MouseMove:
        if (m_dragFrom >= 0 && !m_keyboard) {
            const int year = yearAt(static_cast<QMouseEvent *>(event)->position().toPoint());
            if (year) {
                m_dragTo = m_model->rowOfYear(year);
                updateBand();
            }
        }
        break;
    case QEvent::MouseButtonRelease:
        if (m_dragFrom >= 0 && !m_keyboard) {
            const int year = yearAt(static_cast<QMouseEvent *>(event)->position().toPoint());
            if (year)
                m_dragTo = m_model->rowOfYear(year);
            const int a = m_model->year(std::min(m_dragFrom, m_dragTo));
            const int b = m_model->year(std::max(m_dragFrom, m_dragTo));
            m_dragFrom = m_dragTo = -1;
            // Clicking the one year already selected clears the range.
            if (m_selection->yearFrom() == a && m_selection->yearTo() == b)
                m_selection->clearYearRange();
            else
                m_selection->setYearRange(a, b);
            updateBand();
        }
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

QString TimelinePane::chartName() const
{
    return QStringLiteral("timeline");
}

void TimelinePane::renderChart(QPainter *painter, const QRectF &target) const
{
    QString heading = title();
    if (const int n = m_model->rowCount(); n > 0)
        heading += tr(", %1–%2").arg(m_model->year(0)).arg(m_model->year(n - 1));
    QStringList caption;
    if (!m_storeName.isEmpty())
        caption << tr("Store: %1").arg(m_storeName);
    if (m_selection->hasYearRange())
        caption << tr("selected: %1–%2").arg(m_selection->yearFrom()).arg(m_selection->yearTo());
    if (m_model->undatedCount() > 0)
        caption << tr("%n undated article(s) not shown", nullptr, m_model->undatedCount());
    QList<ChartFrame::Key> keys;
    keys.append({ tr("Articles"), QColor(chartdata::toneColor(QStringLiteral("articles"))), ChartFrame::Key::Line });
    if (!m_model->search().isEmpty())
        keys.append({ m_model->headerData(TimelineModel::SearchColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
            searchPen().color(), ChartFrame::Key::Line });
    for (int column = TimelineModel::CooperationColumn; column <= lastBarColumn(); ++column) {
        const int i = column - TimelineModel::CooperationColumn;
        keys.append({ m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString(),
            i < 3 ? barColor(i) : backColor(i - 3) });
    }
    // Nothing to draw: the frame says why, as the pane does, in place of empty axes.
    if (const QString note = emptyNote(); !note.isEmpty()) {
        const ChartFrame frame(target, heading, caption.join(QStringLiteral(" · ")), {});
        frame.paint(painter);
        frame.paintInPlaceOfPlot(painter, note);
        return;
    }
    const ChartFrame frame(target, heading, caption.join(QStringLiteral(" · ")), keys);
    frame.paint(painter);

    auto *chart = new QChart;
    auto *bars = new QStackedBarSeries;
    auto *articles = new QLineSeries;
    auto *search = new QLineSeries;
    chart->addSeries(bars);
    chart->addSeries(articles);
    chart->addSeries(search);
    auto *mapper = new QVBarModelMapper(bars); // goes with the chart
    mapper->setFirstBarSetColumn(TimelineModel::CooperationColumn);
    mapper->setLastBarSetColumn(lastBarColumn());
    mapper->setSeries(bars);
    mapper->setModel(m_model);
    decorate(chart, bars, articles, search, frame.plotArea().width(), &frame);
    ChartExport::renderOffscreen(chart, painter, frame.plotArea());
}

QString TimelinePane::chartCsv() const
{
    return m_model->toCsv();
}

void TimelinePane::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    if (m_selection->hasYearRange())
        menu.addAction(tr("Show &All Years"), m_selection, &Selection::clearYearRange);
    ChartExport::addActions(&menu, this, window());
    menu.exec(event->globalPos());
}

bool TimelinePane::isWaiting() const
{
    return m_model->isBusy();
}

} // namespace entente

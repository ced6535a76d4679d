#include "relationspane.h"

#include "busyoverlay.h"
#include "chartaxes.h"

#include "chartdata.h"
#include "chartexport.h"
#include "chartframe.h"
#include "chartornote.h"
#include "gazetteer.h"
#include "relationpartnersmodel.h"
#include "selection.h"
#include "storesession.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsRectItem>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHorizontalStackedBarSeries>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStatusTipEvent>
#include <QVBarModelMapper>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace entente {

namespace {

// A bar's label that does not fit: its organisations by their abbreviations ("Iraq – UN Security Council" becomes
// "Iraq – UNSC", "Shanghai Cooperation Organization" "SCO"), as a report would write them. Names stay whole where
// they fit, and the tooltip always has them whole.
QString shortLabel(const QString &label, const QFontMetricsF &metrics, double budget)
{
    if (metrics.horizontalAdvance(label) <= budget)
        return label;
    static const QRegularExpression separator(QStringLiteral(" [–→] "));
    QString out;
    qsizetype from = 0;
    const auto part = [](QStringView name) {
        const QString abbreviation = Gazetteer::shared().organizationAbbreviation(name.toString());
        return abbreviation.isEmpty() ? name.toString() : abbreviation;
    };
    for (auto m = separator.globalMatch(label); m.hasNext();) {
        const auto match = m.next();
        out += part(QStringView(label).sliced(from, match.capturedStart() - from)) + match.captured();
        from = match.capturedEnd();
    }
    return out + part(QStringView(label).sliced(from));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

// The rows ranked under `count` (RelationPartnersModel::RankRole): an export's bars when the picture has no room for
// all of them.
class TopRows : public QSortFilterProxyModel
{
public:
    TopRows(int count, QObject *parent)
        : QSortFilterProxyModel(parent)
        , m_count(count)
    { }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        return sourceModel()->index(row, 0, parent).data(RelationPartnersModel::RankRole).toInt() < m_count;
    }

private:
    int m_count;
};

// An organisation's bar: the tone's colour, half-way to white.
QColor paler(const QColor &c)
{
    return QColor::fromRgbF(
        float(c.redF() * 0.45 + 0.55), float(c.greenF() * 0.45 + 0.55), float(c.blueF() * 0.45 + 0.55));
}

constexpr auto kOrganisationsKey = "relations/organisations";

QColor columnColor(int column)
{
    switch (column) {
    case RelationPartnersModel::CooperationColumn:
    case RelationPartnersModel::GoldsteinPositiveColumn:
        return QColor(chartdata::toneColor(QStringLiteral("cooperation")));
    case RelationPartnersModel::ConflictColumn:
    case RelationPartnersModel::GoldsteinNegativeColumn:
        return QColor(chartdata::toneColor(QStringLiteral("conflict")));
    case RelationPartnersModel::MixedColumn:
        return QColor(chartdata::toneColor(QStringLiteral("mixed")));
    default:
        return QColor(chartdata::toneColor(QStringLiteral("neutral")));
    }
}

} // namespace

RelationsPane::RelationsPane(Selection *selection, QWidget *parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_model(new RelationPartnersModel(this))
    , m_bottomUp(new QSortFilterProxyModel(this))
    , m_measure(new QComboBox(this))
    , m_direction(new QComboBox(this))
    , m_limit(new QSpinBox(this))
    , m_organisations(new QCheckBox(tr("&Organisations"), this))
    , m_view(new QChartView(this))
{
    m_against = new QLineEdit(this);
    m_second = new RelationPartnersModel(this);
    m_secondBottomUp = new QSortFilterProxyModel(this);
    m_secondView = new QChartView(this);
    setObjectName(QStringLiteral("relationsPane"));
    m_measure->addItem(tr("Counts by tone"));
    m_measure->addItem(tr("Goldstein sum"));
    m_measure->setToolTip(tr("Bars show relation counts split by tone, or the Goldstein scores summed "
                             "(cooperative to the right, hostile to the left)"));
    m_direction->addItem(tr("Both ways"));
    m_direction->addItem(tr("A → B"));
    m_direction->addItem(tr("B → A"));
    m_direction->setToolTip(tr("All relations, only those the focused country initiates (A → B), or only "
                               "those aimed at it (B → A)"));
    m_limit->setRange(3, 100);
    m_limit->setValue(m_model->limit());
    m_limit->setPrefix(tr("Top "));
    m_limit->setToolTip(tr("How many partners (or pairs) to show"));
    m_organisations->setObjectName(QStringLiteral("organisationsCheck"));
    // In italics, as the organisations' names are in the chart: the switch is its own key to them.
    QFont italic = m_organisations->font();
    italic.setItalic(true);
    m_organisations->setFont(italic);
    m_organisations->setToolTip(tr("Show organisations (the UN, NATO, ...) among the partners, in paler bars with "
                                   "their names in italics; off: countries only"));
    m_organisations->setChecked(QSettings().value(QLatin1String(kOrganisationsKey), true).toBool());
    m_model->setOrganisationsShown(m_organisations->isChecked());
    // The combo boxes say what they choose (no labels before them): the row has room for the organisations' switch.
    m_measure->setAccessibleName(tr("Show"));
    m_direction->setAccessibleName(tr("Direction"));
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_measure);
    controls->addWidget(m_direction);
    controls->addWidget(m_limit);
    controls->addWidget(m_organisations);
    m_against->setObjectName(QStringLiteral("againstPeriod"));
    m_against->setPlaceholderText(tr("vs. years"));
    m_against->setClearButtonEnabled(true);
    // Room for "2010–2019" and the clear button where the pane has it; no minimum, so that a small screen's layout
    // keeps its width (the tooltip says what the field is for).
    const QFontMetrics metrics(font());
    m_against->setMinimumWidth(0);
    m_against->setMaximumWidth(metrics.horizontalAdvance(QStringLiteral("0000–0000")) + 3 * metrics.height());
    m_against->setAccessibleName(tr("Against years"));
    m_against->setToolTip(tr("Another range of years (for example 2010-2019) whose partners are shown beside those "
                             "of the years the Timeline selects, on the same scale"));
    controls->addWidget(m_against);
    m_against->hide(); // until the context menu asks for other years: the row has no room to spare
    controls->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    // The second chart, beside the first: the compared country's partners, or the focus's in the years it is held
    // against. Hidden with the note in the first's place.
    auto *sides = new QHBoxLayout;
    sides->setContentsMargins(0, 0, 0, 0);
    sides->setSpacing(2);
    m_empty = new ChartOrNote(m_view, this);
    (new BusyOverlay(m_empty))->watch(m_model->query());
    (new BusyOverlay(m_secondView))->watch(m_second->query());
    sides->addWidget(m_empty, 1);
    sides->addWidget(m_secondView, 1);
    m_secondView->hide();
    layout->addLayout(sides, 1);
    // Side by side, half a pane could show the tones only as "Co… C…": the key to both lies across the foot of the
    // two charts, whole, in a margin they keep for it (not in the layout, so that the pane never grows for it).
    m_sharedLegend = new QLabel(this);
    m_sharedLegend->setObjectName(QStringLiteral("comparedLegend"));
    m_sharedLegend->setAlignment(Qt::AlignCenter);
    m_sharedLegend->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_sharedLegend->setWordWrap(true); // the sides' names and the tones may take two lines
    m_sharedLegend->hide();
    setFocusProxy(m_view); // Go to Pane (Ctrl+1...) lands in the view

    m_bottomUp->setSourceModel(m_model);
    m_bottomUp->setSortRole(RelationPartnersModel::RankRole);
    m_bottomUp->sort(RelationPartnersModel::NameColumn, Qt::DescendingOrder);
    m_chart = new QChart;
    m_series = new QHorizontalStackedBarSeries;
    m_chart->addSeries(m_series);
    m_mapper = new QVBarModelMapper(this);
    updateMapping(m_mapper);
    m_mapper->setSeries(m_series);
    m_mapper->setModel(m_bottomUp);
    // setChart() lets go of the chart the view made itself without deleting it (Qt's docs: "make
    // sure the previous chart is deleted"); LeakSanitizer found one left over in each pane.
    QChart *const madeByView = m_view->chart();
    m_view->setChart(m_chart);
    delete madeByView;
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setObjectName(QStringLiteral("relationsChart"));
    m_view->setFocusPolicy(Qt::StrongFocus);
    m_view->setStatusTip(tr("Up and Down move between the bars; Enter lists the evidence for that pair"));
    m_view->setAccessibleName(tr("Relations chart"));
    m_view->setMinimumSize(240, 160);
    m_view->installEventFilter(this);
    m_current = new QItemSelectionModel(m_model, this);
    auto makeMark = [this](Qt::PenStyle style) {
        auto *mark = new QGraphicsRectItem(m_chart);
        mark->setBrush(Qt::NoBrush);
        QPen pen(palette().color(QPalette::Highlight), 2, style);
        pen.setCosmetic(true);
        mark->setPen(pen);
        mark->setZValue(100); // over the bars: an outline only
        mark->hide();
        return mark;
    };
    m_currentMark = makeMark(Qt::DashLine);
    m_pairMark = makeMark(Qt::SolidLine);
    decorate(m_chart, m_series, m_view->width(), nullptr);
    updateMinimumHeight();

    m_second->setOrganisationsShown(m_organisations->isChecked());
    m_secondBottomUp->setSourceModel(m_second);
    m_secondBottomUp->setSortRole(RelationPartnersModel::RankRole);
    m_secondBottomUp->sort(RelationPartnersModel::NameColumn, Qt::DescendingOrder);
    m_secondChart = new QChart;
    m_secondSeries = new QHorizontalStackedBarSeries;
    m_secondChart->addSeries(m_secondSeries);
    m_secondMapper = new QVBarModelMapper(this);
    updateMapping(m_secondMapper);
    m_secondMapper->setSeries(m_secondSeries);
    m_secondMapper->setModel(m_secondBottomUp);
    QChart *const madeBySecondView = m_secondView->chart();
    m_secondView->setChart(m_secondChart);
    delete madeBySecondView;
    m_secondView->setRenderHint(QPainter::Antialiasing);
    m_secondView->setObjectName(QStringLiteral("comparedRelationsChart"));
    m_secondView->setAccessibleName(tr("Compared relations chart"));
    m_secondView->setMinimumSize(200, 160);
    connect(m_secondBottomUp, &QAbstractItemModel::modelReset, this, &RelationsPane::redrawBoth);
    connect(m_secondSeries, &QHorizontalStackedBarSeries::clicked, this, [this](int index, QBarSet *) {
        index = m_second->rowCount() - 1 - index; // bars count from the bottom
        const QString a = m_second->pairA(index), b = m_second->pairB(index);
        if (!a.isEmpty() && !b.isEmpty())
            m_selection->setPair(a, b);
    });
    connect(m_against, &QLineEdit::editingFinished, this, [this] {
        static const QRegularExpression range(QStringLiteral("^\\s*(\\d{3,4})\\s*(?:[-–]\\s*(\\d{3,4}))?\\s*$"));
        const QRegularExpressionMatch m = range.match(m_against->text());
        if (m.hasMatch()) {
            const int from = m.captured(1).toInt();
            setAgainstPeriod(from, m.captured(2).isEmpty() ? from : m.captured(2).toInt());
        } else {
            setAgainstPeriod(0, 0);
            m_against->hide();
        }
    });
    connect(m_against, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) // the clear button
            setAgainstPeriod(0, 0);
    });

    // The mapper refills the bar sets on every reset; this runs after it (connected later).
    connect(m_bottomUp, &QAbstractItemModel::modelReset, this, [this] {
        redrawBoth();
        updateMarks();
    });
    connect(m_current, &QItemSelectionModel::currentRowChanged, this, &RelationsPane::updateMarks);
    connect(m_chart, &QChart::plotAreaChanged, this, &RelationsPane::updateMarks);
    connect(m_chart, &QChart::plotAreaChanged, this, &RelationsPane::fitLabels);
    connect(selection, &Selection::pairChanged, this, &RelationsPane::updateMarks);
    connect(m_series, &QHorizontalStackedBarSeries::hovered, this, [this](bool over, int index, QBarSet *) {
        m_hoveredRow = over ? m_model->rowCount() - 1 - index : -1; // bars count from the bottom
    });
    connect(m_series, &QHorizontalStackedBarSeries::clicked, this, [this](int index, QBarSet *) {
        // Queued: the comparison redraws this chart, whose bar is still handling its click.
        if (QGuiApplication::keyboardModifiers() & Qt::ControlModifier)
            QMetaObject::invokeMethod(
                this, [this, index] { compareWithBar(index); }, Qt::QueuedConnection);
        else
            activateBar(index);
    });
    connect(m_measure, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_model->setMeasure(
            i == 1 ? RelationPartnersModel::Measure::Goldstein : RelationPartnersModel::Measure::Counts);
        m_second->setMeasure(m_model->measure());
        updateMapping(m_mapper);
        updateMapping(m_secondMapper);
        redrawBoth();
    });
    connect(m_direction, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_model->setDirection(static_cast<RelationPartnersModel::Direction>(i));
        m_second->setDirection(static_cast<RelationPartnersModel::Direction>(i));
    });
    connect(m_limit, &QSpinBox::valueChanged, m_model, &RelationPartnersModel::setLimit);
    connect(m_limit, &QSpinBox::valueChanged, m_second, &RelationPartnersModel::setLimit);
    connect(m_organisations, &QCheckBox::toggled, m_model, &RelationPartnersModel::setOrganisationsShown);
    connect(m_organisations, &QCheckBox::toggled, m_second, &RelationPartnersModel::setOrganisationsShown);
    // Only the user's choice is remembered (`entente chart` sets its own).
    connect(m_organisations, &QCheckBox::clicked, this,
        [](bool shown) { QSettings().setValue(QLatin1String(kOrganisationsKey), shown); });
    connect(m_limit, &QSpinBox::valueChanged, this, &RelationsPane::updateMinimumHeight);
    connect(selection, &Selection::focusChanged, this, &RelationsPane::onFocusChanged);
    connect(selection, &Selection::yearRangeChanged, this, &RelationsPane::onYearRangeChanged);
    connect(selection, &Selection::comparisonChanged, this, &RelationsPane::updateSecond);
}

RelationsPane::~RelationsPane() = default;

QSize RelationsPane::sizeHint() const
{
    // Room for a readable chart when the window first lays its docks out.
    return { 420, 360 };
}

void RelationsPane::setOrganisationsShown(bool shown)
{
    m_organisations->setChecked(shown); // the check box tells the model
}

void RelationsPane::setSession(std::shared_ptr<StoreSession> session)
{
    m_storeName = session ? QFileInfo(session->path()).fileName() : QString();
    // The model already follows the selection; one reload reads the new store.
    m_session = session;
    m_model->setSession(std::move(session));
    updateSecond();
}

void RelationsPane::onFocusChanged(const EntityRef &entity)
{
    // Relations are between countries (and organisations); other kinds show the corpus' pairs.
    const bool party = entity.kind == u"country" || entity.kind == u"organization";
    m_model->setFocusCountry(party ? entity.key : QString());
    updateSecond();
}

void RelationsPane::onYearRangeChanged(int from, int to)
{
    m_model->setYearRange(from, to);
    updateSecond();
}

bool RelationsPane::isComparing() const
{
    return !m_model->focusCountry().isEmpty() && (m_selection->hasComparison() || m_againstFrom != 0);
}

void RelationsPane::setAgainstPeriod(int from, int to)
{
    if (from > to)
        std::swap(from, to);
    const QString text = from == 0 ? QString()
        : from == to               ? QString::number(from)
                                   : QStringLiteral("%1–%2").arg(from).arg(to);
    if (m_against->text() != text && !(from == 0 && m_against->text().isEmpty()))
        m_against->setText(text);
    if (from != 0)
        m_against->show();
    if (from == m_againstFrom && to == m_againstTo)
        return;
    m_againstFrom = from;
    m_againstTo = to;
    updateSecond();
}

void RelationsPane::updateSecond()
{
    const bool comparing = isComparing();
    // Idle, the second model keeps what it had: with no focus it would rank the whole corpus' pairs for nothing.
    if (comparing) {
        // A compared country is shown in the same years; without one, the focus in the years it is held against.
        if (m_selection->hasComparison()) {
            m_second->setFocusCountry(m_selection->comparison());
            m_second->setYearRange(m_selection->yearFrom(), m_selection->yearTo());
        } else {
            m_second->setFocusCountry(m_model->focusCountry());
            m_second->setYearRange(m_againstFrom, m_againstTo);
        }
        if (m_secondSession != m_session) {
            m_secondSession = m_session;
            m_second->setSession(m_session);
        }
    }
    redrawBoth();
}

void RelationsPane::redrawBoth()
{
    decorate(m_chart, m_series, m_view->width(), nullptr);
    if (isComparing())
        decorate(m_secondChart, m_secondSeries, m_secondView->width(), nullptr, -1, m_second);
    updateEmptyNote();
}

QString RelationsPane::partyName(const QString &code)
{
    const QString name = Gazetteer::shared().countryName(code);
    return name.isEmpty() ? code : name;
}

QString RelationsPane::yearsText(int from, int to)
{
    if (from == 0)
        return tr("all years");
    return from == to ? QString::number(from) : QStringLiteral("%1–%2").arg(from).arg(to);
}

QString RelationsPane::sideTitle(const RelationPartnersModel *side) const
{
    if (m_selection->hasComparison())
        return partyName(side->focusCountry());
    return side == m_model ? yearsText(m_selection->yearFrom(), m_selection->yearTo())
                           : yearsText(m_againstFrom, m_againstTo);
}

void RelationsPane::compareWithBar(int index)
{
    const int row = m_model->rowCount() - 1 - index; // bars count from the bottom
    const QString a = m_model->pairA(row);
    const QString b = m_model->pairB(row);
    if (a.isEmpty() || b.isEmpty())
        return;
    const auto kindOf = [](const QString &code) {
        return Gazetteer::shared().countryName(code).isEmpty() ? QStringLiteral("organization")
                                                               : QStringLiteral("country");
    };
    // A partner is compared with the focus; a pair of the corpus, with no focus, becomes a focus and its comparison.
    if (m_model->focusCountry().isEmpty())
        m_selection->setFocus({ kindOf(a), a });
    m_selection->setComparison(b);
}

void RelationsPane::updateMapping(QVBarModelMapper *mapper) const
{
    if (m_model->measure() == RelationPartnersModel::Measure::Goldstein) {
        mapper->setFirstBarSetColumn(RelationPartnersModel::GoldsteinPositiveColumn);
        mapper->setLastBarSetColumn(RelationPartnersModel::GoldsteinNegativeColumn);
    } else {
        mapper->setFirstBarSetColumn(RelationPartnersModel::CooperationColumn);
        mapper->setLastBarSetColumn(RelationPartnersModel::MixedColumn);
    }
}

QString RelationsPane::title() const
{
    QString years;
    if (m_selection->hasYearRange())
        years = m_selection->yearFrom() == m_selection->yearTo()
            ? tr(" in %1").arg(m_selection->yearFrom())
            : tr(", %1–%2").arg(m_selection->yearFrom()).arg(m_selection->yearTo());
    // With no focus, the title says whose pairs they are: a report's reader has no pane around it to tell.
    if (m_model->focusCountry().isEmpty())
        return m_model->organisationsShown() ? tr("Strongest pairs of all countries and organisations%1").arg(years)
                                             : tr("Strongest pairs of all countries%1").arg(years);
    return tr("Relations of %1%2").arg(focusName(), years);
}

QString RelationsPane::focusName() const
{
    const QString name = Gazetteer::shared().countryName(m_model->focusCountry());
    return name.isEmpty() ? m_model->focusCountry() : name;
}

void RelationsPane::decorate(QChart *chart, QHorizontalStackedBarSeries *series, double width, const ChartFrame *frame,
    int rows, const RelationPartnersModel *side) const
{
    const RelationPartnersModel *model = side ? side : m_model;
    rows = rows < 0 ? model->rowCount() : std::min(rows, model->rowCount());
    const bool forExport = frame != nullptr;
    const bool goldstein = model->measure() == RelationPartnersModel::Measure::Goldstein;
    // Only when it changes: a theme resets every colour and font of the chart.
    const QChart::ChartTheme theme = !forExport && isDark(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart->theme() != theme)
        chart->setTheme(theme);
    // A short pane gives its lines to the bars: the title goes to the tooltip, and the value
    // axis is named in the legend already (exports always keep both; their frame has the title).
    const bool roomy = forExport || m_view->height() >= 300;
    // Side by side, each chart says whose (or which years') partners it shows.
    // In a short pane the sides' names go into the key below both (fitLabels()), giving the bars their line.
    chart->setTitle(forExport ? QString()
            : isComparing()   ? (m_sidesInKey ? QString() : sideTitle(model))
            : roomy           ? title()
                              : QString());
    if (!forExport && model == m_model)
        m_view->setToolTip(tr("%1. Click a bar to list the evidence for that pair").arg(title()));
    chart->setAnimationOptions(QChart::NoAnimation);
    // Below the plot, never over the bars; beside it in a pane too short for every bar's name (see fitLabels()).
    chart->legend()->setAlignment(!forExport && chart == m_chart && m_legendAside ? Qt::AlignRight : Qt::AlignBottom);
    // Side by side, the key to both lies below them (updateEmptyNote()), not in the first chart's half.
    chart->legend()->setVisible(!forExport && model == m_model && !isComparing());
    // Side by side, each chart keeps room at its foot for the key to both (placeSharedLegend()).
    chart->setMargins(QMargins(4, 4, 4, !forExport && isComparing() ? 4 + sharedLegendHeight() : 4));
    const int first
        = goldstein ? RelationPartnersModel::GoldsteinPositiveColumn : RelationPartnersModel::CooperationColumn;
    const QList<QBarSet *> sets = series->barSets();
    for (int i = 0; i < sets.size(); ++i) {
        sets.at(i)->setColor(columnColor(first + i));
        sets.at(i)->setBorderColor(columnColor(first + i).darker(115));
    }
    series->setBarWidth(0.7);

    // Axes are made once and then updated: replacing them relays the whole chart out.
    auto *categories = qobject_cast<QBarCategoryAxis *>(chart->axes(Qt::Vertical).value(0));
    auto *values = qobject_cast<QValueAxis *>(chart->axes(Qt::Horizontal).value(0));
    const bool fresh = !categories || !values;
    if (fresh) {
        categories = new QBarCategoryAxis;
        values = new QValueAxis;
    }
    if (frame) {
        // The frame's font; the names are drawn by renderChart(), which can fit them to any band (Qt Charts drops a
        // name a good deal shorter than its band: it counts margins around each).
        frame->styleAxis(values);
        frame->styleAxis(categories);
        categories->setLabelsVisible(false);
    }
    QStringList labels;
    // Qt Charts gives the labels at most about a third of the chart and cuts what is longer;
    // long names are shortened here instead, with an ellipsis, never cut (full names are in
    // the tooltips and the CSV). Category names must stay unique, hence the numbering guard.
    const QFontMetricsF metrics(categories->labelsFont());
    // Side by side, half a pane each: a third of a narrow chart, never more (Qt would cut the rest at the edge).
    const double budget = isComparing() && !forExport ? width * 0.3 : std::max(80.0, width * 0.3);
    QStringList seen;
    double lo = 0, hi = 0;
    double widest = 0; // of the names, as drawn
    for (int r = rows - 1; r >= 0; --r) { // bottom up, as the bars
        QString label = metrics.elidedText(
            shortLabel(model->index(r, RelationPartnersModel::NameColumn).data().toString(), metrics, budget),
            Qt::ElideRight, budget);
        widest = std::max(widest, metrics.horizontalAdvance(label));
        // An organisation's name in italics on the screen (Qt Charts draws its labels as rich text); the export draws
        // its names itself, from the model.
        if (!forExport && model->isOrganisation(r))
            label = QStringLiteral("<i>%1</i>").arg(label.toHtmlEscaped());
        while (seen.contains(label))
            label += u' ';
        seen << label;
        labels << label;
        if (goldstein) {
            hi = std::max(hi, model->index(r, RelationPartnersModel::GoldsteinPositiveColumn).data().toDouble());
            lo = std::min(lo, model->index(r, RelationPartnersModel::GoldsteinNegativeColumn).data().toDouble());
        } else {
            hi = std::max(hi, model->index(r, RelationPartnersModel::TotalColumn).data().toDouble());
        }
    }
    if (isComparing()) {
        // The same scale on both sides, so that bars of the same length are the same number.
        for (const RelationPartnersModel *other : { m_model, m_second }) {
            for (int r = 0; r < other->rowCount(); ++r) {
                if (goldstein) {
                    hi = std::max(
                        hi, other->index(r, RelationPartnersModel::GoldsteinPositiveColumn).data().toDouble());
                    lo = std::min(
                        lo, other->index(r, RelationPartnersModel::GoldsteinNegativeColumn).data().toDouble());
                } else {
                    hi = std::max(hi, other->index(r, RelationPartnersModel::TotalColumn).data().toDouble());
                }
            }
        }
    }
    if (categories->categories() != labels) {
        categories->clear();
        categories->append(labels);
    }
    categories->setTruncateLabels(false); // names are what the chart is about
    categories->setGridLineVisible(false);
    if (goldstein) {
        values->setTickType(QValueAxis::TicksFixed);
        values->setRange(lo, hi > lo ? hi : lo + 1);
        values->applyNiceNumbers();
        values->setTruncateLabels(false);
        values->setLabelFormat(QStringLiteral("%.0f"));
    } else {
        integerTicks(values, hi); // counts: whole numbers only
        if (!forExport) {
            // Fewer ticks where the bars are narrow, so that "1500" and "2000" do not run into each other: half a
            // pane each side by side (the bars about 60% of it), or what the names and a legend beside the plot
            // leave. The interval grows before the range (see integerTicks).
            const QFontMetricsF tick(values->labelsFont());
            double room = width * 0.6;
            if (!isComparing()) {
                room = width - widest - 3.0 * tick.height();
                if (m_legendAside && chart == m_chart) {
                    const QFontMetricsF key(chart->legend()->font());
                    room -= key.horizontalAdvance(tr("Cooperation")) + 3.0 * key.height();
                }
            }
            const double label = tick.horizontalAdvance(QString::number(values->max())) + tick.height();
            const double fits = std::max(2.0, std::floor(room / label));
            double step = values->tickInterval();
            while (std::ceil(hi / step) + 1 > fits && step < hi)
                step *= 2;
            if (step != values->tickInterval()) {
                values->setTickInterval(step);
                values->setRange(0, std::max(step, std::ceil(hi / step) * step));
            }
        }
    }
    values->setTitleText(!roomy ? QString() : goldstein ? tr("Goldstein score, summed") : tr("Relations"));
    if (fresh) {
        chart->addAxis(categories, Qt::AlignLeft);
        chart->addAxis(values, Qt::AlignBottom);
        series->attachAxis(categories);
        series->attachAxis(values);
    }
    if (frame)
        frame->style(chart);
    markOrganisations(series, rows, model);
}

QString RelationsPane::emptyNote() const
{
    if (m_model->rowCount() > 0 || (isComparing() && m_second->rowCount() > 0))
        return {};
    if (!m_model->focusCountry().isEmpty())
        return tr("No relations of %1%2.")
            .arg(focusName(), m_selection->hasYearRange() ? tr(" in these years") : QString());
    if (m_selection->hasYearRange())
        return tr("No relations in these years.");
    return tr("No relations yet: they come with the articles you import (File > Import).");
}

void RelationsPane::updateEmptyNote()
{
    const QString note = emptyNote();
    m_empty->showNote(note);
    const bool second = isComparing() && note.isEmpty();
    if (m_secondView->isVisibleTo(this) != second)
        m_secondView->setVisible(second);
    if (second) {
        QStringList keys;
        for (QBarSet *set : m_series->barSets())
            keys << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                        .arg(set->color().name(), set->label().toHtmlEscaped());
        const QString sides = m_sidesInKey
            ? tr("<b>Left:</b> %1, <b>right:</b> %2 &nbsp; ")
                  .arg(sideTitle(m_model).toHtmlEscaped(), sideTitle(m_second).toHtmlEscaped())
            : QString();
        m_sharedLegend->setText(sides + keys.join(QStringLiteral(" &nbsp; ")));
    }
    if (m_sharedLegend->isVisibleTo(this) != second)
        m_sharedLegend->setVisible(second);
    placeSharedLegend();
}

int RelationsPane::sharedLegendHeight() const
{
    // As wide as the two charts together (the pane less its margins).
    return m_sharedLegend->heightForWidth(std::max(120, width() - 8));
}

void RelationsPane::placeSharedLegend()
{
    if (!m_sharedLegend->isVisibleTo(this))
        return;
    const QRect charts = m_empty->geometry().united(m_secondView->geometry());
    const int height = sharedLegendHeight();
    m_sharedLegend->setGeometry(charts.left(), charts.bottom() - height - 2, charts.width(), height);
    m_sharedLegend->raise();
}

void RelationsPane::markOrganisations(
    QHorizontalStackedBarSeries *series, int rows, const RelationPartnersModel *model) const
{
    QList<int> bars;
    for (int r = 0; r < rows; ++r) {
        if (model->isOrganisation(r))
            bars.append(rows - 1 - r); // bars count from the bottom
    }
    for (QBarSet *set : series->barSets()) {
        set->setSelectedColor(paler(set->color()));
        set->deselectAllBars();
        set->selectBars(bars);
    }
}

void RelationsPane::activateBar(int index)
{
    index = m_model->rowCount() - 1 - index; // bars count from the bottom
    const QString a = m_model->pairA(index);
    const QString b = m_model->pairB(index);
    if (!a.isEmpty() && !b.isEmpty())
        m_selection->setPair(a, b);
}

void RelationsPane::moveCurrent(int row)
{
    if (m_model->rowCount() == 0)
        return;
    row = std::clamp(row, 0, m_model->rowCount() - 1);
    m_current->setCurrentIndex(m_model->index(row, RelationPartnersModel::NameColumn),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    // Say which pair it is where a mouse user would read its tooltip.
    QStatusTipEvent tip(m_model->index(row, RelationPartnersModel::NameColumn).data(Qt::ToolTipRole).toString());
    QCoreApplication::sendEvent(m_view, &tip);
}

bool RelationsPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut)) {
        updateMarks();
    } else if (watched == m_view && event->type() == QEvent::KeyPress) {
        const int rows = m_model->rowCount();
        const int current = m_current->currentIndex().isValid() ? m_current->currentIndex().row() : -1;
        switch (static_cast<QKeyEvent *>(event)->key()) {
        case Qt::Key_Up: // row 0, the strongest, is the top bar
            moveCurrent(current < 0 ? 0 : current - 1);
            return true;
        case Qt::Key_Down:
            moveCurrent(current < 0 ? 0 : current + 1);
            return true;
        case Qt::Key_Home:
        case Qt::Key_PageUp:
            moveCurrent(0);
            return true;
        case Qt::Key_End:
        case Qt::Key_PageDown:
            moveCurrent(rows - 1);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Space:
            if (current >= 0)
                activateBar(rows - 1 - current);
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RelationsPane::updateMarks()
{
    const int rows = m_model->rowCount();
    auto place = [&](QGraphicsRectItem *mark, int row) {
        if (row < 0 || row >= rows || m_chart->plotArea().isEmpty()) {
            mark->hide();
            return;
        }
        // The bar's band: bars count from the bottom; each category is one unit high.
        const int bar = rows - 1 - row;
        const QRectF plot = m_chart->plotArea();
        const double top = m_chart->mapToPosition(QPointF(0, bar + 0.45), m_series).y();
        const double bottom = m_chart->mapToPosition(QPointF(0, bar - 0.45), m_series).y();
        mark->setRect(QRectF(QPointF(plot.left() - 2, top), QPointF(plot.right() + 2, bottom)));
        QPen pen = mark->pen();
        pen.setColor(palette().color(QPalette::Highlight));
        mark->setPen(pen);
        mark->show();
    };
    const QModelIndex current = m_current->currentIndex();
    place(m_currentMark, m_view->hasFocus() && current.isValid() ? current.row() : -1);
    int pairRow = -1;
    for (int r = 0; r < rows && m_selection->hasPair(); ++r) {
        const QString a = m_model->pairA(r), b = m_model->pairB(r);
        if ((a == m_selection->pairA() && b == m_selection->pairB())
            || (a == m_selection->pairB() && b == m_selection->pairA()))
            pairRow = r;
    }
    place(m_pairMark, pairRow);
}

void RelationsPane::fitLabels()
{
    // Qt Charts drops the name of a bar whose band is lower than its label: in a short pane,
    // names get a smaller font (down to 80%) before any is dropped.
    auto *categories = qobject_cast<QBarCategoryAxis *>(m_chart->axes(Qt::Vertical).value(0));
    const int rows = m_model->rowCount();
    if (!categories || rows == 0 || m_chart->plotArea().height() <= 0)
        return;
    const double band = m_chart->plotArea().height() / rows;
    QFont label = categories->labelsFont();
    const double full = font().pointSizeF() > 0 ? font().pointSizeF() : 9.0;
    double size = full;
    for (; size > full * 0.8; size -= 0.25) {
        label.setPointSizeF(size);
        // Qt Charts wants a little more than the text's height between two labels.
        if (QFontMetricsF(label).height() * 1.2 <= band)
            break;
    }
    label.setPointSizeF(size);
    if (std::abs(categories->labelsFont().pointSizeF() - size) > 0.01)
        categories->setLabelsFont(label);
    // Side by side, the second chart's names in the same type as the first's.
    if (auto *second = qobject_cast<QBarCategoryAxis *>(m_secondChart->axes(Qt::Vertical).value(0));
        second && std::abs(second->labelsFont().pointSizeF() - size) > 0.01)
        second->setLabelsFont(label);
    // Side by side and still too short: the two charts' titles give the bars their line, and the key below both
    // says which side is whose; back once the bars have room with the titles (a line to spare, so that a pane a few
    // pixels taller does not send them back and forth).
    if (isComparing()) {
        const double titleLine = QFontMetricsF(m_chart->titleFont()).height() * 2.0;
        const double withTitles = m_chart->plotArea().height() - (m_sidesInKey ? titleLine : 0.0);
        const bool inKey = QFontMetricsF(label).height() * 1.2 * std::max(rows, m_second->rowCount()) > withTitles;
        if (inKey != m_sidesInKey) {
            m_sidesInKey = inKey;
            redrawBoth();
        }
        return;
    }
    // Still too short at the smallest size: Qt Charts would leave out every other name. The legend goes beside the
    // plot, giving the bars its line (a window of 1280x720 on a larger screen); back below once the bars have room
    // without it.
    QLegend *legend = m_chart->legend();
    if (!legend->isVisible())
        return;
    // The legend's line below, with some to spare: a pane a few pixels taller does not send it back and forth.
    const double legendLine = QFontMetricsF(legend->font()).height() * 2.0;
    const double plotBelow = m_chart->plotArea().height() - (m_legendAside ? legendLine : 0.0);
    const bool aside = QFontMetricsF(label).height() * 1.2 * rows > plotBelow;
    if (aside != m_legendAside) {
        m_legendAside = aside;
        legend->setAlignment(aside ? Qt::AlignRight : Qt::AlignBottom);
    }
}

void RelationsPane::updateMinimumHeight()
{
    // Qt Charts skips category labels taller than a bar's band: a line of text per bar, plus
    // the value axis, the legend and the margins (three lines; a short pane drops the titles).
    const int line = QFontMetrics(m_chart->font()).height();
    m_view->setMinimumHeight(std::clamp(m_limit->value() * (line + 1) + 3 * line, 160, 360));
}

void RelationsPane::setLimit(int limit)
{
    m_limit->setValue(limit); // the spin box tells the model
}

QString RelationsPane::chartName() const
{
    return QStringLiteral("relations");
}

void RelationsPane::renderChart(QPainter *painter, const QRectF &target) const
{
    const bool comparing = isComparing();
    QString heading = title();
    if (comparing && m_selection->hasComparison())
        heading = tr("Relations of %1 and of %2, %3")
                      .arg(focusName(), partyName(m_selection->comparison()),
                          yearsText(m_selection->yearFrom(), m_selection->yearTo()));
    else if (comparing)
        heading = tr("Relations of %1, %2 against %3")
                      .arg(focusName(), yearsText(m_selection->yearFrom(), m_selection->yearTo()),
                          yearsText(m_againstFrom, m_againstTo));
    else if (!m_selection->hasYearRange())
        heading += tr(", all years");
    QStringList caption;
    if (!m_storeName.isEmpty())
        caption << tr("Store: %1").arg(m_storeName);
    caption << m_measure->currentText();
    if (m_model->direction() != RelationPartnersModel::Direction::All)
        caption << m_direction->currentText();
    if (!m_model->organisationsShown())
        caption << tr("countries only");
    // Nothing to draw: the frame says why, as the pane does, in place of empty axes.
    if (const QString note = emptyNote(); !note.isEmpty()) {
        const ChartFrame frame(target, heading, caption.join(QStringLiteral(" · ")), {});
        frame.paint(painter);
        frame.paintInPlaceOfPlot(painter, note);
        return;
    }
    const bool goldstein = m_model->measure() == RelationPartnersModel::Measure::Goldstein;
    const int first
        = goldstein ? RelationPartnersModel::GoldsteinPositiveColumn : RelationPartnersModel::CooperationColumn;
    const int last = goldstein ? RelationPartnersModel::GoldsteinNegativeColumn : RelationPartnersModel::MixedColumn;
    QList<ChartFrame::Key> keys;
    for (int column = first; column <= last; ++column)
        keys.append({ m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString(), columnColor(column) });
    for (int r = 0; r < std::max(m_model->rowCount(), comparing ? m_second->rowCount() : 0); ++r) {
        if (m_model->isOrganisation(r) || (comparing && m_second->isOrganisation(r))) {
            keys.append({ tr("Organisation: paler bar, name in italics"), paler(columnColor(first)) });
            break;
        }
    }
    // As many bars as the picture has room for, their names at 7 pixels or more; a note says when that is not all.
    const int rows = std::max(m_model->rowCount(), comparing ? m_second->rowCount() : 0);
    int shown = rows;
    {
        const ChartFrame trial(target, heading, caption.join(QStringLiteral(" · ")), keys);
        QFont smallest = trial.font();
        smallest.setPixelSize(std::min(7, smallest.pixelSize()));
        // The value axis takes about two and a half lines of the plot, and a line is kept spare.
        // Side by side, each chart has a line of its own for its title.
        const double room = trial.plotArea().height() - (comparing ? 5.0 : 3.5) * QFontMetricsF(trial.font()).height();
        shown = std::clamp(int(room / (QFontMetricsF(smallest).height() * 1.1)), 1, std::max(1, rows));
    }
    if (shown < rows)
        caption << tr("the top %1 of %2: a larger picture has room for all").arg(shown).arg(rows);
    const ChartFrame frame(target, heading, caption.join(QStringLiteral(" · ")), keys);
    frame.paint(painter);
    if (!comparing) {
        renderBars(painter, frame, frame.plotArea(), m_model, m_bottomUp, shown);
        return;
    }
    // Two halves, each titled, a gap between them.
    const QRectF plot = frame.plotArea();
    const double line = QFontMetricsF(frame.font()).height();
    const double gap = line;
    const double half = (plot.width() - gap) / 2.0;
    QFont bold = frame.font();
    bold.setBold(true);
    const RelationPartnersModel *models[] = { m_model, m_second };
    QSortFilterProxyModel *proxies[] = { m_bottomUp, m_secondBottomUp };
    for (int side = 0; side < 2; ++side) {
        const QRectF area(plot.left() + side * (half + gap), plot.top(), half, plot.height());
        painter->save();
        painter->setFont(bold);
        painter->setPen(QColor(0x20, 0x20, 0x20));
        const QRectF titleBox(area.left(), area.top(), area.width(), line * 1.4);
        painter->drawText(titleBox, Qt::AlignHCenter | Qt::AlignVCenter,
            QFontMetricsF(bold).elidedText(sideTitle(models[side]), Qt::ElideRight, area.width()));
        painter->restore();
        renderBars(painter, frame, area.adjusted(0, line * 1.5, 0, 0), models[side], proxies[side], shown);
    }
}

void RelationsPane::renderBars(QPainter *painter, const ChartFrame &frame, const QRectF &area,
    const RelationPartnersModel *model, QSortFilterProxyModel *bottomUp, int shown) const
{

    auto *chart = new QChart;
    auto *series = new QHorizontalStackedBarSeries;
    chart->addSeries(series);
    auto *top = new TopRows(shown, series); // goes with the chart
    top->setSourceModel(bottomUp);
    auto *mapper = new QVBarModelMapper(series);
    updateMapping(mapper);
    mapper->setSeries(series);
    mapper->setModel(top);
    decorate(chart, series, area.width(), &frame, shown, model);

    // The names, as large as the bars' bands allow (the value axis takes about two and a half lines of the plot),
    // in a margin as wide as the longest.
    auto *categories = qobject_cast<QBarCategoryAxis *>(chart->axes(Qt::Vertical).value(0));
    const QStringList names = categories ? categories->categories() : QStringList();
    QFont font = frame.font();
    const double band = (area.height() - 2.5 * QFontMetricsF(font).height()) / std::max(1, int(names.size()));
    for (int px = font.pixelSize(); px > 7; --px) {
        font.setPixelSize(px);
        if (QFontMetricsF(font).height() * 1.1 <= band)
            break;
    }
    const QFontMetricsF metrics(font);
    const double gap = std::ceil(metrics.height() * 0.4);
    double widest = 0;
    // Italics are about as wide as upright type; the widest of both, so that no name runs into its bar.
    QFont italicFont = font;
    italicFont.setItalic(true);
    const QFontMetricsF italicMetrics(italicFont);
    for (const QString &name : names)
        widest = std::max(
            { widest, metrics.horizontalAdvance(name.trimmed()), italicMetrics.horizontalAdvance(name.trimmed()) });
    chart->setMargins(QMargins(int(std::ceil(widest + gap)), 0, 0, 0));
    ChartExport::renderOffscreen(chart, painter, area, [&](QChart *laidOut) {
        painter->save();
        painter->setFont(font);
        painter->setPen(QColor(0x30, 0x30, 0x30));
        const QPointF origin = area.topLeft();
        const double right = origin.x() + laidOut->plotArea().left() - gap;
        QFont italic = font;
        italic.setItalic(true);
        for (qsizetype i = 0; i < names.size(); ++i) {
            const double y = origin.y() + laidOut->mapToPosition(QPointF(0, double(i)), series).y();
            // Bars count from the bottom: the name at i is the row names.size() - 1 - i. An organisation's in italics.
            painter->setFont(model->isOrganisation(int(names.size() - 1 - i)) ? italic : font);
            painter->drawText(QRectF(right - widest, y - metrics.height() / 2.0, widest, metrics.height()),
                Qt::AlignRight | Qt::AlignVCenter, names.at(i).trimmed());
        }
        painter->restore();
    });
}

QString RelationsPane::chartCsv() const
{
    if (!isComparing())
        return m_model->toCsv();
    // Both sides in one table: a first column says which (the country's code, or the years).
    QString csv;
    const RelationPartnersModel *models[] = { m_model, m_second };
    for (int side = 0; side < 2; ++side) {
        const QString name = m_selection->hasComparison() ? models[side]->focusCountry()
            : side == 0                                   ? yearsText(m_selection->yearFrom(), m_selection->yearTo())
                                                          : yearsText(m_againstFrom, m_againstTo);
        const QStringList lines = models[side]->toCsv().split(u'\n', Qt::SkipEmptyParts);
        for (qsizetype i = side == 0 ? 0 : 1; i < lines.size(); ++i)
            csv += (i == 0 ? QStringLiteral("side") : chartdata::csvLine({ name }).chopped(1)) + u',' + lines.at(i)
                + u'\n';
    }
    return csv;
}

void RelationsPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    redrawBoth(); // the room for labels changed (and the shared key's place)
}

void RelationsPane::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    // The bar under the pointer: the corrections of its partner (of both sides of a pair without a focus).
    if (m_entityEditActions && m_hoveredRow >= 0 && m_hoveredRow < m_model->rowCount()) {
        const QString a = m_model->pairA(m_hoveredRow), b = m_model->pairB(m_hoveredRow);
        QStringList parties { b };
        if (m_model->focusCountry().isEmpty())
            parties.prepend(a);
        for (const QString &code : std::as_const(parties)) {
            if (code.isEmpty())
                continue;
            const QString country = Gazetteer::shared().countryName(code);
            const QString name = country.isEmpty() ? code : country;
            QMenu *correct = menu.addMenu(tr("Correct %1").arg(name));
            correct->menuAction()->setObjectName(QStringLiteral("barEntityMenu"));
            m_entityEditActions(correct,
                { country.isEmpty() ? QStringLiteral("organization") : QStringLiteral("country"), code }, name);
        }
        menu.addSeparator();
    }
    // Compare the focus with one of its partners (as Ctrl+click on its bar does), or stop comparing.
    if (!m_model->focusCountry().isEmpty() && m_model->rowCount() > 0) {
        QMenu *compare = menu.addMenu(tr("Compare %1 &With").arg(focusName()));
        compare->menuAction()->setObjectName(QStringLiteral("compareWithMenu"));
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const QString partner = m_model->pairB(r);
            QAction *a = compare->addAction(m_model->index(r, RelationPartnersModel::NameColumn).data().toString(),
                this, [this, partner] { m_selection->setComparison(partner); });
            a->setObjectName(QStringLiteral("compareWith_") + partner);
        }
    }
    if (!m_model->focusCountry().isEmpty()) {
        QAction *years = menu.addAction(tr("Compare With Other &Years…"), this, [this] {
            m_against->show();
            // After the menu has closed and given the keyboard back to where it was.
            QMetaObject::invokeMethod(
                m_against,
                [this] {
                    m_against->setFocus(Qt::OtherFocusReason);
                    m_against->selectAll();
                },
                Qt::QueuedConnection);
        });
        years->setObjectName(QStringLiteral("againstYears"));
        years->setStatusTip(tr("The focus's partners in other years (type them, e.g. 2010-2019) beside those of the "
                               "years the Timeline selects"));
    }
    if (m_selection->hasComparison()) {
        QAction *stop = menu.addAction(tr("&Stop Comparing"), m_selection, &Selection::clearComparison);
        stop->setObjectName(QStringLiteral("stopComparing"));
        stop->setStatusTip(tr("Show the focused country alone again"));
    }
    if (!menu.isEmpty())
        menu.addSeparator();
    ChartExport::addActions(&menu, this, window());
    menu.exec(event->globalPos());
}

bool RelationsPane::isWaiting() const
{
    return m_model->isBusy();
}

} // namespace entente

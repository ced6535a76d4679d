#include "relationspane.h"

#include "chartdata.h"
#include "chartexport.h"
#include "gazetteer.h"
#include "relationpartnersmodel.h"
#include "selection.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QVBarModelMapper>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace entente {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

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
    , m_view(new QChartView(this))
{
    setObjectName(QStringLiteral("relationsPane"));
    m_measure->addItem(tr("Counts by tone"));
    m_measure->addItem(tr("Goldstein sum"));
    m_measure->setToolTip(tr("Bars show relation counts split by tone, or the Goldstein scores summed "
                             "(cooperative to the right, hostile to the left)"));
    m_direction->addItem(tr("All"));
    m_direction->addItem(tr("A → B"));
    m_direction->addItem(tr("B → A"));
    m_direction->setToolTip(tr("All relations, only those the focused country initiates (A → B), or only "
                               "those aimed at it (B → A)"));
    m_limit->setRange(3, 100);
    m_limit->setValue(m_model->limit());
    m_limit->setPrefix(tr("Top "));
    m_limit->setToolTip(tr("How many partners (or pairs) to show"));
    auto *measureLabel = new QLabel(tr("&Show:"), this);
    measureLabel->setBuddy(m_measure);
    auto *directionLabel = new QLabel(tr("&Direction:"), this);
    directionLabel->setBuddy(m_direction);

    auto *controls = new QHBoxLayout;
    controls->addWidget(measureLabel);
    controls->addWidget(m_measure);
    controls->addSpacing(8);
    controls->addWidget(directionLabel);
    controls->addWidget(m_direction);
    controls->addSpacing(8);
    controls->addWidget(m_limit);
    controls->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);

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
    m_view->setChart(m_chart);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setObjectName(QStringLiteral("relationsChart"));
    m_view->setFocusPolicy(Qt::StrongFocus);
    m_view->setToolTip(tr("Click a bar to list the evidence for that pair"));
    m_view->setMinimumSize(240, 160);
    decorate(m_chart, m_series, m_view->width(), false);

    // The mapper refills the bar sets on every reset; this runs after it (connected later).
    connect(m_bottomUp, &QAbstractItemModel::modelReset, this,
        [this] { decorate(m_chart, m_series, m_view->width(), false); });
    connect(
        m_series, &QHorizontalStackedBarSeries::clicked, this, [this](int index, QBarSet *) { activateBar(index); });
    connect(m_measure, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_model->setMeasure(
            i == 1 ? RelationPartnersModel::Measure::Goldstein : RelationPartnersModel::Measure::Counts);
        updateMapping(m_mapper);
        decorate(m_chart, m_series, m_view->width(), false);
    });
    connect(m_direction, &QComboBox::currentIndexChanged, this,
        [this](int i) { m_model->setDirection(static_cast<RelationPartnersModel::Direction>(i)); });
    connect(m_limit, &QSpinBox::valueChanged, m_model, &RelationPartnersModel::setLimit);
    connect(selection, &Selection::focusChanged, this, &RelationsPane::onFocusChanged);
    connect(selection, &Selection::yearRangeChanged, this, &RelationsPane::onYearRangeChanged);
}

RelationsPane::~RelationsPane() = default;

QSize RelationsPane::sizeHint() const
{
    // Room for a readable chart when the window first lays its docks out.
    return { 420, 360 };
}

void RelationsPane::setStorePath(const QString &path)
{
    // The model already follows the selection; one reload reads the new store.
    m_model->setStorePath(path);
}

void RelationsPane::onFocusChanged(const EntityRef &entity)
{
    // Relations are between countries (and organisations); other kinds show the corpus' pairs.
    const bool party = entity.kind == u"country" || entity.kind == u"organization";
    m_model->setFocusCountry(party ? entity.key : QString());
}

void RelationsPane::onYearRangeChanged(int from, int to)
{
    m_model->setYearRange(from, to);
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
    if (m_model->focusCountry().isEmpty())
        return tr("Strongest pairs%1").arg(years);
    QString name = Gazetteer::shared().countryName(m_model->focusCountry());
    if (name.isEmpty())
        name = m_model->focusCountry();
    return tr("Relations of %1%2").arg(name, years);
}

void RelationsPane::decorate(QChart *chart, QHorizontalStackedBarSeries *series, double width, bool forExport) const
{
    const bool goldstein = m_model->measure() == RelationPartnersModel::Measure::Goldstein;
    chart->setTheme(!forExport && isDark(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setTitle(title());
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom); // below the plot, never over the bars
    chart->legend()->setVisible(true);
    chart->setMargins(QMargins(4, 4, 4, 4));
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
    QStringList labels;
    // Qt Charts gives the labels at most about a third of the chart and cuts what is longer;
    // long names are shortened here instead, with an ellipsis, never cut (full names are in
    // the tooltips and the CSV). Category names must stay unique, hence the numbering guard.
    const QFontMetricsF metrics(categories->labelsFont());
    const double budget = std::max(80.0, width * 0.3);
    QStringList seen;
    double lo = 0, hi = 0;
    for (int r = m_model->rowCount() - 1; r >= 0; --r) { // bottom up, as the bars
        QString label = metrics.elidedText(
            m_model->index(r, RelationPartnersModel::NameColumn).data().toString(), Qt::ElideMiddle, budget);
        while (seen.contains(label))
            label += u' ';
        seen << label;
        labels << label;
        if (goldstein) {
            hi = std::max(hi, m_model->index(r, RelationPartnersModel::GoldsteinPositiveColumn).data().toDouble());
            lo = std::min(lo, m_model->index(r, RelationPartnersModel::GoldsteinNegativeColumn).data().toDouble());
        } else {
            hi = std::max(hi, m_model->index(r, RelationPartnersModel::TotalColumn).data().toDouble());
        }
    }
    if (categories->categories() != labels) {
        categories->clear();
        categories->append(labels);
    }
    categories->setTruncateLabels(false); // names are what the chart is about
    categories->setGridLineVisible(false);
    values->setRange(lo, hi > lo ? hi : lo + 1);
    values->applyNiceNumbers();
    values->setTruncateLabels(false);
    values->setLabelFormat(goldstein ? QStringLiteral("%.0f") : QStringLiteral("%d"));
    values->setTitleText(goldstein ? tr("Goldstein score, summed") : tr("Relations"));
    if (fresh) {
        chart->addAxis(categories, Qt::AlignLeft);
        chart->addAxis(values, Qt::AlignBottom);
        series->attachAxis(categories);
        series->attachAxis(values);
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
    auto *chart = new QChart;
    auto *series = new QHorizontalStackedBarSeries;
    chart->addSeries(series);
    auto *mapper = new QVBarModelMapper(series); // goes with the chart
    updateMapping(mapper);
    mapper->setSeries(series);
    mapper->setModel(m_bottomUp);
    decorate(chart, series, target.width(), true);
    ChartExport::renderOffscreen(chart, painter, target);
}

QString RelationsPane::chartCsv() const
{
    return m_model->toCsv();
}

void RelationsPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    decorate(m_chart, m_series, m_view->width(), false); // the room for labels changed
}

void RelationsPane::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    ChartExport::addActions(&menu, this, window());
    menu.exec(event->globalPos());
}

} // namespace entente

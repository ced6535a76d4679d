#include "networkpane.h"

#include "busyoverlay.h"

#include "chartexport.h"
#include "chartframe.h"
#include "chartornote.h"
#include "gazetteer.h"
#include "graphexport.h"
#include "networkmodel.h"
#include "networkview.h"
#include "selection.h"
#include "store.h"
#include "storesession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace entente {

namespace {

// The minimum weight's slider moves through these: a store's edges run from one relation to thousands.
constexpr int kWeightSteps[] = { 1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 2000 };
constexpr int kWeightStepCount = int(std::size(kWeightSteps));

int weightStepOf(int weight)
{
    int step = 0;
    while (step + 1 < kWeightStepCount && kWeightSteps[step + 1] <= weight)
        ++step;
    return step;
}

constexpr auto kToneKey = "network/tone";
constexpr auto kOrganisationsKey = "network/organisations";
constexpr auto kMinWeightKey = "network/minWeight";
constexpr auto kMinDegreeKey = "network/minDegree";

} // namespace

NetworkPane::NetworkPane(Selection *selection, QWidget *parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_model(new NetworkModel(this))
    , m_view(new NetworkView(m_model, this))
    , m_limit(new QSpinBox(this))
    , m_tone(new QComboBox(this))
    , m_organisations(new QCheckBox(tr("Or&ganisations"), this))
    , m_minWeight(new QSlider(Qt::Horizontal, this))
    , m_minDegree(new QSlider(Qt::Horizontal, this))
    , m_minWeightValue(new QLabel(this))
    , m_minDegreeValue(new QLabel(this))
    , m_legend(new QLabel(this))
{
    setObjectName(QStringLiteral("networkPane"));
    const QSettings settings;
    m_limit->setRange(5, 200);
    m_limit->setValue(m_model->limit());
    m_limit->setPrefix(tr("Top "));
    m_limit->setToolTip(tr("How many of the most-mentioned countries (and organisations) to draw"));
    m_limit->setAccessibleName(tr("Top"));
    m_tone->setObjectName(QStringLiteral("networkToneCombo"));
    // In NetworkFilter::Tone's order.
    // Short names: the row must fit a compact layout's narrow pane (tst_keyboard).
    m_tone->addItem(tr("All tones"), QStringLiteral("all"));
    m_tone->addItem(tr("Cooperation"), QStringLiteral("cooperation"));
    m_tone->addItem(tr("Conflict"), QStringLiteral("conflict"));
    m_tone->addItem(tr("Net tone"), QStringLiteral("net"));
    m_tone->setToolTip(tr("Which relations make the edges: all (coloured by their Goldstein mean), the cooperative "
                          "or the hostile ones only, or the net: cooperation minus conflict, coloured by its sign"));
    m_tone->setAccessibleName(tr("Tone"));
    m_tone->setCurrentIndex(std::max(0, m_tone->findData(settings.value(QLatin1String(kToneKey)).toString())));
    m_organisations->setObjectName(QStringLiteral("networkOrganisationsCheck"));
    // In italics, as the organisations' names are in the chart: the switch is its own key to them.
    QFont italic = m_organisations->font();
    italic.setItalic(true);
    m_organisations->setFont(italic);
    m_organisations->setToolTip(
        tr("Organisations (the UN, NATO, ...) as nodes too, in dashed rings with their names in "
           "italics; off: countries only"));
    m_organisations->setChecked(settings.value(QLatin1String(kOrganisationsKey), false).toBool());
    m_minWeight->setObjectName(QStringLiteral("networkMinWeightSlider"));
    m_minWeight->setRange(0, kWeightStepCount - 1);
    m_minWeight->setPageStep(3);
    m_minWeight->setValue(weightStepOf(settings.value(QLatin1String(kMinWeightKey), 1).toInt()));
    m_minWeight->setToolTip(tr("Leave out the edges with fewer relations (under the tone) than this"));
    m_minWeight->setAccessibleName(tr("Minimum relations per edge"));
    m_minDegree->setObjectName(QStringLiteral("networkMinDegreeSlider"));
    m_minDegree->setRange(0, 30);
    m_minDegree->setPageStep(5);
    m_minDegree->setValue(std::clamp(settings.value(QLatin1String(kMinDegreeKey), 0).toInt(), 0, 30));
    m_minDegree->setToolTip(tr("Leave out the countries with fewer partners than this, again until every one left "
                               "has as many (a k-core)"));
    m_minDegree->setAccessibleName(tr("Minimum partners per node"));
    for (QSlider *slider : { m_minWeight, m_minDegree }) {
        slider->setMinimumWidth(60);
        slider->setMaximumWidth(160);
    }
    m_minWeightValue->setObjectName(QStringLiteral("networkMinWeightValue"));
    m_minDegreeValue->setObjectName(QStringLiteral("networkMinDegreeValue"));
    // The value labels keep their width as the number changes: the sliders beside them do not jump.
    const QFontMetrics fm(font());
    m_minWeightValue->setMinimumWidth(fm.horizontalAdvance(QStringLiteral("≥ 2000")));
    m_minDegreeValue->setMinimumWidth(fm.horizontalAdvance(QStringLiteral("≥ 30")));
    auto makeButton = [this](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, m_view, slot);
        return b;
    };
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_limit);
    controls->addWidget(m_tone);
    controls->addWidget(m_organisations);
    controls->addStretch();
    controls->addWidget(makeButton(tr("+"), tr("Zoom in (+)"), [this] { m_view->zoomBy(1.25); }));
    controls->addWidget(makeButton(tr("−"), tr("Zoom out (-)"), [this] { m_view->zoomBy(0.8); }));
    controls->addWidget(makeButton(tr("Fit"), tr("Show the whole network (0)"), [this] { m_view->fitAll(); }));
    controls->addWidget(makeButton(tr("Re-lay"),
        tr("Lay the network out afresh (nodes otherwise keep their places as the filters and years change)"),
        [this] { m_model->resetLayout(); }));
    auto *minima = new QHBoxLayout;
    auto *weightLabel = new QLabel(tr("Relations"), this);
    weightLabel->setBuddy(m_minWeight);
    weightLabel->setToolTip(m_minWeight->toolTip());
    auto *degreeLabel = new QLabel(tr("Partners"), this);
    degreeLabel->setBuddy(m_minDegree);
    degreeLabel->setToolTip(m_minDegree->toolTip());
    minima->addWidget(weightLabel);
    minima->addWidget(m_minWeight, 1);
    minima->addWidget(m_minWeightValue);
    minima->addSpacing(8);
    minima->addWidget(degreeLabel);
    minima->addWidget(m_minDegree, 1);
    minima->addWidget(m_minDegreeValue);
    minima->addStretch();
    // Under the picture, across its whole width: beside the buttons, a narrow or magnified
    // pane wrapped it into a column that was cut off.
    m_legend->setObjectName(QStringLiteral("networkLegend"));
    m_legend->setTextFormat(Qt::RichText);
    // One line whatever it says: a legend that wrapped to two or three lines as the communities changed resized the
    // picture under the user's eyes, and took a laptop's Evidence pane its room.
    m_legend->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    layout->addLayout(controls);
    layout->addLayout(minima);
    auto *empty = new ChartOrNote(m_view, this);
    (new BusyOverlay(empty))->watch(m_model->query());
    layout->addWidget(empty, 1);
    setFocusProxy(m_view); // Go to Pane (Ctrl+1...) lands in the view
    layout->addWidget(m_legend);
    // No country to draw: say so in place of an empty picture.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this, empty] {
        const bool none = m_model->rowCount() == 0;
        empty->showNote(emptyNote());
        m_legend->setVisible(!none);
        updateLegend();
    });

    m_model->setLimit(m_limit->value());
    m_model->setYearRange(selection->yearFrom(), selection->yearTo());
    applyFilter(false);
    connect(m_limit, &QSpinBox::valueChanged, m_model, &NetworkModel::setLimit);
    // What the user sets is remembered; what setFilter() sets (entente chart's options) is not.
    const auto changed = [this] { applyFilter(true); };
    connect(m_tone, &QComboBox::currentIndexChanged, this, changed);
    connect(m_organisations, &QCheckBox::toggled, this, changed);
    connect(m_minWeight, &QSlider::valueChanged, this, changed);
    connect(m_minDegree, &QSlider::valueChanged, this, changed);
    connect(m_view, &NetworkView::nodeClicked, this, [this](const QString &code) {
        const int row = m_model->rowOfCode(code);
        const EntityRef node {
            m_model->isOrganisation(row) ? QStringLiteral("organization") : QStringLiteral("country"), code
        };
        // Ctrl+click: compare the focus with the node (the focus's panes then show the two side by side).
        if ((QGuiApplication::keyboardModifiers() & Qt::ControlModifier) && !m_selection->focus().isNull()
            && m_selection->focus() != node)
            m_selection->setComparison(code);
        else
            m_selection->setFocus(node);
    });
    connect(selection, &Selection::focusChanged, this, [this](const EntityRef &e) {
        m_view->setFocusCode(e.kind == u"country" || e.kind == u"organization" ? e.key : QString());
    });
    connect(selection, &Selection::yearRangeChanged, m_model, &NetworkModel::setYearRange);
}

void NetworkPane::applyFilter(bool remember)
{
    NetworkFilter f;
    if (!NetworkFilter::parseTone(m_tone->currentData().toString(), &f.tone))
        f.tone = NetworkFilter::Tone::All;
    f.organisations = m_organisations->isChecked();
    f.minWeight = kWeightSteps[std::clamp(m_minWeight->value(), 0, kWeightStepCount - 1)];
    f.minDegree = m_minDegree->value();
    m_minWeightValue->setText(tr("≥ %1").arg(f.minWeight));
    m_minDegreeValue->setText(f.minDegree > 0 ? tr("≥ %1").arg(f.minDegree) : tr("any"));
    if (remember) {
        QSettings settings;
        settings.setValue(QLatin1String(kToneKey), NetworkFilter::toneName(f.tone));
        settings.setValue(QLatin1String(kOrganisationsKey), f.organisations);
        settings.setValue(QLatin1String(kMinWeightKey), f.minWeight);
        settings.setValue(QLatin1String(kMinDegreeKey), f.minDegree);
    }
    m_model->setFilter(f);
}

void NetworkPane::setFilter(const NetworkFilter &filter)
{
    // Through the controls, which tell the model (and the settings) once they all hold the new values.
    {
        const QSignalBlocker b1(m_tone), b2(m_organisations), b3(m_minWeight), b4(m_minDegree);
        m_tone->setCurrentIndex(std::max(0, m_tone->findData(NetworkFilter::toneName(filter.tone))));
        m_organisations->setChecked(filter.organisations);
        m_minWeight->setValue(weightStepOf(filter.minWeight));
        m_minDegree->setValue(std::clamp(filter.minDegree, 0, m_minDegree->maximum()));
    }
    applyFilter(false);
}

void NetworkPane::updateLegend()
{
    // What the colours mean: the edges' tones, then the communities, named by their most-mentioned member. One line,
    // as much as fits (fitLegend()); the tooltip has it all.
    const NetworkFilter f = m_model->filter();
    const auto swatch = [](const QColor &c, const QString &glyph) {
        return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(c.name(), glyph);
    };
    const QString line = QStringLiteral("━");
    m_legendItems.clear();
    QString edges;
    switch (f.tone) {
    case NetworkFilter::Tone::Cooperation:
        m_legendItems << swatch(NetworkView::toneColor(1.0), line) + QStringLiteral("&nbsp;") + tr("cooperation");
        edges = tr("Edges: cooperation only, width by count.");
        break;
    case NetworkFilter::Tone::Conflict:
        m_legendItems << swatch(NetworkView::toneColor(-1.0), line) + QStringLiteral("&nbsp;") + tr("conflict");
        edges = tr("Edges: conflict only, width by count.");
        break;
    case NetworkFilter::Tone::Net:
    case NetworkFilter::Tone::All:
        m_legendItems << swatch(NetworkView::toneColor(1.0), line) + QStringLiteral("&nbsp;") + tr("cooperative")
                + QStringLiteral(" ") + swatch(NetworkView::toneColor(-1.0), line) + QStringLiteral("&nbsp;")
                + tr("hostile");
        edges = f.tone == NetworkFilter::Tone::Net
            ? tr("Edges: cooperation minus conflict, coloured by its sign, width by the difference.")
            : tr("Edges: coloured by their mean Goldstein score, width by the number of relations.");
        break;
    }
    QStringList names;
    for (int c = 0; c < std::min(m_model->communityCount(), int(NetworkView::CommunityColours)); ++c) {
        const int size = m_model->communitySize(c);
        if (size < 2)
            break; // the rest are nodes alone, in grey
        const QString name = m_model->index(m_model->communityLead(c), NetworkModel::NameColumn).data().toString();
        m_legendItems << swatch(NetworkView::communityColor(c, size), QStringLiteral("■")) + QStringLiteral("&nbsp;")
                + name.toHtmlEscaped();
        names << tr("%1's (%2)").arg(name).arg(size);
    }
    m_legendCommunities = int(names.size());
    QString tip = tr("Node size: mentions; dashed ring: an organisation.") + u'\n' + edges;
    if (!names.isEmpty())
        tip += u'\n'
            + tr("Node colour: communities, groups more related among themselves than with the rest (Louvain "
                 "modularity on the edges' weights), each named by its most-mentioned member: %1.")
                  .arg(names.join(QStringLiteral(", ")));
    m_legend->setToolTip(tip);
    fitLegend();
}

void NetworkPane::fitLegend()
{
    if (m_legendItems.isEmpty()) {
        m_legend->clear();
        return;
    }
    // As many items as the width holds; the communities left out are counted.
    const QFontMetrics fm(m_legend->font());
    const int room = std::max(100, m_legend->width() - 4);
    const auto plain = [](const QString &html) {
        QString t = html;
        static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
        return t.remove(tags).replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    };
    const QString prefix = m_legendCommunities > 0 ? tr("Communities:") + QStringLiteral(" ") : QString();
    QString text = m_legendItems.first();
    int shown = 0;
    for (qsizetype i = 1; i < m_legendItems.size(); ++i) {
        const QString candidate
            = text + (i == 1 ? QStringLiteral(" · ") + prefix : QStringLiteral(" &nbsp;")) + m_legendItems.at(i);
        const int left = m_legendCommunities - shown - 1;
        const QString more = left > 0 ? tr(" (+%1)").arg(left) : QString();
        if (fm.horizontalAdvance(plain(candidate + more)) > room)
            break;
        text = candidate;
        ++shown;
    }
    if (shown < m_legendCommunities && shown > 0)
        text += tr(" (+%1)").arg(m_legendCommunities - shown);
    m_legend->setText(text);
}

void NetworkPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitLegend();
}

QSize NetworkPane::sizeHint() const
{
    // Room for a readable chart when the window first lays its docks out.
    return { 420, 280 };
}

void NetworkPane::setSession(std::shared_ptr<StoreSession> session)
{
    m_session = session;
    m_storeName = session ? QFileInfo(session->path()).fileName() : QString();
    // The model already follows the selection's year range; one reload reads the new store.
    m_model->setSession(std::move(session));
}

void NetworkPane::refresh()
{
    m_model->refresh();
}

void NetworkPane::setLimit(int limit)
{
    m_limit->setValue(limit); // the spin box tells the model
}

QString NetworkPane::chartName() const
{
    return QStringLiteral("network");
}

QString NetworkPane::emptyNote() const
{
    if (m_model->rowCount() > 0)
        return {};
    const NetworkFilter f = m_model->filter();
    if (f.minWeight > 1 || f.minDegree > 0 || f.tone != NetworkFilter::Tone::All)
        return tr("No country passes these filters: lower the minimum relations or partners.");
    if (m_selection->hasYearRange())
        return tr("No country is named in these years.");
    return tr("No countries yet: import articles (File > Import) to see how they relate.");
}

void NetworkPane::renderChart(QPainter *painter, const QRectF &target) const
{
    // Drawn directly (not from the on-screen scene) so that labels scale with the page and
    // vector formats keep text as text.
    const NetworkFilter f = m_model->filter();
    QString heading = m_model->rowCount() == 0 ? tr("Relations among the most-mentioned countries")
        : f.organisations
        ? tr("Relations among the %1 most-mentioned countries and organisations").arg(m_model->rowCount())
        : tr("Relations among the %n most-mentioned countries", nullptr, m_model->rowCount());
    heading += m_selection->hasYearRange() ? tr(", %1–%2").arg(m_selection->yearFrom()).arg(m_selection->yearTo())
                                           : tr(", all years");
    const QString focus = m_selection->focus().key;
    const int focusRow = m_model->rowOfCode(focus);
    const int hubRow = m_model->hubRow();
    QStringList caption;
    if (!m_storeName.isEmpty())
        caption << tr("Store: %1").arg(m_storeName);
    if (focusRow >= 0)
        caption << tr("focus: %1").arg(m_model->index(focusRow, NetworkModel::NameColumn).data().toString());
    if (f.tone == NetworkFilter::Tone::Cooperation)
        caption << tr("cooperation only");
    else if (f.tone == NetworkFilter::Tone::Conflict)
        caption << tr("conflict only");
    else if (f.tone == NetworkFilter::Tone::Net)
        caption << tr("net tone (cooperation − conflict)");
    if (f.minWeight > 1)
        caption << tr("edges of %1+ relations").arg(f.minWeight);
    if (f.minDegree > 0)
        caption << tr("nodes of %1+ partners").arg(f.minDegree);
    QList<ChartFrame::Key> keys = {
        { tr("Cooperative"), NetworkView::toneColor(1.0), ChartFrame::Key::Line },
        { tr("Hostile"), NetworkView::toneColor(-1.0), ChartFrame::Key::Line },
    };
    // The communities, named by their most-mentioned member; the rest in grey.
    for (int c = 0; c < std::min(m_model->communityCount(), int(NetworkView::CommunityColours)); ++c) {
        const int size = m_model->communitySize(c);
        if (size < 2)
            break;
        keys.append(
            { tr("%1's").arg(m_model->index(m_model->communityLead(c), NetworkModel::NameColumn).data().toString()),
                NetworkView::communityColor(c, size) });
    }
    bool organisations = false;
    for (int r = 0; r < m_model->rowCount() && !organisations; ++r)
        organisations = m_model->isOrganisation(r);
    QString note = tr("Node size: mentions · node colour: community · edge colour: tone · edge width: relations");
    if (organisations)
        note += tr(" · dashed ring, name in italics: an organisation");
    // Nothing to draw: the frame says why, as the pane does, in place of an empty picture.
    if (const QString empty = emptyNote(); !empty.isEmpty()) {
        const ChartFrame frame(target, heading, caption.join(QStringLiteral(" · ")), {});
        frame.paint(painter);
        frame.paintInPlaceOfPlot(painter, empty);
        return;
    }
    const ChartFrame frame(target, heading, caption.join(QStringLiteral(" · ")), keys, note);
    frame.paint(painter);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont font = frame.font();
    const int n = m_model->rowCount();
    int maxMentions = 0;
    for (int r = 0; r < n; ++r)
        maxMentions = std::max(maxMentions, m_model->mentions(r));
    int maxWeight = 1;
    for (const NetworkModel::Edge &e : m_model->edges())
        maxWeight = std::max(maxWeight, e.weight);
    // The layout's extent (kept places can lie outside [-1, 1]) into the plot, square, with room for labels at the
    // sides.
    QRectF extent;
    for (int r = 0; r < n; ++r)
        extent |= QRectF(m_model->position(r), QSizeF(1e-9, 1e-9));
    const QPointF middle = extent.center();
    const double half = std::max({ extent.width() / 2, extent.height() / 2, 1e-6 });
    const QRectF plot = frame.plotArea();
    const double margin = font.pixelSize() * 1.5;
    const QRectF area = plot.adjusted(margin * 3, margin, -margin * 3, -margin);
    const double side = std::max(1.0, std::min(area.width(), area.height()));
    const QPointF centre = area.center();
    const double unit = side / 2.0;
    const double sizeScale = side / (2.0 * NetworkView::SceneScale);
    auto at = [&](int row) { return centre + (m_model->position(row) - middle) / half * unit; };
    auto radiusOf = [&](int row) { return NetworkView::nodeRadius(m_model->mentions(row), maxMentions) * sizeScale; };

    for (const NetworkModel::Edge &e : m_model->edges()) {
        const bool touches = e.from == focusRow || e.to == focusRow;
        if (!e.backbone && !touches)
            continue; // as on screen: the weak edges of two others only blur the picture (the CSV has them all)
        QColor c = NetworkView::toneColor(e.tone);
        c.setAlphaF(focusRow < 0 || touches ? 0.9f : 0.15f);
        QPen pen(c,
            std::max(0.5,
                (0.6 + 5.0 * std::log1p(double(e.weight)) / std::log1p(double(maxWeight))) * std::max(1.0, sizeScale)));
        pen.setCapStyle(Qt::RoundCap);
        painter->setPen(pen);
        painter->drawLine(at(e.from), at(e.to));
    }
    for (int r = 0; r < n; ++r) {
        const bool focused = r == focusRow;
        const int community = m_model->community(r);
        QColor fill = NetworkView::communityColor(community, m_model->communitySize(community));
        fill.setAlphaF(0.9f);
        painter->setBrush(fill);
        QPen outline(focused ? Qt::black : fill.darker(140), focused ? 2.5 : 1);
        outline.setStyle(m_model->isOrganisation(r) && !focused ? Qt::DashLine : Qt::SolidLine);
        painter->setPen(outline);
        painter->drawEllipse(at(r), radiusOf(r), radiusOf(r));
    }
    // Labels: the hub and the focus first, then by mentions; each at the first of four corners of its node where it
    // stays in the plot and clear of the labels placed before it, or left out (the CSV has every name) unless it is
    // the hub's or the focus's.
    QList<int> order;
    for (int r = 0; r < n; ++r)
        order.append(r);
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
        if ((x == hubRow) != (y == hubRow))
            return x == hubRow;
        if ((x == focusRow) != (y == focusRow))
            return x == focusRow;
        return m_model->mentions(x) > m_model->mentions(y);
    });
    QList<QRectF> placed;
    painter->setPen(Qt::black);
    for (const int r : order) {
        QFont f = font;
        f.setBold(r == focusRow);
        f.setItalic(m_model->isOrganisation(r));
        const QFontMetricsF fm(f);
        const QString name = m_model->index(r, NetworkModel::NameColumn).data().toString();
        const QSizeF size(fm.horizontalAdvance(name), fm.height());
        const double d = radiusOf(r) * 0.75;
        const QPointF c = at(r);
        const QRectF candidates[] = {
            QRectF(QPointF(c.x() + d, c.y() - d - size.height()), size),
            QRectF(QPointF(c.x() - d - size.width(), c.y() - d - size.height()), size),
            QRectF(QPointF(c.x() + d, c.y() + d), size),
            QRectF(QPointF(c.x() - d - size.width(), c.y() + d), size),
        };
        const QRectF *chosen = nullptr;
        for (const QRectF &rect : candidates) {
            const bool clear = plot.contains(rect)
                && std::none_of(placed.cbegin(), placed.cend(), [&](const QRectF &o) { return o.intersects(rect); });
            if (clear) {
                chosen = &rect;
                break;
            }
        }
        if (!chosen && (r == hubRow || r == focusRow)) {
            for (const QRectF &rect : candidates)
                if (!chosen && plot.contains(rect))
                    chosen = &rect;
            if (!chosen)
                chosen = &candidates[0];
        }
        if (chosen) {
            placed.append(*chosen);
            painter->setFont(f);
            painter->drawText(*chosen, Qt::AlignLeft | Qt::AlignVCenter, name);
        }
    }
    painter->restore();
}

QString NetworkPane::chartCsv() const
{
    return m_model->toCsv();
}

bool NetworkPane::writeGraph(const QString &path, QString *error) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    GraphExport::Format format;
    if (!GraphExport::parseFormat(suffix, &format)) {
        *error = tr("%1: name the file .gexf (for Gephi) or .graphml").arg(QFileInfo(path).fileName());
        return false;
    }
    const Store *store = m_session ? m_session->reader() : nullptr;
    if (!store) {
        *error = tr("No store is open.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (GraphExport::write(*store, format, &file, error, m_model->filter()).nodes < 0)
        return false;
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void NetworkPane::exportGraphInteractively()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export the Network as Shown"),
        QDir::home().filePath(QStringLiteral("network.gexf")), tr("GEXF for Gephi (*.gexf);;GraphML (*.graphml)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".gexf");
    QString error;
    if (!writeGraph(path, &error))
        QMessageBox::warning(this, tr("Export the Network"), error);
}

void NetworkPane::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    // The node under the pointer: its corrections.
    const QString code = m_view->nodeAt(m_view->mapFrom(this, event->pos()));
    if (const int row = code.isEmpty() ? -1 : m_model->rowOfCode(code); row >= 0 && m_entityEditActions) {
        const bool organisation = m_model->isOrganisation(row);
        const QString name = organisation ? code : Gazetteer::shared().countryName(code);
        QMenu *correct = menu.addMenu(tr("Correct %1").arg(name.isEmpty() ? code : name));
        correct->menuAction()->setObjectName(QStringLiteral("networkEntityMenu"));
        m_entityEditActions(correct,
            { organisation ? QStringLiteral("organization") : QStringLiteral("country"), code },
            name.isEmpty() ? code : name);
        menu.addSeparator();
    }
    ChartExport::addActions(&menu, this, window());
    menu.addSeparator();
    menu.addAction(tr("Network for &Gephi (GEXF, GraphML)…"), this, &NetworkPane::exportGraphInteractively);
    menu.exec(event->globalPos());
}

bool NetworkPane::isWaiting() const
{
    return m_model->isBusy();
}

} // namespace entente

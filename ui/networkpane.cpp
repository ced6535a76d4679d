#include "networkpane.h"

#include "chartexport.h"
#include "networkmodel.h"
#include "networkview.h"
#include "selection.h"
#include "storesession.h"

#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace entente {

NetworkPane::NetworkPane(Selection *selection, QWidget *parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_model(new NetworkModel(this))
    , m_view(new NetworkView(m_model, this))
    , m_limit(new QSpinBox(this))
{
    setObjectName(QStringLiteral("networkPane"));
    m_limit->setRange(5, 200);
    m_limit->setValue(m_model->limit());
    m_limit->setPrefix(tr("Top "));
    m_limit->setSuffix(tr(" countries"));
    m_limit->setToolTip(tr("How many of the most-mentioned countries to draw"));
    auto makeButton = [this](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, m_view, slot);
        return b;
    };
    auto *legend = new QLabel(tr("Node size: mentions · edge colour: net tone (green cooperative, orange hostile) · "
                                 "width: relations"),
        this);
    legend->setWordWrap(true);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_limit);
    controls->addWidget(makeButton(tr("+"), tr("Zoom in (+)"), [this] { m_view->zoomBy(1.25); }));
    controls->addWidget(makeButton(tr("−"), tr("Zoom out (-)"), [this] { m_view->zoomBy(0.8); }));
    controls->addWidget(makeButton(tr("Fit"), tr("Show the whole network (0)"), [this] { m_view->fitAll(); }));
    controls->addStretch();
    // Under the picture, across its whole width: beside the buttons, a narrow or magnified
    // pane wrapped it into a column that was cut off.
    legend->setToolTip(legend->text());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);
    setFocusProxy(m_view); // Go to Pane (Ctrl+1...) lands in the view
    layout->addWidget(legend);

    connect(m_limit, &QSpinBox::valueChanged, m_model, &NetworkModel::setLimit);
    connect(m_view, &NetworkView::nodeClicked, this, [this](const QString &code) {
        m_selection->setFocus({ QStringLiteral("country"), code });
    });
    connect(selection, &Selection::focusChanged, this,
        [this](const EntityRef &e) { m_view->setFocusCode(e.kind == u"country" ? e.key : QString()); });
    connect(selection, &Selection::yearRangeChanged, m_model, &NetworkModel::setYearRange);
}

QSize NetworkPane::sizeHint() const
{
    // Room for a readable chart when the window first lays its docks out.
    return { 420, 280 };
}

void NetworkPane::setSession(std::shared_ptr<StoreSession> session)
{
    // The model already follows the selection's year range; one reload reads the new store.
    m_model->setSession(std::move(session));
}

void NetworkPane::setLimit(int limit)
{
    m_limit->setValue(limit); // the spin box tells the model
}

QString NetworkPane::chartName() const
{
    return QStringLiteral("network");
}

void NetworkPane::renderChart(QPainter *painter, const QRectF &target) const
{
    // Drawn directly (not from the on-screen scene) so that labels scale with the page and
    // vector formats keep text as text.
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->fillRect(target, Qt::white);
    QFont font = painter->font();
    font.setPixelSize(std::max(11, int(target.height() / 60)));
    QFont titleFont = font;
    titleFont.setPixelSize(int(font.pixelSize() * 1.5));
    titleFont.setBold(true);
    painter->setFont(titleFont);
    QString title = tr("Relations among the %n most-mentioned countries", nullptr, m_model->rowCount());
    if (m_selection->hasYearRange())
        title += tr(", %1–%2").arg(m_selection->yearFrom()).arg(m_selection->yearTo());
    const double titleHeight = QFontMetricsF(titleFont).height() * 1.8;
    painter->setPen(Qt::black);
    painter->drawText(QRectF(target.left(), target.top(), target.width(), titleHeight), Qt::AlignCenter, title);

    const int n = m_model->rowCount();
    int maxMentions = 0;
    for (int r = 0; r < n; ++r)
        maxMentions = std::max(maxMentions, m_model->mentions(r));
    int maxCount = 1;
    for (const NetworkModel::Edge &e : m_model->edges())
        maxCount = std::max(maxCount, e.count);
    // Layout [-1, 1]² into the area under the title, square, with room for labels.
    const double margin = font.pixelSize() * 2.5;
    const QRectF area = target.adjusted(margin, titleHeight + margin / 2, -margin * 3, -margin);
    const double side = std::max(1.0, std::min(area.width(), area.height()));
    const QPointF centre = area.center();
    const double unit = side / 2.0;
    const double sizeScale = side / (2.0 * NetworkView::SceneScale);
    auto at = [&](int row) { return centre + m_model->position(row) * unit; };
    const QString focus = m_selection->focus().kind == u"country" ? m_selection->focus().key : QString();
    const int focusRow = m_model->rowOfCode(focus);

    for (const NetworkModel::Edge &e : m_model->edges()) {
        QColor c = NetworkView::toneColor(e.netTone());
        const bool touches = focusRow < 0 || e.from == focusRow || e.to == focusRow;
        c.setAlphaF(touches ? 0.9f : 0.15f);
        QPen pen(c,
            std::max(0.5,
                (0.6 + 5.0 * std::log1p(double(e.count)) / std::log1p(double(maxCount))) * std::max(1.0, sizeScale)));
        pen.setCapStyle(Qt::RoundCap);
        painter->setPen(pen);
        painter->drawLine(at(e.from), at(e.to));
    }
    painter->setFont(font);
    for (int r = 0; r < n; ++r) {
        const double radius = NetworkView::nodeRadius(m_model->mentions(r), maxMentions) * sizeScale;
        const bool focused = r == focusRow;
        QColor fill = focused ? QColor(0xe6, 0xab, 0x02) : QColor(0x4c, 0x72, 0xb0);
        fill.setAlphaF(0.9f);
        painter->setBrush(fill);
        painter->setPen(QPen(focused ? Qt::black : fill.darker(130), focused ? 2.5 : 1));
        painter->drawEllipse(at(r), radius, radius);
    }
    for (int r = 0; r < n; ++r) {
        const double radius = NetworkView::nodeRadius(m_model->mentions(r), maxMentions) * sizeScale;
        QFont f = font;
        f.setBold(r == focusRow);
        painter->setFont(f);
        painter->setPen(Qt::black);
        const QPointF p = at(r) + QPointF(radius * 0.75, -radius * 0.75);
        painter->drawText(p, m_model->index(r, NetworkModel::NameColumn).data().toString());
    }
    QFont small = font;
    small.setPixelSize(std::max(10, int(font.pixelSize() * 0.9)));
    painter->setFont(small);
    painter->setPen(QColor(0x55, 0x55, 0x55));
    painter->drawText(target.adjusted(8, 0, -8, -4), Qt::AlignBottom | Qt::AlignHCenter,
        tr("Node size: mentions · edge colour: net tone (green cooperative, orange hostile) · "
           "edge width: relations"));
    painter->restore();
}

QString NetworkPane::chartCsv() const
{
    return m_model->toCsv();
}

void NetworkPane::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    ChartExport::addActions(&menu, this, window());
    menu.exec(event->globalPos());
}

} // namespace entente

#include "networkview.h"

#include "networkmodel.h"

#include <QCoreApplication>
#include <QGraphicsEllipseItem>
#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QStatusTipEvent>
#include <QWheelEvent>

#include <algorithm>

#include <cmath>

namespace entente {

namespace {
constexpr int CodeKey = 0;
constexpr int RowKey = 1;
} // namespace

NetworkView::NetworkView(NetworkModel *model, QWidget *parent)
    : QGraphicsView(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("networkView"));
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(200, 170);
    setToolTip(tr("Click a country to focus it; wheel or +/- to zoom, drag to pan, 0 to fit.\n"
                  "Keyboard: arrow keys move from country to country, Enter focuses it."));
    connect(model, &QAbstractItemModel::modelReset, this, &NetworkView::rebuild);
    rebuild();
}

double NetworkView::nodeRadius(int mentions, int maxMentions)
{
    if (maxMentions <= 0)
        return 8;
    // Area proportional to mentions, with a floor so small countries stay clickable.
    return 7.0 + 28.0 * std::sqrt(double(mentions) / double(maxMentions));
}

QColor NetworkView::toneColor(double netTone)
{
    const QColor grey(0x8c, 0x96, 0xa8), coop(0x1b, 0x9e, 0x77), conflict(0xd9, 0x5f, 0x02);
    // Goldstein means rarely pass ±3 of 10: stretch so that typical tones show their colour.
    const double t = std::clamp(netTone * 3.0, -1.0, 1.0);
    const QColor &to = t >= 0 ? coop : conflict;
    const double f = std::abs(t);
    return QColor::fromRgbF(float(grey.redF() + (to.redF() - grey.redF()) * f),
        float(grey.greenF() + (to.greenF() - grey.greenF()) * f),
        float(grey.blueF() + (to.blueF() - grey.blueF()) * f));
}

QColor NetworkView::communityColor(int community, int size)
{
    // Seaborn's "deep" palette without its orange and green (the edges' tones).
    static const QColor palette[CommunityColours]
        = { QColor(0x4c, 0x72, 0xb0), QColor(0xc4, 0x4e, 0x52), QColor(0x81, 0x72, 0xb3), QColor(0x93, 0x78, 0x60),
              QColor(0xda, 0x8b, 0xc3), QColor(0xb5, 0xa4, 0x4a), QColor(0x64, 0xb5, 0xcd) };
    if (community < 0 || community >= CommunityColours || size < 2)
        return QColor(0x9a, 0x9a, 0x9a);
    return palette[community];
}

double NetworkView::stretchFor(const QSize &viewport)
{
    // The layout is square; a wide pane would leave its sides empty and crowd the labels in the
    // middle. Up to twice as wide as high, in steps, so that small resizes keep the picture.
    const double aspect = viewport.height() > 0 ? double(viewport.width()) / viewport.height() : 1.0;
    return std::clamp(std::round(aspect * 4.0) / 4.0, 1.0, 2.0);
}

QPointF NetworkView::scenePos(int row) const
{
    const QPointF p = m_model->position(row);
    return { p.x() * SceneScale * m_stretch, p.y() * SceneScale };
}

void NetworkView::rebuild()
{
    scene()->clear();
    m_ring = nullptr; // the scene owned it
    m_stretch = stretchFor(viewport()->size());
    m_nodes.clear();
    m_edges.clear();
    const int n = m_model->rowCount();
    int maxMentions = 0;
    for (int r = 0; r < n; ++r)
        maxMentions = std::max(maxMentions, m_model->mentions(r));
    int maxWeight = 1;
    for (const NetworkModel::Edge &e : m_model->edges())
        maxWeight = std::max(maxWeight, e.weight);

    const auto nameOf = [this](int row) { return m_model->index(row, NetworkModel::NameColumn).data().toString(); };
    for (const NetworkModel::Edge &e : m_model->edges()) {
        const QPointF a = scenePos(e.from), b = scenePos(e.to);
        auto *line = scene()->addLine(QLineF(a, b));
        QPen pen(toneColor(e.tone));
        pen.setCosmetic(true); // pixels, whatever the zoom
        pen.setWidthF(0.6 + 5.0 * std::log1p(double(e.weight)) / std::log1p(double(maxWeight)));
        pen.setCapStyle(Qt::RoundCap);
        line->setPen(pen);
        line->setZValue(0);
        line->setToolTip(tr("%1 – %2: %3 relations, %4 cooperation, %5 conflict")
                             .arg(nameOf(e.from), nameOf(e.to))
                             .arg(e.count)
                             .arg(e.cooperation)
                             .arg(e.conflict));
        m_edges.append({ line, m_model->code(e.from), m_model->code(e.to), e.backbone });
    }
    QFont labelFont = font();
    labelFont.setPointSizeF(labelFont.pointSizeF() * 0.95);
    for (int r = 0; r < n; ++r) {
        const QString code = m_model->code(r);
        const QPointF p = scenePos(r);
        const double radius = nodeRadius(m_model->mentions(r), maxMentions);
        auto *circle = scene()->addEllipse(QRectF(-radius, -radius, 2 * radius, 2 * radius));
        circle->setPos(p);
        circle->setData(CodeKey, code);
        circle->setData(RowKey, r);
        circle->setZValue(2);
        circle->setToolTip(m_model->index(r, NetworkModel::NameColumn).data(Qt::ToolTipRole).toString());
        auto *label = new QGraphicsSimpleTextItem(m_model->index(r, NetworkModel::NameColumn).data().toString());
        label->setFont(labelFont);
        // Labels keep their pixel size at any zoom, beside their node.
        label->setFlag(QGraphicsItem::ItemIgnoresTransformations);
        label->setPos(p + QPointF(radius * 0.75, -radius * 0.75));
        label->setData(CodeKey, code);
        label->setZValue(3);
        scene()->addItem(label);
        m_nodes.insert(code, { circle, label });
    }
    // The nodes with a margin on every side; placeLabels() keeps names inside the view. Every place the layout has
    // given counts, shown now or not: a node that stays keeps its place on the screen as others come and go with
    // the years and filters.
    QRectF nodes;
    for (const NodeItems &node : std::as_const(m_nodes))
        nodes |= node.circle->sceneBoundingRect();
    const QRectF placed = m_model->layoutBounds();
    if (!nodes.isEmpty() && placed.isValid())
        nodes |= QRectF(placed.x() * SceneScale * m_stretch, placed.y() * SceneScale,
            placed.width() * SceneScale * m_stretch, placed.height() * SceneScale)
                     .adjusted(-35, -35, 35, 35); // the largest node's radius
    scene()->setSceneRect(nodes.adjusted(-90, -40, 90, 40));
    applyHighlight();
    if (!m_userZoomed)
        fitAll();
    if (!m_nodes.contains(m_current))
        m_current.clear();
    placeRing();
}

void NetworkView::applyHighlight()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const bool anyFocus = m_nodes.contains(m_focus);
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        const bool focused = it.key() == m_focus;
        const int row = it->circle->data(RowKey).toInt();
        const int community = m_model->community(row);
        QColor fill = communityColor(community, m_model->communitySize(community));
        fill.setAlphaF(anyFocus && !focused ? 0.55f : 0.9f);
        it->circle->setBrush(fill);
        QPen outline(focused ? text : fill.darker(140));
        outline.setCosmetic(true);
        outline.setWidthF(focused ? 3 : 1);
        // Organisations in a dashed ring: the fill is their community's.
        outline.setStyle(m_model->isOrganisation(row) && !focused ? Qt::DashLine : Qt::SolidLine);
        it->circle->setPen(outline);
        it->circle->setZValue(focused ? 4 : 2);
        QFont f = it->label->font();
        f.setBold(focused);
        f.setItalic(m_model->isOrganisation(row)); // as in the Relations chart and the exports
        it->label->setFont(f);
        it->label->setBrush(text);
        it->label->setZValue(focused ? 5 : 3);
    }
    for (const EdgeItem &e : std::as_const(m_edges)) {
        const bool touches = e.a == m_focus || e.b == m_focus;
        // Weak edges between two other countries are left out: they only blur the picture.
        e.line->setVisible(e.backbone || touches);
        e.line->setOpacity(!anyFocus || touches ? 0.95 : 0.12);
        e.line->setZValue(touches ? 1 : 0);
    }
    placeLabels();
}

void NetworkView::placeLabels()
{
    if (m_nodes.isEmpty())
        return;
    // The hub and the focus before all, then the biggest (the model's rows are by mentions).
    const QString hub = m_model->code(m_model->hubRow());
    QList<QString> order;
    if (m_nodes.contains(hub))
        order << hub;
    if (m_nodes.contains(m_focus) && m_focus != hub)
        order << m_focus;
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (!order.contains(m_model->code(r)) && m_nodes.contains(m_model->code(r)))
            order << m_model->code(r);
    QList<QRectF> taken; // viewport pixels
    for (const QString &code : std::as_const(order)) {
        const NodeItems &node = m_nodes.value(code);
        taken << mapFromScene(node.circle->sceneBoundingRect()).boundingRect().toRectF().adjusted(1, 1, -1, -1);
    }
    const double scale = std::max(1e-6, transform().m11());
    const QRectF inside = QRectF(viewport()->rect()).adjusted(2, 2, -2, -2);
    for (const QString &code : std::as_const(order)) {
        const NodeItems &node = m_nodes.value(code);
        const QSizeF size = node.label->boundingRect().size();
        const QPointF centre = mapFromScene(node.circle->pos());
        const double r = node.circle->rect().width() / 2 * scale;
        const double gap = 2;
        // Beside the node: right, left, above, below, then the corners.
        const QPointF candidates[] = {
            { r + gap, -size.height() / 2 },
            { -r - gap - size.width(), -size.height() / 2 },
            { -size.width() / 2, -r - gap - size.height() },
            { -size.width() / 2, r + gap },
            { r * 0.7, -r * 0.7 - size.height() },
            { -r * 0.7 - size.width(), -r * 0.7 - size.height() },
            { r * 0.7, r * 0.7 },
            { -r * 0.7 - size.width(), r * 0.7 },
        };
        const QRectF own
            = mapFromScene(node.circle->sceneBoundingRect()).boundingRect().toRectF().adjusted(1, 1, -1, -1);
        bool placed = false;
        for (const QPointF &offset : candidates) {
            const QRectF rect(centre + offset, size);
            // A few pixels between two names, so that "Syria" and "Germany" side by side do not read as one.
            const QRectF spaced = rect.adjusted(-4, -1, 4, 1);
            const bool clear = inside.contains(rect)
                && std::none_of(
                    taken.cbegin(), taken.cend(), [&](const QRectF &t) { return t != own && t.intersects(spaced); });
            if (clear) {
                node.label->setPos(mapToScene(rect.topLeft().toPoint()));
                taken << rect;
                placed = true;
                break;
            }
        }
        if (!placed && (code == m_focus || code == hub)) {
            // The focus and the hub always have their names: the first place inside the view, over what is there.
            QRectF rect(centre + candidates[0], size);
            for (const QPointF &offset : candidates) {
                if (inside.contains(QRectF(centre + offset, size))) {
                    rect = QRectF(centre + offset, size);
                    break;
                }
            }
            node.label->setPos(mapToScene(rect.topLeft().toPoint()));
            taken << rect;
            placed = true;
        }
        node.label->setVisible(placed);
    }
}

bool NetworkView::isLabelVisible(const QString &code) const
{
    const auto it = m_nodes.constFind(code);
    return it != m_nodes.constEnd() && it->label->isVisible();
}

QFont NetworkView::labelFont(const QString &code) const
{
    const auto it = m_nodes.constFind(code);
    return it != m_nodes.constEnd() ? it->label->font() : QFont();
}

Qt::PenStyle NetworkView::outlineStyle(const QString &code) const
{
    const auto it = m_nodes.constFind(code);
    return it != m_nodes.constEnd() ? it->circle->pen().style() : Qt::NoPen;
}

bool NetworkView::isEdgeVisible(const QString &a, const QString &b) const
{
    for (const EdgeItem &e : m_edges)
        if ((e.a == a && e.b == b) || (e.a == b && e.b == a))
            return e.line->isVisible();
    return false;
}

QStringList NetworkView::nodeCodes() const
{
    QStringList codes = m_nodes.keys();
    codes.sort();
    return codes;
}

void NetworkView::setFocusCode(const QString &code)
{
    if (code == m_focus)
        return;
    m_focus = code;
    applyHighlight();
}

bool NetworkView::isHighlighted(const QString &code) const
{
    const auto it = m_nodes.constFind(code);
    return it != m_nodes.constEnd() && code == m_focus && it->label->font().bold();
}

QPoint NetworkView::nodePosition(const QString &code) const
{
    const auto it = m_nodes.constFind(code);
    if (it == m_nodes.constEnd())
        return {};
    return mapFromScene(it->circle->pos());
}

QString NetworkView::nodeAt(const QPoint &pos) const
{
    // A node under the pointer wins over a label lying across it (labels are drawn on top).
    QString label;
    for (QGraphicsItem *item : items(pos)) {
        const QString code = item->data(CodeKey).toString();
        if (code.isEmpty())
            continue;
        if (item->type() == QGraphicsEllipseItem::Type)
            return code;
        if (label.isEmpty())
            label = code;
    }
    return label;
}

void NetworkView::zoomBy(double factor)
{
    const double current = transform().m11();
    factor = std::clamp(current * factor, 0.05, 40.0) / current;
    scale(factor, factor);
    m_userZoomed = true;
    placeLabels();
}

void NetworkView::fitAll()
{
    if (!scene()->items().isEmpty())
        fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    m_userZoomed = false;
    placeLabels();
}

void NetworkView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(1.2, steps));
    event->accept();
}

void NetworkView::keyPressEvent(QKeyEvent *event)
{
    const int rows = m_model->rowCount();
    const int row = m_current.isEmpty() ? -1 : m_model->rowOfCode(m_current);
    auto moveTo = [&](int r) {
        if (rows > 0)
            setCurrent(m_model->code(std::clamp(r, 0, rows - 1)));
    };
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        return;
    case Qt::Key_Minus:
        zoomBy(0.8);
        return;
    case Qt::Key_0:
        fitAll();
        return;
    case Qt::Key_Right:
    case Qt::Key_Down:
        moveTo(row + 1);
        return;
    case Qt::Key_Left:
    case Qt::Key_Up:
        moveTo(row < 0 ? 0 : row - 1);
        return;
    case Qt::Key_Home:
    case Qt::Key_PageUp:
        moveTo(0);
        return;
    case Qt::Key_End:
    case Qt::Key_PageDown:
        moveTo(rows - 1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (!m_current.isEmpty())
            emit nodeClicked(m_current);
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

void NetworkView::focusInEvent(QFocusEvent *event)
{
    QGraphicsView::focusInEvent(event);
    // The ring starts on the focused country, where the eye already is.
    if (m_current.isEmpty())
        setCurrent(m_nodes.contains(m_focus) ? m_focus : (m_model->rowCount() ? m_model->code(0) : QString()));
    else
        placeRing();
}

void NetworkView::focusOutEvent(QFocusEvent *event)
{
    QGraphicsView::focusOutEvent(event);
    placeRing();
}

void NetworkView::setCurrent(const QString &code)
{
    m_current = code;
    placeRing();
    const auto it = m_nodes.constFind(code);
    if (it == m_nodes.constEnd())
        return;
    ensureVisible(it->circle, 20, 20);
    // Say which country it is where a mouse user would read its tooltip.
    QStatusTipEvent tip(it->circle->toolTip());
    QCoreApplication::sendEvent(this, &tip);
}

void NetworkView::placeRing()
{
    const auto it = m_nodes.constFind(m_current);
    if (it == m_nodes.constEnd() || !hasFocus()) {
        if (m_ring)
            m_ring->hide();
        return;
    }
    if (!m_ring) {
        m_ring = scene()->addEllipse(QRectF());
        m_ring->setZValue(6);
        m_ring->setAcceptedMouseButtons(Qt::NoButton);
    }
    QPen pen(palette().color(QPalette::Highlight));
    pen.setCosmetic(true);
    pen.setWidthF(2.5);
    pen.setStyle(Qt::DashLine);
    m_ring->setPen(pen);
    m_ring->setBrush(Qt::NoBrush);
    const QRectF circle = it->circle->rect();
    m_ring->setRect(circle.adjusted(-5, -5, 5, 5));
    m_ring->setPos(it->circle->pos());
    m_ring->show();
}

void NetworkView::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = event->position().toPoint();
    m_pressNode = event->button() == Qt::LeftButton ? nodeAt(m_pressPos) : QString();
    QGraphicsView::mousePressEvent(event);
}

void NetworkView::mouseReleaseEvent(QMouseEvent *event)
{
    QGraphicsView::mouseReleaseEvent(event);
    // A click, not the end of a pan.
    if (!m_pressNode.isEmpty() && (event->position().toPoint() - m_pressPos).manhattanLength() < 6
        && nodeAt(event->position().toPoint()) == m_pressNode)
        emit nodeClicked(m_pressNode);
    m_pressNode.clear();
}

void NetworkView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (stretchFor(viewport()->size()) != m_stretch) {
        rebuild(); // fits, unless the user zoomed
        return;
    }
    if (!m_userZoomed)
        fitAll();
    else
        placeLabels();
}

} // namespace entente

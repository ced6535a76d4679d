#include "busyoverlay.h"

#include "asyncquery.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace entente {

namespace {
// Long enough that most answers come before it (the cube's answers take a few ms), short enough that a wait reads
// as one at once.
constexpr int kDelayMs = 120;
constexpr int kMarkSize = 22; // px, with its disc
constexpr int kTurnMs = 60;
} // namespace

BusyOverlay::BusyOverlay(QWidget *target)
    : QWidget(target)
{
    setObjectName(QStringLiteral("busyOverlay"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    setAccessibleName(tr("Updating"));
    setToolTip(tr("Updating…"));
    hide();
    m_delay.setSingleShot(true);
    m_delay.setInterval(kDelayMs);
    connect(&m_delay, &QTimer::timeout, this, [this] {
        setGeometry(parentWidget()->rect());
        raise();
        show();
        m_turn.start();
    });
    m_turn.setInterval(kTurnMs);
    connect(&m_turn, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + 30) % 360;
        QWidget::update(QRect(width() - kMarkSize - 8, 4, kMarkSize + 4, kMarkSize + 4));
    });
    target->installEventFilter(this);
}

BusyOverlay::~BusyOverlay() = default;

void BusyOverlay::watch(AsyncQuery *query)
{
    m_queries << query;
    connect(query, &AsyncQuery::busyChanged, this, &BusyOverlay::follow);
    follow();
}

void BusyOverlay::setBusy(bool busy)
{
    m_busy = busy;
    follow();
}

bool BusyOverlay::isBusy() const
{
    return m_busy || std::any_of(m_queries.cbegin(), m_queries.cend(), [](const QPointer<AsyncQuery> &q) {
        return q && q->isBusy();
    });
}

void BusyOverlay::follow()
{
    if (isBusy()) {
        if (!isVisible() && !m_delay.isActive())
            m_delay.start();
        return;
    }
    m_delay.stop();
    m_turn.stop();
    hide();
}

bool BusyOverlay::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    else if (watched == parentWidget() && event->type() == QEvent::ChildAdded && isVisible())
        raise(); // a chart or a note put in later must stay under the veil
    return QWidget::eventFilter(watched, event);
}

void BusyOverlay::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    // The previous content stays readable under a veil of the window's colour.
    QColor veil = palette().color(QPalette::Window);
    veil.setAlpha(150);
    p.fillRect(rect(), veil);
    // The mark: an arc turning on a small disc in the top right corner, clear of the axes' titles.
    const QRectF disc(width() - kMarkSize - 6, 6, kMarkSize, kMarkSize);
    QColor base = palette().color(QPalette::Base);
    base.setAlpha(230);
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.setBrush(base);
    p.drawEllipse(disc);
    const QRectF ring = disc.adjusted(5, 5, -5, -5);
    p.setBrush(Qt::NoBrush);
    QColor track = palette().color(QPalette::Highlight);
    track.setAlpha(60);
    p.setPen(QPen(track, 2.5));
    p.drawEllipse(ring);
    p.setPen(QPen(palette().color(QPalette::Highlight), 2.5, Qt::SolidLine, Qt::RoundCap));
    p.drawArc(ring, -m_angle * 16, 100 * 16);
}

} // namespace entente

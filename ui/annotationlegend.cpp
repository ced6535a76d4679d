#include "annotationlegend.h"

#include <QEvent>
#include <QPainter>
#include <QToolButton>

namespace entente {

namespace {
constexpr int Spacing = 4;

int kindHue(const QString &kind)
{
    // Hues spread round the wheel so that neighbours in a sentence stay apart.
    static const QHash<QString, int> hues = {
        { QStringLiteral("country"), 210 },
        { QStringLiteral("person"), 28 },
        { QStringLiteral("organization"), 275 },
        { QStringLiteral("place"), 120 },
        { QStringLiteral("region"), 175 },
        { QStringLiteral("event"), 330 },
        { QStringLiteral("money"), 52 },
        { QStringLiteral("date"), 0 },
        { QStringLiteral("relation"), 145 },
    };
    return hues.value(kind, 0);
}
} // namespace

AnnotationLegend::AnnotationLegend(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    QSizePolicy policy = sizePolicy();
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    for (const QString &kind : kinds()) {
        auto *b = new QToolButton(this);
        b->setObjectName(QStringLiteral("legend_") + kind);
        b->setText(kindLabel(kind));
        b->setCheckable(true);
        b->setChecked(true);
        b->setAutoRaise(true);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setToolTip(kind == u"relation" ? tr("Show or hide the marks on sentences that carry a relation")
                                          : tr("Show or hide the highlighting of %1").arg(kindLabel(kind).toLower()));
        b->setStatusTip(b->toolTip());
        connect(b, &QToolButton::toggled, this, &AnnotationLegend::kindsChanged);
        m_buttons.insert(kind, b);
        m_order.append(b);
    }
    updateIcons();
}

QStringList AnnotationLegend::kinds()
{
    return { QStringLiteral("country"), QStringLiteral("person"), QStringLiteral("organization"),
        QStringLiteral("place"), QStringLiteral("region"), QStringLiteral("event"), QStringLiteral("money"),
        QStringLiteral("date"), QStringLiteral("relation") };
}

QString AnnotationLegend::kindLabel(const QString &kind)
{
    if (kind == u"country")
        return tr("Country");
    if (kind == u"person")
        return tr("Person");
    if (kind == u"organization")
        return tr("Organisation");
    if (kind == u"place")
        return tr("Place");
    if (kind == u"region")
        return tr("Region");
    if (kind == u"event")
        return tr("Event");
    if (kind == u"money")
        return tr("Money");
    if (kind == u"date")
        return tr("Date");
    if (kind == u"relation")
        return tr("Relation");
    return kind;
}

bool AnnotationLegend::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor AnnotationLegend::kindColor(const QString &kind, bool darkPalette, bool strong)
{
    const int hue = kindHue(kind);
    const int saturation = kind == u"date" ? 0 : (strong ? 210 : 170);
    // Lightness keeps the text's contrast above 7:1 on both palettes.
    if (darkPalette)
        return QColor::fromHsl(hue, saturation, strong ? 105 : 68);
    return QColor::fromHsl(hue, saturation, strong ? 165 : 214);
}

QColor AnnotationLegend::toneColor(const QString &tone, bool darkPalette)
{
    int hue = -1;
    if (tone == u"cooperation")
        hue = 130;
    else if (tone == u"conflict")
        hue = 0;
    else if (tone == u"mixed")
        hue = 35;
    if (hue < 0)
        return darkPalette ? QColor(170, 170, 170) : QColor(110, 110, 110);
    return darkPalette ? QColor::fromHsl(hue, 170, 150) : QColor::fromHsl(hue, 200, 85);
}

bool AnnotationLegend::isShown(const QString &kind) const
{
    const QToolButton *b = m_buttons.value(kind);
    return b && b->isChecked();
}

void AnnotationLegend::setShown(const QString &kind, bool shown)
{
    if (QToolButton *b = m_buttons.value(kind))
        b->setChecked(shown);
}

void AnnotationLegend::updateIcons()
{
    const bool dark = isDark(palette());
    const int side = fontMetrics().height() - 2;
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it) {
        QPixmap swatch(side, side);
        swatch.fill(Qt::transparent);
        QPainter p(&swatch);
        if (it.key() == u"relation") {
            // A relation sentence is underlined in its tone's colour, not filled.
            p.setPen(QPen(toneColor(QStringLiteral("cooperation"), dark), 3));
            p.drawLine(1, side - 3, side - 1, side - 3);
        } else {
            p.setPen(palette().color(QPalette::Mid));
            p.setBrush(kindColor(it.key(), dark));
            p.drawRoundedRect(QRectF(0.5, 0.5, side - 1, side - 1), 3, 3);
        }
        p.end();
        it.value()->setIcon(QIcon(swatch));
        it.value()->setIconSize(QSize(side, side));
    }
}

int AnnotationLegend::arrange(int width, bool apply) const
{
    int x = 0;
    int y = 0;
    int lineHeight = 0;
    for (QToolButton *b : m_order) {
        const QSize s = b->sizeHint();
        if (x > 0 && x + s.width() > width) {
            x = 0;
            y += lineHeight + Spacing / 2;
            lineHeight = 0;
        }
        if (apply)
            b->setGeometry(QRect(QPoint(x, y), s));
        x += s.width() + Spacing;
        lineHeight = std::max(lineHeight, s.height());
    }
    return y + lineHeight;
}

int AnnotationLegend::heightForWidth(int width) const
{
    return arrange(width, false);
}

QSize AnnotationLegend::sizeHint() const
{
    // A third of the entries on a line: the legend wraps rather than widening the Reader.
    int width = 0;
    for (qsizetype i = 0; i < m_order.size(); i += 3)
        width += m_order.at(i)->sizeHint().width() + Spacing;
    return { width, arrange(width, false) };
}

QSize AnnotationLegend::minimumSizeHint() const
{
    int width = 0;
    for (QToolButton *b : m_order)
        width = std::max(width, b->sizeHint().width());
    return { width, m_order.isEmpty() ? 0 : m_order.first()->sizeHint().height() };
}

void AnnotationLegend::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange(width(), true);
}

void AnnotationLegend::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        updateIcons();
        updateGeometry();
    }
}

} // namespace entente

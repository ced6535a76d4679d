#include "richtextdelegate.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPainter>
#include <QRegion>
#include <QTextDocument>

#include <algorithm>

namespace entente {

namespace {
constexpr int kMargin = 2; // the document's, around the text
}

RichTextDelegate::RichTextDelegate(int htmlRole, QObject *parent, int maxLines)
    : QStyledItemDelegate(parent)
    , m_htmlRole(htmlRole)
    , m_maxLines(std::max(1, maxLines))
{ }

int RichTextDelegate::rowHeight(const QFont &font, int lines)
{
    return QFontMetrics(font).lineSpacing() * std::max(1, lines) + 2 * kMargin + 4;
}

void RichTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString html = index.data(m_htmlRole).toString();
    if (html.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // background, focus and selection from the style; the text is ours
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    QTextDocument doc;
    doc.setDefaultFont(opt.font);
    doc.setDocumentMargin(kMargin);
    doc.setHtml(html);
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget);
    // One line: the cell clips what does not fit. More: wrapped to the cell's width, as many whole lines as the
    // cell has room for (at most maxLines), and an ellipsis after the last where the text goes on.
    const int lineSpacing = QFontMetrics(opt.font).lineSpacing();
    const int roomLines = std::clamp((textRect.height() - 2 * kMargin) / std::max(1, lineSpacing), 1, m_maxLines);
    doc.setTextWidth(m_maxLines > 1 ? textRect.width() : -1);
    const bool cut = m_maxLines > 1 && doc.size().height() > roomLines * lineSpacing + 2 * kMargin + 1;
    QAbstractTextDocumentLayout::PaintContext context;
    const bool selected = opt.state & QStyle::State_Selected;
    context.palette = opt.palette;
    context.palette.setColor(QPalette::Text,
        opt.palette.color(opt.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive,
            selected ? QPalette::HighlightedText : QPalette::Text));
    painter->save();
    if (m_maxLines > 1) {
        const int shown = std::min(int(doc.size().height()), roomLines * lineSpacing + 2 * kMargin);
        painter->translate(textRect.topLeft() + QPoint(0, std::max(0, (textRect.height() - shown) / 2)));
        // Room for the ellipsis at the end of the last line shown.
        const int ellipsis = cut ? QFontMetrics(opt.font).horizontalAdvance(QStringLiteral(" …")) : 0;
        const int lastTop = kMargin + (roomLines - 1) * lineSpacing;
        QRegion clip(QRect(0, 0, textRect.width(), lastTop));
        clip += QRect(0, lastTop, textRect.width() - ellipsis, lineSpacing);
        painter->setClipRegion(clip);
        doc.documentLayout()->draw(painter, context);
        if (cut) {
            painter->setClipping(false);
            painter->setPen(context.palette.color(QPalette::Text));
            painter->setFont(opt.font);
            painter->drawText(QRect(textRect.width() - ellipsis, lastTop, ellipsis, lineSpacing),
                Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("…"));
        }
    } else {
        painter->translate(textRect.topLeft() + QPoint(0, (textRect.height() - int(doc.size().height())) / 2));
        painter->setClipRect(QRect(QPoint(0, 0), textRect.size()));
        doc.documentLayout()->draw(painter, context);
    }
    painter->restore();
}

QSize RichTextDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (!index.data(m_htmlRole).toString().isEmpty())
        size.setHeight(std::max(size.height(), rowHeight(option.font, m_maxLines)));
    return size;
}

} // namespace entente

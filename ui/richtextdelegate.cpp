#include "richtextdelegate.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPainter>
#include <QTextDocument>

namespace entente {

RichTextDelegate::RichTextDelegate(int htmlRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_htmlRole(htmlRole)
{ }

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
    doc.setDocumentMargin(2);
    doc.setHtml(html);
    doc.setTextWidth(-1); // one line; the cell clips what does not fit
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget);
    QAbstractTextDocumentLayout::PaintContext context;
    const bool selected = opt.state & QStyle::State_Selected;
    context.palette = opt.palette;
    context.palette.setColor(QPalette::Text,
        opt.palette.color(opt.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive,
            selected ? QPalette::HighlightedText : QPalette::Text));
    painter->save();
    painter->translate(textRect.topLeft() + QPoint(0, (textRect.height() - int(doc.size().height())) / 2));
    painter->setClipRect(QRect(QPoint(0, 0), textRect.size()));
    doc.documentLayout()->draw(painter, context);
    painter->restore();
}

QSize RichTextDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (!index.data(m_htmlRole).toString().isEmpty())
        size.setHeight(std::max(size.height(), option.fontMetrics.height() + 6));
    return size;
}

} // namespace entente

#pragma once

#include <QStyledItemDelegate>

namespace entente {

// Draws a cell as rich text taken from `htmlRole` (e.g. a sentence with its cue words in <b>), wrapped
// over at most `maxLines` lines, with an ellipsis where it goes on; other cells of the view are drawn as
// usual. A view that gives its rows lines() lines of height shows every cell whole up to that.
class RichTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit RichTextDelegate(int htmlRole, QObject *parent = nullptr, int maxLines = 1);

    [[nodiscard]] int maxLines() const { return m_maxLines; }
    // The height of a row of `lines` lines of `font`, as the cells are drawn.
    [[nodiscard]] static int rowHeight(const QFont &font, int lines);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_htmlRole;
    int m_maxLines;
};

} // namespace entente

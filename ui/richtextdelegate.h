#pragma once

#include <QStyledItemDelegate>

namespace entente {

// Draws a cell as rich text taken from `htmlRole` (e.g. a sentence with its cue words in <b>),
// elided to one line; other cells of the view are drawn as usual.
class RichTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit RichTextDelegate(int htmlRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_htmlRole;
};

} // namespace entente

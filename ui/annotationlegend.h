#pragma once

#include <QHash>
#include <QWidget>

class QToolButton;

namespace entente {

// The Reader's legend: one entry per kind of annotation (the entity kinds, dates and
// relation sentences) showing its colour; each entry is a toggle that switches the kind's
// highlighting on and off. Also the one place that says which colour a kind gets, for a light
// or a dark palette. Entries flow onto more lines when the pane is narrow.
//
//     auto *legend = new AnnotationLegend(this);
//     connect(legend, &AnnotationLegend::kindsChanged, this, &Reader::repaint);
//     if (legend->isShown(u"country"_s)) ...
class AnnotationLegend : public QWidget
{
    Q_OBJECT

public:
    explicit AnnotationLegend(QWidget *parent = nullptr);

    // Every kind the legend lists: the entity kinds, then "date" and "relation".
    [[nodiscard]] static QStringList kinds();
    [[nodiscard]] static QString kindLabel(const QString &kind); // "Country"
    // The background for a kind; `strong` for the focused entity. Light backgrounds under dark
    // text on a light palette, dark ones under light text on a dark palette.
    [[nodiscard]] static QColor kindColor(const QString &kind, bool darkPalette, bool strong = false);
    // Underline colour of a relation sentence by its tone.
    [[nodiscard]] static QColor toneColor(const QString &tone, bool darkPalette);
    [[nodiscard]] static bool isDark(const QPalette &palette);

    [[nodiscard]] bool isShown(const QString &kind) const;
    void setShown(const QString &kind, bool shown);
    [[nodiscard]] QToolButton *button(const QString &kind) const { return m_buttons.value(kind); }

    [[nodiscard]] bool hasHeightForWidth() const override { return true; }
    [[nodiscard]] int heightForWidth(int width) const override;
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

signals:
    void kindsChanged();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // Places the entries in lines of `width`; returns the height used.
    int arrange(int width, bool apply) const;
    void updateIcons();

    QHash<QString, QToolButton *> m_buttons;
    QList<QToolButton *> m_order;
};

} // namespace entente

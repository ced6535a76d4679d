#pragma once

#include <QLabel>
#include <QStackedWidget>

namespace entente {

// A chart and, in the same place, what the pane shows instead when the chart has nothing to draw (empty axes say
// nothing): a centred note that says why. One page at a time, so that the note takes no room beside the chart.
class ChartOrNote : public QStackedWidget
{
public:
    ChartOrNote(QWidget *chart, QWidget *parent)
        : QStackedWidget(parent)
        , m_note(new QLabel(this))
    {
        m_note->setObjectName(QStringLiteral("emptyChartNote"));
        m_note->setAlignment(Qt::AlignCenter);
        m_note->setWordWrap(true);
        m_note->setMargin(16);
        m_note->setForegroundRole(QPalette::PlaceholderText);
        addWidget(chart);
        addWidget(m_note);
    }
    // The note with `text` in place of the chart, or (empty text) the chart.
    void showNote(const QString &text)
    {
        m_note->setText(text);
        setCurrentIndex(text.isEmpty() ? 0 : 1);
    }

private:
    QLabel *m_note;
};

} // namespace entente

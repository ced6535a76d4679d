#pragma once

#include <memory>

#include "exportablechart.h"

#include <QWidget>

class QCategoryAxis;
class QChart;
class QCheckBox;
class QChartView;
class QGraphicsRectItem;
class QKeyEvent;
class QLabel;
class QLineSeries;
class QStackedBarSeries;
class QVBarModelMapper;

namespace entente {

class ChartFrame;
class ChartOrNote;
class StoreSession;
class Selection;
class TimelineModel;
struct EntityRef;

// The Timeline pane: per year of the corpus, the focused entity's relations by tone (stacked
// bars) and its articles (a line on its own axis); undated articles counted apart in a label.
// Clicking a year, or dragging across several, sets the Selection's year range, which every
// pane follows; the range is shaded here. Keyboard: Left and Right (Home, End, Page Up/Down)
// move over the years, with Shift to widen, Enter or Space applies, Escape shows all years. With a
// comparison country in the Selection, the bars are the relations between the two, by tone: the focus's to it above
// the axis, its to the focus below. With a search in the Articles pane, a check box (remembered) adds a dashed line of
// the articles per year that match it, beside the focus's.
class TimelinePane : public QWidget, public ExportableChart
{
    Q_OBJECT

public:
    explicit TimelinePane(Selection *selection, QWidget *parent = nullptr);
    ~TimelinePane() override;

    void setSession(std::shared_ptr<StoreSession> session);
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] TimelineModel *model() const { return m_model; }
    [[nodiscard]] QChartView *chartView() const { return m_view; }
    [[nodiscard]] QCheckBox *searchToggle() const { return m_showSearch; }
    [[nodiscard]] QLineSeries *searchSeries() const { return m_searchLine; }
    [[nodiscard]] QString undatedText() const;
    // What the pane and its exports say in place of a chart with no year to draw; empty when there is one.
    [[nodiscard]] QString emptyNote() const;
    // The year under a point of the chart view's viewport; 0 when none.
    [[nodiscard]] int yearAt(const QPoint &viewportPos) const;
    // Where a year's bar stands in the chart view's viewport (tests click there).
    [[nodiscard]] QPoint positionOfYear(int year) const;

    [[nodiscard]] QString chartName() const override;
    void renderChart(QPainter *painter, const QRectF &target) const override;
    [[nodiscard]] QString chartCsv() const override;
    [[nodiscard]] bool isWaiting() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void onFocusChanged(const EntityRef &entity);
    // With a comparison country, the relations between the focus and it, each way.
    void onComparisonChanged(const QString &code);
    [[nodiscard]] int lastBarColumn() const;
    void refresh();
    void updateBand();
    bool keyPress(QKeyEvent *event);
    void decorate(QChart *chart, QStackedBarSeries *bars, QLineSeries *articles, QLineSeries *search, double width,
        const ChartFrame *frame) const;
    // The search the model counts: the Selection's text query while the toggle is on.
    void followSearch();
    [[nodiscard]] QString title() const;

    Selection *m_selection = nullptr;
    TimelineModel *m_model = nullptr;
    QLabel *m_undated = nullptr;
    QChartView *m_view = nullptr;
    QChart *m_chart = nullptr;
    QStackedBarSeries *m_bars = nullptr;
    QLineSeries *m_articles = nullptr;
    QLineSeries *m_searchLine = nullptr; // the articles that match the search, while shown
    QCheckBox *m_showSearch = nullptr;
    QVBarModelMapper *m_mapper = nullptr;
    QGraphicsRectItem *m_band = nullptr;
    QString m_focusName;
    QString m_partnerName; // the comparison country's name, with one
    ChartOrNote *m_empty = nullptr; // the chart, or a note in its place when no article has a year
    QString m_storeName; // the store's file name, for exports' captions
    int m_labelStep = 0;
    int m_dragFrom = -1; // rows
    int m_dragTo = -1;
    bool m_keyboard = false; // the drag rows are the keyboard's, not the mouse's
};

} // namespace entente

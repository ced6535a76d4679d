#pragma once

#include <memory>

#include "entityeditactions.h"
#include "exportablechart.h"

#include <QWidget>

class QChart;
class QChartView;
class QCheckBox;
class QLabel;
class QComboBox;
class QLineEdit;
class QGraphicsRectItem;
class QItemSelectionModel;
class QHorizontalStackedBarSeries;
class QSortFilterProxyModel;
class QSpinBox;
class QVBarModelMapper;

namespace entente {

class ChartFrame;
class ChartOrNote;
class StoreSession;
class RelationPartnersModel;
class Selection;
struct EntityRef;

// The Relations pane: the focused country's partners as horizontal stacked bars (counts by
// tone, or the Goldstein sum split by sign), top N, by direction; with no country focused,
// the strongest pairs of the corpus. Clicking a bar selects that pair in the Selection.
//
// Side by side, on the same scale: with a comparison country in the Selection (Ctrl+click on a partner's bar), that
// country's partners in a second chart; with years to hold against (setAgainstPeriod(), the "against years" field),
// the focus's partners in those years beside those of the Selection's years. Exports draw both, the CSV has both
// with a "side" column.
class RelationsPane : public QWidget, public ExportableChart
{
    Q_OBJECT

public:
    explicit RelationsPane(Selection *selection, QWidget *parent = nullptr);
    ~RelationsPane() override;

    void setSession(std::shared_ptr<StoreSession> session);
    [[nodiscard]] QSize sizeHint() const override;
    // Top N: how many bars (nodes) to draw.
    void setLimit(int limit);
    // Organisations among the partners (drawn paler), or countries only; remembered.
    void setOrganisationsShown(bool shown);

    [[nodiscard]] RelationPartnersModel *model() const { return m_model; }
    [[nodiscard]] QChartView *chartView() const { return m_view; }
    [[nodiscard]] QHorizontalStackedBarSeries *series() const { return m_series; }
    // What a click on bar `index` does (counted as the series does, from the bottom): select its pair.
    void activateBar(int index);
    // What a Ctrl+click on bar `index` does: compare the focus with that partner (a pair with no focus: focus its
    // first country and compare it with the second).
    void compareWithBar(int index);
    // The second side's years for a period-against-period view of the focus; 0, 0: none.
    void setAgainstPeriod(int from, int to);
    // Two charts side by side: a focus and either a comparison country or years to hold against.
    [[nodiscard]] bool isComparing() const;
    [[nodiscard]] RelationPartnersModel *secondModel() const { return m_second; }
    [[nodiscard]] QChartView *secondChartView() const { return m_secondView; }
    [[nodiscard]] QHorizontalStackedBarSeries *secondSeries() const { return m_secondSeries; }
    [[nodiscard]] QLineEdit *againstField() const { return m_against; }
    // The keyboard's bar: a current row of model() that Up/Down (and Home/End) move over the
    // chart and Enter or Space selects, as a click on that bar does. Outlined on the chart.
    [[nodiscard]] QItemSelectionModel *currentBar() const { return m_current; }

    [[nodiscard]] QString chartName() const override;
    void renderChart(QPainter *painter, const QRectF &target) const override;
    [[nodiscard]] QString chartCsv() const override;
    [[nodiscard]] bool isWaiting() const override;

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void placeSharedLegend();
    [[nodiscard]] int sharedLegendHeight() const;

public:
    // The corrections of a bar's parties, offered in the context menu over the bar.
    void setEntityEditActions(EntityEditActions actions) { m_entityEditActions = std::move(actions); }

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onFocusChanged(const EntityRef &entity);
    void onYearRangeChanged(int from, int to);
    void updateMapping(QVBarModelMapper *mapper) const;
    // Axes, colours and title from the model's top `rows` (-1: all); used for the screen and, with the export's
    // frame, for exports.
    void decorate(QChart *chart, QHorizontalStackedBarSeries *series, double width, const ChartFrame *frame,
        int rows = -1, const RelationPartnersModel *side = nullptr) const;
    // The second side follows the comparison, the focus and the years.
    void updateSecond();
    void redrawBoth();
    // What one side of a comparison shows: the country, or the years.
    [[nodiscard]] QString sideTitle(const RelationPartnersModel *side) const;
    [[nodiscard]] static QString partyName(const QString &code);
    [[nodiscard]] static QString yearsText(int from, int to);
    // Draws one side's bars (the top `shown`) in `area` of an export.
    void renderBars(QPainter *painter, const ChartFrame &frame, const QRectF &area, const RelationPartnersModel *model,
        QSortFilterProxyModel *bottomUp, int shown) const;
    [[nodiscard]] QString title() const;
    // The focused country's name (an organisation's id as it is).
    [[nodiscard]] QString focusName() const;
    // Organisations' bars in paler colours (bar sets' selected bars).
    void markOrganisations(QHorizontalStackedBarSeries *series, int rows, const RelationPartnersModel *model) const;
    // Says why there are no bars in place of an empty chart; emptyNote() is what it says (empty: there are bars).
    void updateEmptyNote();
    [[nodiscard]] QString emptyNote() const;
    void moveCurrent(int row);
    // Outlines the keyboard's bar (when the chart has the keyboard) and the selected pair's.
    void updateMarks();
    // The chart's minimum height for the bars asked for, so that Qt shows every bar's label.
    void updateMinimumHeight();
    void fitLabels();

    Selection *m_selection = nullptr;
    RelationPartnersModel *m_model = nullptr;
    EntityEditActions m_entityEditActions;
    int m_hoveredRow = -1; // the model row of the bar under the pointer, -1: none
    // The rows weakest first: a horizontal bar chart draws its first category at the bottom.
    QSortFilterProxyModel *m_bottomUp = nullptr;
    QComboBox *m_measure = nullptr;
    QComboBox *m_direction = nullptr;
    QSpinBox *m_limit = nullptr;
    QCheckBox *m_organisations = nullptr;
    ChartOrNote *m_empty = nullptr; // the chart, or a note in its place when it has no bars
    QLabel *m_sharedLegend = nullptr; // side by side: one key below both charts, the whole pane wide
    QString m_storeName; // the store's file name, for exports' captions
    QChartView *m_view = nullptr;
    QChart *m_chart = nullptr;
    QHorizontalStackedBarSeries *m_series = nullptr;
    QVBarModelMapper *m_mapper = nullptr;
    QItemSelectionModel *m_current = nullptr;
    QGraphicsRectItem *m_currentMark = nullptr;
    QGraphicsRectItem *m_pairMark = nullptr;
    QLineEdit *m_against = nullptr;
    // The legend beside the plot instead of below it: the pane is too short for every bar's name otherwise.
    bool m_legendAside = false;
    bool m_sidesInKey = false; // side by side in a short pane: the charts' titles are in the key below both
    int m_againstFrom = 0;
    int m_againstTo = 0;
    RelationPartnersModel *m_second = nullptr;
    QSortFilterProxyModel *m_secondBottomUp = nullptr;
    QChartView *m_secondView = nullptr;
    QChart *m_secondChart = nullptr;
    QHorizontalStackedBarSeries *m_secondSeries = nullptr;
    QVBarModelMapper *m_secondMapper = nullptr;
    std::shared_ptr<StoreSession> m_session;
    std::shared_ptr<StoreSession> m_secondSession; // what m_second reads, given when first compared
};

} // namespace entente

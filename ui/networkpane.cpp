#include "networkpane.h"

#include "chartexport.h"
#include "chartframe.h"
#include "chartornote.h"
#include "graphexport.h"
#include "networkmodel.h"
#include "networkview.h"
#include "selection.h"
#include "store.h"
#include "storesession.h"

#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace entente {

NetworkPane::NetworkPane(Selection *selection, QWidget *parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_model(new NetworkModel(this))
    , m_view(new NetworkView(m_model, this))
    , m_limit(new QSpinBox(this))
{
    setObjectName(QStringLiteral("networkPane"));
    m_limit->setRange(5, 200);
    m_limit->setValue(m_model->limit());
    m_limit->setPrefix(tr("Top "));
    m_limit->setSuffix(tr(" countries"));
    m_limit->setToolTip(tr("How many of the most-mentioned countries to draw"));
    auto makeButton = [this](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, m_view, slot);
        return b;
    };
    auto *legend = new QLabel(tr("Node size: mentions · edge colour: net tone (green cooperative, orange hostile) · "
                                 "width: relations"),
        this);
    legend->setWordWrap(true);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_limit);
    controls->addWidget(makeButton(tr("+"), tr("Zoom in (+)"), [this] { m_view->zoomBy(1.25); }));
    controls->addWidget(makeButton(tr("−"), tr("Zoom out (-)"), [this] { m_view->zoomBy(0.8); }));
    controls->addWidget(makeButton(tr("Fit"), tr("Show the whole network (0)"), [this] { m_view->fitAll(); }));
    controls->addStretch();
    // Under the picture, across its whole width: beside the buttons, a narrow or magnified
    // pane wrapped it into a column that was cut off.
    legend->setToolTip(legend->text());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    auto *empty = new ChartOrNote(m_view, this);
    layout->addWidget(empty, 1);
    setFocusProxy(m_view); // Go to Pane (Ctrl+1...) lands in the view
    layout->addWidget(legend);
    // No country to draw: say so in place of an empty picture.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this, empty, legend] {
        const bool none = m_model->rowCount() == 0;
        empty->showNote(!none                 ? QString()
                : m_selection->hasYearRange() ? tr("No country is named in these years.")
                                              : tr("No countries yet: import articles (File > Import) to see how "
                                                   "they relate."));
        legend->setVisible(!none);
    });

    connect(m_limit, &QSpinBox::valueChanged, m_model, &NetworkModel::setLimit);
    connect(m_view, &NetworkView::nodeClicked, this, [this](const QString &code) {
        m_selection->setFocus({ QStringLiteral("country"), code });
    });
    connect(selection, &Selection::focusChanged, this,
        [this](const EntityRef &e) { m_view->setFocusCode(e.kind == u"country" ? e.key : QString()); });
    connect(selection, &Selection::yearRangeChanged, m_model, &NetworkModel::setYearRange);
}

QSize NetworkPane::sizeHint() const
{
    // Room for a readable chart when the window first lays its docks out.
    return { 420, 280 };
}

void NetworkPane::setSession(std::shared_ptr<StoreSession> session)
{
    m_session = session;
    m_storeName = session ? QFileInfo(session->path()).fileName() : QString();
    // The model already follows the selection's year range; one reload reads the new store.
    m_model->setSession(std::move(session));
}

void NetworkPane::setLimit(int limit)
{
    m_limit->setValue(limit); // the spin box tells the model
}

QString NetworkPane::chartName() const
{
    return QStringLiteral("network");
}

void NetworkPane::renderChart(QPainter *painter, const QRectF &target) const
{
    // Drawn directly (not from the on-screen scene) so that labels scale with the page and
    // vector formats keep text as text.
    QString heading = tr("Relations among the %n most-mentioned countries", nullptr, m_model->rowCount());
    heading += m_selection->hasYearRange() ? tr(", %1–%2").arg(m_selection->yearFrom()).arg(m_selection->yearTo())
                                           : tr(", all years");
    const QString focus = m_selection->focus().kind == u"country" ? m_selection->focus().key : QString();
    const int focusRow = m_model->rowOfCode(focus);
    QStringList caption;
    if (!m_storeName.isEmpty())
        caption << tr("Store: %1").arg(m_storeName);
    if (focusRow >= 0)
        caption << tr("focus: %1").arg(m_model->index(focusRow, NetworkModel::NameColumn).data().toString());
    const QList<ChartFrame::Key> keys = {
        { tr("Cooperative"), NetworkView::toneColor(1.0), ChartFrame::Key::Line },
        { tr("Hostile"), NetworkView::toneColor(-1.0), ChartFrame::Key::Line },
        { tr("Country"), QColor(0x4c, 0x72, 0xb0) },
    };
    const ChartFrame frame(target, heading, caption.join(QStringLiteral(" · ")), keys,
        tr("Node size: mentions · edge colour: net tone · edge width: relations"));
    frame.paint(painter);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont font = frame.font();
    const int n = m_model->rowCount();
    int maxMentions = 0;
    for (int r = 0; r < n; ++r)
        maxMentions = std::max(maxMentions, m_model->mentions(r));
    int maxCount = 1;
    for (const NetworkModel::Edge &e : m_model->edges())
        maxCount = std::max(maxCount, e.count);
    // Layout [-1, 1]² into the plot, square, with room for labels at the sides.
    const QRectF plot = frame.plotArea();
    const double margin = font.pixelSize() * 1.5;
    const QRectF area = plot.adjusted(margin * 3, margin, -margin * 3, -margin);
    const double side = std::max(1.0, std::min(area.width(), area.height()));
    const QPointF centre = area.center();
    const double unit = side / 2.0;
    const double sizeScale = side / (2.0 * NetworkView::SceneScale);
    auto at = [&](int row) { return centre + m_model->position(row) * unit; };
    auto radiusOf = [&](int row) { return NetworkView::nodeRadius(m_model->mentions(row), maxMentions) * sizeScale; };

    for (const NetworkModel::Edge &e : m_model->edges()) {
        QColor c = NetworkView::toneColor(e.netTone());
        const bool touches = focusRow < 0 || e.from == focusRow || e.to == focusRow;
        c.setAlphaF(touches ? 0.9f : 0.15f);
        QPen pen(c,
            std::max(0.5,
                (0.6 + 5.0 * std::log1p(double(e.count)) / std::log1p(double(maxCount))) * std::max(1.0, sizeScale)));
        pen.setCapStyle(Qt::RoundCap);
        painter->setPen(pen);
        painter->drawLine(at(e.from), at(e.to));
    }
    for (int r = 0; r < n; ++r) {
        const bool focused = r == focusRow;
        QColor fill = focused ? QColor(0xe6, 0xab, 0x02) : QColor(0x4c, 0x72, 0xb0);
        fill.setAlphaF(0.9f);
        painter->setBrush(fill);
        painter->setPen(QPen(focused ? Qt::black : fill.darker(130), focused ? 2.5 : 1));
        painter->drawEllipse(at(r), radiusOf(r), radiusOf(r));
    }
    // Labels: the focus first, then by mentions; each at the first of four corners of its node where it stays in the
    // plot and clear of the labels placed before it, or left out (the CSV has every name).
    QList<int> order;
    for (int r = 0; r < n; ++r)
        order.append(r);
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
        if ((x == focusRow) != (y == focusRow))
            return x == focusRow;
        return m_model->mentions(x) > m_model->mentions(y);
    });
    QList<QRectF> placed;
    painter->setPen(Qt::black);
    for (const int r : order) {
        QFont f = font;
        f.setBold(r == focusRow);
        const QFontMetricsF fm(f);
        const QString name = m_model->index(r, NetworkModel::NameColumn).data().toString();
        const QSizeF size(fm.horizontalAdvance(name), fm.height());
        const double d = radiusOf(r) * 0.75;
        const QPointF c = at(r);
        const QRectF candidates[] = {
            QRectF(QPointF(c.x() + d, c.y() - d - size.height()), size),
            QRectF(QPointF(c.x() - d - size.width(), c.y() - d - size.height()), size),
            QRectF(QPointF(c.x() + d, c.y() + d), size),
            QRectF(QPointF(c.x() - d - size.width(), c.y() + d), size),
        };
        for (const QRectF &rect : candidates) {
            const bool clear = plot.contains(rect)
                && std::none_of(placed.cbegin(), placed.cend(), [&](const QRectF &o) { return o.intersects(rect); });
            if (clear) {
                placed.append(rect);
                painter->setFont(f);
                painter->drawText(rect, Qt::AlignLeft | Qt::AlignVCenter, name);
                break;
            }
        }
    }
    painter->restore();
}

QString NetworkPane::chartCsv() const
{
    return m_model->toCsv();
}

bool NetworkPane::writeGraph(const QString &path, QString *error) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    GraphExport::Format format;
    if (!GraphExport::parseFormat(suffix, &format)) {
        *error = tr("%1: name the file .gexf (for Gephi) or .graphml").arg(QFileInfo(path).fileName());
        return false;
    }
    const Store *store = m_session ? m_session->reader() : nullptr;
    if (!store) {
        *error = tr("No store is open.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (GraphExport::write(*store, format, &file, error).nodes < 0)
        return false;
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void NetworkPane::exportGraphInteractively()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export the Network"),
        QDir::home().filePath(QStringLiteral("network.gexf")), tr("GEXF for Gephi (*.gexf);;GraphML (*.graphml)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".gexf");
    QString error;
    if (!writeGraph(path, &error))
        QMessageBox::warning(this, tr("Export the Network"), error);
}

void NetworkPane::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    ChartExport::addActions(&menu, this, window());
    menu.addSeparator();
    menu.addAction(tr("Whole Network for &Gephi (GEXF, GraphML)…"), this, &NetworkPane::exportGraphInteractively);
    menu.exec(event->globalPos());
}

} // namespace entente

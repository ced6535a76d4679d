#pragma once

#include <QGraphicsView>
#include <QHash>

class QGraphicsEllipseItem;
class QGraphicsLineItem;
class QGraphicsSimpleTextItem;

namespace entente {

class NetworkModel;

// Draws a NetworkModel: nodes sized by mentions, edges coloured by net tone and thickened by
// count, labels that keep their size whatever the zoom. Wheel or +/- zoom, dragging pans, 0
// fits; clicking a node emits nodeClicked. setFocusCode() highlights a node and its edges.
// Keyboard: the arrow keys, Home and End move a ring from node to node (most mentioned first),
// Enter or Space focuses the ringed node as a click would.
class NetworkView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit NetworkView(NetworkModel *model, QWidget *parent = nullptr);

    void setFocusCode(const QString &code);
    [[nodiscard]] QString focusCode() const { return m_focus; }
    // The node the keyboard ring is on; empty before the keyboard moved it.
    [[nodiscard]] QString currentCode() const { return m_current; }
    // The node's centre in viewport coordinates (tests click there); invalid when absent.
    [[nodiscard]] QPoint nodePosition(const QString &code) const;
    [[nodiscard]] bool isHighlighted(const QString &code) const;
    // Whether the node's name is shown (false when it found no free place; see placeLabels()).
    [[nodiscard]] bool isLabelVisible(const QString &code) const;
    // How the node is drawn: its name's font (italic for an organisation, bold for the focus) and its outline (dashed
    // for an organisation).
    [[nodiscard]] QFont labelFont(const QString &code) const;
    [[nodiscard]] Qt::PenStyle outlineStyle(const QString &code) const;
    // Whether the edge between two nodes is drawn (the backbone, and every edge of the focus).
    [[nodiscard]] bool isEdgeVisible(const QString &a, const QString &b) const;
    // The codes of the nodes in the scene, sorted; and how many edges it holds (drawn or hidden).
    [[nodiscard]] QStringList nodeCodes() const;
    [[nodiscard]] int edgeCount() const { return int(m_edges.size()); }
    void zoomBy(double factor);
    void fitAll();

    // Scene units per layout unit: the model lays out in [-1, 1].
    static constexpr double SceneScale = 420.0;
    // Node radius in scene units for `mentions` out of `maxMentions`.
    [[nodiscard]] static double nodeRadius(int mentions, int maxMentions);
    // Edge colour for a net tone in [-1, 1]: conflict colour, grey, cooperation colour.
    [[nodiscard]] static QColor toneColor(double netTone);
    // A community's fill: a palette of seven that stays apart from the edges' green and orange and reads on white
    // and dark backgrounds; grey for the eighth and later, and for a node alone (community size 1).
    [[nodiscard]] static QColor communityColor(int community, int size);
    static constexpr int CommunityColours = 7;

signals:
    void nodeClicked(const QString &code);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

public:
    // The code of the node (or of the label) at `pos`, in the view's coordinates; empty over nothing.
    [[nodiscard]] QString nodeAt(const QPoint &pos) const;

private:
    void rebuild();
    [[nodiscard]] static double stretchFor(const QSize &viewport);
    [[nodiscard]] QPointF scenePos(int row) const; // the layout, widened to the view's shape
    void applyHighlight();
    // Puts each label beside its node where it overlaps no other label or node (right, left,
    // above, below...), the biggest hub, the focus and then the biggest nodes first; a label with
    // no free place is hidden (its node keeps its tooltip), but the hub's and the focus's always
    // show. Depends on the zoom: labels keep their pixel size.
    void placeLabels();
    void setCurrent(const QString &code);
    void placeRing();

    struct NodeItems
    {
        QGraphicsEllipseItem *circle = nullptr;
        QGraphicsSimpleTextItem *label = nullptr;
    };
    struct EdgeItem
    {
        QGraphicsLineItem *line = nullptr;
        QString a;
        QString b;
        bool backbone = false;
    };
    NetworkModel *m_model = nullptr;
    QHash<QString, NodeItems> m_nodes;
    QList<EdgeItem> m_edges;
    QString m_focus;
    QString m_current;
    QGraphicsEllipseItem *m_ring = nullptr; // the keyboard's node, while the view has the focus
    QPoint m_pressPos;
    QString m_pressNode;
    bool m_userZoomed = false;
    double m_stretch = 1.0; // horizontal widening of the square layout; see stretchFor()
};

} // namespace entente

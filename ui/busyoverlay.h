#pragma once

#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

namespace entente {

class AsyncQuery;

// What a pane shows while its models wait for a worker's answer (issue 11 §2): its previous content, dimmed, with a
// small turning mark in the top right corner, never a frozen window. A child of the widget it covers, which it
// follows as it is resized; clicks go through to the content. It appears only after a short delay, so that an
// answer that comes at once does not make the pane blink.
//
//     auto *busy = new BusyOverlay(m_view);
//     busy->watch(m_model->query());
class BusyOverlay : public QWidget
{
    Q_OBJECT

public:
    explicit BusyOverlay(QWidget *target);
    ~BusyOverlay() override;

    // Busy while any of the queries watched is busy.
    void watch(AsyncQuery *query);
    // Busy regardless of the queries (for what the pane waits on itself).
    void setBusy(bool busy);
    // Busy, whether or not the delay has passed and it shows yet.
    [[nodiscard]] bool isBusy() const;
    // How long it waits before it shows, in ms.
    void setDelay(int ms) { m_delay.setInterval(ms); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void follow();

    QList<QPointer<AsyncQuery>> m_queries;
    bool m_busy = false;
    QTimer m_delay;
    QTimer m_turn;
    int m_angle = 0;
};

} // namespace entente

#pragma once

#include <memory>

#include <QWidget>

class QLabel;
class QTableView;

namespace entente {

class StoreSession;
class EvidenceModel;
class Selection;

// The Evidence list: the sentences behind the selected pair (the Relations bar clicked), with
// date, article and tone, cue words in bold. Activating a row selects its article and asks,
// through sentenceActivated(), to show the sentence in the Reader.
class EvidencePane : public QWidget
{
    Q_OBJECT

public:
    explicit EvidencePane(Selection *selection, QWidget *parent = nullptr);

    void setSession(std::shared_ptr<StoreSession> session);
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] EvidenceModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }

signals:
    // `start`: code points into the article, as the store keeps offsets.
    void sentenceActivated(qint64 article, qint64 start);

private:
    void activate(const QModelIndex &index);
    void updateHeader();

    Selection *m_selection = nullptr;
    EvidenceModel *m_model = nullptr;
    QLabel *m_header = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace entente

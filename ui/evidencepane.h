#pragma once

#include <memory>

#include <QWidget>

class QAction;
class QLabel;
class QTableView;

namespace entente {

class StoreSession;
class EvidenceModel;
class Selection;
struct Edit;

// The Evidence list: the sentences behind the selected pair (the Relations bar clicked), with
// date, article and tone, cue words in bold. Activating a row shows the sentence in the Reader
// (Selection::showSentence, a step of Back and Forward) and emits sentenceActivated(). Ctrl+C
// copies the sentence, Ctrl+Shift+C copies it as a citation (also in the context menu). The context menu also
// offers the corrections of the relation: Reject Relation, and Tone > Cooperation, Conflict, Neutral.
class EvidencePane : public QWidget
{
    Q_OBJECT

public:
    explicit EvidencePane(Selection *selection, QWidget *parent = nullptr);

    void setSession(std::shared_ptr<StoreSession> session);
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] EvidenceModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    // The lines a sentence may take in the list.
    static constexpr int SentenceLines = 3;

signals:
    // `start`: code points into the article, as the store keeps offsets.
    void sentenceActivated(qint64 article, qint64 start);
    // The user asked for a correction of the selected relation (the window applies it, undoably).
    void editRequested(const entente::Edit &edit);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void activate(const QModelIndex &index);
    void updateHeader();
    void copy(int role);
    // Asks for an edit of the current row's relation: rejected (empty tone) or given `tone`.
    void requestRelationEdit(const QString &tone);
    void requestDirection(const QString &direction);
    // Picks the sentence m_keep names again, once the model has read the store again.
    void restorePick();

    Selection *m_selection = nullptr;
    EvidenceModel *m_model = nullptr;
    QLabel *m_header = nullptr;
    QTableView *m_view = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_copyCitation = nullptr;
    QList<QAction *> m_corrections; // reject, tone and direction
    // The sentence picked when the store was read again (setSession()), to pick again in the model's answer.
    struct Pick
    {
        qint64 article = -1;
        qint64 start = -1;
        int column = 0;
        int scroll = 0;
    };
    Pick m_keep;
};

} // namespace entente

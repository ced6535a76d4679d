#pragma once

#include "articledocument.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QTextBrowser;
class QUrl;

namespace entente {

class StoreSession;
class AnnotationLegend;
class Selection;

// The Reader: the selected article (Selection::article) with every annotation highlighted,
// one colour per kind, over the stored text, which is never altered: the document is built
// from the text as it is and formats are applied by range. Hovering explains an annotation;
// clicking one focuses its entity (Selection::setFocus); the focused entity's mentions stand
// out. Sentences that carry a relation are underlined in their tone's colour with the cue
// words in bold. A legend switches kinds on and off; Ctrl+F finds in the article.
class ReaderPane : public QWidget
{
    Q_OBJECT

public:
    explicit ReaderPane(Selection *selection, QWidget *parent = nullptr);
    ~ReaderPane() override;

    void setSession(std::shared_ptr<StoreSession> session);
    // Shows `id` (normally through Selection::articleChanged); -1 clears.
    void showArticle(qint64 id);
    // Scrolls to the sentence that holds `codePoint` (an offset into the article's text as the
    // store keeps it) and selects it.
    void scrollToOffset(qint64 codePoint);
    void showFindBar();

    [[nodiscard]] QTextBrowser *view() const { return m_view; }
    [[nodiscard]] AnnotationLegend *legend() const { return m_legend; }
    [[nodiscard]] const ArticleDocument &document() const { return m_doc; }
    // Where the article's text starts in view()->document() (the header comes first).
    [[nodiscard]] int bodyStart() const { return m_bodyStart; }
    // The tooltip shown over the text at UTF-16 offset `offset`; empty over plain text.
    [[nodiscard]] QString toolTipAt(qsizetype offset) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void applyFormats();
    void onAnchorClicked(const QUrl &url);
    void find(bool backward);
    void hideFindBar();

    Selection *m_selection;
    std::shared_ptr<StoreSession> m_session;
    ArticleDocument m_doc;
    int m_bodyStart = 0;
    AnnotationLegend *m_legend = nullptr;
    QTextBrowser *m_view = nullptr;
    QWidget *m_findBar = nullptr;
    QLineEdit *m_findEdit = nullptr;
    QLabel *m_findStatus = nullptr;
};

} // namespace entente

#pragma once

#include "articledocument.h"
#include "entityeditactions.h"

#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QLineEdit;
class QMenu;
class QTextBrowser;
class QUrl;

namespace entente {

class StoreSession;
class AnnotationLegend;
class Selection;
struct Edit;
struct EntityRef;

// The Reader: the selected article (Selection::article) with every annotation highlighted,
// one colour per kind, over the stored text, which is never altered: the document is built
// from the text as it is and formats are applied by range. Hovering explains an annotation;
// clicking one focuses its entity (Selection::setFocus); the focused entity's mentions stand
// out. Sentences that carry a relation are underlined in their tone's colour with the cue
// words in bold. A legend switches kinds on and off; Ctrl+F finds in the article. With a search
// (Selection::textQuery), every hit of it is marked, the article opens at the first (or at the hit a
// keyword-in-context line shows), and nextHit()/previousHit() (F3, Shift+F3) go from hit to hit.
// Its context menu corrects what lies under the mouse: the entity of a mention (through the actions the window
// gives, setEntityEditActions()) or the mention itself, the relations of the sentence, a relation the sentence
// states and the extraction missed, and a selected text that names the focus.
class ReaderPane : public QWidget
{
    Q_OBJECT

public:
    explicit ReaderPane(Selection *selection, QWidget *parent = nullptr);
    ~ReaderPane() override;

    void setSession(std::shared_ptr<StoreSession> session);
    // Shows `id` (normally through Selection::articleChanged); -1 clears.
    void showArticle(qint64 id);
    // Reads the shown article's annotations again (a correction changed them), where the text was scrolled to.
    void reload();
    // Scrolls to the sentence that holds `codePoint` (an offset into the article's text as the
    // store keeps it) and selects it.
    void scrollToOffset(qint64 codePoint);
    void showFindBar();
    // Selects the next (previous) hit of the search after (before) the cursor, round the end; false when the
    // article has none.
    bool nextHit();
    bool previousHit();

    [[nodiscard]] QTextBrowser *view() const { return m_view; }
    [[nodiscard]] AnnotationLegend *legend() const { return m_legend; }
    [[nodiscard]] const ArticleDocument &document() const { return m_doc; }
    // Where the article's text starts in view()->document() (the header comes first).
    [[nodiscard]] int bodyStart() const { return m_bodyStart; }
    // The tooltip shown over the text at UTF-16 offset `offset`; empty over plain text.
    [[nodiscard]] QString toolTipAt(qsizetype offset) const;
    // The search's hits in the article's text, UTF-16 ranges, and the one selected (-1: none).
    [[nodiscard]] const QList<std::pair<qsizetype, qsizetype>> &hits() const { return m_hits; }
    [[nodiscard]] int currentHit() const { return m_currentHit; }
    [[nodiscard]] QLabel *hitLabel() const { return m_hitLabel; }

    // The corrections of an entity offered over a mention (see EntityEditActions).
    void setEntityEditActions(EntityEditActions actions) { m_entityEditActions = std::move(actions); }
    // The context menu for UTF-16 offset `offset` of the article's text (what the mouse is over), with `selected`
    // the text selected then; the caller owns it.
    [[nodiscard]] QMenu *contextMenuAt(qsizetype offset, const QString &selected);

signals:
    // The user asked for a correction of the store (the window applies it, undoably).
    void editRequested(const entente::Edit &edit);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // The article's header and text with its annotations (applyFormats()), in one edit of the document.
    void rebuild();
    // The annotations the legend shows, the focus's in bold, and the search's hits, over the text.
    void applyFormats();
    void onAnchorClicked(const QUrl &url);
    void find(bool backward);
    void hideFindBar();
    void loadHits();
    void goToHit(int index);
    void updateHitLabel();
    void showContextMenu(const QPoint &pos);
    void addRelationInteractively(int sentence);

    Selection *m_selection;
    std::shared_ptr<StoreSession> m_session;
    ArticleDocument m_doc;
    int m_bodyStart = 0;
    AnnotationLegend *m_legend = nullptr;
    QTextBrowser *m_view = nullptr;
    QWidget *m_findBar = nullptr;
    QLineEdit *m_findEdit = nullptr;
    QLabel *m_findStatus = nullptr;
    QLabel *m_hitLabel = nullptr;
    QList<std::pair<qsizetype, qsizetype>> m_hits;
    int m_currentHit = -1;
    EntityEditActions m_entityEditActions;
};

} // namespace entente

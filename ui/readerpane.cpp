#include "readerpane.h"

#include "addrelationdialog.h"
#include "annotationlegend.h"
#include "articlelistmodel.h"
#include "edit.h"
#include "gazetteer.h"
#include "hits.h"
#include "reflow.h"
#include "selection.h"
#include "store.h"
#include "storesession.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace entente {

namespace {

QString countryLabel(const QString &code)
{
    const QString name = Gazetteer::shared().countryName(code);
    return name.isEmpty() ? code : name;
}

QString methodLabel(const QString &method)
{
    if (method.isEmpty())
        return QObject::tr("unknown");
    return method;
}

} // namespace

ReaderPane::ReaderPane(Selection *selection, QWidget *parent)
    : QWidget(parent)
    , m_selection(selection)
{
    m_legend = new AnnotationLegend(this);
    m_legend->setObjectName(QStringLiteral("annotationLegend"));

    m_view = new QTextBrowser(this);
    m_view->setObjectName(QStringLiteral("reader"));
    m_view->setOpenLinks(false);
    // A scroll bar that comes and goes narrows the page: the view would lay a long article out a second time
    // as its bar appears (8 of 20 ms for a speech of 32 KB).
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_view->setPlaceholderText(tr("Select an article to read it here."));
    m_view->setToolTip({}); // tooltips come from the annotation under the mouse
    m_view->setStatusTip(tr("Hover an annotation to see what it is; click it to focus that entity everywhere"));
    m_view->viewport()->installEventFilter(this);
    m_view->document()->setUndoRedoEnabled(false);
    connect(m_view, &QTextBrowser::anchorClicked, this, &ReaderPane::onAnchorClicked);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ReaderPane::showContextMenu);

    // The find bar: Enter finds the next match, Shift+Enter the previous, Escape closes.
    m_findBar = new QWidget(this);
    m_findBar->setObjectName(QStringLiteral("findBar"));
    auto *findLayout = new QHBoxLayout(m_findBar);
    findLayout->setContentsMargins(0, 0, 0, 0);
    auto *findLabel = new QLabel(tr("&Find:"), m_findBar);
    m_findEdit = new QLineEdit(m_findBar);
    m_findEdit->setObjectName(QStringLiteral("findEdit"));
    m_findEdit->setClearButtonEnabled(true);
    m_findEdit->setPlaceholderText(tr("Find in article"));
    m_findEdit->setToolTip(tr("Enter: next match · Shift+Enter: previous · Escape: close"));
    m_findEdit->installEventFilter(this);
    findLabel->setBuddy(m_findEdit);
    auto *previous = new QToolButton(m_findBar);
    previous->setText(tr("Previous"));
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Previous match (Shift+Enter)"));
    auto *next = new QToolButton(m_findBar);
    next->setText(tr("Next"));
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (Enter)"));
    m_findStatus = new QLabel(m_findBar);
    auto *close = new QToolButton(m_findBar);
    close->setText(tr("Close"));
    close->setToolTip(tr("Close the find bar (Escape)"));
    findLayout->addWidget(findLabel);
    findLayout->addWidget(m_findEdit, 1);
    findLayout->addWidget(previous);
    findLayout->addWidget(next);
    findLayout->addWidget(m_findStatus);
    findLayout->addWidget(close);
    m_findBar->hide();
    connect(previous, &QToolButton::clicked, this, [this] { find(true); });
    connect(next, &QToolButton::clicked, this, [this] { find(false); });
    connect(close, &QToolButton::clicked, this, &ReaderPane::hideFindBar);
    connect(m_findEdit, &QLineEdit::textEdited, this, [this] {
        // Incremental: search again from where the current match starts.
        QTextCursor c = m_view->textCursor();
        c.setPosition(c.selectionStart());
        m_view->setTextCursor(c);
        find(false);
    });

    m_hitLabel = new QLabel(this);
    m_hitLabel->setObjectName(QStringLiteral("hitLabel"));
    m_hitLabel->setTextFormat(Qt::PlainText);
    m_hitLabel->setToolTip(tr("F3: next hit · Shift+F3: previous hit"));
    m_hitLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_legend);
    layout->addWidget(m_hitLabel);
    layout->addWidget(m_view, 1);
    setFocusProxy(m_view); // Go to Pane (Ctrl+1...) lands in the view
    layout->addWidget(m_findBar);

    connect(m_legend, &AnnotationLegend::kindsChanged, this, &ReaderPane::applyFormats);
    connect(m_selection, &Selection::articleChanged, this, &ReaderPane::showArticle);
    // After articleChanged: the article is loaded by then.
    connect(m_selection, &Selection::sentenceShown, this, [this](qint64 article, qint64 offset) {
        if (m_doc.id == article)
            scrollToOffset(offset);
    });
    connect(m_selection, &Selection::focusChanged, this, &ReaderPane::applyFormats);
    connect(m_selection, &Selection::textQueryChanged, this, [this] {
        loadHits();
        applyFormats();
        updateHitLabel();
    });
}

ReaderPane::~ReaderPane() = default;

void ReaderPane::setSession(std::shared_ptr<StoreSession> session)
{
    m_session = std::move(session);
    // The same id may now be another article (a new store) or carry new annotations.
    m_doc.clear();
    showArticle(m_selection->article());
}

void ReaderPane::showArticle(qint64 id)
{
    if (id == m_doc.id && !m_doc.isNull())
        return;
    const Store *store = m_session ? m_session->reader() : nullptr;
    if (id < 0 || !store || !m_doc.load(*store, id))
        m_doc.clear();
    loadHits();
    rebuild();
    m_view->verticalScrollBar()->setValue(0);
    // Opened from a search: at its first hit (a keyword-in-context line then moves on to its own).
    if (!m_hits.isEmpty())
        goToHit(0);
    updateHitLabel();
}

void ReaderPane::reload()
{
    const Store *store = m_session ? m_session->reader() : nullptr;
    if (m_doc.isNull() || !store)
        return;
    const int scroll = m_view->verticalScrollBar()->value();
    const qint64 id = m_doc.id;
    if (!m_doc.load(*store, id))
        m_doc.clear();
    loadHits();
    rebuild();
    m_view->verticalScrollBar()->setValue(scroll);
    updateHitLabel();
}

void ReaderPane::loadHits()
{
    m_hits.clear();
    m_currentHit = -1;
    const Store *store = m_session ? m_session->reader() : nullptr;
    if (!m_doc.isNull() && store)
        m_hits = Hits::spansIn(*store, m_doc.id, m_selection->textQuery());
}

void ReaderPane::goToHit(int index)
{
    if (index < 0 || index >= m_hits.size())
        return;
    m_currentHit = index;
    const auto [start, end] = m_hits.at(index);
    QTextCursor c(m_view->document());
    c.setPosition(m_bodyStart + int(start));
    c.setPosition(m_bodyStart + int(end), QTextCursor::KeepAnchor);
    m_view->setTextCursor(c);
    m_view->ensureCursorVisible();
    const QRect r = m_view->cursorRect(c);
    QScrollBar *bar = m_view->verticalScrollBar();
    bar->setValue(bar->value() + r.top() - m_view->viewport()->height() / 3);
    updateHitLabel();
}

bool ReaderPane::nextHit()
{
    if (m_hits.isEmpty())
        return false;
    // From the cursor, so that a click in the text moves where the next hit is counted from.
    const qsizetype after = m_view->textCursor().selectionEnd() - m_bodyStart;
    int next = 0;
    while (next < m_hits.size() && m_hits.at(next).first < after)
        ++next;
    goToHit(next < m_hits.size() ? next : 0);
    return true;
}

bool ReaderPane::previousHit()
{
    if (m_hits.isEmpty())
        return false;
    const qsizetype before = m_view->textCursor().selectionStart() - m_bodyStart;
    int previous = int(m_hits.size()) - 1;
    while (previous >= 0 && m_hits.at(previous).second > before)
        --previous;
    goToHit(previous >= 0 ? previous : int(m_hits.size()) - 1);
    return true;
}

void ReaderPane::updateHitLabel()
{
    const QString query = Hits::shownQuery(m_selection->textQuery());
    m_hitLabel->setVisible(!m_doc.isNull() && !m_selection->textQuery().trimmed().isEmpty());
    if (m_hits.isEmpty())
        m_hitLabel->setText(tr("“%1” is not in this article's text").arg(query));
    else if (m_currentHit < 0)
        m_hitLabel->setText(tr("Hits of “%1”: %2 · F3: next").arg(query).arg(m_hits.size()));
    else
        m_hitLabel->setText(tr("Hit %1 of %2 of “%3” · F3: next · Shift+F3: previous")
                                .arg(m_currentHit + 1)
                                .arg(m_hits.size())
                                .arg(query));
}

void ReaderPane::rebuild()
{
    QTextDocument *doc = m_view->document();
    doc->clear();
    m_bodyStart = 0;
    if (m_doc.isNull())
        return;
    const ArticleRecord &r = m_doc.record;
    QTextCursor c(doc);
    // The text and its annotations in one edit: the view lays the article out once, when it ends (a long speech
    // takes it 10-30 ms), not after the text and again after its formats.
    c.beginEditBlock();

    QTextBlockFormat headerBlock;
    headerBlock.setBottomMargin(2);
    QTextCharFormat titleFormat;
    titleFormat.setFontWeight(QFont::Bold);
    titleFormat.setFontPointSize(font().pointSizeF() * 1.45);
    c.setBlockFormat(headerBlock);
    if (r.title.isEmpty()) {
        // No headline: the opening words stand in, in italics, as in the Articles list.
        QTextCharFormat opening = titleFormat;
        opening.setFontItalic(true);
        opening.setFontWeight(QFont::Normal);
        const QString words = openingWords(r.text);
        c.insertText(words.isEmpty() ? QFileInfo(r.file).fileName() : words, opening);
    } else {
        c.insertText(r.title, titleFormat);
    }

    QTextCharFormat metaFormat;
    metaFormat.setForeground(palette().color(QPalette::PlaceholderText));
    QStringList meta;
    if (!r.source.isEmpty())
        meta << r.source;
    if (!r.author.isEmpty())
        meta << tr("by %1").arg(r.author);
    if (r.published.date.isValid()) {
        QString date = tr("%1 (%2, from the %3)")
                           .arg(r.published.date.toIso(), precisionName(r.published.date.precision),
                               dateSourceName(r.published.source));
        if (!r.published.reason.isEmpty())
            date += QStringLiteral(": ") + r.published.reason;
        meta << date;
    } else {
        meta << tr("undated");
    }
    c.insertBlock(headerBlock, metaFormat);
    c.insertText(meta.join(QStringLiteral(" · ")), metaFormat);
    QTextBlockFormat fileBlock = headerBlock;
    fileBlock.setBottomMargin(12);
    c.insertBlock(fileBlock, metaFormat);
    QString file = QFileInfo(r.file).fileName();
    if (r.fileLine > 0)
        file += tr(", record %1").arg(r.fileLine);
    c.insertText(file, metaFormat);

    // Every character of the text takes one position in the document ('\n' becomes a block
    // break of one position), so the annotations' UTF-16 offsets apply as they are. A lone
    // '\r' is shown as a space: QTextCursor would fold "\r\n" into one break. Hard-wrapped
    // lines run on into paragraphs and lone page numbers go (reflowForReading() keeps the length).
    QString body = r.text;
    body.replace(u'\r', u' ');
    body = reflowForReading(body);
    // Paragraphs parted by blank lines have their space already; one a line gets some below it.
    QTextBlockFormat bodyBlock;
    bodyBlock.setLineHeight(125, QTextBlockFormat::ProportionalHeight);
    if (!body.contains(QStringLiteral("\n\n")))
        bodyBlock.setBottomMargin(QFontMetricsF(font()).lineSpacing() * 0.6);
    c.insertBlock(bodyBlock, QTextCharFormat());
    m_bodyStart = c.position();
    c.insertText(body, QTextCharFormat());
    applyFormats();
    c.endEditBlock();
    // The browser's own cursor was pushed to the end by the insertions; back to the top.
    m_view->setTextCursor(QTextCursor(doc));
}

void ReaderPane::applyFormats()
{
    if (m_doc.isNull())
        return;
    QTextDocument *doc = m_view->document();
    const bool dark = AnnotationLegend::isDark(palette());
    const EntityRef focus = m_selection->focus();
    const qsizetype length = m_doc.record.text.size();
    QTextCursor c(doc);
    c.beginEditBlock();
    const auto select = [&](qsizetype start, qsizetype end) {
        c.setPosition(m_bodyStart + int(std::clamp<qsizetype>(start, 0, length)));
        c.setPosition(m_bodyStart + int(std::clamp<qsizetype>(end, 0, length)), QTextCursor::KeepAnchor);
    };
    select(0, length);
    c.setCharFormat(QTextCharFormat());

    if (m_legend->isShown(QStringLiteral("relation"))) {
        for (const auto &rel : std::as_const(m_doc.relations)) {
            QTextCharFormat f;
            f.setUnderlineStyle(QTextCharFormat::SingleUnderline);
            f.setUnderlineColor(AnnotationLegend::toneColor(rel.tone, dark));
            select(rel.start, rel.end);
            c.mergeCharFormat(f);
        }
    }
    if (m_legend->isShown(QStringLiteral("date"))) {
        for (const auto &d : std::as_const(m_doc.dates)) {
            QTextCharFormat f;
            f.setBackground(AnnotationLegend::kindColor(QStringLiteral("date"), dark));
            select(d.start, d.end);
            c.mergeCharFormat(f);
        }
    }
    // Outer spans first, so that a country inside an event's name keeps its own colour.
    QList<int> order;
    for (int i = 0; i < m_doc.mentions.size(); ++i)
        if (m_legend->isShown(m_doc.mentions.at(i).kind))
            order.append(i);
    std::stable_sort(order.begin(), order.end(), [this](int x, int y) {
        const auto &a = m_doc.mentions.at(x);
        const auto &b = m_doc.mentions.at(y);
        return a.end - a.start > b.end - b.start;
    });
    for (int i : std::as_const(order)) {
        const auto &m = m_doc.mentions.at(i);
        const bool focused = !focus.isNull() && m.kind == focus.kind && m.key == focus.key;
        QTextCharFormat f;
        f.setBackground(AnnotationLegend::kindColor(m.kind, dark, focused));
        if (focused)
            f.setFontWeight(QFont::Bold);
        f.setAnchor(true);
        f.setAnchorHref(QStringLiteral("entity:%1").arg(i));
        select(m.start, m.end);
        c.mergeCharFormat(f);
    }
    if (m_legend->isShown(QStringLiteral("relation"))) {
        QTextCharFormat bold;
        bold.setFontWeight(QFont::Bold);
        for (const auto &rel : std::as_const(m_doc.relations)) {
            for (const Span &cue : rel.cueSpans) {
                select(cue.start, cue.end);
                c.mergeCharFormat(bold);
            }
        }
    }
    // The search's hits last, over any annotation: a marker yellow, dark text on it in either palette.
    QTextCharFormat hit;
    hit.setBackground(dark ? QColor(0xe0, 0xa8, 0x00) : QColor(0xff, 0xd2, 0x3f));
    hit.setForeground(QColor(0x1a, 0x1a, 0x1a));
    for (const auto &[start, end] : std::as_const(m_hits)) {
        select(start, end);
        c.mergeCharFormat(hit);
    }
    c.endEditBlock();
}

QString ReaderPane::toolTipAt(qsizetype offset) const
{
    if (m_doc.isNull() || offset < 0 || offset >= m_doc.record.text.size())
        return {};
    QStringList parts;
    for (int i : m_doc.mentionsAt(offset)) {
        const auto &m = m_doc.mentions.at(i);
        if (!m_legend->isShown(m.kind))
            continue;
        QString tip = QStringLiteral("<b>%1</b> — %2").arg(m.name.toHtmlEscaped(), AnnotationLegend::kindLabel(m.kind));
        if (m.kind == u"country")
            tip += QStringLiteral(" (%1)").arg(m.key.toHtmlEscaped());
        else if (!m.country.isEmpty())
            tip += QStringLiteral("<br>") + tr("Country: %1").arg(countryLabel(m.country).toHtmlEscaped());
        if (!m.role.isEmpty())
            tip += QStringLiteral("<br>") + tr("Role: %1").arg(m.role.toHtmlEscaped());
        if (m.kind == u"money" && !m.currency.isEmpty())
            tip += QStringLiteral("<br>")
                + tr("Amount: %1 %2").arg(m.currency.toHtmlEscaped(), QLocale().toString(m.amount, 'f', 0));
        if (!m.date.isEmpty())
            tip += QStringLiteral("<br>") + tr("Date: %1").arg(m.date.toHtmlEscaped());
        tip += QStringLiteral("<br>")
            + tr("Recognised by %1, confidence %2%")
                  .arg(methodLabel(m.method).toHtmlEscaped())
                  .arg(qRound(m.confidence * 100));
        parts << tip;
    }
    if (m_legend->isShown(QStringLiteral("date"))) {
        const int d = m_doc.dateAt(offset);
        if (d >= 0) {
            const auto &date = m_doc.dates.at(d);
            QString tip = QStringLiteral("<b>%1</b> — %2<br>").arg(date.text.toHtmlEscaped(), tr("Date"));
            tip += date.value.isEmpty() ? tr("Not resolved")
                                        : tr("Resolved to %1 (%2%3)")
                                              .arg(date.value, date.precision,
                                                  date.relative ? tr(", relative to the article's date") : QString());
            parts << tip;
        }
    }
    if (m_legend->isShown(QStringLiteral("relation"))) {
        for (int i : m_doc.relationsAt(offset)) {
            const auto &rel = m_doc.relations.at(i);
            const QString arrow = rel.directed ? QStringLiteral(" → ") : QStringLiteral(" – ");
            QString tip = QStringLiteral("<b>%1%2%3</b> — %4")
                              .arg(countryLabel(rel.a).toHtmlEscaped(), arrow, countryLabel(rel.b).toHtmlEscaped(),
                                  rel.tone.toHtmlEscaped());
            if (!rel.cameo.isEmpty())
                tip += QStringLiteral("<br>") + tr("CAMEO %1, Goldstein %2").arg(rel.cameo).arg(rel.goldstein);
            if (!rel.cues.isEmpty())
                tip += QStringLiteral("<br>") + tr("Cues: %1").arg(rel.cues.join(QStringLiteral(", ")).toHtmlEscaped());
            if (rel.implicit)
                tip += QStringLiteral("<br>") + tr("Implicit (the subject is the speaker)");
            parts << tip;
        }
    }
    return parts.join(QStringLiteral("<hr>"));
}

bool ReaderPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPointF at = QPointF(help->pos())
            + QPointF(m_view->horizontalScrollBar()->value(), m_view->verticalScrollBar()->value());
        const int pos = m_view->document()->documentLayout()->hitTest(at, Qt::ExactHit);
        const QString tip = pos >= m_bodyStart ? toolTipAt(pos - m_bodyStart) : QString();
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, m_view->viewport());
        return true;
    }
    if (watched == m_view->viewport() && event->type() == QEvent::Resize && m_currentHit >= 0) {
        // A narrower Reader wraps the text anew and the selected hit would drift out of sight: keep it in view
        // (once the text is laid out again), as long as it is still what the cursor selects.
        QTimer::singleShot(0, this, [this] {
            const QTextCursor c = m_view->textCursor();
            if (m_currentHit >= 0 && m_currentHit < m_hits.size()
                && c.selectionStart() - m_bodyStart == m_hits.at(m_currentHit).first
                && c.selectionEnd() - m_bodyStart == m_hits.at(m_currentHit).second)
                m_view->ensureCursorVisible();
        });
    }
    if (watched == m_findEdit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            hideFindBar();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            find(key->modifiers().testFlag(Qt::ShiftModifier));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ReaderPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_doc.isNull()) {
        const int scroll = m_view->verticalScrollBar()->value();
        rebuild();
        m_view->verticalScrollBar()->setValue(scroll);
    }
}

void ReaderPane::onAnchorClicked(const QUrl &url)
{
    if (url.scheme() != u"entity")
        return;
    bool ok = false;
    const int i = url.path().toInt(&ok);
    if (!ok || i < 0 || i >= m_doc.mentions.size())
        return;
    const auto &m = m_doc.mentions.at(i);
    m_selection->setFocus({ m.kind, m.key });
}

void ReaderPane::showContextMenu(const QPoint &pos)
{
    const int at = m_view->cursorForPosition(pos).position() - m_bodyStart;
    const std::unique_ptr<QMenu> menu(contextMenuAt(at, m_view->textCursor().selectedText()));
    menu->exec(m_view->viewport()->mapToGlobal(pos));
}

QMenu *ReaderPane::contextMenuAt(qsizetype offset, const QString &selected)
{
    QMenu *menu = m_view->createStandardContextMenu();
    menu->setObjectName(QStringLiteral("readerMenu"));
    if (m_doc.isNull() || offset < 0 || offset > m_doc.record.text.size())
        return menu;
    const qint64 article = m_doc.id;
    menu->addSeparator();
    if (m_session && !m_session->readOnlyReason().isEmpty()) {
        QAction *none = menu->addAction(tr("No corrections: %1").arg(m_session->readOnlyReason()));
        none->setObjectName(QStringLiteral("noCorrections"));
        none->setEnabled(false);
        return menu;
    }

    // The entity of the mention under the mouse, and the mention itself.
    if (const QList<int> here = m_doc.mentionsAt(offset); !here.isEmpty()) {
        const ArticleDocument::Mention &m = m_doc.mentions.at(here.first());
        const QString name = m.kind == u"country" ? countryLabel(m.key) : (m.name.isEmpty() ? m.text : m.name);
        QMenu *entity = menu->addMenu(tr("Correct %1").arg(name));
        entity->setObjectName(QStringLiteral("readerEntityMenu"));
        entity->menuAction()->setObjectName(QStringLiteral("readerEntityMenu"));
        if (m_entityEditActions && m.kind != u"money")
            m_entityEditActions(entity, { m.kind, m.key }, name);
        entity->addSeparator();
        const qint64 start = m_doc.toCodePoint(m.start), end = m_doc.toCodePoint(m.end);
        const QString kind = m.kind, key = m.key;
        QAction *wrong = entity->addAction(tr("This Mention Is &Wrong"), this, [this, article, start, end, kind, key] {
            emit editRequested(Edit::rejectMention(article, start, end, kind, key));
        });
        wrong->setObjectName(QStringLiteral("rejectMention"));
        wrong->setStatusTip(tr("\u201c%1\u201d here does not name %2: count it no more").arg(m.text, name));
    }

    // A selected text the extraction did not take for the focus: read it as the focus from now on.
    const EntityRef focus = m_selection->focus();
    const QString alias = QString(selected).replace(QChar::ParagraphSeparator, u' ').simplified();
    if (!focus.isNull() && !alias.isEmpty() && alias.size() <= 80 && focus.kind != u"money") {
        const QString focusName = focus.kind == u"country" ? countryLabel(focus.key) : focus.key;
        QAction *read = menu->addAction(tr("Read \u201c%1\u201d as %2").arg(alias, focusName), this,
            [this, focus, alias] { emit editRequested(Edit::addAlias(focus.kind, focus.key, alias)); });
        read->setObjectName(QStringLiteral("readAsFocus"));
        read->setStatusTip(
            tr("Wherever \u201c%1\u201d stands as a word, in this store and in later imports, it names %2")
                .arg(alias, focusName));
    }

    // The relations the sentence states: reject one, or change its tone or direction.
    for (const int i : m_doc.relationsAt(offset)) {
        const ArticleDocument::RelationSentence &r = m_doc.relations.at(i);
        const qint64 start = m_doc.toCodePoint(r.start), end = m_doc.toCodePoint(r.end);
        const QString a = r.a, b = r.b;
        const QString nameA = countryLabel(a), nameB = countryLabel(b);
        QMenu *relation = menu->addMenu(r.directed ? tr("Relation %1 \u2192 %2 (%3)").arg(nameA, nameB, r.tone)
                                                   : tr("Relation %1 \u2013 %2 (%3)").arg(nameA, nameB, r.tone));
        relation->setObjectName(QStringLiteral("readerRelationMenu"));
        QAction *reject = relation->addAction(tr("&Reject"), this,
            [this, article, start, end, a, b] { emit editRequested(Edit::rejectRelation(article, start, end, a, b)); });
        reject->setObjectName(QStringLiteral("rejectRelation"));
        reject->setStatusTip(tr("The sentence does not state this relation: count it no more"));
        relation->addSeparator();
        for (const auto &[tone, title] : { std::pair { QStringLiteral("cooperation"), tr("&Cooperation") },
                 std::pair { QStringLiteral("conflict"), tr("C&onflict") },
                 std::pair { QStringLiteral("neutral"), tr("&Neutral") } }) {
            QAction *t = relation->addAction(title, this, [this, article, start, end, a, b, tone = tone] {
                emit editRequested(Edit::changeRelationTone(article, start, end, a, b, tone));
            });
            t->setObjectName(QStringLiteral("tone_") + tone);
            t->setCheckable(true);
            t->setChecked(tone == r.tone);
            t->setEnabled(tone != r.tone);
        }
        relation->addSeparator();
        const QString current = r.directed ? QStringLiteral("a-b") : QStringLiteral("none");
        for (const auto &[direction, title] :
            { std::pair { QStringLiteral("a-b"), tr("%1 Acts on %2").arg(nameA, nameB) },
                std::pair { QStringLiteral("b-a"), tr("%1 Acts on %2").arg(nameB, nameA) },
                std::pair { QStringLiteral("none"), tr("No Direction") } }) {
            QAction *d = relation->addAction(title, this, [this, article, start, end, a, b, direction = direction] {
                emit editRequested(Edit::changeRelationDirection(article, start, end, a, b, direction));
            });
            d->setObjectName(QStringLiteral("direction_") + direction);
            d->setCheckable(true);
            d->setChecked(direction == current);
            d->setEnabled(direction != current);
        }
    }

    // A relation the sentence states and the extraction missed.
    const Span sentence = m_doc.sentenceAt(offset);
    int index = -1;
    for (int i = 0; i < m_doc.sentences.size() && index < 0; ++i)
        if (m_doc.sentences.at(i).start == sentence.start && m_doc.sentences.at(i).end == sentence.end)
            index = i;
    if (sentence.end > sentence.start && index >= 0) {
        QAction *add = menu->addAction(
            tr("&Add a Relation to This Sentence…"), this, [this, index] { addRelationInteractively(index); });
        add->setObjectName(QStringLiteral("addRelation"));
        add->setStatusTip(tr("The sentence relates two countries or organisations, and no relation shows it"));
    }
    return menu;
}

void ReaderPane::addRelationInteractively(int sentence)
{
    if (m_doc.isNull() || sentence < 0 || sentence >= m_doc.sentences.size())
        return;
    const Span span = m_doc.sentences.at(sentence);
    // The countries and organisations the sentence names, in its order, each once.
    QList<std::pair<QString, QString>> parties;
    for (const ArticleDocument::Mention &m : std::as_const(m_doc.mentions)) {
        if (m.start < span.start || m.end > span.end || (m.kind != u"country" && m.kind != u"organization"))
            continue;
        const QString key = m.key;
        if (std::none_of(parties.cbegin(), parties.cend(), [&key](const auto &p) { return p.first == key; }))
            parties.append({ key, m.kind == u"country" ? countryLabel(m.key) : m.name });
    }
    AddRelationDialog dialog(m_doc.record.text.sliced(span.start, span.end - span.start), parties, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    emit editRequested(Edit::addRelation(m_doc.id, sentence, m_doc.toCodePoint(span.start), m_doc.toCodePoint(span.end),
        dialog.partyA(), dialog.partyB(), dialog.directed(), dialog.tone()));
}

void ReaderPane::scrollToOffset(qint64 codePoint)
{
    if (m_doc.isNull())
        return;
    const qsizetype pos = m_doc.toUtf16(codePoint);
    // A keyword-in-context line: at its hit, which F3 goes on from.
    for (int i = 0; i < m_hits.size(); ++i) {
        if (m_hits.at(i).first == pos) {
            goToHit(i);
            return;
        }
    }
    Span s = m_doc.sentenceAt(pos);
    if (s.end <= s.start)
        s = { pos, pos };
    QTextCursor c(m_view->document());
    c.setPosition(m_bodyStart + int(s.end));
    c.setPosition(m_bodyStart + int(s.start), QTextCursor::KeepAnchor);
    m_view->setTextCursor(c);
    m_view->ensureCursorVisible();
    // Put the sentence in the upper third rather than at the very bottom edge.
    const QRect r = m_view->cursorRect(c);
    QScrollBar *bar = m_view->verticalScrollBar();
    bar->setValue(bar->value() + r.top() - m_view->viewport()->height() / 4);
}

void ReaderPane::showFindBar()
{
    m_findBar->show();
    m_findEdit->setFocus(Qt::ShortcutFocusReason);
    m_findEdit->selectAll();
}

void ReaderPane::hideFindBar()
{
    m_findBar->hide();
    m_findStatus->clear();
    m_view->setFocus(Qt::OtherFocusReason);
}

void ReaderPane::find(bool backward)
{
    const QString text = m_findEdit->text();
    if (text.isEmpty()) {
        m_findStatus->clear();
        return;
    }
    const QTextDocument::FindFlags flags = backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    bool found = m_view->find(text, flags);
    if (!found) {
        // Wrap round, as browsers do.
        QTextCursor c = m_view->textCursor();
        c.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
        m_view->setTextCursor(c);
        found = m_view->find(text, flags);
    }
    m_findStatus->setText(found ? QString() : tr("Not found"));
}

} // namespace entente

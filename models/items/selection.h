#pragma once

#include <QList>
#include <QObject>
#include <QString>

namespace entente {

// An entity as the panes name it: its kind ("country", "person", "organization", "place",
// "region", "event") and its key in the store (ISO alpha-3 for countries, a canonical name
// otherwise). An empty key means "nothing".
struct EntityRef
{
    QString kind;
    QString key;

    [[nodiscard]] bool isNull() const { return key.isEmpty(); }
    bool operator==(const EntityRef &) const = default;
};

// The one shared selection-and-filter object behind the linked panes: the focused entity,
// the selected country pair, the year range, the selected article and the text query.
// Every pane reads it and asks it to change; panes never call each other. Setting a value
// equal to the current one emits nothing, which is what keeps panes from feeding back
// into each other.
//
// Focus changes and jumps to a sentence (the Evidence list's) are kept in a history that back()
// and forward() walk, like a browser: each step remembers the article that was read when it was
// left, and a sentence step the sentence. A new focus that is neither country of the selected
// pair clears the pair (and so the Evidence).
//
// A comparison country (comparison()) sets a second country beside a focused one: Relations, Timeline and
// Entities then show the two side by side. It is a step of the history as the focus is; it goes when the focus is
// cleared, becomes the focus itself, or is not a country, so that it never outlives the focus it compares against.
//
//     connect(selection, &Selection::focusChanged, pane, &Pane::refresh);
//     selection->setFocus({QStringLiteral("country"), QStringLiteral("CHN")});
class Selection : public QObject
{
    Q_OBJECT

public:
    explicit Selection(QObject *parent = nullptr);

    [[nodiscard]] EntityRef focus() const { return m_focus; }
    [[nodiscard]] QString pairA() const { return m_pairA; }
    [[nodiscard]] QString pairB() const { return m_pairB; }
    [[nodiscard]] bool hasPair() const { return !m_pairA.isEmpty() && !m_pairB.isEmpty(); }
    // The country compared with the focus (ISO alpha-3 or an organisation's id); empty: none.
    [[nodiscard]] QString comparison() const { return m_comparison; }
    [[nodiscard]] bool hasComparison() const { return !m_comparison.isEmpty(); }
    // The comparison as an entity: a country when the gazetteer knows its code, else an organisation.
    [[nodiscard]] EntityRef comparisonEntity() const;
    [[nodiscard]] int yearFrom() const { return m_yearFrom; } // 0: no range
    [[nodiscard]] int yearTo() const { return m_yearTo; }
    [[nodiscard]] bool hasYearRange() const { return m_yearFrom != 0; }
    [[nodiscard]] qint64 article() const { return m_article; } // -1: none
    [[nodiscard]] QString textQuery() const { return m_textQuery; }

    [[nodiscard]] bool canGoBack() const { return m_index > 0; }
    [[nodiscard]] bool canGoForward() const { return m_index + 1 < m_history.size(); }

public slots:
    void setFocus(const entente::EntityRef &entity);
    void clearFocus() { setFocus({}); }
    void setPair(const QString &a, const QString &b);
    void clearPair() { setPair({}, {}); }
    // Compares the focused country with `code`; ignored while no country (or organisation) is focused, or for the
    // focus itself. A step of the history.
    void setComparison(const QString &code);
    void clearComparison() { setComparison({}); }
    void setYearRange(int from, int to);
    void clearYearRange() { setYearRange(0, 0); }
    void setArticle(qint64 id);
    // Reads `article` at the sentence that holds `offset` (a code-point offset into its text, as
    // relations.start keeps it): a step of the history.
    void showSentence(qint64 article, qint64 offset);
    void setTextQuery(const QString &query);
    void back();
    void forward();
    // Everything back to nothing, history included (a new store was opened); with `focus`, that
    // focus as the first step of the history.
    void reset(const entente::EntityRef &focus = {});

signals:
    void focusChanged(const entente::EntityRef &entity);
    void pairChanged(const QString &a, const QString &b);
    void comparisonChanged(const QString &code);
    void yearRangeChanged(int from, int to);
    void articleChanged(qint64 id);
    // After articleChanged(article) where it changed: the Reader scrolls to the sentence.
    void sentenceShown(qint64 article, qint64 offset);
    void textQueryChanged(const QString &query);
    void historyChanged();

private:
    struct Step
    {
        EntityRef focus;
        QString comparison;
        qint64 article = -1; // the article read when the step was left
        qint64 offset = -1; // a sentence's offset in it, for a jump to a sentence
    };
    void push(const Step &step);
    void restore(qsizetype index);
    void applyFocus(const EntityRef &entity, const QString &comparison = {});

    EntityRef m_focus;
    QString m_pairA;
    QString m_pairB;
    QString m_comparison;
    int m_yearFrom = 0;
    int m_yearTo = 0;
    qint64 m_article = -1;
    QString m_textQuery;
    QList<Step> m_history;
    qsizetype m_index = -1;
};

} // namespace entente

Q_DECLARE_METATYPE(entente::EntityRef)

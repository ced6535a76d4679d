#include "selection.h"

#include "gazetteer.h"

namespace entente {

namespace {
constexpr qsizetype MaxHistory = 200;

// What relations are between: a comparison goes with such a focus only.
bool isParty(const EntityRef &entity)
{
    return !entity.isNull() && (entity.kind == u"country" || entity.kind == u"organization");
}
} // namespace

Selection::Selection(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<entente::EntityRef>();
}

void Selection::applyFocus(const EntityRef &entity, const QString &comparison)
{
    const bool focusChanges = entity != m_focus;
    m_focus = entity;
    const QString compared = isParty(entity) && comparison != entity.key ? comparison : QString();
    const bool comparisonChanges = compared != m_comparison;
    m_comparison = compared;
    // A pair is chosen among the focus's partners: it goes with a focus that is neither of its countries, so that
    // clearing the focus leaves no filter and no evidence behind that the panes no longer show the reason for.
    const bool dropPair = hasPair() && !(entity.kind == u"country" && (entity.key == m_pairA || entity.key == m_pairB));
    if (dropPair) {
        m_pairA.clear();
        m_pairB.clear();
    }
    if (focusChanges)
        emit focusChanged(m_focus);
    if (dropPair)
        emit pairChanged({}, {});
    if (comparisonChanges)
        emit comparisonChanged(m_comparison);
}

void Selection::push(const Step &step)
{
    if (m_index >= 0)
        m_history[m_index].article = m_article;
    // A new step drops the forward part of the history, as a browser does.
    if (m_index + 1 < m_history.size())
        m_history.resize(m_index + 1);
    m_history.append(step);
    if (m_history.size() > MaxHistory)
        m_history.removeFirst();
    m_index = m_history.size() - 1;
}

void Selection::setFocus(const EntityRef &entity)
{
    if (entity == m_focus)
        return;
    // A new focus keeps the comparison (Germany against France, then Italy against France), unless it is the
    // compared country itself.
    const QString comparison = isParty(entity) && entity.key != m_comparison ? m_comparison : QString();
    push({ entity, comparison, -1, -1 });
    applyFocus(entity, comparison);
    emit historyChanged();
}

void Selection::showSentence(qint64 article, qint64 offset)
{
    if (article < 0)
        return;
    push({ m_focus, m_comparison, article, offset });
    setArticle(article);
    emit sentenceShown(article, offset);
    emit historyChanged();
}

void Selection::restore(qsizetype index)
{
    m_history[m_index].article = m_article;
    m_index = index;
    const Step step = m_history.at(index);
    if (step.focus != m_focus || step.comparison != m_comparison)
        applyFocus(step.focus, step.comparison);
    if (step.article >= 0) {
        setArticle(step.article);
        if (step.offset >= 0)
            emit sentenceShown(step.article, step.offset);
    }
    emit historyChanged();
}

void Selection::back()
{
    if (canGoBack())
        restore(m_index - 1);
}

void Selection::forward()
{
    if (canGoForward())
        restore(m_index + 1);
}

void Selection::setPair(const QString &a, const QString &b)
{
    if (a == m_pairA && b == m_pairB)
        return;
    m_pairA = a;
    m_pairB = b;
    emit pairChanged(a, b);
}

EntityRef Selection::comparisonEntity() const
{
    if (m_comparison.isEmpty())
        return {};
    const bool country = !Gazetteer::shared().countryName(m_comparison).isEmpty();
    return { country ? QStringLiteral("country") : QStringLiteral("organization"), m_comparison };
}

void Selection::setComparison(const QString &code)
{
    const QString compared = isParty(m_focus) && code != m_focus.key ? code : QString();
    if (compared == m_comparison)
        return;
    push({ m_focus, compared, -1, -1 });
    m_comparison = compared;
    emit comparisonChanged(m_comparison);
    emit historyChanged();
}

void Selection::setYearRange(int from, int to)
{
    if (from > to && to != 0)
        std::swap(from, to);
    if (from == m_yearFrom && to == m_yearTo)
        return;
    m_yearFrom = from;
    m_yearTo = to;
    emit yearRangeChanged(from, to);
}

void Selection::setArticle(qint64 id)
{
    if (id == m_article)
        return;
    m_article = id;
    emit articleChanged(id);
}

void Selection::setTextQuery(const QString &query)
{
    if (query == m_textQuery)
        return;
    m_textQuery = query;
    emit textQueryChanged(query);
}

void Selection::reset(const EntityRef &focus)
{
    m_history.clear();
    m_index = -1;
    setArticle(-1);
    clearPair();
    clearYearRange();
    setTextQuery({});
    if (!focus.isNull()) {
        m_history.append({ focus, {}, -1, -1 });
        m_index = 0;
    }
    if (m_focus != focus || hasComparison())
        applyFocus(focus);
    emit historyChanged();
}

} // namespace entente

#include "selection.h"

namespace entente {

namespace {
constexpr qsizetype MaxHistory = 200;
}

Selection::Selection(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<entente::EntityRef>();
}

void Selection::applyFocus(const EntityRef &entity)
{
    m_focus = entity;
    // A pair is chosen among the focus's partners: it goes with a focus that is neither of its countries, so that
    // clearing the focus leaves no filter and no evidence behind that the panes no longer show the reason for.
    const bool dropPair = hasPair() && !(entity.kind == u"country" && (entity.key == m_pairA || entity.key == m_pairB));
    if (dropPair) {
        m_pairA.clear();
        m_pairB.clear();
    }
    emit focusChanged(m_focus);
    if (dropPair)
        emit pairChanged({}, {});
}

void Selection::setFocus(const EntityRef &entity)
{
    if (entity == m_focus)
        return;
    // A new focus drops the forward part of the history, as a browser does.
    if (m_index + 1 < m_history.size())
        m_history.resize(m_index + 1);
    m_history.append(entity);
    if (m_history.size() > MaxHistory)
        m_history.removeFirst();
    m_index = m_history.size() - 1;
    applyFocus(entity);
    emit historyChanged();
}

void Selection::back()
{
    if (!canGoBack())
        return;
    --m_index;
    applyFocus(m_history.at(m_index));
    emit historyChanged();
}

void Selection::forward()
{
    if (!canGoForward())
        return;
    ++m_index;
    applyFocus(m_history.at(m_index));
    emit historyChanged();
}

void Selection::setPair(const QString &a, const QString &b)
{
    if (a == m_pairA && b == m_pairB)
        return;
    m_pairA = a;
    m_pairB = b;
    emit pairChanged(a, b);
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

void Selection::reset()
{
    m_history.clear();
    m_index = -1;
    setArticle(-1);
    clearPair();
    clearYearRange();
    setTextQuery({});
    if (!m_focus.isNull())
        applyFocus({});
    emit historyChanged();
}

} // namespace entente

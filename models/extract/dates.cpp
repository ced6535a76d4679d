#include "dates.h"

namespace entente {

QList<DateMention> findDates(QStringView text, const QList<Span> &sentences, const PartialDate &anchor)
{
    Q_UNUSED(text)
    Q_UNUSED(sentences)
    Q_UNUSED(anchor)
    return {};
}

std::optional<PublishedDate> inferPublishedDate(QStringView text, const QList<Span> &sentences,
                                                const QList<DateMention> &dates)
{
    Q_UNUSED(text)
    Q_UNUSED(sentences)
    Q_UNUSED(dates)
    return std::nullopt;
}

QList<EntityMention> findMoney(QStringView text, const QList<Span> &sentences, const QList<DateMention> &dates)
{
    Q_UNUSED(text)
    Q_UNUSED(sentences)
    Q_UNUSED(dates)
    return {};
}

} // namespace entente

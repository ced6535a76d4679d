#include "entities.h"

#include "extractor.h"

namespace entente {

Gazetteer::Gazetteer() = default;

const Gazetteer &Gazetteer::shared()
{
    static const Gazetteer instance;
    return instance;
}

QString Gazetteer::countryName(const QString &alpha3) const
{
    Q_UNUSED(alpha3)
    return {};
}

QList<EntityMention> recogniseEntities(QStringView text, const QList<Span> &sentences, const PartialDate &date,
                                       const DocumentContext &ctx)
{
    Q_UNUSED(text)
    Q_UNUSED(sentences)
    Q_UNUSED(date)
    Q_UNUSED(ctx)
    return {};
}

} // namespace entente

#include "relations.h"

#include "extractor.h"

namespace entente {

RelationLexicon::RelationLexicon() = default;

const RelationLexicon &RelationLexicon::shared()
{
    static const RelationLexicon instance;
    return instance;
}

QList<Relation> findRelations(QStringView text, const QList<Span> &sentences, const QList<EntityMention> &entities,
                              const DocumentContext &ctx)
{
    Q_UNUSED(text)
    Q_UNUSED(sentences)
    Q_UNUSED(entities)
    Q_UNUSED(ctx)
    return {};
}

} // namespace entente

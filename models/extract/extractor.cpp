#include "extractor.h"

#include "dates.h"
#include "entities.h"
#include "published.h"
#include "relations.h"
#include "sentences.h"

namespace entente {

Extractor::Extractor()
{
    // Load every table now, so that the first document pays nothing and worker threads
    // never race on lazy initialisation.
    (void)Gazetteer::shared();
    (void)RelationLexicon::shared();
}

const Extractor &Extractor::shared()
{
    static const Extractor instance; // thread-safe initialisation (C++11 magic statics)
    return instance;
}

Annotation Extractor::annotate(const QString &text, const DocumentContext &ctx) const
{
    Annotation a;
    a.sentences = splitSentences(text);

    a.published = ctx.published;
    if (!a.published)
        a.published = findHeaderDate(text, ctx.fileName);

    const PartialDate anchor = a.published ? a.published->date : PartialDate{};
    a.dates = findDates(text, a.sentences, anchor);
    if (!a.published) {
        a.published = inferPublishedDate(text, a.sentences, a.dates);
        if (a.published) {
            // Relative dates can now be resolved against the inferred date.
            a.dates = findDates(text, a.sentences, a.published->date);
        }
    }

    const PartialDate docDate = a.published ? a.published->date : PartialDate{};
    a.entities = recogniseEntities(text, a.sentences, docDate, ctx);
    a.entities += findMoney(text, a.sentences, a.dates, docDate);
    std::sort(a.entities.begin(), a.entities.end(), [](const EntityMention &l, const EntityMention &r) {
        return l.span.start != r.span.start ? l.span.start < r.span.start : l.span.end > r.span.end;
    });
    a.relations = findRelations(text, a.sentences, a.entities, ctx);
    return a;
}

} // namespace entente

#include "relationactors.h"

#include "wordlists.h"

#include <QHash>
#include <QSet>

// Who can be a party to a relation: countries, their leaders and bodies, organisations; not news outlets.
namespace entente {

namespace {

// News agencies and outlets report relations; they take no part in them. "BERLIN (Reuters) -",
// "the minister told CNN", "according to Xinhua" would otherwise make Britain, CNN or China an actor.
bool isNewsMedia(const QString &id)
{
    static const WordClasses media(QStringLiteral("media.tsv"), { QStringLiteral("outlet") });
    static const QSet<QString> names(media.words(0).cbegin(), media.words(0).cend());
    return names.contains(id.toLower());
}

} // namespace

QString relationActor(const EntityMention &m, bool *organisation)
{
    if (organisation)
        *organisation = false;
    switch (m.kind) {
    case EntityKind::Country:
        return m.id;
    case EntityKind::Person:
        return m.country;
    case EntityKind::Organization:
        if (isNewsMedia(m.id) || isNewsMedia(m.name))
            return {};
        // An organisation only the name tagger knows (a company, a party, a storm read as one) acts for its
        // country when the text gives one; on its own it is no party to a country's relations.
        if (m.method == u"model" && m.country.isEmpty())
            return {};
        if (!m.country.isEmpty())
            return m.country;
        if (organisation)
            *organisation = !m.id.isEmpty();
        return m.id;
    default:
        return {};
    }
}

QString dominantCountry(const QList<EntityMention> &entities, const DocumentContext &ctx)
{
    if (!ctx.sourceCountry.isEmpty())
        return ctx.sourceCountry;
    QHash<QString, int> counts;
    QString best;
    int bestCount = 0;
    int second = 0;
    for (const EntityMention &m : entities) {
        QString id;
        if (m.kind == EntityKind::Country)
            id = m.id;
        else if (m.kind == EntityKind::Person)
            id = m.country;
        if (id.isEmpty())
            continue;
        const int c = ++counts[id];
        if (id == best) {
            bestCount = c;
        } else if (c > bestCount) {
            second = bestCount;
            best = id;
            bestCount = c;
        } else if (c > second) {
            second = c;
        }
    }
    return bestCount >= 2 && bestCount > second ? best : QString();
}

} // namespace entente

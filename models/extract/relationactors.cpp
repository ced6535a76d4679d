#include "relationactors.h"

#include "wordlists.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <vector>

// Who can be a party to a relation: countries, their leaders and bodies, organisations; not news outlets.
namespace entente {

namespace {

// News agencies and outlets report relations; they take no part in them. "BERLIN (Reuters) -",
// "the minister told CNN", "according to Xinhua" would otherwise make Britain, CNN or China an actor.
//
// Asked of every organisation in a sentence with actors, twice: a lower-cased copy of the name and a set lookup
// each time cost more than all the rest of relationActor(). A name in ASCII (nearly all) is first hashed as its
// lower-cased copy would be, without making one: a hash that no outlet's name (hashed alike) has rules it out.
bool isNewsMedia(const QString &id)
{
    // `units` gets the characters or-ed together: whether the name is ASCII comes with its hash, in one pass.
    const auto hashOf = [](QStringView s, char16_t *units = nullptr) {
        quint64 h = 0xcbf29ce484222325ULL;
        char16_t seen = 0;
        for (const QChar c : s) {
            const char16_t u = c.unicode();
            seen |= u;
            h = (h ^ ((u >= u'A' && u <= u'Z') ? u + 32 : u)) * 0x100000001b3ULL;
        }
        if (units)
            *units = seen;
        return h;
    };
    struct Media
    {
        QSet<QString> names;
        std::vector<quint64> hashes; // the names' hashOf(), sorted
    };
    static const Media media = [&hashOf] {
        const WordClasses list(QStringLiteral("media.tsv"), { QStringLiteral("outlet") });
        const QStringList names = list.words(0);
        Media m { QSet<QString>(names.cbegin(), names.cend()), {} };
        for (const QString &name : names)
            m.hashes.push_back(hashOf(name));
        std::sort(m.hashes.begin(), m.hashes.end());
        return m;
    }();
    char16_t units = 0;
    const quint64 h = hashOf(id, &units);
    if (units < 0x80 && !std::binary_search(media.hashes.cbegin(), media.hashes.cend(), h))
        return false;
    return media.names.contains(id.toLower());
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
        // Named by its head word alone ("the Assembly", "the Council"): in a speech mostly the audience or the
        // venue ("I can assure the Assembly"), not a party to what the sentence says.
        if (m.method == u"head")
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

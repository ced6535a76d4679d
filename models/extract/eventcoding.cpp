#include "eventcoding.h"

namespace entente::rel {

namespace {

// -1 conflict, +1 cooperation, 0 neither, by CAMEO's quad classes (1, 2 verbal and material cooperation; 3, 4
// verbal and material conflict).
int toneOfQuad(int quad)
{
    return quad == 1 || quad == 2 ? 1 : quad == 3 || quad == 4 ? -1 : 0;
}

} // namespace

EventCode codeEvent(
    const RelationLexicon &lex, const QList<Cue> &cues, std::span<const int> order, std::span<const int> anchors)
{
    EventCode e;
    int toneWords = 0; // sum of the tone words' signs
    int light = -1;
    for (size_t k = 0; k < order.size(); ++k) {
        const int i = order[k];
        const Cue &c = cues[i];
        if (c.dropped)
            continue;
        if (c.tone != 0) {
            toneWords += c.tone > 0 ? 1 : -1;
            continue;
        }
        e.stated = true;
        if (c.code.isEmpty())
            continue;
        if (c.light) {
            if (light < 0)
                light = i;
            continue;
        }
        if (e.main < 0)
            e.main = i;
    }
    if (e.main < 0)
        e.main = light;
    if (!e.stated)
        return e;
    int sign = 0;
    if (e.main >= 0) {
        const Cue &m = cues[e.main];
        e.code = m.code;
        e.reverse = m.reverse;
        e.symmetric = m.flags & Symmetric;
        e.quad = RelationLexicon::quadClass(e.code);
        sign = toneOfQuad(e.quad);
        // "praised ... but condemned", "marked by friction but also witnessed cooperation": a second predicate
        // with an event of the opposite tone.
        bool other = false;
        const auto anchor = [&](int i) { return size_t(i) < anchors.size() ? anchors[size_t(i)] : -1; };
        for (size_t k = 0; k < order.size() && anchor(e.main) >= 0; ++k) {
            const int i = order[k];
            const Cue &c = cues[i];
            if (i == e.main || c.dropped || c.tone != 0 || c.code.isEmpty() || c.light || anchor(i) < 0
                || anchor(i) == anchor(e.main))
                continue;
            other = other || toneOfQuad(RelationLexicon::quadClass(c.code)) == -sign;
        }
        e.tone = sign == 0 ? QStringLiteral("neutral")
            : other        ? QStringLiteral("mixed")
            : sign > 0     ? QStringLiteral("cooperation")
                           : QStringLiteral("conflict");
    } else {
        // "ties remained robust", "strained relations": a relation named with a tone word only.
        if (toneWords != 0)
            e.code = toneWords > 0 ? QStringLiteral("050") : QStringLiteral("110");
        e.quad = RelationLexicon::quadClass(e.code);
        e.tone = toneWords > 0 ? QStringLiteral("cooperation")
            : toneWords < 0    ? QStringLiteral("conflict")
                               : QStringLiteral("neutral");
        e.symmetric = true;
    }
    e.goldstein = e.code.isEmpty() ? 0.0 : lex.goldstein(e.code);
    return e;
}

} // namespace entente::rel

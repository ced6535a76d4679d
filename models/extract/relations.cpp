#include "relations.h"

#include "gazetteer.h"
#include "sentencefinder.h"
#include "wordlists.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <optional>

// Groups of actors in a sentence, the clauses they stand in, and the relations between them that the cues say.
namespace entente {

using namespace rel;

namespace rel {

bool SentenceFinder::speakerSpeaks() const
{
    if (m_source.isEmpty())
        return false;
    return std::any_of(m_tokens.cbegin(), m_tokens.cend(),
        [this](const Word &t) { return t.punct.isNull() && (m_d.classOf(t.word) & FirstPerson); });
}

bool SentenceFinder::isOrganisation(const QString &id) const
{
    for (const Actor &a : m_actors) {
        if (a.id == id)
            return a.organisation;
    }
    return false;
}

int SentenceFinder::tokenBefore(qsizetype pos) const
{
    // The words are in text order: the last that starts before pos by bisection, not by a walk back from the end
    // of the sentence, which cost more than the rest of the groups' work.
    int k = int(std::partition_point(m_tokens.cbegin(), m_tokens.cend(), [pos](const Word &w) { return w.start < pos; })
                - m_tokens.cbegin())
        - 1;
    while (k >= 0 && m_tokens[k].punct.isNull()
        && ((m_d.classOf(m_tokens[k].word) & Article) || (m_d.classOf(m_tokens[k].word) & Title)))
        --k;
    return k;
}

bool SentenceFinder::gapIsList(qsizetype from, qsizetype to) const
{
    for (const Word &t : m_tokens) {
        if (t.end <= from)
            continue;
        if (t.start >= to)
            break;
        if (t.start < from || t.end > to || t.inEntity)
            continue; // part of a mention
        if (!t.punct.isNull()) {
            if (!isListPunct(t.punct))
                return false;
        } else if (!(m_d.classOf(t.word) & ListGap)) {
            return false;
        }
    }
    return true;
}

bool SentenceFinder::dashBetween(qsizetype from, qsizetype to) const
{
    if (from >= to)
        return false;
    const size_t k = m_ts.tokenAt(from, m_range);
    if (k >= m_ts.size())
        return false;
    const Token &t = m_ts[k];
    return t.start == from && t.end == to && !t.is(Token::Word) && !t.is(Token::Han) && isDash(m_text[t.start]);
}

bool SentenceFinder::hasCueIn(qsizetype from, qsizetype to) const
{
    for (const Cue &c : m_cues) {
        if (c.start >= from && c.end <= to)
            return true;
    }
    return false;
}

void SentenceFinder::buildGroups()
{
    for (int i = 0; i < m_actors.size(); ++i) {
        const Actor &a = m_actors[i];
        if (!m_groups.isEmpty()) {
            Group &g = m_groups.last();
            const Actor &prev = m_actors[g.actors.last()];
            const qsizetype gapFrom = std::max(prev.end, g.end);
            const bool compound = dashBetween(gapFrom, a.start);
            // "Taiwan, the US-China conflict": a mention that opens a compound opens a group.
            const bool opensCompound
                = !g.compound && i + 1 < m_actors.size() && dashBetween(a.end, m_actors[i + 1].start);
            if (compound
                || (!opensCompound
                    && (gapFrom >= a.start || gapIsList(gapFrom, a.start)
                        || (a.id == prev.id && !hasCueIn(gapFrom, a.start))))) {
                if (compound)
                    g.reciprocal = g.compound = true;
                g.end = std::max(g.end, a.end);
                bool seen = false;
                for (const int k : g.actors)
                    seen = seen || m_actors[k].id == a.id;
                if (!seen)
                    g.actors.append(i);
                continue;
            }
        }
        Group g;
        g.actors.append(i);
        g.start = a.start;
        g.end = a.end;
        m_groups.append(g);
    }
    for (Group &g : m_groups) {
        const int k = tokenBefore(g.start);
        if (k >= 0 && m_tokens[k].punct.isNull()) {
            const quint32 cls = m_d.classOf(m_tokens[k].word);
            if (cls & Between)
                g.reciprocal = true;
            else if (cls & By)
                g.agent = true;
        }
        if (g.actors.size() < 2)
            g.reciprocal = false;
    }
}

QList<int> SentenceFinder::cuesIn(qsizetype from, qsizetype to) const
{
    QList<int> out;
    for (int i = 0; i < m_cues.size(); ++i) {
        if (!m_cues[i].dropped && !m_cues[i].claimed && m_cues[i].start >= from && m_cues[i].start < to)
            out.append(i);
    }
    return out;
}

void SentenceFinder::addPair(
    const QString &subject, const QString &object, bool structural, qsizetype from, qsizetype to, bool implicit)
{
    emitWithCues(subject, object, structural, cuesIn(from, to), implicit);
}

bool SentenceFinder::hasReciprocalCueAfter(const Group &grp) const
{
    for (const Cue &c : m_cues) {
        if (c.dropped || !(c.flags & Reciprocal) || c.start <= grp.start)
            continue;
        // Close after the list: "Egypt and Israel signed", "China and Russia have close ties".
        int words = 0;
        for (int k = c.tokBegin - 1; k >= 0 && m_tokens[k].start >= grp.end; --k)
            words += m_tokens[k].punct.isNull() ? 1 : 0;
        if (words <= 5)
            return true;
    }
    return false;
}

int SentenceFinder::cueRightAfter(const Group &g, bool nounsOnly) const
{
    // Up to two words may stand between ("the US military pressure"), none of them a verb cue.
    int words = 0;
    for (int k = 0; k < int(m_tokens.size()); ++k) {
        const Word &t = m_tokens[k];
        if (t.end <= g.end || t.inEntity)
            continue;
        if (!t.punct.isNull()) {
            if (isApostrophe(t.punct))
                continue;
            return -1;
        }
        for (int c = 0; c < m_cues.size(); ++c) {
            const Cue &cue = m_cues[c];
            if (cue.tokBegin != k)
                continue;
            if (cue.dropped || cue.tone != 0)
                break;
            if (nounsOnly && cue.verb)
                return -1;
            return c;
        }
        if (++words > 2)
            return -1;
    }
    return -1;
}

void SentenceFinder::emitWithCues(const QString &subject, const QString &object, bool structural,
    const QList<int> &cueIdx, bool implicit, qsizetype objectStart, int forcedMain)
{
    if (subject == object || subject.isEmpty() || object.isEmpty())
        return;
    // Organisation ids are not ISO alpha-3 codes: keep country-organisation pairs only.
    const bool subjectOrg = isOrganisation(subject);
    const bool objectOrg = isOrganisation(object);
    if (subjectOrg && objectOrg)
        return;

    bool cooperation = false;
    bool conflict = false;
    const Cue *main = nullptr;
    bool hasEvent = false;
    for (const int i : cueIdx) {
        const Cue &c = m_cues[i];
        if (c.tone > 0)
            cooperation = true;
        else if (c.tone < 0)
            conflict = true;
        if (c.tone != 0)
            continue;
        hasEvent = true;
        if (c.quad == 1 || c.quad == 2)
            cooperation = true;
        else if (c.quad == 3 || c.quad == 4)
            conflict = true;
        if (c.code.isEmpty())
            continue;
        if (objectStart >= 0) {
            // Subject ... cue ... object: the cue nearest before the object is its predicate
            // ("visits to Russia, ... along with cooperation with ..."); else the first after it.
            // A light verb ("made a state visit") only when nothing else names the event.
            const auto rank
                = [objectStart](const Cue &x) { return (x.light ? 0 : 4) + (x.start < objectStart ? 2 : 0); };
            if (!main || rank(c) > rank(*main) || (rank(c) == rank(*main) && c.start < objectStart))
                main = &c;
            continue;
        }
        // The first verb with a code of its own is the event; without one, the strongest noun;
        // a light verb only when nothing else names the event.
        const auto rank = [](const Cue &x) { return x.light ? 0 : x.verb ? 2 : 1; };
        if (!main || rank(c) > rank(*main)
            || (rank(c) == 1 && rank(*main) == 1 && qAbs(c.goldstein) > qAbs(main->goldstein)))
            main = &c;
    }
    if (!hasEvent)
        return;
    if (forcedMain >= 0 && !m_cues[forcedMain].code.isEmpty())
        main = &m_cues[forcedMain];

    Relation r;
    r.sentence = m_index;
    r.span = m_span;
    if (main && main->quad > 0) {
        // The event's own tone: a cue word elsewhere in the window ("accused ... in the negotiations") does not
        // make it mixed; two verbs of opposite tone do ("praised ... but condemned"), and so do two relation
        // nouns ("marked by friction but also ... cooperation", "a mix of collaboration and competition").
        const bool good = main->quad <= 2;
        bool opposite = false;
        for (const int i : cueIdx) {
            const Cue &c = m_cues[i];
            const bool alike = (c.verb && main->verb)
                || (!c.verb && !main->verb && (c.flags & Symmetric) && (main->flags & Symmetric));
            opposite = opposite
                || (&c != main && alike && !c.light && !c.dropped && c.tone == 0 && c.quad > 0
                    && (c.quad <= 2) != good);
        }
        cooperation = good || opposite;
        conflict = !good || opposite;
    }
    r.tone = cooperation && conflict ? QStringLiteral("mixed")
        : cooperation                ? QStringLiteral("cooperation")
        : conflict                   ? QStringLiteral("conflict")
                                     : QStringLiteral("neutral");
    bool reverse = false;
    if (main) {
        r.cameo = main->code;
        reverse = main->reverse;
    } else if (cooperation != conflict) {
        // "ties remained robust", "strained relations": a relation named with a tone word only.
        r.cameo = cooperation ? QStringLiteral("050") : QStringLiteral("110");
    }
    r.quad = RelationLexicon::quadClass(r.cameo);
    r.goldstein = r.cameo.isEmpty() ? 0.0 : m_lex.goldstein(r.cameo);
    // A symmetric event or relation with one party as the clause's subject and the other as its complement ("Viet
    // Nam pursued co-operation with the Soviet Union", "we started a dialogue with Haiti", "Portugal is strengthening
    // its ties with South Africa") goes from the subject to the other, as a meeting or a visit does: the gold set's
    // reading. So does the speaker's ("we held talks with India") and the
    // article's country's as implicit subject. A list that relates among itself, "between A and B" and "the A-B
    // talks" stay undirected.
    r.directed = structural;
    r.a = subject;
    r.b = object;
    if (r.directed && reverse)
        std::swap(r.a, r.b);
    if (!r.directed && subjectOrg)
        std::swap(r.a, r.b); // undirected country-organisation pairs list the country first
    r.implicit = implicit;
    for (const int i : cueIdx) {
        const Cue &c = m_cues[i];
        r.cues.append(m_text.sliced(c.start, c.end - c.start).toString());
        r.cueSpans.append(Span { c.start, c.end });
    }
    for (qsizetype k = m_firstOut; k < m_out->size(); ++k) {
        const Relation &o = m_out->at(k);
        if (o.directed == r.directed && ((o.a == r.a && o.b == r.b) || (!r.directed && o.a == r.b && o.b == r.a)))
            return;
    }
    m_out->append(std::move(r));
}

void SentenceFinder::relateClause(const QList<int> &plain, qsizetype clauseStart, qsizetype clauseEnd)
{
    // A subject acting on the other groups: the by-agent of a passive ("Iran was sanctioned
    // by the United States", "the invasion of Kuwait by Iraq"), otherwise the first group.
    int subject = plain.first();
    for (const int g : plain) {
        if (m_groups[g].agent && hasCueIn(clauseStart, m_groups[g].start)) {
            subject = g;
            break;
        }
    }
    QList<int> objects = plain;
    objects.removeOne(subject);
    QList<int> inherited;
    for (int k = 0; k < objects.size(); ++k) {
        const Group &obj = m_groups[objects[k]];
        const qsizetype from = k == 0 ? clauseStart : m_groups[objects[k - 1]].end;
        qsizetype to = k + 1 < objects.size() ? m_groups[objects[k + 1]].start : clauseEnd;
        // A clause about other actors ends this object's window: in "After Pelosi's visit to
        // Taiwan last month, tensions ... and the US-China conflict have intensified" the
        // tension belongs to the US-China pair, not to the visit.
        for (const Group &other : std::as_const(m_groups)) {
            if (other.start < obj.end || other.start >= to)
                continue;
            for (size_t k = m_ts.tokenAt(other.start); k-- > 0 && m_ts[k].start >= obj.end;) {
                const QChar ch = m_text[m_ts[k].start];
                if (ch == u',' || ch == u';' || ch == u':' || ch == u'\u2014') {
                    to = m_ts[k].start;
                    break;
                }
            }
            break;
        }
        QList<int> window = cuesIn(from, to);
        bool hasEvent = false;
        for (const int i : window)
            hasEvent = hasEvent || m_cues[i].tone == 0;
        // "China signed deals with Russia in Moscow and with Iran": the predicate carries over.
        if (!hasEvent)
            window = inherited;
        else
            inherited = window;
        // "to break through the US encirclement": an object right before a directed noun
        // is that noun's actor, unless a verb between already says what the subject did.
        int own = cueRightAfter(obj, true);
        if (own >= 0 && (m_cues[own].flags & Symmetric))
            own = -1;
        for (int c = 0; c < m_cues.size() && own >= 0; ++c) {
            const Cue &cue = m_cues[c];
            if (cue.verb && !cue.light && !cue.dropped && cue.start >= m_groups[subject].end && cue.start < obj.start)
                own = -1;
        }
        for (const int s : m_groups[subject].actors) {
            for (const int o : obj.actors) {
                if (own >= 0)
                    emitWithCues(m_actors[o].id, m_actors[s].id, true, window, false, -1, own);
                else
                    emitWithCues(m_actors[s].id, m_actors[o].id, true, window, false, obj.start);
            }
        }
    }
    // "Saudi Arabia and Iran agreed to restore relations in a deal brokered by China": a list
    // that a reciprocal verb follows relates among itself too, whoever else the sentence names.
    relateListMembers(m_groups[plain.first()], clauseStart, clauseEnd);
}

int SentenceFinder::wordBefore(const Group &g) const
{
    int k = tokenBefore(g.start);
    if (k >= 0 && m_tokens[k].punct.isNull() && (m_d.classOf(m_tokens[k].word) & Article))
        --k; // "amid the United States' ...", "while the United States"
    return k >= 0 && m_tokens[k].punct.isNull() ? k : -1;
}

bool SentenceFinder::isBackground(const Group &g) const
{
    // "Nigeria, which chairs the ECOWAS regional bloc, threatened ...": inside a relative clause set off
    // by commas.
    bool relative = false;
    int c = tokenBefore(g.start);
    for (; c >= 0 && m_tokens[c].punct != u','; --c)
        relative = relative || (m_tokens[c].punct.isNull() && (m_d.classOf(m_tokens[c].word) & Relative));
    if (relative && c >= 0) {
        for (int j = tokenBefore(g.end) + 1; j < int(m_tokens.size()); ++j)
            if (m_tokens[j].punct == u',')
                return true;
    }
    const int k = wordBefore(g);
    if (k < 0)
        return false;
    if (m_d.classOf(m_tokens[k].word) & Background)
        return true;
    if (inBackgroundPhrase(k))
        return true;
    // "as" opening a clause of its own; not "such as", "as well as", "known as", "served as".
    if (m_tokens[k].word != m_d.as || k == 0)
        return false;
    if (!m_tokens[k - 1].punct.isNull())
        return m_tokens[k - 1].punct == u',';
    return !(m_d.classOf(m_tokens[k - 1].word) & AsKeeper);
}

bool SentenceFinder::inBackgroundPhrase(int k) const
{
    // "Amid tensions with Iran, ...", "Despite objections from India, ...": the complement of a noun that a
    // background phrase opens is background too. `k` is the word right before the actor.
    for (int j = k - 1, words = 0; j >= 0 && words < 3 && m_tokens[j].punct.isNull() && !m_tokens[j].inEntity;
         --j, ++words) {
        if (m_d.classOf(m_tokens[j].word) & Background)
            return true;
    }
    return false;
}

void SentenceFinder::splitBackgroundHeads()
{
    // "Amid tensions with Iran, Israel and the United Arab Emirates signed ...": the comma that closes the
    // background phrase closes its actor off from the list that follows.
    for (qsizetype g = 0; g < m_groups.size(); ++g) {
        Group &grp = m_groups[g];
        if (grp.actors.size() < 2)
            continue;
        const Actor &first = m_actors[grp.actors.first()];
        const Group head { { grp.actors.first() }, first.start, first.end };
        const int k = wordBefore(head);
        const int after = tokenBefore(first.end) + 1;
        if (k < 0 || !inBackgroundPhrase(k) || after >= int(m_tokens.size()) || m_tokens[after].punct != u',')
            continue;
        grp.actors.removeFirst();
        grp.start = m_actors[grp.actors.first()].start;
        if (grp.actors.size() < 2)
            grp.reciprocal = false;
        m_groups.insert(g, head);
        ++g;
    }
}

qsizetype SentenceFinder::clauseStartBefore(const Group &g) const
{
    const int k = wordBefore(g);
    if (k < 0)
        return -1;
    const int w = m_tokens[k].word;
    const quint32 cls = m_d.classOf(w);
    if (cls & ClauseOpener)
        return m_tokens[k].start;
    const bool afterComma = k > 0 && m_tokens[k - 1].punct == u',';
    // "... after soldiers ousted the president, and the European Union cut its support": a list would be
    // one group already, so a comma and "and" before a group of its own start a clause. "...,
    // prompting China to ban all seafood imports from Japan": the prompted one acts next.
    if (afterComma && (w == m_d.andWord || (cls & Prompting)))
        return m_tokens[k].start;
    // "..., a week after Chinese vessels fired at Philippine boats": a time clause of its own. A bare
    // "after" stays ("China protested after Japan released the water": the protest is about it).
    if ((w == m_d.after || w == m_d.before) && k > 0
        && (afterComma || (m_tokens[k - 1].punct.isNull() && (m_d.classOf(m_tokens[k - 1].word) & TimeSpan))))
        return m_tokens[k].start;
    return -1;
}

void SentenceFinder::relateListMembers(const Group &g, qsizetype from, qsizetype to)
{
    // "China and Russia signed a treaty": the members of a list that a reciprocal cue follows relate.
    if (g.actors.size() < 2 || !hasReciprocalCueAfter(g))
        return;
    for (int i = 0; i < g.actors.size(); ++i)
        for (int j = i + 1; j < g.actors.size(); ++j)
            addPair(m_actors[g.actors[i]].id, m_actors[g.actors[j]].id, false, from, to, false);
}

bool SentenceFinder::eventRightBefore(const Group &grp) const
{
    const int groupTok = tokenBefore(grp.start) + 1;
    for (const Cue &c : m_cues) {
        if (c.dropped || c.tone != 0 || c.tokEnd > groupTok)
            continue;
        int words = 0;
        for (int k = c.tokEnd; k < groupTok; ++k)
            words += m_tokens[k].punct.isNull() ? 1 : 0;
        if (words <= kEventGap)
            return true;
    }
    return false;
}

bool SentenceFinder::speakerNamed() const
{
    return std::ranges::any_of(m_actors, [this](const Actor &a) { return a.id == m_source; });
}

bool SentenceFinder::speakerAt(int k, bool orI) const
{
    const Word &t = m_tokens[k];
    if (!t.punct.isNull() || !(m_d.classOf(t.word) & FirstPerson))
        return false;
    return t.word == m_d.we || (orI && t.word == m_d.i)
        || (k + 1 < int(m_tokens.size()) && m_tokens[k + 1].punct.isNull()
            && (m_d.classOf(m_tokens[k + 1].word) & SpeakerNoun));
}

int SentenceFinder::speakerBefore(const Group &grp) const
{
    if (m_source.isEmpty() || speakerNamed())
        return -1;
    int fp = -1;
    for (int k = 0; k < int(m_tokens.size()) && m_tokens[k].end <= grp.start && fp < 0; ++k) {
        if (speakerAt(k, true))
            fp = k;
    }
    for (const Cue &c : m_cues) {
        if (fp >= 0 && !c.dropped && c.tone == 0 && c.tokBegin > fp && c.start < grp.start)
            return fp;
    }
    return -1;
}

void SentenceFinder::run(const QList<Actor> &actors, const QList<const EntityMention *> &mentions, QList<Relation> &out)
{
    m_actors = actors;
    m_out = &out;
    m_firstOut = out.size();
    tokenize(mentions);
    findCues();
    if (m_cues.isEmpty())
        return;
    negate();
    buildGroups();
    // "amid China's growing assertiveness", "despite Russia's objections", "... as U.S. envoy Brett
    // McGurk began a tour": background, no party.
    splitBackgroundHeads();
    m_groups.removeIf([this](const Group &g) { return isBackground(g); });

    // "the US-China conflict": the cue right after a compound is its own, not the sentence's.
    QList<int> compoundCue(m_groups.size(), -1);
    for (int g = 0; g < m_groups.size(); ++g) {
        if (m_groups[g].compound && m_groups[g].actors.size() >= 2) {
            compoundCue[g] = cueRightAfter(m_groups[g], false);
            if (compoundCue[g] >= 0)
                m_cues[compoundCue[g]].claimed = true;
        }
    }
    QList<int> plain; // groups that are not reciprocal
    for (int g = 0; g < m_groups.size(); ++g) {
        const Group &grp = m_groups[g];
        if (!grp.reciprocal) {
            plain.append(g);
            continue;
        }
        // "Relations between China and the United States", "the US-China conflict".
        const QList<int> window
            = compoundCue[g] >= 0 ? QList<int> { compoundCue[g] } : cuesIn(m_span.start, m_span.end);
        for (int i = 0; i < grp.actors.size(); ++i) {
            for (int j = i + 1; j < grp.actors.size(); ++j)
                emitWithCues(m_actors[grp.actors[i]].id, m_actors[grp.actors[j]].id, false, window, false);
        }
    }

    if (plain.size() >= 2) {
        // "Russia condemned the strikes, while Iran warned Israel": a contrasting conjunction right
        // before a group starts a clause with a subject of its own.
        QList<QList<int>> clauses { {} };
        QList<qsizetype> starts { m_span.start };
        for (const int g : plain) {
            const qsizetype at = clauseStartBefore(m_groups[g]);
            if (!clauses.last().isEmpty() && at >= 0) {
                clauses.append(QList<int> {});
                starts.append(at);
            }
            clauses.last().append(g);
        }
        for (qsizetype c = 0; c < clauses.size(); ++c) {
            const qsizetype end = c + 1 < clauses.size() ? starts[c + 1] : m_span.end;
            if (clauses[c].size() >= 2) {
                relateClause(clauses[c], starts[c], end);
                continue;
            }
            // "..., while Ethiopia and Eritrea remain locked in a border dispute": a list of its own.
            relateListMembers(m_groups[clauses[c].first()], starts[c], end);
        }
        // "We continue to call for bringing pressure to bear on Israel to ... accede to the Treaty (NPT)": the
        // speaker acts on the first group, as where the sentence names one group, when the event stands right before
        // it (farther off, on a and b, it related the speaker to a country named in passing).
        const Group &first = m_groups[plain.first()];
        if (const int fp = speakerBefore(first); fp >= 0 && eventRightBefore(first)) {
            for (const int o : first.actors)
                addPair(m_source, m_actors[o].id, true, m_tokens[fp].start, first.start, true);
        }
        return;
    }

    if (plain.size() != 1)
        return;
    const Group &grp = m_groups[plain.first()];
    bool partnerCue = false;
    for (const Cue &c : m_cues) {
        if (c.dropped)
            continue;
        if ((c.flags & Partner) && c.end <= grp.start && c.tokEnd < int(m_tokens.size())) {
            // "Key partners include ...", "competition with major powers, including ...".
            const int groupTok = tokenBefore(grp.start) + 1;
            if (groupTok - c.tokEnd <= 10) {
                for (int k = c.tokEnd; k < groupTok && !partnerCue; ++k)
                    partnerCue = m_tokens[k].punct.isNull() && (m_d.classOf(m_tokens[k].word) & Link);
            }
        }
    }
    if (partnerCue && m_groups.size() == 1 && !m_dominant.isEmpty()) {
        bool named = false;
        for (const Actor &a : m_actors)
            named = named || a.id == m_dominant;
        if (!named) {
            for (const int o : grp.actors)
                addPair(m_dominant, m_actors[o].id, true, m_span.start, m_span.end, true);
            return;
        }
    }
    if (!m_source.isEmpty()) {
        // A speaker's "we", "I" (the delegate speaks for the country) or "my country" acting on the group: "We
        // condemn the attack on Chad", "I have not hesitated to criticize British policy".
        const int fp = speakerBefore(grp);
        if (fp >= 0) {
            for (const int o : grp.actors)
                addPair(m_source, m_actors[o].id, true, m_tokens[fp].start, m_span.end, true);
            return;
        }
        // The speaker named after the group: "the Republic of Korea, with which my country enjoys ... relations",
        // "With our neighbour, Myanmar, we reached a settlement"; the group acts on the speaker when the event stands
        // before a speaker that is no subject ("South Africa's ... aggression against our country"). Not when the
        // group only sets the scene ("the war in Viet-Nam ..., yet we ...").
        const int before = wordBefore(grp);
        const bool scene = before >= 0 && (m_d.classOf(m_tokens[before].word) & (Locative | Background));
        int after = -1;
        for (int k = 0; k < int(m_tokens.size()) && after < 0 && !scene && !speakerNamed(); ++k) {
            if (m_tokens[k].start >= grp.end && speakerAt(k, false))
                after = k;
        }
        bool eventAfter = false;
        bool towardSpeaker = false;
        for (const Cue &c : m_cues) {
            if (after < 0 || c.dropped || c.tone != 0 || c.start < grp.end)
                continue;
            eventAfter = true;
            towardSpeaker = towardSpeaker || (c.tokEnd <= after && m_tokens[after].word != m_d.we);
        }
        if (eventAfter) {
            for (const int o : grp.actors) {
                if (towardSpeaker)
                    addPair(m_actors[o].id, m_source, true, grp.end, m_tokens[after].start, true);
                else
                    addPair(m_source, m_actors[o].id, true, grp.end, m_span.end, true);
            }
            return;
        }
    }
    relateListMembers(grp, m_span.start, m_span.end);
}

} // namespace rel

namespace {

bool actorOf(const EntityMention &m, Actor &out)
{
    bool organisation = false;
    const QString id = relationActor(m, &organisation);
    if (id.isEmpty())
        return false;
    out = { id, organisation, m.span.start, m.span.end };
    return true;
}

// "a rebuke from Washington", "recalled its ambassador from Addis Ababa": the entity
// finder reads a capital after a preposition as the place, which it is in "talks in Jeddah"; behind a preposition
// that says from where or to where an act goes (the class `direction` of resources/lexicon/clauses.tsv) it is
// the government, as the relations gold set reads capitals. The rules and the parse still judge whether it is a
// party.
bool capitalAsParty(
    const RelationLexicon &lex, const TokenStream &ts, TokenStream::Range sentence, const EntityMention &m, Actor &out)
{
    if (m.kind != EntityKind::Place || m.method != u"capital" || m.country.isEmpty())
        return false;
    const size_t k = ts.tokenAt(m.span.start, sentence);
    if (k == 0 || k >= ts.size() || ts[k].start != m.span.start || !ts[k - 1].is(Token::Word))
        return false;
    const rel::Data &d = lex.data();
    if (!(d.classOf(d.find(ts.textOf(ts[k - 1]))) & rel::Direction))
        return false;
    out = { m.country, false, m.span.start, m.span.end };
    return true;
}

} // namespace

namespace {

// The relation stage reads at most this many tokens at once. Its groups, clauses and cue windows compare actors
// with the cues around them, which grows with the square of what it reads: a sentence without full stops can run
// to megabytes ("Relations between China and Russia" repeated over 300 KB took 40 s). Longer sentences are read
// in stretches, cut after a clause mark where one stands in the stretch's second half, so that the time is linear
// in the text. Few real sentences reach it: a relation's words stand close together.
constexpr size_t kMaxStretchTokens = 160;

// "North and South Korea", "East and West Germany": the first conjunct shares the country mention's last words,
// which the name finder reads as one mention of the second. The first conjunct is an actor of its own when the
// words it completes name another country. `from` bounds the look back (the previous actor's end); `sentence` holds
// the tokens of the actor's sentence.
std::optional<Actor> ellipticalConjunct(
    const TokenStream &ts, TokenStream::Range sentence, const Actor &second, qsizetype from)
{
    const size_t k = ts.tokenAt(second.start, sentence);
    if (k < 2 || k >= ts.size() || ts[k].start != second.start || !ts[k].is(Token::Word))
        return std::nullopt;
    const Token &conj = ts[k - 1];
    const Token &first = ts[k - 2];
    if (first.start < from || !conj.is(Token::Word) || ts.textOf(conj) != u"and" || !first.is(Token::Word))
        return std::nullopt;
    const QStringView firstWord = ts.textOf(first);
    if (firstWord.isEmpty() || !firstWord.front().isUpper())
        return std::nullopt;
    // The rest of the mention after its first word: "Korea" of "South Korea".
    const size_t restTok = k + 1;
    if (restTok >= ts.size() || ts[restTok].start >= second.end)
        return std::nullopt;
    const QStringView rest = ts.text().sliced(ts[restTok].start, second.end - ts[restTok].start);
    const QString id = Gazetteer::shared().countryCode(firstWord.toString() + u' ' + rest.toString());
    if (id.isEmpty() || id == second.id)
        return std::nullopt;
    return Actor { id, false, first.start, first.end };
}

// The stretches of a sentence's tokens that the relation stage reads: the sentence itself when short enough.
void stretchesOf(const TokenStream &ts, TokenStream::Range sentence, std::vector<TokenStream::Range> &out)
{
    out.clear();
    size_t first = sentence.first;
    while (sentence.last - first > kMaxStretchTokens) {
        size_t end = first + kMaxStretchTokens;
        for (size_t k = end; k-- > first + kMaxStretchTokens / 2;) {
            const Token &t = ts[k];
            if (t.is(Token::Word) || t.is(Token::Han))
                continue;
            const QChar c = ts.text()[t.start];
            if (c == u',' || c == u';' || c == u':' || c == u'(' || c == u')' || c == u'\u2014') {
                end = k + 1;
                break;
            }
        }
        out.push_back({ first, end });
        first = end;
    }
    out.push_back({ first, sentence.last });
}

} // namespace

QList<Relation> findRelations(const TokenStream &ts, const QList<EntityMention> &entities, const DocumentContext &ctx,
    const std::vector<SentenceParse> &parses)
{
    // A parse the parser made of the whole sentence; one it clipped to the stretch around the actors of an overlong
    // sentence is of no use here: such a sentence is read by the rules in stretches.
    return findRelations(ts, entities, ctx, [&parses](qsizetype s) -> std::optional<SentenceParse> {
        const auto it = std::lower_bound(
            parses.cbegin(), parses.cend(), s, [](const SentenceParse &p, qsizetype x) { return p.sentence < x; });
        if (it == parses.cend() || it->sentence != s || it->clipped || it->words.empty())
            return std::nullopt;
        return *it;
    });
}

QList<Relation> findRelations(const TokenStream &ts, const QList<EntityMention> &entities, const DocumentContext &ctx,
    const SentenceParser &parse)
{
    const QList<Span> &sentences = ts.sentences();
    QList<Relation> out;
    if (entities.isEmpty() || sentences.isEmpty())
        return out;
    const RelationLexicon &lex = RelationLexicon::shared();

    QList<const EntityMention *> sorted;
    sorted.reserve(entities.size());
    for (const EntityMention &m : entities)
        sorted.append(&m);
    std::stable_sort(sorted.begin(), sorted.end(),
        [](const EntityMention *l, const EntityMention *r) { return l->span.start < r->span.start; });

    QString dominant;
    bool dominantKnown = false;
    qsizetype next = 0;
    QList<Actor> actors;
    QList<const EntityMention *> mentions;
    std::vector<TokenStream::Range> stretches;
    QList<Relation> rules;
    for (int s = 0; s < sentences.size(); ++s) {
        const qsizetype sentenceOut = out.size();
        const TokenStream::Range tokens = ts.sentenceTokens(s);
        if (tokens.size() > kMaxStretchTokens)
            stretchesOf(ts, tokens, stretches);
        else
            stretches.assign(1, TokenStream::Range {});
        for (const TokenStream::Range &stretch : stretches) {
            const Span span
                = stretch.isEmpty() ? sentences[s] : Span { ts[stretch.first].start, ts[stretch.last - 1].end };
            const TokenStream::Range range = stretch.isEmpty() ? tokens : stretch;
            while (next < sorted.size() && sorted[next]->span.start < span.start)
                ++next;
            actors.clear();
            mentions.clear();
            bool distinct = false;
            for (qsizetype k = next; k < sorted.size() && sorted[k]->span.start < span.end; ++k) {
                const EntityMention *m = sorted[k];
                if (m->span.end > span.end)
                    continue;
                mentions.append(m);
                Actor a;
                if (!actorOf(*m, a) && !capitalAsParty(lex, ts, range, *m, a))
                    continue;
                // "an anti-American country" names no actor.
                if (const size_t k = ts.tokenAt(m->span.start, range); k >= 2 && ts[k].start == m->span.start
                    && !ts[k].is(Token::SpaceBefore) && ts.textOf(ts[k - 1]) == u"-"
                    && !ts[k - 1].is(Token::SpaceBefore)
                    && ts.textOf(ts[k - 2]).compare(u"anti", Qt::CaseInsensitive) == 0)
                    continue;
                // A mention inside another one ("China" in "Bank of China") is no actor of its own.
                if (!actors.isEmpty() && a.start < actors.last().end)
                    continue;
                if (m->kind == EntityKind::Country) {
                    if (const std::optional<Actor> e
                        = ellipticalConjunct(ts, range, a, actors.isEmpty() ? span.start : actors.last().end)) {
                        distinct = distinct || (!actors.isEmpty() && actors.first().id != e->id);
                        actors.append(*e);
                    }
                }
                distinct = distinct || (!actors.isEmpty() && actors.first().id != a.id);
                actors.append(a);
            }
            if (actors.isEmpty())
                continue;
            if (!dominantKnown) {
                dominant = dominantCountry(entities, ctx);
                dominantKnown = true;
            }
            // One actor: a relation only with the article's dominant country as implicit subject.
            if (!distinct && (dominant.isEmpty() || dominant == actors.first().id))
                continue;
            SentenceFinder finder(lex, ts, s, range, span, dominant, ctx.sourceCountry);
            rules.clear();
            finder.run(actors, mentions, rules);
            // Two actors and a cue word in a sentence the parser can read whole: the parse decides the relation of
            // two actors it gives roles in a clause. The word-order rules take the pairs it could not judge: an
            // actor it gives no role (a parser's mistake, a construction the roles do not cover), or a sentence
            // where it links nothing.
            // The speaker of a UN speech as the second party: "we" and a country named twice ("We call on Israel to
            // end Israel's occupation") are two actors the parse may relate, as the word-order rules relate them
            // only where the country is named once.
            const bool speaker
                = !distinct && actors.first().id != ctx.sourceCountry && finder.speakerSpeaks() && actors.size() >= 2;
            std::optional<SentenceParse> parsed;
            if ((distinct || speaker) && stretch.isEmpty() && finder.hasCues() && parse)
                parsed = parse(s);
            if (parsed) {
                QStringList placed;
                finder.runParsed(*parsed, actors, mentions, out, &placed);
                const bool linked = out.size() > sentenceOut || finder.judgedUnrelated();
                const QList<Span> &denied = finder.deniedCues();
                for (Relation &r : rules) {
                    if (linked && placed.contains(r.a) && placed.contains(r.b))
                        continue;
                    if (!denied.isEmpty() && std::ranges::any_of(r.cueSpans, [&](const Span &c) {
                            return std::ranges::any_of(
                                denied, [&](const Span &d) { return c.start < d.end && d.start < c.end; });
                        }))
                        continue;
                    if (std::none_of(
                            out.cbegin() + sentenceOut, out.cend(), [&](const Relation &o) { return samePair(o, r); }))
                        out.append(std::move(r));
                }
            } else {
                out.append(std::move(rules));
            }
        }
        if (stretches.size() > 1) {
            // A sentence states a pair's relation once, as the finder keeps it within one stretch.
            QList<Relation> kept;
            for (qsizetype k = sentenceOut; k < out.size(); ++k) {
                const Relation &r = out[k];
                if (std::ranges::none_of(kept, [&](const Relation &o) {
                        return o.directed == r.directed
                            && ((o.a == r.a && o.b == r.b) || (!r.directed && o.a == r.b && o.b == r.a));
                    }))
                    kept.append(std::move(out[k]));
            }
            out.resize(sentenceOut);
            out.append(std::move(kept));
        }
    }
    return out;
}

} // namespace entente

#include "sentencefinder.h"
#include "tokenhash.h"

#include <algorithm>

// The cue words of a sentence: the finder's words read off the TokenStream, the lexicon's verb and noun cues
// among them with the CAMEO code their verb pattern gives, and negation.
namespace entente::rel {

namespace {

// The word ids of the one-token words met lately, kept by each thread from sentence to sentence: a speech's
// commonest words without hashing the key, asking the filter and probing the lexicon's table. A process has one
// lexicon (RelationLexicon::shared()), so the ids stay right.
constinit thread_local TokenHashMemo<int> t_knownWords;

// Whether a CAMEO code starts with the two digits of `root` (u"01": a statement). The same as
// QString::startsWith(), which is a call into Qt, and findCues() asks it several times for each cue it finds.
bool hasRoot(QStringView code, const char16_t (&root)[3])
{
    return code.size() >= 2 && code[0] == root[0] && code[1] == root[1];
}

} // namespace

void SentenceFinder::tokenize(const QList<const EntityMention *> &mentions)
{
    const std::vector<Token> &tokens = m_ts.tokens();
    const TokenStream::Range range = m_range;
    const auto isWordToken = [&](size_t k) { return tokens[k].is(Token::Word) || tokens[k].is(Token::Han); };
    // A hyphen or an apostrophe between two word tokens, touching both.
    const auto joins = [&](size_t k) {
        if (k + 1 >= range.last || tokens[k].is(Token::SpaceBefore) || tokens[k + 1].is(Token::SpaceBefore)
            || !isWordToken(k + 1))
            return false;
        const QChar c = m_ts.text()[tokens[k].start];
        return isApostrophe(c) || c == u'-' || c == QChar(0x2010);
    };
    qsizetype m = 0; // next mention that may overlap
    for (size_t i = range.first; i < range.last;) {
        const Token &first = tokens[i];
        Word t;
        t.start = first.start;
        if (isWordToken(i)) {
            size_t j = i + 1;
            while (joins(j))
                j += 2;
            size_t keyEnd = j;
            // A possessive: "Russia's" reads as "Russia".
            if (j - i >= 3 && isApostrophe(m_ts.text()[tokens[j - 2].start]) && m_ts.textOf(tokens[j - 1]).size() == 1
                && (m_ts.textOf(tokens[j - 1])[0] == u's' || m_ts.textOf(tokens[j - 1])[0] == u'S')) {
                keyEnd = j - 2;
                t.possessive = true;
            }
            t.end = tokens[j - 1].end;
            if (keyEnd == i + 1) {
                t.word = t_knownWords.get(first.hash, [&] { return m_d.findHash(sequenceKey(0, first.hash)); });
            } else {
                quint64 key = 0;
                for (size_t k = i; k < keyEnd; ++k)
                    key = sequenceKey(key, tokens[k].hash);
                t.word = m_d.findHash(key);
            }
            i = j;
        } else {
            t.end = first.end;
            t.punct = m_ts.text()[first.start];
            ++i;
        }
        while (m < mentions.size() && mentions[m]->span.end <= t.start)
            ++m;
        for (qsizetype k = m; k < mentions.size() && mentions[k]->span.start < t.end; ++k) {
            if (mentions[k]->span.end > t.start) {
                t.inEntity = true;
                break;
            }
        }
        m_tokens.append(t);
    }
}

int SentenceFinder::matchPattern(const Cue &cue, int block) const
{
    if (block < 0)
        return -1;
    const auto &patterns = m_d.blockPatterns[size_t(block)];
    qsizetype best = 0;
    int chosen = -1;
    const auto inSlot = [](const QList<int> &slot, int word) {
        return word >= 0 && std::binary_search(slot.cbegin(), slot.cend(), word);
    };
    // Patterns read words in order after the verb up to the end of the clause, at most 8 words on.
    int limit = cue.tokEnd;
    WordMask afterWords;
    for (int words = 0; limit < int(m_tokens.size()) && words < 8; ++limit) {
        const Word &t = m_tokens[limit];
        if (!t.punct.isNull() && endsClause(t.punct))
            break;
        if (t.punct.isNull())
            ++words;
        afterWords.add(t.word);
    }
    const int floor = std::max(0, cue.tokBegin - 4);
    WordMask beforeWords;
    for (int k = floor; k < cue.tokBegin; ++k)
        beforeWords.add(m_tokens[k].word);
    // The patterns anchored on a word around the verb, in the block's order (the first of equal scores wins).
    QVarLengthArray<int, 64> candidates;
    for (int k = cue.tokEnd; k < limit; ++k) {
        if (m_tokens[k].word >= 0) {
            const auto [b, e] = m_d.anchored(block, m_tokens[k].word, true);
            if (b != e) // most words anchor nothing: no call to append nothing
                candidates.append(b, e - b);
        }
    }
    for (int k = floor; k < cue.tokBegin; ++k) {
        if (m_tokens[k].word >= 0) {
            const auto [b, e] = m_d.anchored(block, m_tokens[k].word, false);
            if (b != e)
                candidates.append(b, e - b);
        }
    }
    if (candidates.isEmpty())
        return -1;
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    const auto &filters = m_d.blockFilters[size_t(block)];
    for (const int j : std::as_const(candidates)) {
        const Data::PatternFilter &f = filters[size_t(j)];
        const qsizetype score = f.before + f.after;
        if (score <= best)
            continue;
        const WordMask *masks = m_d.patternMasks.data() + f.masks;
        if (!std::all_of(masks, masks + f.after, [&](const WordMask &m) { return m.meets(afterWords); })
            || !std::all_of(
                masks + f.after, masks + f.after + f.before, [&](const WordMask &m) { return m.meets(beforeWords); }))
            continue;
        const Data::Pattern &p = patterns[size_t(j)];
        int k = cue.tokEnd;
        bool ok = true;
        for (const auto &slot : p.after) {
            while (k < limit && !inSlot(slot, m_tokens[k].word))
                ++k;
            if (k >= limit) {
                ok = false;
                break;
            }
            ++k;
        }
        if (!ok)
            continue;
        k = cue.tokBegin - 1;
        for (auto it = p.before.crbegin(); it != p.before.crend(); ++it) {
            while (k >= floor && !inSlot(*it, m_tokens[k].word))
                --k;
            if (k < floor) {
                ok = false;
                break;
            }
            --k;
        }
        if (!ok)
            continue;
        best = score;
        chosen = j;
    }
    return chosen;
}

bool SentenceFinder::appealsToStop(int from) const
{
    // "to" and a halting verb within the next eight words of the clause ("call on the Government of Israel to stop").
    for (int k = from, words = 0; k + 1 < int(m_tokens.size()) && words < 8; ++k) {
        const Word &t = m_tokens[k];
        if (!t.punct.isNull()) {
            if (endsClause(t.punct))
                return false;
            continue;
        }
        ++words;
        if (t.word == m_d.to && t.word >= 0 && m_tokens[k + 1].punct.isNull()
            && (m_d.classOf(m_tokens[k + 1].word) & Halting))
            return true;
    }
    return false;
}

void SentenceFinder::findCues()
{
    const int n = int(m_tokens.size());
    for (int i = 0; i < n; ++i) {
        const Word &t = m_tokens[i];
        if (t.word < 0 || t.inEntity)
            continue;
        const int *run = m_d.cueRuns.data() + m_d.cueRunBegin[size_t(t.word)];
        const int *const runEnd = m_d.cueRuns.data() + m_d.cueRunBegin[size_t(t.word) + 1];
        for (; run != runEnd; run += 1 + run[1]) {
            const int ei = run[0];
            const int len = run[1];
            if (i + len > n)
                continue;
            bool match = true;
            for (int k = 1; k < len && match; ++k) {
                const Word &u = m_tokens[i + k];
                match = u.word == run[1 + k] && !u.inEntity;
            }
            if (!match)
                continue;
            const Data::EntryMeta &e = m_d.entryMeta[size_t(ei)];
            const int last = i + len - 1;
            if (e.kind == CueKind::Ignore) {
                i = last;
                break;
            }
            if (e.kind == CueKind::Neg) {
                for (int k = i; k <= last; ++k)
                    m_tokens[k].negator = true;
                i = last;
                break;
            }
            if (e.kind == CueKind::Verb && e.block >= 0 && !e.flags) {
                // A dictionary verb used as a noun ("the issue", "turned its back") or inside a
                // name ("the Trust Fund Enhancing Security") names no event.
                // After a possessive ("Russia's influence") or a tone adjective ("friendly forces") too.
                if (i > 0 && m_tokens[i - 1].punct.isNull()
                    && ((m_d.classOf(m_tokens[i - 1].word) & Determiner) || m_tokens[i - 1].possessive
                        || m_tokens[i - 1].tone))
                    break;
                if (m_text[t.start].isUpper())
                    break; // sentence-initial too: "Issues of concern ...", "Support for ..."
            }
            if (e.kind == CueKind::Tone) {
                for (int k = i; k <= last; ++k)
                    m_tokens[k].tone = true;
            }
            Cue cue;
            cue.entry = ei;
            cue.tokBegin = i;
            cue.tokEnd = last + 1;
            cue.start = t.start;
            cue.end = m_tokens[last].end;
            cue.code = m_d.codes[e.code];
            cue.goldstein = m_d.codeGoldstein[e.code];
            cue.reverse = e.reverse;
            cue.verb = e.kind == CueKind::Verb;
            cue.light = cue.verb && cue.code.isEmpty();
            cue.flags = e.flags;
            cue.tone = e.tone;
            const auto known = std::find_if(m_patternMatches.cbegin(), m_patternMatches.cend(),
                [&](const PatternMatch &m) { return m.tokBegin == i && m.entry == ei; });
            int pattern = -1;
            if (known != m_patternMatches.cend()) {
                pattern = known->pattern;
            } else {
                pattern = matchPattern(cue, e.block);
                m_patternMatches.append({ i, ei, pattern });
            }
            if (pattern >= 0) {
                const Data::Pattern &p = m_d.blockPatterns[size_t(e.block)][size_t(pattern)];
                cue.code = p.code;
                cue.goldstein = p.goldstein;
                cue.reverse = p.reverse;
            }
            // A pattern that makes a verb with an event of its own a mere statement ("welcomes ... the independence
            // of": CAMEO's 017, a symbolic act, from "hail independence day") keeps the verb's event between the two;
            // so does a verb of conflict that a pattern of its block would make a statement of another tone
            // ("rejected China's claim": the block's "deny ... claim" is CAMEO's 016, a denial of responsibility).
            if (hasRoot(cue.code, u"01") && !m_d.codes[e.code].isEmpty() && !hasRoot(m_d.codes[e.code], u"01")
                && (qAbs(cue.goldstein) < 1.0 || RelationLexicon::quadClass(m_d.codes[e.code]) >= 3)) {
                cue.code = m_d.codes[e.code];
                cue.goldstein = m_d.codeGoldstein[e.code];
                cue.reverse = e.reverse;
            }
            // CAMEO's demands (10x) mirror its appeals (02x) code for code; the dictionary's patterns under a
            // demanding verb give the appeal ("demanded ... withdraw": 025), the verb says it is a demand (105).
            if (hasRoot(cue.code, u"02") && hasRoot(m_d.codes[e.code], u"10")) {
                cue.code = QStringLiteral("10") + cue.code.mid(2);
                cue.goldstein = m_lex.goldstein(cue.code);
                cue.reverse = false;
            }
            // "We call on France to stop", "called on Israel to halt its air strikes": an appeal to stop is a demand.
            if (hasRoot(cue.code, u"02") && appealsToStop(last + 1)) {
                cue.code = QStringLiteral("10") + cue.code.mid(2);
                cue.goldstein = m_lex.goldstein(cue.code);
            }
            if (cue.code.isEmpty() && e.kind == CueKind::Verb) {
                m_weakVerb = m_weakVerb || e.parseCode != 0;
                if (!m_parsed || e.parseCode == 0)
                    break; // a verb whose meaning here CAMEO cannot tell: no cue
                // A weak verb: an event only where the parse shows it linking two actors (relationsyntax.cpp).
                cue.code = m_d.codes[e.parseCode];
                cue.goldstein = m_d.codeGoldstein[e.parseCode];
                cue.reverse = e.parseReverse;
                cue.weak = true;
                cue.light = true;
            }
            // Statements (01x) with a score near zero say nothing about a relation.
            if (hasRoot(cue.code, u"01") && qAbs(cue.goldstein) < 1.0)
                break;
            cue.quad = RelationLexicon::quadClass(cue.code);
            m_cues.append(cue);
            i = last;
            break;
        }
    }
    // "held naval drills with Russia and China": a show of force (CAMEO 15x) held with partners is joint military
    // co-operation (062), as resources/lexicon/cues.tsv files "joint drills".
    for (Cue &cue : m_cues) {
        if (!hasRoot(cue.code, u"15") || cue.verb || cue.tokEnd >= int(m_tokens.size()))
            continue;
        const Word &next = m_tokens[cue.tokEnd];
        // ... with a party named right after ("with Russia", "with the United States"), not "with overwhelming force".
        int party = cue.tokEnd + 1;
        while (party < int(m_tokens.size()) && party <= cue.tokEnd + 2 && !m_tokens[party].inEntity
            && m_tokens[party].punct.isNull() && (m_d.classOf(m_tokens[party].word) & Article))
            ++party;
        if (next.punct.isNull() && next.word == m_d.with && party < int(m_tokens.size()) && m_tokens[party].inEntity) {
            cue.code = QStringLiteral("062");
            cue.goldstein = m_lex.goldstein(cue.code);
            cue.quad = RelationLexicon::quadClass(cue.code);
            cue.flags |= Symmetric | Reciprocal;
        }
    }
    // "Argentina beat France on penalties in the World Cup final": a game between national teams, no relation.
    if ((!m_cues.isEmpty() || m_weakVerb) && reportsSport()) {
        m_cues.clear();
        m_weakVerb = false;
    }
}

bool SentenceFinder::reportsSport() const
{
    int first = -1;
    for (const Word &t : m_tokens) {
        if (!t.punct.isNull() || !(m_d.classOf(t.word) & Sport))
            continue;
        if (first >= 0 && t.word != first)
            return true;
        first = t.word;
    }
    return false;
}

void SentenceFinder::negate()
{
    // "agreed to ease border tensions": the tension is what they work against, no conflict between them.
    for (Cue &cue : m_cues) {
        if (cue.verb || cue.quad < 3 || cue.dropped)
            continue;
        int words = 0;
        for (int k = cue.tokBegin - 1; k >= 0 && words < 3; --k) {
            const Word &t = m_tokens[k];
            if (!t.punct.isNull() || t.inEntity)
                break;
            if (m_d.classOf(t.word) & Relieving) {
                cue.dropped = true;
                break;
            }
            ++words;
        }
    }
    for (Cue &cue : m_cues) {
        int words = 0;
        bool negated = false;
        for (int k = cue.tokBegin - 1; k >= 0 && words < 4; --k) {
            const Word &t = m_tokens[k];
            if (!t.punct.isNull()) {
                if (t.punct == u'-' || t.punct == QChar(0x2010))
                    continue;
                break;
            }
            if (m_d.classOf(t.word) & ClauseBreak)
                break;
            if (t.negator) {
                negated = true;
                break;
            }
            if (t.inEntity)
                break;
            ++words;
        }
        if (!negated)
            continue;
        cue.negated = true;
        if (cue.tone != 0) {
            cue.tone = qint8(-cue.tone);
        } else if (cue.quad == 1 || cue.quad == 2) {
            cue.code = rejectCodeFor(cue.code);
            cue.quad = RelationLexicon::quadClass(cue.code);
            cue.goldstein = m_lex.goldstein(cue.code);
            cue.flags &= quint8(~Symmetric); // the one who refuses acts
        } else {
            cue.dropped = true; // "did not attack", "no conflict": no event
        }
    }
}

} // namespace entente::rel

#include "eventcoding.h"
#include "predicates.h"
#include "sentencefinder.h"

#include "learn/depparser.h"

#include <QLoggingCategory>

#include <algorithm>

// Relations read from a sentence's dependency parse: each actor's role at its predicate (predicates.h), the
// chain of predicates from the target up to the one whose agent is the other actor, and the event that chain's
// cue words name (eventcoding.h).
Q_LOGGING_CATEGORY(lcRelations, "entente.relations", QtWarningMsg)

namespace entente::rel {

namespace {

// One actor of the sentence as the parse sees it.
struct Party
{
    int actor = -1; // index into the finder's actors
    int head = -1; // its head word
    int node = -1; // the word it stands as (argumentNode())
    std::vector<Argument> arguments;
    QVarLengthArray<int, 6> nodes; // every word that stands for it in a clause: node, and its arguments' nodes

    [[nodiscard]] bool standsAs(int word) const { return word >= 0 && nodes.contains(word); }
    void collectNodes()
    {
        nodes.clear();
        nodes.append(node);
        for (const Argument &a : arguments) {
            if (!nodes.contains(a.node))
                nodes.append(a.node);
        }
    }
};

} // namespace

void SentenceFinder::emitEvent(const QString &subject, const QString &object, bool directed, const QList<int> &order,
    const QList<int> &anchors, bool fromSource)
{
    if (subject == object || subject.isEmpty() || object.isEmpty())
        return;
    const bool subjectOrg = isOrganisation(subject);
    const bool objectOrg = isOrganisation(object);
    if (subjectOrg && objectOrg)
        return; // organisation ids are not countries: country-organisation pairs only
    const EventCode e = codeEvent(m_lex, m_cues, std::span<const int>(order.constData(), size_t(order.size())),
        std::span<const int>(anchors.constData(), size_t(anchors.size())));
    if (!e.stated)
        return;
    Relation r;
    r.sentence = m_index;
    r.span = m_span;
    r.tone = e.tone;
    r.cameo = e.code;
    r.quad = e.quad;
    r.goldstein = e.goldstein;
    r.directed = directed;
    r.a = subject;
    r.b = object;
    if (r.directed && (fromSource || e.reverse))
        std::swap(r.a, r.b);
    if (!r.directed && subjectOrg)
        std::swap(r.a, r.b); // undirected country-organisation pairs list the country first
    for (const int i : order) {
        const Cue &c = m_cues[i];
        if (c.dropped)
            continue;
        r.cues.append(m_text.sliced(c.start, c.end - c.start).toString());
        r.cueSpans.append(Span { c.start, c.end });
    }
    for (qsizetype k = m_firstOut; k < m_out->size(); ++k) {
        Relation &o = (*m_out)[k];
        if (!samePair(o, r))
            continue;
        // The pair's first event stays its event; a second one of the opposite tone ("Germany praised France's
        // support ... but criticised Paris over ...") makes the relation mixed, and its words are evidence too.
        const bool opposite = (o.tone == u"cooperation" && r.tone == u"conflict")
            || (o.tone == u"conflict" && r.tone == u"cooperation");
        if (opposite) {
            o.tone = QStringLiteral("mixed");
            o.cues += r.cues;
            o.cueSpans += r.cueSpans;
        }
        return;
    }
    m_out->append(std::move(r));
}

void SentenceFinder::runParsed(const SentenceParse &parse, const QList<Actor> &actors,
    const QList<const EntityMention *> &mentions, QList<Relation> &out, QStringList *placed)
{
    m_actors = actors;
    m_out = &out;
    m_firstOut = out.size();
    m_parsed = true;
    // After run() on the same sentence the words are read already: only what the cues marked on them goes.
    if (m_tokens.isEmpty()) {
        tokenize(mentions);
    } else {
        for (Word &w : m_tokens)
            w.negator = w.tone = false;
    }
    m_cues.clear();
    m_groups.clear();
    m_weakVerb = false;
    m_judged = false;
    findCues();
    if (m_cues.isEmpty())
        return;
    negate();
    const ParseTree tree(parse, m_text);
    if (tree.size() == 0)
        return;
    if (lcRelations().isDebugEnabled()) {
        QStringList words;
        const QStringList &labels = learn::DependencyParser::shared().labelNames();
        for (int i = 0; i < tree.size(); ++i)
            words << QStringLiteral("%1:%2/%3<%4:%5")
                         .arg(i)
                         .arg(tree.word(i))
                         .arg(learn::uposName(tree.tag(i)))
                         .arg(labels.value(parse.labels[size_t(i)]))
                         .arg(tree.head(i));
        qCDebug(lcRelations).noquote() << words.join(u' ');
    }

    // The finder's word at a text offset, for the word classes of the lexicon.
    const auto finderWordAt = [this](qsizetype pos) -> const Word * {
        const auto it = std::upper_bound(
            m_tokens.cbegin(), m_tokens.cend(), pos, [](qsizetype p, const Word &w) { return p < w.start; });
        if (it == m_tokens.cbegin())
            return nullptr;
        const Word &w = *(it - 1);
        return pos < w.end ? &w : nullptr;
    };
    const auto classOfWord = [&](int i) -> quint32 {
        const Word *w = finderWordAt(tree.start(i));
        return w && w->punct.isNull() ? m_d.classOf(w->word) : 0;
    };
    // A preposition that sets the scene ("amid", "despite"): what follows is no party, and no event of the clause.
    const auto isBackground = [this](QStringView prep) {
        return !prep.isEmpty() && (m_d.classOf(m_d.findHash(lexiconKey(prep))) & Background) != 0;
    };
    // ... or that says where ("in", "near"): what follows is no party either.
    const auto isScene = [this](QStringView prep) {
        return !prep.isEmpty() && (m_d.classOf(m_d.findHash(lexiconKey(prep))) & (Background | Locative)) != 0;
    };
    // Actor `actor` as the party whose words stand from `head` on.
    const auto partyAt = [&tree, &isScene](int actor, int head) {
        Party p;
        p.actor = actor;
        p.head = head;
        p.node = argumentNode(tree, head);
        p.arguments = argumentsOf(tree, head, isScene);
        p.collectNodes();
        return p;
    };

    // The parse word each cue stands on: the head of the words it covers ("talks" in "peace talks").
    std::vector<int> cueWord(size_t(m_cues.size()), -1);
    for (qsizetype c = 0; c < m_cues.size(); ++c)
        cueWord[size_t(c)] = tree.headOf(m_cues[c].start, m_cues[c].end);

    // "Pakistan denied that its troops had crossed into Afghanistan", "Russia denied shelling the plant", "India
    // rejected reports that its navy had seized ...": a cue in the clause a denial verb takes, or in the clause of a
    // claim that is denied or rejected, states no event, here nor in the word-order rules (deniedCues()).
    const auto rebuts = [&](int verb) { return (classOfWord(verb) & (Denial | Rebuttal)) != 0; };
    // The claim a rebuttal verb takes, when the claim has a clause of its own.
    const auto rebuttedClaim = [&](int clause) {
        const int h = tree.head(clause);
        const Dep d = tree.dep(clause);
        // "rejected reports that ...", the clause read as the noun's (a complement, or a relative clause) ...
        if ((d == Dep::Acl || d == Dep::AclRelcl || d == Dep::Ccomp) && (classOfWord(h) & Claim)
            && tree.dep(h) == Dep::Obj && rebuts(tree.head(h)))
            return h;
        // ... or as the verb's.
        if (d == Dep::Ccomp && rebuts(h) && (classOfWord(tree.child(h, Dep::Obj)) & Claim))
            return tree.child(h, Dep::Obj);
        return -1;
    };
    for (qsizetype c = 0; c < m_cues.size(); ++c) {
        int w = cueWord[size_t(c)];
        bool denied = false;
        for (int steps = 0; w >= 0 && steps < 12 && !denied; ++steps, w = tree.head(w)) {
            // "denied attacking": a gerund of its own, not what "denying the people the right and imposing ..." adds.
            const bool complement = tree.dep(w) == Dep::Ccomp
                || (tree.dep(w) == Dep::Xcomp && tree.child(tree.head(w), Dep::Obj) < 0
                    && tree.child(tree.head(w), Dep::Iobj) < 0);
            denied = (complement && (classOfWord(tree.head(w)) & Denial)) || rebuttedClaim(w) >= 0;
        }
        // The claim noun itself ("rejected allegations that ...") names what is denied, no event of the rebutter's; its
        // clause hangs on it or on the verb.
        const int n = cueWord[size_t(c)];
        for (const int around : { n, tree.head(n) }) {
            for (const int k : tree.children(around))
                denied = denied || (n >= 0 && rebuttedClaim(k) == n);
        }
        if (denied) {
            m_cues[c].dropped = true;
            m_denied.append(Span { m_cues[c].start, m_cues[c].end });
        }
    }

    std::vector<Party> parties;
    for (qsizetype k = 0; k < m_actors.size(); ++k) {
        Party p;
        p.actor = int(k);
        p.head = tree.headOf(m_actors[k].start, m_actors[k].end);
        if (p.head < 0)
            continue;
        p.node = argumentNode(tree, p.head);
        p.arguments = argumentsOf(tree, p.head, isScene);
        // "arrived in Washington for a state visit": the place an arrival verb names is the one come to.
        if (!p.arguments.empty() && p.arguments.back().role == Role::Scene
            && (classOfWord(p.arguments.back().predicate) & Arrival)) {
            const QString prep = tree.caseOf(p.arguments.back().node);
            if (prep == u"in" || prep == u"at")
                p.arguments.back().role = Role::Patient;
        }
        p.collectNodes();
        parties.push_back(std::move(p));
    }
    if (placed) {
        for (const Party &p : parties) {
            if (!p.arguments.empty() && !placed->contains(m_actors[p.actor].id))
                placed->append(m_actors[p.actor].id);
        }
    }
    // The speaker of a statement ("we", "my Government") when the document says whose it is.
    if (!m_source.isEmpty()) {
        for (int i = 0; i < tree.size(); ++i) {
            // "we", "I" (a delegate speaks for the country), "my Government", "our relations with India".
            const QString w = tree.word(i).toString().toLower();
            const Dep d = tree.dep(i);
            bool speaker = false;
            if (w == u"we" || w == u"us" || w == u"i")
                speaker = d == Dep::Nsubj || d == Dep::Obl || d == Dep::OblAgent || d == Dep::Obj || d == Dep::Iobj;
            else if ((w == u"our" || w == u"my") && d == Dep::NmodPoss)
                speaker = true;
            if (!speaker)
                continue;
            // "my country", "our Government": the noun is the speaker's state itself.
            int at = i;
            if (d == Dep::NmodPoss && tree.head(i) >= 0 && (classOfWord(tree.head(i)) & SpeakerNoun))
                at = tree.head(i);
            m_actors.append(Actor { m_source, false, tree.start(at), tree.end(at) });
            parties.push_back(partyAt(int(m_actors.size() - 1), at));
            if (at != i)
                ++i;
        }
    }
    // "The Dutch government said it would not extradite ...": a pronoun subject of what an actor said stands for it.
    // So does a pronoun elsewhere in what it said when another actor acts there ("Poland said Belarusian
    // helicopters had violated its airspace"), and the pronoun subject of a clause coordinated with one whose subject
    // an actor is ("the Soviet Union prolonged its occupation of Iran; it sought trusteeship over Libya").
    const auto standsForActor = [&](int word, int n) {
        for (int k = 0; k < n; ++k) {
            if (parties[size_t(k)].standsAs(word))
                return k;
        }
        return -1;
    };
    for (int i = 0, n = int(parties.size()); i < tree.size(); ++i) {
        if (tree.tag(i) != learn::Upos::PRON)
            continue;
        const QString w = tree.word(i).toString().toLower();
        const bool subject = tree.dep(i) == Dep::Nsubj;
        if (!(w == u"it" || w == u"they" || ((w == u"its" || w == u"their") && tree.dep(i) == Dep::NmodPoss)))
            continue;
        int speaker = -1;
        if (subject && tree.dep(tree.head(i)) == Dep::Ccomp) {
            speaker = agentOf(tree, tree.head(tree.head(i)));
        } else if (subject && (tree.dep(tree.head(i)) == Dep::Conj || tree.dep(tree.head(i)) == Dep::Parataxis)) {
            // The first clause's subject, when this clause's pronoun stands where it would.
            const int first = tree.head(tree.head(i));
            if (tree.isVerbal(first) && tree.isVerbal(tree.head(i)) && first < i)
                speaker = agentOf(tree, first);
        } else if (!subject && (w == u"its" || w == u"their") && (classOfWord(tree.head(i)) & Homeland)) {
            // Up to the reported clause it stands in; another actor must act in that clause.
            int c = tree.head(i);
            for (int steps = 0; c >= 0 && tree.dep(c) != Dep::Ccomp && steps < 8; ++steps)
                c = tree.head(c);
            if (c >= 0 && tree.dep(c) == Dep::Ccomp) {
                const int sayer = agentOf(tree, tree.head(c));
                const int actor = agentOf(tree, c);
                const int s = standsForActor(sayer, n);
                const int a = standsForActor(actor, n);
                if (s >= 0 && a >= 0 && m_actors[parties[size_t(s)].actor].id != m_actors[parties[size_t(a)].actor].id
                    && sayer < c)
                    speaker = sayer;
            }
        }
        if (speaker < 0 && !subject && (w == u"its" || w == u"their")) {
            // "condemned Russia for its missile strikes on Kyiv", "thanked Turkey for its mediation": the one the
            // verb is about stands for the pronoun of the deed it is condemned or thanked for.
            const int deed = tree.head(i);
            const int verb = tree.head(deed);
            const QString prep = tree.caseOf(deed);
            if (verb >= 0 && (tree.dep(deed) == Dep::Obl || tree.dep(deed) == Dep::Nmod)
                && (prep == u"for" || prep == u"over") && tree.isVerbal(verb)) {
                const int object = tree.child(verb, Dep::Obj);
                if (object >= 0 && object < i) {
                    speaker = argumentNode(tree, object);
                    // "imposed sanctions on Iran over its supply of missiles to Russia": an event noun as the object
                    // is about the party it is on.
                    if (standsForActor(speaker, n) < 0) {
                        for (int k = 0; k < n && standsForActor(speaker, n) < 0; ++k) {
                            for (const Argument &arg : parties[size_t(k)].arguments) {
                                if (arg.role == Role::Patient && arg.predicate == object) {
                                    speaker = parties[size_t(k)].node;
                                    break;
                                }
                            }
                        }
                    }
                }
            }
        }
        if (speaker < 0)
            continue;
        for (int k = 0; k < n; ++k) {
            if (!parties[size_t(k)].standsAs(speaker))
                continue;
            parties.push_back(partyAt(parties[size_t(k)].actor, i));
            break;
        }
    }
    // "India and Pakistan, with both of which we enjoy close relations", "the Republic of Korea, with which my country
    // enjoys ... relations": a relative pronoun behind a preposition stands for the noun the clause describes, as
    // "with India" would; agentOf() reads the relative subjects.
    for (int i = 0, n = int(parties.size()); i < tree.size(); ++i) {
        const QStringView w = tree.word(i);
        if (tree.tag(i) != learn::Upos::PRON
            || (w.compare(u"which", Qt::CaseInsensitive) != 0 && w.compare(u"whom", Qt::CaseInsensitive) != 0))
            continue;
        int phrase = i;
        // "both of which", "each of whom": the quantifier stands in the clause.
        if (tree.dep(i) == Dep::Nmod && tree.caseOf(i) == u"of" && tree.head(i) >= 0 && tree.head(i) < i)
            phrase = tree.head(i);
        const QString prep = tree.caseOf(phrase);
        if ((tree.dep(phrase) != Dep::Obl && tree.dep(phrase) != Dep::Nmod) || prep.isEmpty() || isScene(prep))
            continue;
        // The noun the relative clause hangs on, or (when the parser reads the clause as one of its own) the
        // nominal right before the preposition.
        int noun = -1;
        int clause = tree.head(phrase);
        for (int steps = 0; clause >= 0 && steps < 3 && tree.dep(clause) != Dep::AclRelcl; ++steps)
            clause = tree.head(clause);
        if (clause >= 0 && tree.dep(clause) == Dep::AclRelcl) {
            noun = tree.head(clause);
        } else {
            int before = phrase - 1;
            while (before >= 0 && tree.head(before) == phrase)
                --before; // its preposition and determiners
            if (before >= 0 && tree.tag(before) == learn::Upos::PUNCT)
                --before;
            if (before >= 0 && tree.isNominal(before))
                noun = before;
        }
        if (noun < 0)
            continue;
        const int stands = argumentNode(tree, noun);
        for (int k = 0; k < n; ++k) {
            // The noun may be a word inside the actor's mention ("Korea" of "the Republic of Korea").
            const Actor &named = m_actors[parties[size_t(k)].actor];
            if (parties[size_t(k)].node != stands && (tree.start(noun) < named.start || tree.start(noun) >= named.end))
                continue;
            parties.push_back(partyAt(parties[size_t(k)].actor, phrase));
        }
    }
    if (parties.size() < 2)
        return;
    if (lcRelations().isDebugEnabled()) {
        for (const Party &p : parties) {
            QStringList args;
            for (const Argument &a : p.arguments)
                args << QStringLiteral("%1@%2(as %3)")
                            .arg(int(a.role))
                            .arg(tree.word(a.predicate))
                            .arg(tree.word(a.node));
            qCDebug(lcRelations).noquote() << m_actors[p.actor].id << "head" << tree.word(p.head) << args.join(u' ');
        }
        QStringList cues;
        for (qsizetype c = 0; c < m_cues.size(); ++c)
            cues << QStringLiteral("%1:%2@%3%4")
                        .arg(c)
                        .arg(m_cues[c].code, QString::number(cueWord[size_t(c)]),
                            m_cues[c].dropped ? QStringLiteral("(dropped)") : QString());
        qCDebug(lcRelations).noquote() << "cues" << cues.join(u' ');
    }

    // The cues of a chain of predicates, nearest the target first: those on the predicates, then those on the
    // words that complete them (an object noun, an infinitive, "friendly" in "friendly relations", "marked by
    // friction"). `anchors` gets, per cue, the predicate it states an event of (-1 for none).
    const auto cuesOf = [&](const std::vector<int> &chain, QList<int> &order, QList<int> &anchors) {
        order.clear();
        anchors.fill(-1, m_cues.size());
        for (const int p : chain) {
            for (qsizetype c = 0; c < m_cues.size(); ++c) {
                if (cueWord[size_t(c)] == p && anchors[c] < 0) {
                    order.append(int(c));
                    anchors[c] = p;
                }
            }
        }
        for (const int p : chain) {
            for (const int w : tree.children(p)) {
                const Dep d = tree.dep(w);
                // A predicate with a "by" agent is a passive: its subject completes it, as "nsubj:pass" would ("the
                // meeting held in Washington by the Presidents of Peru and Ecuador", parsed with a plain subject).
                const bool passiveSubject = d == Dep::Nsubj && tree.child(p, Dep::OblAgent) >= 0;
                const bool completes = d == Dep::Obj || d == Dep::NsubjPass || passiveSubject || d == Dep::Xcomp
                    || d == Dep::Amod || d == Dep::Other || d == Dep::Compound || d == Dep::OblAgent
                    || ((d == Dep::Nmod || d == Dep::Obl) && !isScene(tree.caseOf(w)));
                if (!completes)
                    continue;
                for (qsizetype c = 0; c < m_cues.size(); ++c) {
                    if (cueWord[size_t(c)] == w && !m_cues[c].weak && anchors[c] < 0) {
                        order.append(int(c));
                        anchors[c] = p;
                    }
                }
                // "the aid convoy that the United Arab Emirates sent to Sudan": the noun an object relative
                // describes is the verb's object, with the words that name it.
                if (d == Dep::Obj && tree.dep(p) == Dep::AclRelcl && hasObjectRelative(tree, p)) {
                    const int noun = tree.head(p);
                    for (qsizetype c = 0; c < m_cues.size(); ++c) {
                        const int cw = cueWord[size_t(c)];
                        const bool names = cw == noun
                            || (cw >= 0 && cw < noun && tree.head(cw) == noun
                                && (tree.dep(cw) == Dep::Compound || tree.dep(cw) == Dep::Amod));
                        if (names && !m_cues[c].weak && anchors[c] < 0) {
                            order.append(int(c));
                            anchors[c] = p;
                        }
                    }
                }
                // "we enjoy very close and fruitful relations", parsed with the adjective as the verb's complement
                // and the noun hung on it: the noun completes the verb as its object would.
                if (d != Dep::Xcomp || tree.isVerbal(w) || tree.tag(w) == learn::Upos::VERB)
                    continue;
                for (const int g : tree.children(w)) {
                    const Dep dg = tree.dep(g);
                    if (dg != Dep::Obj && !((dg == Dep::Obl || dg == Dep::Nmod) && !isScene(tree.caseOf(g))))
                        continue;
                    for (qsizetype c = 0; c < m_cues.size(); ++c) {
                        if (cueWord[size_t(c)] == g && !m_cues[c].weak && anchors[c] < 0) {
                            order.append(int(c));
                            anchors[c] = p;
                        }
                    }
                }
            }
        }
    };
    const auto hasReciprocal = [&](const QList<int> &order) {
        return std::any_of(order.cbegin(), order.cend(),
            [&](int c) { return !m_cues[c].dropped && (m_cues[c].flags & (Reciprocal | Symmetric)); });
    };

    // A go-between's event ("mediated", "brokered", "hosted", "mediation": resources/lexicon/clauses.tsv): the cue
    // on a word, -1 for none.
    const auto mediationAt = [&](int word) {
        for (qsizetype c = 0; c < m_cues.size(); ++c) {
            const Cue &cue = m_cues[c];
            if (cueWord[size_t(c)] == word && !cue.dropped && cue.tokBegin < int(m_tokens.size())
                && (m_d.classOf(m_tokens[cue.tokBegin].word) & GoBetween))
                return int(c);
        }
        return -1;
    };
    // The party that acts as the go-between of the event at `word`, -1 for none.
    const auto mediatorOf = [&](int word) {
        const int who = agentOf(tree, word);
        for (size_t k = 0; k < parties.size(); ++k) {
            if (parties[k].standsAs(who))
                return int(k);
        }
        return -1;
    };
    // A clause that hangs on a noun naming an event between parties ("the talks that Oman hosted").
    const auto ofReciprocalNoun = [&](int p) {
        const int h = tree.head(p);
        if (h < 0 || (tree.dep(p) != Dep::Acl && tree.dep(p) != Dep::AclRelcl))
            return false;
        for (qsizetype c = 0; c < m_cues.size(); ++c) {
            if (cueWord[size_t(c)] == h && !m_cues[c].dropped && (m_cues[c].flags & (Reciprocal | Symmetric)))
                return true;
        }
        return false;
    };
    // "A and B accused each other": a reciprocal object makes the clause's subjects relate to each other.
    const auto hasReciprocalObject = [&](int p) {
        // The parser hangs the pair on either word ("each" with "other" fixed to it, or "other" with "each").
        const auto is = [&](int w, QStringView text) {
            return tree.contains(w) && tree.word(w).compare(text, Qt::CaseInsensitive) == 0;
        };
        for (const int c : tree.children(p)) {
            if ((is(c, u"each") && is(c + 1, u"other")) || (is(c, u"other") && is(c - 1, u"each"))
                || (is(c, u"one") && is(c + 1, u"another")) || (is(c, u"another") && is(c - 1, u"one")))
                return true;
        }
        return false;
    };

    QList<int> order;
    QList<int> anchors;
    // An event the construction states rather than a cue word ("must": a demand, "angered": disapproval): a cue of
    // `code` on `word`, of the predicate `anchor`, made the one event of `order`.
    const auto addEventCue = [&](int word, int anchor, const QString &code) {
        Cue c;
        c.start = tree.start(word);
        c.end = tree.end(word);
        c.code = code;
        c.verb = true;
        c.goldstein = m_lex.goldstein(code);
        c.quad = RelationLexicon::quadClass(code);
        m_cues.append(c);
        cueWord.push_back(word);
        order = { int(m_cues.size() - 1) };
        anchors.fill(-1, m_cues.size());
        anchors[order.first()] = anchor;
    };
    for (size_t i = 0; i < parties.size(); ++i) {
        for (size_t j = 0; j < parties.size(); ++j) {
            const Party &a = parties[i];
            const Party &b = parties[j];
            const QString &idA = m_actors[a.actor].id;
            const QString &idB = m_actors[b.actor].id;
            if (i == j || idA == idB)
                continue;
            // A acts on B: B undergoes a predicate whose chain reaches one whose agent A is.
            bool found = false;
            for (const Argument &arg : b.arguments) {
                if (arg.role != Role::Patient || found)
                    continue;
                // "Pakistan's army said Indian troops opened fire": the one a statement is about is no one it acts on
                // (X said Y attacked Z relates Y and Z only).
                if ((classOfWord(arg.predicate) & Saying) && tree.dep(arg.node) == Dep::Nsubj
                    && tree.dep(tree.head(arg.node)) == Dep::Ccomp)
                    continue;
                const std::vector<int> chain = predicateChain(tree, arg.predicate, isBackground);
                for (size_t k = 0; k < chain.size() && !found; ++k) {
                    const int who = agentOf(tree, chain[k]);
                    if (!a.standsAs(who) || b.standsAs(who)) {
                        // "Hungary refused to back EU sanctions against Russia": the sanctions are another
                        // party's event; whoever acts higher up does not act on Russia through them.
                        if (who >= 0 && std::any_of(parties.cbegin(), parties.cend(), [&](const Party &o) {
                                return &o != &a && m_actors[o.actor].id != idA && o.standsAs(who);
                            }))
                            break;
                        continue;
                    }
                    // "Serbia must recognise Kosovo", "the armed forces of the United States should leave Taiwan": what
                    // a party must do is asked of it (the demand below), not stated. What it must stop doing ("must
                    // stop supplying drones to Russia") it does.
                    if (std::any_of(chain.cbegin(), chain.cbegin() + ptrdiff_t(k) + 1, [&](int p) {
                            if (classOfWord(p) & Halting)
                                return false;
                            // "should have joined", "must have been supported": a perfect after the modal says
                            // what happened, or must have.
                            const auto children = tree.children(p);
                            const auto aux = [&](int c) { return tree.tag(c) == learn::Upos::AUX; };
                            return std::any_of(children.begin(), children.end(), [&](int c) {
                                return aux(c) && (classOfWord(c) & Obligation);
                            }) && std::none_of(children.begin(), children.end(), [&](int c) {
                                return aux(c) && tree.word(c).compare(u"have", Qt::CaseInsensitive) == 0;
                            });
                        })) {
                        found = true;
                        m_judged = true;
                        break;
                    }
                    // "Ukraine's drone attacks on Russian refineries have angered Washington": the one a verb of
                    // feeling angers is the one who disapproves (CAMEO 110), of the one that angers it.
                    if (k == 0 && tree.isVerbal(chain[0]) && (classOfWord(chain[0]) & Experiencer)
                        && tree.dep(arg.node) == Dep::Obj) {
                        addEventCue(chain[0], chain[0], QStringLiteral("110"));
                        qCDebug(lcRelations) << idB << ">" << idA << "angered at" << tree.word(chain[0]);
                        emitEvent(idB, idA, true, order, anchors);
                        found = true;
                        break;
                    }
                    // The words that state it: the chain up to that predicate, and the nouns the agent acts
                    // through on its side ("the aggression of the United States ... has spread to Laos").
                    std::vector<int> words(chain.cbegin(), chain.cbegin() + ptrdiff_t(k) + 1);
                    // "China's ties with Russia remained robust": a relation noun takes its colour from the verb it
                    // is the subject of.
                    if (const int top = words.back(); !tree.isVerbal(top) && tree.head(top) >= 0
                        && (tree.dep(top) == Dep::Nsubj || tree.dep(top) == Dep::NsubjPass))
                        words.push_back(tree.head(top));
                    // "A praised and criticised B": a verb coordinated with one of them that has neither subject
                    // nor object of its own states an event between the same two.
                    for (size_t w = 0, n = words.size(); w < n; ++w) {
                        if (!tree.isVerbal(words[w]))
                            continue;
                        const int h = tree.head(words[w]);
                        if (tree.dep(words[w]) == Dep::Conj && h >= 0 && tree.isVerbal(h) && tree.child(h, Dep::Obj) < 0
                            && tree.child(words[w], Dep::Nsubj) < 0
                            && std::find(words.cbegin(), words.cend(), h) == words.cend())
                            words.push_back(h);
                        for (const int c : tree.children(words[w])) {
                            if (tree.dep(c) == Dep::Conj && tree.isVerbal(c) && tree.child(c, Dep::Nsubj) < 0
                                && tree.child(c, Dep::Obj) < 0 && tree.child(c, Dep::NsubjPass) < 0)
                                words.push_back(c);
                        }
                    }
                    const int agent = agentOf(tree, chain[k]);
                    for (const Argument &x : a.arguments) {
                        if (x.node == agent)
                            break;
                        if (std::find(words.cbegin(), words.cend(), x.predicate) == words.cend())
                            words.push_back(x.predicate);
                    }
                    cuesOf(words, order, anchors);
                    // "Kyiv received military aid from Washington": what one receives, the other gives.
                    const bool fromSource = (classOfWord(chain[k]) & Receiving) && tree.caseOf(b.node) == u"from";
                    qCDebug(lcRelations) << idA << ">" << idB << "through" << tree.word(chain[k]) << "cues" << order
                                         << (fromSource ? "from the source" : "");
                    emitEvent(idA, idB, true, order, anchors, fromSource);
                    found = true;
                }
            }
            if (found || j < i)
                continue;
            // A and B together: "A and B signed a treaty", "relations between A and B", "the A-B talks".
            for (const Argument &x : a.arguments) {
                for (const Argument &y : b.arguments) {
                    if (x.predicate != y.predicate || x.role != y.role || found)
                        continue;
                    if (x.role == Role::Patient && x.node == y.node) {
                        // "urged the United States and China to settle their trade dispute", "we invite Portugal and
                        // Indonesia to continue their talks": the two are asked to act together, and a reciprocal
                        // event of the infinitive relates them to each other.
                        const int asked = tree.child(x.predicate, Dep::Xcomp);
                        if (asked < 0 || agentOf(tree, asked) != x.node)
                            continue;
                        std::vector<int> chain { asked };
                        for (const int c : tree.children(asked)) {
                            if (tree.dep(c) == Dep::Conj && tree.isVerbal(c) && tree.child(c, Dep::Nsubj) < 0)
                                chain.push_back(c);
                        }
                        cuesOf(chain, order, anchors);
                        if (!hasReciprocal(order))
                            continue;
                        qCDebug(lcRelations) << idA << "-" << idB << "asked at" << tree.word(asked) << "cues" << order;
                        emitEvent(idA, idB, false, order, anchors);
                        found = true;
                        continue;
                    }
                    if (x.role == Role::Patient || x.role == Role::Scene)
                        continue; // "A condemned B and C" says nothing between B and C, nor "remembered in A and B"
                    // "Mexico offered to mediate between Venezuela and Guyana": the go-between relates to each of
                    // them (below), the two to each other through no event of theirs.
                    // Not so when the go-between hangs on an event noun of the two ("the talks that Oman hosted
                    // between Iran and the United States").
                    if (x.role == Role::Joint && mediationAt(x.predicate) >= 0 && mediatorOf(x.predicate) >= 0
                        && !ofReciprocalNoun(x.predicate))
                        continue;
                    std::vector<int> chain = predicateChain(tree, x.predicate, isBackground);
                    if (x.role == Role::Joint && !tree.isVerbal(chain.back())
                        && (tree.dep(chain.back()) == Dep::Nsubj || tree.dep(chain.back()) == Dep::NsubjPass)
                        && tree.head(chain.back()) >= 0)
                        chain.push_back(tree.head(chain.back())); // "relations between A and B improved"
                    // "the military collaboration that exists between France and South Africa": a clause that hangs on
                    // an event noun states the noun's event between the two.
                    if (x.role == Role::Joint && tree.isVerbal(chain.back())
                        && (tree.dep(chain.back()) == Dep::AclRelcl || tree.dep(chain.back()) == Dep::Acl)
                        && tree.isNominal(tree.head(chain.back())))
                        chain.push_back(tree.head(chain.back()));
                    // "... were marked by friction but also witnessed enhanced cooperation": the verbs that share
                    // the relation as their subject.
                    if (x.role == Role::Joint && tree.isVerbal(chain.back())) {
                        for (const int c : tree.children(chain.back())) {
                            if (tree.dep(c) == Dep::Conj && tree.isVerbal(c) && tree.child(c, Dep::Nsubj) < 0
                                && tree.child(c, Dep::NsubjPass) < 0)
                                chain.push_back(c);
                        }
                    }
                    // "Qatar and Egypt brokered a truce between Israel and Hamas", "a ceasefire brokered by Qatar and
                    // Egypt": go-betweens meet the parties of what they broker (below), not each other.
                    if (x.role == Role::Agent
                        && std::any_of(chain.cbegin(), chain.cend(), [&](int w) { return mediationAt(w) >= 0; })) {
                        m_judged = true;
                        continue;
                    }
                    cuesOf(chain, order, anchors);
                    if (x.role == Role::Agent && !hasReciprocal(order) && !hasReciprocalObject(x.predicate))
                        continue; // "A and B condemned ..." relates neither to the other
                    qCDebug(lcRelations) << idA << "-" << idB << "at" << tree.word(x.predicate) << "cues" << order;
                    emitEvent(idA, idB, false, order, anchors);
                    found = true;
                }
            }
        }
    }

    // "Iran must stop supplying drones to Russia, the British foreign secretary said", "Kyiv told reporters that Poland
    // must stop blocking grain": what a party must or should do is a demand on it (CAMEO 10), from the one who says
    // so, or in a speech from the speaker when no one else is said to say it.
    for (int i = 0; i < tree.size(); ++i) {
        if (tree.tag(i) != learn::Upos::AUX || !(classOfWord(i) & Obligation))
            continue;
        const int p = tree.head(i);
        if (p < 0 || !tree.isVerbal(p))
            continue;
        const int subject = tree.child(p, Dep::Nsubj);
        int said = -1;
        if (tree.dep(p) == Dep::Ccomp && (classOfWord(tree.head(p)) & Saying))
            said = tree.head(p);
        for (const int c : tree.children(p)) {
            // "..., the minister said": a parataxis, or an adverbial clause where the parser reads it so.
            if (said < 0 && (tree.dep(c) == Dep::Parataxis || (tree.dep(c) == Dep::Advcl && c > p))
                && (classOfWord(c) & Saying))
                said = c;
        }
        QString demander;
        if (said >= 0) {
            const int who = agentOf(tree, said);
            for (const Party &q : parties) {
                if (q.standsAs(who))
                    demander = m_actors[q.actor].id;
            }
        } else if (tree.dep(p) == Dep::Root) {
            demander = m_source;
        }
        if (demander.isEmpty() || subject < 0)
            continue;
        for (const Party &x : parties) {
            const QString &idX = m_actors[x.actor].id;
            // "The armed forces of the United States should leave Taiwan": the demand is on the country whose body
            // (the class `state-body` of resources/lexicon/clauses.tsv) is the subject ("The intransigence of
            // Portugal ... must lead to violence" is no demand).
            const int stands = argumentNode(tree, subject);
            if (idX == demander || !(x.node == stands || (x.standsAs(stands) && (classOfWord(stands) & StateBody))))
                continue;
            addEventCue(i, p, QStringLiteral("100"));
            qCDebug(lcRelations) << demander << ">" << idX << "demand at" << tree.word(p);
            emitEvent(demander, idX, true, order, anchors);
            break;
        }
    }

    // "a deal brokered by China", "Qatar mediated a swap between the United States and Iran", "the talks that Oman
    // hosted between Iran and the United States": the go-between meets each party of the event it brokers or
    // hosts. The parties are those of the go-between's predicate, of the event noun it governs or hangs on, or the
    // agents of a clause the brokered event is part of ("Saudi Arabia and Iran agreed ... in a deal brokered by").
    for (int p = 0; p < tree.size(); ++p) {
        const int cue = mediationAt(p);
        if (cue < 0)
            continue;
        const int m = mediatorOf(p);
        if (m < 0)
            continue;
        QVarLengthArray<int, 8> event { p };
        if ((tree.dep(p) == Dep::Acl || tree.dep(p) == Dep::AclRelcl) && tree.head(p) >= 0)
            event.append(tree.head(p));
        for (const int c : tree.children(p)) {
            const Dep d = tree.dep(c);
            if (d == Dep::Obj || d == Dep::NsubjPass || d == Dep::Obl)
                event.append(c);
        }
        QVarLengthArray<int, 8> above;
        const int base = event.size() > 1 && tree.head(p) == event[1] ? event[1] : p;
        for (int h = tree.head(base), steps = 0; h >= 0 && steps < 4; h = tree.head(h), ++steps)
            above.append(h);
        // "Qatar and Egypt brokered ...": each of coordinated go-betweens is one.
        const int mediatorNode = parties[size_t(m)].node;
        QStringList mediators;
        for (const Party &q : parties) {
            if (q.node == mediatorNode && !mediators.contains(m_actors[q.actor].id))
                mediators.append(m_actors[q.actor].id);
        }
        // "both thanked Turkey for its mediation": a clause above that is about the go-between is no event it
        // brokers.
        for (const Party &q : parties) {
            if (!mediators.contains(m_actors[q.actor].id))
                continue;
            for (const Argument &arg : q.arguments) {
                if (arg.role == Role::Patient && above.contains(arg.predicate))
                    above.clear();
            }
        }
        for (const Party &x : parties) {
            const QString &idX = m_actors[x.actor].id;
            if (mediators.contains(idX) || x.standsAs(mediatorNode))
                continue;
            bool party = false;
            for (const Argument &arg : x.arguments) {
                if (arg.role == Role::Scene)
                    continue;
                party = party || event.contains(arg.predicate)
                    || ((arg.role == Role::Agent || arg.role == Role::Joint) && above.contains(arg.predicate));
            }
            if (!party)
                continue;
            for (const QString &idM : std::as_const(mediators)) {
                order = { cue };
                anchors.fill(-1, m_cues.size());
                anchors[cue] = p;
                qCDebug(lcRelations) << idM << ">" << idX << "as go-between at" << tree.word(p);
                emitEvent(idM, idX, true, order, anchors);
            }
        }
    }
}

} // namespace entente::rel

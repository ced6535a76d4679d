#pragma once

// The predicate finder over a sentence's dependency parse, and the roles its actors play: who acts on whom, and
// through which words. Internal to the relation stage (relationsyntax.cpp); tested by tst_predicates.

#include "syntax.h"

#include <QString>
#include <QStringView>

#include <span>
#include <vector>

namespace entente::rel {

// The Universal Dependencies relations the predicate finder tells apart; subtypes it does not name fall to their
// main type ("obl:unmarked" is Obl), and the others to Other.
enum class Dep : quint8 {
    Other,
    Root,
    Nsubj,
    NsubjPass,
    Obj,
    Iobj,
    Obl,
    OblAgent,
    Nmod,
    NmodPoss,
    Compound,
    Amod,
    Appos,
    Flat,
    Conj,
    Case,
    Xcomp,
    Ccomp,
    Advcl,
    Acl,
    AclRelcl,
    Parataxis,
};

[[nodiscard]] Dep depFromName(QStringView label);

// A parse read as a tree: each word's head, relation, tag and children, and the words' text.
class ParseTree
{
public:
    ParseTree(const SentenceParse &parse, QStringView text);

    // Every accessor takes any index: outside the tree (-1, a root's head) it answers as for no word.
    [[nodiscard]] int size() const { return int(m_heads.size()); }
    [[nodiscard]] bool contains(int i) const { return i >= 0 && i < size(); }
    [[nodiscard]] int head(int i) const { return contains(i) ? m_heads[size_t(i)] : -1; }
    [[nodiscard]] Dep dep(int i) const { return contains(i) ? m_deps[size_t(i)] : Dep::Other; }
    [[nodiscard]] learn::Upos tag(int i) const { return contains(i) ? m_tags[size_t(i)] : learn::Upos::X; }
    [[nodiscard]] QStringView word(int i) const;
    [[nodiscard]] qsizetype start(int i) const { return contains(i) ? m_words[size_t(i)].start : -1; }
    [[nodiscard]] qsizetype end(int i) const { return contains(i) ? m_words[size_t(i)].end : -1; }
    // In increasing order.
    [[nodiscard]] std::span<const int> children(int i) const
    {
        if (!contains(i))
            return {};
        return std::span<const int>(
            m_children.data() + m_childStart[size_t(i)], size_t(m_childStart[size_t(i) + 1] - m_childStart[size_t(i)]));
    }
    // The first child of `i` with relation `d`; -1 when none.
    [[nodiscard]] int child(int i, Dep d) const;
    [[nodiscard]] bool isNominal(int i) const;
    [[nodiscard]] bool isVerbal(int i) const; // a verb, or a nominal or adjectival predicate with a copula
    // The preposition a nominal takes ("on" in "sanctions on Iran"), lower-cased; empty when none.
    [[nodiscard]] QString caseOf(int i) const;
    // The head word among the words that overlap [start, end): the one whose head lies outside them; -1 when no
    // word overlaps.
    [[nodiscard]] int headOf(qsizetype start, qsizetype end) const;

private:
    QStringView m_text;
    std::vector<ModelWord> m_words;
    std::vector<int> m_heads;
    std::vector<Dep> m_deps;
    std::vector<learn::Upos> m_tags;
    // The children of word i are m_children[m_childStart[i]] to m_children[m_childStart[i + 1] - 1]: two arrays for
    // the whole tree, where a list per word cost an allocation for every word with a dependent.
    std::vector<int> m_childStart;
    std::vector<int> m_children;
};

// What an actor does in a clause: acts (the subject, the "by" agent of a passive or of a noun, the possessor of an
// event noun), undergoes (an object, the subject of a passive, a prepositional complement), takes part in a
// joint relation ("between A and B"), or only sets the scene ("talks in Kazakhstan", "amid tensions with Iran").
enum class Role : quint8 { None, Agent, Patient, Joint, Scene };

struct Argument
{
    int predicate = -1; // the word the actor is an argument of: a verb or an event noun
    Role role = Role::None;
    // The word that stands in the predicate for the actor: its own after coordination and apposition ("B" in "A
    // and B" stands where "A" does), or the noun phrase it is part of ("forces" in "the forces of A").
    int node = -1;
};

// The roles the actor whose head word is `word` plays, innermost first: at its own head, and in turn at the heads
// of the noun phrases it is part of ("condemned Israel's aggression": the possessor acts in the aggression and
// undergoes the condemnation; "the forces of A left B": A acts through its forces). `isBackground` tells
// a preposition that sets a scene ("amid", "despite"): a complement behind one is no argument.
template<typename BackgroundTest>
std::vector<Argument> argumentsOf(const ParseTree &t, int word, BackgroundTest isBackground);

// The predicates that share the event of `predicate`, nearest first, starting with itself: the verb an event noun
// is the object of ("imposed sanctions"), the verb that controls an infinitive ("agreed to impose"), the first of
// coordinated verbs that lends its subject ("met and signed"). A clause of its own (reported speech, an adverbial
// or relative clause) ends the chain: "X said Y attacked Z" does not make X attack Z.
template<typename BackgroundTest>
std::vector<int> predicateChain(const ParseTree &t, int predicate, BackgroundTest isBackground);

// Who acts in `predicate`: its subject (for a relative pronoun the noun the clause hangs on), the "by" agent, a
// noun's possessor or its modifier ("U.S. sanctions"), or for an infinitive the one its verb puts to act ("urged Y
// to", object first) or its own subject ("agreed to"). -1 when nobody does.
[[nodiscard]] int agentOf(const ParseTree &t, int predicate);

// The word an actor's head word stands as: the first of coordinated nominals, the noun an apposition explains.
[[nodiscard]] int argumentNode(const ParseTree &t, int word);

// Whether the relative clause at `clause` relates its noun as its object ("the drones that North Korea flew").
[[nodiscard]] bool hasObjectRelative(const ParseTree &t, int clause);

// ---- templates

template<typename BackgroundTest>
std::vector<Argument> argumentsOf(const ParseTree &t, int word, BackgroundTest isBackground)
{
    std::vector<Argument> out;
    if (word < 0 || word >= t.size())
        return out;
    // An actor inside a noun phrase stands for it in the clause too: "supports the unity of Iraq", "the armed
    // forces of the United States should leave", "condemned Israel's aggression".
    int x = argumentNode(t, word);
    for (int depth = 0; depth < 4; ++depth) {
        const int h = t.head(x);
        if (h < 0)
            break;
        Argument a;
        a.node = x;
        a.predicate = h;
        bool inside = false; // x modifies the noun h, whose own place in the clause counts too
        // "a US-drafted resolution", "the Saudi-led coalition": the name joined by a hyphen to a participle that
        // describes a noun acts in it, as a possessor would ("the US's resolution").
        if ((t.dep(x) == Dep::Compound || (t.dep(x) == Dep::Obl && t.caseOf(x).isEmpty())) && t.dep(h) == Dep::Amod
            && t.tag(h) == learn::Upos::VERB && h == x + 2 && t.word(x + 1) == u"-" && t.isNominal(t.head(h))) {
            a.role = Role::Agent;
            out.push_back(a);
            x = h;
            continue;
        }
        switch (t.dep(x)) {
        case Dep::Nsubj:
            a.role = Role::Agent;
            // "China demanded that the Philippines withdraw": the subject of a complement clause is whom the
            // demand is addressed to (for "X said Y attacked Z" the statement names no event: no relation).
            if (t.dep(h) == Dep::Ccomp && t.head(h) >= 0)
                out.push_back({ t.head(h), Role::Patient, x });
            // "South Korea shot down two drones that North Korea had flown": the subject of an object relative
            // clause stands in the clause of the noun it describes, as its possessor would ("North Korea's drones").
            if (t.dep(h) == Dep::AclRelcl && t.head(h) >= 0 && hasObjectRelative(t, h)) {
                out.push_back(a);
                x = argumentNode(t, t.head(h));
                continue;
            }
            break;
        case Dep::OblAgent:
            a.role = Role::Agent;
            break;
        case Dep::NsubjPass:
        case Dep::Obj:
        case Dep::Iobj:
            a.role = Role::Patient;
            break;
        case Dep::Obl:
        case Dep::Nmod: {
            const QString prep = t.caseOf(x);
            // "praised France's support for Ukraine", parsed with "for Ukraine" on the verb: a complement right after
            // an object noun that has a possessor of its own is that noun's.
            if (t.dep(x) == Dep::Obl && (prep == u"for" || prep == u"on" || prep == u"against" || prep == u"with")) {
                const int object = t.child(h, Dep::Obj);
                if (object >= 0 && object < x && t.isNominal(object) && !t.isVerbal(object)
                    && t.child(object, Dep::NmodPoss) >= 0) {
                    // The object's phrase ends right where the complement's begins.
                    int last = object;
                    for (int steps = 0; steps < 8 && !t.children(last).empty() && t.children(last).back() > last;
                         ++steps)
                        last = t.children(last).back();
                    int first = x;
                    for (int steps = 0; steps < 8 && !t.children(first).empty() && t.children(first).front() < first;
                         ++steps)
                        first = t.children(first).front();
                    if (last + 1 == first) {
                        out.push_back({ object, Role::Patient, x });
                        return out;
                    }
                }
            }
            if (isBackground(prep)) {
                out.push_back({ h, Role::Scene, x });
                return out;
            }
            // "loans from Taiwan", "a protest from Manila": the source of what a noun names acts in it, as its
            // possessor would ("Taiwan's loans").
            const bool source = prep == u"from" && t.dep(x) == Dep::Nmod && t.isNominal(h) && !t.isVerbal(h);
            a.role = prep == u"by" || source                                     ? Role::Agent
                : (prep == u"between" || prep == u"among" || prep == u"amongst") ? Role::Joint
                                                                                 : Role::Patient;
            // So does the "by" agent of a noun: "speak out against the embargo against Cuba by the United States" is
            // about the United States, as "the United States' embargo" would be.
            inside = t.dep(x) == Dep::Nmod && (prep == u"of" || prep == u"by" || source) && t.isNominal(h);
            break;
        }
        case Dep::NmodPoss:
        case Dep::Compound:
        case Dep::Amod:
            if (!t.isNominal(h))
                return out;
            a.role = Role::Agent;
            inside = true;
            break;
        default:
            return out;
        }
        out.push_back(a);
        if (!inside)
            break;
        x = argumentNode(t, h);
    }
    return out;
}

template<typename BackgroundTest>
std::vector<int> predicateChain(const ParseTree &t, int predicate, BackgroundTest isBackground)
{
    std::vector<int> out;
    int p = predicate;
    while (p >= 0 && out.size() < 8) {
        out.push_back(p);
        const int h = t.head(p);
        if (h < 0)
            break;
        bool up = false;
        switch (t.dep(p)) {
        case Dep::Obj:
        case Dep::NsubjPass:
            up = t.isNominal(p) && t.isVerbal(h); // "imposed sanctions on"
            break;
        case Dep::Obl:
            up = t.isNominal(p) && t.isVerbal(h) && !isBackground(t.caseOf(p)); // "took part in talks with"
            break;
        case Dep::Nmod:
            // "the lifting of sanctions on", "provide $1 billion in aid to"
            up = t.isNominal(p) && t.isNominal(h) && !isBackground(t.caseOf(p));
            break;
        case Dep::Xcomp:
            up = true; // "agreed to impose", "urged Y to stop"
            break;
        case Dep::Conj:
            // "met and signed": the first verb lends its subject; "solidarity and co-operation with": the first
            // noun its place in the clause.
            up = (t.isVerbal(p) && t.isVerbal(h) && t.child(p, Dep::Nsubj) < 0 && t.child(p, Dep::NsubjPass) < 0)
                || (t.isNominal(p) && !t.isVerbal(p) && t.isNominal(h) && !t.isVerbal(h));
            break;
        default:
            break;
        }
        if (!up)
            break;
        p = h;
    }
    return out;
}

} // namespace entente::rel

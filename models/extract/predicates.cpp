#include "predicates.h"

#include "learn/depparser.h"

#include <array>

namespace entente::rel {

Dep depFromName(QStringView label)
{
    struct Name
    {
        QStringView name;
        Dep dep;
    };
    // Full names first: a subtype named here wins over its main type.
    static constexpr std::array<Name, 21> full { {
        { u"root", Dep::Root },
        { u"nsubj:pass", Dep::NsubjPass },
        { u"obl:agent", Dep::OblAgent },
        { u"nmod:poss", Dep::NmodPoss },
        { u"acl:relcl", Dep::AclRelcl },
        { u"compound:prt", Dep::Other },
        { u"nsubj", Dep::Nsubj },
        { u"obj", Dep::Obj },
        { u"iobj", Dep::Iobj },
        { u"obl", Dep::Obl },
        { u"nmod", Dep::Nmod },
        { u"compound", Dep::Compound },
        { u"amod", Dep::Amod },
        { u"appos", Dep::Appos },
        { u"flat", Dep::Flat },
        { u"conj", Dep::Conj },
        { u"case", Dep::Case },
        { u"xcomp", Dep::Xcomp },
        { u"ccomp", Dep::Ccomp },
        { u"advcl", Dep::Advcl },
        { u"acl", Dep::Acl },
    } };
    for (const Name &n : full) {
        if (label == n.name)
            return n.dep;
    }
    const qsizetype colon = label.indexOf(u':');
    if (colon > 0) {
        const QStringView main = label.first(colon);
        if (main == u"parataxis")
            return Dep::Parataxis;
        if (main == u"advcl")
            return Dep::Advcl; // advcl:relcl
        for (const Name &n : full) {
            if (main == n.name)
                return n.dep;
        }
    }
    return label == u"parataxis" ? Dep::Parataxis : Dep::Other;
}

ParseTree::ParseTree(const SentenceParse &parse, QStringView text)
    : m_text(text)
    , m_words(parse.words)
    , m_heads(parse.heads)
    , m_tags(parse.tags)
{
    const size_t n = std::min({ m_words.size(), m_heads.size(), m_tags.size(), parse.labels.size() });
    m_words.resize(n);
    m_heads.resize(n);
    m_tags.resize(n);
    m_deps.resize(n, Dep::Other);
    // One lookup per label name, once: the shipped parser's names never change.
    static const std::vector<Dep> byLabel = [] {
        const QStringList &names = learn::DependencyParser::shared().labelNames();
        std::vector<Dep> deps(size_t(names.size()));
        for (qsizetype i = 0; i < names.size(); ++i)
            deps[size_t(i)] = depFromName(names[i]);
        return deps;
    }();
    m_childStart.assign(n + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        const quint8 l = parse.labels[i];
        m_deps[i] = l < byLabel.size() ? byLabel[l] : Dep::Other;
        if (m_heads[i] < -1 || m_heads[i] >= int(n) || m_heads[i] == int(i))
            m_heads[i] = -1;
        if (m_heads[i] >= 0)
            ++m_childStart[size_t(m_heads[i]) + 1];
    }
    for (size_t i = 0; i < n; ++i)
        m_childStart[i + 1] += m_childStart[i];
    // Filled in increasing order of the child, as each head's list was.
    m_children.resize(size_t(m_childStart[n]));
    std::vector<int> next(m_childStart.cbegin(), m_childStart.cend() - 1);
    for (size_t i = 0; i < n; ++i) {
        if (m_heads[i] >= 0)
            m_children[size_t(next[size_t(m_heads[i])]++)] = int(i);
    }
}

QStringView ParseTree::word(int i) const
{
    if (!contains(i))
        return {};
    const ModelWord &w = m_words[size_t(i)];
    return m_text.sliced(w.start, w.end - w.start);
}

int ParseTree::child(int i, Dep d) const
{
    for (const int c : children(i)) {
        if (m_deps[size_t(c)] == d)
            return c;
    }
    return -1;
}

bool ParseTree::isNominal(int i) const
{
    const learn::Upos t = tag(i);
    return t == learn::Upos::NOUN || t == learn::Upos::PROPN || t == learn::Upos::PRON || t == learn::Upos::NUM;
}

bool ParseTree::isVerbal(int i) const
{
    if (tag(i) == learn::Upos::VERB)
        return true;
    // "X is hostile to Y", "X is a partner of Y": a predicate with a copula.
    for (const int c : children(i)) {
        if (m_tags[size_t(c)] == learn::Upos::AUX && m_deps[size_t(c)] == Dep::Other && word(c).size() <= 5) {
            const QString w = word(c).toString().toLower();
            if (w == u"is" || w == u"are" || w == u"was" || w == u"were" || w == u"be" || w == u"been" || w == u"'s")
                return true;
        }
    }
    return false;
}

QString ParseTree::caseOf(int i) const
{
    // The first preposition; a multi-word one ("because of", "in front of") counts by its first word.
    for (const int c : children(i)) {
        if (m_deps[size_t(c)] == Dep::Case && c < i)
            return word(c).toString().toLower();
    }
    // "between North and South Korea": a parser may hang the preposition on the first word of the name.
    for (const int c : children(i)) {
        if (c >= i)
            break;
        if (m_deps[size_t(c)] != Dep::Compound)
            continue;
        for (const int g : children(c)) {
            if (m_deps[size_t(g)] == Dep::Case && g < c)
                return word(g).toString().toLower();
        }
    }
    return {};
}

int ParseTree::headOf(qsizetype start, qsizetype end) const
{
    int first = -1;
    int last = -1;
    for (int i = 0; i < size(); ++i) {
        if (m_words[size_t(i)].end <= start)
            continue;
        if (m_words[size_t(i)].start >= end)
            break;
        if (first < 0)
            first = i;
        last = i;
    }
    if (first < 0)
        return -1;
    for (int i = first; i <= last; ++i) {
        const int h = m_heads[size_t(i)];
        if (h < first || h > last)
            return i;
    }
    return last;
}

int argumentNode(const ParseTree &t, int word)
{
    int x = word;
    for (int steps = 0; steps < 16; ++steps) {
        const int h = t.head(x);
        if (h < 0)
            break;
        const Dep d = t.dep(x);
        // "A and B", "A, B and C"; "the Republic of Korea, a member of ...": the first conjunct or the noun
        // explained stands in the clause.
        // A conjunct of a common noun ("visits to Russia, the U.S." read as "visits ... and the U.S.") is a
        // parser's slip, not a list of actors.
        const bool named = t.tag(h) == learn::Upos::PROPN || t.tag(h) == learn::Upos::PRON
            || (!t.word(h).isEmpty() && t.word(h).front().isUpper());
        // "the German and French Governments", "Greek and Turkish leaders": coordinated adjectives of nationality
        // stand where the first does.
        const bool nationality = d == Dep::Conj && t.tag(h) == learn::Upos::ADJ && t.dep(h) == Dep::Amod && named;
        if (((d == Dep::Conj || d == Dep::Appos) && t.isNominal(h) && (named || d == Dep::Appos)) || nationality) {
            x = h;
            continue;
        }
        // "we pay a tribute to the Ambassador of France ..., and to the Ambassadors of the United States", parsed with
        // the second phrase as a conjunct of a verb: a phrase with a preposition coordinated after one with the same
        // preposition stands where that one does.
        if (d == Dep::Conj && t.isNominal(x) && t.tag(h) == learn::Upos::VERB) {
            const QString prep = t.caseOf(x);
            int earlier = -1;
            for (int y = x - 1; y >= 0 && !prep.isEmpty() && earlier < 0; --y) {
                if ((t.dep(y) == Dep::Obl || t.dep(y) == Dep::Nmod) && t.isNominal(y) && t.caseOf(y) == prep)
                    earlier = y;
            }
            if (earlier >= 0) {
                x = earlier;
                continue;
            }
        }
        // "Turkey, a NATO member that bought ..., agreed": a parser may read the apposition as a second subject of
        // the verb. A common noun after a comma behind the first subject explains it.
        if (d == Dep::Nsubj && t.tag(x) == learn::Upos::NOUN) {
            int first = -1;
            for (const int c : t.children(h)) {
                if (c >= x)
                    break;
                if (t.dep(c) == Dep::Nsubj)
                    first = c;
            }
            if (first >= 0 && t.tag(x - 1) != learn::Upos::CCONJ) {
                bool comma = false;
                for (int k = first + 1; k < x && !comma; ++k)
                    comma = t.head(k) == first && t.word(k) == u",";
                if (comma) {
                    x = first;
                    continue;
                }
            }
        }
        // "the signing of a treaty by the United States, the United Kingdom and the Soviet Union", parsed with the
        // later names as conjuncts of "treaty": a name coordinated with a common noun continues the list of the
        // name that noun governs before it.
        if (d == Dep::Conj && !named && t.isNominal(x) && t.tag(x) == learn::Upos::PROPN) {
            int earlier = -1;
            for (const int c : t.children(h)) {
                if (c >= x)
                    break;
                if ((t.dep(c) == Dep::Nmod || t.dep(c) == Dep::Obl) && t.tag(c) == learn::Upos::PROPN)
                    earlier = c;
            }
            if (earlier >= 0) {
                x = earlier;
                continue;
            }
        }
        break;
    }
    return x;
}

namespace {

bool isRelativePronoun(QStringView w)
{
    return w.compare(u"which", Qt::CaseInsensitive) == 0 || w.compare(u"who", Qt::CaseInsensitive) == 0
        || w.compare(u"that", Qt::CaseInsensitive) == 0;
}

} // namespace

bool hasObjectRelative(const ParseTree &t, int clause)
{
    // The parser may tag "that" a conjunction even where it is the clause's object.
    const int object = t.child(clause, Dep::Obj);
    return object >= 0 && object < clause && (t.tag(object) == learn::Upos::PRON || t.tag(object) == learn::Upos::SCONJ)
        && isRelativePronoun(t.word(object));
}

int agentOf(const ParseTree &t, int p)
{
    for (int steps = 0; p >= 0 && steps < 8; ++steps) {
        const int subject = t.child(p, Dep::Nsubj);
        if (subject >= 0) {
            if (isRelativePronoun(t.word(subject)) && t.tag(subject) == learn::Upos::PRON) {
                // "China, which attacked Vietnam": the noun the clause hangs on, or (when the parser reads the
                // clause as one of its own) the noun right before the pronoun.
                if (t.dep(p) == Dep::AclRelcl)
                    return argumentNode(t, t.head(p));
                int before = subject - 1;
                if (before >= 0 && t.tag(before) == learn::Upos::PUNCT)
                    --before;
                return before >= 0 && t.isNominal(before) ? argumentNode(t, before) : -1;
            }
            return argumentNode(t, subject);
        }
        for (const int c : t.children(p)) {
            const Dep d = t.dep(c);
            if (d == Dep::OblAgent || ((d == Dep::Obl || d == Dep::Nmod) && t.caseOf(c) == u"by"))
                return argumentNode(t, c);
        }
        if (t.isNominal(p) && !t.isVerbal(p)) {
            // "Russia's invasion", "U.S. sanctions", "Chinese aggression".
            for (const int c : t.children(p)) {
                const Dep d = t.dep(c);
                if (d == Dep::NmodPoss || ((d == Dep::Compound || d == Dep::Amod) && c < p))
                    return argumentNode(t, c);
            }
            // "loans from Taiwan", "a rebuke from Washington".
            for (const int c : t.children(p)) {
                if (t.dep(c) == Dep::Nmod && c > p && t.caseOf(c) == u"from")
                    return argumentNode(t, c);
            }
            // "the attack on Chad by Libya": a parser often hangs the "by" phrase on the noun before it.
            for (const int c : t.children(p)) {
                if (t.dep(c) != Dep::Nmod || !t.isNominal(c))
                    continue;
                for (const int g : t.children(c)) {
                    if (t.dep(g) == Dep::Nmod && g > c && t.caseOf(g) == u"by")
                        return argumentNode(t, g);
                }
            }
            return -1;
        }
        if (t.child(p, Dep::NsubjPass) >= 0) {
            // "imposed on Iran by Britain": a parser often hangs the "by" phrase on the noun before it.
            for (const int c : t.children(p)) {
                if (t.dep(c) != Dep::Obl || !t.isNominal(c))
                    continue;
                for (const int g : t.children(c)) {
                    if (t.dep(g) == Dep::Nmod && g > c && t.caseOf(g) == u"by")
                        return argumentNode(t, g);
                }
            }
            return -1; // a passive without its agent
        }
        const int h = t.head(p);
        if (h < 0)
            return -1;
        switch (t.dep(p)) {
        case Dep::Xcomp: {
            // "urged Iran to stop": the object acts; "agreed to expand": the subject.
            int object = t.child(h, Dep::Obj);
            if (object < 0)
                object = t.child(h, Dep::Iobj); // "urged Germany to help": parsers read either
            if (object >= 0 && object < p)
                return argumentNode(t, object);
            p = h;
            continue;
        }
        case Dep::Conj:
            if (t.isVerbal(h)) {
                // "Argentina's president said the Falkland Islands belong to Argentina and demanded that Britain
                // return", parsed with "demanded" as a conjunct of the reported verb: a verb with a reported clause
                // of its own, coordinated inside another one, shares the reporting verb's subject.
                if (t.dep(h) == Dep::Ccomp && t.child(p, Dep::Ccomp) >= 0 && t.head(h) >= 0 && t.head(h) < h) {
                    p = t.head(h);
                    continue;
                }
                p = h; // "met and signed": the first verb's subject
                continue;
            }
            return -1;
        case Dep::AclRelcl:
            return -1; // its subject is a relative pronoun when it has one (above); an object relative otherwise
        case Dep::Advcl:
        case Dep::Parataxis: {
            // "The United Kingdom, which left the European Union in 2020, signed a free trade agreement": a parser
            // may take the relative clause for the main one (both subjects on "left") and hang the main verb on
            // it. The noun before the relative pronoun is the subject of the verb after the clause.
            int noun = -1;
            int relative = -1;
            for (const int c : t.children(h)) {
                if (t.dep(c) != Dep::Nsubj)
                    continue;
                if (isRelativePronoun(t.word(c)) && t.tag(c) == learn::Upos::PRON)
                    relative = c;
                else if (t.isNominal(c))
                    noun = c;
            }
            if (noun >= 0 && relative > noun && p > relative && h > relative)
                return argumentNode(t, noun);
            return -1;
        }
        case Dep::Acl:
            // "the decision of the United Kingdom to impose an embargo": the noun's possessor or "of" complement.
            for (const int c : t.children(h)) {
                if (t.dep(c) == Dep::NmodPoss || (t.dep(c) == Dep::Nmod && t.caseOf(c) == u"of" && c < p))
                    return argumentNode(t, c);
            }
            return -1;
        default:
            return -1;
        }
    }
    return -1;
}

} // namespace entente::rel

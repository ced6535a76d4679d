#include "gazetteerfeatures.h"

#include "gazetteer.h"

#include <QFile>
#include <QString>

namespace entente::learn {

namespace {

// The pipeline's tokenizer (tokenstream.h), so that the bits name the tokens the gazetteer matches.
using GazetteerToken = entente::Token;
void tokenizeText(QStringView text, std::vector<GazetteerToken> &out)
{
    entente::tokenize(text, out);
}
constexpr quint16 kWordToken = GazetteerToken::Word;
constexpr quint16 kHanToken = GazetteerToken::Han;
constexpr quint16 kLowerToken = GazetteerToken::Lower;
constexpr quint16 kCapitalisedToken = GazetteerToken::Capitalised;
constexpr quint16 kAllCapsToken = GazetteerToken::AllCaps;

quint32 kindBits(const GazetteerEntry &e)
{
    switch (e.kind) {
    case EntityKind::Country:
        if (e.method == u"demonym")
            return GazetteerFeatures::Demonym;
        if (e.method == u"capital")
            return GazetteerFeatures::Capital;
        return GazetteerFeatures::Country;
    case EntityKind::Person:
        return GazetteerFeatures::Person;
    case EntityKind::Organization:
        return GazetteerFeatures::Organization;
    case EntityKind::Place:
        return GazetteerFeatures::Place;
    case EntityKind::Region:
        return GazetteerFeatures::Region;
    case EntityKind::Event:
        return GazetteerFeatures::Event;
    case EntityKind::Money:
        break;
    }
    return 0;
}

quint32 caselessBits(quint32 kind)
{
    if (kind
        & (GazetteerFeatures::Country | GazetteerFeatures::Capital | GazetteerFeatures::Place
            | GazetteerFeatures::Region))
        return GazetteerFeatures::CaselessLocation;
    if (kind & GazetteerFeatures::Person)
        return GazetteerFeatures::CaselessPerson;
    if (kind & GazetteerFeatures::Organization)
        return GazetteerFeatures::CaselessOrganization;
    return kind ? quint32(GazetteerFeatures::CaselessOther) : 0u;
}

// Per thread, so that bits() allocates nothing once warm.
struct Scratch
{
    QString text;
    std::vector<qsizetype> starts; // of each word in `text`
    std::vector<GazetteerToken> tokens;
    std::vector<GazetteerToken> caseless;
    std::vector<int> wordOf; // of each token
    std::vector<bool> firstOfWord; // the token starts its word
};

// The words of a list compiled in with the gazetteer's files (one a line after '#' comments), by token hash: each
// line's first token if it is a word; `whole`: only lines that are one word.
std::vector<quint64> listedWords(const QString &file, bool whole)
{
    std::vector<quint64> words;
    QFile list(QStringLiteral(":/gazetteer/") + file);
    if (!list.open(QIODevice::ReadOnly)) {
        qWarning("GazetteerFeatures: cannot read %s", qPrintable(file));
        return words;
    }
    const QString text = QString::fromUtf8(list.readAll());
    std::vector<GazetteerToken> tokens;
    for (const QStringView line : QStringView(text).split(u'\n')) {
        const QStringView word = line.trimmed();
        if (word.isEmpty() || word.startsWith(u'#'))
            continue;
        tokenizeText(word, tokens);
        if (!tokens.empty() && (tokens.front().flags & kWordToken) && (!whole || tokens.size() == 1))
            words.push_back(tokens.front().hash);
    }
    return words;
}

} // namespace

struct GazetteerFeatures::Names
{
    TokenHashMap words; // token hash -> GivenName | Surname
};

GazetteerFeatures::GazetteerFeatures()
{
    auto names = std::make_unique<Names>();
    const Gazetteer &g = Gazetteer::shared();
    std::vector<GazetteerToken> tokens;
    std::vector<quint64> parts;
    for (qsizetype e = 0; e < g.entryCount(); ++e) {
        const GazetteerEntry &entry = g.entry(int(e));
        if (entry.kind != EntityKind::Person)
            continue;
        tokenizeText(entry.form, tokens);
        // The capitalised words of the name without initials ("A. F. M. Ruhul Haque": Ruhul, Haque; "Abdullah
        // bin Zayed": Abdullah, Zayed).
        parts.clear();
        for (size_t k = 0; k < tokens.size(); ++k) {
            const GazetteerToken &t = tokens[k];
            const bool initial = t.end - t.start < 2
                || (k + 1 < tokens.size() && tokens[k + 1].start == t.end && entry.form[t.end] == u'.');
            if ((t.flags & kWordToken) && (t.flags & kCapitalisedToken) && !(t.flags & kHanToken) && !initial)
                parts.push_back(t.hash);
        }
        // A single word ("AMLO") is neither.
        if (parts.size() < 2)
            continue;
        names->words[parts.front()] |= GivenName;
        names->words[parts.back()] |= Surname;
    }
    for (const quint64 word : listedWords(QStringLiteral("givennames.txt"), true))
        names->words[word] |= CommonGivenName;
    // "Inc." is the word "Inc" and a full stop: the word's bit.
    for (const quint64 word : listedWords(QStringLiteral("orgwords.txt"), false))
        names->words[word] |= OrgWord;
    names->words.forEachKey([&](quint64 key) {
        const quint32 v = names->words.value(key);
        m_givenNames += (v & GivenName) ? 1 : 0;
        m_surnames += (v & Surname) ? 1 : 0;
    });
    m_names = std::move(names);
}

GazetteerFeatures::~GazetteerFeatures() = default;

const GazetteerFeatures &GazetteerFeatures::shared()
{
    static const GazetteerFeatures instance;
    return instance;
}

std::vector<quint32> GazetteerFeatures::bits(std::span<const QStringView> words) const
{
    std::vector<quint32> out(words.size());
    bits(words, out);
    return out;
}

void GazetteerFeatures::bits(std::span<const QStringView> words, std::span<quint32> out) const
{
    std::fill(out.begin(), out.end(), 0u);
    if (words.empty())
        return;
    thread_local Scratch s;
    s.text.clear();
    s.starts.resize(words.size());
    for (size_t w = 0; w < words.size(); ++w) {
        if (w)
            s.text.append(u' ');
        s.starts[w] = s.text.size();
        s.text.append(words[w]);
    }
    tokenizeText(s.text, s.tokens);
    const size_t n = s.tokens.size();
    s.wordOf.resize(n);
    s.firstOfWord.resize(n);
    size_t w = 0;
    for (size_t t = 0; t < n; ++t) {
        while (w + 1 < words.size() && s.starts[w + 1] <= s.tokens[t].start)
            ++w;
        s.wordOf[t] = int(w);
        s.firstOfWord[t] = t == 0 || s.wordOf[t - 1] != int(w);
        if (const quint32 *v = m_names->words.find(s.tokens[t].hash); v && (s.tokens[t].flags & kWordToken))
            out[w] |= *v;
    }

    const Gazetteer &g = Gazetteer::shared();
    const auto mark = [&](size_t t, int count, quint32 kind, quint32 flags, quint32 begin, quint32 inside) {
        const int first = s.wordOf[t];
        const int last = s.wordOf[t + size_t(count) - 1];
        for (int k = first; k <= last; ++k) {
            out[size_t(k)] |= kind | flags;
            if (k < last)
                out[size_t(k)] |= inside;
        }
        if (s.firstOfWord[t])
            out[size_t(first)] |= begin;
    };
    bool anyUncapitalised = false;
    for (size_t t = 0; t < n;) {
        const GazetteerToken &tok = s.tokens[t];
        anyUncapitalised |= (tok.flags & kLowerToken) || (tok.flags & kAllCapsToken);
        const Gazetteer::Match m = g.mayStartMatch(tok) ? g.longestMatch(s.text, s.tokens, t) : Gazetteer::Match {};
        if (m.entry < 0) {
            ++t;
            continue;
        }
        const GazetteerEntry &e = g.entry(m.entry);
        quint32 flags = 0;
        if (e.flags & GazetteerEntry::Ambiguous)
            flags |= Ambiguous;
        if (e.method == u"abbreviation")
            flags |= Abbreviation;
        mark(t, m.tokens, kindBits(e), flags, Begin, Inside);
        t += size_t(m.tokens);
    }
    if (!anyUncapitalised)
        return;
    // Again with every word as if capitalised and in capitals both, so that any case pattern fits (the
    // case-exact abbreviations still compare the text: "us" is no US); only where the first pass found nothing.
    s.caseless.assign(s.tokens.begin(), s.tokens.end());
    for (GazetteerToken &t : s.caseless) {
        if (t.flags & kWordToken)
            t.flags = quint16((t.flags & ~kLowerToken) | kCapitalisedToken | kAllCapsToken);
    }
    for (size_t t = 0; t < n;) {
        if (out[size_t(s.wordOf[t])] & KindMask) {
            ++t;
            continue;
        }
        const GazetteerToken &tok = s.caseless[t];
        const Gazetteer::Match m = g.mayStartMatch(tok) ? g.longestMatch(s.text, s.caseless, t) : Gazetteer::Match {};
        if (m.entry < 0) {
            ++t;
            continue;
        }
        mark(t, m.tokens, caselessBits(kindBits(g.entry(m.entry))), 0, CaselessBegin, 0);
        t += size_t(m.tokens);
    }
}

} // namespace entente::learn

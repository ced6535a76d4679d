#include "entities.h"
#include "tokenhash.h"

#include "learn/nertagger.h"
#include "names.h"
#include "wordlists.h"

#include <QDate>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <vector>

namespace entente {

namespace {

// Word classes of the recogniser (resources/lexicon/entities.tsv), one look-up a token for all of them, and the
// hashes of the few tokens the passes test one by one.
struct Lexicon
{
    // Bit i is the i-th class of the data file (kClassNames).
    enum Class : quint32 {
        Title = 1u << 0, // words before a person's name: President, Minister, Mr, spokesperson, ...
        StopCap = 1u << 1, // capitalised words that never start a name: The, In, May, ...
        NonNameOnly = 1u << 2, // other capitalised words that are no part of a person's name
        HeadOrganization = 1u << 3, // last word of an organisation name: Institute, Ministry, ...
        HeadEvent = 1u << 4, // last word of an event name: Summit, Forum, Games, ...
        Connector = 1u << 5, // small words inside a name: of, for, and, on, the, de, &
        Tail = 1u << 6, // words after a head word that continue the name: of, for, on
        Locative = 1u << 7, // before a capital used as a place: in, at, to, from, ...
        RoleNoun = 1u << 8, // "X, a researcher at": researcher, professor, ...
        RoleModifier = 1u << 9, // assistant, senior, ...
        Article = 1u << 10, // a, an, the
        Said = 1u << 11, // said, says, told, ...
        VetoAfter = 1u << 12, // "China ware", "turkey dinner", "the Niger river"
        Ordinal = 1u << 13, // first, second, ...
        Honorific = 1u << 14, // Mr, Ms, Mrs, Dr
        EventAdjective = 1u << 15, // virtual summit, emergency summit
        LowerEvent = 1u << 16, // summit, forum (lower case, after an event adjective)
        NamedAfterPlace = 1u << 17, // "the Paris Agreement", "Rome Statute", "Minsk talks": the city, no actor
        TitleModifier = 1u << 18, // words inside a title before its head: Prime, Foreign, Deputy, ...
        Document = 1u << 19, // treaty, agreement, statute: a name ending in one names a document
        Particle = 1u << 20, // lower-case particles of people's names: al, bin, van, von, de, ...
        Arrival = 1u << 21, // arrived, landed: "arrived in Beijing" comes to the government, not to a scene
        PlacePrefix = 1u << 22, // New: "New Mexico" names a place after Mexico, not Mexico
        Compass = 1u << 23, // North, South, East, West: "New South Wales"
        WaterBody = 1u << 24, // Gulf, Sea, Strait, Isthmus: "the Gulf of Guinea" is no mention of Guinea
        Storm = 1u << 25, // Hurricane, Cyclone, Typhoon: "Hurricane Irma" is an event, not a person
        LegalForm = 1u << 26, // Corp, Inc, Ltd: an abbreviated legal form that ends a company's name, with its dot
        PlaceNoun = 1u << 27, // city, town, province: "the city of El Fasher" names a place
        PlaceHead = 1u << 28, // Shoal, Reef, Islands, River: "Second Thomas Shoal" is a place, not a person
        NameOpener = 1u << 29, // All, New, One: a stop-cap word that, capitalised inside a sentence, opens a name
        CompanyNoun = 1u << 30, // shares, shareholders, CEO: "Boeing's shareholders", "Siemens shares" name a company
        NonName = StopCap | NonNameOnly, // no part of a person's name
        Head = HeadOrganization | HeadEvent,
    };
    WordClasses words { QStringLiteral("entities.tsv"),
        { QStringLiteral("title"), QStringLiteral("stop-cap"), QStringLiteral("non-name"),
            QStringLiteral("head-organization"), QStringLiteral("head-event"), QStringLiteral("connector"),
            QStringLiteral("tail"), QStringLiteral("locative"), QStringLiteral("role-noun"),
            QStringLiteral("role-modifier"), QStringLiteral("article"), QStringLiteral("said"),
            QStringLiteral("veto-after"), QStringLiteral("ordinal"), QStringLiteral("honorific"),
            QStringLiteral("event-adjective"), QStringLiteral("lower-event"), QStringLiteral("named-after-place"),
            QStringLiteral("title-modifier"), QStringLiteral("document"), QStringLiteral("particle"),
            QStringLiteral("arrival"), QStringLiteral("place-prefix"), QStringLiteral("compass"),
            QStringLiteral("water-body"), QStringLiteral("storm"), QStringLiteral("legal-form"),
            QStringLiteral("place-noun"), QStringLiteral("place-head"), QStringLiteral("name-opener"),
            QStringLiteral("company-noun") } };
    quint64 hyphen = wordHash(u"-");
    quint64 apostrophe = wordHash(u"'");
    quint64 comma = wordHash(u",");
    quint64 period = wordHash(u".");
    quint64 openParen = wordHash(u"(");
    quint64 closeParen = wordHash(u")");
    quint64 colon = wordHash(u":");
    quint64 by = wordHash(u"by");
    quint64 according = wordHash(u"according");
    quint64 to = wordHash(u"to");
    quint64 s = wordHash(u"s");
    quint64 congress = wordHash(u"Congress");
    quint64 party = wordHash(u"Party");
    quint64 of = wordHash(u"of");
    quint64 the = wordHash(u"the");
    quint64 in = wordHash(u"in");
    quint64 andWord = wordHash(u"and");
    quint64 shares = wordHash(u"shares");
    quint64 chief = wordHash(u"chief");
    quint64 executive = wordHash(u"executive");
};

const Lexicon &lexicon()
{
    static const Lexicon instance;
    return instance;
}

struct Candidate
{
    size_t first = 0; // token range [first, last)
    size_t last = 0;
    qsizetype start = 0; // UTF-16 span
    qsizetype end = 0;
    EntityKind kind = EntityKind::Country;
    QString id;
    QString name;
    QString country;
    QString method;
    QString role;
    double confidence = 1.0;
    int entry = -1;
    bool ambiguous = false;
    bool removed = false;
};

// The recogniser's per-token arrays, kept by each thread from one document to the next: allocating and
// freeing them for every document (a speech has thousands of tokens) cost more than filling them.
struct RecogniserBuffers
{
    std::vector<int> owner;
    std::vector<quint32> cls;
    std::vector<quint8> sentenceStart; // bytes, not std::vector<bool>: set and read for every token
    std::vector<Candidate> cands;

    // The lexicon classes of the words met lately, by token hash (16 KB, smaller than the lexicon's own table).
    TokenHashMemo<quint32> known;

    // A very long text's arrays are not kept: a thread would hold them for good.
    void release()
    {
        constexpr size_t keep = 1u << 18; // tokens: about 10 MB of arrays
        if (owner.capacity() > keep) {
            owner = {};
            cls = {};
            sentenceStart = {};
        }
        if (cands.capacity() > keep / 16)
            cands = {};
        else
            cands.clear(); // no strings held between documents
    }
};

RecogniserBuffers &recogniserBuffers()
{
    thread_local RecogniserBuffers buffers;
    return buffers;
}

class Recogniser
{
public:
    Recogniser(const TokenStream &ts, const PartialDate &date)
        : m_ts(ts)
        , m_text(ts.text())
        , m_tokens(ts.tokens())
        , m_n(m_tokens.size())
        , m_g(Gazetteer::shared())
        , m_lx(lexicon())
    {
        // The thread's arrays are borrowed (swapped in, and back out by the destructor): members, not
        // references, so that the passes read them without one more indirection.
        RecogniserBuffers &b = recogniserBuffers();
        m_owner.swap(b.owner);
        m_cls.swap(b.cls);
        m_sentenceStart.swap(b.sentenceStart);
        m_cands.swap(b.cands);
        m_cands.clear();
        if (date.isValid())
            m_date = QDate(date.year, date.month > 0 ? date.month : 7, date.day > 0 ? date.day : 1);
        const size_t n = m_n;
        m_owner.assign(n, -1);
        m_cls.resize(n);
        m_sentenceStart.resize(n);
        // Both arrays in one pass over the tokens, through plain pointers: the vectors' sizes and data are not
        // reloaded for each token. A token starts a sentence when it is the text's first, its sentence is not
        // the previous token's, or a line break that ends something comes before it.
        const Token *tokens = m_tokens.data();
        quint32 *cls = m_cls.data();
        quint8 *sentenceStart = m_sentenceStart.data();
        quint32 present = 0;
        for (size_t i = 0; i < n; ++i) {
            const Token &t = tokens[i];
            quint32 c = 0;
            if (t.is(Token::Word))
                c = b.known.get(t.hash, [&] { return m_lx.words.ofToken(t); });
            cls[i] = c;
            present |= c;
            sentenceStart[i] = i == 0 || t.sentence != tokens[i - 1].sentence || t.is(Token::Break);
        }
        m_present = present;
    }

    ~Recogniser()
    {
        RecogniserBuffers &b = recogniserBuffers();
        m_owner.swap(b.owner);
        m_cls.swap(b.cls);
        m_sentenceStart.swap(b.sentenceStart);
        m_cands.swap(b.cands);
        b.release();
    }
    Recogniser(const Recogniser &) = delete;
    Recogniser &operator=(const Recogniser &) = delete;

    QList<EntityMention> run()
    {
        dictionaryPass();
        resolveAmbiguous();
        formPass();
        stormPass();
        placeNounPass();
        personPass();
        modelPass();
        placeHeadPass();
        companyPass();
        headPass();
        acronymPass();
        aliasPass();
        return output();
    }

private:
    // m_n rather than a vector's size(): the helpers below run for nearly every token in every pass, and a size
    // is a subtraction, a shift and (for a Token of 40 bytes) a multiplication each time.
    [[nodiscard]] bool has(size_t i, quint32 cls) const { return i < m_n && (m_cls[i] & cls); }
    // Whether any token of the document has one of the classes: a pass that starts only at such a word is skipped.
    [[nodiscard]] bool present(quint32 cls) const { return m_present & cls; }
    [[nodiscard]] bool isWord(size_t i) const { return i < m_n && m_tokens[i].is(Token::Word); }
    // A hyphen with no space on either side, joining two words into one ("sub-Saharan", "Kai-shek").
    [[nodiscard]] bool gluedHyphen(size_t i) const
    {
        return i > 0 && i + 1 < m_n && !m_tokens[i].is(Token::Word) && !m_tokens[i].is(Token::SpaceBefore)
            && !m_tokens[i + 1].is(Token::SpaceBefore) && m_tokens[i].end - m_tokens[i].start == 1
            && (m_text[m_tokens[i].start] == u'-' || m_text[m_tokens[i].start] == QChar(0x2010));
    }
    [[nodiscard]] bool isCapWord(size_t i) const
    {
        // One mask test of the three flags: a word, capitalised, not starting with a digit.
        return i < m_n
            && (m_tokens[i].flags & (Token::Word | Token::Capitalised | Token::Digit))
            == (Token::Word | Token::Capitalised);
    }
    [[nodiscard]] bool is(size_t i, quint64 hash) const { return i < m_n && m_tokens[i].hash == hash; }
    [[nodiscard]] bool adjacent(size_t i) const // token i touches token i-1
    {
        return i < m_n && !m_tokens[i].is(Token::SpaceBefore);
    }
    [[nodiscard]] QString textOf(size_t first, size_t last) const
    {
        return m_text.sliced(m_tokens[first].start, m_tokens[last - 1].end - m_tokens[first].start)
            .toString()
            .simplified();
    }
    // A capitalised word that can be part of a person's name.
    [[nodiscard]] bool nameWord(size_t i, bool throughPlaces = false) const
    {
        if (!isCapWord(i) || m_tokens[i].end - m_tokens[i].start < 2)
            return false;
        if (has(i, Lexicon::NonName | Lexicon::Title | Lexicon::Head))
            return false;
        const int o = m_owner[i];
        return o < 0 || m_cands[size_t(o)].kind == EntityKind::Person
            || (throughPlaces && m_cands[size_t(o)].kind == EntityKind::Place);
    }

    int add(Candidate c)
    {
        const int index = int(m_cands.size());
        c.start = m_tokens[c.first].start;
        c.end = m_tokens[c.last - 1].end;
        for (size_t k = c.first; k < c.last; ++k)
            m_owner[k] = index;
        m_cands.push_back(std::move(c));
        return index;
    }

    void remove(int index)
    {
        Candidate &c = m_cands[size_t(index)];
        c.removed = true;
        for (size_t k = c.first; k < c.last; ++k) {
            if (m_owner[k] == index)
                m_owner[k] = -1;
        }
    }

    Candidate fromEntry(int entryIndex, size_t first, size_t last) const
    {
        const GazetteerEntry &e = m_g.entry(entryIndex);
        Candidate c;
        c.first = first;
        c.last = last;
        c.kind = e.kind;
        c.id = e.id;
        c.country = e.country;
        c.method = e.method;
        c.entry = entryIndex;
        c.ambiguous = e.flags & GazetteerEntry::Ambiguous;
        switch (e.kind) {
        case EntityKind::Country:
            c.name = m_g.countryName(e.id);
            c.confidence = e.method == u"demonym" ? 0.85 : e.method == u"capital" ? 0.8 : 0.95;
            break;
        case EntityKind::Person: {
            c.name = e.id;
            c.method = QStringLiteral("leader");
            bool exact = false;
            if (const auto role = m_g.personRoleAt(e.id, m_date, &exact)) {
                c.role = role->role;
                if (!role->country.isEmpty())
                    c.country = role->country;
            }
            c.confidence = exact ? 0.95 : 0.85;
            break;
        }
        default:
            c.name = e.id;
            c.confidence = 0.9;
            break;
        }
        if (c.name.isEmpty())
            c.name = e.form;
        return c;
    }

    // Datelines: "BEIJING, May 11 (Xinhua) --" at the start of a line.
    // A wire dateline: a place in capitals at the start of a line, then a comma ("BEIJING, May 11"),
    // the agency ("NEW DELHI (AP) —"), a dash ("KYIV — ") or a colon ("ISLAMABAD: ").
    [[nodiscard]] bool isDateline(size_t first, size_t last) const
    {
        if (!m_tokens[first].is(Token::LineStart) || !m_tokens[first].is(Token::AllCaps))
            return false;
        if (is(last, m_lx.comma) || is(last, m_lx.openParen) || is(last, m_lx.colon) || is(last, m_lx.hyphen))
            return true;
        if (last >= m_n || isWord(last))
            return false;
        const QChar c = m_text[m_tokens[last].start];
        return c == u'\u2014' || c == u'\u2013';
    }

    void dictionaryPass()
    {
        for (size_t i = 0; i < m_n;) {
            const Token &t = m_tokens[i];
            if (t.is(Token::Han)) {
                hanRun(i);
                ++i;
                continue;
            }
            const Gazetteer::Match m
                = m_g.mayStartMatch(t) ? m_g.longestMatch(m_text, m_tokens, i) : Gazetteer::Match {};
            // "the Gulf of Guinea", "the Isthmus of Panama": a sea, a strait or a land named after a country or a
            // place is a place of its own, unless the gazetteer knows it whole ("Sea of Japan").
            if (m.tokens < 3) {
                if (const size_t end = waterBodyEnd(i); end > i) {
                    addNamed(i, end, EntityKind::Place);
                    i = end;
                    continue;
                }
            }
            if (m.entry < 0) {
                ++i;
                continue;
            }
            const size_t last = i + size_t(m.tokens);
            // A form that starts with its article ("the West") gives way to a longer name that starts at its next
            // word ("the West Bank"): the article is the weakest part of a name.
            if (has(i, Lexicon::Article) && last > i + 1 && m_g.mayStartMatch(m_tokens[i + 1])
                && i + 1 + size_t(m_g.longestMatch(m_text, m_tokens, i + 1).tokens) > last) {
                ++i;
                continue;
            }
            const GazetteerEntry &e = m_g.entry(m.entry);
            if ((e.flags & GazetteerEntry::Prefix) && !(is(last, m_lx.hyphen) && adjacent(last))) {
                ++i;
                continue;
            }
            if ((e.flags & GazetteerEntry::Ambiguous) && !ambiguousFits(i, last)) {
                i = last;
                continue;
            }
            Candidate c = fromEntry(m.entry, i, last);
            if (const size_t prefix = namedAfter(c); prefix != SIZE_MAX) {
                // "New Mexico", "West New Guinea": a place of its own, named after the one the gazetteer knows.
                addNamed(prefix, last, EntityKind::Place);
                i = last;
                continue;
            }
            if (isDateline(i, last) && (c.kind == EntityKind::Place || c.method == u"capital")) {
                c.kind = EntityKind::Place;
                c.id = c.name = titleCase(e.form);
                c.method = QStringLiteral("dateline");
                c.confidence = 0.95;
            } else if (c.kind == EntityKind::Country && c.method == u"capital"
                && ((i > 0 && has(i - 1, Lexicon::Locative) && !(i > 1 && has(i - 2, Lexicon::Arrival)))
                    || namedAfterPlace(last))) {
                // "held in Beijing", "the Paris Agreement": the city, not its government. "Arrived in Beijing" is
                // a visitor's coming to its government.
                c.kind = EntityKind::Place;
                c.id = c.name = e.form;
            } else if (c.kind == EntityKind::Place && i > 0 && has(i - 1, Lexicon::Compass) && isCapWord(i - 1)
                && adjacentWords(i - 1) && m_owner[i - 1] < 0) {
                // "North Darfur", "South Kivu": a part of a place named by its side is a place of that country.
                c.first = i - 1;
                c.id = c.name = textOf(c.first, last);
                c.method = QStringLiteral("form");
            } else if (c.kind == EntityKind::Person) {
                // "President Hu Jintao": the leader's title is his role, not part of his name's span.
                while (c.first + 1 < c.last
                    && (has(c.first, Lexicon::Title | Lexicon::TitleModifier | Lexicon::Honorific)
                        || (!isWord(c.first) && c.first > i)))
                    ++c.first;
            }
            add(std::move(c));
            i = last;
        }
    }

    // The end of a water body or a land named after a country or a place from token `i` on ("Gulf of Guinea": the
    // token after Guinea), or `i` when none starts there.
    [[nodiscard]] size_t waterBodyEnd(size_t i) const
    {
        if (!has(i, Lexicon::WaterBody) || !m_tokens[i].is(Token::Capitalised) || i + 2 >= m_n || !is(i + 1, m_lx.of)
            || !adjacentWords(i) || !adjacentWords(i + 1) || !m_tokens[i + 2].is(Token::Capitalised)
            || !m_g.mayStartMatch(m_tokens[i + 2]))
            return i;
        const Gazetteer::Match m = m_g.longestMatch(m_text, m_tokens, i + 2);
        if (m.entry < 0)
            return i;
        const GazetteerEntry &e = m_g.entry(m.entry);
        const bool place = e.kind == EntityKind::Country || e.kind == EntityKind::Place || e.kind == EntityKind::Region;
        return place && e.method != u"demonym" ? i + 2 + size_t(m.tokens) : i;
    }

    // Whether a country or place by its name stands right after a word that makes a new place of it ("New Mexico").
    // A demonym or an abbreviation after one is no name of a place ("New Russian sanctions").
    // A compass word may stand between ("New South Wales"). Returns the prefix word's index, or SIZE_MAX.
    [[nodiscard]] size_t namedAfter(const Candidate &c) const
    {
        const bool place = c.kind == EntityKind::Country || c.kind == EntityKind::Place || c.kind == EntityKind::Region;
        if (!place || c.method == u"demonym" || c.method == u"abbreviation")
            return SIZE_MAX;
        // The words before the name on its line, each capitalised and after a space.
        const auto joined = [&](size_t k) {
            return k > 0 && !m_tokens[k].is(Token::Break) && m_tokens[k].is(Token::SpaceBefore)
                && m_tokens[k - 1].is(Token::Capitalised);
        };
        size_t i = c.first;
        if (joined(i) && has(i - 1, Lexicon::Compass))
            --i;
        return joined(i) && has(i - 1, Lexicon::PlacePrefix) ? i - 1 : SIZE_MAX;
    }

    // Whether the words from `i` name something after the city just before: a treaty, process or
    // meeting noun next ("Rome Statute") or after one more word ("Paris climate agreement",
    // "Minsk II agreements").
    [[nodiscard]] bool namedAfterPlace(size_t i) const
    {
        if (!isWord(i))
            return false;
        return has(i, Lexicon::NamedAfterPlace)
            || (isWord(i + 1) && adjacentWords(i) && has(i + 1, Lexicon::NamedAfterPlace));
    }

    [[nodiscard]] bool adjacentWords(size_t i) const { return i + 1 < m_n && !m_tokens[i + 1].is(Token::Break); }

    static QString titleCase(const QString &s)
    {
        QString r = s.toLower();
        bool start = true;
        for (QChar &ch : r) {
            if (start && ch.isLetter())
                ch = ch.toUpper();
            start = !ch.isLetter();
        }
        return r;
    }

    void hanRun(size_t i)
    {
        const Token &t = m_tokens[i];
        const QStringView run = m_text.sliced(t.start, t.end - t.start);
        for (qsizetype pos = 0; pos < run.size();) {
            const Gazetteer::Match m = m_g.longestHanMatch(run, pos);
            if (m.entry < 0) {
                ++pos;
                continue;
            }
            Candidate c = fromEntry(m.entry, i, i + 1);
            c.start = t.start + pos;
            c.end = c.start + m.tokens;
            m_hanCands.push_back(std::move(c));
            pos += m.tokens;
        }
    }

    // Context tests for names that are also ordinary words, surnames or US states.
    [[nodiscard]] bool ambiguousFits(size_t first, size_t last) const
    {
        // "China ware", "the Niger river", "Georgia Tech"
        if (isWord(last) && has(last, Lexicon::VetoAfter))
            return false;
        // "Michael Jordan": a capitalised word before it that is not a sentence start, title or known name.
        if (first > 0 && isCapWord(first - 1) && !adjacent(first) && !m_tokens[first].is(Token::Break)
            && !has(first - 1, Lexicon::StopCap) && !has(first - 1, Lexicon::Title) && m_owner[first - 1] < 0
            && !m_tokens[first - 1].is(Token::AllCaps))
            return false;
        // "Jordan Peterson", "Chad Smith": a following capitalised word that is no known name.
        if (isCapWord(last) && !m_tokens[last].is(Token::Break) && !has(last, Lexicon::StopCap)
            && !has(last, Lexicon::Head) && m_g.longestMatch(m_text, m_tokens, last).entry < 0)
            return false;
        return true;
    }

    // "Atlanta, Georgia" / "Georgia, Atlanta": next to a place of another country, separated by a comma, an
    // ambiguous country name is that country's subdivision.
    void resolveAmbiguous()
    {
        for (size_t k = 0; k < m_cands.size(); ++k) {
            Candidate &c = m_cands[k];
            if (!c.ambiguous || c.kind != EntityKind::Country)
                continue;
            const Candidate *neighbour = nullptr;
            if (c.first >= 2 && is(c.first - 1, m_lx.comma) && m_owner[c.first - 2] >= 0)
                neighbour = &m_cands[size_t(m_owner[c.first - 2])];
            else if (is(c.last, m_lx.comma) && c.last + 1 < m_n && m_owner[c.last + 1] >= 0)
                neighbour = &m_cands[size_t(m_owner[c.last + 1])];
            if (neighbour && neighbour->kind == EntityKind::Place && !neighbour->country.isEmpty()
                && neighbour->country != c.id) {
                c.kind = EntityKind::Place;
                c.id = c.name = textOf(c.first, c.last);
                c.country = neighbour->country;
                c.method = QStringLiteral("context");
                c.confidence = 0.6;
            } else {
                c.confidence = std::min(c.confidence, 0.75);
            }
        }
    }

    // Organisations and events by their form: ordinal? + capitalised words + a head word (Institute, Summit, ...)
    // + an optional "of/for/on ..." tail.
    void formPass()
    {
        for (size_t i = 0; i < m_n;) {
            const bool ordinal = isWord(i) && m_tokens[i].is(Token::Digit);
            if (!isCapWord(i) && !(ordinal && isCapWord(i + 1)) && !(isWord(i) && m_tokens[i].is(Token::AllCaps))) {
                ++i;
                continue;
            }
            // Collect the capitalised chunk.
            size_t j = i + 1;
            while (j < m_n && !m_tokens[j].is(Token::Break)) {
                if (isCapWord(j) || (isWord(j) && m_tokens[j].is(Token::AllCaps))) {
                    ++j;
                } else if (is(j, m_lx.hyphen) && adjacent(j) && adjacent(j + 1) && isCapWord(j + 1)) {
                    j += 2;
                } else if (is(j, m_lx.hyphen) && adjacent(j) && adjacent(j + 1) && isWord(j + 1)
                    && m_tokens[j - 1].end - m_tokens[j - 1].start <= 3 && isCapWord(j - 1)
                    && m_tokens[j + 1].end - m_tokens[j + 1].start >= 6) {
                    // A capitalised prefix and its word: "Co-operation", "Co-ordination" (not "Hua Kuo-feng").
                    j += 2;

                } else if (has(j, Lexicon::Connector) && m_tokens[j].is(Token::Lower) && isCapWord(j + 1)) {
                    j += 2;

                } else if (is(j, m_lx.apostrophe) && adjacent(j) && (is(j + 1, m_lx.s) || isCapWord(j + 1))) {
                    j += is(j + 1, m_lx.s) ? 2 : 1;
                } else if (ofTheContinues(i, j)) {
                    j += 2;
                } else {
                    break;
                }
            }
            size_t head = j;
            for (size_t k = j; k-- > i;) {
                if (isWord(k) && m_tokens[k].is(Token::Capitalised) && has(k, Lexicon::Head)) {
                    head = k;
                    break;
                }
            }
            if (head == j) {
                i = j;
                continue;
            }
            size_t first = i;
            while (first < head && isWord(first) && has(first, Lexicon::StopCap) && !has(first, Lexicon::Ordinal)
                && !opensName(first))
                ++first;
            // A sentence's first word that English mostly writes in lower case, with the connector after it, is no
            // part of the name: "Employees of Enron Corp", "Shares of Toyota Motor Corp".
            if (first + 2 < head && m_sentenceStart[first] && !has(first, Lexicon::Head)
                && has(first + 1, Lexicon::Connector) && m_tokens[first + 1].is(Token::Lower)) {
                const int share = properNounShare(first);
                if (share == 1 || share == 2)
                    first += 2;
            }
            // A country's possessive before the name is none of it: "Iran's Council of Experts", "Britain's Foreign
            // Office" (a name's own possessive stays: "People's Liberation Army").
            for (size_t k = first + 1; k + 1 < head; ++k) {
                if (is(k, m_lx.apostrophe) && is(k + 1, m_lx.s) && m_owner[k - 1] >= 0
                    && m_cands[size_t(m_owner[k - 1])].kind == EntityKind::Country)
                    first = k + 2;
            }
            // Do not start inside a person's name or title ("President Xi ... Forum").
            while (first < head
                && (has(first, Lexicon::Title)
                    || (m_owner[first] >= 0 && m_cands[size_t(m_owner[first])].kind == EntityKind::Person)))
                ++first;
            size_t last = head + 1;
            if (last < j && has(last, Lexicon::Tail)) {
                last = j;
                // A city after "in" is where the body meets, no part of its name ("the League of Nations in Geneva");
                // a country or a region may be ("the Conference on Security and Co-operation in Europe").
                // Nor is a list of countries ("a seat in the Council for Japan and Germany"), unlike one country
                // ("the Bank of Japan").
                for (size_t k = head + 1; k + 1 < last; ++k) {
                    const int o = m_owner[k + 1];
                    const bool city = is(k, m_lx.in) && o >= 0
                        && (m_cands[size_t(o)].kind == EntityKind::Place || m_cands[size_t(o)].method == u"capital");
                    const bool countries = is(k, m_lx.andWord) && o >= 0
                        && m_cands[size_t(o)].kind == EntityKind::Country && m_owner[k - 1] >= 0
                        && m_cands[size_t(m_owner[k - 1])].kind == EntityKind::Country;
                    if (city || countries) {
                        last = countries ? head + 1 : k;
                        break;
                    }
                    // Nor a title or a person's name after it ("the University of Chicago Professor Ann Lee").
                    const bool titled = has(k + 1, Lexicon::Honorific)
                        || (has(k + 1, Lexicon::Title) && k + 2 < last && isCapWord(k + 2)
                            && !has(k + 2, Lexicon::Title | Lexicon::TitleModifier | Lexicon::Head));
                    if (titled || (o >= 0 && m_cands[size_t(o)].kind == EntityKind::Person)) {
                        last = k + 1;
                        break;
                    }
                }
                while (last > head + 1 && has(last - 1, Lexicon::Connector) && m_tokens[last - 1].is(Token::Lower))
                    --last;
            }
            // No name ends with a possessive: "the University of NSW's researchers".
            if (last >= head + 3 && is(last - 1, m_lx.s) && is(last - 2, m_lx.apostrophe))
                last -= 2;
            const bool tail = last > head + 1;
            // A short legal form's abbreviation dot is part of the name ("Enron Corp.", "Acme Inc.").
            if (last == head + 1 && is(last, m_lx.period) && adjacent(last) && has(head, Lexicon::LegalForm))
                ++last;
            // Stay clear of a dictionary match that crosses the chunk's edges.
            if (m_owner[first] >= 0 && m_cands[size_t(m_owner[first])].first < first)
                first = m_cands[size_t(m_owner[first])].last;
            if (last - 1 > first && m_owner[last - 1] >= 0 && m_cands[size_t(m_owner[last - 1])].last > last) {
                last = m_cands[size_t(m_owner[last - 1])].first;
                // "the Government and Parliament of the Republic of the Congo": not "... Parliament of the".
                while (last > head + 1 && has(last - 1, Lexicon::Connector) && m_tokens[last - 1].is(Token::Lower))
                    --last;
            }
            // A head needs a word before it or a tail after it: "Central Bank", "Bank of Japan", not "Bank".
            // A name the gazetteer knows from its head on stays as it is ("the Organization of American States in
            // Haiti").
            const bool known = first == head && m_owner[head] >= 0 && m_cands[size_t(m_owner[head])].first == head;
            // At a sentence's start, where the capital says nothing, only a head that English mostly writes as a
            // proper noun opens a name ("Talks on Northern Ireland resumed" names no event).
            const bool common = first == head && m_sentenceStart[head] && !headIsProper(head);
            if (first > head || last <= head || (first == head && (!tail || known || common))) {
                i = j;
                continue;
            }
            makeFormCandidate(first, last, head);
            i = j;
        }
        lowerCaseEvents();
    }

    // "the International Committee of the Red Cross", "the Office of the High Commissioner for Human Rights": a name
    // whose head comes first runs on through "of the" (at `j`) to a capitalised part that names no body of its own
    // (no head word in it: "the First Committee of the General Assembly" names two) and holds no title before the
    // head ("President of the General Assembly" is a title and a body). A name the gazetteer knows ends where it
    // ends ("the Soviet Union of the Strategic Arms Limitation Treaty", "the Food and Agriculture Organization of
    // the United Nations" keep their known names).
    [[nodiscard]] bool ofTheContinues(size_t i, size_t j) const
    {
        if (!is(j, m_lx.of) || !is(j + 1, m_lx.the) || !isCapWord(j + 2) || !adjacentWords(j) || !adjacentWords(j + 1)
            || !has(j - 1, Lexicon::HeadOrganization) || has(j - 1, Lexicon::LegalForm) || !isCapWord(j - 1)
            || m_owner[j - 1] >= 0)
            return false;
        for (size_t k = i; k < j; ++k) {
            if (has(k, Lexicon::Title))
                return false;
        }
        size_t k = j + 2;
        while (k < m_n && !m_tokens[k].is(Token::Break)) {
            if (isCapWord(k) || (isWord(k) && m_tokens[k].is(Token::AllCaps))) {
                if (has(k, Lexicon::Head | Lexicon::StopCap))
                    return false;
                ++k;
            } else if (has(k, Lexicon::Connector) && m_tokens[k].is(Token::Lower) && isCapWord(k + 1)) {
                k += 2;
            } else {
                break;
            }
        }
        return true;
    }

    // A word that never starts a name by itself but that, capitalised inside a sentence after a lower-case word or an
    // article, opens one: "the ruling All Progressives Congress", "the New Democratic Party"; not the first word of a
    // place the gazetteer knows ("the New York Conference" is held in New York).
    [[nodiscard]] bool opensName(size_t k) const
    {
        return has(k, Lexicon::NameOpener) && !m_sentenceStart[k] && k > 0 && m_owner[k] < 0
            && (!isCapWord(k - 1) || has(k - 1, Lexicon::Article));
    }

    void makeFormCandidate(size_t first, size_t last, size_t head)
    {
        // A dictionary match of exactly this span stays.
        if (m_owner[first] >= 0) {
            const Candidate &c = m_cands[size_t(m_owner[first])];
            if (c.first == first && c.last >= last)
                return;
        }
        EntityKind kind = has(head, Lexicon::HeadEvent) ? EntityKind::Event : EntityKind::Organization;
        bool hasOrdinal = false;
        QString country;
        QString orgCountry;
        for (size_t k = first; k < last; ++k) {
            if (isWord(k) && (m_tokens[k].is(Token::Digit) || has(k, Lexicon::Ordinal)))
                hasOrdinal = true;
            if (m_owner[k] >= 0) {
                const Candidate &c = m_cands[size_t(m_owner[k])];
                if (country.isEmpty() && c.kind == EntityKind::Country)
                    country = c.id;
                if (orgCountry.isEmpty() && !c.country.isEmpty())
                    orgCountry = c.country;
            }
        }
        // "US Congress" is a legislature; "20th Party Congress" and "CPC Congress" are party meetings.
        const bool partyBefore = head > first
            && (is(head - 1, m_lx.party)
                || (m_owner[head - 1] >= 0 && m_cands[size_t(m_owner[head - 1])].kind == EntityKind::Organization));
        if (m_tokens[head].hash == m_lx.congress && !hasOrdinal && !partyBefore)
            kind = EntityKind::Organization;
        if (kind == EntityKind::Organization && namesDocument(first, last))
            kind = EntityKind::Event;
        if (kind == EntityKind::Organization && last - first < 2)
            return;
        for (size_t k = first; k < last; ++k) {
            if (m_owner[k] >= 0)
                remove(m_owner[k]);
        }
        Candidate c;
        c.first = first;
        c.last = last;
        c.kind = kind;
        c.id = c.name = textOf(first, last);
        c.country = kind == EntityKind::Organization ? (country.isEmpty() ? orgCountry : country) : QString();
        c.method = QStringLiteral("form");
        c.confidence = 0.7;
        add(std::move(c));
    }

    // "a virtual summit", "an emergency summit": unnamed but reported events.
    void lowerCaseEvents()
    {
        if (!present(Lexicon::LowerEvent) || !present(Lexicon::EventAdjective)) // each event is the two words
            return;
        for (size_t i = 1; i < m_n; ++i) {
            if (m_owner[i] >= 0 || !has(i, Lexicon::LowerEvent) || !m_tokens[i].is(Token::Lower))
                continue;
            if (!has(i - 1, Lexicon::EventAdjective) || m_owner[i - 1] >= 0)
                continue;
            Candidate c;
            c.first = i - 1;
            c.last = i + 1;
            c.kind = EntityKind::Event;
            c.id = c.name = textOf(i - 1, i + 1);
            c.method = QStringLiteral("form");
            c.confidence = 0.5;
            add(std::move(c));
        }
    }

    // "Shanghai Cooperation Organization (SCO)": the acronym names the same entity for the rest of the text.
    void acronymPass()
    {
        // The opening parentheses through a plain pointer and a local hash: the loop calls QHash::insert(), after
        // which the compiler would reload the vector's data and the lexicon's hash for every token.
        const Token *tokens = m_tokens.data();
        const quint64 openParen = m_lx.openParen;
        for (size_t i = 1; i + 2 < m_n; ++i) {
            if (tokens[i].hash != openParen)
                continue;
            if (!is(i + 2, m_lx.closeParen) || !isWord(i + 1) || !m_tokens[i + 1].is(Token::AllCaps)
                || m_owner[i - 1] < 0)
                continue;
            const Candidate &c = m_cands[size_t(m_owner[i - 1])];
            if (c.kind != EntityKind::Organization && c.kind != EntityKind::Event)
                continue;
            m_acronyms.insert(m_tokens[i + 1].hash, m_owner[i - 1]);
        }
        if (m_acronyms.isEmpty())
            return;
        for (size_t i = 0; i < m_n; ++i) {
            if (!isWord(i) || !m_tokens[i].is(Token::AllCaps) || !replaceable(i)) // the cheaper tests first
                continue;
            auto it = m_acronyms.constFind(m_tokens[i].hash);
            if (it == m_acronyms.cend())
                continue;
            if (m_owner[i] >= 0)
                remove(m_owner[i]);
            Candidate c = m_cands[size_t(*it)];
            c.first = i;
            c.last = i + 1;
            c.method = QStringLiteral("acronym");
            c.removed = false;
            add(std::move(c));
        }
    }

    // Token i stands free for a link to a name given before (an acronym, a later short reference): no match holds
    // it, or only a one-word name of the tagger's, which the link then says more of.
    [[nodiscard]] bool replaceable(size_t i) const
    {
        const int o = m_owner[i];
        if (o < 0)
            return true;
        const Candidate &c = m_cands[size_t(o)];
        return c.method == u"model" && c.first == i && c.last == i + 1;
    }

    // A head word standing alone ("the Senate", "the Council", "Congress"): capitalised, with no capitalised word
    // or connector beside it, and a word that UD EWT train, seen there more than once, writes as a proper noun at
    // least half the time. It names an organisation by itself where "the Company" does not (headPass()).
    [[nodiscard]] bool loneProperHead(size_t k) const
    {
        if (!has(k, Lexicon::Head) || !m_tokens[k].is(Token::Capitalised) || (k > 0 && isCapWord(k - 1))
            || isCapWord(k + 1) || has(k + 1, Lexicon::Connector | Lexicon::Tail))
            return false;
        return headIsProper(k);
    }
    [[nodiscard]] bool headIsProper(size_t k) const
    {
        int seen = 0;
        return properNounShare(k, &seen) >= 3 && seen >= 1;
    }

    // Where the named-entity tagger may change the answer: capitalised words that no match explains, or that an
    // ambiguous match only may explain, apart from titles and words that never start a name. A word the text
    // also writes in lower case ("Government" and "government") is an ordinary word capitalised by style; the
    // tagger still reads it when a name it stands next to is read.
    std::vector<quint8> wantedByTagger() const
    {
        std::vector<quint8> wanted(m_n, 0);
        // The capitalised words the gazetteer does not explain, then whether the document also writes each in
        // lower case (then it is an ordinary word at a sentence's or a heading's start). The capitals are few: their
        // hashes, sorted, are looked up for each lower-case word, with no set of every word of the document.
        thread_local std::vector<size_t> candidates;
        thread_local std::vector<quint64> capitals;
        thread_local std::vector<bool> lowerToo;
        candidates.clear();
        capitals.clear();
        for (size_t k = 0; k < m_n; ++k) {
            const Token &t = m_tokens[k];
            if (!t.is(Token::Word) || t.is(Token::Digit) || !(t.is(Token::Capitalised) || t.is(Token::AllCaps)))
                continue;
            const int o = m_owner[k];
            if (o >= 0 && !(m_cands[size_t(o)].ambiguous && ambiguousInContext(m_cands[size_t(o)])))
                continue;
            // Words the lexicon knows as titles, heads of organisation and event names, and other capitalised
            // words that are no person's name do not call the tagger by themselves; it still reads them when a
            // word next to them does ("Foreign Minister Wang Yi", "Parliamentary Assembly").
            if (o < 0
                && (has(k,
                        Lexicon::NonName | Lexicon::Title | Lexicon::TitleModifier | Lexicon::Head | Lexicon::Document)
                    || isRomanNumeral(k, k + 1)))
                continue;
            candidates.push_back(k);
            if (o < 0 && !t.is(Token::AllCaps))
                capitals.push_back(t.hash);
        }
        std::sort(capitals.begin(), capitals.end());
        capitals.erase(std::unique(capitals.begin(), capitals.end()), capitals.end());
        lowerToo.assign(capitals.size(), false);
        if (!capitals.empty()) {
            // A bit a capital (of 4,096, by the hash's high bits): most lower-case words miss it and need no search.
            thread_local std::array<quint64, 64> bits;
            bits.fill(0);
            const auto bit = [](quint64 h) { return size_t(mixBits(h) >> 52); };
            for (const quint64 h : capitals)
                bits[bit(h) >> 6] |= quint64(1) << (bit(h) & 63);
            for (const Token &t : m_tokens) {
                if (!t.is(Token::Word) || !t.is(Token::Lower) || !(bits[bit(t.hash) >> 6] >> (bit(t.hash) & 63) & 1))
                    continue;
                const auto it = std::lower_bound(capitals.cbegin(), capitals.cend(), t.hash);
                if (it != capitals.cend() && *it == t.hash)
                    lowerToo[size_t(it - capitals.cbegin())] = true;
            }
        }
        for (const size_t k : candidates) {
            const Token &t = m_tokens[k];
            if (m_owner[k] < 0 && !t.is(Token::AllCaps)) {
                const auto it = std::lower_bound(capitals.cbegin(), capitals.cend(), t.hash);
                if (lowerToo[size_t(it - capitals.cbegin())])
                    continue;
            }
            wanted[k] = true;
        }
        return wanted;
    }

    // "XXV", "II": a Roman numeral (a session, a resolution's, a king's number) is no name by itself.
    [[nodiscard]] bool isRomanNumeral(size_t first, size_t last) const
    {
        if (last != first + 1 || !m_tokens[first].is(Token::AllCaps))
            return false;
        for (const QChar c : m_ts.textOf(m_tokens[first])) {
            if (!QStringView(u"IVXLCDM").contains(c))
                return false;
        }
        return true;
    }

    // An ambiguous match the tagger should read: at a sentence's start, or next to another capitalised word, where
    // it may be a given name or a surname ("Chad Smith", "Michael Jordan") or part of another name ("Georgia
    // Tech"). Elsewhere the gazetteer's context rules have decided.
    [[nodiscard]] bool ambiguousInContext(const Candidate &c) const
    {
        if (m_sentenceStart[c.first])
            return true;
        // Another name next to it: a capitalised word, not the name's own word again ("China China ..." is no
        // longer name).
        const auto otherName = [&](size_t k) {
            return isCapWord(k) && !has(k, Lexicon::StopCap) && !m_tokens[k].is(Token::Break)
                && (m_owner[k] < 0 || m_cands[size_t(m_owner[k])].ambiguous)
                && m_tokens[k].hash != m_tokens[c.first].hash && m_tokens[k].hash != m_tokens[c.last - 1].hash;
        };
        return (c.first > 0 && !m_tokens[c.first].is(Token::Break) && otherName(c.first - 1)) || otherName(c.last);
    }

    // Names the tagger finds where the gazetteer and the name forms found nothing: a new person (with a role and
    // a country from a title before the name), a new organisation (with its country when a country or demonym
    // stands in or right before its name), a new place. The gazetteer keeps what it knows, but an ambiguous entry
    // ("Chad", "Georgia", "Jordan") that the tagger reads as no name, or inside a name of another kind ("Chad
    // Smith", "Georgia Tech"), goes.
    void modelPass()
    {
        const std::vector<quint8> wanted = wantedByTagger();
        // Through plain pointers, which lets the compiler fill the bytes several at a time.
        std::vector<quint8> lowerNameWord(m_n, 0);
        const quint32 *cls = m_cls.data();
        quint8 *lower = lowerNameWord.data();
        for (size_t k = 0; k < m_n; ++k)
            lower[k] = (cls[k] & (Lexicon::Connector | Lexicon::Article | Lexicon::Particle)) != 0;
        const QList<TaggedName> names = tagNames(m_ts, wanted, lowerNameWord);
        std::vector<quint8> inName(m_n, 0);
        for (const TaggedName &n : names) {
            for (size_t k = n.first; k < n.last; ++k)
                inName[k] = true;
        }
        // Ambiguous matches the tagger read and saw no name in, or a person's name ("Chad Smith"). At a sentence's
        // start, where a capital says nothing, the tagger's silence is no veto ("Peru opens a port").
        for (size_t c = 0; c < m_cands.size(); ++c) {
            const Candidate &cand = m_cands[c];
            if (cand.removed || !cand.ambiguous || cand.entry < 0 || !wanted[cand.first] || m_sentenceStart[cand.first])
                continue;
            bool named = false;
            for (size_t k = cand.first; k < cand.last; ++k)
                named = named || inName[k];
            if (!named)
                remove(int(c));
        }
        for (const TaggedName &n : names) {
            if (n.type != learn::NameType::Person)
                continue;
            for (size_t k = n.first; k < n.last; ++k) {
                const int o = m_owner[k];
                if (o >= 0 && m_cands[size_t(o)].ambiguous && m_cands[size_t(o)].kind != EntityKind::Person
                    && !capitalAlone(m_cands[size_t(o)], n) && !countryAlone(o, n))
                    remove(o);
            }
        }
        for (const TaggedName &n : names) {
            if (n.type == learn::NameType::Misc)
                continue;
            const EntityKind kind = n.type == learn::NameType::Person ? EntityKind::Person
                : n.type == learn::NameType::Organization             ? EntityKind::Organization
                                                                      : EntityKind::Place;
            // A person's name holds no title or country before it ("Kenyan President Amani Wekesa"); no name
            // starts with a word that never starts one ("The").
            size_t first = n.first;
            while (first < n.last
                && (has(first, Lexicon::StopCap)
                    || (kind == EntityKind::Person
                        && (has(first, Lexicon::Title | Lexicon::TitleModifier | Lexicon::Honorific) || !isWord(first)
                            || (m_owner[first] >= 0 && m_cands[size_t(m_owner[first])].kind == EntityKind::Country)))))
                ++first;
            // Nor does a name end with a connector or an article ("Affairs of the").
            size_t last = n.last;
            while (last > first && has(last - 1, Lexicon::Connector | Lexicon::Article) && !isCapWord(last - 1))
                --last;
            if (first == last || isRomanNumeral(first, last))
                continue;
            // A head word alone is an organisation or nothing ("the Court" is no person, "the Assembly" no place).
            if (last - first == 1 && has(first, Lexicon::Head)) {
                if (kind == EntityKind::Organization && m_owner[first] < 0)
                    addHeadReference(first, n.confidence);
                continue;
            }
            // A lone word that English mostly writes as a common noun names no place or organisation by itself,
            // capitalised or not ("in this Hall", "the Sea", "the Canal"): one that UD EWT train, seen there more
            // than once, writes as a proper noun less than half the time.
            if (last - first == 1 && kind != EntityKind::Person && neverProperNoun(first))
                continue;
            // A name is made of whole words: one that starts or ends inside a hyphenated word takes all of it
            // ("sub-|Saharan Africa", "Chiang Kai|-shek").
            while (first >= 2 && gluedHyphen(first - 1) && isWord(first - 2))
                first -= 2;
            while (last + 1 < m_n && gluedHyphen(last) && isWord(last + 1))
                last += 2;
            // A country whose name is also a word or a surname ("Modern China", "Has Israel"), left to the tagger
            // by the dictionary pass for the capitalised word beside it: read as a place or an organisation, it is
            // the country ("Michael Jordan" is a person's name, which the tagger reads as one; "the Niger river" no
            // country; "Korea", "Franco" are the gazetteer's only before a hyphen, "Korea-Japan", "Franco-German").
            if (kind != EntityKind::Person && m_owner[first] < 0 && !(isWord(last) && has(last, Lexicon::VetoAfter))) {
                const Gazetteer::Match m = m_g.longestMatch(m_text, m_tokens, first);
                if (m.entry >= 0 && first + size_t(m.tokens) == last && m_g.entry(m.entry).kind == EntityKind::Country
                    && !(m_g.entry(m.entry).flags & GazetteerEntry::Prefix)) {
                    add(fromEntry(m.entry, first, last));
                    continue;
                }
            }
            addModelName({ first, last, m_tokens[first].start, m_tokens[last - 1].end, n.type, n.confidence }, kind);
        }
    }

    // Companies by what only a company has: "Boeing's chief executive", "Siemens shares fell", "Boeing's shareholders",
    // "shares of Siemens", "shares in Deutsche Bahn". The capitalised words there name an organisation, whatever the
    // tagger or the "X said" rule made of them; a person or a country the gazetteer knows stays.
    void companyPass()
    {
        for (size_t k = 1; k < m_n; ++k) {
            size_t first = 0;
            size_t last = 0;
            if ((is(k, m_lx.of) || is(k, m_lx.in)) && is(k - 1, m_lx.shares)
                && (m_tokens[k - 1].is(Token::Lower) || m_sentenceStart[k - 1])) {
                first = k + 1;
                last = first;
                while (last < m_n && last - first < 3 && companyWord(last, last == first)
                    && (last == first || !m_tokens[last].is(Token::Break)))
                    ++last;
            } else if (companyNounAt(k)) {
                last = k;
                if (last >= 2 && is(last - 1, m_lx.s) && is(last - 2, m_lx.apostrophe) && adjacent(last - 2))
                    last -= 2;
                else if ((m_tokens[k].is(Token::Capitalised) && !m_tokens[k].is(Token::AllCaps)) || is(k, m_lx.chief)
                    || (is(k, m_lx.shares) && has(k + 1, Lexicon::StopCap)))
                    continue; // "Siemens shares fell", not "Siemens Chief Executive Joe Kaeser" nor "Mongolia shares
                              // the view"
                first = last;
                while (first > 0 && last - first < 3 && !m_tokens[first].is(Token::Break)
                    && companyWord(first - 1, m_sentenceStart[first - 1]))
                    --first;
            }
            if (first >= last || (first > 0 && isCapWord(first - 1)) || isCapWord(last))
                continue;
            // The whole name, not a part: an organisation already there stays, and so does any match of the gazetteer.
            bool free = true;
            for (size_t q = first; q < last && free; ++q) {
                const int o = m_owner[q];
                free = o < 0
                    || (m_cands[size_t(o)].entry < 0 && m_cands[size_t(o)].kind != EntityKind::Organization
                        && m_cands[size_t(o)].first >= first && m_cands[size_t(o)].last <= last);
            }
            if (!free)
                continue;
            for (size_t q = first; q < last; ++q) {
                if (m_owner[q] >= 0)
                    remove(m_owner[q]);
            }
            addNamed(first, last, EntityKind::Organization);
            m_cands.back().method = QStringLiteral("context");
            m_cands.back().confidence = 0.65;
        }
    }
    // A capitalised word of a company's name: no title, head, or word that never starts a name ("The"); at a sentence's
    // start, not a word English mostly writes in lower case ("Shares of ...").
    [[nodiscard]] bool companyWord(size_t k, bool atStart) const
    {
        if (!(isCapWord(k) || (isWord(k) && m_tokens[k].is(Token::AllCaps) && !m_tokens[k].is(Token::Digit)))
            || has(k, Lexicon::StopCap | Lexicon::Title | Lexicon::Head))
            return false;
        if (atStart && m_sentenceStart[k]) {
            const int share = properNounShare(k);
            return share != 1 && share != 2;
        }
        return true;
    }
    // A word only a company has after its name: shares, shareholders, CEO, or "chief executive".
    [[nodiscard]] bool companyNounAt(size_t k) const
    {
        if (is(k, m_lx.chief))
            return is(k + 1, m_lx.executive);
        return has(k, Lexicon::CompanyNoun);
    }

    // Head words standing alone for an organisation (loneProperHead()), which the tagger is not asked about: read
    // by rule. Asking the tagger about each cost 4% of the extraction's instructions on the speeches, where "the
    // Assembly" and "the Council" stand in most paragraphs, and found fewer (GUM dev organisations 0.513 against
    // 0.600).
    void headPass()
    {
        for (size_t k = 0; k < m_n; ++k) {
            if (!has(k, Lexicon::Head)) // loneProperHead() asks for a head word first; most tokens are none
                continue;
            // An event's head alone ("the Forum", "the Revolution") and a legal form ("Inc") name no organisation.
            const bool organisation = (has(k, Lexicon::HeadOrganization) && !has(k, Lexicon::LegalForm))
                || m_tokens[k].hash == m_lx.congress;
            if (organisation && m_owner[k] < 0 && m_tokens[k].is(Token::Capitalised) && loneProperHead(k))
                addHeadReference(k, 0.6);
        }
    }

    // A head word standing for an organisation (loneProperHead()): the organisation of that head the document named
    // last before it, as a later short reference ("the Council" after "the Security Council", "the Senate" after
    // "the US Senate"); with none, an organisation of that one word.
    void addHeadReference(size_t k, double confidence)
    {
        const quint64 head = m_tokens[k].hash;
        int antecedent = -1;
        for (size_t c = 0; c < m_cands.size(); ++c) {
            const Candidate &o = m_cands[c];
            if (!o.removed && o.kind == EntityKind::Organization && o.last - o.first >= 2 && o.last <= k
                && m_tokens[o.last - 1].hash == head && (antecedent < 0 || o.last > m_cands[size_t(antecedent)].last))
                antecedent = int(c);
        }
        if (antecedent < 0) {
            addModelName(
                { k, k + 1, m_tokens[k].start, m_tokens[k].end, learn::NameType::Organization, float(confidence) },
                EntityKind::Organization);
            return;
        }
        Candidate c = m_cands[size_t(antecedent)];
        c.first = k;
        c.last = k + 1;
        c.method = QStringLiteral("head");
        c.confidence = std::min(c.confidence, 0.75);
        add(std::move(c));
    }

    // A capital that is also a surname or a given name ("Washington", "Lima"), read by the tagger as a person's name
    // of that one word with no title or honorific before it: "Washington imposed sanctions" is the government the
    // city stands for (a person is named in full or with a title: "George Washington", "President Washington").
    [[nodiscard]] bool capitalAlone(const Candidate &c, const TaggedName &n) const
    {
        if (c.kind != EntityKind::Country || c.method != u"capital" || c.first != n.first || c.last != n.last
            || n.last != n.first + 1)
            return false;
        const size_t i = n.first;
        return !(i > 0 && has(i - 1, Lexicon::Title | Lexicon::TitleModifier | Lexicon::Honorific))
            && !(i > 1 && is(i - 1, m_lx.period) && has(i - 2, Lexicon::Honorific));
    }

    // An ambiguous country's name read by the tagger as a person's of that one word ("Chad welcomes the forum"),
    // with no title before it, in a document that names the country elsewhere: the country (a person is named in
    // full or with a title first: "Michael Jordan", "Mr. Jordan").
    [[nodiscard]] bool countryAlone(int o, const TaggedName &n) const
    {
        const Candidate &c = m_cands[size_t(o)];
        if (c.kind != EntityKind::Country || c.first != n.first || c.last != n.last || n.last != n.first + 1)
            return false;
        const size_t i = n.first;
        if ((i > 0 && has(i - 1, Lexicon::Title | Lexicon::TitleModifier | Lexicon::Honorific))
            || (i > 1 && is(i - 1, m_lx.period) && has(i - 2, Lexicon::Honorific)))
            return false;
        for (size_t k = 0; k < m_cands.size(); ++k) {
            const Candidate &other = m_cands[k];
            if (int(k) != o && !other.removed && other.kind == EntityKind::Country && other.id == c.id
                && !other.ambiguous)
                return true;
        }
        return false;
    }

    // Adds the tagger's name `n` as an entity of `kind`, unless a match it crosses or holds says otherwise.
    void addModelName(const TaggedName &n, EntityKind kind)
    {
        QList<int> inside;
        for (size_t k = n.first; k < n.last; ++k) {
            const int o = m_owner[k];
            if (o < 0 || inside.contains(o))
                continue;
            const Candidate &c = m_cands[size_t(o)];
            const bool within = c.first >= n.first && c.last <= n.last;
            // A place, a region, a city or demonym read as a country inside a longer name: "Korean" in "Korean
            // Peninsula", "Washington" in "George Washington". (A person's name has already won over an
            // ambiguous country in it, "Chad Smith"; an organisation or a place the tagger reads where an
            // ambiguous country stands is the country's, "Turkey" read as ORG.)
            const bool weak = c.kind == EntityKind::Place || c.kind == EntityKind::Region
                || (c.kind == EntityKind::Country && c.method != u"name" && c.method != u"official-name"
                    && c.method != u"abbreviation");
            if (!within || !weak || (c.first == n.first && c.last == n.last))
                return;
            inside.append(o);
        }
        for (const int o : std::as_const(inside))
            remove(o);
        Candidate c;
        c.first = n.first;
        c.last = n.last;
        c.kind = kind;
        if (kind == EntityKind::Organization && namesDocument(n.first, n.last))
            c.kind = EntityKind::Event;
        c.id = c.name = textOf(n.first, n.last);
        c.method = QStringLiteral("model");
        c.confidence = n.confidence;
        if (c.kind == EntityKind::Person) {
            const auto [role, country] = titleBefore(n.first);
            c.role = role;
            // "Uruguay's Luis Lacalle Pou": a country's possessive before a name gives the person's country.
            c.country = country.isEmpty() && role.isEmpty() ? countryBefore(n.first, true) : country;
        } else if (c.kind == EntityKind::Organization) {
            c.country = countryOfOrganization(n.first, n.last);
        }
        add(std::move(c));
    }

    // A name that starts or ends with a treaty, agreement or statute names a document, not an organisation: "Rome
    // Statute", "Treaty of Alliance", "Convention on Biological Diversity"; not "North Atlantic Treaty Organization".
    [[nodiscard]] bool namesDocument(size_t first, size_t last) const
    {
        while (first < last && has(first, Lexicon::StopCap))
            ++first;
        return first < last && (has(first, Lexicon::Document) || has(last - 1, Lexicon::Document));
    }

    // The title right before a person's name ("Foreign Minister Wang Yi": "foreign minister") and the country
    // before that title ("Chinese Foreign Minister": CHN).
    std::pair<QString, QString> titleBefore(size_t first) const
    {
        size_t i = first;
        if (i > 0 && is(i - 1, m_lx.period) && i > 1 && has(i - 2, Lexicon::Honorific))
            --i; // "Mr. Smith"
        if (i == 0 || !has(i - 1, Lexicon::Title))
            return {};
        size_t b = i - 1;
        while (b > 0 && isWord(b - 1) && has(b - 1, Lexicon::Title | Lexicon::TitleModifier))
            --b;
        const bool honorific = has(i - 1, Lexicon::Honorific);
        return { honorific ? QString() : textOf(b, i).toLower(), countryBefore(b) };
    }

    // An organisation's country as the text says it: a country or demonym in its name ("Chinese Academy of
    // Social Sciences") or right before it ("Germany's Siemens", "the German Bundesbank").
    QString countryOfOrganization(size_t first, size_t last) const
    {
        for (size_t k = first; k < last; ++k) {
            const int o = m_owner[k];
            if (o >= 0 && m_cands[size_t(o)].kind == EntityKind::Country)
                return m_cands[size_t(o)].id;
        }
        return countryBefore(first);
    }

    // How UD EWT train writes token k (learn::NerTagger::properNounShare()).
    [[nodiscard]] int properNounShare(size_t k, int *seen = nullptr) const
    {
        return learn::NerTagger::shared().properNounShare(m_ts.textOf(m_tokens[k]), seen);
    }
    // A word that UD EWT train, seen there more than once, never writes as a proper noun ("Refugees", "Employees").
    [[nodiscard]] bool neverProperNoun(size_t k) const
    {
        int seen = 0;
        return properNounShare(k, &seen) == 1 && seen >= 1;
    }

    // The country named right before token `b`, or before a possessive there: "the German" or "Germany's" before
    // "Siemens", "Kenyan" or "Kenya's" before "President William Ruto".
    QString countryBefore(size_t b, bool possessiveOnly = false) const
    {
        if (b >= 2 && is(b - 1, m_lx.s) && is(b - 2, m_lx.apostrophe))
            b -= 2;
        else if (b >= 1 && is(b - 1, m_lx.apostrophe))
            b -= 1;
        else if (possessiveOnly)
            return {};
        if (b > 0 && m_owner[b - 1] >= 0 && m_cands[size_t(m_owner[b - 1])].kind == EntityKind::Country)
            return m_cands[size_t(m_owner[b - 1])].id;
        return {};
    }

    // The capitalised name words from `i` on (at most four, hyphenated parts joined): the end token index.
    // "spokesman Nasser Kanaani": after a title, a name of two words or more, not all of them a place,
    // wins over the place inside it (Lake Nasser). "Governor New York" stays a place.
    void freeNameAfterTitle(size_t k)
    {
        const size_t e = nameRun(k, true);
        if (e - k < 2)
            return;
        bool free = false;
        for (size_t q = k; q < e; ++q)
            free = free || m_owner[q] < 0;
        if (!free)
            return;
        for (size_t q = k; q < e; ++q)
            if (m_owner[q] >= 0 && m_cands[size_t(m_owner[q])].first >= k && m_cands[size_t(m_owner[q])].last <= e)
                remove(m_owner[q]);
    }

    [[nodiscard]] size_t nameRun(size_t i, bool throughPlaces = false) const
    {
        size_t j = i;
        int words = 0;
        while (words < 4 && nameWord(j, throughPlaces) && (j == i || !m_tokens[j].is(Token::Break))) {
            ++j;
            ++words;
            while (is(j, m_lx.hyphen) && adjacent(j) && adjacent(j + 1) && isWord(j + 1))
                j += 2;
        }
        return j;
    }

    // "Hurricane Irma", "Storm Daniel", "Cyclone Idai": a storm is an event, whose name the tagger would
    // read as a person's; it is never a party to a relation.
    void stormPass()
    {
        if (!present(Lexicon::Storm)) // each run starts at a storm word
            return;
        for (size_t k = 0; k < m_n; ++k) {
            if (!has(k, Lexicon::Storm) || !m_tokens[k].is(Token::Capitalised) || m_owner[k] >= 0)
                continue;
            size_t j = k + 1;
            while (j < m_n && has(j, Lexicon::Storm) && m_tokens[j].is(Token::Capitalised)
                && !m_tokens[j].is(Token::Break))
                ++j;
            if (j >= m_n || m_tokens[j].is(Token::Break))
                continue;
            const size_t end = nameRun(j);
            if (end == j)
                continue;
            addNamed(k, end, EntityKind::Event);
            k = end - 1;
        }
    }

    // Adds the words [first, last) as a name of `kind` that no list holds, found by the words it is made of ("Gulf of
    // Guinea", "Hurricane Irma").
    // "the city of El Fasher", "the province of Helmand": the name after a place noun and "of" is a place, whatever
    // the tagger would make of it.
    void placeNounPass()
    {
        if (!present(Lexicon::PlaceNoun)) // each run starts after a place noun
            return;
        for (size_t i = 0; i + 2 < m_n; ++i) {
            if (!has(i, Lexicon::PlaceNoun) || !m_tokens[i].is(Token::Lower) || !is(i + 1, m_lx.of) || !adjacentWords(i)
                || !adjacentWords(i + 1) || !isCapWord(i + 2) || m_owner[i + 2] >= 0)
                continue;
            size_t e = i + 2;
            while (e < m_n && e - i < 6 && isCapWord(e) && m_owner[e] < 0 && !has(e, Lexicon::StopCap)
                && (e == i + 2 || !m_tokens[e].is(Token::Break)))
                ++e;
            while (is(e, m_lx.hyphen) && adjacent(e) && adjacent(e + 1) && isCapWord(e + 1) && m_owner[e + 1] < 0)
                e += 2;
            // Not part of a longer name the gazetteer knows ("the region of Central Asia"), nor a side alone.
            if (e > i + 2 && (e >= m_n || m_owner[e] < 0) && !has(e - 1, Lexicon::Compass))
                addNamed(i + 2, e, EntityKind::Place);
            i = e - 1;
        }
    }

    // "Second Thomas Shoal", "the Spratly Islands", "Mischief Reef": capitalised words ending a run with a place's
    // head noun name a place, which the tagger and the "X said" rule read as a person. Run after the tagger, whose
    // input it leaves alone: a person or an organisation it found there gives way (no organisation's name ends with
    // a shoal or a river: "Mano River Union" goes on), a person of the context rules too, and so does a place inside
    // ("Suez Canal"); a country or any other name the gazetteer knows stops it ("the Taiwan Strait" stays Taiwan's).
    void placeHeadPass()
    {
        if (!present(Lexicon::PlaceHead)) // each run ends at a place's head noun
            return;
        const auto soft = [&](size_t q) {
            const int o = m_owner[q];
            if (o < 0)
                return true;
            const Candidate &c = m_cands[size_t(o)];
            return c.kind == EntityKind::Place
                || (c.kind == EntityKind::Person && c.entry < 0 && (c.method == u"model" || c.method == u"context"))
                || (c.kind == EntityKind::Organization && c.method == u"model");
        };
        for (size_t k = 1; k < m_n; ++k) {
            if (!has(k, Lexicon::PlaceHead) || !isCapWord(k) || m_tokens[k].is(Token::Break) || !soft(k)
                || isCapWord(k + 1) || (is(k + 1, m_lx.of) && isCapWord(k + 2)))
                continue;
            size_t b = k;
            while (b > 0 && k - b < 4 && isCapWord(b - 1) && !m_tokens[b].is(Token::Break) && soft(b - 1)
                && !has(b - 1, Lexicon::StopCap | Lexicon::Title | Lexicon::Head | Lexicon::Honorific))
                --b;
            // Words that English mostly writes in lower case alone are a common noun's, capitalised by style ("Small
            // Islands", "Coral Reef"): one word at least must be a name's.
            bool named = false;
            for (size_t q = b; q < k && !named; ++q) {
                const int share = properNounShare(q);
                named = share != 1 && share != 2;
            }
            if (b == k || !named)
                continue;
            // The names inside lie wholly inside; one place of exactly this span is already the answer.
            const int ob = m_owner[b];
            const int ok = m_owner[k];
            if ((ob >= 0 && m_cands[size_t(ob)].first < b) || (ok >= 0 && m_cands[size_t(ok)].last > k + 1)
                || (ob >= 0 && ob == ok && m_cands[size_t(ob)].kind == EntityKind::Place
                    && m_cands[size_t(ob)].first == b))
                continue;
            // A feature named after a country stays as the tagger read it ("the Panama Canal"): the country is what
            // the relations read in it, and a place's name says no country it holds.
            bool country = false;
            for (size_t q = b; q < k && !country; ++q) {
                if (m_g.mayStartMatch(m_tokens[q])) {
                    const Gazetteer::Match m = m_g.longestMatch(m_text, m_tokens, q);
                    country = m.entry >= 0 && m_g.entry(m.entry).kind == EntityKind::Country;
                }
            }
            if (country)
                continue;
            for (size_t q = b; q <= k; ++q) {
                if (m_owner[q] >= 0)
                    remove(m_owner[q]);
            }
            addNamed(b, k + 1, EntityKind::Place);
        }
    }

    void addNamed(size_t first, size_t last, EntityKind kind)
    {
        Candidate c;
        c.first = first;
        c.last = last;
        c.kind = kind;
        c.id = c.name = textOf(first, last);
        c.method = QStringLiteral("form");
        c.confidence = 0.8;
        add(std::move(c));
    }

    void addPerson(size_t first, size_t last, const QString &method, double confidence, const QString &role,
        const QString &country)
    {
        for (size_t k = first; k < last; ++k) {
            if (m_owner[k] >= 0)
                return; // a dictionary person (or anything else) is already there
        }
        Candidate c;
        c.first = first;
        c.last = last;
        c.kind = EntityKind::Person;
        c.id = c.name = textOf(first, last);
        c.country = country;
        c.role = role;
        c.method = method;
        c.confidence = confidence;
        add(std::move(c));
    }

    void personPass()
    {
        const size_t n = m_n;
        for (size_t i = 0; i < n; ++i) {
            const Token &t = m_tokens[i];
            if (!isWord(i))
                continue;
            // Byline: "By: Aqsa Younas Rana" on a line of its own.
            if (t.is(Token::LineStart) && t.hash == m_lx.by) {
                size_t k = i + 1;
                if (is(k, m_lx.colon))
                    ++k;
                const size_t e = nameRun(k);
                if (e - k >= 2)
                    addPerson(k, e, QStringLiteral("byline"), 0.8, QStringLiteral("author"), {});
                continue;
            }
            // Title + name: "Foreign Minister Wang Yi", "Mr Smith", "researcher Sun Zhuangzhi".
            if (has(i, Lexicon::Title)) {
                const bool honorific = has(i, Lexicon::Honorific);
                size_t k = i + 1;
                if (honorific && is(k, m_lx.period) && adjacent(k))
                    ++k; // "Mr. Smith", "Gen. Li"
                if (!(k < n && m_sentenceStart[k] && !honorific))
                    freeNameAfterTitle(k);
                const size_t e = (k < n && m_sentenceStart[k] && !honorific) ? k : nameRun(k);
                if (e > k && (e - k >= 2 || honorific || t.is(Token::Capitalised))) {
                    size_t b = i;
                    while (b > 0 && isWord(b - 1) && has(b - 1, Lexicon::Title | Lexicon::TitleModifier))
                        --b; // "Vice Foreign Minister", "Prime Minister": the title's other words
                    addPerson(k, e, QStringLiteral("title"), 0.8, honorific ? QString() : textOf(b, i + 1).toLower(),
                        countryBefore(b));
                    i = e - 1;
                    continue;
                }
            }
            // Most words are in lower case, and so no name's first word: tested here, before the call.
            if (!t.is(Token::Capitalised) || !nameWord(i)
                || (i > 0 && nameWord(i - 1) && m_tokens[i].is(Token::SpaceBefore)))
                continue;
            const size_t e = nameRun(i);
            if (e - i < 2)
                continue;
            // "X Y, a researcher at ...", "X Y, an assistant researcher at ..."
            if (is(e, m_lx.comma)) {
                size_t k = e + 1;
                if (k < n && has(k, Lexicon::Article))
                    ++k;
                while (k < n && has(k, Lexicon::RoleModifier) && !has(k, Lexicon::RoleNoun))
                    ++k;
                if (k < n && has(k, Lexicon::RoleNoun) && k > e + 1) {
                    addPerson(i, e, QStringLiteral("context"), 0.75,
                        m_text.sliced(m_tokens[k].start, m_tokens[k].end - m_tokens[k].start).toString(), {});
                    i = e - 1;
                    continue;
                }
            }
            // "X Y said", "said X Y", "according to X Y"
            const bool saidAfter = e < n && has(e, Lexicon::Said);
            const bool saidBefore = i > 0 && has(i - 1, Lexicon::Said);
            const bool according = i > 1 && m_tokens[i - 1].hash == m_lx.to && m_tokens[i - 2].hash == m_lx.according;
            // "The Red Cross said", "the Ocean Cleanup said": a name after an article is no person's.
            if (saidAfter && i > 0 && has(i - 1, Lexicon::Article)) {
                i = e - 1;
                continue;
            }
            if (saidAfter || saidBefore || according) {
                // The words before a name that end a title ("High Commissioner for Refugees Filippo Grandi said"),
                // or that English never writes as a proper noun, are none of it.
                size_t f = i;
                if (e - f > 2 && f >= 2 && has(f - 1, Lexicon::Connector) && m_tokens[f - 1].is(Token::Lower)
                    && has(f - 2, Lexicon::Title | Lexicon::Head))
                    ++f;
                while (e - f > 2 && neverProperNoun(f))
                    ++f;
                addPerson(f, e, QStringLiteral("context"), 0.65, {}, {});
                i = e - 1;
            }
        }
    }

    // Later short references: "Xi" after "Xi Jinping", "Sun" after "Sun Zhuangzhi", "Rana" after "Aqsa Younas Rana".
    void aliasPass()
    {
        QHash<quint64, int> alias;
        for (size_t k = 0; k < m_cands.size(); ++k) {
            const Candidate &c = m_cands[k];
            if (c.removed || c.last - c.first < 2)
                continue;
            // A storm's later mentions name it alone ("the destructive power of Katrina").
            if (c.kind == EntityKind::Event && has(c.first, Lexicon::Storm) && isWord(c.last - 1)) {
                alias.insert(m_tokens[c.last - 1].hash, int(k));
                continue;
            }
            if (c.kind != EntityKind::Person)
                continue;
            for (const size_t t : { c.first, c.last - 1 }) {
                // Not the "Al" of "Al-Assad", nor a two-letter word: both stand for too much else.
                const bool hyphenated
                    = (is(t + 1, m_lx.hyphen) && adjacent(t + 1)) || (t > 0 && is(t - 1, m_lx.hyphen));
                if (isWord(t) && m_tokens[t].end - m_tokens[t].start >= 3 && !hyphenated
                    && !has(t, Lexicon::NonName | Lexicon::Title))
                    alias.insert(m_tokens[t].hash, int(k));
            }
        }
        if (alias.isEmpty())
            return;
        for (size_t i = 0; i < m_n; ++i) {
            if (!isCapWord(i) || !replaceable(i)) // the cheaper test first
                continue;
            auto it = alias.constFind(m_tokens[i].hash);
            if (it == alias.cend() || nameWord(i + 1) || (i > 0 && nameWord(i - 1) && !m_sentenceStart[i]))
                continue;
            if (m_owner[i] >= 0)
                remove(m_owner[i]);
            Candidate c = m_cands[size_t(*it)];
            c.first = i;
            c.last = i + 1;
            c.method = c.method == u"leader" ? c.method : QStringLiteral("context");
            c.confidence = std::min(c.confidence, 0.75);
            add(std::move(c));
        }
    }

    QList<EntityMention> output()
    {
        QList<EntityMention> out;
        out.reserve(qsizetype(m_cands.size() + m_hanCands.size()));
        const auto emitMention = [&](const Candidate &c) {
            EntityMention &m = out.emplaceBack(); // in place: a document can hold hundreds of thousands
            m.span = { c.start, c.end };
            m.text = m_text.sliced(c.start, c.end - c.start).toString();
            m.kind = c.kind;
            m.id = c.id;
            m.name = c.name;
            m.country = c.country;
            m.method = c.method;
            m.confidence = c.confidence;
            m.role = c.role;
        };
        for (const Candidate &c : m_cands) {
            if (c.removed)
                continue;
            emitMention(c);
            if ((c.kind == EntityKind::Organization || c.kind == EntityKind::Event) && c.last - c.first >= 2)
                inName(c, emitMention);
        }
        for (const Candidate &c : m_hanCands)
            emitMention(c);
        sortMentions(out);
        return out;
    }

    // Countries and organisations named inside an organisation or event name ("Chinese Academy of Social
    // Sciences", "20th CPC Congress"), so that the article still counts them.
    template<typename Emit> void inName(const Candidate &outer, Emit &&emitMention)
    {
        for (size_t i = outer.first; i < outer.last;) {
            const size_t limit = outer.last - i - (i == outer.first ? 1 : 0);
            const Gazetteer::Match m = limit ? m_g.longestMatch(m_text, m_tokens, i, limit) : Gazetteer::Match {};
            if (m.entry < 0) {
                ++i;
                continue;
            }
            const GazetteerEntry &e = m_g.entry(m.entry);
            const size_t last = i + size_t(m.tokens);
            const bool prefixOk = !(e.flags & GazetteerEntry::Prefix) || is(last, m_lx.hyphen);
            // A capital in a name is the city ("Rome Statute", "Beijing Olympics"), not its government.
            if ((e.kind == EntityKind::Country && prefixOk && e.method != u"capital")
                || (e.kind == EntityKind::Organization && e.id != outer.id)) {
                Candidate c = fromEntry(m.entry, i, last);
                c.start = m_tokens[c.first].start;
                c.end = m_tokens[c.last - 1].end;
                c.method = QStringLiteral("in-name");
                c.confidence = 0.5;
                emitMention(c);
            }
            i = last;
        }
    }

    const TokenStream &m_ts;
    QStringView m_text;
    const std::vector<Token> &m_tokens;
    const size_t m_n; // m_tokens.size(), which is also the size of every per-token array
    const Gazetteer &m_g;
    const Lexicon &m_lx;
    QDate m_date;
    std::vector<int> m_owner;
    std::vector<quint32> m_cls; // Lexicon classes of each token
    quint32 m_present = 0; // the union of m_cls
    std::vector<quint8> m_sentenceStart;
    std::vector<Candidate> m_cands;
    std::vector<Candidate> m_hanCands;
    QHash<quint64, int> m_acronyms;
};

} // namespace

void sortMentions(QList<EntityMention> &mentions)
{
    // The same std::sort over (start, end, index) keys with the same comparison makes the same comparisons and
    // so the same moves: the resulting permutation is the one sorting the mentions themselves gives, while a
    // move costs 24 bytes rather than a mention of seven strings.
    struct Key
    {
        qsizetype start;
        qsizetype end;
        qsizetype index;
    };
    std::vector<Key> keys;
    keys.reserve(size_t(mentions.size()));
    for (qsizetype i = 0; i < mentions.size(); ++i)
        keys.push_back({ mentions.at(i).span.start, mentions.at(i).span.end, i });
    std::sort(keys.begin(), keys.end(),
        [](const Key &a, const Key &b) { return a.start != b.start ? a.start < b.start : a.end > b.end; });
    bool moved = false;
    for (size_t k = 0; k < keys.size() && !moved; ++k)
        moved = keys[k].index != qsizetype(k);
    if (!moved)
        return;
    QList<EntityMention> sorted;
    sorted.reserve(mentions.size());
    for (const Key &k : keys)
        sorted.append(std::move(mentions[k.index]));
    mentions = std::move(sorted);
}

QList<EntityMention> recogniseEntities(const TokenStream &ts, const PartialDate &date, const DocumentContext &ctx)
{
    Q_UNUSED(ctx)
    Recogniser r(ts, date);
    return r.run();
}

} // namespace entente

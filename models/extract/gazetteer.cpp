#include "gazetteer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace entente {

namespace {

// The hash of a string of UTF-16 units (a case-folded word, a CJK run, a punctuation character) reads eight
// units at a time, packed four to a 64-bit word with the first unit lowest and zeros past the end, so that
// the tokenizer hashes an ASCII word from a vector register in one step instead of a multiply a character.
constexpr quint64 kHashSeed = 0x243f6a8885a308d3ULL;
constexpr quint64 hashStep(quint64 h, quint64 lo, quint64 hi)
{
    return mixBits(h ^ (lo * 0x9e3779b97f4a7c15ULL) ^ std::rotl(hi * 0xc2b2ae3d27d4eb4fULL, 32));
}
constexpr quint64 hashEnd(quint64 h, qsizetype units)
{
    return h ^ (quint64(units) * 0xff51afd7ed558ccdULL);
}

quint64 hashUnits(const char16_t *p, qsizetype n)
{
    quint64 h = kHashSeed;
    for (qsizetype i = 0; i < n; i += 8) {
        quint64 block[2] = { 0, 0 };
        for (qsizetype k = 0; k < 8 && i + k < n; ++k)
            block[k / 4] |= quint64(p[i + k]) << (16 * (k % 4));
        h = hashStep(h, block[0], block[1]);
    }
    return hashEnd(h, n);
}

quint64 sequenceStep(quint64 seq, quint64 token)
{
    return mixBits(seq * 0x9e3779b97f4a7c15ULL + token);
}

// Classes of the ASCII characters, so that the tokenizer's inner loop tests one table entry.
enum AsciiClass : quint8 { AsciiSpace = 1, AsciiWord = 2, AsciiUpper = 4, AsciiLower = 8 };
constexpr std::array<quint8, 128> kAscii = [] {
    std::array<quint8, 128> a {};
    for (char16_t c : { u' ', u'\n', u'\t', u'\r', u'\f', u'\v' })
        a[c] = AsciiSpace;
    for (char16_t c = u'0'; c <= u'9'; ++c)
        a[c] = AsciiWord;
    for (char16_t c = u'A'; c <= u'Z'; ++c)
        a[c] = AsciiWord | AsciiUpper;
    for (char16_t c = u'a'; c <= u'z'; ++c)
        a[c] = AsciiWord | AsciiLower;
    return a;
}();

// Longest word prefix that is hashed (as many units as the tokenizer's buffer holds).
constexpr qsizetype kHashedUnits = 128;

// An ASCII word as the tokenizer reads it: where it ends (the first character that is no ASCII letter or digit),
// the hash of its case-folded characters (hashUnits() of the first kHashedUnits), and the AsciiUpper/AsciiLower
// bits of its first letter and of all its letters.
struct AsciiRun
{
    qsizetype end = 0;
    quint64 hash = 0;
    quint8 first = 0;
    quint8 seen = 0;
};

AsciiRun readAsciiWord(const char16_t *s, qsizetype i, qsizetype n)
{
    const qsizetype start = i;
    AsciiRun w;
#if defined(__SSE2__)
    // Eight characters a step, without a branch a character: the letters' cases, the word's end and the
    // folded characters all come from vector compares. Unsigned "x < k" is a signed compare shifted by 0x8000.
    const __m128i bias = _mm_set1_epi16(short(0x8000));
    const auto below = [&bias](__m128i v, char16_t from, int count) {
        return _mm_cmplt_epi16(
            _mm_xor_si128(_mm_sub_epi16(v, _mm_set1_epi16(short(from))), bias), _mm_set1_epi16(short(0x8000 + count)));
    };
    const __m128i lanes = _mm_set_epi16(7, 6, 5, 4, 3, 2, 1, 0);
    quint64 h = kHashSeed;
    unsigned upperSeen = 0;
    unsigned lowerSeen = 0;
    for (;;) {
        __m128i v;
        if (i + 8 <= n) {
            v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + i));
        } else {
            char16_t tail[8] = {}; // the text's last characters, then zeros (no word characters)
            std::memcpy(tail, s + i, size_t(n - i) * sizeof(char16_t));
            v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(tail));
        }
        const __m128i upper = below(v, u'A', 26);
        const __m128i lower = below(v, u'a', 26);
        const __m128i digit = below(v, u'0', 10);
        const unsigned word = unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(upper, lower), digit)));
        const int count = std::countr_zero(~word) / 2; // word characters before the first other one
        const unsigned valid = (1u << (2 * count)) - 1; // their bytes in a movemask
        const unsigned u = unsigned(_mm_movemask_epi8(upper)) & valid;
        const unsigned l = unsigned(_mm_movemask_epi8(lower)) & valid;
        if (!((upperSeen | lowerSeen) & 0xFFFF) && (u | l)) {
            const unsigned firstLetter = (u | l) & (0u - (u | l)); // lowest bit
            w.first = (u & firstLetter) ? AsciiUpper : AsciiLower;
        }
        upperSeen |= u;
        lowerSeen |= l;
        if (count > 0 && i - start < kHashedUnits) {
            const __m128i inWord = _mm_cmplt_epi16(lanes, _mm_set1_epi16(short(count)));
            const __m128i folded = _mm_and_si128(_mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi16(0x20))), inWord);
            h = hashStep(h, quint64(_mm_cvtsi128_si64(folded)), quint64(_mm_cvtsi128_si64(_mm_srli_si128(folded, 8))));
        }
        i += count;
        if (count < 8)
            break;
    }
    w.end = i;
    w.hash = hashEnd(h, std::min(i - start, kHashedUnits));
    w.seen = quint8((upperSeen ? AsciiUpper : 0) | (lowerSeen ? AsciiLower : 0));
#else
    std::array<char16_t, kHashedUnits> folded;
    qsizetype len = 0;
    for (; i < n && s[i] < 0x80 && (kAscii[s[i]] & AsciiWord); ++i) {
        const quint8 k = kAscii[s[i]];
        w.first = (w.seen & (AsciiUpper | AsciiLower)) ? w.first : quint8(k & (AsciiUpper | AsciiLower));
        w.seen |= k & (AsciiUpper | AsciiLower);
        if (len < kHashedUnits)
            folded[size_t(len++)] = (k & AsciiUpper) ? char16_t(s[i] | 0x20) : s[i];
    }
    w.end = i;
    w.hash = hashUnits(folded.data(), len);
#endif
    return w;
}

bool isHan(char16_t c)
{
    return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || QChar::isHighSurrogate(c);
}

bool isWordChar(char16_t c)
{
    if (c < 0x80)
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
    const QChar q(c);
    return q.isLetterOrNumber() || q.isMark();
}

bool isSpace(char16_t c)
{
    if (c < 0x80)
        return c == u' ' || c == u'\n' || c == u'\t' || c == u'\r' || c == u'\f' || c == u'\v';
    return QChar(c).isSpace();
}

// Characters whose spelling varies in running text but not in meaning.
char16_t normalisePunct(char16_t c)
{
    switch (c) {
    case u'\u2019':
    case u'\u2018':
    case u'\u02bc':
    case u'`':
    case u'\u00b4':
        return u'\'';
    case u'\u2010':
    case u'\u2011':
    case u'\u2012':
    case u'\u2013':
    case u'\u2014':
    case u'\u2212':
        return u'-';
    default:
        return c;
    }
}

// Case-folds one character of a word; 0 means "leave it out" (Arabic vowel marks and tatweel).
char16_t foldWordChar(char16_t c)
{
    if (c < 0x80)
        return (c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c;
    if ((c >= 0x064b && c <= 0x0652) || c == 0x0670 || c == 0x0640)
        return 0;
    switch (c) {
    case u'\u0623': // Arabic alef with hamza above/below, madda: written with or without them
    case u'\u0625':
    case u'\u0622':
        return u'\u0627';
    case u'\u0649':
        return u'\u064a';
    default:
        break;
    }
    const char16_t f = QChar(c).toCaseFolded().unicode();
    return f == u'\u0451' ? u'\u0435' : f; // ё -> е: Russian text writes either
}

bool isCyrillic(char16_t c)
{
    return c >= 0x0400 && c <= 0x04ff;
}
bool isArabic(char16_t c)
{
    return c >= 0x0600 && c <= 0x06ff;
}

// Russian inflects names (Россия, России, Россию, Россией): match on the stem. The same stripping runs on
// the data and on the text, so only consistency matters, not linguistic accuracy.
qsizetype russianStemLength(const char16_t *w, qsizetype n)
{
    static const std::array<std::u16string_view, 44> endings
        = { u"иями", u"ией", u"ями", u"ами", u"ого", u"его", u"ому", u"ему", u"ыми", u"ими", u"ией", u"ия", u"ии",
              u"ию", u"ей", u"ой", u"ом", u"ем", u"ам", u"ям", u"ах", u"ях", u"ов", u"ев", u"ий", u"ый", u"ая", u"яя",
              u"ое", u"ее", u"ую", u"юю", u"а", u"я", u"ы", u"и", u"у", u"ю", u"е", u"о", u"й", u"ь", u"ы", u"ы" };
    if (n < 4)
        return n;
    for (const auto &e : endings) {
        const auto len = qsizetype(e.size());
        if (n - len < 3)
            continue;
        if (std::u16string_view(w + n - len, size_t(len)) == e)
            return n - len;
    }
    return n;
}

// yyyy-mm-dd; QDate::fromString costs more than the rest of the loading put together.
QDate isoDate(QStringView s)
{
    if (s.size() != 10 || s[4] != u'-' || s[7] != u'-')
        return {};
    const auto num = [&s](qsizetype from, qsizetype len) {
        int v = 0;
        for (qsizetype i = from; i < from + len; ++i)
            v = v * 10 + (s[i].unicode() - u'0');
        return v;
    };
    return QDate(num(0, 4), num(5, 2), num(8, 2));
}

// Comparison key of event names: case-folded, apostrophes and dashes unified, white space collapsed.
QString foldEventName(QStringView s)
{
    QString out;
    out.reserve(s.size());
    bool space = false;
    for (const QChar c : s) {
        if (c.isSpace()) {
            space = !out.isEmpty();
            continue;
        }
        if (space)
            out.append(u' ');
        space = false;
        out.append(QChar(normalisePunct(c.unicode())).toCaseFolded());
    }
    return out;
}

// The meeting kind of an events.tsv `kind` cell as a KnownEvent::Kind bit; 0 for what happened.
quint32 eventKindBit(QStringView kind)
{
    if (kind == u"summit")
        return KnownEvent::Summit;
    if (kind == u"forum")
        return KnownEvent::Forum;
    if (kind == u"party-congress")
        return KnownEvent::PartyCongress;
    if (kind == u"climate-conference")
        return KnownEvent::ClimateConference;
    if (kind == u"olympics")
        return KnownEvent::Olympics;
    if (kind == u"world-cup")
        return KnownEvent::WorldCup;
    return 0;
}

} // namespace

// Token-sequence index of the forms findKnownEventCues() looks for; built on first use.
struct Gazetteer::EventCueIndex
{
    struct Form
    {
        quint64 caseMask = 0; // as GazetteerEntry::caseMask
        quint8 tokens = 0;
        KnownEventCue::Type type = KnownEventCue::Name;
        quint32 kinds = 0; // kind bits the form itself says ("summit", or "Summit" inside a series name)
        int list = -1; // into lists: the events the form points to
        int next = -1; // next form with the same token sequence
    };
    std::vector<Form> forms;
    std::vector<QList<int>> lists;
    TokenHashMap byKey; // sequence hash -> first form + 1
    TokenHashMap firstToken; // first token hash -> longest form in tokens
    int maxTokens = 0;
};

void TokenHashMap::reserve(size_t count)
{
    size_t cap = 16;
    while (cap < count * 2)
        cap *= 2;
    if (cap <= m_slots.size())
        return;
    std::vector<Slot> previous = std::move(m_slots);
    m_slots.assign(cap, Slot {});
    m_mask = cap - 1;
    m_size = 0;
    for (const Slot &s : previous) {
        if (s.key)
            (*this)[s.key] = s.value;
    }
}

void TokenHashMap::grow()
{
    reserve(std::max<size_t>(16, m_slots.size()));
}

quint32 &TokenHashMap::operator[](quint64 key)
{
    if ((m_size + 1) * 2 > m_slots.size())
        grow();
    key = key ? key : 1;
    size_t i = size_t(key) & m_mask;
    while (m_slots[i].key != 0 && m_slots[i].key != key)
        i = (i + 1) & m_mask;
    if (m_slots[i].key == 0) {
        m_slots[i].key = key;
        ++m_size;
    }
    return m_slots[i].value;
}

void TokenHashFilter::build(const TokenHashMap &map)
{
    size_t words = 1;
    while (words * 64 < map.size() * 16)
        words *= 2;
    m_words.assign(words, 0);
    m_mask = words - 1;
    map.forEachKey([this](quint64 key) {
        const quint64 m = spread(key);
        m_words[size_t(m >> 12) & m_mask] |= bitsOf(m);
    });
}

quint64 gazetteerWordHash(QStringView word)
{
    std::vector<GazToken> t;
    tokenizeForGazetteer(word, t);
    return t.empty() ? 0 : t.front().hash;
}

void tokenizeForGazetteer(QStringView text, std::vector<GazToken> &out)
{
    // Written by index into a vector sized ahead, not by push_back: that was a call a token.
    out.clear();
    out.resize(size_t(text.size() / 5 + 8));
    size_t count = 0;
    const auto append = [&out, &count](const GazToken &t) {
        if (count == out.size()) [[unlikely]]
            out.resize(out.size() * 2);
        out[count++] = t;
    };
    const char16_t *s = reinterpret_cast<const char16_t *>(text.utf16());
    const qsizetype n = text.size();
    std::array<char16_t, 128> buf {};
    bool space = false;
    bool line = true;
    bool brk = true;
    int newlines = 0;
    qsizetype lineBegin = 0;
    qsizetype lastInk = -1; // last non-space character
    qsizetype i = 0;
    while (i < n) {
        const char16_t c = s[i];
        if (c < 0x80 ? (kAscii[c] & AsciiSpace) : isSpace(c)) {
            space = true;
            if (c == u'\n') {
                line = true;
                if (++newlines > 1 || lastInk < lineBegin || lastInk - lineBegin < 40)
                    brk = true;
                else {
                    const char16_t p = s[lastInk];
                    if (p == u'.' || p == u'!' || p == u'?' || p == u':' || p == u';' || p == u'"' || p == u'\u201d')
                        brk = true;
                }
                lineBegin = i + 1;
            }
            ++i;
            continue;
        }
        newlines = 0;
        GazToken t;
        t.start = i;
        if (space)
            t.flags |= GazToken::SpaceBefore;
        if (line)
            t.flags |= GazToken::LineStart;
        if (brk)
            t.flags |= GazToken::Break;
        space = false;
        line = false;
        brk = false;
        if (c < 0x80 && !(kAscii[c] & AsciiWord)) {
            // ASCII punctuation, the commonest token after words: its hash from a table.
            static const std::array<quint64, 128> punctHash = [] {
                std::array<quint64, 128> h {};
                for (char16_t k = 0; k < 128; ++k) {
                    const char16_t p = normalisePunct(k);
                    h[k] = hashUnits(&p, 1);
                }
                return h;
            }();
            t.end = ++i;
            t.hash = punctHash[c];
            lastInk = i - 1;
            append(t);
            continue;
        }
        if (c >= 0x80 && isHan(c)) {
            while (i < n && isHan(s[i]))
                ++i;
            t.end = i;
            t.flags |= GazToken::Han;
            t.hash = hashUnits(s + t.start, i - t.start);
            lastInk = i - 1;
            append(t);
            continue;
        }
        if (c >= 0x80 && !isWordChar(c)) {
            const char16_t p = normalisePunct(c);
            t.end = ++i;
            t.hash = hashUnits(&p, 1);
            lastInk = i - 1;
            append(t);
            continue;
        }
        qsizetype len = 0;
        // The case of every letter and of the first one, as AsciiUpper/AsciiLower bits: or-ed and selected
        // without a branch, since the letters' cases vary from word to word.
        constexpr quint8 letter = AsciiUpper | AsciiLower;
        quint8 seen = 0;
        quint8 first = 0;
        const bool digit = c >= u'0' && c <= u'9';
        // A word that starts with an ASCII character needs no buffer (its buf[0] would be ASCII, so neither
        // Russian stems nor Arabic proclitics apply): its ASCII part is read and hashed by readAsciiWord(). Only
        // when a non-ASCII letter continues it does the loop below take over, from the folded prefix.
        const bool ascii = c < 0x80;
        bool hashed = false;
        if (ascii) {
            const AsciiRun w = readAsciiWord(s, i, n);
            seen = w.seen;
            first = w.first;
            if (w.end < n && s[w.end] >= 0x80 && isWordChar(s[w.end]) && !isHan(s[w.end])) {
                for (; i < w.end; ++i) {
                    if (len < qsizetype(buf.size()))
                        buf[size_t(len++)] = foldWordChar(s[i]);
                }
            } else {
                i = w.end;
                t.hash = w.hash;
                hashed = true;
            }
        }
        while (!hashed && i < n) {
            const char16_t w = s[i];
            quint8 k;
            char16_t f;
            if (w < 0x80) {
                k = kAscii[w];
                if (!(k & AsciiWord))
                    break;
                f = (k & AsciiUpper) ? char16_t(w | 0x20) : w;
            } else {
                if (!isWordChar(w) || isHan(w))
                    break;
                const QChar q(w);
                k = quint8((q.isUpper() ? AsciiUpper : 0) | (q.isLower() ? AsciiLower : 0));
                f = foldWordChar(w);
            }
            first = (seen & letter) ? first : k;
            seen |= k;
            if (f && len < qsizetype(buf.size()))
                buf[size_t(len++)] = f;
            ++i;
        }
        t.end = i;
        t.flags |= GazToken::Word;
        if (first & AsciiUpper)
            t.flags |= GazToken::Capitalised;
        if (first & AsciiLower)
            t.flags |= GazToken::Lower;
        if ((seen & letter) && !(seen & AsciiLower))
            t.flags |= GazToken::AllCaps;
        if (digit)
            t.flags |= GazToken::Digit;
        lastInk = i - 1;
        if (!hashed) {
            qsizetype hashLen = len;
            if (!ascii && len > 0 && isCyrillic(buf[0]) && !(t.flags & GazToken::AllCaps))
                hashLen = russianStemLength(buf.data(), len);
            t.hash = hashUnits(buf.data(), hashLen);
        }
        if (!ascii && len >= 4 && isArabic(buf[0])) {
            // Arabic writes "and", "with", "to", "so", "as" joined to the next word (والصين, بالصين).
            const char16_t p0 = buf[0];
            if (p0 == u'\u0648' || p0 == u'\u0628' || p0 == u'\u0644' || p0 == u'\u0641' || p0 == u'\u0643') {
                if (p0 == u'\u0644' && buf[1] == u'\u0644') { // لل = ل + ال
                    buf[1] = u'\u0627';
                }
                t.altHash = hashUnits(buf.data() + 1, len - 1);
            }
        }
        append(t);
    }
    out.resize(count);
}

Gazetteer::Gazetteer()
{
    QElapsedTimer timer;
    timer.start();
    const auto read = [](const QString &name) {
        QFile f(QStringLiteral(":/gazetteer/") + name);
        if (!f.open(QIODevice::ReadOnly)) {
            qWarning("Gazetteer: cannot read %s", qPrintable(name));
            return QString();
        }
        return QString::fromUtf8(f.readAll());
    };
    // Each file: '#' comment lines, then tab-separated rows.
    const auto rows = [](const QString &data, auto &&row) {
        const QStringView all(data);
        qsizetype pos = 0;
        std::array<QStringView, 8> cells;
        while (pos < all.size()) {
            qsizetype end = all.indexOf(u'\n', pos);
            if (end < 0)
                end = all.size();
            const QStringView line = all.sliced(pos, end - pos);
            pos = end + 1;
            if (line.isEmpty() || line.front() == u'#')
                continue;
            size_t count = 0;
            qsizetype c = 0;
            while (count < cells.size()) {
                const qsizetype tab = line.indexOf(u'\t', c);
                cells[count++] = tab < 0 ? line.sliced(c) : line.sliced(c, tab - c);
                if (tab < 0)
                    break;
                c = tab + 1;
            }
            for (size_t k = count; k < cells.size(); ++k)
                cells[k] = {};
            row(cells);
        }
    };

    rows(read(QStringLiteral("countries.tsv")), [this](const auto &c) {
        CountryInfo info { c[0].toString(), c[1].toString(), c[2].toString(), c[3].toString(), isoDate(c[4]),
            isoDate(c[5]) };
        m_countries.insert(info.alpha3, info);
    });
    rows(read(QStringLiteral("regions.tsv")),
        [this](const auto &c) { m_regions.insert(c[0].toString(), c[1].toString().split(u' ', Qt::SkipEmptyParts)); });
    rows(read(QStringLiteral("organizations.tsv")), [this](const auto &c) {
        const QString id = c[0].toString();
        if (!c[1].isEmpty())
            m_orgCountry.insert(id, c[1].toString());
        if (c[2].isEmpty())
            return;
        QList<Membership> members;
        for (const QStringView m : c[2].split(u' ', Qt::SkipEmptyParts)) {
            const qsizetype at = m.indexOf(u'@');
            members.append(at < 0 ? Membership { m.toString(), {} }
                                  : Membership { m.first(at).toString(), isoDate(m.sliced(at + 1)) });
        }
        m_orgMembers.insert(id, members);
    });
    // Share the few distinct country, role and method strings (hashed as views: QHash<QString> would build a
    // QString for every look-up).
    TokenHashMap poolIndex;
    std::vector<QString> pool;
    const auto intern = [&](QStringView v) {
        quint32 &slot
            = poolIndex[hashUnits(reinterpret_cast<const char16_t *>(v.utf16()), v.size()) ^ quint64(v.size())];
        if (!slot) {
            pool.push_back(v.toString());
            slot = quint32(pool.size());
        }
        return pool[slot - 1];
    };
    m_roles.reserve(24000);
    rows(read(QStringLiteral("people.tsv")), [&](const auto &c) {
        m_roles[c[0].toString()].append(PersonRole { intern(c[1]), intern(c[2]), isoDate(c[3]), isoDate(c[4]) });
    });

    m_entries.reserve(40000);
    m_byKey.reserve(40000);
    m_firstTokens.reserve(30000);
    std::vector<GazToken> tokens;
    rows(read(QStringLiteral("names.tsv")), [&](const auto &c) {
        GazetteerEntry e;
        e.form = c[0].toString();
        switch (c[1].isEmpty() ? u'?' : c[1].front().unicode()) {
        case u'c':
            e.kind = EntityKind::Country;
            break;
        case u'p':
            e.kind = EntityKind::Person;
            break;
        case u'o':
            e.kind = EntityKind::Organization;
            break;
        case u'l':
            e.kind = EntityKind::Place;
            break;
        case u'r':
            e.kind = EntityKind::Region;
            break;
        case u'e':
            e.kind = EntityKind::Event;
            break;
        default:
            return;
        }
        e.id = c[2] == c[0] ? e.form : c[2].toString();
        e.country = intern(c[3]);
        e.method = intern(c[4]);
        for (const QChar f : c[5]) {
            if (f == u'x')
                e.flags |= GazetteerEntry::CaseExact;
            else if (f == u'a')
                e.flags |= GazetteerEntry::Ambiguous;
            else if (f == u'p')
                e.flags |= GazetteerEntry::Prefix;
        }
        if (e.kind == EntityKind::Country
            && (e.method == u"name" || e.method == u"official-name" || e.method == u"abbreviation"))
            m_countryByName.insert(e.form.toCaseFolded(), e.id);
        tokenizeForGazetteer(e.form, tokens);
        if (tokens.empty() || tokens.size() > 32)
            return;
        if (tokens.size() == 1 && tokens.front().is(GazToken::Han)) {
            const qsizetype len = tokens.front().end - tokens.front().start;
            m_hanMaxLength = std::max(m_hanMaxLength, int(len));
            const int index = int(m_entries.size());
            quint32 &slot = m_han[tokens.front().hash];
            if (!slot)
                slot = quint32(index + 1);
            e.tokenCount = 1;
            m_entries.push_back(std::move(e));
            return;
        }
        quint64 seq = 0;
        for (size_t k = 0; k < tokens.size(); ++k) {
            const GazToken &t = tokens[k];
            seq = sequenceStep(seq, t.hash);
            quint64 need = 0;
            if (t.is(GazToken::AllCaps) && t.end - t.start >= 2 && e.kind != EntityKind::Person)
                need = 2;
            else if (t.is(GazToken::Capitalised))
                need = 1;
            e.caseMask |= need << (2 * k);
        }
        e.tokenCount = quint8(tokens.size());
        const int index = int(m_entries.size());
        quint32 &slot = m_byKey[seq];
        if (!slot) {
            slot = quint32(index + 1);
        } else {
            int last = int(slot) - 1;
            while (m_entries[size_t(last)].next >= 0)
                last = m_entries[size_t(last)].next;
            m_entries[size_t(last)].next = index;
        }
        quint32 &longest = m_firstTokens[tokens.front().hash];
        longest = std::max<quint32>(longest, e.tokenCount);
        if ((e.caseMask & 3) == 0 && !(e.flags & GazetteerEntry::CaseExact)) {
            quint32 &anyCase = m_firstTokensAnyCase[tokens.front().hash];
            anyCase = std::max<quint32>(anyCase, e.tokenCount);
        }
        m_entries.push_back(std::move(e));
    });
    m_byKeyFilter.build(m_byKey);
    m_firstTokensFilter.build(m_firstTokens);
    m_firstTokensAnyCaseFilter.build(m_firstTokensAnyCase);
    loadEvents(read(QStringLiteral("events.tsv")));
    m_loadMs = double(timer.nsecsElapsed()) / 1e6;
}

Gazetteer::~Gazetteer() = default;

const Gazetteer &Gazetteer::shared()
{
    static const Gazetteer instance;
    return instance;
}

QString Gazetteer::countryName(const QString &alpha3) const
{
    // Not value(): that copies the whole CountryInfo for every country mention.
    const auto it = m_countries.constFind(alpha3);
    return it == m_countries.cend() ? QString() : it->name;
}

std::optional<CountryInfo> Gazetteer::country(const QString &alpha3) const
{
    auto it = m_countries.constFind(alpha3);
    if (it == m_countries.cend())
        return std::nullopt;
    return *it;
}

QList<CountryInfo> Gazetteer::countries() const
{
    QList<CountryInfo> all = m_countries.values();
    std::sort(all.begin(), all.end(), [](const CountryInfo &a, const CountryInfo &b) { return a.alpha3 < b.alpha3; });
    return all;
}

QString Gazetteer::countryCode(QStringView name) const
{
    return m_countryByName.value(name.toString().toCaseFolded());
}

QStringList Gazetteer::regions() const
{
    QStringList r = m_regions.keys();
    r.sort();
    return r;
}

QStringList Gazetteer::regionMembers(const QString &region) const
{
    return m_regions.value(region);
}

QStringList Gazetteer::organizations() const
{
    QStringList r = m_orgMembers.keys();
    r.sort();
    return r;
}

QList<Membership> Gazetteer::organizationMembers(const QString &organization) const
{
    return m_orgMembers.value(organization);
}

QStringList Gazetteer::organizationMembersAt(const QString &organization, const QDate &date) const
{
    QStringList r;
    for (const Membership &m : m_orgMembers.value(organization)) {
        if (!date.isValid() || !m.joined.isValid() || m.joined <= date)
            r.append(m.country);
    }
    return r;
}

QString Gazetteer::organizationCountry(const QString &organization) const
{
    return m_orgCountry.value(organization);
}

QList<PersonRole> Gazetteer::personRoles(const QString &person) const
{
    return m_roles.value(person);
}

std::optional<PersonRole> Gazetteer::personRoleAt(const QString &person, const QDate &date, bool *exact) const
{
    if (exact)
        *exact = false;
    auto it = m_roles.constFind(person);
    if (it == m_roles.cend() || it->isEmpty())
        return std::nullopt;
    // PETRARCH's generic roles ("government", "elite") give way to the supplement's named ones ("president"),
    // and of two named roles the one taken up last ("president" after "general secretary").
    static const QSet<QString> generic { QStringLiteral("government"), QStringLiteral("elite"),
        QStringLiteral("military"), QStringLiteral("opposition"), QStringLiteral("legislature"), QStringLiteral("") };
    const auto better = [&](const PersonRole &r, const PersonRole *than) {
        if (!than)
            return true;
        const bool g1 = generic.contains(r.role);
        const bool g2 = generic.contains(than->role);
        if (g1 != g2)
            return !g1;
        return r.from > than->from;
    };
    const PersonRole *best = nullptr;
    for (const PersonRole &r : *it) {
        if (date.isValid() && (r.from.isValid() || r.to.isValid()) && (!r.from.isValid() || r.from <= date)
            && (!r.to.isValid() || date < r.to) && better(r, best))
            best = &r;
    }
    if (best) {
        if (exact)
            *exact = true;
        return *best;
    }
    for (const PersonRole &r : *it) {
        const QDate key = r.to.isValid() ? r.to : QDate(9999, 1, 1);
        const QDate bestKey = best ? (best->to.isValid() ? best->to : QDate(9999, 1, 1)) : QDate();
        if (!best || key > bestKey || (key == bestKey && r.from > best->from))
            best = &r;
    }
    return *best;
}

bool Gazetteer::caseFits(QStringView text, const std::vector<GazToken> &tokens, size_t i, const GazetteerEntry &e) const
{
    if (e.flags & GazetteerEntry::CaseExact) {
        // Compare the text with the form, white space and apostrophe spellings aside.
        const QStringView span = text.sliced(tokens[i].start, tokens[i + e.tokenCount - 1].end - tokens[i].start);
        qsizetype a = 0;
        qsizetype b = 0;
        const QString &f = e.form;
        while (a < span.size() || b < f.size()) {
            while (a < span.size() && span[a].isSpace())
                ++a;
            while (b < f.size() && f[b].isSpace())
                ++b;
            if (a == span.size() || b == f.size())
                return a == span.size() && b == f.size();
            if (normalisePunct(span[a].unicode()) != normalisePunct(f[b].unicode()))
                return false;
            ++a;
            ++b;
        }
        return true;
    }
    for (size_t k = 0; k < e.tokenCount; ++k) {
        const quint64 need = (e.caseMask >> (2 * k)) & 3;
        const GazToken &t = tokens[i + k];
        if (need == 1 && !t.is(GazToken::Capitalised))
            return false;
        if (need == 2 && !t.is(GazToken::AllCaps))
            return false;
    }
    return true;
}

Gazetteer::Match Gazetteer::longestMatch(
    QStringView text, const std::vector<GazToken> &tokens, size_t i, size_t maxTokens) const
{
    const GazToken &first = tokens[i];
    if (!first.is(GazToken::Word))
        return {};
    for (const quint64 firstHash : { first.hash, first.altHash }) {
        if (!firstHash)
            continue;
        const bool lower = first.is(GazToken::Lower);
        if (!(lower ? m_firstTokensAnyCaseFilter : m_firstTokensFilter).mayContain(firstHash))
            continue;
        const quint32 *longest = lower ? m_firstTokensAnyCase.find(firstHash) : m_firstTokens.find(firstHash);
        if (!longest)
            continue;
        const size_t maxLen = std::min({ size_t(*longest), tokens.size() - i, maxTokens });
        std::array<quint64, 32> seq {};
        quint64 h = 0;
        size_t len = 0;
        for (; len < maxLen; ++len) {
            const GazToken &t = tokens[i + len];
            if (len > 0 && (t.is(GazToken::Han) || t.is(GazToken::Break)))
                break;
            h = sequenceStep(h, len == 0 ? firstHash : t.hash);
            seq[len] = h;
        }
        for (size_t k = len; k > 0; --k) {
            if (!m_byKeyFilter.mayContain(seq[k - 1]))
                continue;
            const quint32 *e = m_byKey.find(seq[k - 1]);
            if (!e)
                continue;
            for (int idx = int(*e) - 1; idx >= 0; idx = m_entries[size_t(idx)].next) {
                const GazetteerEntry &entry = m_entries[size_t(idx)];
                if (entry.tokenCount == k && caseFits(text, tokens, i, entry))
                    return { idx, int(k) };
            }
        }
    }
    return {};
}

Gazetteer::Match Gazetteer::longestHanMatch(QStringView run, qsizetype pos) const
{
    const char16_t *s = reinterpret_cast<const char16_t *>(run.utf16());
    for (qsizetype len = std::min<qsizetype>(m_hanMaxLength, run.size() - pos); len >= 2; --len) {
        if (const quint32 *e = m_han.find(hashUnits(s + pos, len)))
            return { int(*e) - 1, int(len) };
    }
    return {};
}

bool KnownEvent::includesDayOfMonth(int day) const
{
    if (!start.isValid() || day < 1)
        return false;
    const QDate last = end.isValid() ? end : start;
    for (QDate d = start; d <= last; d = d.addDays(1)) {
        if (d.day() == day)
            return true;
    }
    return false;
}

void Gazetteer::loadEvents(const QString &data)
{
    // Ten columns (the shared row reader stops at eight): name, aliases, organisation, kind, start, end, cities,
    // country, flags, note.
    const QStringView all(data);
    qsizetype pos = 0;
    while (pos < all.size()) {
        qsizetype eol = all.indexOf(u'\n', pos);
        if (eol < 0)
            eol = all.size();
        const QStringView line = all.sliced(pos, eol - pos);
        pos = eol + 1;
        if (line.isEmpty() || line.front() == u'#')
            continue;
        const QList<QStringView> c = line.split(u'\t');
        if (c.size() < 8)
            continue;
        KnownEvent e;
        e.name = c[0].toString();
        for (const QStringView a : c[1].split(u';', Qt::SkipEmptyParts))
            e.aliases.append(a.toString());
        e.organization = c[2].toString();
        e.kind = c[3].toString();
        e.kindBit = eventKindBit(c[3]);
        e.start = isoDate(c[4]);
        e.end = isoDate(c[5]);
        if (!e.start.isValid())
            continue;
        if (!e.end.isValid() || e.end < e.start)
            e.end = e.start;
        for (const QStringView city : c[6].split(u';', Qt::SkipEmptyParts))
            e.cities.append(city.toString());
        e.country = c[7].toString();
        if (c.size() > 8) {
            e.uncertain = c[8].contains(u'?');
            e.online = c[8].contains(u'v');
        }
        if (c.size() > 9)
            e.note = c[9].toString();
        const int index = int(m_events.size());
        m_eventsByName[foldEventName(e.name)].append(index);
        for (const QString &a : std::as_const(e.aliases)) {
            QList<int> &named = m_eventsByName[foldEventName(a)];
            if (!named.contains(index))
                named.append(index);
        }
        m_events.append(std::move(e));
    }
}

QList<int> Gazetteer::knownEvents(const QString &organization, const QString &place, int fromYear, int toYear) const
{
    const QString folded = foldEventName(place);
    QList<int> out;
    for (int i = 0; i < int(m_events.size()); ++i) {
        const KnownEvent &e = m_events[i];
        if (!organization.isEmpty() && e.organization != organization)
            continue;
        if ((fromYear && e.start.year() < fromYear) || (toYear && e.start.year() > toYear))
            continue;
        if (!place.isEmpty() && e.country != place
            && std::none_of(
                e.cities.cbegin(), e.cities.cend(), [&](const QString &c) { return foldEventName(c) == folded; }))
            continue;
        out.append(i);
    }
    return out;
}

QList<int> Gazetteer::knownEventsNamed(QStringView name) const
{
    return m_eventsByName.value(foldEventName(name));
}

void Gazetteer::buildEventCueIndex() const
{
    auto index = std::make_unique<EventCueIndex>();
    EventCueIndex &x = *index;
    // Words that say what kind of meeting a sentence is about.
    struct KindWord
    {
        const char16_t *form;
        quint32 kinds;
    };
    static const KindWord kindWords[] = {
        { u"summit", KnownEvent::Summit | KnownEvent::Forum },
        { u"summits", KnownEvent::Summit },
        // Not "meeting" alone: ministers meet in the same cities in other months.
        { u"leaders' meeting", KnownEvent::Summit },
        { u"leaders meeting", KnownEvent::Summit },
        { u"conference", KnownEvent::Summit | KnownEvent::ClimateConference },
        { u"forum", KnownEvent::Forum },
        { u"congress", KnownEvent::PartyCongress },
        { u"climate", KnownEvent::ClimateConference },
        { u"COP", KnownEvent::ClimateConference },
        { u"olympics", KnownEvent::Olympics },
        { u"olympic", KnownEvent::Olympics },
        { u"paralympics", KnownEvent::Olympics },
        { u"paralympic", KnownEvent::Olympics },
        { u"olympiad", KnownEvent::Olympics },
        { u"world cup", KnownEvent::WorldCup },
    };
    const auto kindsIn = [&](QStringView form) {
        quint32 k = 0;
        for (const KindWord &w : kindWords) {
            const QStringView kw(w.form);
            for (qsizetype at = form.indexOf(kw, 0, Qt::CaseInsensitive); at >= 0;
                 at = form.indexOf(kw, at + 1, Qt::CaseInsensitive)) {
                const qsizetype end = at + kw.size();
                if ((at == 0 || !form[at - 1].isLetterOrNumber())
                    && (end == form.size() || !form[end].isLetterOrNumber()))
                    k |= w.kinds;
            }
        }
        return k;
    };
    // One form per (type, token sequence): its list gathers every event the form points to.
    QHash<quint64, int> formOf;
    std::vector<GazToken> tokens;
    const auto add = [&](QStringView form, KnownEventCue::Type type, const QList<int> &events, quint32 kinds) {
        tokenizeForGazetteer(form, tokens);
        if (tokens.empty() || tokens.size() > 16)
            return;
        quint64 seq = 0;
        quint64 caseMask = 0;
        for (size_t k = 0; k < tokens.size(); ++k) {
            const GazToken &t = tokens[k];
            seq = sequenceStep(seq, t.hash);
            quint64 need = 0;
            if (t.is(GazToken::AllCaps) && t.end - t.start >= 2)
                need = 2;
            else if (t.is(GazToken::Capitalised))
                need = 1;
            caseMask |= need << (2 * k);
        }
        const quint64 key = mixBits(seq ^ (quint64(type) << 56) ^ caseMask);
        auto it = formOf.constFind(key);
        if (it != formOf.cend()) {
            EventCueIndex::Form &f = x.forms[size_t(*it)];
            f.kinds |= kinds;
            QList<int> &list = x.lists[size_t(f.list)];
            for (const int e : events) {
                if (!list.contains(e))
                    list.append(e);
            }
            return;
        }
        EventCueIndex::Form f;
        f.caseMask = caseMask;
        f.tokens = quint8(tokens.size());
        f.type = type;
        f.kinds = kinds;
        if (!events.isEmpty()) {
            f.list = int(x.lists.size());
            x.lists.push_back(events);
        }
        const int at = int(x.forms.size());
        formOf.insert(key, at);
        quint32 &slot = x.byKey[seq];
        if (!slot) {
            slot = quint32(at + 1);
        } else {
            int last = int(slot) - 1;
            while (x.forms[size_t(last)].next >= 0)
                last = x.forms[size_t(last)].next;
            x.forms[size_t(last)].next = at;
        }
        quint32 &longest = x.firstToken[tokens.front().hash];
        longest = std::max<quint32>(longest, f.tokens);
        x.maxTokens = std::max(x.maxTokens, int(f.tokens));
        x.forms.push_back(f);
    };

    QHash<QString, QList<int>> byOrganization;
    QHash<QString, QList<int>> byCountry;
    for (int i = 0; i < int(m_events.size()); ++i) {
        const KnownEvent &e = m_events[i];
        const QList<int> one { i };
        add(e.name, KnownEventCue::Name, one, e.kindBit);
        for (const QString &a : e.aliases)
            add(a, KnownEventCue::Name, one, e.kindBit);
        for (const QString &c : e.cities)
            add(c, KnownEventCue::Place, one, 0);
        if (!e.organization.isEmpty())
            byOrganization[e.organization].append(i);
        if (!e.country.isEmpty())
            byCountry[e.country].append(i);
    }
    for (auto it = byOrganization.cbegin(); it != byOrganization.cend(); ++it)
        add(it.key(), KnownEventCue::Organization, it.value(), kindsIn(it.key()));
    // The gazetteer's other names of those organisations ("SCO", "Shanghai Cooperation Organisation") and of the
    // host countries (names and abbreviations, not demonyms: "Chinese" does not say where a summit was held).
    for (const GazetteerEntry &entry : m_entries) {
        if (entry.kind == EntityKind::Organization) {
            auto org = byOrganization.constFind(entry.id);
            if (org != byOrganization.cend())
                add(entry.form, KnownEventCue::Organization, *org, kindsIn(entry.form));
        } else if (entry.kind == EntityKind::Country
            && (entry.method == u"name" || entry.method == u"official-name" || entry.method == u"abbreviation")) {
            auto host = byCountry.constFind(entry.id);
            if (host != byCountry.cend())
                add(entry.form, KnownEventCue::Country, *host, 0);
        }
    }
    for (const KindWord &w : kindWords)
        add(QStringView(w.form), KnownEventCue::KindWord, {}, w.kinds);
    m_eventCues = std::move(index);
}

QList<KnownEventCue> Gazetteer::findKnownEventCues(QStringView text) const
{
    std::call_once(m_eventCuesOnce, [this] { buildEventCueIndex(); });
    const EventCueIndex &x = *m_eventCues;
    std::vector<GazToken> tokens;
    tokenizeForGazetteer(text, tokens);
    QList<KnownEventCue> out;
    const auto fits = [&](const EventCueIndex::Form &f, size_t i) {
        for (size_t k = 0; k < f.tokens; ++k) {
            const quint64 need = (f.caseMask >> (2 * k)) & 3;
            const GazToken &t = tokens[i + k];
            if ((need == 1 && !t.is(GazToken::Capitalised)) || (need == 2 && !t.is(GazToken::AllCaps)))
                return false;
        }
        return true;
    };
    std::array<quint64, 16> seq {};
    for (size_t i = 0; i < tokens.size();) {
        const GazToken &first = tokens[i];
        const quint32 *longest = first.is(GazToken::Word) ? x.firstToken.find(first.hash) : nullptr;
        if (!longest) {
            ++i;
            continue;
        }
        const size_t maxLen = std::min<size_t>({ size_t(*longest), tokens.size() - i, seq.size() });
        quint64 h = 0;
        size_t len = 0;
        for (; len < maxLen; ++len) {
            const GazToken &t = tokens[i + len];
            if (len > 0 && t.is(GazToken::Break))
                break;
            h = sequenceStep(h, t.hash);
            seq[len] = h;
        }
        size_t matched = 0;
        for (size_t k = len; k > 0 && matched == 0; --k) {
            const quint32 *slot = x.byKey.find(seq[k - 1]);
            for (int f = slot ? int(*slot) - 1 : -1; f >= 0; f = x.forms[size_t(f)].next) {
                const EventCueIndex::Form &form = x.forms[size_t(f)];
                if (form.tokens != k || !fits(form, i))
                    continue;
                KnownEventCue cue;
                cue.type = form.type;
                cue.span = { tokens[i].start, tokens[i + k - 1].end };
                cue.kinds = form.kinds;
                if (form.list >= 0)
                    cue.events = x.lists[size_t(form.list)];
                out.append(std::move(cue));
                matched = k;
            }
        }
        i += matched ? matched : 1;
    }
    return out;
}

} // namespace entente

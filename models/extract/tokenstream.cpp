#include "tokenstream.h"

#include "sentences.h"
#include "tokenhash.h"

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

// The flags of a word (Word and the case flags) from the AsciiUpper/AsciiLower bits of its first letter and of all
// its letters, shifted down by two, and whether it starts with a digit: index first | seen << 2 | digit << 4.
constexpr std::array<quint16, 32> kWordFlags = [] {
    std::array<quint16, 32> a {};
    for (unsigned x = 0; x < 32; ++x) {
        const bool firstUpper = x & 1;
        const bool firstLower = x & 2;
        const bool upperSeen = x & 4;
        const bool lowerSeen = x & 8;
        a[x] = quint16(Token::Word | (firstUpper ? Token::Capitalised : 0) | (firstLower ? Token::Lower : 0)
            | ((upperSeen || lowerSeen) && !lowerSeen ? Token::AllCaps : 0) | ((x & 16) ? Token::Digit : 0));
    }
    return a;
}();

// Longest word prefix that is hashed (as many units as the tokenizer's buffer holds).
constexpr qsizetype kHashedUnits = 128;

// An ASCII word as the tokenizer reads it: where it ends (the first character that is no ASCII letter or digit),
// the hash of its case-folded characters (hashUnits() of the first kHashedUnits), and the AsciiUpper/AsciiLower
// bits of all its letters. The case of its first letter is the caller's to find: nearly every word starts with
// it, and finding it in the vector masks cost a branch and a dozen instructions a word.
struct AsciiRun
{
    qsizetype end = 0;
    quint64 hash = 0;
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
        upperSeen |= unsigned(_mm_movemask_epi8(upper)) & valid;
        lowerSeen |= unsigned(_mm_movemask_epi8(lower)) & valid;
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
        w.seen |= k & (AsciiUpper | AsciiLower);
        if (len < kHashedUnits)
            folded[size_t(len++)] = (k & AsciiUpper) ? char16_t(s[i] | 0x20) : s[i];
    }
    w.end = i;
    w.hash = hashUnits(folded.data(), len);
#endif
    return w;
}

// CJK characters, without the CJK symbols and punctuation block (3000-303F: 。、「」 are punctuation tokens, and
// 。 ends a sentence).
bool isHan(char16_t c)
{
    return (c >= 0x2e80 && c < 0x3000) || (c >= 0x3040 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)
        || QChar::isHighSurrogate(c);
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

} // namespace

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

quint64 wordHash(QStringView word)
{
    std::vector<Token> t;
    tokenize(word, t);
    return t.empty() ? 0 : t.front().hash;
}

void tokenize(QStringView text, std::vector<Token> &out)
{
    // Written by index into a vector sized ahead, not by push_back: that was a call a token. Its start and size
    // are kept in locals, which the compiler otherwise reloads from the vector for every token it writes.
    out.clear();
    out.resize(size_t(text.size() / 5 + 8));
    Token *base = out.data();
    size_t capacity = out.size();
    size_t count = 0;
    const auto append = [&](const Token &t) {
        if (count == capacity) [[unlikely]] {
            out.resize(capacity * 2);
            base = out.data();
            capacity = out.size();
        }
        base[count++] = t;
    };
    const char16_t *s = reinterpret_cast<const char16_t *>(text.utf16());
    const qsizetype n = text.size();
    std::array<char16_t, 128> buf; // the folded units of a word with non-ASCII letters; only its first `len` are read
    bool space = false;
    bool line = true;
    bool brk = true;
    int newlines = 0;
    qsizetype lineBegin = 0;
    qsizetype lastInk = -1; // last non-space character
    // Whether a token touches the one before (no space between), and that one ends with a word character (a word,
    // or a CJK run that does not end in half of a character outside the Basic Multilingual Plane): a word token
    // there continues its word. Asked only of tokens with no space before them, which few words are.
    const auto touchesWord = [&](const Token &t) {
        if ((t.flags & Token::SpaceBefore) || count == 0)
            return false;
        const Token &p = base[count - 1];
        return (p.flags & Token::Word) || ((p.flags & Token::Han) && !QChar::isHighSurrogate(s[p.end - 1]));
    };
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
        Token t;
        t.start = i;
        if (space)
            t.flags |= Token::SpaceBefore;
        if (line)
            t.flags |= Token::LineStart;
        if (brk)
            t.flags |= Token::Break;
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
            t.flags |= Token::Han;
            t.hash = hashUnits(s + t.start, i - t.start);
            if (touchesWord(t) && !QChar::isHighSurrogate(s[t.start]))
                t.flags |= Token::JoinsPrevious;
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
        if (ascii) {
            const AsciiRun w = readAsciiWord(s, i, n);
            seen = w.seen;
            first = kAscii[c] & letter;
            if (!first && (seen & letter)) [[unlikely]] {
                // A word that starts with a digit ("3bn"): the case of its first letter.
                for (qsizetype k = i + 1; !first; ++k)
                    first = kAscii[s[k]] & letter;
            }
            if (w.end < n && s[w.end] >= 0x80 && isWordChar(s[w.end]) && !isHan(s[w.end])) {
                for (; i < w.end; ++i) {
                    if (len < qsizetype(buf.size()))
                        buf[size_t(len++)] = foldWordChar(s[i]);
                }
            } else {
                // The commonest token, a word of ASCII letters and digits alone, takes none of the rest: its flags
                // from a table, appended, and the one space after it read.
                t.end = w.end;
                t.hash = w.hash;
                t.flags |= kWordFlags[((first >> 2) & 3) | (((seen >> 2) & 3) << 2) | (digit ? 16 : 0)];
                if (touchesWord(t))
                    t.flags |= Token::JoinsPrevious;
                i = w.end;
                lastInk = i - 1;
                append(t);
                if (i < n && s[i] == u' ') {
                    space = true;
                    ++i;
                }
                continue;
            }
        }
        while (i < n) {
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
        t.flags |= Token::Word;
        if (first & AsciiUpper)
            t.flags |= Token::Capitalised;
        if (first & AsciiLower)
            t.flags |= Token::Lower;
        if ((seen & letter) && !(seen & AsciiLower))
            t.flags |= Token::AllCaps;
        if (digit)
            t.flags |= Token::Digit;
        lastInk = i - 1;
        qsizetype hashLen = len;
        if (!ascii && len > 0 && isCyrillic(buf[0]) && !(t.flags & Token::AllCaps))
            hashLen = russianStemLength(buf.data(), len);
        t.hash = hashUnits(buf.data(), hashLen);
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
        if (touchesWord(t))
            t.flags |= Token::JoinsPrevious;
        append(t);
        // The one space between two words, the commonest thing after a word, without a round of the loop.
        if (i < n && s[i] == u' ') {
            space = true;
            ++i;
        }
    }
    out.resize(count);
}

TokenStream::TokenStream(QStringView text)
    : m_text(text)
{
    tokenize(text, m_tokens);
    m_sentences = splitSentences(text);
    // Both lists are in text order, and a sentence starts and ends at token boundaries.
    m_sentenceRanges.reserve(size_t(m_sentences.size()));
    size_t t = 0;
    for (qsizetype s = 0; s < m_sentences.size(); ++s) {
        const Span span = m_sentences[s];
        while (t < m_tokens.size() && m_tokens[t].start < span.start)
            ++t;
        Range r { t, t };
        for (; t < m_tokens.size() && m_tokens[t].start < span.end; ++t)
            m_tokens[t].sentence = int(s);
        r.last = t;
        m_sentenceRanges.push_back(r);
    }
}

size_t TokenStream::tokenAt(qsizetype pos) const
{
    return size_t(std::partition_point(m_tokens.cbegin(), m_tokens.cend(), [pos](const Token &t) {
        return t.end <= pos;
    }) - m_tokens.cbegin());
}

size_t TokenStream::tokenAt(qsizetype pos, Range within) const
{
    const auto endsBefore = [pos](const Token &t) { return t.end <= pos; };
    const auto begin = m_tokens.cbegin();
    const size_t k = size_t(
        std::partition_point(begin + qsizetype(within.first), begin + qsizetype(within.last), endsBefore) - begin);
    // The tokens' ends ascend: k is the whole text's answer unless the one before the range ends after pos, or the
    // one after it ends before.
    if ((k == within.first && k > 0 && !endsBefore(m_tokens[k - 1]))
        || (k == within.last && k < m_tokens.size() && endsBefore(m_tokens[k])))
        return tokenAt(pos);
    return k;
}

TokenStream::Range TokenStream::tokensIn(Span span) const
{
    const size_t first = tokenAt(span.start);
    size_t last = first;
    while (last < m_tokens.size() && m_tokens[last].end <= span.end)
        ++last;
    return { first, last };
}

} // namespace entente

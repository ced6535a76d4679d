#pragma once

#include <QLatin1String>
#include <QStringView>

#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Small inline helpers shared by the date and money scanners: word boundaries and
// look-around on a QStringView without allocating. Internal to models/extract.
namespace entente::scan {

struct Range
{
    qsizetype start = 0;
    qsizetype end = 0;
    [[nodiscard]] bool isEmpty() const { return start == end; }
    [[nodiscard]] qsizetype size() const { return end - start; }
};

constexpr bool isAsciiDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

constexpr bool isAsciiLetter(char16_t c)
{
    const char16_t l = c | 0x20;
    return l >= u'a' && l <= u'z';
}

inline bool isAsciiUpper(char16_t c)
{
    return c >= u'A' && c <= u'Z';
}

inline bool isAsciiLower(char16_t c)
{
    return c >= u'a' && c <= u'z';
}

// ASCII letters and digits, by table: the scanners test every character of a text.
inline constexpr std::array<bool, 128> kAsciiWordChar = [] {
    std::array<bool, 128> a {};
    for (char16_t c = 0; c < 128; ++c)
        a[c] = isAsciiLetter(c) || isAsciiDigit(c);
    return a;
}();

inline bool isWordChar(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 128)
        return kAsciiWordChar[u];
    return c.isLetterOrNumber();
}

// The end of the run of ASCII letters and digits that starts at `i`: the first index in [i, n) whose
// character is none (any non-ASCII character stops it too); n if the run reaches the end. Eight characters at
// a time where SSE2 is there: a character loop mispredicts its exit once a word, and the scanners run
// over every word of a text.
inline qsizetype asciiWordEnd(const char16_t *t, qsizetype i, qsizetype n)
{
#if defined(__SSE2__)
    // Unsigned 16-bit "x < k" as a signed compare of both sides shifted by 0x8000.
    const __m128i bias = _mm_set1_epi16(short(0x8000));
    const __m128i zero = _mm_set1_epi16(u'0');
    const __m128i ten = _mm_set1_epi16(short(0x8000 + 10));
    const __m128i caseBit = _mm_set1_epi16(0x20);
    const __m128i a = _mm_set1_epi16(u'a');
    const __m128i letters = _mm_set1_epi16(short(0x8000 + 26));
    for (; i + 8 <= n; i += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(t + i));
        const __m128i digit = _mm_cmplt_epi16(_mm_xor_si128(_mm_sub_epi16(v, zero), bias), ten);
        const __m128i letter
            = _mm_cmplt_epi16(_mm_xor_si128(_mm_sub_epi16(_mm_or_si128(v, caseBit), a), bias), letters);
        const unsigned word = unsigned(_mm_movemask_epi8(_mm_or_si128(digit, letter)));
        if (word != 0xFFFF)
            return i + qsizetype(__builtin_ctz(~word) / 2);
    }
#endif
    while (i < n && t[i] < 128 && kAsciiWordChar[t[i]])
        ++i;
    return i;
}

// The end of the run of word characters (isWordChar) that starts at `i`; n if it reaches the end.
inline qsizetype wordEnd(const char16_t *t, qsizetype i, qsizetype n)
{
    for (;;) {
        i = asciiWordEnd(t, i, n);
        if (i < n && t[i] >= 128 && QChar(t[i]).isLetterOrNumber()) {
            ++i;
            continue;
        }
        return i;
    }
}

// Space inside a line: a line break is not crossed, so look-around stays in its paragraph.
inline bool isBlank(QChar c)
{
    const char16_t u = c.unicode();
    return u == u' ' || u == u'\t' || u == 0x00A0 || u == 0x202F || u == 0x2009 || u == 0x2007;
}

inline bool isDash(QChar c)
{
    const char16_t u = c.unicode();
    return u == u'-' || u == 0x2010 || u == 0x2011 || u == 0x2012 || u == 0x2013 || u == 0x2014;
}

// The word (letters and digits) that ends at `pos` after skipping blanks; empty when
// punctuation or the start of the text comes first.
inline Range wordBefore(QStringView t, qsizetype pos)
{
    qsizetype e = pos;
    while (e > 0 && isBlank(t[e - 1]))
        --e;
    qsizetype s = e;
    while (s > 0 && isWordChar(t[s - 1]))
        --s;
    return { s, e };
}

// The word that starts at `pos` after skipping blanks; empty when punctuation comes first.
inline Range wordAfter(QStringView t, qsizetype pos)
{
    qsizetype s = pos;
    const qsizetype n = t.size();
    while (s < n && isBlank(t[s]))
        ++s;
    qsizetype e = s;
    while (e < n && isWordChar(t[e]))
        ++e;
    return { s, e };
}

inline QStringView view(QStringView t, Range r)
{
    return t.sliced(r.start, r.end - r.start);
}

// ASCII case-insensitive comparison with a lower-case Latin-1 literal.
inline bool is(QStringView w, QLatin1String lower)
{
    if (w.size() != lower.size())
        return false;
    for (qsizetype i = 0; i < w.size(); ++i) {
        char16_t c = w[i].unicode();
        if (c >= u'A' && c <= u'Z')
            c |= 0x20;
        if (c != char16_t(uchar(lower.data()[i])))
            return false;
    }
    return true;
}

template<typename... L> inline bool isAny(QStringView w, L... words)
{
    return (is(w, QLatin1String(words)) || ...);
}

// A cardinal written as digits (up to 9 of them) or as one English word ("a", "one" ... "twenty",
// "thirty" ... "ninety", "hundred"); 0 when it is not one. Callers combine "twenty-five" and
// "two hundred" themselves.
inline int smallNumber(QStringView w)
{
    if (w.isEmpty() || w.size() > 9)
        return 0;
    if (isAsciiDigit(w[0].unicode())) {
        int v = 0;
        for (QChar c : w) {
            if (!isAsciiDigit(c.unicode()))
                return 0;
            v = v * 10 + (c.unicode() - u'0');
        }
        return v;
    }
    static constexpr const char *units[]
        = { "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
              "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty" };
    if (isAny(w, "a", "an"))
        return 1;
    for (int i = 0; i < 20; ++i) {
        if (is(w, QLatin1String(units[i])))
            return i + 1;
    }
    static constexpr const char *tens[] = { "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety" };
    for (int i = 0; i < 7; ++i) {
        if (is(w, QLatin1String(tens[i])))
            return 30 + 10 * i;
    }
    if (is(w, QLatin1String("hundred")))
        return 100;
    return 0;
}

} // namespace entente::scan

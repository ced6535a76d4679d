#include "wordfeatures.h"

#include <QChar>

#include <algorithm>
#include <array>

namespace entente::learn {

namespace {

constexpr quint64 kBasis = 0xcbf29ce484222325ULL;
constexpr quint64 kPrime = 0x100000001b3ULL;

constexpr quint64 step(quint64 h, char16_t c)
{
    return (h ^ c) * kPrime;
}

char16_t lowerUnit(char16_t c)
{
    if (c < 0x80)
        return (c >= u'A' && c <= u'Z') ? char16_t(c | 0x20) : c;
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
        return u'\'';
    if (c == 0x2010 || c == 0x2011)
        return u'-';
    return QChar(c).toLower().unicode();
}

char16_t shapeUnit(char16_t c)
{
    if (c < 0x80) {
        if (c >= u'A' && c <= u'Z')
            return u'X';
        if (c >= u'a' && c <= u'z')
            return u'x';
        if (c >= u'0' && c <= u'9')
            return u'd';
        return c;
    }
    const QChar q(c);
    if (q.isUpper())
        return u'X';
    if (q.isLetter())
        return u'x';
    if (q.isDigit())
        return u'd';
    return lowerUnit(c);
}

// lowerUnit() and shapeUnit() of the ASCII units, looked up: most words are ASCII only.
struct AsciiUnits
{
    char16_t lower[128];
    char16_t shape[128];
};
constexpr AsciiUnits asciiUnits()
{
    AsciiUnits t {};
    for (char16_t c = 0; c < 128; ++c) {
        t.lower[c] = (c >= u'A' && c <= u'Z') ? char16_t(c | 0x20) : c;
        t.shape[c] = (c >= u'A' && c <= u'Z') ? u'X'
            : (c >= u'a' && c <= u'z')        ? u'x'
            : (c >= u'0' && c <= u'9')        ? u'd'
                                              : c;
    }
    return t;
}
constexpr AsciiUnits kAscii = asciiUnits();

} // namespace

quint64 hashText(QStringView s)
{
    quint64 h = kBasis;
    for (const QChar c : s)
        h = step(h, c.unicode());
    return h;
}

WordInfo wordInfo(QStringView word)
{
    WordInfo w;
    const qsizetype n = word.size();
    w.length = int(n);
    quint64 form = kBasis, lower = kBasis, norm = kBasis, shape = kBasis, shortShape = kBasis;
    char16_t lastShape = 0;
    int run = 0;
    bool anyUpper = false, anyLower = false, anyLetter = false, anyDigit = false, allDigit = n > 0, allAlpha = n > 0;
    bool firstUpper = false;
    // The last four lower-cased units, for the suffixes: tail[i % 4] is unit i's.
    std::array<char16_t, 4> tail {};
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = word[i].unicode();
        const char16_t l = c < 0x80 ? kAscii.lower[c] : lowerUnit(c);
        const char16_t s = c < 0x80 ? kAscii.shape[c] : shapeUnit(c);
        form = step(form, c);
        lower = step(lower, l);
        norm = step(norm, s == u'd' ? u'0' : l);
        if (s == lastShape) {
            if (++run <= 4)
                shape = step(shape, s);
        } else {
            run = 1;
            shape = step(shape, s);
            shortShape = step(shortShape, s);
            lastShape = s;
        }
        const bool upper = s == u'X';
        const bool letter = upper || s == u'x';
        const bool digit = s == u'd';
        if (i == 0)
            firstUpper = upper;
        anyUpper |= upper;
        anyLower |= s == u'x';
        anyLetter |= letter;
        anyDigit |= digit;
        allAlpha &= letter;
        allDigit &= digit || c == u',' || c == u'.' || c == u':' || c == u'/' || c == u'-';
        if (c == u'-' || c == 0x2010 || c == 0x2011)
            w.flags |= WordInfo::Hyphen;
        if (l == u'\'')
            w.flags |= WordInfo::Apostrophe;
        if (c >= 0x80)
            w.flags |= WordInfo::NonAscii;
        // A prefix is the hash of `lower` so far; a prefix "a" and a suffix "a" differ.
        if (i < 4)
            w.prefix[i] = lower ^ 0x7050ULL;
        tail[size_t(i) & 3] = l;
    }
    for (qsizetype k = std::max<qsizetype>(n, 0); k < 4; ++k)
        w.prefix[k] = lower ^ 0x7050ULL; // shorter words: the word itself
    w.form = form;
    w.lower = lower;
    w.norm = norm;
    w.shape = shape;
    w.shortShape = shortShape;
    for (qsizetype k = 0; k < 4; ++k) {
        quint64 h = kBasis;
        for (qsizetype i = std::max<qsizetype>(0, n - (k + 1)); i < n; ++i)
            h = step(h, tail[size_t(i) & 3]);
        w.suffix[k] = h;
    }
    if (anyLetter) {
        if (!anyLower)
            w.flags |= WordInfo::Upper;
        else if (firstUpper)
            w.flags |= WordInfo::Title;
        if (!anyUpper)
            w.flags |= WordInfo::Lower;
    }
    if (anyDigit)
        w.flags |= WordInfo::Digit;
    if (anyDigit && allDigit)
        w.flags |= WordInfo::AllDigit;
    if (!anyLetter && !anyDigit)
        w.flags |= WordInfo::Punct;
    if (allAlpha)
        w.flags |= WordInfo::Alpha;
    if (n > 1 && word[n - 1] == u'.')
        w.flags |= WordInfo::Period;
    if (n <= 2)
        w.flags |= WordInfo::Short;
    if (n > 12)
        w.flags |= WordInfo::Long;
    return w;
}

} // namespace entente::learn

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

// What a unit tells of the word's flags, as bits: a word is upper case when the OR of its units' bits has kUpper
// and not kLower, only letters when their AND has kLetter, and so on.
enum UnitBit : quint8 {
    kUpper = 1, // shapeUnit() X
    kLower = 2, // shapeUnit() x
    kLetter = 4, // either
    kDigit = 8, // shapeUnit() d
    kDigitLike = 16, // a digit or one of , . : / -
    kHyphen = 32,
    kApostrophe = 64, // lowerUnit() '
};

// lowerUnit() and shapeUnit() of the ASCII units, and their UnitBits, looked up: most words are ASCII only.
struct AsciiUnits
{
    char16_t lower[128];
    char16_t shape[128];
    quint8 bits[128];
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
        const char16_t s = t.shape[c];
        quint8 b = 0;
        if (s == u'X')
            b |= kUpper | kLetter;
        if (s == u'x')
            b |= kLower | kLetter;
        if (s == u'd')
            b |= kDigit | kDigitLike;
        if (c == u',' || c == u'.' || c == u':' || c == u'/' || c == u'-')
            b |= kDigitLike;
        if (c == u'-')
            b |= kHyphen;
        if (c == u'\'')
            b |= kApostrophe;
        t.bits[c] = b;
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
    // The OR and the AND of the units' UnitBits.
    quint32 anyBits = 0, allBits = n > 0 ? 0xff : 0;
    bool nonAscii = false;
    // The last four lower-cased units, for the suffixes: tail[i % 4] is unit i's.
    std::array<char16_t, 4> tail {};
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = word[i].unicode();
        char16_t l, s;
        quint32 bits;
        if (c < 0x80) {
            l = kAscii.lower[c];
            s = kAscii.shape[c];
            bits = kAscii.bits[c];
        } else {
            l = lowerUnit(c);
            s = shapeUnit(c);
            bits = s == u'X' ? kUpper | kLetter : s == u'x' ? kLower | kLetter : s == u'd' ? kDigit | kDigitLike : 0;
            if (c == 0x2010 || c == 0x2011)
                bits |= kHyphen;
            if (l == u'\'')
                bits |= kApostrophe;
            nonAscii = true;
        }
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
        anyBits |= bits;
        allBits &= bits;
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
    if (n >= 4) {
        // Most words: the four suffixes hashed without loops.
        const char16_t t1 = tail[size_t(n - 1) & 3], t2 = tail[size_t(n - 2) & 3], t3 = tail[size_t(n - 3) & 3],
                       t4 = tail[size_t(n - 4) & 3];
        w.suffix[0] = step(kBasis, t1);
        w.suffix[1] = step(step(kBasis, t2), t1);
        w.suffix[2] = step(step(step(kBasis, t3), t2), t1);
        w.suffix[3] = step(step(step(step(kBasis, t4), t3), t2), t1);
    } else {
        for (qsizetype k = 0; k < 4; ++k) {
            quint64 h = kBasis;
            for (qsizetype i = std::max<qsizetype>(0, n - (k + 1)); i < n; ++i)
                h = step(h, tail[size_t(i) & 3]);
            w.suffix[k] = h;
        }
    }
    const char16_t first = n > 0 ? word[0].unicode() : 0;
    const bool firstUpper = (first < 0x80 ? kAscii.shape[first] : shapeUnit(first)) == u'X';
    if (anyBits & kHyphen)
        w.flags |= WordInfo::Hyphen;
    if (anyBits & kApostrophe)
        w.flags |= WordInfo::Apostrophe;
    if (nonAscii)
        w.flags |= WordInfo::NonAscii;
    if (anyBits & kLetter) {
        if (!(anyBits & kLower))
            w.flags |= WordInfo::Upper;
        else if (firstUpper)
            w.flags |= WordInfo::Title;
        if (!(anyBits & kUpper))
            w.flags |= WordInfo::Lower;
    }
    if (anyBits & kDigit)
        w.flags |= WordInfo::Digit;
    if ((anyBits & kDigit) && (allBits & kDigitLike))
        w.flags |= WordInfo::AllDigit;
    if (!(anyBits & (kLetter | kDigit)))
        w.flags |= WordInfo::Punct;
    if (allBits & kLetter)
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

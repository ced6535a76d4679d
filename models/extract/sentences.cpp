#include "sentences.h"

#include "wordlists.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace entente {

namespace {

// Words that end with a full stop without ending the sentence (resources/lexicon/words.tsv), lower-cased and
// sorted for a binary search: a set of QStrings cost an allocation a full stop.
struct Abbreviations
{
    std::vector<std::u16string> sorted;
    qsizetype longest = 0;
};

const Abbreviations &abbreviations()
{
    static const Abbreviations list = [] {
        const WordClasses words(
            QStringLiteral("words.tsv"), { QStringLiteral("abbreviation"), QStringLiteral("clitic") });
        Abbreviations a;
        for (const QString &w : words.words(0)) {
            a.sorted.emplace_back(reinterpret_cast<const char16_t *>(w.utf16()), size_t(w.size()));
            a.longest = std::max(a.longest, w.size());
        }
        std::sort(a.sorted.begin(), a.sorted.end());
        return a;
    }();
    return list;
}

bool isClosing(QChar c)
{
    return c == u'"' || c == u'\'' || c == u')' || c == u']' || c == u'\u201D' || c == u'\u2019' || c == u'\u00BB';
}

bool isTerminal(QChar c)
{
    return c == u'.' || c == u'!' || c == u'?' || c == u'\u3002' || c == u'\uFF01' || c == u'\uFF1F' || c == u'\u2026';
}

// ASCII characters the splitter stops at: line breaks and sentence ends.
constexpr std::array<bool, 128> kStopOrBreak = [] {
    std::array<bool, 128> a {};
    a[u'\n'] = a[u'\r'] = a[u'.'] = a[u'!'] = a[u'?'] = true;
    return a;
}();

// The first index in [i, n) whose character the splitter must look at: a line break, a sentence end or any
// non-ASCII character (n if none). Eight characters at a time where SSE2 is there: inside a sentence the
// splitter has nothing to do, and a character loop still mispredicts each stop it meets.
qsizetype nextStopOrBreak(const char16_t *p, qsizetype i, qsizetype n)
{
#if defined(__SSE2__)
    const __m128i bias = _mm_set1_epi16(short(0x8000));
    const __m128i ascii = _mm_set1_epi16(short(0x8000 + 128));
    const __m128i lf = _mm_set1_epi16(u'\n');
    const __m128i cr = _mm_set1_epi16(u'\r');
    const __m128i dot = _mm_set1_epi16(u'.');
    const __m128i bang = _mm_set1_epi16(u'!');
    const __m128i question = _mm_set1_epi16(u'?');
    for (; i + 8 <= n; i += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(v, lf), _mm_cmpeq_epi16(v, cr)),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(v, dot), _mm_cmpeq_epi16(v, bang)),
                _mm_or_si128(_mm_cmpeq_epi16(v, question),
                    _mm_cmpeq_epi16(_mm_cmplt_epi16(_mm_xor_si128(v, bias), ascii), _mm_setzero_si128()))));
        const unsigned mask = unsigned(_mm_movemask_epi8(stop));
        if (mask)
            return i + qsizetype(__builtin_ctz(mask) / 2);
    }
#endif
    while (i < n && p[i] < 0x80 && !kStopOrBreak[p[i]])
        ++i;
    return i;
}

// Is the '.' at `dot` part of an abbreviation or initial rather than a sentence end?
bool isAbbreviationDot(QStringView text, qsizetype dot)
{
    qsizetype b = dot;
    while (b > 0 && (text[b - 1].isLetter() || text[b - 1] == u'.'))
        --b;
    const QStringView word = text.mid(b, dot - b);
    if (word.isEmpty())
        return false;
    if (word.size() == 1 && word[0].isUpper())
        return true; // an initial: "John F. Kennedy"
    const Abbreviations &list = abbreviations();
    if (word.size() > list.longest)
        return false;
    std::u16string lower;
    lower.reserve(size_t(word.size()));
    for (const QChar c : word)
        lower.push_back(c.toLower().unicode());
    return std::binary_search(list.sorted.begin(), list.sorted.end(), lower);
}

// A text hard-wrapped at a fixed width (PDF and e-mail conversions, the UN General Debate speeches of 1992-2014)
// puts line breaks inside sentences. It shows itself by lines that go on in lower case after a line that ended
// in a word or a comma; text with a paragraph a line almost never has them.
bool looksHardWrapped(QStringView text)
{
    int breaks = 0;
    int continued = 0;
    qsizetype from = 0;
    for (qsizetype nl = text.indexOf(u'\n'); nl >= 0; nl = text.indexOf(u'\n', from)) {
        from = nl + 1;
        qsizetype a = nl;
        while (a > 0 && text[a - 1].isSpace() && text[a - 1] != u'\n')
            --a;
        qsizetype b = from;
        while (b < text.size() && (text[b] == u' ' || text[b] == u'\t'))
            ++b;
        if (a == 0 || text[a - 1] == u'\n' || b >= text.size() || text[b] == u'\n' || text[b] == u'\r')
            continue; // a blank line on either side: a paragraph break, not a wrap
        ++breaks;
        const QChar last = text[a - 1];
        if ((last.isLetterOrNumber() || last == u',' || last == u'-') && text[b].isLower())
            ++continued;
    }
    return continued >= 2 && continued * 5 >= breaks;
}

// In a hard-wrapped text, does the line break at `i` end a sentence? It does before a blank line, after a
// colon, and after a short line (a heading or a paragraph's last line) unless the next line goes on in lower case.
bool wrappedBreakEnds(QStringView text, qsizetype i)
{
    qsizetype b = i + 1;
    if (text[i] == u'\r' && b < text.size() && text[b] == u'\n')
        ++b;
    while (b < text.size() && (text[b] == u' ' || text[b] == u'\t'))
        ++b;
    if (b >= text.size() || text[b] == u'\n' || text[b] == u'\r' || text[b] == u'\u2029')
        return true;
    if (text[b].isLower())
        return false;
    qsizetype a = i;
    while (a > 0 && text[a - 1].isSpace() && text[a - 1] != u'\n')
        --a;
    if (a == 0 || text[a - 1] == u'\n' || text[a - 1] == u':')
        return true;
    qsizetype lineBegin = a - 1;
    while (lineBegin > 0 && text[lineBegin - 1] != u'\n')
        --lineBegin;
    constexpr qsizetype kShortLine = 40;
    return a - lineBegin < kShortLine;
}

} // namespace

QList<Span> splitSentences(QStringView text)
{
    const bool wrapped = looksHardWrapped(text);
    QList<Span> out;
    const qsizetype n = text.size();
    qsizetype start = -1;
    auto close = [&](qsizetype end) {
        if (start < 0)
            return;
        qsizetype e = end;
        while (e > start && text[e - 1].isSpace())
            --e;
        if (e > start)
            out.append({ start, e });
        start = -1;
    };

    const char16_t *p = text.utf16();
    for (qsizetype i = 0; i < n; ++i) {
        // Inside a sentence, only line breaks, sentence ends and non-ASCII characters need a look.
        if (start >= 0) {
            i = nextStopOrBreak(p, i, n);
            if (i == n)
                break;
        }
        // Fast path: most characters neither break a line nor end a sentence.
        if (const char16_t u = p[i]; u < 0x80 ? !kStopOrBreak[u] : (u != 0x2029 && !isTerminal(QChar(u)))) {
            if (start < 0 && !QChar::isSpace(char32_t(u)))
                start = i;
            continue;
        }
        const QChar c = text[i];
        if (c == u'\n' || c == u'\r' || c == u'\u2029') {
            if (c == u'\u2029' || !wrapped || start < 0 || wrappedBreakEnds(text, i))
                close(i);
            else if (c == u'\r' && i + 1 < n && text[i + 1] == u'\n')
                ++i;
            continue;
        }
        if (start < 0) {
            if (c.isSpace())
                continue;
            start = i;
        }
        if (!isTerminal(c))
            continue;
        // Chinese and Japanese full stops end a sentence with no space after them.
        const bool cjk = c.unicode() >= 0x3000;
        qsizetype j = i + 1;
        while (j < n && (isTerminal(text[j]) || isClosing(text[j])))
            ++j;
        if (!cjk) {
            if (j < n && !text[j].isSpace())
                continue; // "3.5", "U.S.A", "example.com"
            if (c == u'.' && isAbbreviationDot(text, i))
                continue;
            // A lower-case word after the stop continues the sentence ("approx. three").
            qsizetype k = j;
            while (k < n && (text[k] == u' ' || text[k] == u'\t'))
                ++k;
            if (k < n && text[k].isLower())
                continue;
        }
        close(j);
        i = j - 1;
    }
    close(n);
    return out;
}

} // namespace entente

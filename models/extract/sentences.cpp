#include "sentences.h"

#include <QSet>

namespace entente {

namespace {

// Words that end with a full stop without ending the sentence. Lower-cased, without the dot.
const QSet<QString> &abbreviations()
{
    static const QSet<QString> set = [] {
        QSet<QString> s;
        for (const char *w : {"mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "maj", "capt",
                              "sgt", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "no", "nos", "vs",
                              "etc", "e.g", "i.e", "cf", "al", "approx", "inc", "ltd", "co", "corp", "dept", "univ",
                              "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                              "u.s", "u.k", "u.n", "e.u", "u.s.a", "p.m", "a.m", "fig", "vol", "op", "art", "para"})
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return set;
}

bool isClosing(QChar c)
{
    return c == u'"' || c == u'\'' || c == u')' || c == u']' || c == u'\u201D' || c == u'\u2019' || c == u'\u00BB';
}

bool isTerminal(QChar c)
{
    return c == u'.' || c == u'!' || c == u'?' || c == u'\u3002' || c == u'\uFF01' || c == u'\uFF1F' ||
           c == u'\u2026';
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
    return abbreviations().contains(word.toString().toLower());
}

} // namespace

QList<Span> splitSentences(QStringView text)
{
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
            out.append({start, e});
        start = -1;
    };

    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (c == u'\n' || c == u'\r' || c == u'\u2029') {
            close(i);
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

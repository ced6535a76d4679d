#include "words.h"

#include "wordlists.h"

namespace entente {

namespace {

enum WordClass : quint32 {
    Abbreviation = 1, // "Mr", "Inc": their full stop belongs to them
    Clitic = 2, // "s", "re", "ve", "ll", "m", "d" after an apostrophe: a word of its own with it
};

const WordClasses &wordClasses()
{
    static const WordClasses classes(
        QStringLiteral("words.tsv"), { QStringLiteral("abbreviation"), QStringLiteral("clitic") });
    return classes;
}

bool isApostrophe(QChar c)
{
    return c == u'\'' || c == u'\u2019' || c == u'\u2018' || c == u'\u02bc';
}

} // namespace

void modelWords(const TokenStream &ts, TokenStream::Range range, std::vector<ModelWord> &out)
{
    const WordClasses &classes = wordClasses();
    const QStringView text = ts.text();
    const auto touches = [&](size_t k) { return k < range.last && !ts[k].is(Token::SpaceBefore); };
    const auto isWord = [&](size_t k) { return k < range.last && (ts[k].is(Token::Word) || ts[k].is(Token::Han)); };
    const auto charOf = [&](size_t k) { return text[ts[k].start]; };
    const auto single = [&](size_t k) { return ts[k].end - ts[k].start == 1; };
    // Written by index into room made ahead, not by push_back (an out-of-line call a word): every word takes at
    // least one token of its own, "don't" two words of three tokens, so the range's size is room enough.
    const size_t begin = out.size();
    out.resize(begin + range.size());
    ModelWord *next = out.data() + begin;
    const auto add = [&](qsizetype start, qsizetype end, size_t first, size_t last) {
        *next++ = { start, end, quint32(first), quint32(last) };
    };
    for (size_t i = range.first; i < range.last;) {
        const Token &t = ts[i];
        if (isWord(i)) {
            // "don't", "can't": the word gives up its last letter to "n't".
            const QStringView w = ts.textOf(t);
            if (w.size() >= 2 && (w.back() == u'n' || w.back() == u'N') && touches(i + 1) && isApostrophe(charOf(i + 1))
                && touches(i + 2) && isWord(i + 2) && ts.textOf(ts[i + 2]).compare(u"t", Qt::CaseInsensitive) == 0) {
                add(t.start, t.end - 1, i, i + 1);
                add(t.end - 1, ts[i + 2].end, i, i + 3);
                i += 3;
                continue;
            }
            size_t j = i + 1;
            qsizetype end = t.end;
            if (t.is(Token::Digit)) {
                // "97.2", "1,000,000", "3:30": digits joined by one mark.
                while (touches(j) && touches(j + 1) && isWord(j + 1) && ts[j + 1].is(Token::Digit) && single(j)
                    && (charOf(j) == u'.' || charOf(j) == u',' || charOf(j) == u':')) {
                    end = ts[j + 1].end;
                    j += 2;
                }
            } else if (w.size() == 1 && touches(j) && charOf(j) == u'.' && touches(j + 1) && isWord(j + 1)
                && ts[j + 1].end - ts[j + 1].start == 1) {
                // "U.S.", "e.g.": single letters each with its full stop.
                while (touches(j) && charOf(j) == u'.' && touches(j + 1) && isWord(j + 1)
                    && ts[j + 1].end - ts[j + 1].start == 1)
                    j += 2;
                end = ts[j - 1].end;
                if (touches(j) && charOf(j) == u'.') {
                    end = ts[j].end;
                    ++j;
                }
            } else if (touches(j) && charOf(j) == u'.' && (classes.ofToken(t) & Abbreviation)) {
                end = ts[j].end; // "Mr.", "Inc."
                ++j;
            }
            add(t.start, end, i, j);
            i = j;
            continue;
        }
        if (isApostrophe(charOf(i)) && i > range.first && touches(i) && isWord(i + 1) && touches(i + 1)
            && (classes.ofToken(ts[i + 1]) & Clitic)) {
            add(t.start, ts[i + 1].end, i, i + 2); // "'s", "'re", "'ll"
            i += 2;
            continue;
        }
        // A run of one punctuation mark: "--", "...", "!!".
        size_t j = i + 1;
        while (touches(j) && !isWord(j) && charOf(j) == charOf(i) && single(i))
            ++j;
        add(t.start, ts[j - 1].end, i, j);
        i = j;
    }
    out.resize(size_t(next - out.data()));
}

} // namespace entente

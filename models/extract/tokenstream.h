#pragma once

#include "annotation.h"
#include "tokenhash.h"

#include <QStringView>

#include <vector>

namespace entente {

// One token of a text: a run of letters and digits, one CJK run, or a single punctuation character. `hash` is of the
// normalised form (case-folded, apostrophes and dashes unified, Russian case endings stripped), so that "CHINA",
// "China" and "China’s" share the first token's hash.
struct Token
{
    enum Flag : quint16 {
        Word = 0x1, // letters/digits
        Capitalised = 0x2, // first letter upper case
        AllCaps = 0x4, // every letter upper case (and at least one letter)
        Digit = 0x8, // starts with a digit
        Han = 0x10, // a run of CJK characters (matched by dictionary substrings, not as one token)
        SpaceBefore = 0x20, // white space between this token and the previous one
        LineStart = 0x40, // first token of a line (or of the text)
        Lower = 0x80, // first letter lower case
        // A line break that ends something: a blank line, a short line before (a heading), or sentence
        // punctuation before. Hard-wrapped text (the UN General Debate corpus wraps at ~60 columns) breaks
        // names across lines, so names may continue over any other line break.
        Break = 0x100,
        // A word or a CJK run that continues the word of the token before: word characters on both sides where
        // they meet, and no space between (the 年 of "2023年"). Set by the tokenizer for the date and money
        // finders (textscan.h), which ask it of nearly every token.
        JoinsPrevious = 0x200,
    };
    qsizetype start = 0;
    qsizetype end = 0;
    quint64 hash = 0;
    quint64 altHash = 0; // Arabic token without a proclitic (و ب ل ف ك), 0 if none
    quint16 flags = 0;
    int sentence = -1; // index into TokenStream::sentences(); -1 for a token outside every sentence

    [[nodiscard]] bool is(Flag f) const { return flags & f; }
};

// Splits `text` into tokens (their `sentence` left at -1); linear, no allocation beyond the output list.
void tokenize(QStringView text, std::vector<Token> &out);
// The normalised hash of a single word, as tokenize() computes it ("Said" and "said" -> one hash).
[[nodiscard]] quint64 wordHash(QStringView word);
// The hash tokenize() gives a run of UTF-16 units that is already normalised (a CJK run, a folded word).
[[nodiscard]] quint64 hashUnits(const char16_t *units, qsizetype count);
// The key of a sequence of tokens, one token's hash at a time from 0: what the gazetteer and the lexicons key
// their multi-word entries by.
[[nodiscard]] inline quint64 sequenceKey(quint64 seq, quint64 tokenHash)
{
    return mixBits(seq * 0x9e3779b97f4a7c15ULL + tokenHash);
}
// Apostrophes and dashes as one character each (' and -), what a token's hash reads them as.
[[nodiscard]] char16_t normalisePunct(char16_t c);

// A document read once: its tokens, each with its sentence, and the sentences' spans. Every stage of the
// extraction reads this instead of the text: the tokens' hashes and flags answer most of what a stage asks,
// and textOf() the rest. Refers to the text, which must outlive it.
//
//     const TokenStream ts(text);
//     for (const Token &t : ts.tokens())
//         if (t.is(Token::Capitalised)) ... ts.textOf(t) ...
class TokenStream
{
public:
    explicit TokenStream(QStringView text);

    [[nodiscard]] QStringView text() const { return m_text; }
    [[nodiscard]] const std::vector<Token> &tokens() const { return m_tokens; }
    [[nodiscard]] size_t size() const { return m_tokens.size(); }
    [[nodiscard]] bool isEmpty() const { return m_tokens.empty(); }
    [[nodiscard]] const Token &operator[](size_t i) const { return m_tokens[i]; }
    [[nodiscard]] QStringView textOf(const Token &t) const { return m_text.sliced(t.start, t.end - t.start); }
    // The text from token `first` to token `last - 1`, what lies between them included.
    [[nodiscard]] QStringView textOf(size_t first, size_t last) const
    {
        return m_text.sliced(m_tokens[first].start, m_tokens[last - 1].end - m_tokens[first].start);
    }

    // Sentence spans (without leading and trailing white space), in text order.
    [[nodiscard]] const QList<Span> &sentences() const { return m_sentences; }
    struct Range
    {
        size_t first = 0;
        size_t last = 0; // exclusive
        [[nodiscard]] size_t size() const { return last - first; }
        [[nodiscard]] bool isEmpty() const { return first == last; }
    };
    // The tokens of sentence `s`.
    [[nodiscard]] Range sentenceTokens(qsizetype s) const { return m_sentenceRanges[size_t(s)]; }
    // The first token that ends after `pos` (size() when none does).
    [[nodiscard]] size_t tokenAt(qsizetype pos) const;
    // The same, bisecting the tokens `within` (a sentence's) first: the answer of the whole text, sought in a few
    // tokens instead of all of them when it lies in or right after them.
    [[nodiscard]] size_t tokenAt(qsizetype pos, Range within) const;
    // The tokens inside [span.start, span.end).
    [[nodiscard]] Range tokensIn(Span span) const;

private:
    QStringView m_text;
    std::vector<Token> m_tokens;
    QList<Span> m_sentences;
    std::vector<Range> m_sentenceRanges; // per sentence its tokens
};

} // namespace entente

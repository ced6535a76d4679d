#pragma once

#include "tokenstream.h"

#include <QStringView>

#include <array>

namespace entente {

// A TokenStream read word by word as the date and money finders read it, with the look-around they need. Their
// words are runs of letters and digits with nothing between: a CJK run is a token of its own but no word
// boundary ("2023年" is one word, and no year). The word before or after another is one on the same line with
// only white space between ("May 11, 2023"; not "May\n11", nor "May, 11"). Internal to models/extract.
//
//     const TextScan scan(ts);
//     const TextScan::Word w = scan.wordAfter(k); // the word after token k - 1, if one stands there
//     if (!w.isEmpty() && scan.isChar(w.last, u'.')) ...
class TextScan
{
public:
    // Tokens [first, last) of one word; empty (first == last) when no word stands where one was looked for.
    struct Word
    {
        size_t first = 0;
        size_t last = 0;
        [[nodiscard]] bool isEmpty() const { return first == last; }
        [[nodiscard]] size_t tokens() const { return last - first; }
    };

    explicit TextScan(const TokenStream &ts)
        : m_ts(ts)
        , m_tokens(ts.tokens().data())
        , m_text(ts.text())
        , m_n(ts.size())
    { }

    [[nodiscard]] size_t size() const { return m_n; }
    [[nodiscard]] const Token &token(size_t k) const { return m_tokens[k]; }
    [[nodiscard]] QStringView textOf(size_t k) const { return m_ts.textOf(m_tokens[k]); }
    [[nodiscard]] QStringView textOf(Word w) const { return m_ts.textOf(w.first, w.last); }
    [[nodiscard]] qsizetype startOf(Word w) const { return m_tokens[w.first].start; }
    [[nodiscard]] qsizetype endOf(Word w) const { return m_tokens[w.last - 1].end; }
    [[nodiscard]] char16_t firstChar(size_t k) const { return m_text[m_tokens[k].start].unicode(); }
    [[nodiscard]] char16_t lastChar(size_t k) const { return m_text[m_tokens[k].end - 1].unicode(); }

    // Does token k follow token k - 1 without white space between?
    [[nodiscard]] bool glued(size_t k) const { return k > 0 && k < m_n && !m_tokens[k].is(Token::SpaceBefore); }
    // Is there a line break between token k - 1 and token k (or is k the first token)?
    [[nodiscard]] bool lineStart(size_t k) const { return k < m_n && m_tokens[k].is(Token::LineStart); }
    // Is token k the single character `c`?
    [[nodiscard]] bool isChar(size_t k, char16_t c) const
    {
        return k < m_n && m_tokens[k].end - m_tokens[k].start == 1 && firstChar(k) == c;
    }
    // A hyphen or a dash (not the minus sign, which the token hashes read as one).
    [[nodiscard]] bool isDash(size_t k) const
    {
        if (k >= m_n || m_tokens[k].end - m_tokens[k].start != 1)
            return false;
        const char16_t c = firstChar(k);
        return c == u'-' || (c >= 0x2010 && c <= 0x2014);
    }
    [[nodiscard]] bool startsWithDigit(size_t k) const { return k < m_n && m_tokens[k].is(Token::Digit); }

    // Do token k's first and last characters belong to a word? A CJK run does, but not where the tokenizer's run
    // takes in the first half of a character outside the Basic Multilingual Plane (an emoji).
    [[nodiscard]] bool startsWithWordChar(size_t k) const
    {
        const Token &t = m_tokens[k];
        return t.is(Token::Word) || (t.is(Token::Han) && !QChar::isHighSurrogate(firstChar(k)));
    }
    [[nodiscard]] bool endsWithWordChar(size_t k) const
    {
        const Token &t = m_tokens[k];
        return t.is(Token::Word) || (t.is(Token::Han) && !QChar::isHighSurrogate(lastChar(k)));
    }
    // Does token k continue the word of token k - 1? Glued to it, with word characters on both sides where they
    // meet: the tokenizer's flag says so.
    [[nodiscard]] bool joins(size_t k) const { return k < m_n && m_tokens[k].is(Token::JoinsPrevious); }
    // Does a word start at token k?
    [[nodiscard]] bool startsWord(size_t k) const { return startsWithWordChar(k) && !joins(k); }

    // The word that starts at token k (a word start).
    [[nodiscard]] Word wordFrom(size_t k) const
    {
        size_t j = k + 1;
        while (j < m_n && joins(j))
            ++j;
        return { k, j };
    }
    // The word that ends with token k (which ends with a word character).
    [[nodiscard]] Word wordEndingAt(size_t k) const
    {
        size_t i = k;
        while (i > 0 && joins(i))
            --i;
        return { i, k + 1 };
    }
    // The word before token k on its line, white space aside; empty when punctuation, a line break or the start of
    // the text comes first.
    [[nodiscard]] Word wordBefore(size_t k) const
    {
        if (k == 0 || k > m_n || lineStart(k) || !endsWithWordChar(k - 1))
            return { k, k };
        return wordEndingAt(k - 1);
    }
    // The word from token k on, on the line of token k - 1, white space aside; empty when punctuation, a line break
    // or the end of the text comes first.
    [[nodiscard]] Word wordAfter(size_t k) const
    {
        if (k >= m_n || (k > 0 && lineStart(k)) || !startsWithWordChar(k))
            return { k, k };
        return wordFrom(k);
    }

    // The key that the word lists give a word of ASCII letters (wordKey(), tokenKey()), for letters inside a token:
    // the "th" of "14th", the "bn" of "3bn". 0 when `letters` holds anything else.
    [[nodiscard]] static quint64 asciiLettersKey(QStringView letters)
    {
        std::array<char16_t, 16> folded;
        if (letters.isEmpty() || letters.size() > qsizetype(folded.size()))
            return 0;
        for (qsizetype i = 0; i < letters.size(); ++i) {
            const char16_t c = letters[i].unicode();
            if (c >= u'A' && c <= u'Z')
                folded[size_t(i)] = char16_t(c | 0x20);
            else if (c >= u'a' && c <= u'z')
                folded[size_t(i)] = c;
            else
                return 0;
        }
        return sequenceKey(0, hashUnits(folded.data(), letters.size()));
    }

protected:
    const TokenStream &m_ts;
    const Token *m_tokens;
    QStringView m_text;
    size_t m_n;
};

} // namespace entente

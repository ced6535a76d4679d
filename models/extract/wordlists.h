#pragma once

#include "tokenhash.h"
#include "tokenstream.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace entente {

// The key of a word or phrase as the extraction's word lists store it: sequenceKey() over its tokens, so that a
// phrase ("according to"), a hyphenated word ("de-escalate") and one word ("said") are keyed alike, and case and
// apostrophe spelling do not matter.
[[nodiscard]] quint64 wordKey(QStringView word);
// The key of the single token `t` (what wordKey() gives its text).
[[nodiscard]] inline quint64 tokenKey(const Token &t)
{
    return sequenceKey(0, t.hash);
}

// Word classes read from a data file under resources/lexicon: each line a class name, a tab, and words or
// phrases separated by '|'; lines starting with '#' are comments saying where the words come from. A word may be
// in several classes. Class i of `names` is bit i of what of() answers. Read once per process by the stage that
// owns the file; thread-safe to read.
//
//     static const WordClasses words(u"entities.tsv"_s, { u"title"_s, u"stop-cap"_s });
//     if (words.ofToken(token) & 1) ... // a title
class WordClasses
{
public:
    WordClasses(const QString &file, const QStringList &names);

    [[nodiscard]] quint32 of(quint64 key) const { return m_classes.value(key); }
    [[nodiscard]] quint32 ofToken(const Token &t) const { return of(tokenKey(t)); }
    // The words of class `index` as written in the file (lower-cased), for lists that are not looked up by key.
    [[nodiscard]] QStringList words(int index) const { return m_words.value(index); }
    // Longest phrase of the file, in tokens.
    [[nodiscard]] int longestPhrase() const { return m_longest; }

private:
    TokenHashMap m_classes;
    QList<QStringList> m_words;
    int m_longest = 1;
};

} // namespace entente

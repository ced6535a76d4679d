#pragma once

#include "tokenstream.h"

#include <QStringView>

#include <vector>

namespace entente {

// A word as the statistical models read it, tokenised the way the Universal Dependencies treebanks they were
// trained on are: clitics apart ("Russia" "'s", "do" "n't"), numbers whole ("97.2", "1,000"), abbreviations with
// their full stops ("U.S.", "Mr."), runs of one punctuation mark whole ("--", "..."), hyphens apart. The
// TokenStream splits finer (every punctuation mark is a token of its own); a word covers one or more tokens, and
// "don't" gives a word that ends inside a token ("do") and one that starts inside it ("n't").
struct ModelWord
{
    qsizetype start = 0; // UTF-16 span in the text
    qsizetype end = 0;
    quint32 firstToken = 0; // the tokens it covers, [firstToken, lastToken)
    quint32 lastToken = 0;
};

// The words of tokens [range.first, range.last), appended to `out`.
void modelWords(const TokenStream &ts, TokenStream::Range range, std::vector<ModelWord> &out);

} // namespace entente

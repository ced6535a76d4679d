#pragma once

#include <QStringView>

namespace entente::learn {

// What the statistical models know of one word by itself, computed once per word: hashes of its forms, its
// shape, prefixes and suffixes, and character-class flags. Features combine these hashes with a template
// number (perceptron.h's feature()), so no string is built per feature.
//
//     const WordInfo w = wordInfo(u"Borrell");
//     w.shape;   // hash of "Xxxxx", w.shortShape of "Xx"
struct WordInfo
{
    enum Flag : quint32 {
        Title = 1u << 0, // first letter upper case, others not all upper case ("Borrell", "McDonald")
        Upper = 1u << 1, // every letter upper case, at least one letter ("NATO", "U.S.")
        Lower = 1u << 2, // every letter lower case
        Digit = 1u << 3, // contains a digit
        AllDigit = 1u << 4, // only digits (and , . : / -)
        Hyphen = 1u << 5, // contains a hyphen
        Punct = 1u << 6, // no letter and no digit
        Alpha = 1u << 7, // only letters
        Period = 1u << 8, // ends with a period ("Mr.", "U.S.")
        Apostrophe = 1u << 9, // contains an apostrophe ("'s", "n't", "O'Brien")
        NonAscii = 1u << 10, // contains a character outside ASCII
        Short = 1u << 11, // one or two characters
        Long = 1u << 12, // more than twelve characters
    };
    quint64 form = 0; // exact
    quint64 lower = 0; // lower case, curly apostrophes as '
    quint64 norm = 0; // lower case with every digit as 0 ("1999" and "2023" share it)
    quint64 shape = 0; // X for upper, x for lower, d for digit, runs cut to four: "Xxxxx", "dddd", "X.X."
    quint64 shortShape = 0; // runs cut to one: "Xx", "d", "X.X."
    quint64 prefix[4] = {}; // the first 1, 2, 3, 4 characters of `lower` (the word itself when shorter)
    quint64 suffix[4] = {}; // the last 1, 2, 3, 4 characters of `lower`
    quint32 flags = 0;
    int length = 0;

    [[nodiscard]] bool is(Flag f) const { return flags & f; }
};

[[nodiscard]] WordInfo wordInfo(QStringView word);

// FNV-1a over UTF-16 code units: the hash of WordInfo's fields, for anything else to hash the same way.
[[nodiscard]] quint64 hashText(QStringView s);

} // namespace entente::learn

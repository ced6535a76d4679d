#pragma once

#include <QString>
#include <QStringView>

#include <memory>

namespace entente {

// Verb and noun cues mapped to CAMEO event codes, QuadClass and Goldstein score, built from
// the data in resources/lexicon (the PETRARCH2 CAMEO verb dictionary, expanded by
// build_lexicon.py, plus the hand-kept cues.tsv); loaded once per process.
//
//     const auto &lex = entente::RelationLexicon::shared();
//     double g = lex.goldstein(u"163"); // -8.0
class RelationLexicon
{
public:
    struct Data; // the word table, cue phrases and verb patterns (relationlexicondata.h)

    [[nodiscard]] static const RelationLexicon &shared();
    ~RelationLexicon();

    // Goldstein score of a CAMEO code; falls back to the code's 3-digit and 2-digit parents.
    [[nodiscard]] double goldstein(QStringView code) const;
    // CAMEO QuadClass: 1 verbal cooperation (roots 01-05), 2 material cooperation (06-08),
    // 3 verbal conflict (09-13), 4 material conflict (14-20); 0 for an empty or bad code.
    [[nodiscard]] static int quadClass(QStringView code);
    [[nodiscard]] qsizetype cueCount() const;
    [[nodiscard]] qsizetype patternCount() const;
    [[nodiscard]] const Data &data() const { return *m_data; }

private:
    RelationLexicon();
    std::unique_ptr<Data> m_data;
};

} // namespace entente

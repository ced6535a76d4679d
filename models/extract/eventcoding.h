#pragma once

// Event coding and tone: which of the cue words that state a relation names its event, and what CAMEO code,
// quad class, Goldstein score and tone that gives. Internal to the relation stage; tested by tst_relations.

#include "sentencefinder.h"

#include <span>

namespace entente::rel {

struct EventCode
{
    bool stated = false; // a cue names an event or a relation; without one there is no relation
    int main = -1; // the cue that names the event (an index into the cues given), -1 for a tone word alone
    QString code; // CAMEO code; empty for a relation named without an event ("relations", "ties")
    QString tone; // cooperation, conflict, mixed or neutral
    int quad = 0;
    double goldstein = 0.0;
    bool reverse = false; // a ":b" code: the object acts on the subject
    bool symmetric = false; // the event has no direction of its own ("talks", "a border dispute")
};

// Codes the event of a predicate from its cues, nearest to the target first: the first cue with a code of its own
// names the event (a light verb, "made a visit", only when nothing else does), and the event's quad class gives the
// tone. A tone word ("friendly", "hostile") colours a relation that has no event code ("friendly relations");
// "mixed" is for two events of opposite tone stated of different predicates (`anchors`: per cue, the word of the
// predicate it states an event of, -1 for none).
[[nodiscard]] EventCode codeEvent(
    const RelationLexicon &lex, const QList<Cue> &cues, std::span<const int> order, std::span<const int> anchors = {});

} // namespace entente::rel

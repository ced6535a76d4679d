#pragma once

#include <QStringList>

namespace entente {

// `entente train MODEL`: trains one model of the statistical layer (or all of them) from the annotated
// corpora in ../shared/data/training and writes its file into resources/models; prints the figures measured
// on the held-out test parts. `args` starts with "train".
int trainCommand(const QStringList &args);

} // namespace entente

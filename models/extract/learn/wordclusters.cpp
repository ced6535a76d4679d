#include "training.h"

namespace entente::learn {

TrainResult trainWordClusters(const TrainOptions &)
{
    return { {}, {}, QStringLiteral("not written yet") };
}

} // namespace entente::learn

#include "training.h"

namespace entente::learn {

TrainResult trainPosTagger(const TrainOptions &)
{
    return { {}, {}, QStringLiteral("not written yet") };
}

} // namespace entente::learn

#include "training.h"

namespace entente::learn {

TrainResult trainNer(const TrainOptions &)
{
    return { {}, {}, QStringLiteral("not written yet") };
}

} // namespace entente::learn

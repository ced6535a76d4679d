#include "training.h"

namespace entente::learn {

TrainResult trainParser(const TrainOptions &)
{
    return { {}, {}, QStringLiteral("not written yet") };
}

} // namespace entente::learn

#pragma once

#include <QByteArray>
#include <QString>

namespace entente::learn {

// The bytes of a shipped model file ("pos.model", "ner.model", ...): from the folder named by
// ENTENTE_MODELS_DIR when it is set and holds the file (to try a retrained model without a rebuild), else
// from the copy compiled into the program (resources/models). Empty when neither has it.
[[nodiscard]] QByteArray modelFile(const QString &name);

} // namespace entente::learn

#include "published.h"

namespace entente {

std::optional<PublishedDate> findHeaderDate(QStringView text, const QString &fileName)
{
    Q_UNUSED(text)
    Q_UNUSED(fileName)
    return std::nullopt; // placeholder until the importer's header parser lands here
}

} // namespace entente

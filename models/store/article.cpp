#include "article.h"

#include <QCryptographicHash>

namespace entente {

QByteArray ArticleRecord::contentHash() const
{
    if (!hash.isEmpty())
        return hash;
    // The same text under the same title is the same article, whichever file it came in.
    QCryptographicHash h(QCryptographicHash::Sha1);
    h.addData(title.toUtf8());
    h.addData(QByteArrayView("\x1f", 1));
    h.addData(textUtf8.isEmpty() ? text.toUtf8() : textUtf8);
    return h.result();
}

} // namespace entente

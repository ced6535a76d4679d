#pragma once

#include "store.h"

namespace entente {

// Where an import writes its articles, whatever keeps them: a store file (Store) or a server (PgStore). Batches
// of whole articles, each a transaction: an article is stored with all its annotations or not at all.
class ArticleSink
{
public:
    virtual ~ArticleSink() = default;
    // The store's name in messages: a file's path, or a server URL without its password.
    [[nodiscard]] virtual QString location() const = 0;
    virtual bool beginBatch(QString *error = nullptr) = 0;
    virtual Store::InsertResult insertArticle(
        const ArticleRecord &record, const Annotation &annotation, qint64 *id = nullptr, QString *error = nullptr)
        = 0;
    virtual bool commitBatch(QString *error = nullptr) = 0;
    virtual void rollbackBatch() = 0;

    // Bulk loads (see Store::deferIndexes): the secondary indexes (and, on a server, the foreign keys) set aside
    // before the first batch and made again at the end; the store notes them, so that an import stopped before
    // its end leaves them to the next. Outside batches only.
    virtual bool deferIndexes(QString *error = nullptr) = 0;
    virtual bool restoreIndexes(QString *error = nullptr) = 0;
    [[nodiscard]] virtual int deferredIndexCount() const = 0;
    // The corrections the store holds: a store with some is never bulk loaded (they are applied to each batch).
    [[nodiscard]] virtual qint64 editCount() const = 0;
};

} // namespace entente

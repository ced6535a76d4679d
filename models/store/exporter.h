#pragma once

#include <QByteArray>
#include <QString>

class QIODevice;
class QSqlDatabase;

namespace entente {

class PgStore;
class Store;

// Writes a store's tables out as CSV (RFC 4180, header row) or JSON Lines, one row per
// article, entity, mention or relation. Relation rows use the field names of the annotate
// contract ("a", "b", "direction": "A->B" or null, "tone", "quad", "cameo", "goldstein",
// "cues", "implicit"), so that `entente export` gives back what `entente ingest` stored. Article
// rows carry their "countries" as annotate writes them: [{"about", "id", "salience"}] by salience
// (in CSV as that JSON text; null for a store of schema 1 read as it is).
class Exporter
{
public:
    enum class What { Articles, Entities, Mentions, Relations, Dates };
    enum class Format { Csv, JsonLines };

    [[nodiscard]] static bool parseWhat(const QString &name, What *what);
    [[nodiscard]] static bool parseFormat(const QString &name, Format *format);

    // Returns the number of rows written, or -1 with `error` set.
    static qint64 write(const Store &store, What what, Format format, QIODevice *out, QString *error);
    // The same from a store on a PostgreSQL server: the same rows, field for field.
    static qint64 write(const PgStore &store, What what, Format format, QIODevice *out, QString *error);

    // One CSV field as RFC 4180 writes it: as it is, or in double quotes (doubled inside) when it holds a comma, a
    // quote or a line break. UTF-8.
    [[nodiscard]] static QByteArray csvField(const QString &s);

private:
    static qint64 write(const QSqlDatabase &db, What what, Format format, QIODevice *out, QString *error);
};

} // namespace entente

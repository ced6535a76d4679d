#include "exporter.h"

#include "pgstore.h"
#include "store.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <cmath>

namespace entente {

namespace {

struct Column
{
    const char *name;
    // Countries: the article's ranked countries (its id in column 0), as the annotate contract writes them.
    enum Type { Text, Int, Real, Bool, Json, Direction, Countries } type = Text;
};

struct Table
{
    const char *sql;
    QList<Column> columns;
};

Table tableFor(Exporter::What what)
{
    switch (what) {
    case Exporter::What::Articles:
        return { "SELECT id, title, source, author, url, language, published, published_precision, published_source,"
                 " section, dateline_place, source_country, file, file_line, chars, sentence_count, mention_count,"
                 " relation_count, NULL, text FROM articles ORDER BY id",
            { { "id", Column::Int }, { "title" }, { "source" }, { "author" }, { "url" }, { "language" },
                { "published" }, { "precision" }, { "date_source" }, { "section" }, { "dateline_place" },
                { "source_country" }, { "file" }, { "file_line", Column::Int }, { "chars", Column::Int },
                { "sentences", Column::Int }, { "mentions", Column::Int }, { "relations", Column::Int },
                { "countries", Column::Countries }, { "text" } } };
    case Exporter::What::Entities:
        return { "SELECT e.id, e.kind, e.key, e.name, e.country, count(m.id), count(DISTINCT m.article_id)"
                 " FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id GROUP BY e.id ORDER BY e.kind, e.key",
            { { "entity_id", Column::Int }, { "kind" }, { "id" }, { "name" }, { "country" },
                { "mentions", Column::Int }, { "articles", Column::Int } } };
    case Exporter::What::Mentions:
        return { "SELECT m.article_id, m.start, m.\"end\", m.text, e.kind, e.key, e.name, e.country, m.method,"
                 " m.confidence, m.role, m.currency, m.amount, m.date"
                 " FROM mentions m JOIN entities e ON e.id = m.entity_id ORDER BY m.article_id, m.start",
            { { "article_id", Column::Int }, { "start", Column::Int }, { "end", Column::Int }, { "text" }, { "kind" },
                { "id" }, { "name" }, { "country" }, { "method" }, { "confidence", Column::Real }, { "role" },
                { "currency" }, { "amount", Column::Real }, { "date" } } };
    case Exporter::What::Relations:
        return { "SELECT r.article_id, r.sentence, r.start, r.\"end\", r.a, r.b, r.directed, r.tone, r.quad, r.cameo,"
                 " r.goldstein, r.cues, r.implicit, r.year, substr(a.text, r.start + 1, r.\"end\" - r.start)"
                 " FROM relations r JOIN articles a ON a.id = r.article_id ORDER BY r.article_id, r.id",
            { { "article_id", Column::Int }, { "sentence", Column::Int }, { "start", Column::Int },
                { "end", Column::Int }, { "a" }, { "b" }, { "direction", Column::Direction }, { "tone" },
                { "quad", Column::Int }, { "cameo" }, { "goldstein", Column::Real }, { "cues", Column::Json },
                { "implicit", Column::Bool }, { "year", Column::Int }, { "evidence" } } };
    case Exporter::What::Dates:
        return { "SELECT article_id, start, \"end\", text, value, \"precision\", relative FROM dates ORDER BY "
                 "article_id, start",
            { { "article_id", Column::Int }, { "start", Column::Int }, { "end", Column::Int }, { "text" }, { "value" },
                { "precision" }, { "relative", Column::Bool } } };
    }
    return {};
}

// The ranked countries of each article, as JSON: [{"about", "id", "salience"}, ...] by salience.
class CountryLists
{
public:
    explicit CountryLists(const QSqlDatabase &db)
        : m_query(ownConnection(db))
    {
        // A store of schema 1 opened read-only has no ranking: its articles export null.
        m_ranked = m_query.exec(QStringLiteral("SELECT count(*) FROM article_countries WHERE 0 = 1"))
            && m_query.prepare(QStringLiteral(
                "SELECT country, salience, about FROM article_countries WHERE article_id = ? ORDER BY rank"));
    }

    [[nodiscard]] QJsonValue of(qint64 article)
    {
        if (!m_ranked)
            return QJsonValue::Null;
        QJsonArray list;
        m_query.addBindValue(article);
        if (!m_query.exec())
            return QJsonValue::Null;
        while (m_query.next())
            list.append(QJsonObject { { QStringLiteral("id"), m_query.value(0).toString() },
                { QStringLiteral("salience"), m_query.value(1).toDouble() },
                { QStringLiteral("about"), m_query.value(2).toBool() } });
        return list;
    }

    ~CountryLists()
    {
        m_query = QSqlQuery();
        if (!m_clone.isEmpty()) {
            QSqlDatabase::database(m_clone, false).close();
            QSqlDatabase::removeDatabase(m_clone);
        }
    }

private:
    // PostgreSQL's driver reads a forward-only query row by row from the server, and a second query on the same
    // connection would discard the rest of its rows: the lists are read on a connection of their own there.
    QSqlDatabase ownConnection(const QSqlDatabase &db)
    {
        if (db.driverName() != QLatin1String("QPSQL"))
            return db;
        m_clone = db.connectionName() + QStringLiteral("-countries");
        QSqlDatabase clone = QSqlDatabase::cloneDatabase(db, m_clone);
        clone.open();
        return clone;
    }

    QString m_clone;
    QSqlQuery m_query;
    bool m_ranked = false;
};

} // namespace

bool Exporter::parseWhat(const QString &name, What *what)
{
    static const QList<QPair<QString, What>> names { { QStringLiteral("articles"), What::Articles },
        { QStringLiteral("entities"), What::Entities }, { QStringLiteral("mentions"), What::Mentions },
        { QStringLiteral("relations"), What::Relations }, { QStringLiteral("dates"), What::Dates } };
    for (const auto &[n, w] : names) {
        if (n == name) {
            *what = w;
            return true;
        }
    }
    return false;
}

bool Exporter::parseFormat(const QString &name, Format *format)
{
    if (name == u"csv")
        *format = Format::Csv;
    else if (name == u"jsonl")
        *format = Format::JsonLines;
    else
        return false;
    return true;
}

qint64 Exporter::write(const Store &store, What what, Format format, QIODevice *out, QString *error)
{
    return write(store.database(), what, format, out, error);
}

qint64 Exporter::write(const PgStore &store, What what, Format format, QIODevice *out, QString *error)
{
    const QSqlDatabase db = store.database(error);
    return db.isOpen() ? write(db, what, format, out, error) : -1;
}

qint64 Exporter::write(const QSqlDatabase &db, What what, Format format, QIODevice *out, QString *error)
{
    const Table table = tableFor(what);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QString::fromLatin1(table.sql))) {
        if (error)
            *error = q.lastError().text();
        return -1;
    }
    if (format == Format::Csv) {
        QByteArray header;
        for (const Column &c : table.columns)
            header += (header.isEmpty() ? "" : ",") + QByteArray(c.name);
        out->write(header + "\r\n");
    }
    CountryLists countries(db);
    qint64 rows = 0;
    while (q.next()) {
        if (format == Format::Csv) {
            QByteArray line;
            for (int i = 0; i < table.columns.size(); ++i) {
                if (i)
                    line += ',';
                const QVariant v = q.value(i);
                if (table.columns[i].type == Column::Countries) {
                    const QJsonValue list = countries.of(q.value(0).toLongLong());
                    if (list.isArray())
                        line += csvField(
                            QString::fromUtf8(QJsonDocument(list.toArray()).toJson(QJsonDocument::Compact)));
                    continue;
                }
                if (v.isNull())
                    continue;
                switch (table.columns[i].type) {
                case Column::Direction:
                    if (v.toInt())
                        line += csvField(q.value(4).toString() + QStringLiteral("->") + q.value(5).toString());
                    break;
                case Column::Bool:
                    line += v.toInt() ? "true" : "false";
                    break;
                case Column::Real:
                    // SQLite keeps an infinity (a store from before amounts were bounded); it is no
                    // number to a reader of the CSV, so the field stays empty, as JSON writes null.
                    if (std::isfinite(v.toDouble()))
                        line += csvField(v.toString());
                    break;
                default:
                    line += csvField(v.toString());
                }
            }
            out->write(line + "\r\n");
        } else {
            QJsonObject o;
            for (int i = 0; i < table.columns.size(); ++i) {
                const Column &c = table.columns[i];
                const QVariant v = q.value(i);
                const QString key = QString::fromLatin1(c.name);
                QJsonValue j;
                if (c.type == Column::Countries)
                    j = countries.of(q.value(0).toLongLong());
                else if (c.type == Column::Direction)
                    j = v.toInt() ? QJsonValue(q.value(4).toString() + QStringLiteral("->") + q.value(5).toString())
                                  : QJsonValue(QJsonValue::Null);
                else if (v.isNull())
                    j = QJsonValue(QJsonValue::Null);
                else if (c.type == Column::Int)
                    j = v.toLongLong();
                else if (c.type == Column::Real)
                    j = std::isfinite(v.toDouble()) ? QJsonValue(v.toDouble()) : QJsonValue(QJsonValue::Null);
                else if (c.type == Column::Bool)
                    j = v.toInt() != 0;
                else if (c.type == Column::Json)
                    j = QJsonDocument::fromJson(v.toString().toUtf8()).array();
                else
                    j = v.toString();
                o.insert(key, j);
            }
            out->write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
        }
        ++rows;
    }
    return rows;
}

QByteArray Exporter::csvField(const QString &s)
{
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n') && !s.contains(u'\r'))
        return s.toUtf8();
    QString q = s;
    q.replace(u'"', QStringLiteral("\"\""));
    return '"' + q.toUtf8() + '"';
}

} // namespace entente

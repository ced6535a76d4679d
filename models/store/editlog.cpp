#include "editlog.h"

#include "gazetteer.h"
#include "sqldialect.h"
#include "store.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace entente {

namespace {

QString sqlError(const QSqlError &e)
{
    return e.databaseText().isEmpty() ? e.driverText() : e.databaseText();
}

// How a row of each table an edit may change is named in edit_undo.ids: its id, or, for the WITHOUT ROWID
// article_countries, its primary key as a JSON array (jsonb on a server, whose json has no equality). Only these
// tables are ever written back by undo.
QString rowKey(const QString &table, sql::Dialect d = sql::Dialect::SQLite)
{
    if (table == u"mentions" || table == u"relations" || table == u"entities" || table == u"articles")
        return QStringLiteral("id");
    if (table == u"article_countries")
        return d == sql::Dialect::PostgreSQL ? QStringLiteral("jsonb_build_array(article_id, rank)")
                                             : QStringLiteral("json_array(article_id, rank)");
    return {};
}

// The rows of edit_undo.ids (a JSON array bound as "?"), for "WHERE key IN (...)".
QString keysIn(const QString &table, sql::Dialect d)
{
    if (d == sql::Dialect::SQLite)
        return QStringLiteral("SELECT value FROM json_each(?)");
    return rowKey(table, d) == u"id"
        ? QStringLiteral("SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST(? AS jsonb))")
        : QStringLiteral("SELECT value FROM jsonb_array_elements(CAST(? AS jsonb))");
}

// The relations an edit names: those of the article with the hash, at the span, between the parties. (Two
// relations with all of these the same, different cues only, are one for an edit.)
QString relationWhere(sql::Dialect d)
{
    return QStringLiteral(
        "article_id = (SELECT id FROM articles WHERE hash = ?) AND start = ? AND %1 = ? AND a = ? AND b = ?")
        .arg(sql::column(d, "end"));
}

// Applies one edit to the rows that do not show it yet, recording what it overwrites under its id.
class Applier
{
public:
    Applier(const QSqlDatabase &db, qint64 editId, QString *why)
        : m_db(db)
        , m_d(sql::dialectOf(db))
        , m_relationWhere(relationWhere(m_d))
        , m_editId(editId)
        , m_why(why)
    { }

    [[nodiscard]] qint64 changed() const { return m_changed; }
    // Limits what an alias reads to these articles (those a batch added); by default every article.
    void setArticleRange(qint64 first, qint64 last)
    {
        m_firstArticle = first;
        m_lastArticle = last;
    }

    bool apply(const Edit &e, bool strict)
    {
        const QString &RelationWhere = m_relationWhere;
        const auto arg = [&e](const char *name) { return e.args.value(QLatin1String(name)).toString(); };
        switch (e.kind) {
        case Edit::Kind::MergeEntity:
            return merge(e, strict);
        case Edit::Kind::RenameEntity: {
            const qint64 id = entity(arg("kind"), arg("key"));
            if (id < 0)
                return !strict || fail(QObject::tr("no entity %1").arg(arg("key")));
            return set(QStringLiteral("entities"), QStringLiteral("name"), QStringLiteral("?"), { arg("name") },
                QStringLiteral("id = ? AND name %1 ?").arg(sql::isNot(m_d)), { id, arg("name") });
        }
        case Edit::Kind::ChangeEntityKind:
            return changeKind(arg("kind"), arg("key"), arg("to"), strict);
        case Edit::Kind::RejectRelation: {
            const QVariantList where = relationBinds(e);
            if (strict && !exists(QStringLiteral("relations"), RelationWhere, where))
                return fail(QObject::tr("no such relation of %1 and %2").arg(arg("a"), arg("b")));
            return removeRelations(RelationWhere, where);
        }
        case Edit::Kind::ChangeRelationTone: {
            const QString tone = arg("tone");
            if (tone != u"cooperation" && tone != u"conflict" && tone != u"neutral")
                return fail(QObject::tr("%1 is not a tone (cooperation, conflict, neutral)").arg(tone));
            const QVariantList where = relationBinds(e);
            if (strict && !exists(QStringLiteral("relations"), RelationWhere, where))
                return fail(QObject::tr("no such relation of %1 and %2").arg(arg("a"), arg("b")));
            const QString changing = RelationWhere + QStringLiteral(" AND tone %1 ?").arg(sql::isNot(m_d));
            // The Goldstein score keeps its size and takes the tone's sign (0 when neutral): the Relations
            // chart's net and the network's sums follow the tone as the bars do.
            return set(QStringLiteral("relations"), QStringLiteral("goldstein"),
                       QStringLiteral("CASE %1 WHEN 'cooperation' THEN abs(goldstein) WHEN 'conflict'"
                                      " THEN -abs(goldstein) ELSE 0 END")
                           .arg(sql::typed(m_d, "TEXT")),
                       { tone }, changing, where + QVariantList { tone })
                && set(QStringLiteral("relations"), QStringLiteral("tone"), QStringLiteral("?"), { tone }, changing,
                    where + QVariantList { tone });
        }
        case Edit::Kind::ChangeRelationDirection:
            return changeDirection(e, strict);
        case Edit::Kind::AddRelation:
            return addRelation(e, strict);
        case Edit::Kind::AddAlias:
            return addAlias(arg("kind"), arg("key"), arg("alias"), strict);
        case Edit::Kind::RejectMention: {
            const QString where = QStringLiteral("article_id = (SELECT id FROM articles WHERE hash = ?) AND start = ?"
                                                 " AND %1 = ? AND entity_id = (SELECT id FROM entities WHERE kind = ?"
                                                 " AND key = ?)")
                                      .arg(sql::column(m_d, "end"));
            const QVariantList binds { articleHash(e), e.args.value(QLatin1String("start")).toInteger(),
                e.args.value(QLatin1String("end")).toInteger(), arg("kind"), arg("key") };
            if (strict && !exists(QStringLiteral("mentions"), where, binds))
                return fail(QObject::tr("no such mention of %1").arg(arg("key")));
            return removeRows(QStringLiteral("mentions"), QStringLiteral("mention_count"), where, binds);
        }
        case Edit::Kind::Invalid:
            break;
        }
        return fail(QObject::tr("not an edit Entente knows"));
    }

    bool fail(const QString &message)
    {
        if (m_why)
            *m_why = message;
        return false;
    }

private:
    static QByteArray articleHash(const Edit &e)
    {
        return QByteArray::fromHex(e.args.value(QLatin1String("article")).toString().toLatin1());
    }

    static QVariantList relationBinds(const Edit &e)
    {
        return { articleHash(e), e.args.value(QLatin1String("start")).toInteger(),
            e.args.value(QLatin1String("end")).toInteger(), e.args.value(QLatin1String("a")).toString(),
            e.args.value(QLatin1String("b")).toString() };
    }

    bool exec(QSqlQuery &q, const QVariantList &binds)
    {
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (q.exec())
            return true;
        return fail(sqlError(q.lastError()));
    }

    qint64 entity(const QString &kind, const QString &key)
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT id FROM entities WHERE kind = ? AND key = ?"));
        if (!exec(q, { kind, key }) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    bool exists(const QString &table, const QString &where, const QVariantList &binds)
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE %2 LIMIT 1").arg(table, where));
        return exec(q, binds) && q.next();
    }

    // Records the values of `column` in the rows of `table` that `where` picks, grouped by value; false on an
    // error, and `*any` tells whether there were rows.
    bool record(const QString &table, const QString &column, const QString &where, const QVariantList &whereBinds,
        bool *any = nullptr)
    {
        QSqlQuery record(m_db);
        // A server's edit_undo.old is text: the value as PostgreSQL writes it, which it reads back the same.
        if (m_d == sql::Dialect::PostgreSQL)
            record.prepare(QStringLiteral("INSERT INTO edit_undo(edit_id, action, tbl, col, old, ids)"
                                          " SELECT CAST(? AS BIGINT), 'set', '%1', '%2', CAST(%2 AS TEXT),"
                                          " CAST(jsonb_agg(%3) AS TEXT) FROM %1 WHERE %4 GROUP BY %2")
                               .arg(table, column, rowKey(table, m_d), where));
        else
            record.prepare(QStringLiteral("INSERT INTO edit_undo(edit_id, action, tbl, col, old, ids)"
                                          " SELECT ?, 'set', '%1', '%2', %2, json_group_array(%3) FROM %1 WHERE %4"
                                          " GROUP BY %2")
                               .arg(table, column, rowKey(table), where));
        if (!exec(record, QVariantList { m_editId } + whereBinds))
            return false;
        if (any)
            *any = record.numRowsAffected() > 0;
        return true;
    }

    // Records the values of `column` in the rows of `table` that `where` picks (record()), then sets it to `value`
    // (SQL, with `valueBinds`).
    bool set(const QString &table, const QString &column, const QString &value, const QVariantList &valueBinds,
        const QString &where, const QVariantList &whereBinds)
    {
        bool any = false;
        if (!record(table, column, where, whereBinds, &any))
            return false;
        if (!any)
            return true;
        QSqlQuery update(m_db);
        update.prepare(QStringLiteral("UPDATE %1 SET %2 = %3 WHERE %4").arg(table, column, value, where));
        if (!exec(update, valueBinds + whereBinds))
            return false;
        m_changed += std::max(0, update.numRowsAffected());
        return true;
    }

    // Records the rows of `table` (relations or mentions) that `where` picks as they are and deletes them; their
    // articles count them no more (`countColumn` of articles).
    bool removeRows(const QString &table, const QString &countColumn, const QString &where, const QVariantList &binds)
    {
        if (!set(QStringLiteral("articles"), countColumn,
                QStringLiteral("%1 - (SELECT count(*) FROM %2 r WHERE r.article_id = articles.id AND (%3))")
                    .arg(countColumn, table, where),
                binds, QStringLiteral("id IN (SELECT article_id FROM %1 WHERE %2)").arg(table, where), binds))
            return false;
        QSqlQuery record(m_db);
        if (m_d == sql::Dialect::PostgreSQL) {
            // The row as a JSON object of its columns, which json_populate_record() makes a row again.
            record.prepare(QStringLiteral("INSERT INTO edit_undo(edit_id, action, tbl, old)"
                                          " SELECT CAST(? AS BIGINT), 'row', '%1', CAST(row_to_json(%1) AS TEXT)"
                                          " FROM %1 WHERE %2")
                               .arg(table, where));
        } else {
            QStringList columns;
            QSqlQuery info(m_db);
            if (!info.exec(QStringLiteral("SELECT name FROM pragma_table_info('%1') ORDER BY cid").arg(table)))
                return fail(sqlError(info.lastError()));
            while (info.next())
                columns << QStringLiteral("'%1', %1").arg(info.value(0).toString());
            record.prepare(QStringLiteral("INSERT INTO edit_undo(edit_id, action, tbl, old)"
                                          " SELECT ?, 'row', '%1', json_object(%2) FROM %1 WHERE %3")
                               .arg(table, columns.join(u", "), where));
        }
        if (!exec(record, QVariantList { m_editId } + binds))
            return false;
        if (record.numRowsAffected() <= 0)
            return true;
        QSqlQuery remove(m_db);
        remove.prepare(QStringLiteral("DELETE FROM %1 WHERE %2").arg(table, where));
        if (!exec(remove, binds))
            return false;
        m_changed += std::max(0, remove.numRowsAffected());
        return true;
    }

    bool removeRelations(const QString &where, const QVariantList &binds)
    {
        return removeRows(QStringLiteral("relations"), QStringLiteral("relation_count"), where, binds);
    }

    // Records that the edit inserted row `id` of `table`, which undo deletes.
    bool recordNew(const QString &table, qint64 id)
    {
        QSqlQuery record(m_db);
        record.prepare(m_d == sql::Dialect::PostgreSQL
                ? QStringLiteral("INSERT INTO edit_undo(edit_id, action, tbl, ids) VALUES (?, 'new', ?,"
                                 " CAST(json_build_array(CAST(? AS BIGINT)) AS TEXT))")
                : QStringLiteral("INSERT INTO edit_undo(edit_id, action, tbl, ids) VALUES (?, 'new', ?,"
                                 " json_array(?))"));
        return exec(record, { m_editId, table, id });
    }

    bool changeDirection(const Edit &e, bool strict)
    {
        const QString &RelationWhere = m_relationWhere;
        const QString direction = e.args.value(QLatin1String("direction")).toString();
        const QVariantList where = relationBinds(e);
        if (strict && !exists(QStringLiteral("relations"), RelationWhere, where))
            return fail(
                QObject::tr("no such relation of %1 and %2")
                    .arg(e.args.value(QLatin1String("a")).toString(), e.args.value(QLatin1String("b")).toString()));
        if (direction == u"none" || direction == u"a-b")
            return set(QStringLiteral("relations"), QStringLiteral("directed"), QStringLiteral("?"),
                { direction == u"a-b" ? 1 : 0 },
                RelationWhere + QStringLiteral(" AND directed %1 ?").arg(sql::isNot(m_d)),
                where + QVariantList { direction == u"a-b" ? 1 : 0 });
        if (direction != u"b-a")
            return fail(QObject::tr("%1 is not a direction (a-b, b-a, none)").arg(direction));
        // b acts on a: the parties change places, so that the relation keeps "a acts on b". The rows that show
        // the edit already name the parties the other way round, and the where clause no longer picks them.
        for (const QString &column : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("directed") })
            if (!record(QStringLiteral("relations"), column, RelationWhere, where))
                return false;
        QSqlQuery update(m_db);
        update.prepare(QStringLiteral("UPDATE relations SET a = b, b = a, directed = 1 WHERE %1").arg(RelationWhere));
        if (!exec(update, where))
            return false;
        m_changed += std::max(0, update.numRowsAffected());
        return true;
    }

    bool addRelation(const Edit &e, bool strict)
    {
        const QString &RelationWhere = m_relationWhere;
        const auto arg = [&e](const char *name) { return e.args.value(QLatin1String(name)); };
        const QString tone = arg("tone").toString();
        if (tone != u"cooperation" && tone != u"conflict" && tone != u"neutral")
            return fail(QObject::tr("%1 is not a tone (cooperation, conflict, neutral)").arg(tone));
        if (arg("a").toString().isEmpty() || arg("b").toString().isEmpty() || arg("a") == arg("b"))
            return fail(QObject::tr("a relation needs two parties"));
        const QVariantList where = relationBinds(e);
        if (strict && exists(QStringLiteral("relations"), RelationWhere, where))
            return fail(
                QObject::tr("the sentence relates %1 and %2 already").arg(arg("a").toString(), arg("b").toString()));
        const QString missing
            = QStringLiteral("hash = ? AND NOT EXISTS (SELECT 1 FROM relations WHERE %1)").arg(RelationWhere);
        const QVariantList missingBinds = QVariantList { articleHash(e) } + where;
        // The article's count first (recorded, so that undo puts it back), then the row.
        if (!set(QStringLiteral("articles"), QStringLiteral("relation_count"), QStringLiteral("relation_count + 1"), {},
                missing, missingBinds))
            return false;
        QSqlQuery insert(m_db);
        // One point of the Goldstein scale in the sign of the tone: the net of the charts moves with it.
        const auto t = [this](const char *type) { return sql::typed(m_d, type); };
        insert.prepare(
            QStringLiteral("INSERT INTO relations(article_id, sentence, start, %1, a, b, directed, tone,"
                           " goldstein, cues, cue_spans, implicit, year)"
                           " SELECT id, %2, %3, %3, %4, %4, %2, %4, %5, '[]', '[]', 0, published_year FROM"
                           " articles WHERE %6")
                .arg(sql::column(m_d, "end"), t("INTEGER"), t("INTEGER"), t("TEXT"), t("DOUBLE PRECISION"), missing)
            + sql::returningId(m_d));
        if (!exec(insert,
                QVariantList { arg("sentence").toInt(), arg("start").toInteger(), arg("end").toInteger(),
                    arg("a").toString(), arg("b").toString(), arg("directed").toBool() ? 1 : 0, tone,
                    tone == u"cooperation"    ? 1.0
                        : tone == u"conflict" ? -1.0
                                              : 0.0 }
                    + missingBinds))
            return false;
        if (insert.numRowsAffected() <= 0)
            return true;
        m_changed += insert.numRowsAffected();
        return recordNew(QStringLiteral("relations"), sql::insertedId(m_d, insert));
    }

    // The alias's mentions of other entities become the entity's, and where the alias stands as a word in an
    // article's text and no mention covers it, a mention of the entity is added.
    bool addAlias(const QString &kind, const QString &key, const QString &alias, bool strict)
    {
        const QString text = alias.simplified();
        if (text.isEmpty())
            return fail(QObject::tr("an alias needs a text"));
        const qint64 target = entity(kind, key);
        if (target < 0)
            return !strict || fail(QObject::tr("no entity %1").arg(key));
        // After an import's batch, only its articles: the edit holds for the others already.
        const bool ranged = m_lastArticle >= m_firstArticle;
        const QString inRange = ranged ? QStringLiteral(" AND article_id BETWEEN ? AND ?") : QString();
        const QVariantList rangeBinds = ranged ? QVariantList { m_firstArticle, m_lastArticle } : QVariantList {};
        if (!set(QStringLiteral("mentions"), QStringLiteral("entity_id"), QStringLiteral("?"), { target },
                QStringLiteral("lower(text) = lower(%1) AND entity_id != ?").arg(sql::typed(m_d, "TEXT")) + inRange,
                QVariantList { text, target } + rangeBinds))
            return false;
        // The articles where the alias's words stand (the full-text index), then where exactly in each.
        QSqlQuery articles(m_db);
        if (m_d == sql::Dialect::PostgreSQL) {
            // The tsvector holds the title's words too: an article whose title alone has them finds no place below.
            articles.prepare(
                QStringLiteral("SELECT id, text FROM articles WHERE tsv @@ phraseto_tsquery('simple', ?)%1")
                    .arg(ranged ? QStringLiteral(" AND id BETWEEN ? AND ?") : QString()));
            if (!exec(articles, QVariantList { text } + rangeBinds))
                return false;
        } else {
            QString phrase = text;
            phrase.replace(u'"', QStringLiteral("\"\""));
            articles.prepare(QStringLiteral("SELECT id, text FROM articles WHERE id IN (SELECT rowid FROM articles_fts"
                                            " WHERE articles_fts MATCH ?%1)")
                                 .arg(ranged ? QStringLiteral(" AND rowid BETWEEN ? AND ?") : QString()));
            if (!exec(articles, QVariantList { QStringLiteral("text : \"%1\"").arg(phrase) } + rangeBinds))
                return false;
        }
        QSqlQuery covered(m_db);
        covered.prepare(QStringLiteral("SELECT 1 FROM mentions WHERE article_id = ? AND start < ? AND %1 > ? LIMIT 1")
                            .arg(sql::column(m_d, "end")));
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral("INSERT INTO mentions(article_id, entity_id, start, %1, text, method,"
                                      " confidence) VALUES (?, ?, ?, ?, ?, 'alias', 1.0)")
                           .arg(sql::column(m_d, "end"))
            + sql::returningId(m_d));
        QHash<qint64, int> added;
        while (articles.next()) {
            const qint64 article = articles.value(0).toLongLong();
            const QString body = articles.value(1).toString();
            qint64 codePoints = 0; // code points before `scanned`
            qsizetype scanned = 0;
            for (qsizetype at = body.indexOf(text, 0, Qt::CaseInsensitive); at >= 0;
                 at = body.indexOf(text, at + 1, Qt::CaseInsensitive)) {
                const qsizetype after = at + text.size();
                const auto wordChar = [&body](qsizetype i) {
                    return i >= 0 && i < body.size() && (body[i].isLetterOrNumber() || body[i].isMark());
                };
                if (wordChar(at - 1) || wordChar(after))
                    continue;
                for (; scanned < at; ++scanned)
                    codePoints += body[scanned].isLowSurrogate() ? 0 : 1;
                const qint64 start = codePoints;
                qint64 end = start;
                for (qsizetype i = at; i < after; ++i)
                    end += body[i].isLowSurrogate() ? 0 : 1;
                if (!exec(covered, { article, end, start }))
                    return false;
                if (covered.next())
                    continue;
                if (!exec(insert, { article, target, start, end, body.sliced(at, text.size()) }))
                    return false;
                if (!recordNew(QStringLiteral("mentions"), sql::insertedId(m_d, insert)))
                    return false;
                ++added[article];
                ++m_changed;
            }
        }
        for (auto it = added.cbegin(); it != added.cend(); ++it) {
            if (!set(QStringLiteral("articles"), QStringLiteral("mention_count"), QStringLiteral("mention_count + ?"),
                    { it.value() }, QStringLiteral("id = ?"), { it.key() }))
                return false;
        }
        return true;
    }

    bool merge(const Edit &e, bool strict)
    {
        const auto arg = [&e](const char *name) { return e.args.value(QLatin1String(name)).toString(); };
        const QString kind = arg("kind"), key = arg("key"), into = arg("into");
        if (key == into)
            return !strict || fail(QObject::tr("%1 cannot be merged into itself").arg(key));
        const qint64 source = entity(kind, key);
        const qint64 target = entity(kind, into);
        if (source < 0 || target < 0) {
            // Another store (an edit list carried over), or one whose rows went: nothing there to merge. The view
            // option's merges wait for an import that brings the states.
            return !strict || EditLog::isSuccessorStateMerge(e)
                || fail(QObject::tr("no entity %1").arg(source < 0 ? key : into));
        }
        // A merge for some years holds for the articles published in them (and their relations): an undated
        // article is in none.
        const bool period = e.args.contains(QLatin1String("from")) || e.args.contains(QLatin1String("to"));
        const QVariantList years { e.args.value(QLatin1String("from")).toInt(-100000),
            e.args.value(QLatin1String("to")).toInt(100000) };
        const QString articleInYears = period
            ? QStringLiteral(" AND article_id IN (SELECT id FROM articles WHERE published_year BETWEEN ? AND ?)")
            : QString();
        const QString relationInYears = period ? QStringLiteral(" AND year BETWEEN ? AND ?") : QString();
        const QVariantList yearBinds = period ? years : QVariantList {};
        if (!set(QStringLiteral("mentions"), QStringLiteral("entity_id"), QStringLiteral("?"), { target },
                QStringLiteral("entity_id = ?") + articleInYears, QVariantList { source } + yearBinds))
            return false;
        // Relations name their parties by key (alpha-3 codes, organisations' names): the merged one's become the
        // target's. Those that would relate the target to itself go.
        if (kind == u"country" || kind == u"organization") {
            if (!removeRelations(QStringLiteral("((a = ? AND b IN (?, ?)) OR (a = ? AND b = ?))") + relationInYears,
                    QVariantList { key, key, into, into, key } + yearBinds))
                return false;
            for (const QString &party : { QStringLiteral("a"), QStringLiteral("b") })
                if (!set(QStringLiteral("relations"), party, QStringLiteral("?"), { into },
                        QStringLiteral("%1 = ?").arg(party) + relationInYears, QVariantList { key } + yearBinds))
                    return false;
        }
        if (kind == u"country") {
            // The articles about the merged country are about the target now (the focus filter), and (for good,
            // not for some years) the entities of the merged country belong to the target.
            if (!set(QStringLiteral("article_countries"), QStringLiteral("country"), QStringLiteral("?"), { into },
                    QStringLiteral("country = ?") + articleInYears, QVariantList { key } + yearBinds))
                return false;
            if (!period
                && !set(QStringLiteral("entities"), QStringLiteral("country"), QStringLiteral("?"), { into },
                    QStringLiteral("country = ?"), { key }))
                return false;
        }
        return true;
    }

    bool changeKind(const QString &kind, const QString &key, const QString &to, bool strict)
    {
        if (to.isEmpty() || to == kind)
            return !strict || fail(QObject::tr("%1 is a %2 already").arg(key, kind));
        const qint64 source = entity(kind, key);
        if (source < 0)
            return !strict || fail(QObject::tr("no entity %1").arg(key));
        // An entity of that kind and key may be there already (an import after the edit made one afresh): its
        // mentions join it.
        const qint64 target = entity(to, key);
        if (target >= 0 && target != source)
            return set(QStringLiteral("mentions"), QStringLiteral("entity_id"), QStringLiteral("?"), { target },
                QStringLiteral("entity_id = ?"), { source });
        // Else a new entity of that kind takes them: the old one stays, without mentions, so that an import that
        // finds it again adds to it (the edit then moves those mentions too) and undo finds its key free.
        QSqlQuery create(m_db);
        create.prepare(QStringLiteral("INSERT INTO entities(kind, key, name, country)"
                                      " SELECT %1, key, name, country FROM entities WHERE id = ?")
                           .arg(sql::typed(m_d, "TEXT"))
            + sql::returningId(m_d));
        if (!exec(create, { to, source }))
            return false;
        const qint64 created = sql::insertedId(m_d, create);
        if (!recordNew(QStringLiteral("entities"), created))
            return false;
        return set(QStringLiteral("mentions"), QStringLiteral("entity_id"), QStringLiteral("?"), { created },
            QStringLiteral("entity_id = ?"), { source });
    }

    QSqlDatabase m_db;
    sql::Dialect m_d = sql::Dialect::SQLite;
    QString m_relationWhere;
    qint64 m_editId = 0;
    QString *m_why = nullptr;
    qint64 m_changed = 0;
    qint64 m_firstArticle = 0;
    qint64 m_lastArticle = -1; // before the first: every article
};

bool bumpGeneration(const QSqlDatabase &db, QString *why)
{
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("UPDATE edit_generation SET generation = generation + 1")))
        return true;
    *why = sqlError(q.lastError());
    return false;
}

Edit editFrom(const QSqlQuery &q)
{
    Edit e;
    e.id = q.value(0).toLongLong();
    e.kind = Edit::kindFromName(q.value(1).toString());
    e.args = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
    e.madeAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODate);
    e.undone = q.value(4).toBool();
    return e;
}

// Runs `work` in a transaction of its own: committed when it returns true, rolled back otherwise. It holds the write
// lock from its start (BEGIN IMMEDIATE): what it reads (the records an import's batch adds) is then what it writes
// over, where a deferred transaction that read before a batch committed could not write after it. On a server the
// same holds by an advisory lock that import batches share (sql::lockEdits()).
template<typename F> bool inTransaction(QSqlDatabase db, const QString &path, QString *error, F work)
{
    QString why;
    QSqlQuery q(db);
    if (!db.isOpen()) {
        why = QObject::tr("no store is open");
    } else if (!q.exec(sql::beginWrite(sql::dialectOf(db)))) {
        why = sqlError(q.lastError());
    } else if (const QString lock = sql::lockEdits(sql::dialectOf(db), true); !lock.isEmpty() && !q.exec(lock)) {
        why = sqlError(q.lastError());
        q.exec(QStringLiteral("ROLLBACK"));
    } else if (!work(&why)) {
        q.exec(QStringLiteral("ROLLBACK"));
    } else if (q.exec(QStringLiteral("COMMIT"))) {
        return true;
    } else {
        why = sqlError(q.lastError());
        q.exec(QStringLiteral("ROLLBACK"));
    }
    if (error)
        *error = QObject::tr("cannot edit store %1: %2").arg(path, why);
    return false;
}

} // namespace

EditLog::EditLog(const Store *store)
    : m_db(store ? store->database() : QSqlDatabase())
    , m_path(store ? store->path() : QString())
{ }

bool EditLog::add(Edit *edit, QString *error)
{
    return inTransaction(m_db, m_path, error, [this, edit](QString *why) {
        Edit stored = *edit;
        if (stored.args.contains(QLatin1String("articleId"))) {
            QSqlQuery q(m_db);
            q.prepare(sql::dialectOf(m_db) == sql::Dialect::PostgreSQL
                    ? QStringLiteral("SELECT encode(hash, 'hex') FROM articles WHERE id = ?")
                    : QStringLiteral("SELECT hex(hash) FROM articles WHERE id = ?"));
            q.addBindValue(stored.args.value(QLatin1String("articleId")).toInteger());
            if (!q.exec() || !q.next()) {
                *why = QObject::tr("no article %1").arg(stored.args.value(QLatin1String("articleId")).toInteger());
                return false;
            }
            stored.args.remove(QLatin1String("articleId"));
            stored.args.insert(QStringLiteral("article"), q.value(0).toString().toLower());
        }
        stored.madeAt = QDateTime::currentDateTimeUtc();
        stored.undone = false;
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral("INSERT INTO edits(kind, args, made_at) VALUES (?, ?, ?)")
            + sql::returningId(sql::dialectOf(m_db)));
        insert.addBindValue(Edit::kindName(stored.kind));
        insert.addBindValue(QString::fromUtf8(QJsonDocument(stored.args).toJson(QJsonDocument::Compact)));
        insert.addBindValue(stored.madeAt.toString(Qt::ISODate));
        if (!stored.isValid() || !insert.exec()) {
            *why = stored.isValid() ? sqlError(insert.lastError()) : QObject::tr("not an edit Entente knows");
            return false;
        }
        stored.id = sql::insertedId(sql::dialectOf(m_db), insert);
        Applier applier(m_db, stored.id, why);
        if (!applier.apply(stored, true) || !bumpGeneration(m_db, why))
            return false;
        *edit = stored;
        return true;
    });
}

bool EditLog::undo(qint64 id, QString *error)
{
    return inTransaction(m_db, m_path, error, [this, id](QString *why) {
        const auto failed = [why](const QSqlQuery &q) {
            *why = sqlError(q.lastError());
            return false;
        };
        QSqlQuery records(m_db);
        records.prepare(
            QStringLiteral("SELECT action, tbl, col, old, ids FROM edit_undo WHERE edit_id = ? ORDER BY seq DESC"));
        records.addBindValue(id);
        if (!records.exec())
            return failed(records);
        static const QRegularExpression identifier(QStringLiteral("^[a-z_]+$"));
        const sql::Dialect d = sql::dialectOf(m_db);
        while (records.next()) {
            const QString action = records.value(0).toString();
            const QString table = records.value(1).toString();
            const QString column = records.value(2).toString();
            const QString key = rowKey(table, d);
            QSqlQuery restore(m_db);
            if (action == u"set" && !key.isEmpty() && identifier.match(column).hasMatch()) {
                restore.prepare(
                    QStringLiteral("UPDATE %1 SET %2 = ? WHERE %3 IN (%4)").arg(table, column, key, keysIn(table, d)));
                restore.addBindValue(records.value(3));
                restore.addBindValue(records.value(4));
            } else if (action == u"new" && (table == u"entities" || table == u"relations" || table == u"mentions")) {
                restore.prepare(QStringLiteral("DELETE FROM %1 WHERE id IN (%2)").arg(table, keysIn(table, d)));
                restore.addBindValue(records.value(4));
            } else if (action == u"row" && (table == u"relations" || table == u"mentions")
                && d == sql::Dialect::PostgreSQL) {
                restore.prepare(
                    QStringLiteral("INSERT INTO %1 SELECT * FROM json_populate_record(NULL::%1, CAST(? AS json))")
                        .arg(table));
                restore.addBindValue(records.value(3));
            } else if (action == u"row" && (table == u"relations" || table == u"mentions")) {
                QStringList columns, values;
                QSqlQuery info(m_db);
                if (!info.exec(QStringLiteral("SELECT name FROM pragma_table_info('%1') ORDER BY cid").arg(table)))
                    return failed(info);
                while (info.next()) {
                    columns << info.value(0).toString();
                    values << QStringLiteral("json_extract(j.row, '$.%1')").arg(columns.constLast());
                }
                restore.prepare(QStringLiteral("INSERT INTO %1(%2) SELECT %3 FROM (SELECT ? AS row) j")
                                    .arg(table, columns.join(u", "), values.join(u", ")));
                restore.addBindValue(records.value(3));
            } else {
                *why = QObject::tr("edit %1 keeps a change Entente cannot undo (%2 of %3)").arg(id).arg(action, table);
                return false;
            }
            if (!restore.exec())
                return failed(restore);
        }
        QSqlQuery mark(m_db);
        mark.prepare(QStringLiteral("UPDATE edits SET undone = 1 WHERE id = ?"));
        mark.addBindValue(id);
        if (!mark.exec())
            return failed(mark);
        if (mark.numRowsAffected() != 1) {
            *why = QObject::tr("no edit %1").arg(id);
            return false;
        }
        QSqlQuery forget(m_db);
        forget.prepare(QStringLiteral("DELETE FROM edit_undo WHERE edit_id = ?"));
        forget.addBindValue(id);
        if (!forget.exec())
            return failed(forget);
        return bumpGeneration(m_db, why);
    });
}

bool EditLog::redo(qint64 id, QString *error)
{
    return inTransaction(m_db, m_path, error, [this, id](QString *why) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT id, kind, args, made_at, undone FROM edits WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec() || !q.next()) {
            *why = QObject::tr("no edit %1").arg(id);
            return false;
        }
        const Edit edit = editFrom(q);
        QSqlQuery mark(m_db);
        mark.prepare(QStringLiteral("UPDATE edits SET undone = 0 WHERE id = ?"));
        mark.addBindValue(id);
        if (!mark.exec()) {
            *why = sqlError(mark.lastError());
            return false;
        }
        Applier applier(m_db, id, why);
        return applier.apply(edit, false) && bumpGeneration(m_db, why);
    });
}

QList<Edit> EditLog::edits() const
{
    QList<Edit> out;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, kind, args, made_at, undone FROM edits ORDER BY id")))
        return out;
    while (q.next())
        out << editFrom(q);
    return out;
}

QByteArray EditLog::exportEdits() const
{
    QJsonArray list;
    for (const Edit &e : edits()) {
        if (e.undone)
            continue;
        list.append(QJsonObject { { QStringLiteral("kind"), Edit::kindName(e.kind) },
            { QStringLiteral("args"), e.args }, { QStringLiteral("made"), e.madeAt.toString(Qt::ISODate) } });
    }
    return QJsonDocument(QJsonObject { { QStringLiteral("entente-edits"), 1 }, { QStringLiteral("edits"), list } })
        .toJson(QJsonDocument::Indented);
}

int EditLog::importEdits(const QByteArray &file, const QString &fileName, QString *error)
{
    QJsonParseError parsed;
    const QJsonDocument doc = QJsonDocument::fromJson(file, &parsed);
    const QJsonObject root = doc.object();
    if (parsed.error != QJsonParseError::NoError || root.value(QLatin1String("entente-edits")).toInt() != 1
        || !root.value(QLatin1String("edits")).isArray()) {
        if (error)
            *error = QObject::tr("%1 is not a list of Entente edits%2")
                         .arg(fileName,
                             parsed.error != QJsonParseError::NoError
                                 ? QObject::tr(" (%1 at byte %2)").arg(parsed.errorString()).arg(parsed.offset)
                                 : QString());
        return -1;
    }
    QList<Edit> incoming;
    for (const QJsonValue &v : root.value(QLatin1String("edits")).toArray()) {
        Edit e;
        e.kind = Edit::kindFromName(v[QLatin1String("kind")].toString());
        e.args = v[QLatin1String("args")].toObject();
        e.madeAt = QDateTime::fromString(v[QLatin1String("made")].toString(), Qt::ISODate);
        if (!e.isValid() || e.args.contains(QLatin1String("articleId"))) {
            if (error)
                *error = QObject::tr("%1: edit %2 is not one Entente knows (%3)")
                             .arg(fileName)
                             .arg(incoming.size() + 1)
                             .arg(v[QLatin1String("kind")].toString());
            return -1;
        }
        incoming << e;
    }
    QList<Edit> held;
    for (const Edit &e : edits())
        if (!e.undone)
            held << e;
    int added = 0;
    const bool ok = inTransaction(m_db, m_path, error, [&](QString *why) {
        for (Edit e : std::as_const(incoming)) {
            if (std::any_of(
                    held.cbegin(), held.cend(), [&e](const Edit &h) { return h.kind == e.kind && h.args == e.args; }))
                continue;
            QSqlQuery insert(m_db);
            insert.prepare(QStringLiteral("INSERT INTO edits(kind, args, made_at) VALUES (?, ?, ?)")
                + sql::returningId(sql::dialectOf(m_db)));
            insert.addBindValue(Edit::kindName(e.kind));
            insert.addBindValue(QString::fromUtf8(QJsonDocument(e.args).toJson(QJsonDocument::Compact)));
            insert.addBindValue(
                (e.madeAt.isValid() ? e.madeAt : QDateTime::currentDateTimeUtc()).toString(Qt::ISODate));
            if (!insert.exec()) {
                *why = sqlError(insert.lastError());
                return false;
            }
            Applier applier(m_db, sql::insertedId(sql::dialectOf(m_db), insert), why);
            if (!applier.apply(e, false))
                return false;
            held << e;
            ++added;
        }
        return bumpGeneration(m_db, why);
    });
    return ok ? added : -1;
}

QList<Edit> EditLog::successorStateMerges()
{
    QList<Edit> out;
    for (const auto &[former, successor] : Gazetteer::shared().successorStates()) {
        Edit merge = Edit::mergeEntity(QStringLiteral("country"), former, successor);
        merge.args.insert(QStringLiteral("option"), QStringLiteral("successor-states"));
        out << merge;
    }
    return out;
}

bool EditLog::isSuccessorStateMerge(const Edit &edit)
{
    return edit.kind == Edit::Kind::MergeEntity
        && edit.args.value(QLatin1String("option")).toString() == u"successor-states";
}

bool EditLog::applyAll(const QSqlDatabase &db, QString *why, qint64 firstArticle, qint64 lastArticle)
{
    QList<Edit> edits;
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT id, kind, args, made_at, undone FROM edits WHERE undone = 0 ORDER BY id"))) {
            *why = sqlError(q.lastError());
            return false;
        }
        while (q.next())
            edits << editFrom(q);
    }
    qint64 changed = 0;
    for (const Edit &edit : std::as_const(edits)) {
        Applier applier(db, edit.id, why);
        applier.setArticleRange(firstArticle, lastArticle);
        if (!applier.apply(edit, false))
            return false;
        changed += applier.changed();
    }
    return changed == 0 || bumpGeneration(db, why);
}

} // namespace entente

#include "articledocument.h"

#include "store.h"
#include "textoffsets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace entente {

bool ArticleDocument::load(const Store &store, qint64 articleId, QString *error)
{
    clear();
    ArticleRecord r;
    if (!store.isOpen() || !store.loadArticle(articleId, &r)) {
        if (error)
            *error = QObject::tr("There is no article %1 in the store").arg(articleId);
        return false;
    }
    record = std::move(r);
    id = articleId;
    const CodePointMap cp(record.text);
    const qsizetype length = record.text.size();
    // Offsets come from the store; clamp them so that a damaged row cannot paint past the text.
    const auto utf16 = [&cp, length](qint64 codePoint) {
        return std::clamp<qsizetype>(cp.toUtf16(qsizetype(codePoint)), 0, length);
    };

    for (const Span &s : store.loadSentences(id))
        sentences.append({ utf16(s.start), utf16(s.end) });

    QSqlQuery q(store.database());
    q.setForwardOnly(true);

    q.prepare(
        QStringLiteral("SELECT m.start, m.end, m.text, e.kind, e.key, e.name, e.country, m.method,"
                       " m.confidence, m.role, m.currency, m.amount, m.date FROM mentions m"
                       " JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start, m.end DESC"));
    q.addBindValue(id);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    while (q.next()) {
        Mention m;
        m.start = utf16(q.value(0).toLongLong());
        m.end = utf16(q.value(1).toLongLong());
        m.text = q.value(2).toString();
        m.kind = q.value(3).toString();
        m.key = q.value(4).toString();
        m.name = q.value(5).toString();
        m.country = q.value(6).toString();
        m.method = q.value(7).toString();
        m.confidence = q.value(8).toDouble();
        m.role = q.value(9).toString();
        m.currency = q.value(10).toString();
        m.amount = q.value(11).toDouble();
        m.date = q.value(12).toString();
        mentions.append(m);
    }

    // "end" quoted: PostgreSQL reserves the word; SQLite reads the same column either way.
    q.prepare(QStringLiteral("SELECT start, \"end\", text, value, precision, relative FROM dates WHERE article_id = ?"
                             " ORDER BY start"));
    q.addBindValue(id);
    if (q.exec())
        while (q.next())
            dates.append({ utf16(q.value(0).toLongLong()), utf16(q.value(1).toLongLong()), q.value(2).toString(),
                q.value(3).toString(), q.value(4).toString(), q.value(5).toBool() });

    q.prepare(QStringLiteral("SELECT start, \"end\", a, b, directed, tone, cameo, goldstein, cues, cue_spans, implicit"
                             " FROM relations WHERE article_id = ? ORDER BY start"));
    q.addBindValue(id);
    if (q.exec()) {
        while (q.next()) {
            RelationSentence rel;
            rel.start = utf16(q.value(0).toLongLong());
            rel.end = utf16(q.value(1).toLongLong());
            rel.a = q.value(2).toString();
            rel.b = q.value(3).toString();
            rel.directed = q.value(4).toBool();
            rel.tone = q.value(5).toString();
            rel.cameo = q.value(6).toString();
            rel.goldstein = q.value(7).toDouble();
            for (const QJsonValue &v : QJsonDocument::fromJson(q.value(8).toString().toUtf8()).array())
                rel.cues << v.toString();
            for (const QJsonValue &v : QJsonDocument::fromJson(q.value(9).toString().toUtf8()).array()) {
                const QJsonArray pair = v.toArray();
                if (pair.size() == 2)
                    rel.cueSpans.append({ utf16(pair.at(0).toInteger()), utf16(pair.at(1).toInteger()) });
            }
            rel.implicit = q.value(10).toBool();
            relations.append(rel);
        }
    }
    return true;
}

qsizetype ArticleDocument::toUtf16(qint64 codePoint) const
{
    return std::clamp<qsizetype>(CodePointMap(record.text).toUtf16(qsizetype(codePoint)), 0, record.text.size());
}

qint64 ArticleDocument::toCodePoint(qsizetype utf16) const
{
    return qint64(CodePointMap(record.text).toCodePoint(std::clamp<qsizetype>(utf16, 0, record.text.size())));
}

QList<int> ArticleDocument::mentionsAt(qsizetype pos) const
{
    QList<int> found;
    for (int i = 0; i < mentions.size(); ++i) {
        const Mention &m = mentions.at(i);
        if (m.start > pos)
            break; // sorted by start
        if (pos < m.end)
            found.append(i);
    }
    std::sort(found.begin(), found.end(), [this](int x, int y) {
        return mentions.at(x).end - mentions.at(x).start < mentions.at(y).end - mentions.at(y).start;
    });
    return found;
}

int ArticleDocument::dateAt(qsizetype pos) const
{
    for (int i = 0; i < dates.size(); ++i)
        if (dates.at(i).start <= pos && pos < dates.at(i).end)
            return i;
    return -1;
}

QList<int> ArticleDocument::relationsAt(qsizetype pos) const
{
    QList<int> found;
    for (int i = 0; i < relations.size(); ++i)
        if (relations.at(i).start <= pos && pos < relations.at(i).end)
            found.append(i);
    return found;
}

Span ArticleDocument::sentenceAt(qsizetype pos) const
{
    const auto it = std::upper_bound(
        sentences.cbegin(), sentences.cend(), pos, [](qsizetype p, const Span &s) { return p < s.start; });
    if (it == sentences.cbegin())
        return {};
    const Span &s = *(it - 1);
    return pos < s.end ? s : Span {};
}

} // namespace entente

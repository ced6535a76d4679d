#include "hits.h"

#include "exporter.h"
#include "sqldialect.h"
#include "store.h"
#include "textoffsets.h"

#include <QHash>
#include <QIODevice>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace entente {

namespace {
// highlight() puts these round each hit. Private-use code points: no text of news or speeches
// holds them, so every one in its output is a marker.
constexpr char16_t Open = 0xE000;
constexpr char16_t Close = 0xE001;

QString highlightCall(int column)
{
    return QStringLiteral("highlight(articles_fts, %1, char(57344), char(57345))").arg(column);
}

// A word as both searches compare it: case folded, diacritics removed (FTS5's unicode61 with remove_diacritics; the
// server's 'simple' configuration folds case).
QString folded(QStringView word)
{
    const QString decomposed = word.toString().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed)
        if (c.category() != QChar::Mark_NonSpacing)
            out.append(c);
    return out.toCaseFolded();
}

struct Token
{
    qsizetype start = 0;
    qsizetype end = 0;
    QString word; // folded
};

// The words of `text` as the full-text index splits it: runs of letters and digits (with their combining marks).
QList<Token> tokens(QStringView text)
{
    QList<Token> out;
    qsizetype i = 0;
    while (i < text.size()) {
        if (!text[i].isLetterOrNumber()) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        while (i < text.size() && (text[i].isLetterOrNumber() || text[i].isMark()))
            ++i;
        out.append({ start, i, folded(text.mid(start, i - start)) });
    }
    return out;
}

// The phrases a websearch_to_tsquery query asks for, each as its folded words: "a phrase", a word (one that holds
// punctuation, "U.S.", is a phrase of its parts, as the server reads it); OR joins, and a -word is left out (no
// article it is in was found).
QList<QStringList> searchedPhrases(const QString &query)
{
    QList<QStringList> phrases;
    const auto add = [&phrases](QStringView part) {
        QStringList words;
        for (const Token &t : tokens(part))
            words << t.word;
        if (!words.isEmpty())
            phrases << words;
    };
    qsizetype i = 0;
    while (i < query.size()) {
        if (query[i].isSpace()) {
            ++i;
        } else if (query[i] == u'"') {
            const qsizetype close = query.indexOf(u'"', i + 1);
            const qsizetype end = close < 0 ? query.size() : close;
            add(QStringView(query).mid(i + 1, end - i - 1));
            i = end + 1;
        } else {
            qsizetype end = i;
            while (end < query.size() && !query[end].isSpace() && query[end] != u'"')
                ++end;
            const QStringView word = QStringView(query).mid(i, end - i);
            if (!word.startsWith(u'-') && word != u"OR")
                add(word);
            i = end;
        }
    }
    return phrases;
}

// `text` with the markers round each place a phrase of the query stands, the leftmost first, as FTS5's highlight()
// marks a store file's text: a server store's hits, which the server finds but does not mark phrase by phrase
// (ts_headline marks every word of the query wherever it stands).
QString marked(const QString &text, const QList<QStringList> &phrases)
{
    const QList<Token> words = tokens(text);
    QString out;
    out.reserve(text.size() + 16);
    qsizetype copied = 0;
    for (qsizetype i = 0; i < words.size();) {
        qsizetype matched = 0;
        for (const QStringList &phrase : phrases) {
            if (i + phrase.size() > words.size())
                continue;
            bool same = true;
            for (qsizetype k = 0; k < phrase.size() && same; ++k)
                same = words[i + k].word == phrase[k];
            if (same) {
                matched = std::max(matched, phrase.size());
            }
        }
        if (matched == 0) {
            ++i;
            continue;
        }
        const qsizetype start = words[i].start, end = words[i + matched - 1].end;
        out += QStringView(text).mid(copied, start - copied);
        out += QChar(Open);
        out += QStringView(text).mid(start, end - start);
        out += QChar(Close);
        copied = end;
        i += matched;
    }
    out += QStringView(text).mid(copied);
    return out;
}

// Article `?`'s text marked (as highlight() marks it on a store file; on a server the text as it is, for marked()),
// with the query bound first.
QString markedTextQuery(sql::Dialect d)
{
    if (d == sql::Dialect::PostgreSQL)
        return QStringLiteral("SELECT text FROM articles WHERE tsv @@ websearch_to_tsquery('simple', ?) AND id = ?");
    return QStringLiteral("SELECT %1 FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?").arg(highlightCall(1));
}

// The marked text from a row of markedTextQuery().
QString markedText(sql::Dialect d, const QVariant &value, const QList<QStringList> &phrases)
{
    return d == sql::Dialect::PostgreSQL ? marked(value.toString(), phrases) : value.toString();
}

// The text without the markers, and the UTF-16 ranges they enclosed.
QString unmark(const QString &marked, QList<std::pair<qsizetype, qsizetype>> *spans)
{
    QString plain;
    plain.reserve(marked.size());
    qsizetype open = -1;
    for (const QChar c : marked) {
        if (c == Open) {
            open = plain.size();
        } else if (c == Close) {
            if (open >= 0 && plain.size() > open)
                spans->append({ open, plain.size() });
            open = -1;
        } else {
            plain.append(c);
        }
    }
    return plain;
}

// Line breaks and tabs as single spaces: a line of context is one line.
QString oneLine(QStringView text)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (const QChar c : text) {
        if (c.isSpace()) {
            space = true;
            continue;
        }
        if (space && !out.isEmpty())
            out.append(u' ');
        space = false;
        out.append(c);
    }
    if (space && !out.isEmpty())
        out.append(u' ');
    return out;
}

QString leftContext(const QString &text, qsizetype start, int chars)
{
    const qsizetype from = std::max<qsizetype>(0, start - chars);
    QStringView v = QStringView(text).mid(from, start - from);
    // Cut inside the text: begin at the next word, not in the middle of one.
    if (from > 0 && !text.at(from - 1).isSpace()) {
        const qsizetype space = v.indexOf(u' ');
        const qsizetype line = v.indexOf(u'\n');
        const qsizetype at = space < 0 ? line : (line < 0 ? space : std::min(space, line));
        if (at >= 0)
            v = v.mid(at + 1);
    }
    const bool gap = !v.isEmpty() && v.back().isSpace();
    QString out = oneLine(v).trimmed();
    if (gap && !out.isEmpty())
        out.append(u' ');
    return out;
}

QString rightContext(const QString &text, qsizetype end, int chars)
{
    const qsizetype to = std::min<qsizetype>(text.size(), end + chars);
    QStringView v = QStringView(text).mid(end, to - end);
    if (to < text.size() && !text.at(to).isSpace()) {
        qsizetype at = v.size() - 1;
        while (at >= 0 && !v.at(at).isSpace())
            --at;
        if (at > 0)
            v = v.left(at);
    }
    const bool gap = !v.isEmpty() && v.front().isSpace();
    QString out = oneLine(v).trimmed();
    if (gap && !out.isEmpty())
        out.prepend(u' ');
    return out;
}

} // namespace

bool Hits::find(const Store &store, const Options &options, const Visitor &visit, QString *error)
{
    const QString query = options.query.trimmed();
    if (query.isEmpty())
        return true;
    // The articles first, in order and without their text; then each one's text marked, read only until the
    // visitor has enough (a cap): "the" marks every article of a corpus, and the first few give thousands of hits.
    const sql::Dialect dialect = sql::dialectOf(store.database());
    QSqlQuery ids(store.database());
    ids.setForwardOnly(sql::streamsBesideOtherQueries(dialect)); // each article's text is read meanwhile
    const QString order = options.newestFirst ? QStringLiteral("DESC") : QStringLiteral("ASC");
    ids.prepare(QStringLiteral("SELECT a.id, a.title, a.published, CASE WHEN a.title = '' THEN substr(a.text, 1, 400)"
                               " END FROM articles a WHERE a.id IN (%1)%2 ORDER BY a.published %3%4, a.id %3")
                    .arg(sql::searchIds(dialect),
                        options.condition.isEmpty() ? QString() : QStringLiteral(" AND (%1)").arg(options.condition),
                        order, sql::nullsAsSQLite(dialect, !options.newestFirst)));
    ids.addBindValue(query);
    for (const QVariant &v : options.values)
        ids.addBindValue(v);
    if (!ids.exec()) {
        if (error)
            *error = ids.lastError().databaseText();
        return false;
    }
    QSqlQuery text(store.database());
    text.setForwardOnly(true);
    text.prepare(markedTextQuery(dialect));
    const QList<QStringList> phrases
        = dialect == sql::Dialect::PostgreSQL ? searchedPhrases(query) : QList<QStringList>();
    while (ids.next()) {
        HitArticle article;
        article.id = ids.value(0).toLongLong();
        article.title = ids.value(1).toString();
        article.published = ids.value(2).toString();
        article.opening = ids.value(3).toString();
        text.addBindValue(query);
        text.addBindValue(article.id);
        QList<Hit> hits;
        if (text.exec() && text.next()) {
            QList<std::pair<qsizetype, qsizetype>> spans;
            const QString plain = unmark(markedText(dialect, text.value(0), phrases), &spans);
            const CodePointMap map(plain);
            hits.reserve(spans.size());
            for (const auto &[start, end] : std::as_const(spans)) {
                Hit h;
                h.article = article.id;
                h.start = map.toCodePoint(start);
                h.end = map.toCodePoint(end);
                h.left = leftContext(plain, start, options.contextChars);
                h.match = oneLine(QStringView(plain).mid(start, end - start));
                h.right = rightContext(plain, end, options.contextChars);
                hits.append(h);
            }
        }
        text.finish();
        if (!visit(article, hits))
            break;
    }
    return true;
}

QList<std::pair<qsizetype, qsizetype>> Hits::spansIn(const Store &store, qint64 id, const QString &query)
{
    QList<std::pair<qsizetype, qsizetype>> spans;
    if (query.trimmed().isEmpty() || id < 0)
        return spans;
    QSqlQuery q(store.database());
    q.setForwardOnly(true);
    const sql::Dialect dialect = sql::dialectOf(store.database());
    q.prepare(markedTextQuery(dialect));
    q.addBindValue(query.trimmed());
    q.addBindValue(id);
    if (q.exec() && q.next())
        unmark(markedText(dialect, q.value(0), searchedPhrases(query.trimmed())), &spans);
    return spans;
}

QHash<qint64, int> Hits::counts(const Store &store, const QList<qint64> &ids, const QString &query)
{
    QHash<qint64, int> counts;
    if (ids.isEmpty() || query.trimmed().isEmpty())
        return counts;
    QStringList marks;
    for (qsizetype i = 0; i < ids.size(); ++i)
        marks << QStringLiteral("?");
    QSqlQuery q(store.database());
    q.setForwardOnly(true);
    const sql::Dialect dialect = sql::dialectOf(store.database());
    const QList<QStringList> phrases
        = dialect == sql::Dialect::PostgreSQL ? searchedPhrases(query.trimmed()) : QList<QStringList>();
    if (dialect == sql::Dialect::PostgreSQL) {
        q.prepare(QStringLiteral("SELECT id, title, text FROM articles WHERE tsv @@ websearch_to_tsquery('simple', ?)"
                                 " AND id IN (%1)")
                      .arg(marks.join(u',')));
        q.addBindValue(query.trimmed());
    } else {
        q.prepare(QStringLiteral("SELECT rowid, %1, %2 FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN (%3)")
                      .arg(highlightCall(0), highlightCall(1), marks.join(u',')));
        q.addBindValue(query.trimmed());
    }
    for (qint64 id : ids)
        q.addBindValue(id);
    if (!q.exec())
        return counts;
    while (q.next())
        counts.insert(q.value(0).toLongLong(),
            int(markedText(dialect, q.value(1), phrases).count(QChar(Open))
                + markedText(dialect, q.value(2), phrases).count(QChar(Open))));
    return counts;
}

QString Hits::shownQuery(const QString &query)
{
    const QString q = query.trimmed();
    if (q.size() > 2 && q.startsWith(u'"') && q.endsWith(u'"') && q.count(u'"') == 2)
        return q.mid(1, q.size() - 2);
    return q;
}

bool Hits::writeCsvHeader(QIODevice *out)
{
    return out->write("article_id,date,title,left,hit,right,start,end\n") >= 0;
}

bool Hits::writeCsvRow(QIODevice *out, const HitArticle &article, const Hit &hit)
{
    QByteArray line = QByteArray::number(article.id);
    for (const QString &field : { article.published, article.title, hit.left, hit.match, hit.right }) {
        line += ',';
        line += Exporter::csvField(field);
    }
    line += ',' + QByteArray::number(hit.start) + ',' + QByteArray::number(hit.end) + '\n';
    return out->write(line) == line.size();
}

qint64 Hits::writeCsv(const Store &store, const Options &options, QIODevice *out, QString *error)
{
    bool failed = !writeCsvHeader(out);
    qint64 written = 0;
    const bool ok = !failed
        && find(
            store, options,
            [&](const HitArticle &article, const QList<Hit> &hits) {
                for (const Hit &h : hits) {
                    if (!writeCsvRow(out, article, h)) {
                        failed = true;
                        return false;
                    }
                }
                written += hits.size();
                return true;
            },
            error);
    if (failed && error)
        *error = QObject::tr("cannot write: %1").arg(out->errorString());
    return ok && !failed ? written : -1;
}

} // namespace entente

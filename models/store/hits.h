#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QVariantList>

#include <functional>
#include <utility>

class QIODevice;

namespace entente {

class Store;

// One place where a full-text query matched an article's text, with its context: what the
// keyword-in-context lines show and the hits export writes.
struct Hit
{
    qint64 article = -1;
    qint64 start = 0; // code-point offsets into the article's text, as the store keeps offsets
    qint64 end = 0;
    QString left; // the words before the hit on one line (line breaks as spaces), cut at a word
    QString match; // the hit as the text has it
    QString right; // the words after it
};

// The article a run of hits is in.
struct HitArticle
{
    qint64 id = -1;
    QString title; // empty when the article has none
    QString published; // as the store keeps it ("2023-12-30", "2023"), empty when undated
    QString opening; // the text's beginning when the title is empty, to stand in for it
};

// Where a full-text (FTS5) query matched the text of the articles. The matches are FTS5's own:
// its highlight() marks them in each article, so the words, phrases, prefix* terms, NEAR, OR
// and NOT and the tokenizer's folding of case and diacritics give exactly the hits the search
// found; nothing is matched again here. Hits in a title only are not in the text and give no
// line (the article still counts for the search).
//
//     Hits::Options o;
//     o.query = QStringLiteral("russ* \"security council\"");
//     Hits::find(store, o, [&](const HitArticle &a, const QList<Hit> &hits) { ...; return true; });
class Hits
{
public:
    struct Options
    {
        QString query; // an FTS5 query, as the Articles search takes it
        // More conditions on the articles (alias `a`), joined by AND, with their bound values
        // in order: the Articles list's other filters. Empty: every article that matches.
        QString condition;
        QVariantList values;
        int contextChars = 70; // at most this much context on either side
        bool newestFirst = true; // the order the articles are read in (then by id)
    };
    // Called with each matching article's hits in text order (maybe none: a title-only match);
    // returns false to stop reading.
    using Visitor = std::function<bool(const HitArticle &, const QList<Hit> &)>;

    // False with `error` set when the store refused the query (an FTS5 query it cannot parse).
    static bool find(const Store &store, const Options &options, const Visitor &visit, QString *error = nullptr);

    // The UTF-16 ranges [start, end) of the hits in article `id`'s text, for the Reader.
    [[nodiscard]] static QList<std::pair<qsizetype, qsizetype>> spansIn(
        const Store &store, qint64 id, const QString &query);

    // The hits in title and text of each of `ids` (absent: none).
    [[nodiscard]] static QHash<qint64, int> counts(const Store &store, const QList<qint64> &ids, const QString &query);

    // `query` to be shown between “curly quotes”: a single "phrase" without its own straight ones.
    [[nodiscard]] static QString shownQuery(const QString &query);

    // CSV (RFC 4180, header row): article id, date, title, left, hit, right, start, end.
    // False when the device refused to write.
    static bool writeCsvHeader(QIODevice *out);
    static bool writeCsvRow(QIODevice *out, const HitArticle &article, const Hit &hit);
    // Every hit of `options` as CSV; the number of hits written, or -1 with `error` set.
    static qint64 writeCsv(const Store &store, const Options &options, QIODevice *out, QString *error);
};

} // namespace entente

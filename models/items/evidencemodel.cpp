#include "evidencemodel.h"

#include "sqlclauses.h"
#include "sqldialect.h"
#include "store.h"
#include "storesession.h"
#include "textoffsets.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>

namespace entente {

namespace {

// Enough to read through; the header says how many there are in all.
constexpr int MaxRows = 300;

// The sentence as HTML with the cue spans (code points into the article) in bold.
QString markCues(const QString &sentence, qint64 sentenceStart, const QString &spansJson)
{
    const CodePointMap map(sentence);
    const QJsonArray spans = QJsonDocument::fromJson(spansJson.toUtf8()).array();
    QList<std::pair<qsizetype, qsizetype>> ranges;
    for (const QJsonValue &v : spans) {
        const QJsonArray s = v.toArray();
        if (s.size() != 2)
            continue;
        const qint64 from = s.at(0).toInteger() - sentenceStart;
        const qint64 to = s.at(1).toInteger() - sentenceStart;
        if (from < 0 || to <= from)
            continue;
        const qsizetype a = map.toUtf16(from), b = map.toUtf16(to);
        if (b <= sentence.size())
            ranges.append({ a, b });
    }
    std::sort(ranges.begin(), ranges.end());
    QString html;
    qsizetype at = 0;
    for (const auto &[from, to] : std::as_const(ranges)) {
        if (from < at)
            continue; // overlapping cue spans: the first one wins
        html += sentence.mid(at, from - at).toHtmlEscaped();
        html += QStringLiteral("<b>") + sentence.mid(from, to - from).toHtmlEscaped() + QStringLiteral("</b>");
        at = to;
    }
    html += sentence.mid(at).toHtmlEscaped();
    return html;
}

} // namespace

EvidenceModel::EvidenceModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_query(new AsyncQuery(this))
{ }

EvidenceModel::~EvidenceModel() = default;

bool EvidenceModel::setSession(std::shared_ptr<StoreSession> session)
{
    m_session = std::move(session);
    m_store = m_session ? m_session->reader() : nullptr;
    const bool ok = !m_session || m_store;
    reload();
    return ok;
}

void EvidenceModel::setPair(const QString &a, const QString &b)
{
    if (a == m_a && b == m_b)
        return;
    m_a = a;
    m_b = b;
    reload();
}

void EvidenceModel::setYearRange(int from, int to)
{
    if (from == m_yearFrom && to == m_yearTo)
        return;
    m_yearFrom = from;
    m_yearTo = to;
    reload();
}

void EvidenceModel::reload()
{
    if (!m_store || m_a.isEmpty() || m_b.isEmpty()) {
        m_query->cancel();
        beginResetModel();
        m_rows.clear();
        m_total = 0;
        endResetModel();
        return;
    }
    // The pair's newest relations joined to their articles' texts: a worker reads them.
    struct Answer
    {
        QList<Row> rows;
        int total = 0;
    };
    m_query->run(
        [session = m_session, a = m_a, b = m_b, from = m_yearFrom, to = m_yearTo] {
            // The model's own query, on a model of the worker's that no view sees, on its connection.
            EvidenceModel worker;
            worker.m_store = session->reader();
            worker.m_a = a;
            worker.m_b = b;
            worker.m_yearFrom = from;
            worker.m_yearTo = to;
            worker.compute();
            return Answer { std::move(worker.m_rows), worker.m_total };
        },
        [this](Answer answer) {
            beginResetModel();
            m_rows = std::move(answer.rows);
            m_total = answer.total;
            endResetModel();
        });
}

void EvidenceModel::compute()
{
    m_rows.clear();
    m_total = 0;
    if (!m_store || m_a.isEmpty() || m_b.isEmpty())
        return;
    const sql::Clause years = sql::yearRange(QStringLiteral("year"), m_yearFrom, m_yearTo);
    // The newest relations are picked on the relations table alone (each half on its own
    // index), and only those rows are joined to their articles: an article's date and text
    // are slow to reach in a big store. substr() counts characters, which is code points, as
    // the stored offsets are.
    // "end" quoted: a word PostgreSQL reserves, a plain column name to SQLite either way.
    const QString half = QStringLiteral("SELECT article_id, sentence, start, \"end\", tone, cues, cue_spans, goldstein,"
                                        " cameo, directed, a, b, year FROM relations WHERE a = ? AND b = ?%1")
                             .arg(years.andText());
    const QString nulls = sql::nullsAsSQLite(sql::dialectOf(m_store->database()), false);
    QString picked = half;
    if (m_a != m_b)
        picked += QStringLiteral(" UNION ALL ") + half;
    const QString sql = QStringLiteral(
        "SELECT r.article_id, a.published, a.title, a.file, substr(a.text, r.start + 1, r.\"end\" - r.start),"
        " r.start, r.\"end\", r.tone, r.cues, r.cue_spans, r.goldstein, r.cameo, r.directed, r.a, r.b, a.source"
        " FROM (%1 ORDER BY year DESC%3, article_id DESC, start LIMIT %2) r JOIN articles a ON a.id = r.article_id"
        " ORDER BY r.year DESC%3, r.article_id DESC, r.start")
                            .arg(picked)
                            .arg(MaxRows)
                            .arg(nulls);

    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    q.prepare(sql);
    auto bindHalf = [&](const QString &x, const QString &y) {
        q.addBindValue(x);
        q.addBindValue(y);
        sql::bind(q, years.values);
    };
    bindHalf(m_a, m_b);
    if (m_a != m_b)
        bindHalf(m_b, m_a);
    if (!q.exec())
        return;
    while (q.next()) {
        Row r;
        r.article = q.value(0).toLongLong();
        r.date = q.value(1).toString();
        r.title = q.value(2).toString();
        if (r.title.isEmpty())
            r.title = QFileInfo(q.value(3).toString()).fileName();
        r.sentence = q.value(4).toString().simplified();
        r.start = q.value(5).toLongLong();
        r.end = q.value(6).toLongLong();
        r.tone = q.value(7).toString();
        for (const QJsonValue &v : QJsonDocument::fromJson(q.value(8).toString().toUtf8()).array())
            r.cues << v.toString();
        // simplified() may have shortened the text before a cue; mark on the raw sentence then.
        const QString raw = q.value(4).toString();
        r.html = markCues(raw, r.start, q.value(9).toString()).simplified();
        r.goldstein = q.value(10).toDouble();
        r.cameo = q.value(11).toString();
        r.directed = q.value(12).toInt() != 0;
        r.a = q.value(13).toString();
        r.b = q.value(14).toString();
        r.source = q.value(15).toString();
        m_rows.append(r);
    }
    m_total = int(m_rows.size());
    if (m_rows.size() >= MaxRows) {
        QSqlQuery c(m_store->database());
        const sql::Clause pair = sql::relationPair(m_a, m_b);
        c.prepare(QStringLiteral("SELECT count(*) FROM relations WHERE ") + pair.text + years.andText());
        sql::bind(c, pair.values);
        sql::bind(c, years.values);
        if (c.exec() && c.next())
            m_total = c.value(0).toInt();
    }
}

int EvidenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EvidenceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EvidenceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case DateColumn:
            return r.date.isEmpty() ? tr("undated") : r.date;
        case ArticleColumn:
            return r.title;
        case SentenceColumn:
            return r.sentence;
        case ToneColumn:
            return r.tone;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == SentenceColumn)
            return QStringLiteral("<p>%1</p><p><i>%2</i>, %3</p>")
                .arg(r.html, r.title.toHtmlEscaped(), r.date.isEmpty() ? tr("undated") : r.date);
        if (index.column() == ToneColumn)
            return tr("%1, Goldstein %2%3%4")
                .arg(r.tone)
                .arg(r.goldstein, 0, 'f', 1)
                .arg(r.cameo.isEmpty() ? QString() : tr(", CAMEO %1").arg(r.cameo))
                .arg(r.directed ? tr(", %1 acts on %2").arg(r.a, r.b) : QString());
        return index.column() == ArticleColumn ? QVariant(r.title) : QVariant();
    case ArticleIdRole:
        return r.article;
    case SentenceStartRole:
        return r.start;
    case SentenceEndRole:
        return r.end;
    case SentenceHtmlRole:
        return r.html;
    case ToneRole:
        return r.tone;
    case CuesRole:
        return r.cues;
    case PartyARole:
        return r.a;
    case PartyBRole:
        return r.b;
    case SentenceTextRole:
        return r.sentence;
    case CitationRole: {
        QStringList where;
        for (const QString &part : { r.title, r.source, r.date })
            if (!part.isEmpty())
                where << part;
        return tr("“%1” — %2").arg(r.sentence, where.join(QStringLiteral(", ")));
    }
    }
    return {};
}

QVariant EvidenceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DateColumn:
        return tr("Date");
    case ArticleColumn:
        return tr("Article");
    case SentenceColumn:
        return tr("Sentence");
    case ToneColumn:
        return tr("Tone");
    }
    return {};
}

} // namespace entente

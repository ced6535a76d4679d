#include "structuredreader.h"

#include "recordfields.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

namespace entente {

namespace {

void note(FileReadResult &out, const QString &path, int line, const QString &text, bool skipped = false)
{
    out.messages.append(ImportMessage { path, line, text, skipped });
}

QString noTextMessage()
{
    return QObject::tr("no text (expected a text, content or body field); record skipped");
}

QString jsonValueText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double: {
        // An integral value a double holds exactly prints without a fraction; anything larger, or
        // not finite, prints as a double (converting it to an integer would be undefined).
        const double d = v.toDouble();
        constexpr double exact = 9007199254740992.0; // 2^53
        if (d >= -exact && d <= exact && d == std::floor(d))
            return QString::number(qint64(d));
        return QString::number(d);
    }
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Object:
        return v.toObject().value(QStringLiteral("name")).toString();
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &e : v.toArray()) {
            const QString s = e.isArray() ? QString() : jsonValueText(e);
            if (!s.isEmpty())
                parts << s;
        }
        return parts.join(QStringLiteral(", "));
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

void readJsonObject(const QJsonObject &o, const QString &path, int line, FileReadResult &out)
{
    ArticleRecord r;
    r.fileLine = line;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const RecordField f = recordFieldForKey(it.key());
        if (f == RecordField::None)
            continue;
        if (f == RecordField::Text) {
            QString problem;
            if (!jsonTextField(it.key(), *it, &r.text, &problem)) {
                note(out, path, line, QObject::tr("%1; record skipped").arg(problem));
                return;
            }
            continue;
        }
        if (!setRecordField(r, f, jsonValueText(*it)))
            note(out, path, line, QObject::tr("date \"%1\" not understood").arg(jsonValueText(*it).left(40)));
    }
    if (r.text.trimmed().isEmpty()) {
        note(out, path, line, noTextMessage());
        return;
    }
    out.articles.append(std::move(r));
}

int lineOfOffset(const QByteArray &utf8, int offset)
{
    return int(QByteArrayView(utf8).first(qBound(0, offset, int(utf8.size()))).count('\n')) + 1;
}

void readJsonArray(const QJsonArray &array, const QString &path, FileReadResult &out)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue v = array.at(i);
        if (!v.isObject()) {
            note(out, path, int(i + 1), QObject::tr("record is not a JSON object; skipped"));
            continue;
        }
        readJsonObject(v.toObject(), path, int(i + 1), out);
    }
}

// One logical CSV record (RFC 4180): quoted fields may hold delimiters, doubled quotes and
// line breaks. Advances `pos` and `line` past it.
void readCsvRecord(QStringView s, qsizetype &pos, int &line, QChar delimiter, QStringList &fields)
{
    fields.clear();
    const qsizetype n = s.size();
    for (;;) {
        QString field;
        if (pos < n && s[pos] == u'"') {
            ++pos;
            for (;;) {
                const qsizetype q = s.indexOf(u'"', pos);
                const qsizetype end = q < 0 ? n : q;
                const QStringView chunk = s.mid(pos, end - pos);
                line += int(chunk.count(u'\n'));
                field.append(chunk);
                if (q < 0) {
                    pos = n;
                    break;
                }
                if (q + 1 < n && s[q + 1] == u'"') {
                    field.append(u'"');
                    pos = q + 2;
                    continue;
                }
                pos = q + 1;
                break;
            }
            // Tolerate text between the closing quote and the delimiter.
            while (pos < n && s[pos] != delimiter && s[pos] != u'\n' && s[pos] != u'\r')
                field.append(s[pos++]);
        } else {
            const qsizetype start = pos;
            while (pos < n && s[pos] != delimiter && s[pos] != u'\n')
                ++pos;
            qsizetype end = pos;
            if (end > start && s[end - 1] == u'\r' && (pos >= n || s[pos] == u'\n'))
                --end;
            field = s.mid(start, end - start).toString();
        }
        fields.append(std::move(field));
        if (pos < n && s[pos] == delimiter) {
            ++pos;
            if (pos >= n) {
                fields.append(QString());
                return;
            }
            continue;
        }
        if (pos < n && s[pos] == u'\r')
            ++pos;
        if (pos < n && s[pos] == u'\n') {
            ++pos;
            ++line;
        }
        return;
    }
}

} // namespace

void readJsonLines(const QString &text, const QString &path, FileReadResult &out)
{
    const QStringView s(text);
    qsizetype pos = s.startsWith(u'\uFEFF') ? 1 : 0;
    int line = 0;
    while (pos < s.size()) {
        qsizetype end = s.indexOf(u'\n', pos);
        if (end < 0)
            end = s.size();
        const QStringView l = s.mid(pos, end - pos).trimmed();
        pos = end + 1;
        ++line;
        if (l.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(l.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError) {
            note(out, path, line,
                QObject::tr("invalid JSON (%1 at column %2)").arg(error.errorString()).arg(error.offset + 1));
            continue;
        }
        if (!doc.isObject()) {
            note(out, path, line, QObject::tr("record is not a JSON object; skipped"));
            continue;
        }
        readJsonObject(doc.object(), path, line, out);
    }
}

void readJson(const QString &text, const QString &path, FileReadResult &out)
{
    const QStringView s = QStringView(text).trimmed();
    const QByteArray utf8 = s.toUtf8();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &error);
    if (error.error == QJsonParseError::NoError) {
        if (doc.isArray()) {
            readJsonArray(doc.array(), path, out);
            return;
        }
        const QJsonObject o = doc.object();
        // A wrapper object ({"articles": [...]}) holds the records in an array.
        bool hasText = false;
        for (auto it = o.begin(); it != o.end(); ++it)
            hasText = hasText || recordFieldForKey(it.key()) == RecordField::Text;
        if (!hasText) {
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (it->isArray() && !it->toArray().isEmpty() && it->toArray().first().isObject()) {
                    readJsonArray(it->toArray(), path, out);
                    return;
                }
            }
        }
        readJsonObject(o, path, 0, out);
        return;
    }
    if (s.startsWith(u'{')) {
        // Not one document: perhaps JSON Lines under a .json name.
        const qsizetype firstBreak = s.indexOf(u'\n');
        if (firstBreak > 0 && firstBreak < s.size() - 1) {
            readJsonLines(text, path, out);
            return;
        }
    }
    out.messages.append(ImportMessage { path, lineOfOffset(utf8, error.offset),
        QObject::tr("invalid JSON (%1); file skipped").arg(error.errorString()), true });
}

void readDelimited(const QString &text, const QString &path, QChar delimiter, FileReadResult &out)
{
    const QStringView s(text);
    qsizetype pos = s.startsWith(u'\uFEFF') ? 1 : 0;
    int line = 1;
    if (delimiter == u',') {
        const QStringView firstLine = s.mid(pos, s.indexOf(u'\n', pos) < 0 ? -1 : s.indexOf(u'\n', pos) - pos);
        if (firstLine.count(u';') > firstLine.count(u','))
            delimiter = u';';
        else if (firstLine.count(u'\t') > firstLine.count(u','))
            delimiter = u'\t';
    }
    QStringList header;
    readCsvRecord(s, pos, line, delimiter, header);
    QList<RecordField> fields;
    bool hasText = false;
    for (const QString &h : header) {
        fields.append(recordFieldForKey(h));
        hasText = hasText || fields.back() == RecordField::Text;
    }
    if (!hasText) {
        out.messages.append(ImportMessage { path, 1,
            QObject::tr("skipped: the header names no text column "
                        "(text, content or body)"),
            true });
        return;
    }
    QStringList row;
    while (pos < s.size()) {
        const int startLine = line;
        readCsvRecord(s, pos, line, delimiter, row);
        if (row.size() == 1 && row.first().trimmed().isEmpty())
            continue; // a blank line
        if (row.size() != header.size())
            note(out, path, startLine,
                QObject::tr("row has %1 fields, the header has %2").arg(row.size()).arg(header.size()));
        ArticleRecord r;
        r.fileLine = startLine;
        for (qsizetype i = 0; i < row.size() && i < fields.size(); ++i) {
            if (!setRecordField(r, fields[i], row[i]))
                note(out, path, startLine, QObject::tr("date \"%1\" not understood").arg(row[i].left(40)));
        }
        if (r.text.trimmed().isEmpty()) {
            note(out, path, startLine, noTextMessage());
            continue;
        }
        out.articles.append(std::move(r));
    }
}

} // namespace entente

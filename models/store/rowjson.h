#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>

namespace entente {

// The JSON text of the arrays a store keeps in a column (sentence spans, a relation's cues and cue spans), written
// without building a QJsonDocument: an import writes one for every relation. The same text QJsonDocument's compact
// form gives.

// [[start,end],...]
[[nodiscard]] inline QByteArray spansJson(const QList<QPair<qint64, qint64>> &spans)
{
    QByteArray json;
    json.reserve(spans.size() * 14 + 2);
    json += '[';
    for (qsizetype i = 0; i < spans.size(); ++i) {
        if (i > 0)
            json += ',';
        json += '[';
        json += QByteArray::number(spans[i].first);
        json += ',';
        json += QByteArray::number(spans[i].second);
        json += ']';
    }
    json += ']';
    return json;
}

// ["a","b",...], with '"', '\' and the control characters escaped as JSON requires.
[[nodiscard]] inline QByteArray stringsJson(const QStringList &strings)
{
    static const char hex[] = "0123456789abcdef";
    QByteArray json = "[";
    for (qsizetype i = 0; i < strings.size(); ++i) {
        if (i > 0)
            json += ',';
        json += '"';
        for (const char c : strings[i].toUtf8()) {
            switch (c) {
            case '"':
                json += "\\\"";
                break;
            case '\\':
                json += "\\\\";
                break;
            case '\b':
                json += "\\b";
                break;
            case '\f':
                json += "\\f";
                break;
            case '\n':
                json += "\\n";
                break;
            case '\r':
                json += "\\r";
                break;
            case '\t':
                json += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    json += "\\u00";
                    json += hex[(c >> 4) & 0xf];
                    json += hex[c & 0xf];
                } else {
                    json += c;
                }
            }
        }
        json += '"';
    }
    json += ']';
    return json;
}

} // namespace entente

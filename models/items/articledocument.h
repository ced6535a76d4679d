#pragma once

#include "annotation.h"
#include "article.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace entente {

class Store;

// One stored article with what the extraction found in it, as spans over its text, ready to
// be painted by the Reader. Offsets here are UTF-16 indices into record.text (the store keeps
// code points; load() converts), so a QTextDocument built from the text can use them as they
// are.
//
//     entente::ArticleDocument doc;
//     if (doc.load(store, id))
//         for (const auto &m : doc.mentions) paint(m.start, m.end, m.kind);
class ArticleDocument
{
public:
    struct Mention
    {
        qsizetype start = 0;
        qsizetype end = 0;
        QString text; // as it stands in the article
        QString kind; // "country", "person", ...
        QString key; // the entity's key in the store
        QString name; // canonical name
        QString country; // ISO alpha-3 the entity belongs to, empty if none
        QString method; // how it was recognised
        double confidence = 1.0;
        QString role; // a person's role
        QString currency; // money
        double amount = 0.0;
        QString date; // an event's date, ISO
    };
    struct Date
    {
        qsizetype start = 0;
        qsizetype end = 0;
        QString text;
        QString value; // ISO, empty when it could not be resolved
        QString precision; // "day", "month", "year", "unknown"
        bool relative = false;
    };
    struct RelationSentence
    {
        qsizetype start = 0; // the sentence
        qsizetype end = 0;
        QString a;
        QString b;
        bool directed = false;
        QString tone;
        QString cameo;
        double goldstein = 0.0;
        QStringList cues;
        QList<Span> cueSpans;
        bool implicit = false;
    };

    bool load(const Store &store, qint64 id, QString *error = nullptr);
    void clear() { *this = ArticleDocument(); }

    [[nodiscard]] bool isNull() const { return id < 0; }
    // UTF-16 index of a code point offset into the text (what the store and Evidence speak).
    [[nodiscard]] qsizetype toUtf16(qint64 codePoint) const;
    // The code point offset of a UTF-16 index into the text (what an Edit names).
    [[nodiscard]] qint64 toCodePoint(qsizetype utf16) const;
    // Indices into mentions / dates / relations whose span holds `pos`, innermost first.
    [[nodiscard]] QList<int> mentionsAt(qsizetype pos) const;
    [[nodiscard]] int dateAt(qsizetype pos) const; // -1: none
    [[nodiscard]] QList<int> relationsAt(qsizetype pos) const;
    // The sentence that holds `pos`, or an empty span.
    [[nodiscard]] Span sentenceAt(qsizetype pos) const;

    qint64 id = -1;
    ArticleRecord record;
    QList<Span> sentences;
    QList<Mention> mentions; // by start
    QList<Date> dates;
    QList<RelationSentence> relations;
};

} // namespace entente

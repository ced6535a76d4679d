#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// What the extraction reads out of one document. Plain values, no Qt object model:
// an Annotation is produced on a worker thread, moved to the writer, and stored.
//
// Offsets here are UTF-16 indices into the document's QString (what Qt code wants).
// The `entente annotate` output and the store use Unicode code points; convert with
// CodePointMap (textoffsets.h) at that boundary only.
namespace entente {

enum class Precision { Unknown, Year, Month, Day };

[[nodiscard]] QString precisionName(Precision p); // "day", "month", "year", "unknown"
[[nodiscard]] Precision precisionFromName(const QString &name);

// Where an article's published date came from.
enum class DateSource { None, Metadata, Byline, Dateline, FileName, Inferred };

[[nodiscard]] QString dateSourceName(DateSource s); // "metadata", "byline", "dateline", "filename", "inferred", "none"
[[nodiscard]] DateSource dateSourceFromName(const QString &name);

// A (possibly partial) calendar date: 2023, 2023-05, 2023-05-11.
struct PartialDate
{
    int year = 0;
    int month = 0; // 1..12, 0 when unknown
    int day = 0; // 1..31, 0 when unknown
    Precision precision = Precision::Unknown;

    [[nodiscard]] bool isValid() const { return precision != Precision::Unknown && year != 0; }
    [[nodiscard]] QString toIso() const; // "2023", "2023-05", "2023-05-11"; empty when invalid
    [[nodiscard]] static PartialDate fromIso(const QString &iso);
    bool operator==(const PartialDate &) const = default;
};

struct PublishedDate
{
    PartialDate date;
    DateSource source = DateSource::None;
    QString reason; // for inferred dates: why
};

struct Span
{
    qsizetype start = 0; // UTF-16 index, inclusive
    qsizetype end = 0; // UTF-16 index, exclusive
};

// Entity kinds of the annotate contract.
enum class EntityKind { Country, Person, Organization, Place, Region, Event, Money };

[[nodiscard]] QString entityKindName(EntityKind k); // "country", "person", ...
[[nodiscard]] std::optional<EntityKind> entityKindFromName(const QString &name);

struct EntityMention
{
    Span span;
    QString text; // the text as it stands in the document
    EntityKind kind = EntityKind::Country;
    QString id; // canonical id: ISO alpha-3 for countries, a canonical name otherwise
    QString name; // canonical display name ("Xi Jinping", "China")
    QString country; // ISO 3166-1 alpha-3 the entity belongs to, empty if none
    QString method; // how it was recognised: name, abbreviation, demonym, prefix, capital, leader, title, ...
    double confidence = 1.0;
    // Extra facts some kinds carry: money amount/currency, event date, role of a person.
    QString role;
    QString currency;
    double amount = 0.0;
    PartialDate date;
};

struct DateMention
{
    Span span;
    QString text;
    PartialDate value; // resolved value; invalid when it could not be resolved
    bool relative = false;
};

struct Relation
{
    int sentence = -1; // index into Annotation::sentences
    Span span; // the sentence's span
    QString a; // ISO alpha-3 (or organisation id for country-organisation relations)
    QString b;
    bool directed = false; // true: a acts on b ("A->B")
    QString tone; // cooperation, conflict, mixed, neutral
    int quad = 0; // CAMEO QuadClass 1..4, 0 when none
    QString cameo; // CAMEO event code, e.g. "042"
    double goldstein = 0.0;
    QStringList cues; // cue words as they stand in the sentence
    QList<Span> cueSpans;
    bool implicit = false;
};

// How much a document is about one of its countries (salience.h). A country the document is
// `about` is one an indexer would assign it (where the story happens, whose government acts);
// the others are only mentioned.
struct CountrySalience
{
    // What made the country salient, as bits of `reasons`.
    enum Reason : quint8 { Headline = 0x1, Dateline = 0x2, Lead = 0x4, Relation = 0x8 };

    QString id; // ISO alpha-3
    double salience = 0.0; // 0..1, two decimals
    bool about = false;
    int mentions = 0; // the mentions that counted: its names, its leaders, its places
    quint8 reasons = 0;

    bool operator==(const CountrySalience &) const = default;
};

struct Annotation
{
    std::optional<PublishedDate> published;
    QList<Span> sentences;
    QList<EntityMention> entities;
    QList<DateMention> dates;
    QList<Relation> relations;
    QList<CountrySalience> countries; // by salience, the highest first
};

// What is known about a document before its text is read: the importer fills this from
// the file's metadata (a JSON field, an HTML meta tag, a UNGDC file name); `entente annotate`
// from --date or the JSON Lines "date" field.
struct DocumentContext
{
    QString title;
    QString fileName; // base name only, for date/country hints
    std::optional<PublishedDate> published; // when already known, the extractor keeps it
    QString sourceCountry; // ISO alpha-3 of the speaker/outlet, if known
    QString language; // ISO 639-1 when known ("en", "zh", ...)
};

} // namespace entente

#pragma once

#include "annotation.h"
#include "tokenstream.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>
#include <mutex>

namespace entente {

class Gazetteer;

// One dated international event of resources/gazetteer/events.tsv (summits, climate conferences, Olympic Games,
// landmark events such as an invasion or an outbreak).
struct KnownEvent
{
    // Meeting kinds, as bits: events with a host city that an article reports as they happen. Other kinds
    // (attack, invasion, outbreak, ...) have no bit and are found by their names only.
    enum Kind : quint32 {
        Summit = 0x1,
        Forum = 0x2,
        PartyCongress = 0x4,
        ClimateConference = 0x8,
        Olympics = 0x10,
        WorldCup = 0x20,
    };
    QString name;
    QStringList aliases;
    QString organization; // a gazetteer organisation id ("G20"), or a series of its own ("UNFCCC", "IOC")
    QString kind; // "summit", "climate-conference", "olympics", ..., "attack", "invasion", ...
    quint32 kindBit = 0; // the Kind bit of a meeting kind, 0 otherwise
    QDate start;
    QDate end;
    QStringList cities; // the host city's usual name first, then other spellings
    QString country; // alpha-3 of the host
    bool uncertain = false; // a day of start or end is not sure: use the date to the month only
    bool online = false; // held online; the city is the chair's
    QString note;

    // Does `day` fall within the event (any month it spans)?
    [[nodiscard]] bool includesDayOfMonth(int day) const;
};

// Where a text names something that points to known events, from KnownEventTable::findCues().
struct KnownEventCue
{
    enum Type : quint8 {
        Name, // an event's name or alias ("COP26", "Beijing Winter Olympics"); `events` it may be
        Organization, // "SCO", "G20", "Shanghai Cooperation Organization"; `events` of that organisation
        Place, // a host city; `events` held there
        Country, // a host country; `events` held there (weaker: a country also takes part)
        KindWord, // "summit", "Olympics", "climate": `kinds` (KnownEvent::Kind bits)
    };
    Type type = Name;
    Span span;
    TokenStream::Range tokens; // the tokens of `span`
    QList<int> events; // indices into KnownEventTable::events()
    quint32 kinds = 0;
};

// The table of known dated events (resources/gazetteer/events.tsv), loaded once per process, with the index of
// the forms that point to them in a text: their names and aliases, their organisations' and host countries' names
// as the gazetteer knows them, their host cities, and words of their kinds.
//
//     const KnownEventTable &table = KnownEventTable::shared();
//     for (const KnownEventCue &c : table.findCues(ts, ts.sentenceTokens(s)))
//         ... table.events()[c.events.front()].start ...
class KnownEventTable
{
public:
    [[nodiscard]] static const KnownEventTable &shared();
    // Reads events.tsv; `gazetteer` gives the other names of the organisations and host countries, and must
    // outlive the table.
    explicit KnownEventTable(const Gazetteer &gazetteer);
    ~KnownEventTable();
    KnownEventTable(const KnownEventTable &) = delete;
    KnownEventTable &operator=(const KnownEventTable &) = delete;

    // Sorted by start date.
    [[nodiscard]] const QList<KnownEvent> &events() const { return m_events; }
    // Events of an organisation (gazetteer id or series id; empty: any) held at `place` (a host city in any
    // of its spellings, or the host country's alpha-3; empty: anywhere) starting in fromYear..toYear (0: open).
    [[nodiscard]] QList<int> eventsOf(
        const QString &organization, const QString &place, int fromYear = 0, int toYear = 0) const;
    // Events whose name or an alias is `name` (case and apostrophe spelling aside).
    [[nodiscard]] QList<int> eventsNamed(QStringView name) const;
    // Event names, organisations, host places and kind words among the tokens `range` of `ts`, in text order
    // (the longest form at each position). Linear in the number of tokens; the index behind it is built on first
    // use, not at load.
    [[nodiscard]] QList<KnownEventCue> findCues(const TokenStream &ts, TokenStream::Range range) const;

    [[nodiscard]] const Gazetteer &gazetteer() const { return m_gazetteer; }
    [[nodiscard]] double loadMilliseconds() const { return m_loadMs; }

private:
    void buildCueIndex() const;

    const Gazetteer &m_gazetteer;
    QList<KnownEvent> m_events;
    QHash<QString, QList<int>> m_eventsByName; // folded name or alias -> events
    double m_loadMs = 0;
    // The cue index of findCues(), built once on first use (most runs never need it).
    struct CueIndex;
    mutable std::unique_ptr<CueIndex> m_cues;
    mutable std::once_flag m_cuesOnce;
};

} // namespace entente

#include "knowneventtable.h"

#include "gazetteer.h"
#include "tokenhash.h"

#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <array>

namespace entente {

namespace {

// Comparison key of event names: case-folded, apostrophes and dashes unified, white space collapsed.
QString foldEventName(QStringView s)
{
    QString out;
    out.reserve(s.size());
    bool space = false;
    for (const QChar c : s) {
        if (c.isSpace()) {
            space = !out.isEmpty();
            continue;
        }
        if (space)
            out.append(u' ');
        space = false;
        out.append(QChar(normalisePunct(c.unicode())).toCaseFolded());
    }
    return out;
}

// The meeting kind of an events.tsv `kind` cell as a KnownEvent::Kind bit; 0 for what happened.
quint32 eventKindBit(QStringView kind)
{
    if (kind == u"summit")
        return KnownEvent::Summit;
    if (kind == u"forum")
        return KnownEvent::Forum;
    if (kind == u"party-congress")
        return KnownEvent::PartyCongress;
    if (kind == u"climate-conference")
        return KnownEvent::ClimateConference;
    if (kind == u"olympics")
        return KnownEvent::Olympics;
    if (kind == u"world-cup")
        return KnownEvent::WorldCup;
    return 0;
}

} // namespace

// Token-sequence index of the forms findCues() looks for; built on first use.
struct KnownEventTable::CueIndex
{
    struct Form
    {
        quint64 caseMask = 0; // as GazetteerEntry::caseMask
        quint8 tokens = 0;
        KnownEventCue::Type type = KnownEventCue::Name;
        quint32 kinds = 0; // kind bits the form itself says ("summit", or "Summit" inside a series name)
        int list = -1; // into lists: the events the form points to
        int next = -1; // next form with the same token sequence
    };
    std::vector<Form> forms;
    std::vector<QList<int>> lists;
    TokenHashMap byKey; // sequence hash -> first form + 1
    TokenHashMap firstToken; // first token hash -> longest form in tokens
    int maxTokens = 0;
};

bool KnownEvent::includesDayOfMonth(int day) const
{
    if (!start.isValid() || day < 1)
        return false;
    const QDate last = end.isValid() ? end : start;
    for (QDate d = start; d <= last; d = d.addDays(1)) {
        if (d.day() == day)
            return true;
    }
    return false;
}

const KnownEventTable &KnownEventTable::shared()
{
    static const KnownEventTable instance(Gazetteer::shared());
    return instance;
}

KnownEventTable::KnownEventTable(const Gazetteer &gazetteer)
    : m_gazetteer(gazetteer)
{
    QElapsedTimer timer;
    timer.start();
    QFile f(QStringLiteral(":/gazetteer/events.tsv"));
    if (!f.open(QIODevice::ReadOnly))
        qWarning("KnownEventTable: cannot read %s", qPrintable(f.fileName()));
    const QString data = QString::fromUtf8(f.readAll());
    // Ten columns: name, aliases, organisation, kind, start, end, cities, country, flags, note.
    const QStringView all(data);
    qsizetype pos = 0;
    while (pos < all.size()) {
        qsizetype eol = all.indexOf(u'\n', pos);
        if (eol < 0)
            eol = all.size();
        const QStringView line = all.sliced(pos, eol - pos);
        pos = eol + 1;
        if (line.isEmpty() || line.front() == u'#')
            continue;
        const QList<QStringView> c = line.split(u'\t');
        if (c.size() < 8)
            continue;
        KnownEvent e;
        e.name = c[0].toString();
        for (const QStringView a : c[1].split(u';', Qt::SkipEmptyParts))
            e.aliases.append(a.toString());
        e.organization = c[2].toString();
        e.kind = c[3].toString();
        e.kindBit = eventKindBit(c[3]);
        e.start = gazetteerDate(c[4]);
        e.end = gazetteerDate(c[5]);
        if (!e.start.isValid())
            continue;
        if (!e.end.isValid() || e.end < e.start)
            e.end = e.start;
        for (const QStringView city : c[6].split(u';', Qt::SkipEmptyParts))
            e.cities.append(city.toString());
        e.country = c[7].toString();
        if (c.size() > 8) {
            e.uncertain = c[8].contains(u'?');
            e.online = c[8].contains(u'v');
        }
        if (c.size() > 9)
            e.note = c[9].toString();
        const int index = int(m_events.size());
        m_eventsByName[foldEventName(e.name)].append(index);
        for (const QString &a : std::as_const(e.aliases)) {
            QList<int> &named = m_eventsByName[foldEventName(a)];
            if (!named.contains(index))
                named.append(index);
        }
        m_events.append(std::move(e));
    }
    m_loadMs = double(timer.nsecsElapsed()) / 1e6;
}

KnownEventTable::~KnownEventTable() = default;

QList<int> KnownEventTable::eventsOf(const QString &organization, const QString &place, int fromYear, int toYear) const
{
    const QString folded = foldEventName(place);
    QList<int> out;
    for (int i = 0; i < int(m_events.size()); ++i) {
        const KnownEvent &e = m_events[i];
        if (!organization.isEmpty() && e.organization != organization)
            continue;
        if ((fromYear && e.start.year() < fromYear) || (toYear && e.start.year() > toYear))
            continue;
        if (!place.isEmpty() && e.country != place
            && std::none_of(
                e.cities.cbegin(), e.cities.cend(), [&](const QString &c) { return foldEventName(c) == folded; }))
            continue;
        out.append(i);
    }
    return out;
}

QList<int> KnownEventTable::eventsNamed(QStringView name) const
{
    return m_eventsByName.value(foldEventName(name));
}

void KnownEventTable::buildCueIndex() const
{
    auto index = std::make_unique<CueIndex>();
    CueIndex &x = *index;
    // Words that say what kind of meeting a sentence is about. Written here, not in a lexicon file, because their
    // case matters ("COP" but not "cop") and the word lists fold case.
    struct KindWord
    {
        const char16_t *form;
        quint32 kinds;
    };
    static const KindWord kindWords[] = {
        { u"summit", KnownEvent::Summit | KnownEvent::Forum },
        { u"summits", KnownEvent::Summit },
        // Not "meeting" alone: ministers meet in the same cities in other months.
        { u"leaders' meeting", KnownEvent::Summit },
        { u"leaders meeting", KnownEvent::Summit },
        { u"conference", KnownEvent::Summit | KnownEvent::ClimateConference },
        { u"forum", KnownEvent::Forum },
        { u"congress", KnownEvent::PartyCongress },
        { u"climate", KnownEvent::ClimateConference },
        { u"COP", KnownEvent::ClimateConference },
        { u"olympics", KnownEvent::Olympics },
        { u"olympic", KnownEvent::Olympics },
        { u"paralympics", KnownEvent::Olympics },
        { u"paralympic", KnownEvent::Olympics },
        { u"olympiad", KnownEvent::Olympics },
        { u"world cup", KnownEvent::WorldCup },
    };
    const auto kindsIn = [&](QStringView form) {
        quint32 k = 0;
        for (const KindWord &w : kindWords) {
            const QStringView kw(w.form);
            for (qsizetype at = form.indexOf(kw, 0, Qt::CaseInsensitive); at >= 0;
                 at = form.indexOf(kw, at + 1, Qt::CaseInsensitive)) {
                const qsizetype end = at + kw.size();
                if ((at == 0 || !form[at - 1].isLetterOrNumber())
                    && (end == form.size() || !form[end].isLetterOrNumber()))
                    k |= w.kinds;
            }
        }
        return k;
    };
    // One form per (type, token sequence): its list gathers every event the form points to.
    QHash<quint64, int> formOf;
    std::vector<Token> tokens;
    const auto add = [&](QStringView form, KnownEventCue::Type type, const QList<int> &events, quint32 kinds) {
        tokenize(form, tokens);
        if (tokens.empty() || tokens.size() > 16)
            return;
        quint64 seq = 0;
        quint64 caseMask = 0;
        for (size_t k = 0; k < tokens.size(); ++k) {
            const Token &t = tokens[k];
            seq = sequenceKey(seq, t.hash);
            quint64 need = 0;
            if (t.is(Token::AllCaps) && t.end - t.start >= 2)
                need = 2;
            else if (t.is(Token::Capitalised))
                need = 1;
            caseMask |= need << (2 * k);
        }
        const quint64 key = mixBits(seq ^ (quint64(type) << 56) ^ caseMask);
        auto it = formOf.constFind(key);
        if (it != formOf.cend()) {
            CueIndex::Form &f = x.forms[size_t(*it)];
            f.kinds |= kinds;
            QList<int> &list = x.lists[size_t(f.list)];
            for (const int e : events) {
                if (!list.contains(e))
                    list.append(e);
            }
            return;
        }
        CueIndex::Form f;
        f.caseMask = caseMask;
        f.tokens = quint8(tokens.size());
        f.type = type;
        f.kinds = kinds;
        if (!events.isEmpty()) {
            f.list = int(x.lists.size());
            x.lists.push_back(events);
        }
        const int at = int(x.forms.size());
        formOf.insert(key, at);
        quint32 &slot = x.byKey[seq];
        if (!slot) {
            slot = quint32(at + 1);
        } else {
            int last = int(slot) - 1;
            while (x.forms[size_t(last)].next >= 0)
                last = x.forms[size_t(last)].next;
            x.forms[size_t(last)].next = at;
        }
        quint32 &longest = x.firstToken[tokens.front().hash];
        longest = std::max<quint32>(longest, f.tokens);
        x.maxTokens = std::max(x.maxTokens, int(f.tokens));
        x.forms.push_back(f);
    };

    QHash<QString, QList<int>> byOrganization;
    QHash<QString, QList<int>> byCountry;
    for (int i = 0; i < int(m_events.size()); ++i) {
        const KnownEvent &e = m_events[i];
        const QList<int> one { i };
        add(e.name, KnownEventCue::Name, one, e.kindBit);
        for (const QString &a : e.aliases)
            add(a, KnownEventCue::Name, one, e.kindBit);
        for (const QString &c : e.cities)
            add(c, KnownEventCue::Place, one, 0);
        if (!e.organization.isEmpty())
            byOrganization[e.organization].append(i);
        if (!e.country.isEmpty())
            byCountry[e.country].append(i);
    }
    for (auto it = byOrganization.cbegin(); it != byOrganization.cend(); ++it)
        add(it.key(), KnownEventCue::Organization, it.value(), kindsIn(it.key()));
    // The gazetteer's other names of those organisations ("SCO", "Shanghai Cooperation Organisation") and of the
    // host countries (names and abbreviations, not demonyms: "Chinese" does not say where a summit was held).
    for (int i = 0; i < int(m_gazetteer.entryCount()); ++i) {
        const GazetteerEntry &entry = m_gazetteer.entry(i);
        if (entry.kind == EntityKind::Organization) {
            auto org = byOrganization.constFind(entry.id);
            if (org != byOrganization.cend())
                add(entry.form, KnownEventCue::Organization, *org, kindsIn(entry.form));
        } else if (entry.kind == EntityKind::Country
            && (entry.method == u"name" || entry.method == u"official-name" || entry.method == u"abbreviation")) {
            auto host = byCountry.constFind(entry.id);
            if (host != byCountry.cend())
                add(entry.form, KnownEventCue::Country, *host, 0);
        }
    }
    for (const KindWord &w : kindWords)
        add(QStringView(w.form), KnownEventCue::KindWord, {}, w.kinds);
    m_cues = std::move(index);
}

QList<KnownEventCue> KnownEventTable::findCues(const TokenStream &ts, TokenStream::Range range) const
{
    std::call_once(m_cuesOnce, [this] { buildCueIndex(); });
    const CueIndex &x = *m_cues;
    const std::vector<Token> &tokens = ts.tokens();
    range.last = std::min(range.last, tokens.size());
    QList<KnownEventCue> out;
    const auto fits = [&](const CueIndex::Form &f, size_t i) {
        for (size_t k = 0; k < f.tokens; ++k) {
            const quint64 need = (f.caseMask >> (2 * k)) & 3;
            const Token &t = tokens[i + k];
            if ((need == 1 && !t.is(Token::Capitalised)) || (need == 2 && !t.is(Token::AllCaps)))
                return false;
        }
        return true;
    };
    std::array<quint64, 16> seq {};
    for (size_t i = range.first; i < range.last;) {
        const Token &first = tokens[i];
        const quint32 *longest = first.is(Token::Word) ? x.firstToken.find(first.hash) : nullptr;
        if (!longest) {
            ++i;
            continue;
        }
        const size_t maxLen = std::min<size_t>({ size_t(*longest), range.last - i, seq.size() });
        quint64 h = 0;
        size_t len = 0;
        for (; len < maxLen; ++len) {
            const Token &t = tokens[i + len];
            if (len > 0 && t.is(Token::Break))
                break;
            h = sequenceKey(h, t.hash);
            seq[len] = h;
        }
        size_t matched = 0;
        for (size_t k = len; k > 0 && matched == 0; --k) {
            const quint32 *slot = x.byKey.find(seq[k - 1]);
            for (int f = slot ? int(*slot) - 1 : -1; f >= 0; f = x.forms[size_t(f)].next) {
                const CueIndex::Form &form = x.forms[size_t(f)];
                if (form.tokens != k || !fits(form, i))
                    continue;
                KnownEventCue cue;
                cue.type = form.type;
                cue.span = { tokens[i].start, tokens[i + k - 1].end };
                cue.tokens = { i, i + k };
                cue.kinds = form.kinds;
                if (form.list >= 0)
                    cue.events = x.lists[size_t(form.list)];
                out.append(std::move(cue));
                matched = k;
            }
        }
        i += matched ? matched : 1;
    }
    return out;
}

} // namespace entente

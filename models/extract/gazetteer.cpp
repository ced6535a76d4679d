#include "gazetteer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace entente {

QDate gazetteerDate(QStringView s)
{
    // By hand: QDate::fromString costs more than the rest of the loading put together.
    if (s.size() != 10 || s[4] != u'-' || s[7] != u'-')
        return {};
    const auto num = [&s](qsizetype from, qsizetype len) {
        int v = 0;
        for (qsizetype i = from; i < from + len; ++i)
            v = v * 10 + (s[i].unicode() - u'0');
        return v;
    };
    return QDate(num(0, 4), num(5, 2), num(8, 2));
}

namespace { } // namespace

Gazetteer::Gazetteer()
{
    QElapsedTimer timer;
    timer.start();
    const auto read = [](const QString &name) {
        QFile f(QStringLiteral(":/gazetteer/") + name);
        if (!f.open(QIODevice::ReadOnly)) {
            qWarning("Gazetteer: cannot read %s", qPrintable(name));
            return QString();
        }
        return QString::fromUtf8(f.readAll());
    };
    // Each file: '#' comment lines, then tab-separated rows.
    const auto rows = [](const QString &data, auto &&row) {
        const QStringView all(data);
        qsizetype pos = 0;
        std::array<QStringView, 8> cells;
        while (pos < all.size()) {
            qsizetype end = all.indexOf(u'\n', pos);
            if (end < 0)
                end = all.size();
            const QStringView line = all.sliced(pos, end - pos);
            pos = end + 1;
            if (line.isEmpty() || line.front() == u'#')
                continue;
            size_t count = 0;
            qsizetype c = 0;
            while (count < cells.size()) {
                const qsizetype tab = line.indexOf(u'\t', c);
                cells[count++] = tab < 0 ? line.sliced(c) : line.sliced(c, tab - c);
                if (tab < 0)
                    break;
                c = tab + 1;
            }
            for (size_t k = count; k < cells.size(); ++k)
                cells[k] = {};
            row(cells);
        }
    };

    rows(read(QStringLiteral("countries.tsv")), [this](const auto &c) {
        CountryInfo info { c[0].toString(), c[1].toString(), c[2].toString(), c[3].toString(), gazetteerDate(c[4]),
            gazetteerDate(c[5]) };
        m_countries.insert(info.alpha3, info);
    });
    rows(read(QStringLiteral("regions.tsv")),
        [this](const auto &c) { m_regions.insert(c[0].toString(), c[1].toString().split(u' ', Qt::SkipEmptyParts)); });
    rows(read(QStringLiteral("organizations.tsv")), [this](const auto &c) {
        const QString id = c[0].toString();
        if (!c[1].isEmpty())
            m_orgCountry.insert(id, c[1].toString());
        if (c[2].isEmpty())
            return;
        QList<Membership> members;
        for (const QStringView m : c[2].split(u' ', Qt::SkipEmptyParts)) {
            const qsizetype at = m.indexOf(u'@');
            members.append(at < 0 ? Membership { m.toString(), {} }
                                  : Membership { m.first(at).toString(), gazetteerDate(m.sliced(at + 1)) });
        }
        m_orgMembers.insert(id, members);
    });
    // Share the few distinct country, role and method strings (hashed as views: QHash<QString> would build a
    // QString for every look-up).
    TokenHashMap poolIndex;
    std::vector<QString> pool;
    const auto intern = [&](QStringView v) {
        quint32 &slot
            = poolIndex[hashUnits(reinterpret_cast<const char16_t *>(v.utf16()), v.size()) ^ quint64(v.size())];
        if (!slot) {
            pool.push_back(v.toString());
            slot = quint32(pool.size());
        }
        return pool[slot - 1];
    };
    m_roles.reserve(24000);
    rows(read(QStringLiteral("people.tsv")), [&](const auto &c) {
        m_roles[c[0].toString()].append(
            PersonRole { intern(c[1]), intern(c[2]), gazetteerDate(c[3]), gazetteerDate(c[4]) });
    });

    m_entries.reserve(40000);
    m_byKey.reserve(40000);
    m_firstTokens.reserve(30000);
    std::vector<Token> tokens;
    rows(read(QStringLiteral("names.tsv")), [&](const auto &c) {
        GazetteerEntry e;
        e.form = c[0].toString();
        switch (c[1].isEmpty() ? u'?' : c[1].front().unicode()) {
        case u'c':
            e.kind = EntityKind::Country;
            break;
        case u'p':
            e.kind = EntityKind::Person;
            break;
        case u'o':
            e.kind = EntityKind::Organization;
            break;
        case u'l':
            e.kind = EntityKind::Place;
            break;
        case u'r':
            e.kind = EntityKind::Region;
            break;
        case u'e':
            e.kind = EntityKind::Event;
            break;
        default:
            return;
        }
        e.id = c[2] == c[0] ? e.form : c[2].toString();
        e.country = intern(c[3]);
        e.method = intern(c[4]);
        for (const QChar f : c[5]) {
            if (f == u'x')
                e.flags |= GazetteerEntry::CaseExact;
            else if (f == u'a')
                e.flags |= GazetteerEntry::Ambiguous;
            else if (f == u'p')
                e.flags |= GazetteerEntry::Prefix;
        }
        if (e.kind == EntityKind::Country
            && (e.method == u"name" || e.method == u"official-name" || e.method == u"abbreviation"))
            m_countryByName.insert(e.form.toCaseFolded(), e.id);
        // An organisation's short form for where room is short (a chart's labels): its shortest abbreviation in
        // capitals ("ASEAN", "SCO").
        if (e.kind == EntityKind::Organization && e.method == u"abbreviation" && e.form != e.id && e.form.size() >= 2
            && e.form == e.form.toUpper()) {
            QString &shortest = m_orgAbbreviation[e.id];
            if (shortest.isEmpty() || e.form.size() < shortest.size())
                shortest = e.form;
        }
        tokenize(e.form, tokens);
        if (tokens.empty() || tokens.size() > 32)
            return;
        if (tokens.size() == 1 && tokens.front().is(Token::Han)) {
            const qsizetype len = tokens.front().end - tokens.front().start;
            m_hanMaxLength = std::max(m_hanMaxLength, int(len));
            const int index = int(m_entries.size());
            quint32 &slot = m_han[tokens.front().hash];
            if (!slot)
                slot = quint32(index + 1);
            e.tokenCount = 1;
            m_entries.push_back(std::move(e));
            return;
        }
        quint64 seq = 0;
        for (size_t k = 0; k < tokens.size(); ++k) {
            const Token &t = tokens[k];
            seq = sequenceKey(seq, t.hash);
            quint64 need = 0;
            if (t.is(Token::AllCaps) && t.end - t.start >= 2 && e.kind != EntityKind::Person)
                need = 2;
            else if (t.is(Token::Capitalised))
                need = 1;
            e.caseMask |= need << (2 * k);
        }
        e.tokenCount = quint8(tokens.size());
        const int index = int(m_entries.size());
        quint32 &slot = m_byKey[seq];
        if (!slot) {
            slot = quint32(index + 1);
        } else {
            int last = int(slot) - 1;
            while (m_entries[size_t(last)].next >= 0)
                last = m_entries[size_t(last)].next;
            m_entries[size_t(last)].next = index;
        }
        quint32 &longest = m_firstTokens[tokens.front().hash];
        longest = std::max<quint32>(longest, e.tokenCount);
        if ((e.caseMask & 3) == 0 && !(e.flags & GazetteerEntry::CaseExact)) {
            quint32 &anyCase = m_firstTokensAnyCase[tokens.front().hash];
            anyCase = std::max<quint32>(anyCase, e.tokenCount);
        }
        m_entries.push_back(std::move(e));
    });
    m_byKeyFilter.build(m_byKey);
    m_firstTokensFilter.build(m_firstTokens);
    m_firstTokensAnyCaseFilter.build(m_firstTokensAnyCase);
    m_loadMs = double(timer.nsecsElapsed()) / 1e6;
}

Gazetteer::~Gazetteer() = default;

const Gazetteer &Gazetteer::shared()
{
    static const Gazetteer instance;
    return instance;
}

QString Gazetteer::countryName(const QString &alpha3) const
{
    // Not value(): that copies the whole CountryInfo for every country mention.
    const auto it = m_countries.constFind(alpha3);
    return it == m_countries.cend() ? QString() : it->name;
}

std::optional<CountryInfo> Gazetteer::country(const QString &alpha3) const
{
    auto it = m_countries.constFind(alpha3);
    if (it == m_countries.cend())
        return std::nullopt;
    return *it;
}

QList<std::pair<QString, QString>> Gazetteer::successorStates() const
{
    QList<std::pair<QString, QString>> out;
    QFile f(QStringLiteral(":/gazetteer/successors.tsv"));
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("Gazetteer: cannot read successors.tsv");
        return out;
    }
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> cells = line.split('\t');
        if (line.startsWith('#') || cells.size() < 2)
            continue;
        out.append({ QString::fromLatin1(cells[0]), QString::fromLatin1(cells[1]) });
    }
    return out;
}

QList<CountryInfo> Gazetteer::countries() const
{
    QList<CountryInfo> all = m_countries.values();
    std::sort(all.begin(), all.end(), [](const CountryInfo &a, const CountryInfo &b) { return a.alpha3 < b.alpha3; });
    return all;
}

QString Gazetteer::countryCode(QStringView name) const
{
    return m_countryByName.value(name.toString().toCaseFolded());
}

QStringList Gazetteer::regions() const
{
    QStringList r = m_regions.keys();
    r.sort();
    return r;
}

QStringList Gazetteer::regionMembers(const QString &region) const
{
    return m_regions.value(region);
}

QStringList Gazetteer::organizations() const
{
    QStringList r = m_orgMembers.keys();
    r.sort();
    return r;
}

QList<Membership> Gazetteer::organizationMembers(const QString &organization) const
{
    return m_orgMembers.value(organization);
}

QStringList Gazetteer::organizationMembersAt(const QString &organization, const QDate &date) const
{
    QStringList r;
    for (const Membership &m : m_orgMembers.value(organization)) {
        if (!date.isValid() || !m.joined.isValid() || m.joined <= date)
            r.append(m.country);
    }
    return r;
}

QString Gazetteer::organizationCountry(const QString &organization) const
{
    return m_orgCountry.value(organization);
}

QList<PersonRole> Gazetteer::personRoles(const QString &person) const
{
    return m_roles.value(person);
}

std::optional<PersonRole> Gazetteer::personRoleAt(const QString &person, const QDate &date, bool *exact) const
{
    if (exact)
        *exact = false;
    auto it = m_roles.constFind(person);
    if (it == m_roles.cend() || it->isEmpty())
        return std::nullopt;
    // PETRARCH's generic roles ("government", "elite") give way to the supplement's named ones ("president"),
    // and of two named roles the one taken up last ("president" after "general secretary").
    static const QSet<QString> generic { QStringLiteral("government"), QStringLiteral("elite"),
        QStringLiteral("military"), QStringLiteral("opposition"), QStringLiteral("legislature"), QStringLiteral("") };
    const auto better = [&](const PersonRole &r, const PersonRole *than) {
        if (!than)
            return true;
        const bool g1 = generic.contains(r.role);
        const bool g2 = generic.contains(than->role);
        if (g1 != g2)
            return !g1;
        return r.from > than->from;
    };
    const PersonRole *best = nullptr;
    for (const PersonRole &r : *it) {
        if (date.isValid() && (r.from.isValid() || r.to.isValid()) && (!r.from.isValid() || r.from <= date)
            && (!r.to.isValid() || date < r.to) && better(r, best))
            best = &r;
    }
    if (best) {
        if (exact)
            *exact = true;
        return *best;
    }
    for (const PersonRole &r : *it) {
        const QDate key = r.to.isValid() ? r.to : QDate(9999, 1, 1);
        const QDate bestKey = best ? (best->to.isValid() ? best->to : QDate(9999, 1, 1)) : QDate();
        if (!best || key > bestKey || (key == bestKey && r.from > best->from))
            best = &r;
    }
    return *best;
}

bool Gazetteer::caseFits(QStringView text, const std::vector<Token> &tokens, size_t i, const GazetteerEntry &e) const
{
    if (e.flags & GazetteerEntry::CaseExact) {
        // Compare the text with the form, white space and apostrophe spellings aside.
        const QStringView span = text.sliced(tokens[i].start, tokens[i + e.tokenCount - 1].end - tokens[i].start);
        qsizetype a = 0;
        qsizetype b = 0;
        const QString &f = e.form;
        while (a < span.size() || b < f.size()) {
            while (a < span.size() && span[a].isSpace())
                ++a;
            while (b < f.size() && f[b].isSpace())
                ++b;
            if (a == span.size() || b == f.size())
                return a == span.size() && b == f.size();
            if (normalisePunct(span[a].unicode()) != normalisePunct(f[b].unicode()))
                return false;
            ++a;
            ++b;
        }
        return true;
    }
    for (size_t k = 0; k < e.tokenCount; ++k) {
        const quint64 need = (e.caseMask >> (2 * k)) & 3;
        const Token &t = tokens[i + k];
        if (need == 1 && !t.is(Token::Capitalised))
            return false;
        if (need == 2 && !t.is(Token::AllCaps))
            return false;
    }
    return true;
}

Gazetteer::Match Gazetteer::longestMatch(
    QStringView text, const std::vector<Token> &tokens, size_t i, size_t maxTokens) const
{
    const Token &first = tokens[i];
    if (!first.is(Token::Word))
        return {};
    for (const quint64 firstHash : { first.hash, first.altHash }) {
        if (!firstHash)
            continue;
        const bool lower = first.is(Token::Lower);
        if (!(lower ? m_firstTokensAnyCaseFilter : m_firstTokensFilter).mayContain(firstHash))
            continue;
        const quint32 *longest = lower ? m_firstTokensAnyCase.find(firstHash) : m_firstTokens.find(firstHash);
        if (!longest)
            continue;
        const size_t maxLen = std::min({ size_t(*longest), tokens.size() - i, maxTokens });
        std::array<quint64, 32> seq; // only its first `len` keys are read: not zeroed, which cost more than the loop
        quint64 h = 0;
        size_t len = 0;
        for (; len < maxLen; ++len) {
            const Token &t = tokens[i + len];
            if (len > 0 && (t.is(Token::Han) || t.is(Token::Break)))
                break;
            h = sequenceKey(h, len == 0 ? firstHash : t.hash);
            seq[len] = h;
        }
        for (size_t k = len; k > 0; --k) {
            if (!m_byKeyFilter.mayContain(seq[k - 1]))
                continue;
            const quint32 *e = m_byKey.find(seq[k - 1]);
            if (!e)
                continue;
            for (int idx = int(*e) - 1; idx >= 0; idx = m_entries[size_t(idx)].next) {
                const GazetteerEntry &entry = m_entries[size_t(idx)];
                if (entry.tokenCount == k && caseFits(text, tokens, i, entry))
                    return { idx, int(k) };
            }
        }
    }
    return {};
}

Gazetteer::Match Gazetteer::longestHanMatch(QStringView run, qsizetype pos) const
{
    const char16_t *s = reinterpret_cast<const char16_t *>(run.utf16());
    for (qsizetype len = std::min<qsizetype>(m_hanMaxLength, run.size() - pos); len >= 2; --len) {
        if (const quint32 *e = m_han.find(hashUnits(s + pos, len)))
            return { int(*e) - 1, int(len) };
    }
    return {};
}

} // namespace entente

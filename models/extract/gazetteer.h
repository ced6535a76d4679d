#pragma once

#include "annotation.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "tokenhash.h"
#include "tokenstream.h"

namespace entente {

// A date of the gazetteer's data files (yyyy-mm-dd); invalid when empty or malformed.
[[nodiscard]] QDate gazetteerDate(QStringView s);

// One surface form the gazetteer knows.
struct GazetteerEntry
{
    enum Flag : quint8 {
        CaseExact = 0x1, // abbreviations: "US" but not "Us"/"us"
        Ambiguous = 0x2, // also an ordinary word, a surname or a US state: needs the context
        Prefix = 0x4, // "Sino" in "Sino-US": only before a hyphen
    };
    EntityKind kind = EntityKind::Country;
    quint8 flags = 0;
    quint8 tokenCount = 0;
    quint64 caseMask = 0; // 2 bits a token: 0 any case, 1 capitalised, 2 all capitals
    QString form; // as written in the data
    QString id; // ISO alpha-3 for countries, canonical name otherwise
    QString country;
    QString method;
    int next = -1; // next entry with the same key
};

struct CountryInfo
{
    QString alpha3;
    QString alpha2;
    QString name;
    QString officialName;
    QDate from; // for states that no longer exist
    QDate to;
};

struct PersonRole
{
    QString country;
    QString role;
    QDate from; // invalid: since ever
    QDate to; // invalid: still
};

struct Membership
{
    QString country;
    QDate joined; // invalid when not recorded
};

// The names Entente knows (countries and their names in the six UN languages, demonyms, capitals, leaders with
// dated roles, organisations with members, regions with members, places), loaded once per process from the
// generated data files in resources/gazetteer (see generate.py there) into a hash of normalised token sequences.
//
//     const auto &g = entente::Gazetteer::shared();
//     g.countryName(u"CHN"_s);                  // "China"
//     g.regionMembers(u"Central Asia"_s);       // KAZ KGZ TJK TKM UZB
class Gazetteer
{
public:
    [[nodiscard]] static const Gazetteer &shared();

    // Canonical English short name of an ISO alpha-3 code ("CHN" -> "China"); empty if unknown.
    [[nodiscard]] QString countryName(const QString &alpha3) const;
    [[nodiscard]] std::optional<CountryInfo> country(const QString &alpha3) const;
    // Every country, current and former (SUN, YUG, CSK, DDR), sorted by alpha-3.
    [[nodiscard]] QList<CountryInfo> countries() const;
    // Former states and the state that continued each (SUN -> RUS), as resources/gazetteer/successors.tsv has them.
    [[nodiscard]] QList<std::pair<QString, QString>> successorStates() const;
    // The alpha-3 code of a country's English name, official name or abbreviation; empty if none.
    [[nodiscard]] QString countryCode(QStringView name) const;

    [[nodiscard]] QStringList regions() const;
    [[nodiscard]] QStringList regionMembers(const QString &region) const;

    [[nodiscard]] QStringList organizations() const; // those with members
    [[nodiscard]] QList<Membership> organizationMembers(const QString &organization) const;
    // Members on `date` (all recorded members when the date is invalid).
    [[nodiscard]] QStringList organizationMembersAt(const QString &organization, const QDate &date) const;
    [[nodiscard]] QString organizationCountry(const QString &organization) const;
    // An organisation's abbreviation in capitals ("ASEAN" for the Association of Southeast Asian Nations), the
    // shortest the gazetteer has; empty for none.
    [[nodiscard]] QString organizationAbbreviation(const QString &organization) const
    {
        return m_orgAbbreviation.value(organization);
    }

    [[nodiscard]] QList<PersonRole> personRoles(const QString &person) const;
    // The role a person held on `date`; the most recent one when the date is invalid or none matches
    // (then `exact` is false).
    [[nodiscard]] std::optional<PersonRole> personRoleAt(
        const QString &person, const QDate &date, bool *exact = nullptr) const;

    [[nodiscard]] qsizetype entryCount() const { return qsizetype(m_entries.size()); }
    [[nodiscard]] double loadMilliseconds() const { return m_loadMs; }

    // Matcher. The longest entry starting at tokens[i] whose case pattern the text satisfies: its index in
    // entries() and its length in tokens; {-1, 0} when none.
    struct Match
    {
        int entry = -1;
        int tokens = 0;
    };
    [[nodiscard]] Match longestMatch(
        QStringView text, const std::vector<Token> &tokens, size_t i, size_t maxTokens = 32) const;
    // False when no entry can start at `t` (longestMatch() would find none): most words of a text, told apart
    // without a call by the first-token filters.
    [[nodiscard]] bool mayStartMatch(const Token &t) const
    {
        if (!t.is(Token::Word))
            return false;
        const TokenHashFilter &f = t.is(Token::Lower) ? m_firstTokensAnyCaseFilter : m_firstTokensFilter;
        return f.mayContain(t.hash) || (t.altHash && f.mayContain(t.altHash));
    }
    // The longest dictionary string inside a CJK run at `pos` (no spaces in Chinese): entry and length.
    [[nodiscard]] Match longestHanMatch(QStringView run, qsizetype pos) const;
    [[nodiscard]] const GazetteerEntry &entry(int i) const { return m_entries[size_t(i)]; }

    ~Gazetteer();
    Gazetteer(const Gazetteer &) = delete;
    Gazetteer &operator=(const Gazetteer &) = delete;

private:
    Gazetteer();
    void loadNames(const QString &data);
    void addEntry(GazetteerEntry e);
    [[nodiscard]] bool caseFits(
        QStringView text, const std::vector<Token> &tokens, size_t i, const GazetteerEntry &e) const;

    std::vector<GazetteerEntry> m_entries;
    TokenHashMap m_byKey; // sequence hash -> first entry + 1
    TokenHashFilter m_byKeyFilter; // the matcher tries the longest sequence first: most are no key
    TokenHashMap m_firstTokens; // first token hash -> longest entry in tokens
    // The same for entries whose first word may be lower case ("developing world", "al-Assad"): most words of
    // a text are lower case, and this much smaller table answers them.
    TokenHashMap m_firstTokensAnyCase;
    TokenHashFilter m_firstTokensFilter;
    TokenHashFilter m_firstTokensAnyCaseFilter;
    TokenHashMap m_han; // CJK string hash -> entry + 1
    int m_hanMaxLength = 0;
    QHash<QString, CountryInfo> m_countries;
    QHash<QString, QString> m_countryByName; // folded name -> alpha3
    QHash<QString, QStringList> m_regions;
    QHash<QString, QList<Membership>> m_orgMembers;
    QHash<QString, QString> m_orgCountry;
    QHash<QString, QString> m_orgAbbreviation;
    QHash<QString, QList<PersonRole>> m_roles;
    double m_loadMs = 0;
};

} // namespace entente

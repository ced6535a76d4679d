#pragma once

#include <QStringView>
#include <QtGlobal>

#include <memory>
#include <span>
#include <vector>

namespace entente::learn {

// What the gazetteer (gazetteer.h) knows of each word of a sentence, as bits for the named-entity tagger's
// features: whether the word is the first, a middle or the last word of a known name, of what kind (country,
// demonym, capital, leader, organisation, place, region, event), whether that name is ambiguous or an
// abbreviation, and whether the word is a known given name or surname (first and last words of the leaders the
// gazetteer lists, and the common given names of resources/gazetteer/givennames.txt). Names the gazetteer would only
// find with other capitals ("tampa bay", "SADDAM HUSSEIN" where the form wants "Saddam Hussein") set the kind bits of
// their own, Caseless*.
//
//     const std::vector<quint32> bits = GazetteerFeatures::shared().bits(words);
//     if (bits[i] & GazetteerFeatures::Person) ...
class GazetteerFeatures
{
public:
    enum Bit : quint32 {
        // The longest name at the word, matched as the gazetteer matches text (case rules included).
        Country = 1u << 0, // a country's name or abbreviation
        Demonym = 1u << 1,
        Capital = 1u << 2,
        Person = 1u << 3, // a leader
        Organization = 1u << 4,
        Place = 1u << 5,
        Region = 1u << 6,
        Event = 1u << 7,
        Begin = 1u << 8, // the name starts at this word
        Inside = 1u << 9, // the name goes on after this word
        Ambiguous = 1u << 10, // also an ordinary word, a surname or a US state
        Abbreviation = 1u << 11,
        // The same kinds for a name found only when case is ignored.
        CaselessLocation = 1u << 12, // country, capital, place or region
        CaselessPerson = 1u << 13,
        CaselessOrganization = 1u << 14,
        CaselessOther = 1u << 15, // demonym or event
        CaselessBegin = 1u << 16,
        // Word by word, whatever the case: the first or the last word of a known leader's name.
        GivenName = 1u << 17,
        Surname = 1u << 18,
        // Word by word, whatever the case: a common given name of English-speaking countries (givennames.txt),
        // where the leaders' names are mostly foreign ones.
        CommonGivenName = 1u << 19,
        // Word by word, whatever the case: a word that ends or heads organisations' names (legal forms such as
        // "Inc.", "Ltd", "LLC"; "Ministry", "University", "Council"), from resources/gazetteer/orgwords.txt.
        OrgWord = 1u << 20,
    };
    static constexpr quint32 KindMask = Country | Demonym | Capital | Person | Organization | Place | Region | Event;
    static constexpr quint32 CaselessMask = CaselessLocation | CaselessPerson | CaselessOrganization | CaselessOther;

    // Built on first use from Gazetteer::shared(); thread-safe.
    [[nodiscard]] static const GazetteerFeatures &shared();

    // The bits of each word; `out` gets words.size() entries. Words are joined with single spaces and matched as
    // one text, so a name may span words and a word may hold several tokens ("U.S.", "al-Qaida").
    void bits(std::span<const QStringView> words, std::span<quint32> out) const;
    [[nodiscard]] std::vector<quint32> bits(std::span<const QStringView> words) const;

    // How many words the given-name and surname bits know.
    [[nodiscard]] size_t givenNameCount() const { return m_givenNames; }
    [[nodiscard]] size_t surnameCount() const { return m_surnames; }

    ~GazetteerFeatures();
    GazetteerFeatures(const GazetteerFeatures &) = delete;
    GazetteerFeatures &operator=(const GazetteerFeatures &) = delete;

private:
    GazetteerFeatures();
    struct Names;
    std::unique_ptr<const Names> m_names;
    size_t m_givenNames = 0;
    size_t m_surnames = 0;
};

} // namespace entente::learn

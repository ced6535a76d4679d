#pragma once

#include <QtGlobal>

#include <array>
#include <vector>

namespace entente {

// splitmix64 finaliser, a bijection: spreads a value's bits over the whole word before it is used as a hash key.
[[nodiscard]] constexpr quint64 mixBits(quint64 x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

// What a slow look-up gave for the token hashes met lately: a direct-mapped table of N entries that answers a
// text's commonest words ("the", "of", "Assembly") without hashing a key again or probing a large table. Exact: an
// entry holds the whole hash. Its constructor is constexpr, so that a thread_local one needs no guard on first use.
//
//     constinit thread_local TokenHashMemo<int> t_words;
//     const int id = t_words.get(token.hash, [&] { return lexicon.find(token.hash); });
template<typename Value, size_t N = 1024> class TokenHashMemo
{
    static_assert((N & (N - 1)) == 0, "N must be a power of two");

public:
    constexpr TokenHashMemo()
    {
        // Entry i starts with a hash whose slot is i + 1, which no hash that lands in slot i can equal.
        for (size_t i = 0; i < N; ++i)
            m_entries[i] = { quint64(i + 1), Value {} };
    }
    template<typename Compute> Value get(quint64 hash, Compute compute)
    {
        Entry &e = m_entries[size_t(hash) & (N - 1)];
        if (e.hash != hash)
            e = { hash, compute() };
        return e.value;
    }

private:
    struct Entry
    {
        quint64 hash;
        Value value;
    };
    std::array<Entry, N> m_entries {};
};

// An open-addressing hash map from 64-bit token hashes to small values: the matcher's inner loop does one
// look-up a token, and QHash's node chasing costs more than the whole rest of the loop.
class TokenHashMap
{
public:
    void reserve(size_t count);
    // The value stored for `key`, or nullptr.
    [[nodiscard]] const quint32 *find(quint64 key) const
    {
        if (m_slots.empty())
            return nullptr;
        key = key ? key : 1;
        for (size_t i = size_t(key) & m_mask;; i = (i + 1) & m_mask) {
            if (m_slots[i].key == key)
                return &m_slots[i].value;
            if (m_slots[i].key == 0)
                return nullptr;
        }
    }
    [[nodiscard]] quint32 value(quint64 key, quint32 fallback = 0) const
    {
        const quint32 *v = find(key);
        return v ? *v : fallback;
    }
    // The value slot for `key`, inserted as 0 if missing.
    quint32 &operator[](quint64 key);
    [[nodiscard]] size_t size() const { return m_size; }
    template<typename F> void forEachKey(F &&f) const
    {
        for (const Slot &s : m_slots) {
            if (s.key)
                f(s.key);
        }
    }

private:
    // Key and value side by side: a look-up that finds its key reads one cache line, not two.
    struct Slot
    {
        quint64 key = 0; // 0 = empty slot
        quint32 value = 0;
    };
    void grow();
    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_size = 0;
};

// A Bloom filter over the keys of a TokenHashMap: two bits in one 64-bit word a key, about 16 bits a key, so
// that it fits in the core's cache where the map does not. Most words of a text start no name, and the
// matcher rejects them here without the cache miss a probe of the big map costs.
class TokenHashFilter
{
public:
    // Sized for the map's keys and filled with them.
    void build(const TokenHashMap &map);
    [[nodiscard]] bool mayContain(quint64 key) const
    {
        const quint64 m = spread(key);
        return (m_words[size_t(m >> 12) & m_mask] & bitsOf(m)) == bitsOf(m);
    }

private:
    // Keys as TokenHashMap stores them (0 is 1), multiplied so that a plain FNV hash (whose low bits
    // depend on the characters' low bits only) spreads too.
    static quint64 spread(quint64 key) { return (key ? key : 1) * 0x9e3779b97f4a7c15ULL; }
    static quint64 bitsOf(quint64 m) { return (quint64(1) << (m >> 58)) | (quint64(1) << ((m >> 52) & 63)); }
    std::vector<quint64> m_words = std::vector<quint64>(1, ~quint64(0)); // passes everything until built
    size_t m_mask = 0;
};

} // namespace entente

#include "tokenhash.h"

#include <algorithm>

namespace entente {

void TokenHashMap::reserve(size_t count)
{
    size_t cap = 16;
    while (cap < count * 2)
        cap *= 2;
    if (cap <= m_slots.size())
        return;
    std::vector<Slot> previous = std::move(m_slots);
    m_slots.assign(cap, Slot {});
    m_mask = cap - 1;
    m_size = 0;
    for (const Slot &s : previous) {
        if (s.key)
            (*this)[s.key] = s.value;
    }
}

void TokenHashMap::grow()
{
    reserve(std::max<size_t>(16, m_slots.size()));
}

quint32 &TokenHashMap::operator[](quint64 key)
{
    if ((m_size + 1) * 2 > m_slots.size())
        grow();
    key = key ? key : 1;
    size_t i = size_t(key) & m_mask;
    while (m_slots[i].key != 0 && m_slots[i].key != key)
        i = (i + 1) & m_mask;
    if (m_slots[i].key == 0) {
        m_slots[i].key = key;
        ++m_size;
    }
    return m_slots[i].value;
}

void TokenHashFilter::build(const TokenHashMap &map)
{
    size_t words = 1;
    while (words * 64 < map.size() * 16)
        words *= 2;
    m_words.assign(words, 0);
    m_mask = words - 1;
    map.forEachKey([this](quint64 key) {
        const quint64 m = spread(key);
        m_words[size_t(m >> 12) & m_mask] |= bitsOf(m);
    });
}

} // namespace entente

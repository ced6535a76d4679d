#include "dates.h"

#include "textscan.h"

#include <algorithm>
#include <cmath>

namespace entente {

using namespace scan;

namespace {

struct Number
{
    double value = 0.0;
    qsizetype end = 0;
};

// "97.2", "1,250,000", "3" at `pos`; std::nullopt when no digit stands there.
std::optional<Number> parseNumber(QStringView t, qsizetype pos)
{
    const qsizetype n = t.size();
    if (pos >= n || !isAsciiDigit(t[pos].unicode()))
        return std::nullopt;
    double v = 0.0;
    qsizetype i = pos;
    while (i < n) {
        const char16_t c = t[i].unicode();
        if (isAsciiDigit(c)) {
            v = v * 10 + (c - u'0');
            ++i;
            continue;
        }
        // A thousands separator is a comma followed by exactly three digits.
        if (c == u',' && i + 3 < n && isAsciiDigit(t[i + 1].unicode()) && isAsciiDigit(t[i + 2].unicode())
            && isAsciiDigit(t[i + 3].unicode()) && (i + 4 >= n || !isAsciiDigit(t[i + 4].unicode()))) {
            i += 1;
            continue;
        }
        break;
    }
    if (i + 1 < n && t[i] == u'.' && isAsciiDigit(t[i + 1].unicode())) {
        ++i;
        double scale = 0.1;
        while (i < n && isAsciiDigit(t[i].unicode())) {
            v += (t[i].unicode() - u'0') * scale;
            scale /= 10;
            ++i;
        }
    }
    return Number { v, i };
}

double scaleWord(QStringView w)
{
    if (isAny(w, "thousand", "k"))
        return 1e3;
    if (isAny(w, "million", "millions", "mn", "mln", "m"))
        return 1e6;
    if (isAny(w, "billion", "billions", "bn", "bln", "b"))
        return 1e9;
    if (isAny(w, "trillion", "trillions", "tn", "trn"))
        return 1e12;
    if (isAny(w, "crore", "crores"))
        return 1e7;
    if (isAny(w, "lakh", "lakhs"))
        return 1e5;
    return 0.0;
}

// The scale after a number: attached ("3bn", "5m") or as a word ("97.2 billion").
double parseScale(QStringView t, qsizetype *pos)
{
    const qsizetype n = t.size();
    qsizetype p = *pos;
    if (p < n && isAsciiLetter(t[p].unicode())) {
        qsizetype e = p;
        while (e < n && isAsciiLetter(t[e].unicode()))
            ++e;
        if (e < n && isWordChar(t[e]))
            return 1.0;
        const double s = scaleWord(t.sliced(p, e - p));
        if (s > 0) {
            *pos = e;
            return s;
        }
        return 1.0;
    }
    // "$2-billion"
    if (p + 1 < n && t[p] == u'-' && isAsciiLetter(t[p + 1].unicode())) {
        const Range w = wordAfter(t, p + 1);
        const double s = view(t, w).size() >= 4 ? scaleWord(view(t, w)) : 0.0;
        if (s > 0) {
            *pos = w.end;
            return s;
        }
        return 1.0;
    }
    const Range w = wordAfter(t, p);
    if (w.isEmpty() || w.start == p)
        return 1.0;
    const QStringView word = view(t, w);
    // Only the long forms stand apart from the number: "5 m" is more often metres.
    if (word.size() < 4 || !isAsciiLower(word[0].unicode()))
        return isAny(word, "bn", "mn", "tn") ? (*pos = w.end, scaleWord(word)) : 1.0;
    const double s = scaleWord(word);
    if (s > 0)
        *pos = w.end;
    return s > 0 ? s : 1.0;
}

// A currency symbol, with the letters written against it ("US$", "HK$"); empty when none.
QString symbolCurrency(QStringView t, qsizetype i, qsizetype *start)
{
    const char16_t c = t[i].unicode();
    *start = i;
    switch (c) {
    case u'$': {
        qsizetype s = i;
        while (s > 0 && i - s < 3 && isAsciiUpper(t[s - 1].unicode()))
            --s;
        if (s > 0 && isWordChar(t[s - 1]))
            s = i; // part of a longer word
        const QStringView prefix = t.sliced(s, i - s);
        *start = s;
        if (prefix.isEmpty() || isAny(prefix, "us", "u"))
            return QStringLiteral("USD");
        static const struct
        {
            const char *prefix;
            const char *code;
        } table[] = { { "a", "AUD" }, { "au", "AUD" }, { "c", "CAD" }, { "ca", "CAD" }, { "hk", "HKD" }, { "s", "SGD" },
            { "sg", "SGD" }, { "nz", "NZD" }, { "nt", "TWD" }, { "r", "BRL" }, { "mx", "MXN" } };
        for (const auto &e : table) {
            if (is(prefix, QLatin1String(e.prefix)))
                return QString::fromLatin1(e.code);
        }
        return {}; // "ZWL$": a dollar we do not know, not a US one
    }
    case 0x20AC:
        return QStringLiteral("EUR");
    case 0x00A3:
        return QStringLiteral("GBP");
    case 0x00A5:
    case 0xFFE5:
        return QStringLiteral("CNY"); // may be yen: decided from the sentence by the caller
    case 0x20B9:
        return QStringLiteral("INR");
    case 0x20BD:
        return QStringLiteral("RUB");
    case 0x20A9:
        return QStringLiteral("KRW");
    case 0x20BA:
        return QStringLiteral("TRY");
    case 0x20A6:
        return QStringLiteral("NGN");
    case 0x20AA:
        return QStringLiteral("ILS");
    default:
        break;
    }
    return {};
}

// An ISO code or a customary abbreviation written before an amount: "USD 5 million", "RMB 100".
QString codeCurrency(QStringView w)
{
    static constexpr const char *codes[]
        = { "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "RUB", "CHF", "AUD", "CAD", "KRW", "BRL", "ZAR", "SAR",
              "AED", "HKD", "SGD", "TRY", "NZD", "MXN", "IDR", "PKR", "EGP", "NGN", "KZT", "UAH" };
    if (w.size() == 3) {
        for (const char *c : codes) {
            if (w == QLatin1String(c))
                return QString::fromLatin1(c == QByteArrayView("RMB") ? "CNY" : c);
        }
    }
    if (w == QLatin1String("Rs"))
        return QStringLiteral("INR");
    return {};
}

// A currency named after the amount: "dollars", "US dollars", "yuan", "euros", "rubles".
// `qualifierEnd` is where the word before the currency noun may stand.
QString wordCurrency(QStringView t, Range w, qsizetype *end)
{
    const QStringView word = view(t, w);
    *end = w.end;
    if (word.size() == 3 && isAsciiUpper(word[0].unicode())) {
        const QString code = codeCurrency(word);
        if (!code.isEmpty() && code != u"INR")
            return code;
    }
    auto qualified = [&](Range q, QStringView noun) -> QString {
        const QStringView qw = view(t, q);
        if (is(noun, QLatin1String("dollars")) || is(noun, QLatin1String("dollar"))) {
            if (isAny(qw, "australian"))
                return QStringLiteral("AUD");
            if (isAny(qw, "canadian"))
                return QStringLiteral("CAD");
            if (isAny(qw, "kong"))
                return QStringLiteral("HKD");
            if (isAny(qw, "singapore"))
                return QStringLiteral("SGD");
            if (isAny(qw, "zealand"))
                return QStringLiteral("NZD");
            if (isAny(qw, "taiwan", "taiwanese"))
                return QStringLiteral("TWD");
            return QStringLiteral("USD");
        }
        if (isAny(noun, "pounds", "pound")) {
            if (isAny(qw, "egyptian"))
                return QStringLiteral("EGP");
            return QStringLiteral("GBP");
        }
        if (isAny(noun, "rupees", "rupee")) {
            if (isAny(qw, "pakistani"))
                return QStringLiteral("PKR");
            if (isAny(qw, "lankan"))
                return QStringLiteral("LKR");
            return QStringLiteral("INR");
        }
        if (isAny(noun, "francs", "franc")) {
            if (isAny(qw, "swiss"))
                return QStringLiteral("CHF");
            if (isAny(qw, "cfa"))
                return QStringLiteral("XOF");
            return {}; // which franc is left open
        }
        return {};
    };
    static const struct
    {
        const char *word;
        const char *code;
    } plain[] = { { "euros", "EUR" }, { "euro", "EUR" }, { "yuan", "CNY" }, { "renminbi", "CNY" }, { "yen", "JPY" },
        { "rubles", "RUB" }, { "roubles", "RUB" }, { "ruble", "RUB" }, { "rouble", "RUB" }, { "won", "KRW" },
        { "riyals", "SAR" }, { "dirhams", "AED" }, { "lira", "TRY" }, { "liras", "TRY" }, { "rand", "ZAR" },
        { "naira", "NGN" }, { "shekels", "ILS" }, { "hryvnias", "UAH" }, { "hryvnia", "UAH" }, { "tenge", "KZT" },
        { "baht", "THB" }, { "ringgit", "MYR" }, { "rupiah", "IDR" }, { "dong", "VND" }, { "taka", "BDT" },
        { "birr", "ETB" }, { "reais", "BRL" }, { "real", "BRL" } };
    for (const auto &p : plain) {
        if (is(word, QLatin1String(p.word)))
            return QString::fromLatin1(p.code);
    }
    if (isAny(word, "dollars", "dollar", "pounds", "pound", "rupees", "rupee", "francs", "franc"))
        return qualified(Range {}, word);
    // "US dollars", "U.S. dollars", "Australian dollars", "Swiss francs"
    if (!word.isEmpty() && isAsciiUpper(word[0].unicode())) {
        qsizetype p = w.end;
        if (is(word, QLatin1String("U")) && p + 3 < t.size() && t.sliced(p, 3) == QLatin1String(".S."))
            p += 3;
        Range noun = wordAfter(t, p);
        // "Hong Kong dollars", "New Zealand dollars", "Sri Lankan rupees"
        if (!noun.isEmpty() && isAsciiUpper(t[noun.start].unicode()))
            noun = wordAfter(t, noun.end);
        const Range qualifier = wordBefore(t, noun.start);
        const QString code = qualified(qualifier, view(t, noun));
        if (!code.isEmpty())
            *end = noun.end;
        return code;
    }
    return {};
}

QString formatAmount(double amount)
{
    if (amount == std::floor(amount))
        return QString::number(amount, 'f', 0);
    return QString::number(amount, 'f', 2);
}

class MoneyScanner
{
public:
    MoneyScanner(
        QStringView text, const QList<Span> &sentences, const QList<DateMention> &dates, const PartialDate &anchor)
        : m_t(text)
        , m_sentences(sentences)
        , m_dates(dates)
        , m_anchor(anchor)
    { }

    QList<EntityMention> run()
    {
        // Local copies: through the members the compiler reloads them at every character.
        const qsizetype n = m_t.size();
        const char16_t *const t = m_t.utf16();
        qsizetype i = 0;
        while (i < n) {
            const char16_t c = t[i];
            if (c < 128) {
                if (c == u'$') {
                    i = onSymbol(i);
                    continue;
                }
                if (!kAsciiWordChar[c]) {
                    ++i;
                    continue;
                }
                const qsizetype e = wordEnd(t, i + 1, n);
                if (i > 0 && isWordChar(QChar(t[i - 1]))) {
                    i = e;
                    continue;
                }
                if (isAsciiDigit(c))
                    i = std::max(e, onNumber(i));
                else if (isAsciiUpper(c) && e - i <= 3)
                    i = std::max(e, onCode(i, e));
                else
                    i = e;
                continue;
            }
            if (c >= 0x00A3 && (c == 0x00A3 || c == 0x00A5 || c == 0xFFE5 || (c >= 0x20A0 && c <= 0x20CF))) {
                i = onSymbol(i);
                continue;
            }
            ++i;
        }
        return m_out;
    }

private:
    qsizetype onSymbol(qsizetype i)
    {
        qsizetype start = i;
        QString currency = symbolCurrency(m_t, i, &start);
        if (currency.isEmpty())
            return i + 1;
        qsizetype p = i + 1;
        if (p < m_t.size() && isBlank(m_t[p]))
            ++p;
        const auto num = parseNumber(m_t, p);
        if (!num)
            return i + 1;
        qsizetype end = num->end;
        const double scale = parseScale(m_t, &end);
        if (m_t[i].unicode() == 0x00A5 || m_t[i].unicode() == 0xFFE5)
            currency = yenOrYuan(i);
        addAmount(start, end, currency, num->value * scale);
        return end;
    }

    qsizetype onCode(qsizetype s, qsizetype e)
    {
        const QString currency = codeCurrency(m_t.sliced(s, e - s));
        if (currency.isEmpty())
            return e;
        qsizetype p = e;
        if (p < m_t.size() && m_t[p] == u'.') // "Rs."
            ++p;
        if (p < m_t.size() && isBlank(m_t[p]))
            ++p;
        if (p < m_t.size() && m_t[p] == u'$') // "US$" reads as the symbol
            return e;
        const auto num = parseNumber(m_t, p);
        if (!num)
            return e;
        qsizetype end = num->end;
        const double scale = parseScale(m_t, &end);
        addAmount(s, end, currency, num->value * scale);
        return end;
    }

    // "2 trillion yuan", "500 million euros", "5 million USD", "10 million US dollars".
    qsizetype onNumber(qsizetype s)
    {
        const auto num = parseNumber(m_t, s);
        if (!num)
            return s + 1;
        qsizetype end = num->end;
        const double scale = parseScale(m_t, &end);
        const Range w = wordAfter(m_t, end);
        if (w.isEmpty() || w.start == end)
            return num->end;
        qsizetype currencyEnd = w.end;
        const QString currency = wordCurrency(m_t, w, &currencyEnd);
        if (currency.isEmpty())
            return num->end;
        addAmount(s, currencyEnd, currency, num->value * scale);
        return currencyEnd;
    }

    QString yenOrYuan(qsizetype pos) const
    {
        const Span *s = sentenceAt(pos);
        if (!s)
            return QStringLiteral("CNY");
        const QStringView text = m_t.sliced(s->start, s->end - s->start);
        if (text.contains(QLatin1String("Japan"), Qt::CaseSensitive) || text.contains(QLatin1String(" yen")))
            return QStringLiteral("JPY");
        return QStringLiteral("CNY");
    }

    const Span *sentenceAt(qsizetype pos) const
    {
        const auto it = std::upper_bound(
            m_sentences.begin(), m_sentences.end(), pos, [](qsizetype p, const Span &s) { return p < s.end; });
        if (it == m_sentences.end() || it->start > pos)
            return nullptr;
        return &*it;
    }

    // The year an amount belongs to: the resolved date nearest to it in its sentence, else the
    // last one before the sentence in the same paragraph, else the article's date. A year some
    // paragraphs back is more often a piece of history than the amount's year.
    PartialDate yearOf(qsizetype start, qsizetype end) const
    {
        const Span *s = sentenceAt(start);
        const qsizetype from = s ? s->start : start;
        const qsizetype to = s ? s->end : end;
        const DateMention *nearest = nullptr;
        qsizetype bestDistance = 0;
        const DateMention *before = nullptr;
        const auto first = std::lower_bound(
            m_dates.begin(), m_dates.end(), to, [](const DateMention &d, qsizetype p) { return d.span.start < p; });
        for (auto it = m_dates.begin(); it != first; ++it) {
            const DateMention &d = *it;
            if (!d.value.isValid())
                continue;
            if (d.span.start >= from) {
                const qsizetype distance = d.span.start >= end ? d.span.start - end : start - d.span.end;
                if (!nearest || distance < bestDistance) {
                    nearest = &d;
                    bestDistance = distance;
                }
            } else {
                before = &d;
            }
        }
        if (before && !nearest) {
            const QStringView gap = m_t.sliced(before->span.end, from - before->span.end);
            if (gap.contains(u'\n') || gap.contains(QChar(0x2029)))
                before = nullptr;
        }
        const DateMention *pick = nearest ? nearest : before;
        if (pick)
            return { pick->value.year, 0, 0, Precision::Year };
        if (m_anchor.isValid())
            return { m_anchor.year, 0, 0, Precision::Year };
        return {};
    }

    void addAmount(qsizetype start, qsizetype end, const QString &currency, double amount)
    {
        if (amount <= 0)
            return;
        EntityMention m;
        m.span = { start, end };
        m.text = m_t.sliced(start, end - start).toString();
        m.kind = EntityKind::Money;
        m.currency = currency;
        m.amount = std::round(amount * 100.0) / 100.0;
        m.id = currency + u' ' + formatAmount(m.amount);
        m.name = m.id;
        m.method = QStringLiteral("money");
        m.date = yearOf(start, end);
        m_out.append(m);
    }

    QStringView m_t;
    const QList<Span> &m_sentences;
    const QList<DateMention> &m_dates;
    PartialDate m_anchor;
    QList<EntityMention> m_out;
};

} // namespace

QList<EntityMention> findMoney(
    QStringView text, const QList<Span> &sentences, const QList<DateMention> &dates, const PartialDate &anchor)
{
    return MoneyScanner(text, sentences, dates, anchor).run();
}

QList<EntityMention> findMoney(QStringView text, const QList<Span> &sentences, const QList<DateMention> &dates)
{
    return findMoney(text, sentences, dates, PartialDate {});
}

} // namespace entente

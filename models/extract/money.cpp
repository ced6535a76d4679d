#include "money.h"

#include "textscan.h"
#include "tokenstream.h"
#include "wordlists.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace entente {

namespace {

bool isAsciiDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

bool isAsciiUpper(char16_t c)
{
    return c >= u'A' && c <= u'Z';
}

bool isAsciiLower(char16_t c)
{
    return c >= u'a' && c <= u'z';
}

bool isAsciiLetter(char16_t c)
{
    return isAsciiUpper(c) || isAsciiLower(c);
}

// The classes of resources/lexicon/money.tsv, in the order of their names in MoneyWords().
enum MoneyClassIndex : int {
    SymbolIndex,
    YenSignIndex,
    YenContextIndex,
    DollarPrefixIndex,
    CodeIndex,
    AbbreviationIndex,
    CurrencyIndex,
    SharedCurrencyIndex,
    QualifiedIndex,
    ScaleIndex,
    ScaleApartIndex,
    MoneyClassCount
};

enum MoneyClass : quint32 {
    Symbol = 1u << SymbolIndex,
    YenSign = 1u << YenSignIndex,
    YenContext = 1u << YenContextIndex,
    DollarPrefix = 1u << DollarPrefixIndex,
    Code = 1u << CodeIndex,
    Abbreviation = 1u << AbbreviationIndex,
    Currency = 1u << CurrencyIndex,
    SharedCurrency = 1u << SharedCurrencyIndex,
    Qualified = 1u << QualifiedIndex,
    Scale = 1u << ScaleIndex,
    ScaleApart = 1u << ScaleApartIndex,
};

// What money.tsv says of one word (or sign, or two-word phrase): its classes and, per class, the currency code
// it gives; its power of ten if it is a scale word.
struct MoneyWord
{
    quint32 classes = 0;
    std::array<QString, MoneyClassCount> code;
    double scale = 0.0;
};

// The words of money.tsv by their keys: one look-up a token.
class MoneyWords
{
public:
    static const MoneyWords &shared()
    {
        static const MoneyWords words;
        return words;
    }

    [[nodiscard]] const MoneyWord &ofKey(quint64 key) const
    {
        const quint32 *i = key ? m_index.find(key) : nullptr;
        return i ? m_words[*i - 1] : m_none;
    }
    [[nodiscard]] const MoneyWord &of(const Token &t) const { return ofKey(tokenKey(t)); }
    // Is the one-character token `c` a currency sign? Asked of every punctuation mark, so not by a look-up.
    [[nodiscard]] bool isSign(char16_t c) const
    {
        if (c < 0x80) // nearly every mark: one bit, not a search of every sign
            return (m_asciiSigns[c >> 6] >> (c & 63)) & 1;
        return std::find(m_signs.cbegin(), m_signs.cend(), c) != m_signs.cend();
    }

private:
    MoneyWords()
    {
        const QStringList names
            = { u"symbol"_qs, u"yen-sign"_qs, u"yen-context"_qs, u"dollar-prefix"_qs, u"code"_qs, u"abbreviation"_qs,
                  u"currency"_qs, u"shared-currency"_qs, u"qualified"_qs, u"scale"_qs, u"scale-apart"_qs };
        Q_ASSERT(names.size() == MoneyClassCount);
        const WordClasses file(u"money.tsv"_qs, names);
        for (int c = 0; c < MoneyClassCount; ++c) {
            for (const QString &item : file.words(c)) {
                // "word" or "word = value"
                const qsizetype eq = item.indexOf(u'=', 1); // not the "=" of a sign
                const QStringView form = QStringView(item).first(eq < 0 ? item.size() : eq).trimmed();
                const QStringView value = eq < 0 ? QStringView() : QStringView(item).sliced(eq + 1).trimmed();
                quint32 &slot = m_index[wordKey(form)];
                if (!slot) {
                    m_words.emplace_back();
                    slot = quint32(m_words.size());
                }
                MoneyWord &w = m_words[slot - 1];
                w.classes |= 1u << c;
                if (c == ScaleIndex)
                    w.scale = value.toDouble();
                else
                    w.code[size_t(c)] = value.toString().toUpper();
                if (c == SymbolIndex && form.size() == 1) {
                    const char16_t sign = form[0].unicode();
                    m_signs.push_back(sign);
                    if (sign < 0x80)
                        m_asciiSigns[sign >> 6] |= quint64(1) << (sign & 63);
                }
            }
        }
    }

    TokenHashMap m_index; // word key -> index in m_words + 1
    std::vector<MoneyWord> m_words;
    MoneyWord m_none;
    std::vector<char16_t> m_signs; // the currency signs, each a token of one character
    std::array<quint64, 2> m_asciiSigns {}; // those of m_signs below 0x80, a bit each
};

// More than this of a currency is no amount but a misreading ("$" before a row of digits): the
// world's yearly output is about 10^14 dollars, and a double holds whole numbers exactly only up
// to 2^53 (9 * 10^15), so an id beyond it would not even name the amount written.
constexpr double MaxAmount = 1e15;

QString formatAmount(double amount)
{
    if (amount == std::floor(amount))
        return QString::number(amount, 'f', 0);
    return QString::number(amount, 'f', 2);
}

class MoneyScanner : public TextScan
{
public:
    MoneyScanner(const TokenStream &ts, const QList<DateMention> &dates, const PartialDate &anchor)
        : TextScan(ts)
        , m_words(MoneyWords::shared())
        , m_sentences(ts.sentences())
        , m_dates(dates)
        , m_anchor(anchor)
    { }

    QList<EntityMention> run()
    {
        const size_t n = size();
        for (size_t k = 0; k < n;) {
            const Token &t = token(k);
            if (!t.is(Token::Word)) {
                if (t.end - t.start == 1 && m_words.isSign(firstChar(k)))
                    k = onSymbol(k);
                else
                    ++k;
                continue;
            }
            if (!startsWord(k)) {
                ++k; // inside a word begun by a CJK run
                continue;
            }
            const Word w = wordFrom(k);
            const char16_t c = firstChar(k);
            if (isAsciiDigit(c))
                k = std::max(w.last, onNumber(k));
            else if (isAsciiUpper(c) && endOf(w) - startOf(w) <= 3)
                k = std::max(w.last, onCode(w));
            else
                k = w.last;
        }
        return m_out;
    }

private:
    // A place inside the text: `offset` characters into token `token` (0 < offset <= its length).
    struct Cursor
    {
        size_t token = 0;
        qsizetype offset = 0;
    };
    [[nodiscard]] qsizetype position(Cursor c) const { return token(c.token).start + c.offset; }
    [[nodiscard]] Cursor endOfToken(size_t k) const { return { k, textOf(k).size() }; }
    // Where the scan goes on after something that ends at `c`: the rest of a word it ends inside is no word start.
    [[nodiscard]] static size_t resume(Cursor c) { return c.token + 1; }

    [[nodiscard]] const MoneyWord &info(Word w) const { return w.tokens() == 1 ? m_words.of(token(w.first)) : m_none; }

    // Is token k where an amount's number may start, after the sign or code that ends token k - 1: right after it
    // or after one space on the same line?
    [[nodiscard]] bool numberFollows(size_t k) const
    {
        if (k >= size() || !startsWithDigit(k))
            return false;
        return glued(k) || (!lineStart(k) && token(k).start - token(k - 1).end == 1);
    }

    // "97.2", "1,250,000", "3" from token k (which starts with a digit); `end` is where the digits end.
    double parseNumber(size_t k, Cursor *end) const
    {
        double v = 0.0;
        size_t tok = k;
        qsizetype i = 0;
        QStringView s = textOf(tok);
        for (;;) {
            while (i < s.size() && isAsciiDigit(s[i].unicode())) {
                v = v * 10 + (s[i].unicode() - u'0');
                ++i;
            }
            if (i < s.size())
                break; // letters written against the digits ("3bn")
            // A thousands separator is a comma followed by exactly three digits.
            if (glued(tok + 1) && isChar(tok + 1, u',') && glued(tok + 2) && startsWithDigit(tok + 2)) {
                const QStringView group = textOf(tok + 2);
                if (group.size() >= 3 && isAsciiDigit(group[1].unicode()) && isAsciiDigit(group[2].unicode())
                    && (group.size() == 3 || !isAsciiDigit(group[3].unicode()))) {
                    tok += 2;
                    s = group;
                    i = 0;
                    continue;
                }
            }
            break;
        }
        if (i == s.size() && glued(tok + 1) && isChar(tok + 1, u'.') && glued(tok + 2) && startsWithDigit(tok + 2)) {
            tok += 2;
            s = textOf(tok);
            i = 0;
            double scale = 0.1;
            while (i < s.size() && isAsciiDigit(s[i].unicode())) {
                v += (s[i].unicode() - u'0') * scale;
                scale /= 10;
                ++i;
            }
        }
        *end = { tok, i };
        return v;
    }

    // The scale after a number that ends at `end`: attached ("3bn", "5m") or as a word ("97.2 billion",
    // "$2-billion"); `end` moves past it.
    double parseScale(Cursor *end) const
    {
        const size_t tok = end->token;
        const QStringView s = textOf(tok);
        const qsizetype p = end->offset;
        if (p < s.size()) {
            if (!isAsciiLetter(s[p].unicode()))
                return 1.0;
            qsizetype e = p;
            while (e < s.size() && isAsciiLetter(s[e].unicode()))
                ++e;
            if (e < s.size() || joins(tok + 1))
                return 1.0; // more of the word follows ("3bn5")
            const MoneyWord &w = m_words.ofKey(asciiLettersKey(s.sliced(p, e - p)));
            if (!(w.classes & Scale))
                return 1.0;
            end->offset = e;
            return w.scale;
        }
        // "$2-billion"
        if (glued(tok + 1) && isChar(tok + 1, u'-') && glued(tok + 2) && isAsciiLetter(firstChar(tok + 2))) {
            const Word w = wordFrom(tok + 2);
            const MoneyWord &m = endOf(w) - startOf(w) >= 4 ? info(w) : m_none;
            if (!(m.classes & Scale))
                return 1.0;
            *end = endOfToken(w.last - 1);
            return m.scale;
        }
        const size_t a = tok + 1;
        if (a >= size() || glued(a) || lineStart(a) || !startsWithWordChar(a))
            return 1.0;
        const Word w = wordFrom(a);
        const QStringView word = textOf(w);
        const MoneyWord &m = info(w);
        // Only the long forms stand apart from the number: "5 m" is more often metres.
        const bool counts
            = (word.size() < 4 || !isAsciiLower(word[0].unicode())) ? (m.classes & ScaleApart) : (m.classes & Scale);
        if (!counts || m.scale <= 0)
            return 1.0;
        *end = endOfToken(w.last - 1);
        return m.scale;
    }

    // An ISO code written in capitals ("USD", "RMB") or an abbreviation capitalised ("Rs"); empty when none.
    QString codeCurrency(Word w) const
    {
        if (w.tokens() != 1)
            return {};
        const QStringView s = textOf(w);
        if (s.isEmpty() || !isAsciiUpper(s[0].unicode()))
            return {};
        // The case first: it rules out most capitalised words without a look-up.
        const bool capitals = std::all_of(s.begin(), s.end(), [](QChar c) { return isAsciiUpper(c.unicode()); });
        const bool capitalised = std::all_of(s.begin() + 1, s.end(), [](QChar c) { return isAsciiLower(c.unicode()); });
        if (!(capitals && s.size() == 3) && !capitalised)
            return {};
        const MoneyWord &m = info(w);
        if ((m.classes & Code) && capitals && s.size() == 3)
            return m.code[CodeIndex];
        if ((m.classes & Abbreviation) && capitalised)
            return m.code[AbbreviationIndex];
        return {};
    }

    // A name several currencies share ("dollars") after the word `qualifier`: the currency they make together
    // ("Australian dollars"), else the one the name means alone; empty when `noun` is no such name.
    QString qualified(Word qualifier, Word noun) const
    {
        const MoneyWord &n = info(noun);
        if (!(n.classes & SharedCurrency))
            return {};
        if (qualifier.tokens() == 1) {
            const MoneyWord &q
                = m_words.ofKey(sequenceKey(sequenceKey(0, token(qualifier.first).hash), token(noun.first).hash));
            if (q.classes & Qualified)
                return q.code[QualifiedIndex];
        }
        return n.code[SharedCurrencyIndex];
    }

    // A currency named after the amount: "dollars", "US dollars", "yuan", "euros", "5 million USD".
    // `end` receives the token after the name.
    QString wordCurrency(Word w, size_t *end) const
    {
        const QStringView word = textOf(w);
        *end = w.last;
        if (word.size() == 3 && isAsciiUpper(word[0].unicode())) {
            const QString code = codeCurrency(w);
            if (!code.isEmpty() && code != u"INR") // "Rs" before the amount only
                return code;
        }
        const MoneyWord &m = info(w);
        if (m.classes & Currency)
            return m.code[CurrencyIndex];
        if (m.classes & SharedCurrency)
            return qualified({ w.first, w.first }, w);
        // "US dollars", "Australian dollars", "Hong Kong dollars", "New Zealand dollars", "Swiss francs"
        if (isAsciiUpper(word[0].unicode())) {
            size_t p = w.last;
            // "U.S. dollars": the full stops end no word here.
            if (word == u"U" && isChar(p, u'.') && glued(p) && isChar(p + 1, u'S') && glued(p + 1)
                && isChar(p + 2, u'.') && glued(p + 2) && token(p + 2).end < m_text.size())
                p += 3;
            Word noun = wordAfter(p);
            if (!noun.isEmpty() && isAsciiUpper(firstChar(noun.first)))
                noun = wordAfter(noun.last);
            if (noun.isEmpty())
                return {};
            const QString code = qualified(wordBefore(noun.first), noun);
            if (!code.isEmpty())
                *end = noun.last;
            return code;
        }
        return {};
    }

    // A currency sign at token k, with the capitals written against a dollar sign ("US$", "HK$").
    size_t onSymbol(size_t k)
    {
        const MoneyWord &sign = m_words.of(token(k));
        QString currency = sign.code[SymbolIndex];
        size_t start = k;
        if (isChar(k, u'$') && glued(k) && token(k - 1).is(Token::Word)) {
            const QStringView prefix = textOf(k - 1);
            qsizetype capitals = 0;
            while (capitals < prefix.size() && capitals < 3
                && isAsciiUpper(prefix[prefix.size() - 1 - capitals].unicode()))
                ++capitals;
            // Up to three capitals, and not the end of a longer word ("ZWL$" is a prefix, "ABCD$" none).
            if (capitals > 0 && capitals == prefix.size() && !joins(k - 1)) {
                const MoneyWord &p = m_words.of(token(k - 1));
                if (!(p.classes & DollarPrefix))
                    return k + 1; // "ZWL$": a dollar we do not know, not a US one
                currency = p.code[DollarPrefixIndex];
                start = k - 1;
            }
        }
        if (currency.isEmpty() || !numberFollows(k + 1))
            return k + 1;
        Cursor end;
        const double value = parseNumber(k + 1, &end);
        const double scale = parseScale(&end);
        if (runsOn(end))
            return resume(end);
        if (sign.classes & YenSign)
            currency = yenOrYuan(k, sign);
        addAmount(start, end, currency, value * scale);
        return resume(end);
    }

    // Does the word the number ends in go on after its digits and scale ("1e400", "3bn5", "5x")? Then its first
    // digits are not the amount written: "US$ 1e400" is no USD 1. (onNumber() asks the same of a number before
    // its currency.)
    [[nodiscard]] bool runsOn(Cursor end) const { return end.offset < textOf(end.token).size(); }

    // "USD 5 million", "RMB 100 million", "Rs. 500".
    size_t onCode(Word w)
    {
        const QString currency = codeCurrency(w);
        if (currency.isEmpty())
            return w.last;
        size_t p = w.last;
        if (glued(p) && isChar(p, u'.')) // "Rs."
            ++p;
        if (p < size() && (glued(p) || (!lineStart(p) && token(p).start - token(p - 1).end == 1)) && isChar(p, u'$'))
            return w.last; // "US$" reads as the sign
        if (!numberFollows(p))
            return w.last;
        Cursor end;
        const double value = parseNumber(p, &end);
        const double scale = parseScale(&end);
        if (runsOn(end))
            return resume(end);
        addAmount(w.first, end, currency, value * scale);
        return resume(end);
    }

    // "2 trillion yuan", "500 million euros", "5 million USD", "10 million US dollars".
    size_t onNumber(size_t k)
    {
        Cursor number;
        const double value = parseNumber(k, &number);
        Cursor end = number;
        const double scale = parseScale(&end);
        // The currency stands apart, after white space on the same line.
        const size_t a = end.token + 1;
        if (end.offset < textOf(end.token).size() || a >= size() || glued(a) || lineStart(a) || !startsWithWordChar(a))
            return resume(number);
        size_t currencyEnd = a;
        const QString currency = wordCurrency(wordFrom(a), &currencyEnd);
        if (currency.isEmpty())
            return resume(number);
        addAmount(k, endOfToken(currencyEnd - 1), currency, value * scale);
        return currencyEnd;
    }

    // The yen's sign reads as the yen in a sentence that names Japan or the yen, else as the yuan.
    QString yenOrYuan(size_t k, const MoneyWord &sign) const
    {
        const Span *s = sentenceAt(token(k).start);
        if (!s)
            return sign.code[SymbolIndex];
        const TokenStream::Range r = m_ts.tokensIn(*s);
        for (size_t i = r.first; i < r.last; ++i) {
            if (m_words.of(token(i)).classes & YenContext)
                return sign.code[YenSignIndex];
        }
        return sign.code[SymbolIndex];
    }

    const Span *sentenceAt(qsizetype pos) const
    {
        const auto it = std::upper_bound(
            m_sentences.begin(), m_sentences.end(), pos, [](qsizetype p, const Span &s) { return p < s.end; });
        if (it == m_sentences.end() || it->start > pos)
            return nullptr;
        return &*it;
    }

    // Is there a line break between a date that ends at `dateEnd` and a sentence that starts at `sentenceStart`?
    bool lineBreakBetween(qsizetype dateEnd, qsizetype sentenceStart)
    {
        if (m_lineStarts.empty()) {
            // How many tokens before each one start a line: built once, and only for a text that asks.
            m_lineStarts.resize(size() + 1);
            quint32 count = 0;
            for (size_t k = 0; k < size(); ++k) {
                m_lineStarts[k] = count;
                count += (k > 0 && lineStart(k)) ? 1 : 0;
            }
            m_lineStarts[size()] = count;
        }
        // The tokens after the date up to the sentence's first one: does one of them start a line?
        const size_t first = m_ts.tokenAt(dateEnd);
        const size_t last = m_ts.tokenAt(sentenceStart);
        if (last >= size() || first > last)
            return false;
        return m_lineStarts[last + 1] > m_lineStarts[first];
    }

    // The year an amount belongs to: the resolved date nearest to it in its sentence, else the
    // last one before the sentence in the same paragraph, else the article's date. A year some
    // paragraphs back is more often a piece of history than the amount's year.
    PartialDate yearOf(qsizetype start, qsizetype end)
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
        if (before && !nearest && lineBreakBetween(before->span.end, from))
            before = nullptr;
        const DateMention *pick = nearest ? nearest : before;
        if (pick)
            return { pick->value.year, 0, 0, Precision::Year };
        if (m_anchor.isValid())
            return { m_anchor.year, 0, 0, Precision::Year };
        return {};
    }

    void addAmount(size_t first, Cursor last, const QString &currency, double amount)
    {
        if (!(amount > 0 && amount <= MaxAmount)) // also no infinity, no NaN
            return;
        const qsizetype start = token(first).start;
        const qsizetype end = position(last);
        EntityMention m;
        m.span = { start, end };
        m.text = m_text.sliced(start, end - start).toString();
        m.kind = EntityKind::Money;
        m.currency = currency;
        m.amount = std::round(amount * 100.0) / 100.0;
        m.id = currency + u' ' + formatAmount(m.amount);
        m.name = m.id;
        m.method = QStringLiteral("money");
        m.date = yearOf(start, end);
        m_out.append(m);
    }

    const MoneyWords &m_words;
    const MoneyWord m_none;
    const QList<Span> &m_sentences;
    const QList<DateMention> &m_dates;
    PartialDate m_anchor;
    QList<EntityMention> m_out;
    std::vector<quint32> m_lineStarts; // per token, the line starts before it (lineBreakBetween())
};

} // namespace

QList<EntityMention> findMoney(const TokenStream &ts, const QList<DateMention> &dates, const PartialDate &anchor)
{
    return MoneyScanner(ts, dates, anchor).run();
}

} // namespace entente

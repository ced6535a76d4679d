#include "languageguess.h"

#include <QHash>

#include <array>

namespace entente {

namespace {

enum Lang { En, Fr, Es, De, Pt, LangCount };

constexpr qsizetype SampleChars = 2048;

// A word's hash: the table is looked up per word of the sample, so no string is built.
constexpr quint64 FnvBasis = 1469598103934665603ull;
constexpr quint64 FnvPrime = 1099511628211ull;

quint64 wordHash(QStringView w)
{
    quint64 h = FnvBasis;
    for (QChar c : w)
        h = (h ^ c.toLower().unicode()) * FnvPrime;
    return h;
}

// Function words frequent in one language and rare in the others; a word shared by two
// (Spanish and Portuguese "que", French and Spanish "la") counts for both.
const QHash<quint64, unsigned> &functionWords()
{
    static const QHash<quint64, unsigned> words = [] {
        QHash<quint64, unsigned> h;
        auto add = [&h](Lang lang, const char *list) {
            for (const QString &w : QString::fromUtf8(list).split(u' '))
                h[wordHash(w)] |= 1u << lang;
        };
        add(En,
            "the and of to is that in for it with as was on are be by this which have from not has were "
            "their its an will would been our they we");
        add(Fr,
            "le la les et des est du une un dans pour que qui pas sur au aux avec sont ce cette nous "
            "il elle ont été par plus se sa son");
        add(Es,
            "el la los las y de que en es por del una un con para se su al como más lo sus fue ha "
            "han está este esta");
        add(De,
            "der die das und ist nicht mit den dem des ein eine zu von auf für sich auch wir es im "
            "sind wird werden hat haben");
        add(Pt,
            "o os as e do da dos das que em um uma para com não por mais se no na nos ao foi são "
            "está pelo pela");
        return h;
    }();
    return words;
}

} // namespace

QString guessLanguage(QStringView text)
{
    const QStringView sample = text.first(qMin(text.size(), SampleChars));
    qsizetype latin = 0, cyrillic = 0, arabic = 0, han = 0, kana = 0, hangul = 0;
    for (QChar c : sample) {
        const char16_t u = c.unicode();
        if (u < 0x80) {
            latin += ((u | 0x20) >= 'a' && (u | 0x20) <= 'z') ? 1 : 0;
        } else if (u >= 0x00C0 && u < 0x0250) {
            ++latin;
        } else if (u >= 0x0400 && u < 0x0530) {
            ++cyrillic;
        } else if ((u >= 0x0600 && u < 0x0700) || (u >= 0x0750 && u < 0x0780) || (u >= 0xFB50 && u < 0xFE00)
            || (u >= 0xFE70 && u < 0xFF00)) {
            ++arabic;
        } else if (u >= 0x3040 && u < 0x3100) {
            ++kana;
        } else if (u >= 0x4E00 && u < 0xA000) {
            ++han;
        } else if (u >= 0xAC00 && u < 0xD7B0) {
            ++hangul;
        }
    }
    const qsizetype letters = latin + cyrillic + arabic + han + kana + hangul;
    if (letters < 20)
        return {};
    if (kana * 10 > letters)
        return QStringLiteral("ja");
    if (hangul * 2 > letters)
        return QStringLiteral("ko");
    if (han * 2 > letters)
        return QStringLiteral("zh");
    if (cyrillic * 2 > letters)
        return QStringLiteral("ru");
    if (arabic * 2 > letters)
        return QStringLiteral("ar");
    if (latin * 2 <= letters)
        return {};

    std::array<int, LangCount> score {};
    int words = 0;
    const auto &table = functionWords();
    qsizetype wordStart = -1;
    for (qsizetype i = 0; i <= sample.size(); ++i) {
        if (i < sample.size() && sample[i].isLetter()) {
            if (wordStart < 0)
                wordStart = i;
            continue;
        }
        if (wordStart < 0)
            continue;
        ++words;
        const auto it = table.constFind(wordHash(sample.mid(wordStart, i - wordStart)));
        if (it != table.constEnd()) {
            for (int l = 0; l < LangCount; ++l)
                score[l] += (*it >> l) & 1u ? 1 : 0;
        }
        wordStart = -1;
    }
    int best = -1;
    int second = 0;
    for (int l = 0; l < LangCount; ++l) {
        if (best < 0 || score[l] > score[best]) {
            if (best >= 0)
                second = qMax(second, score[best]);
            best = l;
        } else {
            second = qMax(second, score[l]);
        }
    }
    // Function words are a fifth or more of running text; ask for a clear lead.
    if (words < 8 || score[best] * 10 < words || score[best] < second * 3 / 2 + 1)
        return {};
    static const char *const codes[LangCount] = { "en", "fr", "es", "de", "pt" };
    return QString::fromLatin1(codes[best]);
}

} // namespace entente

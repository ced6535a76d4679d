#include "relationlexicon.h"

#include "relationlexicondata.h"

#include <QFile>

#include <algorithm>

namespace entente {

using namespace rel;

namespace {

using Data = RelationLexicon::Data;

QList<QByteArray> readTable(const QString &name)
{
    QFile f(QStringLiteral(":/resources/lexicon/") + name);
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("RelationLexicon: cannot read %s", qPrintable(f.fileName()));
        return {};
    }
    QList<QByteArray> lines = f.readAll().split('\n');
    lines.removeIf([](const QByteArray &l) { return l.isEmpty() || l.startsWith('#'); });
    return lines;
}

QList<int> internPhrase(Data &d, QStringView phrase)
{
    QList<int> words;
    for (const QStringView w : phrase.split(u' ', Qt::SkipEmptyParts))
        words.append(d.intern(w));
    return words;
}

// "042:043" -> 042 forward; ":020" -> 020 reversed.
void splitCode(QStringView raw, QString &code, bool &reverse)
{
    const qsizetype colon = raw.indexOf(u':');
    reverse = colon == 0;
    code = (colon < 0 ? raw : reverse ? raw.mid(1) : raw.left(colon)).toString();
}

void load(Data &d)
{
    // Function words the finder reads (resources/lexicon/clauses.tsv).
    static const QList<QPair<QByteArray, quint32>> classes {
        { "list-gap", ListGap },
        { "link", Link },
        { "between", Between },
        { "by", By },
        { "determiner", Determiner },
        { "first-person", FirstPerson },
        { "title", Title },
        { "article", Article },
        { "clause-break", ClauseBreak },
        { "background", Background },
        { "clause-opener", ClauseOpener },
        { "relative", Relative },
        { "prompting", Prompting },
        { "time-span", TimeSpan },
        { "as-keeper", AsKeeper },
        { "relieving", Relieving },
        { "speaker-noun", SpeakerNoun },
        { "locative", Locative },
        { "homeland", Homeland },
        { "halting", Halting },
        { "sport", Sport },
        { "go-between", GoBetween },
        { "obligation", Obligation },
        { "saying", Saying },
        { "arrival", Arrival },
        { "direction", Direction },
        { "state-body", StateBody },
        { "denial", Denial },
        { "experiencer", Experiencer },
        { "claim", Claim },
        { "rebuttal", Rebuttal },
        { "receiving", Receiving },
    };
    for (const QByteArray &line : readTable(QStringLiteral("clauses.tsv"))) {
        const QList<QByteArray> f = line.split('\t');
        const auto cls = std::find_if(
            classes.cbegin(), classes.cend(), [&](const auto &c) { return f.size() == 2 && c.first == f[0]; });
        if (cls == classes.cend()) {
            qWarning("RelationLexicon: clauses.tsv: a line of no known class: %s", line.constData());
            continue;
        }
        for (const QByteArray &w : f[1].split('|'))
            d.wordClass[size_t(d.intern(QString::fromUtf8(w)))] |= cls->second;
    }
    d.as = d.intern(u"as");
    d.andWord = d.intern(u"and");
    d.after = d.intern(u"after");
    d.before = d.intern(u"before");
    d.we = d.intern(u"we");
    d.i = d.intern(u"i");
    d.with = d.intern(u"with");
    d.to = d.intern(u"to");

    QHash<QString, int> byPhrase; // phrase -> entry, to merge verbs.tsv into hand-kept cues
    const auto addEntry = [&d, &byPhrase](const QString &phrase, Data::Entry e) {
        e.words = internPhrase(d, phrase);
        if (e.words.isEmpty() || byPhrase.contains(phrase))
            return;
        byPhrase.insert(phrase, int(d.entries.size()));
        d.entries.push_back(std::move(e));
    };

    for (const QByteArray &line : readTable(QStringLiteral("cues.tsv"))) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 2)
            continue;
        Data::Entry e;
        const QByteArray kind = f[0];
        const QByteArray code = f.value(2) == "\"\"" ? QByteArray() : f.value(2);
        if (kind == "noun" || kind == "verb") {
            e.kind = kind == "noun" ? CueKind::Noun : CueKind::Verb;
            splitCode(QString::fromLatin1(code), e.code, e.reverse);
        } else if (kind == "tone") {
            e.kind = CueKind::Tone;
            e.tone = code == "-" ? -1 : 1;
        } else if (kind == "neg") {
            e.kind = CueKind::Neg;
        } else if (kind == "ignore") {
            e.kind = CueKind::Ignore;
        } else {
            continue;
        }
        const QByteArray flags = f.value(3);
        e.flags = quint8((flags.contains('s') ? Symmetric : 0) | (flags.contains('r') ? Reciprocal : 0)
            | (flags.contains('p') ? Partner : 0));
        for (const QString &form : QString::fromUtf8(f[1]).split(u'|', Qt::SkipEmptyParts))
            addEntry(form, e);
    }

    QHash<QString, int> blocks;
    for (const QByteArray &line : readTable(QStringLiteral("verbs.tsv"))) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 3)
            continue;
        const QString form = QString::fromLatin1(f[0]).toLower();
        const QString blockName = QString::fromLatin1(f[1]);
        int block = blocks.value(blockName, -1);
        if (block < 0) {
            block = int(blocks.size());
            blocks.insert(blockName, block);
        }
        const int existing = byPhrase.value(form, -1);
        if (existing >= 0) {
            // A hand-kept cue keeps its code and flags but gains the block's patterns.
            auto &e = d.entries[size_t(existing)];
            if (e.block < 0 && (e.kind == CueKind::Verb || e.kind == CueKind::Noun))
                e.block = block;
            continue;
        }
        Data::Entry e;
        e.kind = CueKind::Verb;
        e.block = block;
        splitCode(QString::fromLatin1(f[2]), e.code, e.reverse);
        splitCode(QString::fromLatin1(f.value(3)), e.parseCode, e.parseReverse);
        addEntry(form, std::move(e));
    }

    QHash<QString, QList<int>> synsets;
    for (const QByteArray &line : readTable(QStringLiteral("synsets.tsv"))) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 2)
            continue;
        QList<int> words;
        // A phrase in a set matches by its last word, the head noun ("fighter jet" -> jet).
        for (const QString &w : QString::fromLatin1(f[1]).toLower().split(u'|', Qt::SkipEmptyParts))
            words.append(d.intern(QStringView(w).mid(w.lastIndexOf(u' ') + 1)));
        synsets.insert(QString::fromLatin1(f[0]), words);
    }

    d.blockPatterns.resize(size_t(blocks.size()));
    d.blockFilters.resize(size_t(blocks.size()));
    const auto readSlots = [&d, &synsets](const QByteArray &text) {
        QList<QList<int>> out;
        for (const QByteArray &slot : text.split(' ')) {
            if (slot.isEmpty())
                continue;
            if (slot.startsWith('&')) {
                out.append(synsets.value(QString::fromLatin1(slot)));
                continue;
            }
            QList<int> alts;
            for (const QByteArray &alt : slot.split('|'))
                alts.append(d.intern(QString::fromLatin1(alt).toLower()));
            out.append(alts);
        }
        return out;
    };
    for (const QByteArray &line : readTable(QStringLiteral("patterns.tsv"))) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 4)
            continue;
        const int block = blocks.value(QString::fromLatin1(f[0]), -1);
        if (block < 0)
            continue;
        Data::Pattern p;
        splitCode(QString::fromLatin1(f[1]), p.code, p.reverse);
        p.before = readSlots(f[2]);
        p.after = readSlots(f[3]);
        Data::PatternFilter filter;
        filter.masks = quint32(d.patternMasks.size());
        filter.after = quint16(p.after.size());
        filter.before = quint16(p.before.size());
        for (QList<QList<int>> *slotList : { &p.after, &p.before }) {
            for (QList<int> &slot : *slotList) {
                // Sorted for a binary search: a synonym set holds hundreds of words.
                std::sort(slot.begin(), slot.end());
                WordMask mask;
                for (const int word : slot)
                    mask.add(word);
                d.patternMasks.push_back(mask);
            }
        }
        d.blockPatterns[size_t(block)].push_back(std::move(p));
        d.blockFilters[size_t(block)].push_back(filter);
        ++d.patternCount;
    }

    for (const QByteArray &line : readTable(QStringLiteral("codes.tsv"))) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() >= 2) {
            const QString code = QString::fromLatin1(f[0]);
            const double score = f[1].toDouble();
            d.goldstein.insert(code, score);
            if (const quint64 key = packCode(code)) {
                quint32 &slot = d.goldsteinByPacked[mixBits(key)];
                if (!slot) {
                    d.goldsteinValues.push_back(score);
                    slot = quint32(d.goldsteinValues.size());
                } else {
                    d.goldsteinValues[slot - 1] = score; // a later row replaces, as in the QHash
                }
            }
        }
    }

    for (size_t i = 0; i < d.entries.size(); ++i)
        d.byFirstWord[size_t(d.entries[i].words.first())].push_back(int(i));
    for (auto &list : d.byFirstWord) {
        std::stable_sort(list.begin(), list.end(),
            [&d](int l, int r) { return d.entries[size_t(l)].words.size() > d.entries[size_t(r)].words.size(); });
    }
    d.buildFlatTables();
    d.buildAnchorIndex();
}

} // namespace

RelationLexicon::RelationLexicon()
    : m_data(std::make_unique<Data>())
{
    load(*m_data);
    // A cue asks for its code's score at least once: answered from the entry or pattern.
    Data &d = *m_data;
    QHash<QString, quint16> codeIndex;
    const auto intern = [&](QString &code) {
        auto it = codeIndex.constFind(code);
        if (it == codeIndex.cend()) {
            it = codeIndex.insert(code, quint16(d.codes.size()));
            d.codes.push_back(code);
            d.codeGoldstein.push_back(goldstein(code));
        }
        code = d.codes[*it];
        return *it;
    };
    QString empty;
    intern(empty); // code 0: none
    d.entryMeta.reserve(d.entries.size());
    for (Data::Entry &e : d.entries) {
        d.entryMeta.push_back(
            { e.block, intern(e.code), e.kind, e.flags, e.tone, e.reverse, intern(e.parseCode), e.parseReverse });
    }
    for (std::vector<Data::Pattern> &block : d.blockPatterns) {
        for (Data::Pattern &p : block) {
            p.goldstein = goldstein(p.code);
            intern(p.code);
        }
    }
    Q_ASSERT(d.codes.size() < 0xFFFF);
}

RelationLexicon::~RelationLexicon() = default;

const RelationLexicon &RelationLexicon::shared()
{
    static const RelationLexicon instance;
    return instance;
}

double RelationLexicon::goldstein(QStringView code) const
{
    if (const quint64 key = packCode(code)) {
        // Every prefix of a packable code is packable, and a packable code is never equal to an
        // unpackable key: the packed table answers alone. The packed code is mixed before it keys the table:
        // its low bits (its length, and a bit of its first digit) are nearly the same for every code, and the
        // table's probes ran through most of its codes before they found one.
        for (qsizetype n = code.size(); n >= 2; --n) {
            if (const quint32 *v = m_data->goldsteinByPacked.find(mixBits(packCode(code.left(n)))))
                return m_data->goldsteinValues[*v - 1];
        }
        return 0.0;
    }
    for (qsizetype n = code.size(); n >= 2; --n) {
        const auto it = m_data->goldstein.constFind(code.left(n).toString());
        if (it != m_data->goldstein.constEnd())
            return it.value();
    }
    return 0.0;
}

int RelationLexicon::quadClass(QStringView code)
{
    if (code.size() < 2 || !code[0].isDigit() || !code[1].isDigit())
        return 0;
    const int root = (code[0].unicode() - '0') * 10 + (code[1].unicode() - '0');
    if (root >= 1 && root <= 5)
        return 1;
    if (root >= 6 && root <= 8)
        return 2;
    if (root >= 9 && root <= 13)
        return 3;
    if (root >= 14 && root <= 20)
        return 4;
    return 0;
}

qsizetype RelationLexicon::cueCount() const
{
    return qsizetype(m_data->entries.size());
}

qsizetype RelationLexicon::patternCount() const
{
    return m_data->patternCount;
}

// CAMEO's reject codes for a negated cooperation: "did not agree" is a rejection (12x),
// not the absence of an event.
QString rel::rejectCodeFor(QStringView code)
{
    // (prefix, code), longest prefix first; the catch-all "*" last.
    static const QList<QPair<QString, QString>> table = [] {
        QList<QPair<QString, QString>> rows;
        for (const QByteArray &line : readTable(QStringLiteral("reject.tsv"))) {
            const QList<QByteArray> f = line.split('\t');
            if (f.size() == 2)
                rows.append({ QString::fromLatin1(f[0]), QString::fromLatin1(f[1]) });
        }
        std::stable_sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
            return (a.first == u"*" ? -1 : a.first.size()) > (b.first == u"*" ? -1 : b.first.size());
        });
        return rows;
    }();
    for (const auto &[prefix, reject] : table) {
        if (prefix == u"*" || code.startsWith(prefix))
            return reject;
    }
    return {};
}

} // namespace entente

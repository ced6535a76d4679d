#include "nercorpora.h"

#include "corpora.h"

#include <QDir>
#include <QSet>

#include <algorithm>

namespace entente::learn {

namespace {

std::optional<NameType> conllType(QStringView t)
{
    if (t == u"PER")
        return NameType::Person;
    if (t == u"ORG")
        return NameType::Organization;
    if (t == u"LOC")
        return NameType::Location;
    if (t == u"MISC" || t == u"OTH")
        return NameType::Misc;
    return std::nullopt;
}

// re3d's other types (Temporal, Money, Weapon, MilitaryPlatform, DocumentReference, Quantity) are no names.
std::optional<NameType> re3dType(QStringView t)
{
    if (t == u"Person")
        return NameType::Person;
    if (t == u"Organisation")
        return NameType::Organization;
    if (t == u"Location")
        return NameType::Location;
    if (t == u"Nationality")
        return NameType::Misc;
    return std::nullopt;
}

bool hasUpper(QStringView w)
{
    return std::any_of(w.begin(), w.end(), [](QChar c) { return c.isUpper(); });
}

bool hasLetterOrDigit(QStringView w)
{
    return std::any_of(w.begin(), w.end(), [](QChar c) { return c.isLetterOrNumber(); });
}

// re3d marks whole noun phrases ("the Kurdish YPG", "ISIL tactical units", "the city") and pronouns ("we",
// "He"); the other corpora mark the name alone. Leading words without a capital are cut off, and the words so
// cut (the, our, we, ...) are cut off too where a capital starts a sentence ("The UK"), so that the list of
// determiners and pronouns comes from the corpus itself. Trailing words without a capital go; what is left
// without a capital, or a lone letter ("I"), is no name. A lower-case word before a hyphen stays ("al-Qaida").
void trimRe3dNames(QList<NerSentence> &sentences)
{
    QSet<QString> cut;
    const auto cutLeading = [](const NerSentence &s, NameSpan &n, const auto &shouldCut) {
        while (n.first < n.last) {
            const QString &w = s.words[n.first];
            const bool beforeHyphen = n.first + 1 < n.last && s.words[n.first + 1] == u"-";
            if (beforeHyphen || !shouldCut(w))
                break;
            ++n.first;
        }
    };
    for (NerSentence &s : sentences) {
        for (NameSpan &n : s.names) {
            cutLeading(s, n, [&](const QString &w) {
                if (hasUpper(w) || !hasLetterOrDigit(w))
                    return !hasLetterOrDigit(w);
                cut.insert(w);
                return true;
            });
        }
    }
    for (NerSentence &s : sentences) {
        for (NameSpan &n : s.names) {
            cutLeading(s, n, [&](const QString &w) { return !hasLetterOrDigit(w) || cut.contains(w.toLower()); });
            while (n.last > n.first && !hasUpper(s.words[n.last - 1]))
                --n.last;
        }
        s.names.removeIf([&](const NameSpan &n) {
            if (n.last <= n.first)
                return true;
            return n.last - n.first == 1 && s.words[n.first].size() == 1;
        });
    }
}

// BTC splits a Twitter handle in two ("@", "BethAnne17") and tags both halves as names of their own; a
// handle is one word, as in the tweet.
void joinBtcHandles(QStringList &words, QStringList &tags)
{
    for (qsizetype i = 0; i + 1 < words.size(); ++i) {
        if (words[i] != u"@" || tags[i] == u"O")
            continue;
        const QStringView type = QStringView(tags[i]).sliced(qMin<qsizetype>(2, tags[i].size()));
        const QStringView next = QStringView(tags[i + 1]).sliced(qMin<qsizetype>(2, tags[i + 1].size()));
        if (tags[i + 1] != u"O" && next == type) {
            words[i] += words[i + 1];
            words.removeAt(i + 1);
            tags.removeAt(i + 1);
        } else {
            tags[i] = QStringLiteral("O");
        }
    }
}

QStringList documentList(const QString &path, QString *error)
{
    const QByteArray data = readCorpusFile(path, error);
    QStringList ids;
    for (const QByteArray &line : data.split('\n')) {
        const QString id = QString::fromUtf8(line).trimmed();
        if (!id.isEmpty())
            ids.append(id);
    }
    return ids;
}

struct GumMention
{
    int first = 0;
    int last = 0; // exclusive
    QString type;
    QString identity;
};

// The mentions of a sentence from the Entity= values: "(3-person-new-sss-cf1-1,2-coref-Ada_Lovelace" opens
// mention 3, "3)" closes it, "(4-place-...)" is a one-word mention. Fields: id, type, information status,
// salience, centering, minimal span, link type, identity (absent on most).
QList<GumMention> gumMentions(const ConlluSentence &s)
{
    QList<GumMention> out;
    struct Open
    {
        QString id;
        int first;
        QStringList fields;
    };
    QList<Open> open;
    for (int i = 0; i < s.words.size(); ++i) {
        QStringView value;
        for (const QStringView part : QStringView(s.words[i].misc).split(u'|')) {
            if (part.startsWith(u"Entity="))
                value = part.sliced(7);
        }
        qsizetype k = 0;
        while (k < value.size()) {
            if (value[k] == u'(') {
                qsizetype e = k + 1;
                while (e < value.size() && value[e] != u'(' && value[e] != u')')
                    ++e;
                const QStringList fields = value.sliced(k + 1, e - k - 1).toString().split(u'-');
                if (e < value.size() && value[e] == u')') {
                    out.append({ i, i + 1, fields.value(1), fields.value(7) });
                    k = e + 1;
                } else {
                    open.append({ fields.value(0), i, fields });
                    k = e;
                }
            } else {
                qsizetype e = k;
                while (e < value.size() && value[e] != u')' && value[e] != u'(')
                    ++e;
                const QStringView id = value.sliced(k, e - k);
                for (qsizetype o = open.size() - 1; o >= 0; --o) {
                    if (open[o].id == id) {
                        out.append({ open[o].first, i + 1, open[o].fields.value(1), open[o].fields.value(7) });
                        open.removeAt(o);
                        break;
                    }
                }
                k = e < value.size() && value[e] == u')' ? e + 1 : e;
            }
        }
    }
    return out;
}

} // namespace

QString nerCorpusName(NerCorpus c)
{
    switch (c) {
    case NerCorpus::WikiGold:
        return QStringLiteral("wikigold");
    case NerCorpus::Re3d:
        return QStringLiteral("re3d");
    case NerCorpus::Btc:
        return QStringLiteral("BTC");
    case NerCorpus::UnerEwtDev:
        return QStringLiteral("UNER EWT dev");
    case NerCorpus::UnerEwtTest:
        return QStringLiteral("UNER EWT test");
    case NerCorpus::GumTrain:
        return QStringLiteral("GUM train");
    case NerCorpus::GumDev:
        return QStringLiteral("GUM dev");
    case NerCorpus::GumTest:
        return QStringLiteral("GUM test");
    case NerCorpus::EwtTrainSelf:
        return QStringLiteral("UD EWT train, self-labelled");
    }
    return {};
}

QStringList ioToBio(const QStringList &tags)
{
    QStringList out;
    out.reserve(tags.size());
    QStringView previous = u"O";
    for (const QString &t : tags) {
        if (t.startsWith(u"I-") && QStringView(t).sliced(2) != previous)
            out.append(QStringLiteral("B-") + t.sliced(2));
        else
            out.append(t);
        previous = t.startsWith(u"I-") || t.startsWith(u"B-") ? QStringView(t).sliced(2) : QStringView(u"O");
    }
    return out;
}

QList<NameSpan> namesFromBio(const QStringList &tags, const std::function<std::optional<NameType>(QStringView)> &type)
{
    QList<NameSpan> out;
    int start = -1;
    QStringView openType;
    const auto close = [&](int end) {
        if (start >= 0) {
            if (const auto t = type(openType))
                out.append({ start, end, *t, 1.0f });
        }
        start = -1;
    };
    for (int i = 0; i < tags.size(); ++i) {
        const QStringView t = tags[i];
        const bool begin = t.startsWith(u"B-") || t.startsWith(u"S-") || t.startsWith(u"U-");
        const bool inside = t.startsWith(u"I-") || t.startsWith(u"E-") || t.startsWith(u"L-");
        if (!begin && !inside) {
            close(i);
            continue;
        }
        const QStringView tt = t.sliced(2);
        if (begin || start < 0 || tt != openType) {
            close(i);
            start = i;
            openType = tt;
        }
    }
    close(int(tags.size()));
    return out;
}

QList<NerSentence> parseNerColumns(const QByteArray &data, NerCorpus c)
{
    QList<NerSentence> out;
    const bool uner = c == NerCorpus::UnerEwtDev || c == NerCorpus::UnerEwtTest;
    for (const ColumnSentence &cs : parseColumns(data)) {
        NerSentence s;
        s.docId = cs.docId;
        QStringList tags;
        for (const QStringList &row : cs.rows) {
            // Universal NER: id, word, tag, (annotators); the others: word ... tag.
            if (uner ? row.size() < 3 : row.size() < 2)
                continue;
            s.words.append(uner ? row[1] : row.front());
            tags.append(uner ? row[2] : row.back());
        }
        if (s.words.isEmpty())
            continue;
        switch (c) {
        case NerCorpus::WikiGold:
            s.names = namesFromBio(ioToBio(tags), conllType);
            break;
        case NerCorpus::Re3d:
            s.names = namesFromBio(tags, re3dType);
            break;
        case NerCorpus::Btc:
            joinBtcHandles(s.words, tags);
            s.names = namesFromBio(tags, conllType);
            break;
        default:
            s.names = namesFromBio(tags, conllType);
            break;
        }
        out.append(std::move(s));
    }
    if (c == NerCorpus::Re3d)
        trimRe3dNames(out);
    return out;
}

QList<NameSpan> gumNames(const ConlluSentence &s)
{
    const QList<ConlluWord> &w = s.words;
    const int n = int(w.size());
    struct Candidate
    {
        int mentionFirst, mentionLast;
        NameSpan name;
    };
    QList<Candidate> candidates;
    for (const GumMention &m : gumMentions(s)) {
        if (m.first >= m.last || m.last > n || m.type == u"time")
            continue;
        // The head: a word whose head lies outside the mention (the last one, not a determiner or
        // punctuation, where a mention is no constituent).
        int head = -1;
        bool contentHead = false;
        for (int i = m.first; i < m.last; ++i) {
            const int h = w[i].head - 1;
            if (h >= m.first && h < m.last)
                continue;
            const bool content
                = w[i].upos != u"DET" && w[i].upos != u"PUNCT" && w[i].upos != u"ADP" && w[i].upos != u"CCONJ";
            if (content || !contentHead) {
                head = i;
                contentHead = content;
            }
        }
        if (head < 0)
            continue;
        const ConlluWord &hw = w[head];
        const bool properHead = hw.upos == u"PROPN";
        const bool identified = !m.identity.isEmpty() && !hw.form.isEmpty() && hw.form.front().isUpper()
            && (hw.upos == u"NOUN" || hw.upos == u"ADJ" || hw.upos == u"X");
        if (!properHead && !identified)
            continue;
        // A word of the name: a proper noun, or a word the treebank's English tags call one (UD tags "United" in
        // "United States" VERB and "Atlantic" in "Atlantic Ocean" ADJ, but NNP); a title before a name ("Mr.",
        // "President", "Dr.": nmod:desc) is not part of it, as in Universal NER.
        const auto proper = [&](int i) {
            return i >= m.first && i < m.last && (w[i].upos == u"PROPN" || w[i].xpos.startsWith(u"NNP"))
                && w[i].deprel != u"nmod:desc";
        };
        const auto of = [&](int i) { return i >= m.first && i < m.last && w[i].lemma == u"of"; };
        const auto det = [&](int i) { return i >= m.first && i < m.last && w[i].upos == u"DET"; };
        // "of" (and "of the") joins proper nouns into one name: University of Basel, Bank of the West.
        int first = head;
        int last = head + 1;
        while (true) {
            if (proper(first - 1))
                first -= 1;
            else if (of(first - 1) && proper(first - 2))
                first -= 2;
            else if (det(first - 1) && of(first - 2) && proper(first - 3))
                first -= 3;
            else
                break;
        }
        while (true) {
            if (proper(last))
                last += 1;
            else if (of(last) && proper(last + 1))
                last += 2;
            else if (of(last) && det(last + 1) && proper(last + 2))
                last += 3;
            else
                break;
        }
        // A number right after the name belongs to it (Apollo 11, Op. 46).
        if (last < m.last && w[last].upos == u"NUM" && properHead)
            ++last;
        NameType type = NameType::Misc;
        if (m.type == u"person")
            type = hw.feats.contains(u"Number=Plur") ? NameType::Misc : NameType::Person;
        else if (m.type == u"organization")
            type = NameType::Organization;
        else if (m.type == u"place")
            type = NameType::Location;
        candidates.append({ m.first, m.last, { first, last, type, 1.0f } });
    }
    // The outermost mention first; a name inside an accepted one is part of it.
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) {
        const int la = a.mentionLast - a.mentionFirst, lb = b.mentionLast - b.mentionFirst;
        return la != lb ? la > lb : a.mentionFirst < b.mentionFirst;
    });
    QList<NameSpan> out;
    for (const Candidate &c : std::as_const(candidates)) {
        const bool overlaps = std::any_of(out.cbegin(), out.cend(),
            [&](const NameSpan &o) { return c.name.first < o.last && o.first < c.name.last; });
        if (!overlaps)
            out.append(c.name);
    }
    std::sort(out.begin(), out.end(), [](const NameSpan &a, const NameSpan &b) { return a.first < b.first; });
    return out;
}

QList<NerSentence> readNerCorpus(NerCorpus c, const QString &dataDir, QString *error)
{
    const QDir dir(dataDir);
    switch (c) {
    case NerCorpus::WikiGold:
    case NerCorpus::Re3d:
    case NerCorpus::Btc:
    case NerCorpus::UnerEwtDev:
    case NerCorpus::UnerEwtTest: {
        static const QHash<NerCorpus, QString> files {
            { NerCorpus::WikiGold, QStringLiteral("ner/wikigold.conll.xz") },
            { NerCorpus::Re3d, QStringLiteral("ner/re3d-open.conll.xz") },
            { NerCorpus::Btc, QStringLiteral("ner/btc.conll.xz") },
            { NerCorpus::UnerEwtDev, QStringLiteral("ner/uner-ewt-dev.iob2.xz") },
            { NerCorpus::UnerEwtTest, QStringLiteral("ner/uner-ewt-test.iob2.xz") },
        };
        const QByteArray data = readCorpusFile(dir.filePath(files.value(c)), error);
        return data.isEmpty() ? QList<NerSentence> {} : parseNerColumns(data, c);
    }
    case NerCorpus::GumTrain:
    case NerCorpus::GumDev:
    case NerCorpus::GumTest: {
        const QStringList dev = documentList(dir.filePath(QStringLiteral("ud/gum-ccby.dev.txt")), error);
        const QStringList test = documentList(dir.filePath(QStringLiteral("ud/gum-ccby.test.txt")), error);
        if (dev.isEmpty() || test.isEmpty())
            return {};
        const QList<ConlluSentence> gum = readConllu(dir.filePath(QStringLiteral("ud/gum-ccby.conllu.xz")), error);
        QList<NerSentence> out;
        for (const ConlluSentence &cs : gum) {
            const bool inDev = dev.contains(cs.docId);
            const bool inTest = test.contains(cs.docId);
            if (c == NerCorpus::GumDev ? !inDev : c == NerCorpus::GumTest ? !inTest : (inDev || inTest))
                continue;
            NerSentence s;
            s.docId = cs.docId;
            for (const ConlluWord &w : cs.words)
                s.words.append(w.form);
            s.names = gumNames(cs);
            out.append(std::move(s));
        }
        return out;
    }
    case NerCorpus::EwtTrainSelf:
        if (error)
            *error = nerCorpusName(c) + QStringLiteral(": made in training, not read");
        return {};
    }
    return {};
}

void NerCounts::add(const QList<NameSpan> &gold, const QList<NameSpan> &predicted)
{
    const auto same = [](const NameSpan &a, const NameSpan &b) {
        return a.first == b.first && a.last == b.last && a.type == b.type;
    };
    for (const NameSpan &p : predicted) {
        const bool right = std::any_of(gold.cbegin(), gold.cend(), [&](const NameSpan &g) { return same(g, p); });
        (right ? truePositives : falsePositives)[int(p.type)]++;
    }
    for (const NameSpan &g : gold) {
        if (std::none_of(predicted.cbegin(), predicted.cend(), [&](const NameSpan &p) { return same(g, p); }))
            falseNegatives[int(g.type)]++;
    }
}

double NerCounts::precision(NameType t) const
{
    const int i = int(t);
    const int d = truePositives[i] + falsePositives[i];
    return d ? double(truePositives[i]) / d : 0.0;
}

double NerCounts::recall(NameType t) const
{
    const int i = int(t);
    const int d = truePositives[i] + falseNegatives[i];
    return d ? double(truePositives[i]) / d : 0.0;
}

double NerCounts::f1(NameType t) const
{
    const int i = int(t);
    const int d = 2 * truePositives[i] + falsePositives[i] + falseNegatives[i];
    return d ? 2.0 * truePositives[i] / d : 0.0;
}

int NerCounts::goldCount(NameType t) const
{
    return truePositives[int(t)] + falseNegatives[int(t)];
}

double NerCounts::microF1(std::initializer_list<NameType> types) const
{
    int tp = 0, fp = 0, fn = 0;
    for (const NameType t : types) {
        tp += truePositives[int(t)];
        fp += falsePositives[int(t)];
        fn += falseNegatives[int(t)];
    }
    const int d = 2 * tp + fp + fn;
    return d ? 2.0 * tp / d : 0.0;
}

} // namespace entente::learn

#include "evaluation.h"

#include "extractor.h"
#include "learn/corpora.h"

#include <QFile>
#include <QSet>

namespace entente {

namespace {

using learn::NameSpan;
using learn::NameType;
using learn::NerSentence;

// Appends a sentence to a document: its words placed in `sentenceText` in order (the treebank's text of the
// sentence), or joined by spaces where a word cannot be found there.
void appendSentence(EvalDocument &doc, const QStringList &words, const QList<NameSpan> &names, QString sentenceText)
{
    QList<qsizetype> starts, ends;
    qsizetype pos = 0;
    bool aligned = !sentenceText.isEmpty();
    for (const QString &w : words) {
        if (!aligned)
            break;
        const qsizetype at = sentenceText.indexOf(w, pos);
        // Only white space may be skipped between two words.
        if (at < 0 || !sentenceText.sliced(pos, at - pos).trimmed().isEmpty()) {
            aligned = false;
            break;
        }
        starts << at;
        ends << at + w.size();
        pos = at + w.size();
    }
    if (!aligned) {
        sentenceText.clear();
        starts.clear();
        ends.clear();
        for (const QString &w : words) {
            if (!sentenceText.isEmpty())
                sentenceText += u' ';
            starts << sentenceText.size();
            sentenceText += w;
            ends << sentenceText.size();
        }
    }
    if (!doc.text.isEmpty())
        doc.text += QStringLiteral("\n\n");
    const qsizetype base = doc.text.size();
    const int firstWord = int(doc.wordStarts.size());
    doc.text += sentenceText;
    for (qsizetype i = 0; i < starts.size(); ++i) {
        doc.wordStarts << base + starts[i];
        doc.wordEnds << base + ends[i];
    }
    for (const NameSpan &n : names)
        doc.gold.append({ firstWord + n.first, firstWord + n.last, n.type, n.confidence });
}

QList<EvalDocument> group(const QList<NerSentence> &sentences, const QStringList &texts)
{
    QList<EvalDocument> docs;
    for (qsizetype i = 0; i < sentences.size(); ++i) {
        const NerSentence &s = sentences[i];
        if (docs.isEmpty() || docs.last().id != s.docId || s.docId.isEmpty())
            docs.append(EvalDocument { s.docId, {}, {}, {}, {} });
        appendSentence(docs.last(), s.words, s.names, texts.value(i));
    }
    return docs;
}

// The predicted name of a mention, or nothing.
std::optional<NameType> typeOf(const EntityMention &m)
{
    if (m.method == u"in-name")
        return std::nullopt;
    switch (m.kind) {
    case EntityKind::Person:
        return NameType::Person;
    case EntityKind::Organization:
        return NameType::Organization;
    case EntityKind::Country:
        return m.method == u"demonym" ? NameType::Misc : NameType::Location;
    case EntityKind::Place:
    case EntityKind::Region:
        return NameType::Location;
    case EntityKind::Event:
        return NameType::Misc;
    case EntityKind::Money:
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace

QList<EvalDocument> unerEwtTestDocuments(const QString &dataDir, QString *error)
{
    const QList<NerSentence> sentences = learn::readNerCorpus(learn::NerCorpus::UnerEwtTest, dataDir, error);
    // The same sentences in the same order as UD EWT test, whose comments keep each sentence's text.
    QStringList texts;
    const QList<learn::ConlluSentence> ud = learn::readConllu(dataDir + QStringLiteral("/ud/ewt-test.conllu.xz"));
    if (ud.size() == sentences.size()) {
        for (const learn::ConlluSentence &s : ud)
            texts << s.text;
    }
    return group(sentences, texts);
}

QList<EvalDocument> gumDocuments(learn::NerCorpus part, const QString &dataDir, bool newsOnly, QString *error)
{
    // readNerCorpus() gives the sentences of the part in corpus order; the treebank gives their text.
    const QList<NerSentence> sentences = learn::readNerCorpus(part, dataDir, error);
    QHash<QString, QList<QString>> textsByDoc;
    for (const learn::ConlluSentence &s : learn::readConllu(dataDir + QStringLiteral("/ud/gum-ccby.conllu.xz")))
        textsByDoc[s.docId].append(s.text);
    QStringList texts;
    QHash<QString, int> seen;
    for (const NerSentence &s : sentences)
        texts << textsByDoc.value(s.docId).value(seen[s.docId]++);
    QList<EvalDocument> docs = group(sentences, texts);
    if (newsOnly)
        docs.removeIf([](const EvalDocument &d) { return !d.id.startsWith(u"GUM_news_"); });
    return docs;
}

learn::NerCounts evaluatePipelineNames(const QList<EvalDocument> &documents, QStringList *errors)
{
    learn::NerCounts counts;
    const Extractor &x = Extractor::shared();
    for (const EvalDocument &doc : documents) {
        QHash<qsizetype, int> wordAtStart, wordAtEnd;
        for (qsizetype w = 0; w < doc.wordStarts.size(); ++w) {
            wordAtStart.insert(doc.wordStarts[w], int(w));
            wordAtEnd.insert(doc.wordEnds[w], int(w) + 1);
        }
        DocumentContext ctx;
        const Annotation a = x.annotate(doc.text, ctx);
        QList<NameSpan> predicted;
        qsizetype coveredTo = -1;
        for (const EntityMention &m : a.entities) { // by start, the longer first: the outermost wins
            const auto type = typeOf(m);
            if (!type || m.span.start < coveredTo)
                continue;
            coveredTo = m.span.end;
            // A name whose edges fall inside words cannot match a gold name; it counts as a wrong one.
            const int first = wordAtStart.value(m.span.start, -1);
            const int last = wordAtEnd.value(m.span.end, -1);
            predicted.append({ first >= 0 ? first : -1, last >= 0 ? last : -1, *type, 1.0f });
        }
        counts.add(doc.gold, predicted);
        if (errors) {
            const auto text = [&doc](const NameSpan &n) {
                if (n.first < 0 || n.last < 0)
                    return QStringLiteral("(not on word edges)");
                return doc.text.sliced(doc.wordStarts[n.first], doc.wordEnds[n.last - 1] - doc.wordStarts[n.first]);
            };
            const auto same = [](const NameSpan &a, const NameSpan &b) {
                return a.first == b.first && a.last == b.last && a.type == b.type;
            };
            for (const NameSpan &g : doc.gold) {
                if (std::none_of(predicted.cbegin(), predicted.cend(), [&](const NameSpan &p) { return same(g, p); }))
                    errors->append(QStringLiteral("- %1 %2").arg(learn::nameTypeName(g.type), text(g)));
            }
            for (const NameSpan &p : std::as_const(predicted)) {
                if (std::none_of(doc.gold.cbegin(), doc.gold.cend(), [&](const NameSpan &g) { return same(g, p); }))
                    errors->append(QStringLiteral("+ %1 %2").arg(learn::nameTypeName(p.type), text(p)));
            }
        }
    }
    return counts;
}

QList<learn::Figure> pipelineNameFigures(const QString &dataDir)
{
    QList<learn::Figure> out;
    const auto report = [&out](const QString &set, const QList<EvalDocument> &docs) {
        const learn::NerCounts c = evaluatePipelineNames(docs);
        for (const auto &[type, name] : { std::pair { NameType::Person, "people" },
                 std::pair { NameType::Organization, "organisations" }, std::pair { NameType::Location, "places" } }) {
            out.append({ QStringLiteral("pipeline %1 F1, %2").arg(QLatin1String(name), set), c.f1(type),
                QStringLiteral("P %1 R %2, %3 gold")
                    .arg(c.precision(type), 0, 'f', 3)
                    .arg(c.recall(type), 0, 'f', 3)
                    .arg(c.goldCount(type)) });
        }
    };
    report(QStringLiteral("UNER EWT test"), unerEwtTestDocuments(dataDir));
    report(QStringLiteral("GUM test news"), gumDocuments(learn::NerCorpus::GumTest, dataDir, true));
    report(QStringLiteral("GUM test"), gumDocuments(learn::NerCorpus::GumTest, dataDir));
    report(QStringLiteral("GUM dev"), gumDocuments(learn::NerCorpus::GumDev, dataDir));
    return out;
}

} // namespace entente

#include "evaluation.h"

#include "extractor.h"
#include "gazetteer.h"
#include "learn/corpora.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

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

void SalienceScore::add(const QList<CountrySalience> &countries, const QStringList &gold, bool aboutOnly)
{
    QSet<QString> guessed;
    for (const CountrySalience &c : countries)
        if (c.about || !aboutOnly)
            guessed.insert(c.id);
    const QSet<QString> truth(gold.cbegin(), gold.cend());
    for (const QString &c : guessed)
        (truth.contains(c) ? truePositives : falsePositives) += 1;
    for (const QString &c : truth)
        falseNegatives += guessed.contains(c) ? 0 : 1;
    documents += 1;
}

double SalienceScore::precision() const
{
    const int guessed = truePositives + falsePositives;
    return guessed ? double(truePositives) / guessed : 0.0;
}

double SalienceScore::recall() const
{
    const int gold = truePositives + falseNegatives;
    return gold ? double(truePositives) / gold : 0.0;
}

double SalienceScore::f1() const
{
    const double p = precision();
    const double r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

QList<GumDocument> readGumDocuments(const QString &dataDir, QString *error)
{
    const QDir ud(QDir(dataDir).filePath(QStringLiteral("ud")));
    const QByteArray data = learn::readCorpusFile(ud.filePath(QStringLiteral("gum-ccby.conllu.xz")), error);
    if (data.isEmpty())
        return {};
    QHash<QString, QString> parts;
    for (const char *part : { "dev", "test" }) {
        QFile f(ud.filePath(QStringLiteral("gum-ccby.%1.txt").arg(QLatin1String(part))));
        if (!f.open(QIODevice::ReadOnly)) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(f.fileName(), f.errorString());
            return {};
        }
        for (const QByteArray &line : f.readAll().split('\n'))
            if (!line.trimmed().isEmpty())
                parts.insert(QString::fromUtf8(line.trimmed()), QLatin1String(part));
    }

    const Gazetteer &g = Gazetteer::shared();
    QList<GumDocument> docs;
    QStringList paragraph;
    QSet<QString> salient; // entity numbers of the current document
    QMap<QString, QString> countryOf; // entity number -> country, for place and organisation entities
    auto finishParagraph = [&] {
        if (!docs.isEmpty() && !paragraph.isEmpty())
            docs.last().text += paragraph.join(u' ') + u'\n';
        paragraph.clear();
    };
    auto finishDocument = [&] {
        finishParagraph();
        if (docs.isEmpty())
            return;
        QSet<QString> about;
        for (auto it = countryOf.cbegin(); it != countryOf.cend(); ++it)
            if (salient.contains(it.key()))
                about.insert(it.value());
        docs.last().about = QStringList(about.cbegin(), about.cend());
        docs.last().about.sort();
        salient.clear();
        countryOf.clear();
    };

    const QString text = QString::fromUtf8(data);
    for (QStringView line : QStringView(text).split(u'\n')) {
        if (line.startsWith(u"# newdoc id")) {
            finishDocument();
            GumDocument d;
            d.id = line.sliced(line.indexOf(u'=') + 1).trimmed().toString();
            d.part = parts.value(d.id, QStringLiteral("train"));
            docs << d;
        } else if (line.startsWith(u"# newpar")) {
            finishParagraph();
        } else if (line.startsWith(u"# meta::salientEntities")) {
            // "1 (5*), 14 (4), ...": entity numbers, each with how many summaries name it.
            for (QStringView item : line.sliced(line.indexOf(u'=') + 1).split(u',')) {
                item = item.trimmed();
                salient.insert(item.left(item.indexOf(u' ')).toString());
            }
        } else if (line.startsWith(u"# text =")) {
            paragraph << line.sliced(line.indexOf(u'=') + 1).trimmed().toString();
        } else if (!line.isEmpty() && !line.startsWith(u'#')) {
            const QStringView misc = line.sliced(line.lastIndexOf(u'\t') + 1);
            const qsizetype at = misc.indexOf(u"Entity=");
            if (at < 0)
                continue;
            QStringView entity = misc.sliced(at + 7);
            entity = entity.left(entity.indexOf(u'|') < 0 ? entity.size() : entity.indexOf(u'|'));
            // "(12-place-giv:act-sssss-cf3-1-coref-Basel" opens a mention: number, type, infstat,
            // salience, centering, minspan, link, identity (which may hold hyphens of its own).
            for (qsizetype open = entity.indexOf(u'('); open >= 0; open = entity.indexOf(u'(', open + 1)) {
                qsizetype close = open + 1;
                while (close < entity.size() && entity[close] != u'(' && entity[close] != u')')
                    ++close;
                const QList<QStringView> fields = entity.sliced(open + 1, close - open - 1).split(u'-');
                if (fields.size() < 8 || (fields[1] != u"place" && fields[1] != u"organization"))
                    continue;
                QStringList identity;
                for (qsizetype i = 7; i < fields.size(); ++i)
                    identity << fields[i].toString();
                const QString name
                    = QUrl::fromPercentEncoding(identity.join(u'-').toUtf8()).replace(u'_', u' ').trimmed();
                const QString code = g.countryCode(name);
                if (!code.isEmpty())
                    countryOf.insert(fields[0].toString(), code);
            }
        }
    }
    finishDocument();
    return docs;
}

QList<SalienceScore> evaluateSalience(
    const QString &dataDir, const QString &samplesDir, const QString &expectedJson, const SalienceWeights &weights)
{
    const QList<GumDocument> docs = readGumDocuments(dataDir.isEmpty() ? learn::trainingDataDir() : dataDir);
    if (docs.isEmpty())
        return {};
    QList<SalienceScore> scores;
    for (const char *part : { "train", "dev", "test" }) {
        SalienceScore s;
        s.name = QStringLiteral("GUM %1").arg(QLatin1String(part));
        for (const GumDocument &d : docs) {
            if (d.part != QLatin1String(part))
                continue;
            const Annotation a = Extractor::shared().annotate(d.text, {});
            s.add(rankCountries(d.text, a, {}, weights), d.about);
        }
        scores << s;
    }

    QFile expected(expectedJson);
    if (samplesDir.isEmpty() || !expected.open(QIODevice::ReadOnly))
        return scores;
    SalienceScore listed { QStringLiteral("samples, listed countries") };
    SalienceScore about { QStringLiteral("samples, about countries") };
    const QJsonArray articles = QJsonDocument::fromJson(expected.readAll()).object().value(u"articles").toArray();
    for (const QJsonValue &v : articles) {
        const QJsonObject o = v.toObject();
        QFile f(QDir(samplesDir).filePath(o.value(u"file").toString()));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(f.readAll());
        DocumentContext ctx;
        ctx.fileName = o.value(u"file").toString();
        const Annotation a = Extractor::shared().annotate(text, ctx);
        QStringList gold;
        for (const QJsonValue &c : o.value(u"countries").toArray())
            gold << c.toString();
        const QList<CountrySalience> ranked = rankCountries(text, a, ctx, weights);
        listed.add(ranked, gold, false);
        about.add(ranked, gold);
    }
    scores << listed << about;
    return scores;
}

} // namespace entente

// Where the extraction's time goes and how much text each stage would see: CPU time of tokenizing, entity
// recognition, dates and relations over a corpus (the UN General Debate speeches by default), and the counts that
// decide what the statistical stages cost: tokens, sentences, sentences with two or more distinct actors (which
// the parser reads) and their words, capitalised words the gazetteer does not explain (where the name tagger
// looks).
//
//   bench_stages [--megabytes N] [CORPUS_DIR]
#include "benchcorpus.h"
#include "benchstats.h"
#include "dates.h"
#include "entities.h"
#include "extractor.h"
#include "gazetteer.h"
#include "names.h"
#include "relations.h"
#include "syntax.h"
#include "tokenstream.h"
#include "words.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

using namespace entente;
using entente::bench::cpuSeconds;

namespace { } // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("CPU time and text seen by each extraction stage."));
    p.addHelpOption();
    p.addOption({ QStringLiteral("megabytes"), QStringLiteral("Read at most this many MB (default: all)."),
        QStringLiteral("N") });
    p.addPositionalArgument(QStringLiteral("corpus"), QStringLiteral("A folder of .txt files."));
    p.process(app);

    QTemporaryDir work;
    QString corpus = p.positionalArguments().value(0);
    if (corpus.isEmpty())
        corpus = bench::unpackUnCorpus(work);
    if (corpus.isEmpty())
        return 1;
    const qint64 limit = p.isSet(QStringLiteral("megabytes"))
        ? p.value(QStringLiteral("megabytes")).toLongLong() * 1024 * 1024
        : std::numeric_limits<qint64>::max();
    qint64 bytes = 0;
    QStringList texts;
    for (const bench::CorpusFile &f : bench::readCorpus(corpus, limit, &bytes))
        texts << f.text;
    (void)Extractor::shared();

    double tTokens = 0, tEntities = 0, tDates = 0, tRelations = 0, tParse = 0;
    qint64 parsedSentences = 0, parsedWords = 0;
    qint64 tokens = 0, words = 0, sentences = 0, actorSentences = 0, actorSentenceWords = 0, capitals = 0,
           unexplained = 0, tagged = 0, actorSpanWords = 0, countrySentences = 0, countrySentenceWords = 0;
    std::vector<ModelWord> modelWordsBuf;
    for (const QString &text : std::as_const(texts)) {
        double t0 = cpuSeconds();
        const TokenStream ts(text);
        double t1 = cpuSeconds();
        tTokens += t1 - t0;
        const QList<EntityMention> entities = recogniseEntities(ts, PartialDate {}, DocumentContext {});
        double t2 = cpuSeconds();
        tEntities += t2 - t1;
        tagged += takeTaggedWordCount();
        const QList<DateMention> dates = findDates(ts, PartialDate {});
        double t3 = cpuSeconds();
        tDates += t3 - t2;
        const QList<Relation> relations = findRelations(ts, entities, DocumentContext {});
        const double t4 = cpuSeconds();
        tRelations += t4 - t3;
        parsedSentences += qint64(parseActorSentences(ts, entities).size());
        tParse += cpuSeconds() - t4;
        parsedWords += takeParsedWordCount();

        tokens += qint64(ts.size());
        sentences += ts.sentences().size();
        // Tokens inside a mention, to tell capitals the gazetteer explains.
        std::vector<bool> covered(ts.size(), false);
        std::vector<QSet<QString>> actors(size_t(ts.sentences().size()));
        std::vector<QSet<QString>> countries(size_t(ts.sentences().size()));
        // Per sentence the first and last token of its actors.
        std::vector<std::pair<size_t, size_t>> actorSpan(size_t(ts.sentences().size()), { SIZE_MAX, 0 });
        for (const EntityMention &m : entities) {
            const TokenStream::Range r = ts.tokensIn(m.span);
            for (size_t k = r.first; k < r.last; ++k)
                covered[k] = true;
            const QString id = relationActor(m);
            if (!id.isEmpty() && r.first < ts.size() && ts[r.first].sentence >= 0) {
                const size_t s = size_t(ts[r.first].sentence);
                actors[s].insert(id);
                if (id.size() == 3 && id == id.toUpper())
                    countries[s].insert(id);
                actorSpan[s].first = std::min(actorSpan[s].first, r.first);
                actorSpan[s].second = std::max(actorSpan[s].second, r.last);
            }
        }
        for (qsizetype s = 0; s < ts.sentences().size(); ++s) {
            const TokenStream::Range r = ts.sentenceTokens(s);
            modelWordsBuf.clear();
            modelWords(ts, r, modelWordsBuf);
            words += qint64(modelWordsBuf.size());
            if (actors[size_t(s)].size() >= 2) {
                ++actorSentences;
                actorSentenceWords += qint64(modelWordsBuf.size());
                // The words from three before the first actor to three after the last, at most 60.
                qint64 inSpan = 0;
                for (const ModelWord &w : modelWordsBuf)
                    inSpan += w.lastToken + 3 > actorSpan[size_t(s)].first
                        && w.firstToken < actorSpan[size_t(s)].second + 3;
                actorSpanWords += std::min<qint64>(inSpan, 60);
            }
            if (countries[size_t(s)].size() >= 2) {
                ++countrySentences;
                countrySentenceWords += qint64(modelWordsBuf.size());
            }
            for (size_t k = r.first; k < r.last; ++k) {
                const Token &t = ts[k];
                if (!t.is(Token::Word) || t.is(Token::Digit) || !(t.is(Token::Capitalised) || t.is(Token::AllCaps)))
                    continue;
                ++capitals;
                if (!covered[k] && k != r.first)
                    ++unexplained;
            }
        }
    }
    const double mb = double(bytes) / 1e6;
    std::printf("corpus: %lld files, %.1f MB\n", qint64(texts.size()), mb);
    std::printf("CPU s:  tokens+sentences %.2f  entities %.2f  dates %.2f  relations %.2f\n", tTokens, tEntities,
        tDates, tRelations);
    std::printf("syntax stage (tag and parse sentences with >= 2 distinct actors, at most %d words): %.2f CPU s, "
                "%lld sentences, %lld words, %.0f words/s\n",
        ParseLimits {}.maxWords, tParse, parsedSentences, parsedWords, tParse > 0 ? double(parsedWords) / tParse : 0.0);
    std::printf("tokens %lld, model words %lld, sentences %lld\n", tokens, words, sentences);
    std::printf("sentences with >= 2 distinct actors: %lld (%.1f%%), %lld words (%.1f%% of words)\n", actorSentences,
        100.0 * double(actorSentences) / double(std::max<qint64>(1, sentences)), actorSentenceWords,
        100.0 * double(actorSentenceWords) / double(std::max<qint64>(1, words)));
    std::printf("  their words from 3 before the first actor to 3 after the last, at most 60: %lld (%.1f%%)\n",
        actorSpanWords, 100.0 * double(actorSpanWords) / double(std::max<qint64>(1, words)));
    std::printf("sentences with >= 2 distinct countries: %lld, %lld words (%.1f%%)\n", countrySentences,
        countrySentenceWords, 100.0 * double(countrySentenceWords) / double(std::max<qint64>(1, words)));
    std::printf("words given to the name tagger: %lld (%.1f%% of words)\n", tagged,
        100.0 * double(tagged) / double(std::max<qint64>(1, words)));
    std::printf("capitalised words %lld (%.1f%% of tokens); not in a mention nor a sentence's first: %lld (%.1f%%)\n",
        capitals, 100.0 * double(capitals) / double(std::max<qint64>(1, tokens)), unexplained,
        100.0 * double(unexplained) / double(std::max<qint64>(1, tokens)));
    return 0;
}

// libFuzzer target: the whole extraction pipeline (Extractor::annotate) on UTF-8 text, with the
// annotation's own promises checked: every span lies inside the text and says what it covers, no
// amount or salience is out of range. The gazetteer and the trained models (about 20 MB) load
// once, in LLVMFuzzerInitialize; run.sh bounds the input size so that each run stays fast.
#include "annotation.h"
#include "extractor.h"

#include <QString>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void fail(const char *what, qsizetype start, qsizetype end)
{
    std::fprintf(stderr, "fuzz_annotate: %s (span %lld..%lld)\n", what, static_cast<long long>(start),
        static_cast<long long>(end));
    std::abort();
}

void checkSpan(const QString &text, const entente::Span &span, const char *what)
{
    if (span.start < 0 || span.start > span.end || span.end > text.size())
        fail(what, span.start, span.end);
}

void check(const QString &text, const entente::Annotation &a)
{
    for (const entente::Span &s : a.sentences)
        checkSpan(text, s, "sentence span outside the text");
    for (const entente::EntityMention &e : a.entities) {
        checkSpan(text, e.span, "entity span outside the text");
        if (e.text != text.mid(e.span.start, e.span.end - e.span.start))
            fail("entity text is not the text of its span", e.span.start, e.span.end);
        if (!std::isfinite(e.amount) || !std::isfinite(e.confidence))
            fail("entity amount or confidence not finite", e.span.start, e.span.end);
    }
    for (const entente::DateMention &d : a.dates) {
        checkSpan(text, d.span, "date span outside the text");
        if (d.text != text.mid(d.span.start, d.span.end - d.span.start))
            fail("date text is not the text of its span", d.span.start, d.span.end);
    }
    for (const entente::Relation &r : a.relations) {
        checkSpan(text, r.span, "relation span outside the text");
        if (r.sentence < 0 || r.sentence >= a.sentences.size())
            fail("relation names no sentence", r.span.start, r.span.end);
        for (const entente::Span &c : r.cueSpans)
            checkSpan(text, c, "cue span outside the text");
        if (!std::isfinite(r.goldstein))
            fail("Goldstein value not finite", r.span.start, r.span.end);
    }
    for (const entente::CountrySalience &c : a.countries) {
        if (!(c.salience >= 0.0 && c.salience <= 1.0))
            fail("salience outside 0..1", 0, 0);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    (void)entente::Extractor::shared();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    entente::DocumentContext ctx;
    ctx.fileName = QStringLiteral("article.txt");
    // Half the inputs (by the parity of their size, which mutations change often) with a published
    // date, which relative dates ("last Tuesday") resolve against: both paths, one annotation a run.
    if (size % 2 == 1)
        ctx.published = entente::PublishedDate { entente::PartialDate::fromIso(QStringLiteral("2023-05-11")),
            entente::DateSource::Metadata, {} };
    check(text, entente::Extractor::shared().annotate(text, ctx));
    return 0;
}

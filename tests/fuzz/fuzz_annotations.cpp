// libFuzzer target: reading the lines `entente ingest --annotations` stores (readAnnotatedArticle), from
// another machine and so not to be trusted. A JSON object gets this program's version put in, so that the
// fuzzer reaches past the version check into the record and the annotation (refused lines are checked too:
// one line of reason each). A line that is read must keep
// the promises the store and the Reader rely on: every span inside the text, every relation naming a sentence.
#include "annotatedarticle.h"
#include "extractionversion.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_annotations: %s\n", what);
    std::abort();
}

void checkSpan(const QString &text, const entente::Span &span, const char *what)
{
    if (span.start < 0 || span.start > span.end || span.end > text.size())
        fail(what);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    (void)entente::ExtractionVersion::current();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray line(reinterpret_cast<const char *>(data), qsizetype(size));
    // The seeds' versions go stale as the models are trained again; the version check is tst_distributed's.
    if (const QJsonDocument doc = QJsonDocument::fromJson(line); doc.isObject()) {
        const entente::ExtractionVersion &v = entente::ExtractionVersion::current();
        QJsonObject o = doc.object();
        o.insert(QStringLiteral("entente"),
            QJsonObject { { QStringLiteral("format"), v.format }, { QStringLiteral("models"), v.models },
                { QStringLiteral("lexicon"), v.lexicon } });
        line = QJsonDocument(o).toJson(QJsonDocument::Compact);
    }
    entente::ArticleRecord r;
    entente::Annotation a;
    QString why;
    if (!entente::readAnnotatedArticle(line, &r, &a, &why)) {
        if (why.isEmpty() || why.contains(u'\n'))
            fail("a line refused without a one-line reason");
        return 0;
    }
    for (const entente::Span &s : a.sentences)
        checkSpan(r.text, s, "sentence span outside the text");
    for (const entente::EntityMention &e : a.entities)
        checkSpan(r.text, e.span, "entity span outside the text");
    for (const entente::DateMention &d : a.dates)
        checkSpan(r.text, d.span, "date span outside the text");
    for (const entente::Relation &rel : a.relations) {
        checkSpan(r.text, rel.span, "relation span outside the text");
        for (const entente::Span &c : rel.cueSpans)
            checkSpan(r.text, c, "cue span outside the text");
        if (rel.sentence < 0 || rel.sentence >= a.sentences.size())
            fail("relation names no sentence");
    }
    if (r.hash != r.contentHash() || r.hash.isEmpty())
        fail("no content hash");
    return 0;
}

// Writes the scale corpus of issue 11 §4: articles by the hundred thousand, made from the UN General Debate
// speeches, to measure the window and the import at the size of a real archive.
//
//   make_scale_corpus [--target 400000] [--corpus DIR] OUT_DIR
//
// Each speech gives, as JSON Lines (title, text, date = its year, country = the speaker's ISO code):
// - the whole speech;
// - each of its paragraphs;
// - while the count is short of --target, excerpts of two consecutive paragraphs, then of three, and so on,
//   speech by speech in file order, until the count is reached.
// The paragraphs alone give about 180,000 articles; the excerpts make up the rest, as the same story
// reprinted in part does in a news archive. The output is one file per session (`session-NN-YYYY.jsonl`),
// deterministic: the same corpus and target give the same bytes.
//
// Paragraphs: recent speeches have one per line. Older ones are wrapped at a fixed width; there a line
// ends a paragraph only when it ends a sentence and is clearly shorter than the speech's usual line.
// A numbered paragraph ("12.<TAB>...") also starts a new one. Without --corpus the tarball in
// ../shared/corpus/ungdc is unpacked to a temporary folder first.
#include "benchcorpus.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

namespace {

struct Speech
{
    QString code;
    int year = 0;
    int session = 0;
    QString text;
    QStringList paragraphs;
};

bool endsSentence(QStringView line)
{
    const QStringView t = line.trimmed();
    if (t.isEmpty())
        return false;
    const QChar last = t.back();
    return last == u'.' || last == u'!' || last == u'?' || last == u':' || last == u'"' || last == u'\u201D';
}

QStringList paragraphsOf(const QString &text)
{
    static const QRegularExpression numbered(QStringLiteral("^\\d{1,3}\\.\\s"));
    QStringList lines;
    for (QStringView l : QStringView(text).split(u'\n')) {
        const QStringView t = l.trimmed();
        if (!t.isEmpty())
            lines << t.toString();
    }
    if (lines.isEmpty())
        return {};
    std::vector<qsizetype> lengths;
    for (const QString &l : lines)
        lengths.push_back(l.size());
    std::nth_element(lengths.begin(), lengths.begin() + qsizetype(lengths.size() / 2), lengths.end());
    const qsizetype usual = lengths[lengths.size() / 2];
    const bool wrapped = usual < 120; // a speech of one paragraph per line has a median line of several hundred
    QStringList out;
    QString current;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &l = lines.at(i);
        if (!current.isEmpty() && numbered.match(l).hasMatch()) {
            out << current;
            current.clear();
        }
        if (!current.isEmpty())
            current += u' ';
        current += l;
        const bool ends = !wrapped || (endsSentence(l) && l.size() < usual * 8 / 10);
        if (ends) {
            out << current;
            current.clear();
        }
    }
    if (!current.isEmpty())
        out << current;
    // A numbered paragraph's number is layout, not text.
    for (QString &p : out)
        p.remove(numbered);
    out.removeIf([](const QString &p) { return p.size() < 40; });
    return out;
}

QString countryTitle(const Speech &s)
{
    return QStringLiteral("%1 \u2014 UN General Debate %2").arg(s.code).arg(s.year);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Writes the scale corpus (issue 11 §4) as JSON Lines."));
    parser.addHelpOption();
    const QCommandLineOption targetOption(QStringLiteral("target"),
        QStringLiteral("Articles to write at least (default 400000)."), QStringLiteral("N"), QStringLiteral("400000"));
    const QCommandLineOption corpusOption(QStringLiteral("corpus"),
        QStringLiteral("The unpacked UN General Debate corpus (default: unpack ../shared's)."), QStringLiteral("DIR"));
    parser.addOption(targetOption);
    parser.addOption(corpusOption);
    parser.addPositionalArgument(QStringLiteral("out"), QStringLiteral("The folder to write the .jsonl files to."));
    parser.process(app);
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "make_scale_corpus: give the output folder\n");
        return 2;
    }
    const qint64 target = parser.value(targetOption).toLongLong();
    QTemporaryDir unpacked;
    QString corpus = parser.value(corpusOption);
    if (corpus.isEmpty()) {
        corpus = entente::bench::unpackUnCorpus(unpacked);
        if (corpus.isEmpty())
            return 1;
    }

    static const QRegularExpression name(QStringLiteral("^([A-Z]{2,3})_(\\d{1,3})_(\\d{4})\\.txt$"));
    QStringList files;
    QDirIterator it(corpus, { QStringLiteral("*.txt") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    std::vector<Speech> speeches;
    for (const QString &path : files) {
        const auto m = name.match(QFileInfo(path).fileName());
        QFile f(path);
        if (!m.hasMatch() || !f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "%s: skipped (not a speech of the corpus)\n", qPrintable(path));
            continue;
        }
        Speech s { m.captured(1), m.captured(3).toInt(), m.captured(2).toInt(),
            QString::fromUtf8(f.readAll()).trimmed(), {} };
        s.paragraphs = paragraphsOf(s.text);
        speeches.push_back(std::move(s));
    }

    const QDir out(parser.positionalArguments().constFirst());
    if (!out.mkpath(QStringLiteral("."))) {
        std::fprintf(stderr, "%s: cannot create the folder\n", qPrintable(out.path()));
        return 1;
    }
    std::map<int, std::vector<QByteArray>> bySession; // session -> lines, in the order made
    qint64 count = 0;
    qint64 paragraphs = 0;
    const auto add = [&](const Speech &s, const QString &title, const QString &text) {
        QJsonObject o;
        o.insert(QStringLiteral("title"), title);
        o.insert(QStringLiteral("date"), QString::number(s.year));
        o.insert(QStringLiteral("country"), s.code);
        o.insert(QStringLiteral("source"), QStringLiteral("UN General Debate"));
        o.insert(QStringLiteral("text"), text);
        bySession[s.session].push_back(QJsonDocument(o).toJson(QJsonDocument::Compact));
        ++count;
    };
    for (const Speech &s : speeches) {
        add(s, countryTitle(s), s.text);
        for (qsizetype p = 0; p < s.paragraphs.size(); ++p)
            add(s, QStringLiteral("%1, paragraph %2").arg(countryTitle(s)).arg(p + 1), s.paragraphs.at(p));
        paragraphs += s.paragraphs.size();
    }
    const qint64 fromParagraphs = count;
    int window = 2;
    bool grew = true;
    while (count < target && grew) {
        grew = false;
        for (const Speech &s : speeches) {
            for (qsizetype p = 0; p + window <= s.paragraphs.size() && count < target; ++p) {
                add(s, QStringLiteral("%1, paragraphs %2\u2013%3").arg(countryTitle(s)).arg(p + 1).arg(p + window),
                    s.paragraphs.mid(p, window).join(u'\n'));
                grew = true;
            }
            if (count >= target)
                break;
        }
        ++window;
    }

    qint64 bytes = 0;
    for (const auto &[session, lines] : bySession) {
        const int year = 1945 + session;
        QFile f(out.filePath(QStringLiteral("session-%1-%2.jsonl").arg(session, 2, 10, QChar(u'0')).arg(year)));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            std::fprintf(stderr, "%s: cannot write\n", qPrintable(f.fileName()));
            return 1;
        }
        for (const QByteArray &line : lines) {
            f.write(line);
            f.write("\n");
            bytes += line.size() + 1;
        }
    }
    std::printf("%zu speeches, %lld paragraphs: %lld articles (%lld speeches and paragraphs, %lld excerpts of up to "
                "%d paragraphs), %.1f MB in %zu files\n",
        speeches.size(), paragraphs, count, fromParagraphs, count - fromParagraphs, window - 1, double(bytes) / 1e6,
        bySession.size());
    return 0;
}

#include "filenames.h"
#include "filereader.h"
#include "htmlreader.h"
#include "languageguess.h"
#include "textdecoder.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace entente;

// The importer's file readers, each on real files written to a temporary folder.
class TestFileReader : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void fileNameBytesComeBackWhole_data();
    void fileNameBytesComeBackWhole();

    void sampleArticles_data();
    void sampleArticles();
    void sampleArticlesAgreeWithExpectations();
    void plainTextHeader_data();
    void plainTextHeader();
    void plainTextFooter_data();
    void plainTextFooter();
    void markdownFrontMatter();
    void unGeneralDebate();

    void html();
    void htmlWithoutArticleTakesLargestParagraphGroup();
    void htmlDeeplyNested();
    void htmlEntities_data();
    void htmlEntities();
    void htmlByContentUnderTxtName();

    void jsonLinesWithBrokenLine();
    void jsonArray();
    void jsonSingleObjectAndWrapper();
    void jsonBroken();
    void jsonTextThatIsNoText();
    void jsonNumbersAsFieldValues();
    void csvQuotedNewlinesAndShortRow();
    void csvWithoutTextColumn();
    void tsv();

    void encodings_data();
    void encodings();

    void skipped_data();
    void skipped();
    void pngRenamedTxt();
    void nonexistentPath();
    void unreadableFile();
    void hiddenFileAndFolder();
    void hugeFileWithoutNewline();
    void notRegularFiles();
    void readsWithACap();

    void language_data();
    void language();
    void messageFormat();

private:
    QString write(const QString &name, const QByteArray &data);
    static ArticleRecord only(const FileReadResult &r);

    std::unique_ptr<QTemporaryDir> m_dir; // a fresh folder for every test function
};

void TestFileReader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestFileReader::write(const QString &name, const QByteArray &data)
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(data);
    return path;
}

ArticleRecord TestFileReader::only(const FileReadResult &r)
{
    if (r.articles.size() != 1) {
        for (const ImportMessage &m : r.messages)
            qWarning("%s", qPrintable(m.toString()));
        return {};
    }
    return r.articles.first();
}

static QString seedPath(const QString &name)
{
    return QStringLiteral(ENTENTE_SHARED_DIR "/corpus/seeds/") + name;
}

void TestFileReader::sampleArticles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("section");
    QTest::addColumn<QString>("published");
    QTest::addColumn<QString>("precision");
    QTest::addColumn<QString>("dateSource");
    QTest::addColumn<QString>("author");
    QTest::addColumn<QString>("place");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("textStart");
    QTest::addColumn<QString>("textEnd");

    QTest::newRow("metadata line, section label, headline, byline and author box")
        << u"000_30131f8048409398.txt"_qs
        << u"China’s Diplomacy in 2023: A Year of Active Engagement and Promotion of Common Prosperity"_qs
        << u"China"_qs << u"2023-12-30"_qs << u"day"_qs << u"metadata"_qs << u"Aqsa Younas Rana"_qs << QString()
        << QString() << QString() << u"In the year 2023, China has emerged"_qs
        << u"the success of the Belt and Road Initiative."_qs;
    QTest::newRow("emoji headline, no date")
        << u"001_4aa28a05ed865195.txt"_qs << u"China Foreign Relations: Expanding Global Engagement Today"_qs
        << QString() << QString() << u"unknown"_qs << u"none"_qs << QString() << QString() << QString() << QString()
        << u"China’s foreign relations strategy"_qs << u"responsibly, sustainably, and strategically."_qs;
    QTest::newRow("wire dateline and press-release footer")
        << u"002_441c7837188b1294.txt"_qs << QString() << QString() << u"2023-05-11"_qs << u"day"_qs << u"dateline"_qs
        << QString() << u"Beijing"_qs << u"PRNewswire"_qs
        << u"https://www.prnewswire.co.uk/news-releases/cgtn-head-of-state-diplomacy-ushers-in-thriving-china-central-asia-ties-301821999.html"_qs
        << u"BEIJING, May 11, 2023 /PRNewswire/ — Since China"_qs << u"an assistant researcher at the CIIS."_qs;
    QTest::newRow("long headline and comment-form footer")
        << u"003_9c64d6827ad79c24.txt"_qs
        << u"30 events including the summit of 12 countries in 48 hours… Xi Jinping, the first outing in 32 months of ‘bright assault’"_qs
        << QString() << QString() << u"unknown"_qs << u"none"_qs << QString() << QString() << QString() << QString()
        << u"Chinese President Xi Jinping (fourth from left)"_qs << u"relevant countries to a new level.”"_qs;
    QTest::newRow("short headline directly above the body")
        << u"004_635c17f1ea9b1497.txt"_qs << u"Diplomacy and politics"_qs << QString() << QString() << u"unknown"_qs
        << u"none"_qs << QString() << QString() << QString() << QString() << u"Faced with a changing world"_qs
        << u"to improve their own security."_qs;
}

void TestFileReader::sampleArticles()
{
    QFETCH(QString, file);
    const FileReadResult r = readArticleFile(seedPath(file));
    QVERIFY(r.bytes > 0);
    const ArticleRecord a = only(r);
    QFETCH(QString, title);
    QFETCH(QString, section);
    QFETCH(QString, published);
    QFETCH(QString, precision);
    QFETCH(QString, dateSource);
    QFETCH(QString, author);
    QFETCH(QString, place);
    QFETCH(QString, source);
    QFETCH(QString, url);
    QFETCH(QString, textStart);
    QFETCH(QString, textEnd);
    QCOMPARE(a.title, title);
    QCOMPARE(a.section, section);
    QCOMPARE(a.published.date.toIso(), published);
    QCOMPARE(precisionName(a.published.date.precision), precision);
    QCOMPARE(dateSourceName(a.published.source), dateSource);
    QCOMPARE(a.author, author);
    QCOMPARE(a.datelinePlace, place);
    QCOMPARE(a.source, source);
    QCOMPARE(a.url, url);
    QCOMPARE(a.language, u"en"_qs);
    QCOMPARE(a.file, QFileInfo(seedPath(file)).absoluteFilePath());
    QVERIFY2(a.text.startsWith(textStart), qPrintable(a.text.left(100)));
    QVERIFY2(a.text.endsWith(textEnd), qPrintable(a.text.right(100)));
    // Boilerplate never survives into the text.
    for (const QString &junk : { u"Leave a Reply"_qs, u"Akismet"_qs, u"View original content"_qs,
             u"stands as a beacon"_qs, u"activate JavaScript"_qs })
        QVERIFY2(!a.text.contains(junk), qPrintable(junk));
}

void TestFileReader::sampleArticlesAgreeWithExpectations()
{
    // The analyst's expectations file is the reference: title, date, author, dateline, language.
    QFile f(QStringLiteral(ENTENTE_SHARED_DIR "/corpus/seeds.expected.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray articles
        = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("articles")).toArray();
    QCOMPARE(articles.size(), 5);
    for (const QJsonValue &v : articles) {
        const QJsonObject e = v.toObject();
        const ArticleRecord a = only(readArticleFile(seedPath(e.value(QStringLiteral("file")).toString())));
        QCOMPARE(a.title, e.value(QStringLiteral("title")).toString()); // null reads as empty
        QCOMPARE(a.published.date.toIso(), e.value(QStringLiteral("published")).toString());
        if (e.contains(QStringLiteral("author")))
            QCOMPARE(a.author, e.value(QStringLiteral("author")).toString());
        QCOMPARE(a.language, e.value(QStringLiteral("language")).toString());
        const QJsonObject dateline = e.value(QStringLiteral("dateline")).toObject();
        QCOMPARE(a.datelinePlace, dateline.value(QStringLiteral("place")).toString());
        if (!dateline.isEmpty())
            QCOMPARE(a.source, dateline.value(QStringLiteral("source")).toString());
    }
}

void TestFileReader::plainTextHeader_data()
{
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("section");
    QTest::addColumn<QString>("author");
    QTest::addColumn<QString>("textStart");

    QTest::newRow("label, blank, headline")
        << u"World\n\nLeaders Meet in Geneva\n\nThe talks began on Monday.\n"_qs << u"Leaders Meet in Geneva"_qs
        << u"World"_qs << QString() << u"The talks began"_qs;
    QTest::newRow("first line ending like a sentence is body")
        << u"The talks began on Monday.\nThey ended on Friday.\n"_qs << QString() << QString() << QString()
        << u"The talks began on Monday."_qs;
    QTest::newRow("very long first line is body")
        << (QString(30, u'w').append(u' ').repeated(12) + u"\nSecond line.\n"_qs) << QString() << QString() << QString()
        << u"wwww"_qs;
    QTest::newRow("single line is body, not a title")
        << u"Only one line without a stop"_qs << QString() << QString() << QString() << u"Only one line"_qs;
    QTest::newRow("markdown heading and byline")
        << u"# Summit Ends With Accord\n\nBy Maria Lopez | June 2, 2022\n\nDelegates agreed.\n"_qs
        << u"Summit Ends With Accord"_qs << QString() << u"Maria Lopez"_qs << u"Delegates agreed."_qs;
    QTest::newRow("label followed by body is the title")
        << u"Diplomacy\nParis and Rome signed a treaty.\n"_qs << u"Diplomacy"_qs << QString() << QString()
        << u"Paris and Rome"_qs;
    QTest::newRow("pictographs removed from headline")
        << u"🚀✨ Launch Day Arrives 🎉\nThe rocket lifted off.\n"_qs << u"Launch Day Arrives"_qs << QString() << QString()
        << u"The rocket"_qs;
    QTest::newRow("hard-wrapped prose continuing in lower case is body")
        << u"I should like\nto thank the President for his work.\n"_qs << QString() << QString() << QString()
        << u"I should like\nto thank"_qs;
    QTest::newRow("hard-wrapped prose continuing after a blank line is body")
        << u"The European Union is fighting intensely to preserve the rules-based\n \ninternational order.\n"_qs
        << QString() << QString() << QString() << u"The European Union"_qs;
    QTest::newRow("wrapped line above another wrapped line is body")
        << u"Talks on the future of Europe\nContinue in Brussels this week while\nministers meet.\n"_qs << QString()
        << QString() << QString() << u"Talks on the future"_qs;
    QTest::newRow("two sentences on the first line are body")
        << u"Leaders met today. Talks were useful\n\nMore text follows here.\n"_qs << QString() << QString()
        << QString() << u"Leaders met today."_qs;
    QTest::newRow("abbreviation in a headline is not a sentence break")
        << u"Mr. Xi Meets U.S. Envoy\n\nThe meeting was short.\n"_qs << u"Mr. Xi Meets U.S. Envoy"_qs << QString()
        << QString() << u"The meeting"_qs;
    QTest::newRow("CRLF line ends") << u"Talks Resume\r\n\r\nThe envoys met.\r\n"_qs << u"Talks Resume"_qs << QString()
                                    << QString() << u"The envoys met."_qs;
}

void TestFileReader::plainTextHeader()
{
    QFETCH(QString, content);
    QFETCH(QString, title);
    QFETCH(QString, section);
    QFETCH(QString, author);
    QFETCH(QString, textStart);
    const ArticleRecord a = only(readArticleFile(write(u"article.txt"_qs, content.toUtf8())));
    QCOMPARE(a.title, title);
    QCOMPARE(a.section, section);
    QCOMPARE(a.author, author);
    QVERIFY2(a.text.startsWith(textStart), qPrintable(a.text));
    QVERIFY(!a.text.endsWith(u'\n'));
}

void TestFileReader::plainTextFooter_data()
{
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("textEnd");
    QTest::addColumn<QString>("author");

    const QString head = u"Headline Here\n\nFirst paragraph of the story.\n\nLast paragraph of the story.\n\n"_qs;
    QTest::newRow("share buttons and comment form")
        << head + u"Share this:\nFacebook\nX\nWhatsApp\n\nLeave a comment\n\nCancel reply\n"_qs
        << u"Last paragraph of the story."_qs << QString();
    QTest::newRow("author box found by the bio naming the author")
        << head + u"Jane Q Public\n\nJane is a correspondent covering Asia for twenty years.\n"_qs
        << u"Last paragraph of the story."_qs << u"Jane Q Public"_qs;
    QTest::newRow("a closing quote line stays")
        << head + u"“We will return,” she said.\n"_qs << u"“We will return,” she said."_qs << QString();
    QTest::newRow("name line without a bio about it stays")
        << head + u"Jane Q Public\n\nThe meeting continues tomorrow.\n"_qs << u"The meeting continues tomorrow."_qs
        << QString();
}

void TestFileReader::plainTextFooter()
{
    QFETCH(QString, content);
    QFETCH(QString, textEnd);
    QFETCH(QString, author);
    const ArticleRecord a = only(readArticleFile(write(u"article.txt"_qs, content.toUtf8())));
    QVERIFY2(a.text.endsWith(textEnd), qPrintable(a.text));
    QCOMPARE(a.author, author);
    QVERIFY(a.text.startsWith(u"First paragraph"));
}

void TestFileReader::markdownFrontMatter()
{
    const QByteArray md = "---\ntitle: \"Ceasefire Holds\"\ndate: 2022-08-09\nauthor: Sam Lee\nsource: Example Times\n"
                          "url: https://example.org/a\nlang: en\n---\n\nThe ceasefire held overnight.\n";
    const ArticleRecord a = only(readArticleFile(write(u"post.md"_qs, md)));
    QCOMPARE(a.title, u"Ceasefire Holds"_qs);
    QCOMPARE(a.published.date.toIso(), u"2022-08-09"_qs);
    QCOMPARE(a.published.source, DateSource::Metadata);
    QCOMPARE(a.author, u"Sam Lee"_qs);
    QCOMPARE(a.source, u"Example Times"_qs);
    QCOMPARE(a.url, u"https://example.org/a"_qs);
    QCOMPARE(a.text, u"The ceasefire held overnight."_qs);
}

void TestFileReader::unGeneralDebate()
{
    const QByteArray speech = "Mr. President,\n\nAt present, the international security situation is grim.\n";
    const ArticleRecord a = only(readArticleFile(write(u"Session 78 - 2023/CHN_78_2023.txt"_qs, speech)));
    QCOMPARE(a.sourceCountry, u"CHN"_qs);
    QCOMPARE(a.published.date.toIso(), u"2023"_qs);
    QCOMPARE(a.published.date.precision, Precision::Year);
    QCOMPARE(a.published.source, DateSource::FileName);
    QCOMPARE(a.title, u"China — UN General Debate 2023 (session 78)"_qs);
    QCOMPARE(a.source, u"China"_qs);
    // No headline: the whole speech is the body.
    QVERIFY(a.text.startsWith(u"Mr. President,"));
    QVERIFY(a.text.endsWith(u"is grim."));

    const ArticleRecord old = only(readArticleFile(write(u"YUG_1_1946.txt"_qs, speech)));
    QCOMPARE(old.title, u"Yugoslavia — UN General Debate 1946 (session 1)"_qs);
    // The European Union speaks under a two-letter code.
    const ArticleRecord eu = only(readArticleFile(write(u"EU_78_2023.txt"_qs, speech)));
    QCOMPARE(eu.published.date.toIso(), u"2023"_qs);
    QCOMPARE(eu.source, u"European Union"_qs);
    // A name that only looks similar is an ordinary article.
    const ArticleRecord other = only(readArticleFile(write(u"CHN_78_2023_notes.txt"_qs, speech)));
    QVERIFY(other.sourceCountry.isEmpty());
}

void TestFileReader::html()
{
    const QByteArray page = R"(<!DOCTYPE html>
<html lang="fr-FR"><head>
<title>Page title | Site</title>
<meta property="og:title" content="Accord de Paris &amp; suites">
<meta property="article:published_time" content="2021-04-22T09:00:00+02:00">
<meta name="author" content="Claire Dubois">
<meta property="og:site_name" content="Le Journal">
<link rel="canonical" href="https://example.fr/accord">
<style>p { color: red; }</style>
<script>var x = "<p>not text</p>";</script>
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-01"}</script>
</head><body>
<header><nav><a href="/">Accueil</a></nav><h1>Accord de Paris</h1></header>
<!-- <p>a comment</p> -->
<article>
<p>La France et l&#8217;Allemagne ont sign&eacute; un accord.</p>
<p>Les deux pays&nbsp;coop&egrave;rent &#x2014; depuis longtemps.<br>Nouvelle ligne.</p>
<aside>Lire aussi : autre chose</aside>
<form><input name="q"><button>Chercher</button></form>
</article>
<footer>© Le Journal</footer>
</body></html>)";
    const ArticleRecord a = only(readArticleFile(write(u"page.html"_qs, page)));
    QCOMPARE(a.title, u"Accord de Paris & suites"_qs);
    QCOMPARE(a.published.date.toIso(), u"2021-04-22"_qs); // the article's own meta over JSON-LD
    QCOMPARE(a.published.source, DateSource::Metadata);
    QCOMPARE(a.author, u"Claire Dubois"_qs);
    QCOMPARE(a.source, u"Le Journal"_qs);
    QCOMPARE(a.url, u"https://example.fr/accord"_qs);
    QCOMPARE(a.language, u"fr"_qs);
    QCOMPARE(a.text,
        u"La France et l’Allemagne ont signé un accord.\n\n"
        u"Les deux pays coopèrent — depuis longtemps.\nNouvelle ligne."_qs); // &nbsp; reads as a space
}

void TestFileReader::htmlWithoutArticleTakesLargestParagraphGroup()
{
    const QByteArray page = R"(<html><head><title>Talks &ndash; Day 2</title>
<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2019-11-05T10:00:00Z","author":[{"@type":"Person","name":"Ann Roe"}]}]}</script>
</head><body>
<div class="sidebar"><p>Short teaser one.</p><p>Teaser two.</p></div>
<div class="content"><h1>Talks Day 2</h1>
<p>The second day of talks opened with a long statement by the host, who welcomed delegations.</p>
<p>Negotiators then worked late into the night on the text of the joint communiqué.</p>
<h2>Next steps</h2>
<p>A third round is planned for spring.</p>
</div>
<p>By <a rel="author" href="/ann">Ann Roe</a></p>
<time datetime="2018-01-01">old</time>
</body></html>)";
    const ArticleRecord a = only(readArticleFile(write(u"talks.htm"_qs, page)));
    QCOMPARE(a.title, u"Talks – Day 2"_qs);
    QCOMPARE(a.published.date.toIso(), u"2019-11-05"_qs);
    QCOMPARE(a.author, u"Ann Roe"_qs);
    QVERIFY(a.text.startsWith(u"The second day of talks"));
    QVERIFY(a.text.contains(u"\n\nNext steps\n\n"));
    QVERIFY(a.text.endsWith(u"planned for spring."));
    QVERIFY(!a.text.contains(u"teaser", Qt::CaseInsensitive));
    QVERIFY(!a.text.contains(u"Talks Day 2"));
}

void TestFileReader::htmlDeeplyNested()
{
    QByteArray page = "<html><body>";
    for (int i = 0; i < 10000; ++i)
        page += "<div>";
    page += "<p>Deep inside the markup.</p>";
    for (int i = 0; i < 10000; ++i)
        page += "</div>";
    // Stray end tags that match nothing must not cost a full stack scan each.
    for (int i = 0; i < 10000; ++i)
        page += "</span>";
    page += "</body></html>";
    // How long it takes is for the benchmarks; here, that it ends with the right text.
    const ArticleRecord a = only(readArticleFile(write(u"deep.html"_qs, page)));
    QCOMPARE(a.text, u"Deep inside the markup."_qs);
    // Unclosed elements at the end of a broken page too.
    QByteArray broken = "<html><body>";
    for (int i = 0; i < 10000; ++i)
        broken += "<div><span>";
    broken += "<p>Never closed";
    const ArticleRecord b = only(readArticleFile(write(u"broken.html"_qs, broken)));
    QCOMPARE(b.text, u"Never closed"_qs);
}

void TestFileReader::htmlEntities_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("named") << u"A &amp; B &lt;c&gt; &quot;d&quot; &hellip;"_qs << u"A & B <c> \"d\" …"_qs;
    QTest::newRow("decimal and hex") << u"it&#8217;s &#x201C;x&#x201d;"_qs << u"it’s “x”"_qs;
    QTest::newRow("windows-1252 code points as browsers read them") << u"&#146;"_qs << u"’"_qs;
    QTest::newRow("astral code point") << u"&#127757;"_qs << u"🌍"_qs;
    QTest::newRow("unknown entity kept") << u"&bogus; & alone"_qs << u"&bogus; & alone"_qs;
    QTest::newRow("missing semicolon") << u"&amp B"_qs << u"& B"_qs;
}

void TestFileReader::htmlEntities()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(decodeHtmlEntities(in), out);
}

void TestFileReader::htmlByContentUnderTxtName()
{
    const QByteArray page = "\n  <!doctype html><html><body><p>Saved as text.</p></body></html>";
    const ArticleRecord a = only(readArticleFile(write(u"saved.txt"_qs, page)));
    QCOMPARE(a.text, u"Saved as text."_qs);
}

void TestFileReader::jsonLinesWithBrokenLine()
{
    const QByteArray jsonl
        = "{\"title\": \"One\", \"text\": \"First text.\", \"date\": \"2023-05-11\", \"lang\": \"en\"}\n"
          "{\"title\": \"Two\", \"text\": \"Second text.\"\n"
          "\n"
          "{\"Title\": \"Three\", \"CONTENT\": \"Third text.\", \"published_at\": \"May 2, 2021\","
          " \"url\": \"https://e.org/3\", \"source\": \"Wire\", \"author\": [\"A B\", \"C D\"]}\n"
          "{\"title\": \"No text\"}\n"
          "[1, 2]\n";
    const QString path = write(u"feed.jsonl"_qs, jsonl);
    const FileReadResult r = readArticleFile(path);
    QCOMPARE(r.articles.size(), 2);
    QCOMPARE(r.articles[0].title, u"One"_qs);
    QCOMPARE(r.articles[0].fileLine, 1);
    QCOMPARE(r.articles[0].published.date.toIso(), u"2023-05-11"_qs);
    QCOMPARE(r.articles[1].title, u"Three"_qs);
    QCOMPARE(r.articles[1].fileLine, 4);
    QCOMPARE(r.articles[1].text, u"Third text."_qs);
    QCOMPARE(r.articles[1].published.date.toIso(), u"2021-05-02"_qs);
    QCOMPARE(r.articles[1].url, u"https://e.org/3"_qs);
    QCOMPARE(r.articles[1].source, u"Wire"_qs);
    QCOMPARE(r.articles[1].author, u"A B, C D"_qs);
    QCOMPARE(r.messages.size(), 3);
    QCOMPARE(r.messages[0].line, 2);
    QVERIFY(
        r.messages[0].toString().startsWith(QFileInfo(path).absoluteFilePath() + QStringLiteral(":2: invalid JSON (")));
    QVERIFY(!r.messages[0].skipped);
    QCOMPARE(r.messages[1].line, 5);
    QCOMPARE(r.messages[2].line, 6);
}

void TestFileReader::jsonArray()
{
    const QByteArray json = R"([{"title":"A","body":"Text A.","publish_date":"2020-02-02"},
                                {"title":"B","text":""},
                                {"title":"C","content":"Text C.","language":"fr","published":1700000000}])";
    const FileReadResult r = readArticleFile(write(u"set.json"_qs, json));
    QCOMPARE(r.articles.size(), 2);
    QCOMPARE(r.articles[0].fileLine, 1);
    QCOMPARE(r.articles[1].fileLine, 3);
    QCOMPARE(r.articles[1].language, u"fr"_qs);
    QCOMPARE(r.articles[1].published.date.toIso(), u"2023-11-14"_qs); // Unix seconds
    QCOMPARE(r.messages.size(), 1);
    QCOMPARE(r.messages[0].line, 2);
}

void TestFileReader::jsonSingleObjectAndWrapper()
{
    const ArticleRecord a = only(readArticleFile(write(u"one.json"_qs, R"({"headline":"Solo","text":"Alone."})")));
    QCOMPARE(a.title, u"Solo"_qs);
    QCOMPARE(a.fileLine, 0);
    const FileReadResult w
        = readArticleFile(write(u"wrapped.json"_qs, R"({"status":"ok","articles":[{"text":"X."},{"text":"Y."}]})"));
    QCOMPARE(w.articles.size(), 2);
    // JSON Lines content under a .json name.
    const FileReadResult l = readArticleFile(write(u"lines.json"_qs, "{\"text\":\"L1.\"}\n{\"text\":\"L2.\"}\n"));
    QCOMPARE(l.articles.size(), 2);
    QCOMPARE(l.articles[1].fileLine, 2);
}

void TestFileReader::jsonBroken()
{
    const FileReadResult r = readArticleFile(write(u"bad.json"_qs, "[\n{\"text\": \"a\"},\n{\"text\": }\n]"));
    QVERIFY(r.articles.isEmpty());
    QCOMPARE(r.messages.size(), 1);
    QVERIFY(r.messages[0].skipped);
    QCOMPARE(r.messages[0].line, 3);
    QVERIFY(r.messages[0].text.startsWith(u"invalid JSON"));
}

void TestFileReader::jsonTextThatIsNoText()
{
    // Read as empty, such a record used to vanish without a word (or import as the text "12").
    const QString path = write(u"odd.jsonl"_qs,
        "{\"title\": \"Number\", \"text\": 12}\n"
        "{\"title\": \"Good\", \"text\": \"Japan and India agreed.\"}\n"
        "{\"title\": \"Object\", \"content\": {\"p\": \"x\"}}\n"
        "{\"title\": \"Null body, text after\", \"body\": null, \"text\": \"Brazil hosted Chile.\"}\n");
    const FileReadResult r = readArticleFile(path);
    QCOMPARE(r.articles.size(), 2);
    QCOMPARE(r.articles[0].title, u"Good"_qs);
    QCOMPARE(r.articles[1].text, u"Brazil hosted Chile."_qs);
    QCOMPARE(r.messages.size(), 2);
    const QString file = QFileInfo(path).absoluteFilePath();
    QCOMPARE(r.messages[0].toString(), file + u":1: \"text\" is a number, not a string; record skipped"_qs);
    QCOMPARE(r.messages[1].toString(), file + u":3: \"content\" is an object, not a string; record skipped"_qs);
}

void TestFileReader::jsonNumbersAsFieldValues()
{
    // A number where a name is expected reads as its digits; one too large for an integer (the
    // fuzzer's 1.7e102 once made the conversion undefined) reads as a double.
    const QString path = write(u"numbers.jsonl"_qs,
        "{\"title\": 1999, \"source\": 2.5, \"text\": \"Japan and India agreed.\"}\n"
        "{\"title\": 1.67889e102, \"source\": -1e20, \"text\": \"Brazil hosted Chile.\"}\n");
    const FileReadResult r = readArticleFile(path);
    QCOMPARE(r.articles.size(), 2);
    QCOMPARE(r.articles[0].title, u"1999"_qs);
    QCOMPARE(r.articles[0].source, u"2.5"_qs);
    QCOMPARE(r.articles[1].title, u"1.67889e+102"_qs);
    QCOMPARE(r.articles[1].source, u"-1e+20"_qs);
    QVERIFY(r.messages.isEmpty());
}

void TestFileReader::csvQuotedNewlinesAndShortRow()
{
    const QByteArray csv = "Title,TEXT,Date,Source\r\n"
                           "\"Talks, again\",\"He said \"\"yes\"\".\nThen left.\",2022-01-02,Wire\r\n"
                           "Short,Only two fields\r\n"
                           "\r\n"
                           "Empty,,2022-01-03,Wire\r\n"
                           "Last,\"Final, text\",\"March 4, 2022\",Wire";
    const QString path = write(u"table.csv"_qs, csv);
    const FileReadResult r = readArticleFile(path);
    QCOMPARE(r.articles.size(), 3);
    QCOMPARE(r.articles[0].title, u"Talks, again"_qs);
    QCOMPARE(r.articles[0].text, u"He said \"yes\".\nThen left."_qs);
    QCOMPARE(r.articles[0].fileLine, 2);
    QCOMPARE(r.articles[0].published.date.toIso(), u"2022-01-02"_qs);
    QCOMPARE(r.articles[1].title, u"Short"_qs);
    QCOMPARE(r.articles[1].fileLine, 4); // the quoted newline made record 1 two lines long
    QCOMPARE(r.articles[2].fileLine, 7);
    QCOMPARE(r.articles[2].text, u"Final, text"_qs);
    QCOMPARE(r.articles[2].published.date.toIso(), u"2022-03-04"_qs);
    QCOMPARE(r.messages.size(), 2);
    QCOMPARE(
        r.messages[0].toString(), QFileInfo(path).absoluteFilePath() + u":4: row has 2 fields, the header has 4"_qs);
    QCOMPARE(r.messages[1].line, 6);
}

void TestFileReader::csvWithoutTextColumn()
{
    const FileReadResult r = readArticleFile(write(u"numbers.csv"_qs, "a,b\n1,2\n"));
    QVERIFY(r.articles.isEmpty());
    QCOMPARE(r.messages.size(), 1);
    QVERIFY(r.messages[0].skipped);
}

void TestFileReader::tsv()
{
    const FileReadResult r = readArticleFile(write(u"table.tsv"_qs, "title\ttext\nA, with comma\tBody, also.\n"));
    QCOMPARE(r.articles.size(), 1);
    QCOMPARE(r.articles[0].title, u"A, with comma"_qs);
    QCOMPARE(r.articles[0].text, u"Body, also."_qs);
}

void TestFileReader::encodings_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("warned");

    const QString body = u"Body: “quoted” — €5 café."_qs;
    QTest::newRow("UTF-8") << body.toUtf8() << body << false;
    QTest::newRow("UTF-8 with BOM") << QByteArray("\xEF\xBB\xBF") + body.toUtf8() << body << false;
    QByteArray le("\xFF\xFE", 2);
    le.append(reinterpret_cast<const char *>(body.utf16()), body.size() * 2);
    QTest::newRow("UTF-16 LE with BOM") << le << body << false;
    QByteArray be("\xFE\xFF", 2);
    for (QChar c : body) {
        be.append(char(c.unicode() >> 8));
        be.append(char(c.unicode() & 0xFF));
    }
    QTest::newRow("UTF-16 BE with BOM") << be << body << false;
    QTest::newRow("Windows-1252") << QByteArray("Body: \x93quoted\x94 \x97 \x80"
                                                "5 caf\xE9.")
                                  << body << true;
}

void TestFileReader::encodings()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(bool, warned);
    const QString path = write(u"enc.txt"_qs, bytes);
    const FileReadResult r = readArticleFile(path);
    QCOMPARE(only(r).text, text);
    QCOMPARE(r.messages.size(), warned ? 1 : 0);
    if (warned) {
        QCOMPARE(r.messages[0].toString(),
            QFileInfo(path).absoluteFilePath() + u": not valid UTF-8; read as Windows-1252"_qs);
        QVERIFY(!r.messages[0].skipped);
    }
}

void TestFileReader::skipped_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty file") << u"empty.txt"_qs << QByteArray() << u"skipped: empty file"_qs;
    QTest::newRow("white space only") << u"blank.txt"_qs << QByteArray(" \n\t\n")
                                      << u"skipped: empty file (white space only)"_qs;
    QTest::newRow("PDF renamed txt") << u"doc.txt"_qs << QByteArray("%PDF-1.7\n...")
                                     << u"skipped: not a text file (PDF document)"_qs;
    QTest::newRow("zip renamed md") << u"a.md"_qs << QByteArray("PK\x03\x04\x14\x00", 6)
                                    << u"skipped: not a text file (ZIP archive or Office document)"_qs;
    QTest::newRow("gzip without extension")
        << u"data"_qs << QByteArray("\x1F\x8B\x08\x00", 4) << u"skipped: not a text file (gzip archive)"_qs;
    QTest::newRow("ELF binary") << u"prog.txt"_qs
                                << QByteArray("\x7F"
                                              "ELF\x02\x01",
                                       6)
                                << u"skipped: not a text file (ELF executable)"_qs;
    QTest::newRow("NUL bytes") << u"blob.txt"_qs << QByteArray("abc\0\x01\x02\0def\0\0\0", 13)
                               << u"skipped: not a text file (binary data)"_qs;
    QTest::newRow("docx by extension") << u"report.docx"_qs << QByteArray("PK\x03\x04", 4)
                                       << u"skipped: unsupported file type (.docx)"_qs;
    QTest::newRow("exe by extension") << u"setup.exe"_qs << QByteArray("MZ\x90\x00", 4)
                                      << u"skipped: unsupported file type (.exe)"_qs;
    QTest::newRow("markup without text") << u"empty.html"_qs << QByteArray("<html><body><nav>Menu</nav></body></html>")
                                         << u"skipped: no article text found"_qs;
}

void TestFileReader::skipped()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const QString path = write(name, bytes);
    const FileReadResult r = readArticleFile(path);
    QVERIFY(r.articles.isEmpty());
    QCOMPARE(r.messages.size(), 1);
    QVERIFY(r.messages[0].skipped);
    QCOMPARE(r.messages[0].toString(), QFileInfo(path).absoluteFilePath() + u": "_qs + reason);
}

void TestFileReader::pngRenamedTxt()
{
    QByteArray png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 29);
    const QString path = write(u"photo.txt"_qs, png);
    const FileReadResult r = readArticleFile(path);
    QVERIFY(r.articles.isEmpty());
    QCOMPARE(r.messages.size(), 1);
    QVERIFY(r.messages[0].toString().endsWith(u"photo.txt: skipped: not a text file (PNG image)"));
}

void TestFileReader::nonexistentPath()
{
    const QString path = m_dir->filePath(u"missing/nothing.txt"_qs);
    const FileReadResult r = readArticleFile(path);
    QVERIFY(r.articles.isEmpty());
    QCOMPARE(r.messages.size(), 1);
    QVERIFY(r.messages[0].skipped);
    QCOMPARE(r.messages[0].toString(), path + u": skipped: no such file"_qs);
}

void TestFileReader::unreadableFile()
{
    const QString path = write(u"locked/secret.txt"_qs, "Some text.\n");
    QCOMPARE(::chmod(QFile::encodeName(m_dir->path()).constData(), 0755), 0);
    QCOMPARE(::chmod(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), 0755), 0);
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0), 0);
    // Root reads anything: read as "nobody" for the moment of the test.
    const bool root = ::geteuid() == 0;
    if (root)
        QCOMPARE(::seteuid(65534), 0);
    const FileReadResult r = readArticleFile(path);
    if (root)
        QCOMPARE(::seteuid(0), 0);
    ::chmod(QFile::encodeName(path).constData(), 0644);
    QVERIFY(r.articles.isEmpty());
    QCOMPARE(r.messages.size(), 1);
    QVERIFY(r.messages[0].skipped);
    QVERIFY2(r.messages[0].toString().startsWith(path + u": skipped: cannot read ("_qs),
        qPrintable(r.messages[0].toString()));
    QVERIFY(r.messages[0].text.contains(u"ermission"));
}

void TestFileReader::hiddenFileAndFolder()
{
    const QString hiddenFile = write(u".Rhistory"_qs, "x <- 1\n");
    const QString inHidden = write(u".cache/article.txt"_qs, "Headline\nText.\n");
    const FileReadResult a = readArticleFile(hiddenFile);
    QVERIFY(a.articles.isEmpty());
    QCOMPARE(a.messages.first().text, u"skipped: hidden file"_qs);
    const FileReadResult b = readArticleFile(inHidden, m_dir->path());
    QVERIFY(b.articles.isEmpty());
    QCOMPARE(b.messages.first().text, u"skipped: inside a hidden folder"_qs);
    // The folder the user chose may itself sit in a hidden folder.
    QCOMPARE(readArticleFile(inHidden, m_dir->filePath(u".cache"_qs)).articles.size(), 1);
    QVERIFY(isHiddenPath(u"/a/b/.git/c.txt"_qs, u"/a"_qs));
    QVERIFY(!isHiddenPath(u"/a/.b/c.txt"_qs, u"/a/.b"_qs));
}

void TestFileReader::hugeFileWithoutNewline()
{
    QByteArray big;
    big.reserve(50 << 20);
    const QByteArray word = "diplomacy ";
    while (big.size() < (50 << 20))
        big += word;
    const QString path = write(u"huge.txt"_qs, big);
    const FileReadResult r = readArticleFile(path);
    const ArticleRecord a = only(r);
    QCOMPARE(a.text.size(), big.trimmed().size());
    QVERIFY(a.title.isEmpty());
    QCOMPARE(r.bytes, qint64(big.size()));
}

void TestFileReader::notRegularFiles()
{
    // A named pipe nobody writes to: opening it the usual way waits for a writer forever.
    const QString pipe = m_dir->filePath(u"incoming.txt"_qs);
    QCOMPARE(::mkfifo(QFile::encodeName(pipe).constData(), 0600), 0);
    const FileReadResult p = readArticleFile(pipe);
    QVERIFY(p.articles.isEmpty());
    QCOMPARE(p.messages.size(), 1);
    QVERIFY(p.messages[0].skipped);
    QCOMPARE(p.messages[0].toString(), pipe + u": skipped: a named pipe, not a regular file"_qs);

    // A device's size says 0 whatever it holds: /dev/null was "empty", /dev/zero read without end.
    for (const QString &device : { u"/dev/null"_qs, u"/dev/zero"_qs }) {
        if (!QFileInfo::exists(device))
            continue;
        const FileReadResult d = readArticleFile(device);
        QVERIFY(d.articles.isEmpty());
        QCOMPARE(d.messages.size(), 1);
        QCOMPARE(d.messages[0].toString(), device + u": skipped: a character device, not a regular file"_qs);
    }
}

void TestFileReader::readsWithACap()
{
    const QString path = write(u"hundred.txt"_qs, QByteArray(100, 'a'));
    QByteArray data;
    QString why;
    QVERIFY(readRegularFile(path, &data, &why, 100));
    QCOMPARE(data.size(), 100);
    QVERIFY(!readRegularFile(path, &data, &why, 99));
    QVERIFY(data.isEmpty());
    QVERIFY2(why.startsWith(u"file too large ("_qs), qPrintable(why));

    // A stream has no size to check first: the cap is on what is read.
    QByteArray bytes(1000, 'z');
    QBuffer buffer(&bytes);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QVERIFY(!readCapped(buffer, &data, 999));
    QVERIFY(buffer.seek(0));
    QVERIFY(readCapped(buffer, &data, 1000));
    QCOMPARE(data, bytes);
}

void TestFileReader::language_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    QTest::newRow("english")
        << u"The minister said that the talks with the delegation were useful and that they will continue."_qs
        << u"en"_qs;
    QTest::newRow("french")
        << u"Le ministre a déclaré que les discussions avec la délégation sont utiles et qu'elles vont continuer dans le calme."_qs
        << u"fr"_qs;
    QTest::newRow("spanish")
        << u"El ministro dijo que las conversaciones con la delegación fueron útiles y que los contactos van a continuar por el momento."_qs
        << u"es"_qs;
    QTest::newRow("german")
        << u"Der Minister sagte, dass die Gespräche mit der Delegation nützlich sind und dass sie auch im Herbst fortgesetzt werden."_qs
        << u"de"_qs;
    QTest::newRow("portuguese")
        << u"O ministro disse que as conversas com a delegação foram úteis e que não vão parar, pelo que os contactos continuam."_qs
        << u"pt"_qs;
    QTest::newRow("russian") << u"Министр заявил, что переговоры с делегацией были полезными и будут продолжены."_qs
                             << u"ru"_qs;
    QTest::newRow("arabic") << u"قال الوزير إن المحادثات مع الوفد كانت مفيدة وستستمر في الأسابيع المقبلة."_qs
                            << u"ar"_qs;
    QTest::newRow("chinese") << u"外交部长表示，与代表团的会谈非常有益，双方将继续保持沟通与合作。"_qs << u"zh"_qs;
    QTest::newRow("too short to tell") << u"OK"_qs << QString();
    QTest::newRow("numbers only") << u"12 34 56 78 90 12 34 56 78 90 12 34 56"_qs << QString();
}

void TestFileReader::language()
{
    QFETCH(QString, text);
    QFETCH(QString, code);
    QCOMPARE(guessLanguage(text), code);
}

void TestFileReader::messageFormat()
{
    QCOMPARE((ImportMessage { u"/d/a.csv"_qs, 7, u"row has 2 fields,\nthe header has 3"_qs, false }).toString(),
        u"/d/a.csv:7: row has 2 fields, the header has 3"_qs);
    QCOMPARE((ImportMessage { u"/d/b.txt"_qs, 0, u"skipped: empty file"_qs, true }).toString(),
        u"/d/b.txt: skipped: empty file"_qs);
    QCOMPARE(formatForName(u"x.NDJSON"_qs), ArticleFormat::JsonLines);
    QCOMPARE(formatForName(u"README"_qs), ArticleFormat::PlainText);
    QCOMPARE(formatForName(u"a.pdf"_qs), ArticleFormat::Unsupported);
    QCOMPARE(fromWindows1252("\x80\x81\x9F\xA0"), QString::fromUtf8("€\xC2\x81Ÿ\xC2\xA0"));
    QCOMPARE(binaryKind(QByteArray("GIF89a...")), u"GIF image"_qs);
    QCOMPARE(binaryKind(QByteArray("BMW and Mercedes")), QString()); // a weak signature needs binary content
}

void TestFileReader::fileNameBytesComeBackWhole_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("replaced"); // bytes shown as U+FFFD
    QTest::newRow("ascii") << QByteArray("speech.txt") << 0;
    QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9 \xe5\x8c\x97\xe4\xba\xac \xf0\x9f\x8c\x8d.txt") << 0;
    QTest::newRow("latin-1 byte") << QByteArray("caf\xe9.txt") << 1;
    QTest::newRow("stray continuation") << QByteArray("a\x80\xbfz") << 2;
    QTest::newRow("overlong slash") << QByteArray("x\xc0\xafy") << 2;
    QTest::newRow("encoded surrogate") << QByteArray("\xed\xa0\x80.txt") << 3;
    QTest::newRow("cut short at the end") << QByteArray("name\xe5\x8c") << 2;
}

void TestFileReader::fileNameBytesComeBackWhole()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, replaced);
    const QString path = decodeFileName(bytes);
    QCOMPARE(encodeFileName(path), bytes);
    QCOMPARE(hasEscapedBytes(path), replaced > 0);
    const QString shown = displayFileName(path);
    QCOMPARE(shown.count(QChar::ReplacementCharacter), replaced);
    if (replaced == 0)
        QCOMPARE(path, QString::fromUtf8(bytes));
}

QTEST_GUILESS_MAIN(TestFileReader)
#include "tst_filereader.moc"

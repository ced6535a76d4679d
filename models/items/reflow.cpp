#include "reflow.h"

#include <algorithm>
#include <vector>

namespace entente {

namespace {

struct Line
{
    qsizetype start = 0; // first character
    qsizetype end = 0; // the '\n' after it, or the end of the text
    qsizetype first = 0; // first character that is not a space (== end for a blank line)
    qsizetype last = 0; // one past the last that is not a space
    [[nodiscard]] qsizetype length() const { return last - first; }
    [[nodiscard]] bool blank() const { return first == last; }
};

bool isSpace(QChar c)
{
    return c.isSpace() || c == QChar(kHiddenChar);
}

// "6", "12", "- 6 -", "-12-": a page number alone on its line.
bool isPageNumber(QStringView line)
{
    qsizetype digits = 0;
    for (const QChar c : line) {
        if (c.isDigit())
            ++digits;
        else if (c != u'-' && c != u'–' && !isSpace(c))
            return false;
    }
    return digits >= 1 && digits <= 4;
}

bool endsSentence(QChar c)
{
    return QStringView(u".!?:;\"”’)]").contains(c);
}

} // namespace

QString reflowForReading(QStringView text)
{
    QString out = text.toString();
    std::vector<Line> lines;
    for (qsizetype start = 0; start <= text.size();) {
        qsizetype end = text.indexOf(u'\n', start);
        if (end < 0)
            end = text.size();
        Line l { start, end, start, end };
        while (l.first < end && isSpace(text[l.first]))
            ++l.first;
        while (l.last > l.first && isSpace(text[l.last - 1]))
            --l.last;
        if (l.blank())
            l.first = l.last = end;
        lines.push_back(l);
        start = end + 1;
    }

    // Page numbers go first: the lines around one then join as if it were not there.
    for (Line &l : lines) {
        if (!l.blank() && isPageNumber(text.sliced(l.first, l.length()))) {
            for (qsizetype i = l.first; i < l.last; ++i)
                out[i] = QChar(kHiddenChar);
            l.first = l.last = l.end;
        }
    }

    // Hard-wrapped: enough lines, most of them ending near one width (the 90th percentile of their lengths)
    // of at most 100 characters.
    std::vector<qsizetype> lengths;
    for (const Line &l : lines)
        if (!l.blank())
            lengths.push_back(l.length());
    bool wrapped = false;
    qsizetype width = 0;
    if (lengths.size() >= 6) {
        std::vector<qsizetype> sorted = lengths;
        std::sort(sorted.begin(), sorted.end());
        width = sorted[sorted.size() * 9 / 10];
        const auto full
            = std::count_if(lengths.begin(), lengths.end(), [width](qsizetype n) { return n * 4 >= width * 3; });
        wrapped = width >= 30 && width <= 100 && full * 2 >= qsizetype(lengths.size());
    }
    // Paragraphs parted by blank lines: then every break inside one is a wrap.
    bool blankParted = false;
    for (size_t i = 1; i + 1 < lines.size() && !blankParted; ++i)
        blankParted = lines[i].blank() && !lines[i - 1].blank() && !lines[i + 1].blank();

    for (size_t i = 0; i + 1 < lines.size(); ++i) {
        const Line &a = lines[i];
        const Line &b = lines[i + 1];
        if (a.blank() || b.blank() || a.end >= text.size())
            continue;
        const QChar lastChar = text[a.last - 1];
        const QChar nextChar = text[b.first];
        bool join;
        if (wrapped)
            join = blankParted || a.length() * 4 >= width * 3 || !endsSentence(lastChar);
        else
            join = !endsSentence(lastChar) && nextChar.isLower();
        if (!join)
            continue;
        // "inter-\nnational": the hyphen stays and the break shows as nothing; else the break is the space.
        const bool hyphen = lastChar == u'-' && a.length() > 1 && text[a.last - 2].isLetter() && nextChar.isLower();
        for (qsizetype k = a.last; k < b.first; ++k)
            out[k] = QChar(kHiddenChar);
        if (!hyphen)
            out[a.end] = u' ';
    }
    return out;
}

} // namespace entente

#pragma once

#include "annotation.h"

#include <QStringView>

namespace entente {

// The article's own date as its first lines state it: a metadata line (" date 2023-12-30 en"),
// a byline ("Published: December 30, 2023 at 2:34 pm EST"), or a wire dateline
// ("BEIJING, May 11, 2023 /PRNewswire/ —"); else a date in the file name. std::nullopt when
// none of these gives one. Only the first few lines are looked at.
[[nodiscard]] std::optional<PublishedDate> findHeaderDate(QStringView text, const QString &fileName = {});

// The first calendar date written in `text`: "December 30, 2023", "Dec. 30, 2023", "30 December
// 2023", "30th of December, 2023", "2023-12-30", "2023/12/30", "20231230", "December 2023",
// "30.12.2023", and the month names of French, Spanish, German and Portuguese. A bare year is not
// a date here. `matchStart`/`matchEnd` receive the UTF-16 range of the match. Meant for short
// strings (a header line, a file name, a field value); linear in the length.
[[nodiscard]] std::optional<PartialDate> parseWrittenDate(
    QStringView text, qsizetype *matchStart = nullptr, qsizetype *matchEnd = nullptr);

// What one header line of an article says about the article.
struct HeaderLine
{
    enum Kind { Other, Metadata, Byline, Dateline };
    Kind kind = Other;
    std::optional<PartialDate> date;
    QString language; // Metadata: an ISO 639-1 code on the line ("en")
    QString author; // Byline: "By: Aqsa Younas Rana"
    QString datelinePlace; // Dateline: "Beijing" (title-cased from "BEIJING")
    QString datelineSource; // Dateline: "PRNewswire", "Reuters"
};

// Classifies one line (without its line break) as a metadata line, a byline, a wire dateline
// (which is the start of the body) or something else.
[[nodiscard]] HeaderLine classifyHeaderLine(QStringView line);

// A date in a file name: "2023-05-11-report.txt", "news_20230511.txt"; for the UN General Debate
// layout ("CHN_78_2023.txt") the year.
[[nodiscard]] std::optional<PartialDate> dateFromFileName(const QString &fileName);

} // namespace entente

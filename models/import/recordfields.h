#pragma once

#include "article.h"

#include <QStringView>

class QJsonValue;

namespace entente {

// The fields of an article as the columns of a CSV file or the keys of a JSON record name
// them, case-insensitively: title/headline, text/content/body, date/published/published_at/
// publish_date, url/link, source, author, language/lang, section, country.
enum class RecordField { None, Title, Text, Date, Url, Source, Author, Language, Section, Country };

[[nodiscard]] RecordField recordFieldForKey(QStringView key);

// Stores `value` in the field; a date is parsed ("2023-05-11T10:00:00Z", "May 11, 2023", a
// year, Unix seconds) and kept with source Metadata. Returns false when a date does not parse.
bool setRecordField(ArticleRecord &record, RecordField field, const QString &value);

[[nodiscard]] std::optional<PartialDate> parseDateValue(QStringView value);

// The text of a JSON record's text field `key`: a string; null leaves `text` as it is. False, with
// `problem` saying what is wrong ("\"text\" is a number, not a string"), for any other value: a
// number or an object is no article text, and reading it as empty would lose the record silently.
bool jsonTextField(const QString &key, const QJsonValue &value, QString *text, QString *problem);

} // namespace entente

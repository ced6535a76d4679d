#include "recordfields.h"

#include "published.h"

#include <QDateTime>
#include <QJsonValue>
#include <QObject>

namespace entente {

RecordField recordFieldForKey(QStringView rawKey)
{
    const QString key = rawKey.trimmed().toString().toLower();
    static const QHash<QString, RecordField> keys = {
        { u"title"_qs, RecordField::Title },
        { u"headline"_qs, RecordField::Title },
        { u"text"_qs, RecordField::Text },
        { u"content"_qs, RecordField::Text },
        { u"body"_qs, RecordField::Text },
        { u"article"_qs, RecordField::Text },
        { u"date"_qs, RecordField::Date },
        { u"published"_qs, RecordField::Date },
        { u"published_at"_qs, RecordField::Date },
        { u"publish_date"_qs, RecordField::Date },
        { u"publishedat"_qs, RecordField::Date },
        { u"published_date"_qs, RecordField::Date },
        { u"pubdate"_qs, RecordField::Date },
        { u"datepublished"_qs, RecordField::Date },
        { u"url"_qs, RecordField::Url },
        { u"link"_qs, RecordField::Url },
        { u"source"_qs, RecordField::Source },
        { u"outlet"_qs, RecordField::Source },
        { u"publisher"_qs, RecordField::Source },
        { u"author"_qs, RecordField::Author },
        { u"authors"_qs, RecordField::Author },
        { u"byline"_qs, RecordField::Author },
        { u"language"_qs, RecordField::Language },
        { u"lang"_qs, RecordField::Language },
        { u"section"_qs, RecordField::Section },
        { u"category"_qs, RecordField::Section },
        { u"country"_qs, RecordField::Country },
        { u"source_country"_qs, RecordField::Country },
    };
    return keys.value(key, RecordField::None);
}

std::optional<PartialDate> parseDateValue(QStringView raw)
{
    const QStringView value = raw.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool allDigits = true;
    for (QChar c : value)
        allDigits = allDigits && c.isDigit() && c.unicode() < 128;
    if (allDigits) {
        if (value.size() == 4)
            return PartialDate { value.toInt(), 0, 0, Precision::Year };
        if (value.size() == 10 || value.size() == 13) { // Unix seconds or milliseconds
            qint64 secs = value.toLongLong();
            if (value.size() == 13)
                secs /= 1000;
            const QDate d = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).date();
            return PartialDate { d.year(), d.month(), d.day(), Precision::Day };
        }
    }
    if (const auto d = parseWrittenDate(value))
        return d;
    return std::nullopt;
}

bool jsonTextField(const QString &key, const QJsonValue &value, QString *text, QString *problem)
{
    QString kind;
    switch (value.type()) {
    case QJsonValue::String:
        *text = value.toString();
        return true;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return true; // no text here: another text field of the record may hold it
    case QJsonValue::Double:
        kind = QObject::tr("a number");
        break;
    case QJsonValue::Bool:
        kind = QObject::tr("true or false");
        break;
    case QJsonValue::Array:
        kind = QObject::tr("an array");
        break;
    case QJsonValue::Object:
        kind = QObject::tr("an object");
        break;
    }
    text->clear();
    *problem = QObject::tr("\"%1\" is %2, not a string").arg(key, kind);
    return false;
}

bool setRecordField(ArticleRecord &r, RecordField field, const QString &value)
{
    switch (field) {
    case RecordField::Title:
        r.title = value.simplified();
        break;
    case RecordField::Text:
        r.text = value;
        break;
    case RecordField::Date:
        if (const auto d = parseDateValue(value)) {
            r.published = PublishedDate { *d, DateSource::Metadata, {} };
        } else {
            return value.trimmed().isEmpty();
        }
        break;
    case RecordField::Url:
        r.url = value.trimmed();
        break;
    case RecordField::Source:
        r.source = value.simplified();
        break;
    case RecordField::Author:
        r.author = value.simplified();
        break;
    case RecordField::Language:
        r.language = value.trimmed().left(2).toLower();
        break;
    case RecordField::Section:
        r.section = value.simplified();
        break;
    case RecordField::Country:
        if (value.trimmed().size() == 3)
            r.sourceCountry = value.trimmed().toUpper();
        break;
    case RecordField::None:
        break;
    }
    return true;
}

} // namespace entente

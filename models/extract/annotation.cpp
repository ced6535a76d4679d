#include "annotation.h"

#include <QDate>
#include <QStringList>

namespace entente {

QString precisionName(Precision p)
{
    switch (p) {
    case Precision::Day:
        return QStringLiteral("day");
    case Precision::Month:
        return QStringLiteral("month");
    case Precision::Year:
        return QStringLiteral("year");
    case Precision::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

Precision precisionFromName(const QString &name)
{
    if (name == u"day")
        return Precision::Day;
    if (name == u"month")
        return Precision::Month;
    if (name == u"year")
        return Precision::Year;
    return Precision::Unknown;
}

QString dateSourceName(DateSource s)
{
    switch (s) {
    case DateSource::Metadata:
        return QStringLiteral("metadata");
    case DateSource::Byline:
        return QStringLiteral("byline");
    case DateSource::Dateline:
        return QStringLiteral("dateline");
    case DateSource::FileName:
        return QStringLiteral("filename");
    case DateSource::Inferred:
        return QStringLiteral("inferred");
    case DateSource::None:
        break;
    }
    return QStringLiteral("none");
}

DateSource dateSourceFromName(const QString &name)
{
    for (auto s : { DateSource::Metadata, DateSource::Byline, DateSource::Dateline, DateSource::FileName,
             DateSource::Inferred }) {
        if (dateSourceName(s) == name)
            return s;
    }
    return DateSource::None;
}

QString entityKindName(EntityKind k)
{
    switch (k) {
    case EntityKind::Country:
        return QStringLiteral("country");
    case EntityKind::Person:
        return QStringLiteral("person");
    case EntityKind::Organization:
        return QStringLiteral("organization");
    case EntityKind::Place:
        return QStringLiteral("place");
    case EntityKind::Region:
        return QStringLiteral("region");
    case EntityKind::Event:
        return QStringLiteral("event");
    case EntityKind::Money:
        return QStringLiteral("money");
    }
    return {};
}

std::optional<EntityKind> entityKindFromName(const QString &name)
{
    for (auto k : { EntityKind::Country, EntityKind::Person, EntityKind::Organization, EntityKind::Place,
             EntityKind::Region, EntityKind::Event, EntityKind::Money }) {
        if (entityKindName(k) == name)
            return k;
    }
    return std::nullopt;
}

QString PartialDate::toIso() const
{
    if (!isValid())
        return {};
    QString s = QString::number(year).rightJustified(4, u'0');
    if (precision == Precision::Year || month == 0)
        return s;
    s += u'-' + QString::number(month).rightJustified(2, u'0');
    if (precision == Precision::Month || day == 0)
        return s;
    return s + u'-' + QString::number(day).rightJustified(2, u'0');
}

// Invalid unless it is a day of the calendar: "2023-02-30" is no published date.
PartialDate PartialDate::fromIso(const QString &iso)
{
    PartialDate d;
    const QStringList parts = iso.trimmed().split(u'-');
    bool ok = false;
    if (parts.isEmpty() || parts.size() > 3)
        return d;
    d.year = parts[0].toInt(&ok);
    if (!ok || parts[0].size() != 4)
        return {};
    d.precision = Precision::Year;
    if (parts.size() >= 2) {
        d.month = parts[1].toInt(&ok);
        if (!ok || d.month < 1 || d.month > 12)
            return {};
        d.precision = Precision::Month;
    }
    if (parts.size() == 3) {
        d.day = parts[2].toInt(&ok);
        if (!ok || !QDate::isValid(d.year, d.month, d.day)) // no 2023-02-30
            return {};
        d.precision = Precision::Day;
    }
    return d;
}

} // namespace entente

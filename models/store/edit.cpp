#include "edit.h"

#include "gazetteer.h"

#include <QObject>

namespace entente {

namespace {

QJsonObject relationArgs(qint64 articleId, qint64 start, qint64 end, const QString &a, const QString &b)
{
    return { { QStringLiteral("articleId"), articleId }, { QStringLiteral("start"), start },
        { QStringLiteral("end"), end }, { QStringLiteral("a"), a }, { QStringLiteral("b"), b } };
}

// An edit of one relation, named by its article, span and parties, with values more.
Edit relationEdit(Edit::Kind kind, qint64 articleId, qint64 start, qint64 end, const QString &a, const QString &b,
    std::initializer_list<std::pair<QString, QJsonValue>> more = {})
{
    Edit e;
    e.kind = kind;
    e.args = relationArgs(articleId, start, end, a, b);
    for (const auto &[name, value] : more)
        e.args.insert(name, value);
    return e;
}

// An edit of one entity, named by its kind and key, with one value more (`name`: what the value is).
Edit entityEdit(
    Edit::Kind kind, const QString &entityKind, const QString &key, QLatin1StringView name, const QString &value)
{
    Edit e;
    e.kind = kind;
    e.args = { { QStringLiteral("kind"), entityKind }, { QStringLiteral("key"), key }, { name, value } };
    return e;
}

} // namespace

Edit Edit::mergeEntity(const QString &kind, const QString &key, const QString &intoKey)
{
    return entityEdit(Kind::MergeEntity, kind, key, QLatin1StringView("into"), intoKey);
}

Edit Edit::renameEntity(const QString &kind, const QString &key, const QString &name)
{
    return entityEdit(Kind::RenameEntity, kind, key, QLatin1StringView("name"), name);
}

Edit Edit::changeEntityKind(const QString &kind, const QString &key, const QString &toKind)
{
    return entityEdit(Kind::ChangeEntityKind, kind, key, QLatin1StringView("to"), toKind);
}

Edit Edit::rejectRelation(qint64 articleId, qint64 start, qint64 end, const QString &a, const QString &b)
{
    return relationEdit(Kind::RejectRelation, articleId, start, end, a, b);
}

Edit Edit::changeRelationTone(
    qint64 articleId, qint64 start, qint64 end, const QString &a, const QString &b, const QString &tone)
{
    return relationEdit(Kind::ChangeRelationTone, articleId, start, end, a, b, { { QStringLiteral("tone"), tone } });
}

Edit Edit::mergeEntityInYears(const QString &kind, const QString &key, const QString &intoKey, int fromYear, int toYear)
{
    Edit e = mergeEntity(kind, key, intoKey);
    e.args.insert(QStringLiteral("from"), fromYear);
    e.args.insert(QStringLiteral("to"), toYear);
    return e;
}

Edit Edit::changeRelationDirection(
    qint64 articleId, qint64 start, qint64 end, const QString &a, const QString &b, const QString &direction)
{
    return relationEdit(
        Kind::ChangeRelationDirection, articleId, start, end, a, b, { { QStringLiteral("direction"), direction } });
}

Edit Edit::addRelation(qint64 articleId, int sentence, qint64 start, qint64 end, const QString &a, const QString &b,
    bool directed, const QString &tone)
{
    return relationEdit(Kind::AddRelation, articleId, start, end, a, b,
        { { QStringLiteral("sentence"), sentence }, { QStringLiteral("directed"), directed },
            { QStringLiteral("tone"), tone } });
}

Edit Edit::addAlias(const QString &kind, const QString &key, const QString &alias)
{
    return entityEdit(Kind::AddAlias, kind, key, QLatin1StringView("alias"), alias);
}

Edit Edit::rejectMention(qint64 articleId, qint64 start, qint64 end, const QString &kind, const QString &key)
{
    Edit e;
    e.kind = Kind::RejectMention;
    e.args = { { QStringLiteral("articleId"), articleId }, { QStringLiteral("start"), start },
        { QStringLiteral("end"), end }, { QStringLiteral("kind"), kind }, { QStringLiteral("key"), key } };
    return e;
}

QString Edit::kindName(Kind kind)
{
    switch (kind) {
    case Kind::MergeEntity:
        return QStringLiteral("merge-entity");
    case Kind::RenameEntity:
        return QStringLiteral("rename-entity");
    case Kind::ChangeEntityKind:
        return QStringLiteral("change-entity-kind");
    case Kind::RejectRelation:
        return QStringLiteral("reject-relation");
    case Kind::ChangeRelationTone:
        return QStringLiteral("change-relation-tone");
    case Kind::ChangeRelationDirection:
        return QStringLiteral("change-relation-direction");
    case Kind::AddRelation:
        return QStringLiteral("add-relation");
    case Kind::AddAlias:
        return QStringLiteral("add-alias");
    case Kind::RejectMention:
        return QStringLiteral("reject-mention");
    case Kind::Invalid:
        break;
    }
    return {};
}

Edit::Kind Edit::kindFromName(const QString &name)
{
    for (Kind k :
        { Kind::MergeEntity, Kind::RenameEntity, Kind::ChangeEntityKind, Kind::RejectRelation, Kind::ChangeRelationTone,
            Kind::ChangeRelationDirection, Kind::AddRelation, Kind::AddAlias, Kind::RejectMention })
        if (kindName(k) == name)
            return k;
    return Kind::Invalid;
}

QString Edit::description() const
{
    // Countries by name ("Soviet Union", not SUN); other entities' keys are their names already.
    const bool countries = args.value(QLatin1String("kind")).toString() == u"country";
    const auto arg = [this, countries](const char *name) {
        const QString value = args.value(QLatin1String(name)).toString();
        const bool party = qstrcmp(name, "a") == 0 || qstrcmp(name, "b") == 0;
        const bool key = qstrcmp(name, "key") == 0 || qstrcmp(name, "into") == 0;
        if (party || (countries && key)) {
            const QString country = Gazetteer::shared().countryName(value);
            return country.isEmpty() ? value : country;
        }
        return value;
    };
    switch (kind) {
    case Kind::MergeEntity:
        if (args.contains(QLatin1String("from")))
            return QObject::tr("Merge %1 into %2 in %3-%4")
                .arg(arg("key"), arg("into"))
                .arg(args.value(QLatin1String("from")).toInt())
                .arg(args.value(QLatin1String("to")).toInt());
        return QObject::tr("Merge %1 into %2").arg(arg("key"), arg("into"));
    case Kind::RenameEntity:
        return QObject::tr("Rename %1 to %2").arg(arg("key"), arg("name"));
    case Kind::ChangeEntityKind:
        return QObject::tr("Make %1 a %2").arg(arg("key"), arg("to"));
    case Kind::RejectRelation:
        return QObject::tr("Reject a relation of %1 and %2").arg(arg("a"), arg("b"));
    case Kind::ChangeRelationTone:
        return QObject::tr("Mark a relation of %1 and %2 as %3").arg(arg("a"), arg("b"), arg("tone"));
    case Kind::ChangeRelationDirection: {
        const QString direction = arg("direction");
        if (direction == u"none")
            return QObject::tr("Make a relation of %1 and %2 undirected").arg(arg("a"), arg("b"));
        return direction == u"b-a" ? QObject::tr("Make a relation go from %1 to %2").arg(arg("b"), arg("a"))
                                   : QObject::tr("Make a relation go from %1 to %2").arg(arg("a"), arg("b"));
    }
    case Kind::AddRelation:
        return QObject::tr("Add a relation of %1 and %2 (%3)").arg(arg("a"), arg("b"), arg("tone"));
    case Kind::AddAlias:
        return QObject::tr("Read \u201c%1\u201d as %2").arg(arg("alias"), arg("key"));
    case Kind::RejectMention:
        return QObject::tr("Reject a mention of %1").arg(arg("key"));
    case Kind::Invalid:
        break;
    }
    return {};
}

} // namespace entente

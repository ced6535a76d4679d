#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace entente {

// One correction the user made to what the extraction found, as EditLog stores it (the edits table). What it
// changes is named by keys that stay the same across imports and stores, never by row ids: an entity by its kind
// and key, a relation by its article's content hash, its span (code points) and its two parties. An edit made
// in the window names a relation's article by its id (articleId) until EditLog::add() turns it into the hash.
//
//     const Edit merge = Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("SUN"), QStringLiteral("RUS"));
//     EditLog(&store).add(merge, &error);
struct Edit
{
    enum class Kind {
        MergeEntity,
        RenameEntity,
        ChangeEntityKind,
        RejectRelation,
        ChangeRelationTone,
        ChangeRelationDirection,
        AddRelation,
        AddAlias,
        RejectMention,
        Invalid
    };

    qint64 id = 0; // 0: not stored yet
    Kind kind = Kind::Invalid;
    // MergeEntity: kind, key, into (a key of the same kind), and optionally from and to (years: the merge holds for
    // the articles published in them only). RenameEntity: kind, key, name. ChangeEntityKind: kind, key, to (a kind).
    // RejectRelation: article (hex hash) or articleId, start, end, a, b. ChangeRelationTone: the same and tone.
    // ChangeRelationDirection: the same and direction ("a-b": a acts on b, "b-a", or "none"). AddRelation: article,
    // sentence (its index), start, end (the sentence's span), a, b, directed, tone. AddAlias: kind, key, alias (a
    // text that names the entity wherever it stands as a word). RejectMention: article, start, end, kind, key.
    QJsonObject args;
    QDateTime madeAt;
    bool undone = false;

    [[nodiscard]] static Edit mergeEntity(const QString &kind, const QString &key, const QString &intoKey);
    [[nodiscard]] static Edit renameEntity(const QString &kind, const QString &key, const QString &name);
    [[nodiscard]] static Edit changeEntityKind(const QString &kind, const QString &key, const QString &toKind);
    [[nodiscard]] static Edit rejectRelation(
        qint64 articleId, qint64 start, qint64 end, const QString &a, const QString &b);
    [[nodiscard]] static Edit changeRelationTone(
        qint64 articleId, qint64 start, qint64 end, const QString &a, const QString &b, const QString &tone);
    // A merge for the articles published from `fromYear` to `toYear` (both included) only.
    [[nodiscard]] static Edit mergeEntityInYears(
        const QString &kind, const QString &key, const QString &intoKey, int fromYear, int toYear);
    // `direction`: "a-b", "b-a" or "none".
    [[nodiscard]] static Edit changeRelationDirection(
        qint64 articleId, qint64 start, qint64 end, const QString &a, const QString &b, const QString &direction);
    // A relation the extraction missed, stated by sentence `sentence` (at start, end) of the article.
    [[nodiscard]] static Edit addRelation(qint64 articleId, int sentence, qint64 start, qint64 end, const QString &a,
        const QString &b, bool directed, const QString &tone);
    [[nodiscard]] static Edit addAlias(const QString &kind, const QString &key, const QString &alias);
    [[nodiscard]] static Edit rejectMention(
        qint64 articleId, qint64 start, qint64 end, const QString &kind, const QString &key);

    // As the edits table spells kinds ("merge-entity"), and back (Invalid for an unknown name).
    [[nodiscard]] static QString kindName(Kind kind);
    [[nodiscard]] static Kind kindFromName(const QString &name);
    // In words, for Edit > Undo ("Merge SUN into RUS").
    [[nodiscard]] QString description() const;
    [[nodiscard]] bool isValid() const { return kind != Kind::Invalid; }
};

} // namespace entente

Q_DECLARE_METATYPE(entente::Edit)

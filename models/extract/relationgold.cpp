#include "relationgold.h"

#include "extractor.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace entente {

namespace {

bool isCountryCode(const QString &id)
{
    return id.size() == 3 && std::ranges::all_of(id, [](QChar c) { return c >= u'A' && c <= u'Z'; });
}

QString pairKey(const QString &a, const QString &b)
{
    return a < b ? a + u'-' + b : b + u'-' + a;
}

QString describe(const GoldRelation &r)
{
    return QStringLiteral("%1%2%3 %4 %5")
        .arg(r.a, r.directed ? QStringLiteral(">") : QStringLiteral("-"), r.b)
        .arg(r.root, 2, 10, QLatin1Char('0'))
        .arg(r.tone);
}

QString describe(const Relation &r)
{
    return QStringLiteral("%1%2%3 %4 %5")
        .arg(r.a, r.directed ? QStringLiteral(">") : QStringLiteral("-"), r.b, r.cameo.left(2), r.tone);
}

} // namespace

QList<GoldSentence> readRelationGold(const QString &path, QStringList *errors)
{
    QList<GoldSentence> out;
    const QString name = QFileInfo(path).fileName();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (errors)
            errors->append(QStringLiteral("%1: cannot read (%2)").arg(path, f.errorString()));
        return out;
    }
    static const QRegularExpression item(QStringLiteral(
        R"re(([A-Z]{3})([>-])([A-Z]{3}) (\d\d) (cooperation|conflict|mixed)(?: "([^"]*)")?(?: ; |$))re"));
    int lineNo = 0;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
    for (const QString &raw : lines) {
        ++lineNo;
        const QString line = raw.trimmed().isEmpty() ? QString() : raw;
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const auto bad = [&](const QString &why) {
            if (errors)
                errors->append(QStringLiteral("%1:%2: %3").arg(name).arg(lineNo).arg(why));
        };
        const QStringList columns = line.split(u'\t');
        if (columns.size() != 4) {
            bad(QStringLiteral("%1 columns, not 4").arg(columns.size()));
            continue;
        }
        GoldSentence s;
        s.id = columns[0].trimmed();
        s.source = columns[1].trimmed();
        s.text = columns[2].trimmed();
        s.where = QStringLiteral("%1:%2").arg(name).arg(lineNo);
        if (s.source == u"un") {
            const QString stem = s.id.section(u':', 1, 1);
            const QString code = stem.section(u'_', 0, 0);
            if (isCountryCode(code))
                s.speaker = code;
        }
        const QString relations = columns[3].trimmed();
        bool ok = !s.text.isEmpty();
        if (relations != u"none") {
            qsizetype at = 0;
            while (ok && at < relations.size()) {
                const QRegularExpressionMatch m = item.match(
                    relations, at, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
                if (!m.hasMatch()) {
                    ok = false;
                    break;
                }
                GoldRelation r;
                r.a = m.captured(1);
                r.directed = m.captured(2) == u">";
                r.b = m.captured(3);
                r.root = m.captured(4).toInt();
                r.tone = m.captured(5);
                r.words = m.captured(6);
                ok = r.root >= 1 && r.root <= 20 && r.a != r.b;
                s.relations.append(r);
                at = m.capturedEnd(0);
            }
        }
        if (!ok) {
            bad(QStringLiteral("relations not as the README says: %1").arg(relations));
            continue;
        }
        out.append(s);
    }
    return out;
}

QList<GoldSentence> readRelationGoldDir(const QString &dir, QStringList *errors)
{
    QList<GoldSentence> out;
    const QDir d(dir);
    for (const QString &file : d.entryList({ QStringLiteral("gold-*.tsv") }, QDir::Files, QDir::Name))
        out += readRelationGold(d.filePath(file), errors);
    return out;
}

RelationScores scoreRelations(const QList<GoldSentence> &sentences, QStringList *errors)
{
    RelationScores s;
    const Extractor &extractor = Extractor::shared();
    for (const GoldSentence &g : sentences) {
        ++s.sentences;
        DocumentContext ctx;
        ctx.sourceCountry = g.speaker;
        const Annotation a = extractor.annotate(g.text, ctx);
        // The extraction's relations between two countries, each pair once (its first).
        QHash<QString, const Relation *> found;
        QList<const Relation *> order;
        for (const Relation &r : a.relations) {
            if (!isCountryCode(r.a) || !isCountryCode(r.b) || r.a == r.b)
                continue;
            const QString key = pairKey(r.a, r.b);
            if (!found.contains(key)) {
                found.insert(key, &r);
                order.append(&r);
            }
        }
        QSet<QString> goldPairs;
        bool differs = false;
        for (const GoldRelation &r : g.relations) {
            ++s.gold;
            goldPairs.insert(pairKey(r.a, r.b));
            const Relation *p = found.value(pairKey(r.a, r.b));
            if (!p) {
                differs = true;
                continue;
            }
            ++s.pairsFound;
            if (r.directed) {
                ++s.directedGold;
                const bool right = p->directed && p->a == r.a && p->b == r.b;
                s.directionRight += right ? 1 : 0;
                differs = differs || !right;
            }
            const bool tone = p->tone == r.tone;
            const bool root = p->cameo.left(2).toInt() == r.root;
            s.toneRight += tone ? 1 : 0;
            s.rootRight += root ? 1 : 0;
            differs = differs || !tone;
        }
        s.predicted += int(order.size());
        for (const Relation *p : std::as_const(order)) {
            const bool right = goldPairs.contains(pairKey(p->a, p->b));
            s.predictedRight += right ? 1 : 0;
            differs = differs || !right;
        }
        if (g.relations.isEmpty()) {
            ++s.noneSentences;
            s.noneWithRelations += order.isEmpty() ? 0 : 1;
        }
        if (errors && differs) {
            QStringList want;
            for (const GoldRelation &r : g.relations)
                want << describe(r);
            QStringList got;
            for (const Relation *p : std::as_const(order))
                got << describe(*p);
            errors->append(QStringLiteral("%1 %2\n  gold:  %3\n  found: %4")
                               .arg(g.where, g.text, want.isEmpty() ? QStringLiteral("none") : want.join(u"; "),
                                   got.isEmpty() ? QStringLiteral("none") : got.join(u"; ")));
        }
    }
    return s;
}

QList<learn::Figure> relationFigures(const QList<GoldSentence> &sentences)
{
    QList<learn::Figure> out;
    const auto add = [&out](const QString &what, const RelationScores &s) {
        out.append({ QStringLiteral("relations pair recall, %1").arg(what), s.pairRecall(),
            QStringLiteral("%1 of %2 gold relations; precision %3 (%4 of %5 found)")
                .arg(s.pairsFound)
                .arg(s.gold)
                .arg(s.pairPrecision(), 0, 'f', 3)
                .arg(s.predictedRight)
                .arg(s.predicted) });
        out.append({ QStringLiteral("relations direction, %1").arg(what), s.directionAccuracy(),
            QStringLiteral("%1 of %2 found with a direction").arg(s.directionRight).arg(s.directedGold) });
        out.append({ QStringLiteral("relations tone, %1").arg(what), s.toneAccuracy(),
            QStringLiteral("%1 of %2 found; CAMEO root %3")
                .arg(s.toneRight)
                .arg(s.pairsFound)
                .arg(s.rootAccuracy(), 0, 'f', 3) });
        out.append({ QStringLiteral("relations in sentences stating none, %1").arg(what),
            s.noneSentences ? double(s.noneWithRelations) / s.noneSentences : 0.0,
            QStringLiteral("%1 of %2 sentences").arg(s.noneWithRelations).arg(s.noneSentences) });
    };
    add(QStringLiteral("all %1 sentences").arg(sentences.size()), scoreRelations(sentences));
    for (const QString &source : { QStringLiteral("un"), QStringLiteral("gum"), QStringLiteral("written") }) {
        QList<GoldSentence> part;
        for (const GoldSentence &g : sentences) {
            if (g.source == source)
                part.append(g);
        }
        if (!part.isEmpty())
            add(QStringLiteral("%1 (%2)").arg(source).arg(part.size()), scoreRelations(part));
    }
    return out;
}

} // namespace entente

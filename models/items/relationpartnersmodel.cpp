#include "relationpartnersmodel.h"

#include "chartdata.h"
#include "gazetteer.h"
#include "store.h"
#include "storesession.h"

#include <QHash>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace entente {

namespace {

// The weight a row is ranked by. A Goldstein sum is rounded to a millionth: a sum of doubles
// depends on the order of its terms in the last bits (SQLite's total() adds rows in the order
// it reads them, the cube adds per-year sums), and two pairs whose sums are equal should be a
// tie, broken the same way by either path, not ordered by rounding noise.
double rankWeight(bool byGoldstein, double goldstein, int total)
{
    return byGoldstein ? std::round(std::abs(goldstein) * 1e6) / 1e6 : double(total);
}

// Strongest first; ties by the total, then by the pair's codes, so that the same store always
// draws the same chart.
bool ranksBefore(
    double wx, int tx, const QString &ax, const QString &bx, double wy, int ty, const QString &ay, const QString &by)
{
    if (wx != wy)
        return wx > wy;
    if (tx != ty)
        return tx > ty;
    return std::tie(ax, bx) < std::tie(ay, by);
}

// Relations are between countries (ISO codes the gazetteer names) and organisations (stored under their ids).
bool isCountryCode(const QString &code)
{
    return !Gazetteer::shared().countryName(code).isEmpty();
}

} // namespace

RelationPartnersModel::RelationPartnersModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

RelationPartnersModel::~RelationPartnersModel() = default;

bool RelationPartnersModel::setSession(std::shared_ptr<StoreSession> session)
{
    m_session = std::move(session);
    m_store = m_session ? m_session->reader() : nullptr;
    m_cube.open(m_store);
    const bool ok = !m_session || m_store;
    reload();
    return ok;
}

void RelationPartnersModel::setFocusCountry(const QString &code)
{
    if (code == m_focus)
        return;
    m_focus = code;
    reload();
}

void RelationPartnersModel::setDirection(Direction direction)
{
    if (direction == m_direction)
        return;
    m_direction = direction;
    reload();
}

void RelationPartnersModel::setMeasure(Measure measure)
{
    if (measure == m_measure)
        return;
    m_measure = measure;
    reload(); // the top N depends on the measure
}

void RelationPartnersModel::setLimit(int limit)
{
    limit = std::max(1, limit);
    if (limit == m_limit)
        return;
    m_limit = limit;
    reload();
}

void RelationPartnersModel::setYearRange(int from, int to)
{
    if (from == m_yearFrom && to == m_yearTo)
        return;
    m_yearFrom = from;
    m_yearTo = to;
    reload();
}

void RelationPartnersModel::setOrganisationsShown(bool shown)
{
    if (shown == m_organisations)
        return;
    m_organisations = shown;
    reload();
}

bool RelationPartnersModel::isOrganisation(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return false;
    return involvesOrganisation(m_rows.at(row));
}

bool RelationPartnersModel::involvesOrganisation(const Row &r) const
{
    // With a focus the row is its partner; without, a pair, either side of which may be one.
    return !isCountryCode(r.b) || (m_focus.isEmpty() && !isCountryCode(r.a));
}

void RelationPartnersModel::reload()
{
    beginResetModel();
    m_rows = query();
    endResetModel();
}

QList<RelationPartnersModel::Row> RelationPartnersModel::query()
{
    if (!m_store)
        return {};
    // A focus reads two index ranges in SQL, fast enough not to wait for the cube; the whole
    // corpus reads every relation (350 ms on the UN store).
    const bool quick = !m_focus.isEmpty();
    const CorpusCube *cube = quick ? m_cube.ifReady() : m_cube.wait();
    QList<Row> rows;
    if (cube) {
        rows = queryCube(*cube);
    } else {
        rows = querySql();
        if (!m_organisations) {
            // The focus may be an organisation itself; its partners must be countries.
            rows.removeIf([this](const Row &r) { return involvesOrganisation(r); });
        }
        rank(rows);
    }

    QHash<QString, QString> names;
    const QString arrow = m_direction == Direction::All ? QStringLiteral(" – ") : QStringLiteral(" → ");
    for (Row &r : rows) {
        const QString nameB = chartdata::partyName(m_store->database(), r.b, &names);
        if (!m_focus.isEmpty()) {
            r.name = nameB;
        } else {
            const QString nameA = chartdata::partyName(m_store->database(), r.a, &names);
            r.name = nameA + arrow + nameB;
        }
    }
    return rows;
}

void RelationPartnersModel::rank(QList<Row> &rows) const
{
    const bool byGoldstein = m_measure == Measure::Goldstein;
    std::sort(rows.begin(), rows.end(), [byGoldstein](const Row &x, const Row &y) {
        return ranksBefore(rankWeight(byGoldstein, x.goldstein, x.total()), x.total(), x.a, x.b,
            rankWeight(byGoldstein, y.goldstein, y.total()), y.total(), y.a, y.b);
    });
    if (rows.size() > m_limit)
        rows.resize(m_limit);
}

QList<RelationPartnersModel::Row> RelationPartnersModel::queryCube(const CorpusCube &cube) const
{
    // The same sums as the SQL, over cells (a, b, tone, directed, year) instead of relations.
    struct Sum
    {
        qint32 a = 0;
        qint32 b = 0;
        int tones[CorpusCube::ToneCount] = {};
        double goldstein = 0;
        double positive = 0;
        double negative = 0;
        [[nodiscard]] int total() const { return tones[0] + tones[1] + tones[2] + tones[3]; }
        void add(const CorpusCube::RelationCell &c)
        {
            tones[c.tone] += c.count;
            goldstein += c.goldstein;
            positive += c.positive;
            negative += c.negative;
        }
    };
    const std::vector<CorpusCube::RelationCell> &cells = cube.relationCells();
    const bool directedOnly = m_direction != Direction::All;
    // Countries only: which codes are countries, once a query; the focus itself may be an organisation.
    std::vector<char> country;
    const qint32 focusId = m_focus.isEmpty() ? -1 : cube.codeId(m_focus);
    if (!m_organisations) {
        country.reserve(size_t(cube.codes().size()));
        for (const QString &code : cube.codes())
            country.push_back(isCountryCode(code) ? 1 : 0);
    }
    const auto counts = [&](const CorpusCube::RelationCell &c) {
        if (!country.empty()
            && ((c.a != focusId && !country[size_t(c.a)]) || (c.b != focusId && !country[size_t(c.b)])))
            return false;
        return (!directedOnly || c.directed) && CorpusCube::inRange(c.year, m_yearFrom, m_yearTo);
    };
    std::vector<Sum> sums;

    // Sums per partner of one code, in a dense array over codes, emptied after each use.
    std::vector<Sum> partner;
    std::vector<qint32> touched;
    const auto addTo = [&](qint32 a, qint32 b, const CorpusCube::RelationCell &c) {
        Sum &s = partner[size_t(b)];
        if (s.total() == 0) {
            s.a = a;
            s.b = b;
            touched.push_back(b);
        }
        s.add(c);
    };
    const auto flush = [&] {
        for (const qint32 b : touched) {
            sums.push_back(partner[size_t(b)]);
            partner[size_t(b)] = {};
        }
        touched.clear();
    };

    if (!m_focus.isEmpty()) {
        const qint32 x = cube.codeId(m_focus);
        if (x < 0)
            return {};
        partner.resize(size_t(cube.codes().size()));
        if (m_direction != Direction::Incoming) // a = focus AND b <> a
            for (const CorpusCube::RelationCell &c : cube.cellsOfA(x))
                if (c.b != x && counts(c))
                    addTo(x, c.b, c);
        if (m_direction != Direction::Outgoing) // b = focus AND a <> b, named (focus, a)
            for (const qint32 i : cube.cellsOfB(x))
                if (const CorpusCube::RelationCell &c = cells[size_t(i)]; c.a != x && counts(c))
                    addTo(x, c.a, c);
        flush();
    } else if (m_direction == Direction::All) {
        // Pairs (min(a, b), max(a, b)): for each code x, its partners y > x, from the cells where
        // it is a and those where it is b. Every cell with a <> b is counted once, under its min.
        partner.resize(size_t(cube.codes().size()));
        for (qint32 x = 0; x < cube.codes().size(); ++x) {
            for (const CorpusCube::RelationCell &c : cube.cellsOfA(x))
                if (c.b > x && counts(c))
                    addTo(x, c.b, c);
            for (const qint32 i : cube.cellsOfB(x))
                if (const CorpusCube::RelationCell &c = cells[size_t(i)]; c.a > x && counts(c))
                    addTo(x, c.a, c);
            flush();
        }
    } else {
        // Directed pairs keep their order; Incoming names them (b, a). Cells are sorted by
        // (a, b), so each pair's cells come together.
        const bool out = m_direction == Direction::Outgoing;
        for (const CorpusCube::RelationCell &c : cells) {
            if (c.a == c.b || !counts(c))
                continue;
            const qint32 a = out ? c.a : c.b, b = out ? c.b : c.a;
            if (sums.empty() || sums.back().a != a || sums.back().b != b)
                sums.push_back(Sum { a, b, {}, 0, 0, 0 });
            sums.back().add(c);
        }
    }

    // Only the top N are ranked in full.
    const bool byGoldstein = m_measure == Measure::Goldstein;
    const QStringList &codes = cube.codes();
    const auto top = sums.begin() + std::min<qsizetype>(m_limit, qsizetype(sums.size()));
    std::partial_sort(sums.begin(), top, sums.end(), [&](const Sum &x, const Sum &y) {
        return ranksBefore(rankWeight(byGoldstein, x.goldstein, x.total()), x.total(), codes.at(x.a), codes.at(x.b),
            rankWeight(byGoldstein, y.goldstein, y.total()), y.total(), codes.at(y.a), codes.at(y.b));
    });
    QList<Row> rows;
    rows.reserve(top - sums.begin());
    for (auto it = sums.begin(); it != top; ++it)
        rows.append(Row { codes.at(it->a), codes.at(it->b), {}, it->tones[CorpusCube::Cooperation],
            it->tones[CorpusCube::Conflict], it->tones[CorpusCube::Neutral], it->tones[CorpusCube::Mixed],
            it->goldstein, it->positive, it->negative });
    return rows;
}

QList<RelationPartnersModel::Row> RelationPartnersModel::querySql() const
{
    const bool years = m_yearFrom != 0;
    const QString yearClause = years ? QStringLiteral(" AND year BETWEEN ? AND ?") : QString();
    const QString directed = m_direction == Direction::All ? QString() : QStringLiteral(" AND directed = 1");

    // Each query yields (a, b, tone, count, goldstein sum); rows of the same pair are merged.
    QStringList parts;
    QVariantList binds;
    auto addYears = [&] {
        if (years)
            binds << m_yearFrom << (m_yearTo ? m_yearTo : 9999);
    };
    if (!m_focus.isEmpty()) {
        // Two halves, each on its own index (relations_a, relations_b).
        if (m_direction != Direction::Incoming) {
            parts << QStringLiteral("SELECT a, b, tone, count(*), total(goldstein), total(max(goldstein, 0)), "
                                    "total(min(goldstein, 0)) FROM relations"
                                    " WHERE a = ? AND b <> a%1%2 GROUP BY b, tone")
                         .arg(directed, yearClause);
            binds << m_focus;
            addYears();
        }
        if (m_direction != Direction::Outgoing) {
            parts << QStringLiteral("SELECT b, a, tone, count(*), total(goldstein), total(max(goldstein, 0)), "
                                    "total(min(goldstein, 0)) FROM relations"
                                    " WHERE b = ? AND a <> b%1%2 GROUP BY a, tone")
                         .arg(directed, yearClause);
            binds << m_focus;
            addYears();
        }
    } else if (m_direction == Direction::All) {
        parts << QStringLiteral("SELECT min(a, b), max(a, b), tone, count(*), total(goldstein), total(max(goldstein, "
                                "0)), total(min(goldstein, 0)) FROM relations"
                                " WHERE a <> b%1 GROUP BY 1, 2, 3")
                     .arg(yearClause);
        addYears();
    } else {
        const bool out = m_direction == Direction::Outgoing;
        parts << QStringLiteral("SELECT %1, tone, count(*), total(goldstein), total(max(goldstein, 0)), "
                                "total(min(goldstein, 0)) FROM relations"
                                " WHERE a <> b AND directed = 1%2 GROUP BY a, b, tone")
                     .arg(out ? QStringLiteral("a, b") : QStringLiteral("b, a"), yearClause);
        addYears();
    }

    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    q.prepare(parts.join(QStringLiteral(" UNION ALL ")));
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    QHash<QString, qsizetype> index;
    QList<Row> rows;
    if (!q.exec())
        return rows;
    while (q.next()) {
        const QString a = q.value(0).toString();
        const QString b = q.value(1).toString();
        const QString key = a + u'\x1f' + b;
        auto it = index.constFind(key);
        if (it == index.constEnd()) {
            it = index.insert(key, rows.size());
            rows.append(Row { a, b, {}, 0, 0, 0, 0, 0.0, 0.0, 0.0 });
        }
        Row &r = rows[*it];
        const QString tone = q.value(2).toString();
        const int n = q.value(3).toInt();
        if (tone == u"cooperation")
            r.cooperation += n;
        else if (tone == u"conflict")
            r.conflict += n;
        else if (tone == u"mixed")
            r.mixed += n;
        else
            r.neutral += n;
        r.goldstein += q.value(4).toDouble();
        r.positive += q.value(5).toDouble();
        r.negative += q.value(6).toDouble();
    }
    return rows;
}

QString RelationPartnersModel::pairA(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).a : QString();
}

QString RelationPartnersModel::pairB(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).b : QString();
}

int RelationPartnersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RelationPartnersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RelationPartnersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case NameColumn:
            return r.name;
        case CooperationColumn:
            return r.cooperation;
        case ConflictColumn:
            return r.conflict;
        case NeutralColumn:
            return r.neutral;
        case MixedColumn:
            return r.mixed;
        case GoldsteinPositiveColumn:
            return r.positive;
        case GoldsteinNegativeColumn:
            return r.negative;
        case GoldsteinColumn:
            return r.goldstein;
        case TotalColumn:
            return r.total();
        }
        return {};
    case Qt::ToolTipRole:
        return tr("%1: %2 cooperation, %3 conflict, %4 neutral, %5 mixed; Goldstein sum %6")
            .arg(r.name)
            .arg(r.cooperation)
            .arg(r.conflict)
            .arg(r.neutral)
            .arg(r.mixed)
            .arg(r.goldstein, 0, 'f', 1);
    case ACodeRole:
        return r.a;
    case BCodeRole:
    case PartnerCodeRole:
        return r.b;
    case RankRole:
        return index.row();
    case OrganisationRole:
        return isOrganisation(index.row());
    }
    return {};
}

QVariant RelationPartnersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return m_focus.isEmpty() ? tr("Pair") : tr("Partner");
    case CooperationColumn:
        return tr("Cooperation");
    case ConflictColumn:
        return tr("Conflict");
    case NeutralColumn:
        return tr("Neutral");
    case MixedColumn:
        return tr("Mixed");
    case GoldsteinPositiveColumn:
        return tr("Cooperative (Goldstein > 0)");
    case GoldsteinNegativeColumn:
        return tr("Hostile (Goldstein < 0)");
    case GoldsteinColumn:
        return tr("Goldstein sum");
    case TotalColumn:
        return tr("Total");
    }
    return {};
}

QString RelationPartnersModel::toCsv() const
{
    QString csv = chartdata::csvLine({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("name"),
        QStringLiteral("cooperation"), QStringLiteral("conflict"), QStringLiteral("neutral"), QStringLiteral("mixed"),
        QStringLiteral("goldstein"), QStringLiteral("goldstein_positive"), QStringLiteral("goldstein_negative"),
        QStringLiteral("total"), QStringLiteral("organisation") });
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Row &r = m_rows.at(i);
        csv += chartdata::csvLine({ r.a, r.b, r.name, QString::number(r.cooperation), QString::number(r.conflict),
            QString::number(r.neutral), QString::number(r.mixed), QString::number(r.goldstein, 'f', 2),
            QString::number(r.positive, 'f', 2), QString::number(r.negative, 'f', 2), QString::number(r.total()),
            isOrganisation(int(i)) ? QStringLiteral("1") : QStringLiteral("0") });
    }
    return csv;
}

} // namespace entente

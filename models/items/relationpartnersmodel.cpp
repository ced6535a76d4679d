#include "relationpartnersmodel.h"

#include "chartdata.h"
#include "gazetteer.h"
#include "sqldialect.h"
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
    , m_query(new AsyncQuery(this))
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
    if (code == m_p.focus)
        return;
    m_p.focus = code;
    reload();
}

void RelationPartnersModel::setDirection(Direction direction)
{
    if (direction == m_p.direction)
        return;
    m_p.direction = direction;
    reload();
}

void RelationPartnersModel::setMeasure(Measure measure)
{
    if (measure == m_p.measure)
        return;
    m_p.measure = measure;
    reload(); // the top N depends on the measure
}

void RelationPartnersModel::setLimit(int limit)
{
    limit = std::max(1, limit);
    if (limit == m_p.limit)
        return;
    m_p.limit = limit;
    reload();
}

void RelationPartnersModel::setYearRange(int from, int to)
{
    if (from == m_p.yearFrom && to == m_p.yearTo)
        return;
    m_p.yearFrom = from;
    m_p.yearTo = to;
    reload();
}

void RelationPartnersModel::setOrganisationsShown(bool shown)
{
    if (shown == m_p.organisations)
        return;
    m_p.organisations = shown;
    reload();
}

bool RelationPartnersModel::isOrganisation(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return false;
    return involvesOrganisation(m_p, m_rows.at(row));
}

bool RelationPartnersModel::involvesOrganisation(const Params &p, const Row &r)
{
    // With a focus the row is its partner; without, a pair, either side of which may be one.
    return !isCountryCode(r.b) || (p.focus.isEmpty() && !isCountryCode(r.a));
}

void RelationPartnersModel::reload()
{
    if (!m_store) {
        m_query->cancel();
        beginResetModel();
        m_rows.clear();
        endResetModel();
        return;
    }
    // On a worker, even with the cube loaded: naming an organisation reads the entities (a few ms each on a big
    // store), and without a focus the corpus' pairs wait for the cube's load (SQL reads every relation, 350 ms on the
    // UN store). The rows of the question before stay until the answer.
    const bool quick = !m_p.focus.isEmpty();
    const CorpusCube *ready = m_cube.ifReady();
    std::function<std::shared_ptr<const CorpusCube>()> cube;
    if (ready || !quick)
        cube = m_cube.waiter();
    m_query->run(
        [session = m_session, p = m_p, cube]() -> Answer {
            const Store *store = session->reader();
            if (!store)
                return {};
            Answer answer;
            answer.cube = cube ? cube() : nullptr;
            answer.rows = ask(*store, p, answer.cube.get());
            return answer;
        },
        [this](Answer answer) {
            m_cube.adopt(answer.cube);
            beginResetModel();
            m_rows = std::move(answer.rows);
            endResetModel();
        });
}

QList<RelationPartnersModel::Row> RelationPartnersModel::ask(
    const Store &store, const Params &p, const CorpusCube *cube)
{
    QList<Row> rows;
    if (cube) {
        rows = queryCube(p, *cube);
    } else {
        rows = querySql(store, p);
        if (!p.organisations) {
            // The focus may be an organisation itself; its partners must be countries.
            rows.removeIf([&p](const Row &r) { return involvesOrganisation(p, r); });
        }
        rank(p, rows);
    }

    QHash<QString, QString> names;
    const QString arrow = p.direction == Direction::All ? QStringLiteral(" – ") : QStringLiteral(" → ");
    for (Row &r : rows) {
        const QString nameB = chartdata::partyName(store.database(), r.b, &names);
        if (!p.focus.isEmpty()) {
            r.name = nameB;
        } else {
            const QString nameA = chartdata::partyName(store.database(), r.a, &names);
            r.name = nameA + arrow + nameB;
        }
    }
    return rows;
}

void RelationPartnersModel::rank(const Params &p, QList<Row> &rows)
{
    const bool byGoldstein = p.measure == Measure::Goldstein;
    std::sort(rows.begin(), rows.end(), [byGoldstein](const Row &x, const Row &y) {
        return ranksBefore(rankWeight(byGoldstein, x.goldstein, x.total()), x.total(), x.a, x.b,
            rankWeight(byGoldstein, y.goldstein, y.total()), y.total(), y.a, y.b);
    });
    if (rows.size() > p.limit)
        rows.resize(p.limit);
}

QList<RelationPartnersModel::Row> RelationPartnersModel::queryCube(const Params &p, const CorpusCube &cube)
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
    const bool directedOnly = p.direction != Direction::All;
    // Countries only: which codes are countries, once a query; the focus itself may be an organisation.
    std::vector<char> country;
    const qint32 focusId = p.focus.isEmpty() ? -1 : cube.codeId(p.focus);
    if (!p.organisations) {
        country.reserve(size_t(cube.codes().size()));
        for (const QString &code : cube.codes())
            country.push_back(isCountryCode(code) ? 1 : 0);
    }
    const auto counts = [&](const CorpusCube::RelationCell &c) {
        if (!country.empty()
            && ((c.a != focusId && !country[size_t(c.a)]) || (c.b != focusId && !country[size_t(c.b)])))
            return false;
        return (!directedOnly || c.directed) && CorpusCube::inRange(c.year, p.yearFrom, p.yearTo);
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

    if (!p.focus.isEmpty()) {
        const qint32 x = cube.codeId(p.focus);
        if (x < 0)
            return {};
        partner.resize(size_t(cube.codes().size()));
        if (p.direction != Direction::Incoming) // a = focus AND b <> a
            for (const CorpusCube::RelationCell &c : cube.cellsOfA(x))
                if (c.b != x && counts(c))
                    addTo(x, c.b, c);
        if (p.direction != Direction::Outgoing) // b = focus AND a <> b, named (focus, a)
            for (const qint32 i : cube.cellsOfB(x))
                if (const CorpusCube::RelationCell &c = cells[size_t(i)]; c.a != x && counts(c))
                    addTo(x, c.a, c);
        flush();
    } else if (p.direction == Direction::All) {
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
        const bool out = p.direction == Direction::Outgoing;
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
    const bool byGoldstein = p.measure == Measure::Goldstein;
    const QStringList &codes = cube.codes();
    const auto top = sums.begin() + std::min<qsizetype>(p.limit, qsizetype(sums.size()));
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

QList<RelationPartnersModel::Row> RelationPartnersModel::querySql(const Store &store, const Params &p)
{
    const bool years = p.yearFrom != 0;
    const QString yearClause = years ? QStringLiteral(" AND year BETWEEN ? AND ?") : QString();
    const QString directed = p.direction == Direction::All ? QString() : QStringLiteral(" AND directed = 1");

    // Each query yields (a, b, tone, count, goldstein sum); rows of the same pair are merged.
    const sql::Dialect d = sql::dialectOf(store.database());
    const QString sums = QStringLiteral("count(*), %1, %2, %3")
                             .arg(sql::total(d, QStringLiteral("goldstein")),
                                 sql::total(d, sql::greatest(d, QStringLiteral("goldstein"), QStringLiteral("0"))),
                                 sql::total(d, sql::least(d, QStringLiteral("goldstein"), QStringLiteral("0"))));
    // PostgreSQL wants the focus, fixed by the WHERE, among the grouped columns too; SQLite takes it as it is.
    const bool pg = d == sql::Dialect::PostgreSQL;
    QStringList parts;
    QVariantList binds;
    auto addYears = [&] {
        if (years)
            binds << p.yearFrom << (p.yearTo ? p.yearTo : 9999);
    };
    if (!p.focus.isEmpty()) {
        // Two halves, each on its own index (relations_a, relations_b).
        if (p.direction != Direction::Incoming) {
            parts << QStringLiteral(
                "SELECT a, b, tone, %3 FROM relations WHERE a = ? AND b <> a%1%2 GROUP BY %4b, tone")
                         .arg(directed, yearClause, sums, pg ? QStringLiteral("a, ") : QString());
            binds << p.focus;
            addYears();
        }
        if (p.direction != Direction::Outgoing) {
            parts << QStringLiteral(
                "SELECT b, a, tone, %3 FROM relations WHERE b = ? AND a <> b%1%2 GROUP BY %4a, tone")
                         .arg(directed, yearClause, sums, pg ? QStringLiteral("b, ") : QString());
            binds << p.focus;
            addYears();
        }
    } else if (p.direction == Direction::All) {
        parts << QStringLiteral("SELECT %2, %3, tone, %4 FROM relations WHERE a <> b%1 GROUP BY 1, 2, 3")
                     .arg(yearClause, sql::least(d, QStringLiteral("a"), QStringLiteral("b")),
                         sql::greatest(d, QStringLiteral("a"), QStringLiteral("b")), sums);
        addYears();
    } else {
        const bool out = p.direction == Direction::Outgoing;
        parts << QStringLiteral(
            "SELECT %1, tone, %3 FROM relations WHERE a <> b AND directed = 1%2 GROUP BY a, b, tone")
                     .arg(out ? QStringLiteral("a, b") : QStringLiteral("b, a"), yearClause, sums);
        addYears();
    }

    QSqlQuery q(store.database());
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
        return m_p.focus.isEmpty() ? tr("Pair") : tr("Partner");
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

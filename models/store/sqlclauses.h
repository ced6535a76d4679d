#pragma once

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace entente::sql {

// The conditions several models and exports put in their queries, written once: a year range and a relation's
// pair. Each is SQL text with "?" placeholders and the values to bind to them, in order.
//
//     const sql::Clause years = sql::yearRange(QStringLiteral("year"), from, to);
//     q.prepare(QStringLiteral("SELECT count(*) FROM relations WHERE a <> b") + years.andText());
//     sql::bind(q, years.values);
struct Clause
{
    QString text; // empty: no condition
    QVariantList values;

    [[nodiscard]] bool isEmpty() const { return text.isEmpty(); }
    // " AND text", or nothing for no condition.
    [[nodiscard]] QString andText() const { return text.isEmpty() ? QString() : QStringLiteral(" AND ") + text; }
};

// The last year of a range: `to`, or 9999 for a range open at its end (to == 0).
[[nodiscard]] inline int lastYear(int to)
{
    return to != 0 ? to : 9999;
}

// "column BETWEEN ? AND ?" for a range that starts at `from` (0: every year, undated rows too: no condition).
[[nodiscard]] inline Clause yearRange(const QString &column, int from, int to)
{
    if (from == 0)
        return {};
    return { column + QStringLiteral(" BETWEEN ? AND ?"), { from, lastYear(to) } };
}

// The ids of the articles published in the range, from the (published_year) index: a subquery for
// "article_id IN (...)". Joining the article rows instead would read each one's text (the year is stored after
// it). Empty for every year.
[[nodiscard]] inline Clause articlesInYears(int from, int to)
{
    if (from == 0)
        return {};
    return { QStringLiteral("(SELECT id FROM articles WHERE published_year BETWEEN ? AND ?)"), { from, lastYear(to) } };
}

// The relations between `a` and `b`, either way.
[[nodiscard]] inline Clause relationPair(const QString &a, const QString &b)
{
    return { QStringLiteral("((a = ? AND b = ?) OR (a = ? AND b = ?))"), { a, b, b, a } };
}

inline void bind(QSqlQuery &q, const QVariantList &values)
{
    for (const QVariant &v : values)
        q.addBindValue(v);
}

} // namespace entente::sql

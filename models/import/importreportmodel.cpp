#include "importreportmodel.h"

#include <QFileInfo>

#include <tuple>

#include <algorithm>

namespace entente {

QString skipReason(const ImportMessage &message)
{
    QString reason = message.text;
    const QString prefix = QObject::tr("skipped: ");
    if (reason.startsWith(prefix))
        reason = reason.mid(prefix.size());
    return reason.section(u'(', 0, 0).trimmed();
}

ImportTally ImportTally::of(const QList<ImportMessage> &messages)
{
    ImportTally t;
    for (const ImportMessage &m : messages) {
        if (m.skipped)
            ++t.skippedByReason[skipReason(m)];
        else
            ++t.warnings;
    }
    return t;
}

ImportReportModel::ImportReportModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ImportReportModel::setSummary(const ImportSummary &summary)
{
    beginResetModel();
    m_summary = summary;
    m_rows = summary.messages;
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const ImportMessage &a, const ImportMessage &b) {
        if (a.skipped != b.skipped)
            return a.skipped;
        return std::tie(a.file, a.line) < std::tie(b.file, b.line);
    });
    endResetModel();
}

QString ImportReportModel::headline() const
{
    const ImportProgress &t = m_summary.totals;
    QString text = tr("Imported %n article(s)", nullptr, int(t.imported));
    if (t.duplicates > 0)
        text += tr(", %n duplicate(s) left out", nullptr, int(t.duplicates));
    const ImportTally tally = ImportTally::of(m_summary.messages);
    if (t.skippedFiles > 0)
        text += tr(", %n file(s) skipped", nullptr, int(t.skippedFiles)) + QStringLiteral(" (")
            + QStringList(tally.skippedByReason.keys()).join(QStringLiteral(", ")) + u')';
    if (tally.warnings > 0)
        text += tr(", %n warning(s)", nullptr, tally.warnings);
    if (m_summary.cancelled)
        text += tr(" — cancelled; what was imported is kept");
    if (!m_summary.fatalError.isEmpty())
        text += tr(" — stopped: %1").arg(m_summary.fatalError);
    return text;
}

QString ImportReportModel::toText() const
{
    const ImportProgress &t = m_summary.totals;
    QStringList lines;
    lines << tr("Imported:   %n article(s)", nullptr, int(t.imported)) << tr("Duplicates: %1").arg(t.duplicates)
          << tr("Read:       %1 of %2 file(s), %3 MB in %4 s")
                 .arg(t.filesDone)
                 .arg(t.filesTotal)
                 .arg(double(t.bytesDone) / 1048576.0, 0, 'f', 1)
                 .arg(t.seconds, 0, 'f', 1);
    const ImportTally tally = ImportTally::of(m_summary.messages);
    lines << tr("Skipped:    %n file(s)", nullptr, int(t.skippedFiles));
    for (auto it = tally.skippedByReason.cbegin(); it != tally.skippedByReason.cend(); ++it)
        lines << QStringLiteral("            %1 × %2").arg(it.value()).arg(it.key());
    lines << tr("Warnings:   %1").arg(tally.warnings);
    if (m_summary.cancelled)
        lines << tr("Cancelled; what was imported is kept.");
    if (!m_summary.fatalError.isEmpty())
        lines << tr("Stopped: %1").arg(m_summary.fatalError);
    if (!m_rows.isEmpty())
        lines << QString();
    for (const ImportMessage &m : m_rows)
        lines << m.toString();
    return lines.join(u'\n') + u'\n';
}

int ImportReportModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ImportReportModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportReportModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ImportMessage &m = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FileColumn:
            return QFileInfo(m.file).fileName();
        case LineColumn:
            return m.line > 0 ? QVariant(m.line) : QVariant();
        case KindColumn:
            return m.skipped ? tr("Skipped") : tr("Warning");
        case MessageColumn:
            return m.skipped ? skipReason(m) : m.text;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return m.toString();
    case SkippedRole:
        return m.skipped;
    case PathRole:
        return m.file;
    case Qt::TextAlignmentRole:
        return index.column() == LineColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant ImportReportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FileColumn:
        return tr("File");
    case LineColumn:
        return tr("Line");
    case KindColumn:
        return tr("What");
    case MessageColumn:
        return tr("Reason");
    default:
        return {};
    }
}

} // namespace entente

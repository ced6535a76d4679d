#pragma once

#include "importer.h"

#include <QAbstractTableModel>
#include <QList>
#include <QMap>

namespace entente {

// The reason a skipped-file message gives, without the "skipped: " prefix and any detail in
// parentheses: "binary file", "hidden file", "empty file". What the summaries count by.
[[nodiscard]] QString skipReason(const ImportMessage &message);

// Skipped files counted by reason, and the warnings (messages about records or lines of files
// that were imported), for the import summaries of the command line and the window.
struct ImportTally
{
    QMap<QString, int> skippedByReason;
    int warnings = 0;

    [[nodiscard]] static ImportTally of(const QList<ImportMessage> &messages);
};

// What an import had to say, one row per message (file, line, what happened), for the window's
// import report. Skipped files first, then warnings, each in file order.
class ImportReportModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { FileColumn, LineColumn, KindColumn, MessageColumn, ColumnCount };
    enum Role { SkippedRole = Qt::UserRole + 1, PathRole };

    explicit ImportReportModel(QObject *parent = nullptr);

    void setSummary(const ImportSummary &summary);
    [[nodiscard]] const ImportSummary &summary() const { return m_summary; }
    // Several lines of plain text: the figures, skipped files by reason, then every message.
    [[nodiscard]] QString toText() const;
    // One line: "Imported 5 articles, 1 duplicate, 2 files skipped (binary file, empty file)".
    [[nodiscard]] QString headline() const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    ImportSummary m_summary;
    QList<ImportMessage> m_rows;
};

} // namespace entente

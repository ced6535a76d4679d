#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace entente {

class ImportReportModel;
struct ImportSummary;

// The report of the last import: its figures in one line, then every file skipped and every
// warning, one row each (file, line, what, reason), sortable and filterable; the whole report
// can be copied or saved as text. Non-modal: it stays open beside the panes.
class ImportReportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportReportDialog(QWidget *parent = nullptr);

    void setSummary(const ImportSummary &summary);
    [[nodiscard]] ImportReportModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }

private:
    void saveAs();

    ImportReportModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLabel *m_headline = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace entente

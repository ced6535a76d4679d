#include "importreportdialog.h"

#include "importreportmodel.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace entente {

ImportReportDialog::ImportReportDialog(QWidget *parent)
    : QDialog(parent)
    , m_model(new ImportReportModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_headline(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("importReport"));
    setWindowTitle(tr("Import Report"));
    m_headline->setObjectName(QStringLiteral("importHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1); // every column
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setPlaceholderText(tr("Filter by file or reason"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setObjectName(QStringLiteral("importMessages"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the model's order: skipped files first
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(ImportReportModel::MessageColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(ImportReportModel::LineColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ImportReportModel::KindColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->resizeSection(
        ImportReportModel::FileColumn, 18 * m_view->fontMetrics().horizontalAdvance(u'M'));
    m_view->setStatusTip(tr("Each file that was skipped, and each line or record that was read with a warning"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy Report"), QDialogButtonBox::ActionRole);
    copy->setToolTip(tr("Copy the figures and every message as text"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_model->toText()); });
    QPushButton *save = buttons->addButton(tr("&Save Report…"), QDialogButtonBox::ActionRole);
    save->setToolTip(tr("Save the figures and every message to a text file"));
    connect(save, &QPushButton::clicked, this, &ImportReportDialog::saveAs);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(760, 420);
}

void ImportReportDialog::setSummary(const ImportSummary &summary)
{
    m_model->setSummary(summary);
    m_headline->setText(m_model->headline() + u'.');
    const bool any = m_model->rowCount() > 0;
    m_filter->setVisible(any);
    m_view->setVisible(any);
    if (!any)
        m_headline->setText(m_headline->text() + u' ' + tr("Every file was read without a problem."));
}

void ImportReportDialog::saveAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Import Report"),
        QDir::home().filePath(QStringLiteral("import-report.txt")), tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(m_model->toText().toUtf8()) < 0
        || !file.commit())
        QMessageBox::warning(this, tr("Save Import Report"), tr("Cannot write %1: %2").arg(path, file.errorString()));
}

} // namespace entente

#include "kwicpane.h"

#include "annotationlegend.h"
#include "kwicmodel.h"
#include "selection.h"
#include "storesession.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace entente {

namespace {
// The left context is cut on its left, so that the words next to the hit stay in sight; the hit stands out.
class ContextDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = index.column() == KwicModel::LeftColumn ? Qt::ElideLeft : Qt::ElideRight;
        if (index.column() == KwicModel::HitColumn)
            option->font.setBold(true);
    }
};
} // namespace

KwicPane::KwicPane(Selection *selection, KwicModel *model, QWidget *parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_model(model)
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("kwicSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("kwicView"));
    m_model->setBackground(true); // a search of a big store reads for most of a second
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ContextDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(KwicModel::DateColumn, Qt::DescendingOrder);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(KwicModel::LeftColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(KwicModel::RightColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(KwicModel::DateColumn, QHeaderView::Interactive);
    const int em = m_view->fontMetrics().horizontalAdvance(u'M');
    header->resizeSection(
        KwicModel::DateColumn, m_view->fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00")) + em);
    header->resizeSection(KwicModel::ArticleColumn, 11 * em);
    m_view->setStatusTip(tr("Each hit of the search in its context; select a line to read the article at the hit. "
                            "Click a header to sort (“Before” sorts by the word right before the hit)"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    setFocusProxy(m_view);

    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
            if (m_syncing || !current.isValid())
                return;
            const Hit &h = m_model->hit(current.row());
            m_selection->showSentence(h.article, h.start);
        });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateSummary();
        fitHitColumn();
        emit countChanged(m_model->rowCount());
    });
    updateSummary();
}

void KwicPane::setSession(std::shared_ptr<StoreSession> session)
{
    m_session = std::move(session);
    m_stale = true;
    readIfStale();
}

void KwicPane::setFilter(const ArticleFilter &filter)
{
    if (filter == m_filter && !m_stale)
        return;
    m_filter = filter;
    m_stale = true;
    readIfStale();
}

void KwicPane::refresh()
{
    m_stale = true;
    readIfStale();
}

void KwicPane::readIfStale(bool evenHidden)
{
    // A search over a large store reads many texts: only for a pane that is seen (no search empties it at once).
    if (!m_stale || (!evenHidden && !isVisible() && !m_filter.textQuery.isEmpty()))
        return;
    m_stale = false;
    m_syncing = true;
    m_model->setSession(m_session, m_filter);
    m_syncing = false;
    updateSummary(); // "Finding…" while the model reads
}

void KwicPane::settle()
{
    readIfStale(true);
    if (m_model->isReading()) {
        // An export wants the lines now: read them here (the read under way is then dropped).
        m_model->setBackground(false);
        m_model->reload();
        m_model->setBackground(true);
    }
}

void KwicPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    readIfStale();
}

void KwicPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Narrow (the Articles dock of a laptop): the context keeps the room; the tooltip has the date and title.
    m_view->setColumnHidden(KwicModel::ArticleColumn, width() < 520);
    m_view->setColumnHidden(KwicModel::DateColumn, width() < 340);
}

void KwicPane::fitHitColumn()
{
    // Dates as long as the store's are ("1999" for the UN's speeches, "2023-05-11" for news).
    m_view->resizeColumnToContents(KwicModel::DateColumn);
    // As wide as the hits (of the first thousand lines), within reason: a long phrase is cut, not the context.
    const int em = m_view->fontMetrics().horizontalAdvance(u'M');
    QFont bold = m_view->font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    int widest = 3 * em;
    for (int row = 0; row < std::min(m_model->rowCount(), 1000); ++row)
        widest = std::max(widest, metrics.horizontalAdvance(m_model->hit(row).match));
    m_view->horizontalHeader()->resizeSection(KwicModel::HitColumn, std::min(widest + em, 16 * em));
}

void KwicPane::updateSummary()
{
    const QString error = m_model->queryError();
    const bool dark = AnnotationLegend::isDark(palette());
    m_summary->setStyleSheet(error.isEmpty()
            ? QString()
            : QStringLiteral("color: %1").arg(dark ? QStringLiteral("#ff9d8a") : QStringLiteral("#b3261e")));
    const QLocale locale;
    if (m_model->isReading())
        m_summary->setText(tr("Finding the hits of “%1”…").arg(Hits::shownQuery(m_filter.textQuery)));
    else if (!error.isEmpty())
        m_summary->setText(error);
    else if (m_filter.textQuery.isEmpty())
        m_summary->setText(tr("Search above to see every hit here in its context, one line each."));
    else if (m_model->rowCount() == 0)
        m_summary->setText(tr("No hit of “%1” in the text of the articles listed (the titles may hold it).")
                               .arg(Hits::shownQuery(m_filter.textQuery)));
    else if (m_model->isCapped())
        // Short: the pane is often a narrow dock, and the search is in the field above.
        m_summary->setText(tr("The first %1 hits only · articles: %2 · narrow the search or the years for the rest")
                               .arg(locale.toString(m_model->rowCount()), locale.toString(m_model->articleCount())));
    else
        m_summary->setText(tr("Hits: %1 · articles: %2")
                               .arg(locale.toString(m_model->rowCount()), locale.toString(m_model->articleCount())));
    m_summary->setToolTip(m_filter.textQuery.isEmpty()
            ? QString()
            : tr("Hits of “%1” in the text of the articles listed; at most %2 lines, newest articles first")
                  .arg(Hits::shownQuery(m_filter.textQuery), locale.toString(m_model->cap())));
}

void KwicPane::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    const QModelIndex current = m_view->currentIndex();
    QAction *copy = menu.addAction(tr("&Copy Line"), this, [this, current] {
        const Hit &h = m_model->hit(current.row());
        QApplication::clipboard()->setText(h.left + h.match + h.right);
    });
    copy->setEnabled(current.isValid());
    QAction *save = menu.addAction(tr("&Export Hits as CSV…"), this, &KwicPane::exportHitsInteractively);
    save->setEnabled(m_model->rowCount() > 0);
    menu.exec(event->globalPos());
}

void KwicPane::exportHitsInteractively()
{
    settle();
    if (m_model->rowCount() == 0) {
        QMessageBox::information(this, tr("Export Hits"), tr("Search the articles first: there is no hit to export."));
        return;
    }
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export Hits"), QDir::home().filePath(QStringLiteral("hits.csv")), tr("CSV tables (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    QString error;
    if (!writeHits(path, &error))
        QMessageBox::warning(this, tr("Export Hits"), error);
}

bool KwicPane::writeHits(const QString &path, QString *error)
{
    settle();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QString why;
    if (!m_model->writeCsv(&file, &why) || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, why.isEmpty() ? file.errorString() : why);
        return false;
    }
    return true;
}

} // namespace entente

// MainWindow's reading panes: Articles and Reader.
#include "readingpanes.h"

#include "article.h"
#include "articlelistmodel.h"
#include "mainwindow.h"
#include "selection.h"
#include "store.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QTableView>
#include <QTextBrowser>

namespace entente {

namespace {

QString articleHtml(const ArticleRecord &r)
{
    QString html = QStringLiteral("<h2>%1</h2><p style='color:palette(mid)'>").arg(r.title.toHtmlEscaped());
    QStringList meta;
    if (!r.source.isEmpty())
        meta << r.source.toHtmlEscaped();
    if (!r.author.isEmpty())
        meta << QObject::tr("by %1").arg(r.author.toHtmlEscaped());
    meta << (r.published.date.isValid()
                 ? QObject::tr("%1 (%2, from the %3)")
                       .arg(r.published.date.toIso(), precisionName(r.published.date.precision),
                            dateSourceName(r.published.source))
                 : QObject::tr("undated"));
    meta << QFileInfo(r.file).fileName().toHtmlEscaped();
    html += meta.join(QStringLiteral(" · ")) + QStringLiteral("</p>");
    for (const QString &para : r.text.split(u'\n', Qt::SkipEmptyParts))
        html += QStringLiteral("<p>%1</p>").arg(para.toHtmlEscaped());
    return html;
}

} // namespace

ArticleListModel *MainWindow::articleModel() const
{
    return m_reading->articles;
}

void MainWindow::createReadingPanes()
{
    m_reading = std::make_unique<ReadingPanes>();
    ReadingPanes &p = *m_reading;
    p.articles = new ArticleListModel(this);

    p.reader = new QTextBrowser(this);
    p.reader->setObjectName(QStringLiteral("reader"));
    p.reader->setOpenLinks(false);
    p.reader->setPlaceholderText(tr("Select an article to read it here."));
    setCentralWidget(p.reader);

    p.articleView = new QTableView(this);
    p.articleView->setObjectName(QStringLiteral("articleView"));
    p.articleView->setModel(p.articles);
    p.articleView->setSelectionBehavior(QAbstractItemView::SelectRows);
    p.articleView->setSelectionMode(QAbstractItemView::SingleSelection);
    p.articleView->setSortingEnabled(true);
    p.articleView->sortByColumn(ArticleListModel::DateColumn, Qt::DescendingOrder);
    p.articleView->verticalHeader()->hide();
    p.articleView->horizontalHeader()->setSectionResizeMode(ArticleListModel::TitleColumn, QHeaderView::Stretch);
    p.articleView->setWordWrap(false);
    connect(p.articleView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { m_selection->setArticle(m_reading->articles->articleId(current.row())); });

    auto *dock = new QDockWidget(tr("Articles"), this);
    dock->setObjectName(QStringLiteral("articlesDock"));
    dock->setWidget(p.articleView);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    connect(this, &MainWindow::storeChanged, this, [this](const QString &path) {
        m_reading->articles->setStorePath(path);
        if (m_reading->articles->rowCount() > 0)
            m_reading->articleView->selectRow(0);
        else
            m_reading->reader->clear();
    });
    connect(m_selection, &Selection::articleChanged, this, [this](qint64 id) {
        Store store;
        ArticleRecord r;
        if (id < 0 || m_storePath.isEmpty() || !store.open(m_storePath, Store::OpenMode::ReadOnly) ||
            !store.loadArticle(id, &r)) {
            m_reading->reader->clear();
            return;
        }
        m_reading->reader->setHtml(articleHtml(r));
    });
}

} // namespace entente

#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTableView;
class QTemporaryDir;
class QTextBrowser;

namespace entente {

class ArticleListModel;
class ImportJob;
struct ImportProgress;
struct ImportSummary;

// The application window: menus and actions, the docked panes, the store that is open, and
// imports running in the background. It wires panes together and little else.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens `storePath`, or, when it is empty, the bundled sample corpus in a temporary store.
    void start(const QString &storePath = {});

    bool openStore(const QString &path);
    void importPaths(const QStringList &paths);

    [[nodiscard]] QString storePath() const { return m_storePath; }
    [[nodiscard]] bool isImporting() const;
    [[nodiscard]] ArticleListModel *articleModel() const { return m_articles; }

signals:
    void storeOpened(const QString &path);
    void importFinished(const entente::ImportSummary &summary);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createPanes();
    void restoreLayout();
    void resetLayout();
    void newStore();
    void openStoreDialog();
    void importFilesDialog();
    void importFolderDialog();
    void openSampleCorpus();
    void showArticle(qint64 id);
    void updateRecentMenu();
    void addRecent(const QString &path);
    void onImportProgress(const ImportProgress &p);
    void onImportFinished(const ImportSummary &s);
    void updateTitle();

    ArticleListModel *m_articles = nullptr;
    QTableView *m_articleView = nullptr;
    QTextBrowser *m_reader = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_storeLabel = nullptr;
    QList<QAction *> m_storeActions;
    QPointer<ImportJob> m_job;
    std::unique_ptr<QTemporaryDir> m_sampleDir;
    QString m_storePath;
    QByteArray m_defaultState;
    bool m_temporaryStore = false;
};

} // namespace entente

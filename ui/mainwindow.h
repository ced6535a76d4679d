#pragma once

#include <QMainWindow>
#include <QPointer>

#include "corpuscube.h"

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTemporaryDir;
class QThreadPool;
class QTimer;
class QToolBar;
class QToolButton;
class QUndoStack;

namespace entente {

class ArticleListModel;
class AsyncQuery;
class ImportJob;
class ImportReportDialog;
class CorrectionsDialog;
class Selection;
class StoreSession;
struct EntityRef;
class ChartPanes;
class ReadingPanes;
struct ImportProgress;
struct ImportSummary;
struct Edit;

// The application window: menus and actions, the docked panes, the store that is open, and
// imports running in the background. It wires panes together and little else.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    // Every pane but the Reader as tabs in one place: what a small or magnified screen gets
    // unless the user unticks View > Compact Layout.
    void applyCompactLayout();
    [[nodiscard]] bool isCompact() const { return m_compact; }
    ~MainWindow() override;

    // Opens `storePath`, or, when it is empty, the bundled sample corpus in a temporary store.
    // Opens `path` as the app was asked to: a store; a folder or a file of articles (offers to import it into a
    // store beside it); a store that does not exist (offers to create it); nothing (the sample corpus).
    void start(const QString &path = {});

    // Opens the store at `path` (false, with a message, when it cannot be opened). The panes read it once its first
    // focus is chosen, on a worker: storeOpened() tells.
    bool openStore(const QString &path);
    // A store was opened, and its first focus is on its way; the panes have not read it yet.
    [[nodiscard]] bool isOpening() const;
    void importPaths(const QStringList &paths);

    [[nodiscard]] QString storePath() const { return m_storePath; }
    // The open store's connections, which every pane reads through; none while no store is open.
    [[nodiscard]] std::shared_ptr<StoreSession> session() const { return m_session; }
    [[nodiscard]] bool isImporting() const;
    [[nodiscard]] ArticleListModel *articleModel() const;
    [[nodiscard]] Selection *selection() const { return m_selection; }
    // The open store's edits, undoable (Edit > Undo, Redo); emptied when another store opens.
    [[nodiscard]] QUndoStack *undoStack() const { return m_undoStack; }
    // Applies `edit` to the open store through the undo stack; the panes then read the store again. Refused, with
    // a message, while an import writes to the store.
    void requestEdit(const entente::Edit &edit);

    // On a server store, the window asks the server every few seconds (on a worker) whether it still answers and
    // whether another program imported into it: a lost connection shows a banner above the panes and is tried again
    // until it comes back; then, or when the store grew, the panes read it again (storeGrew()).
    [[nodiscard]] bool isConnectionLost() const { return m_connectionLost; }
    [[nodiscard]] QWidget *connectionBanner() const;
    // How often (3 s by default); for tests.
    void setServerCheckInterval(int milliseconds);

signals:
    // Another store was opened (empty: the panes let go of the store): panes read it anew, a model reset.
    void storeChanged(const QString &path);
    // An import into the open store added to it (sent before importFinished), or an edit (or its undo) rewrote it:
    // the models insert the new rows and count again, keeping the user's selection, scroll position, focus and
    // history.
    void storeGrew(const entente::StoreGrowth &growth);
    // A store was opened and its panes read it: sent after storeChanged(path).
    void storeOpened(const QString &path);
    void importFinished(const entente::ImportSummary &summary);

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // What a store opens with: its most-mentioned country (none for an empty store).
    static EntityRef firstFocus(const StoreSession *session);
    // The store's first focus is in: the panes read the store.
    void finishOpening(const EntityRef &first);
    void createActions();
    // The panes, in two groups that build themselves (ReadingPanes, ChartPanes); this wires them to the store, the
    // window's edits and each other.
    void createPanes();
    void createStatusBar();
    void createGoToPaneActions();
    void restoreLayout();
    [[nodiscard]] bool isSmallScreen() const;
    [[nodiscard]] bool wantsCompactLayout() const;
    // Not small, but under 1500x850 (a laptop): see applyMediumLayout().
    [[nodiscard]] bool isMediumScreen() const;
    void applyMediumLayout();
    void giveReaderRoom();
    void fixDockTabBars();
    void resetLayout();
    void newStore();
    void openStoreDialog();
    // File > Open Store on Server…: the connection dialog, then the store.
    void openServerDialog();
    // The store's actions as the open store allows them: imports only where the role may write, corrections only
    // in a store file.
    void updateStoreActions();
    void importFilesDialog();
    void importFolderDialog();
    void openSampleCorpus();
    void updateRecentMenu();
    void addRecent(const QString &path);
    // The recent stores, newest first: as this window last wrote them, or as the settings have them.
    [[nodiscard]] QStringList recentStores() const;
    void onImportProgress(const ImportProgress &p);
    void onImportFinished(const ImportSummary &s);
    void updateTitle();
    // What the window says of a store file this user may not write (why no import or correction); empty otherwise.
    [[nodiscard]] QString readOnlyMessage() const;
    void showImportReport();
    void editDone(const QString &error);
    // Pushes a command that takes back (or applies again) a stored edit, of this session or an earlier one.
    void requestEditState(const entente::Edit &edit, bool takeBack);
    // The Correction History's list and the successor-states option, as the store's edits have them.
    void refreshCorrections();
    void showCorrections();
    void countSuccessorStatesAsOne(bool on);
    void exportEditsInteractively();
    void importEditsInteractively();
    void createConnectionBanner();
    // Asks the server (see isConnectionLost()); a question still on its way is not asked twice.
    void checkServer();

    Selection *m_selection = nullptr;
    QUndoStack *m_undoStack = nullptr;
    AsyncQuery *m_opening = nullptr; // the first focus of the store being opened
    ReadingPanes *m_reading = nullptr;
    ChartPanes *m_charts = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_exportMenu = nullptr; // File > Export: chart panes add their actions here
    QToolBar *m_toolBar = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_storeLabel = nullptr;
    QToolButton *m_reportButton = nullptr;
    QAction *m_reportAction = nullptr;
    QPointer<ImportReportDialog> m_report;
    QList<QAction *> m_storeActions;
    QList<QAction *> m_importActions; // of m_storeActions: disabled for a role that may not write
    QList<QAction *> m_correctionActions; // of m_storeActions
    QPointer<ImportJob> m_job;
    std::unique_ptr<QTemporaryDir> m_sampleDir;
    QString m_storePath;
    std::optional<QStringList> m_recent; // once this window changed the list
    std::unique_ptr<QThreadPool> m_settingsWriter; // one thread: the recent stores, written in order
    CorpusCube::Stamp m_importStamp; // the open store's stamp when the import began (or the store opened)
    std::shared_ptr<StoreSession> m_session;
    QByteArray m_defaultState; // the panes side by side, as first laid out
    QAction *m_compactAction = nullptr;
    QAction *m_successorAction = nullptr; // View > Count Predecessor and Successor States as One
    QPointer<CorrectionsDialog> m_corrections;
    bool m_compact = false;
    bool m_temporaryStore = false;
    AsyncQuery *m_serverCheck = nullptr;
    QTimer *m_serverCheckTimer = nullptr;
    QToolBar *m_connectionBar = nullptr;
    QLabel *m_connectionLabel = nullptr;
    bool m_connectionLost = false;
};

} // namespace entente

#pragma once

#include "edit.h"

#include <QDialog>
#include <QList>

class QPushButton;
class QTreeWidget;

namespace entente {

// Edit > Correction History: every correction the store holds, from this session and from earlier ones (and from
// other stores, imported), oldest first, with when it was made and whether it holds. One can be taken back or
// applied again (the window does it, undoably), and the list exported for a team member's store or imported from
// one.
class CorrectionsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CorrectionsDialog(QWidget *parent = nullptr);

    // The store's edits, as EditLog::edits() lists them; keeps the selected one selected.
    void setEdits(const QList<Edit> &edits);

    [[nodiscard]] QTreeWidget *list() const { return m_list; }
    [[nodiscard]] QPushButton *takeBackButton() const { return m_takeBack; }
    [[nodiscard]] QPushButton *applyAgainButton() const { return m_applyAgain; }
    [[nodiscard]] QPushButton *exportButton() const { return m_export; }
    [[nodiscard]] QPushButton *importButton() const { return m_import; }

signals:
    void takeBackRequested(const entente::Edit &edit);
    void applyAgainRequested(const entente::Edit &edit);
    void exportRequested();
    void importRequested();

private:
    [[nodiscard]] const Edit *current() const;
    void updateButtons();

    QList<Edit> m_edits;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_takeBack = nullptr;
    QPushButton *m_applyAgain = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_import = nullptr;
};

} // namespace entente

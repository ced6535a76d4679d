#pragma once

#include <QDialog>
#include <QList>
#include <utility>

class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace entente {

// Asks which entity another is to be merged into: the entities of the same kind (key and name), filtered as the
// user types, the most mentioned first as the caller gives them; and, after askForYears(), in which years.
//
//     MergeDialog dialog(tr("Soviet Union"), candidates, this);
//     if (dialog.exec() == QDialog::Accepted) use(dialog.targetKey());
class MergeDialog : public QDialog
{
    Q_OBJECT

public:
    // `candidates`: (key, name) pairs, the entity being merged left out.
    MergeDialog(
        const QString &sourceName, const QList<std::pair<QString, QString>> &candidates, QWidget *parent = nullptr);

    // Asks for the years the merge holds in too (both included), starting at `from` to `to`.
    void askForYears(int from, int to);
    [[nodiscard]] bool hasYears() const { return m_from != nullptr; }
    [[nodiscard]] int fromYear() const;
    [[nodiscard]] int toYear() const;

    [[nodiscard]] QString targetKey() const;
    [[nodiscard]] QLineEdit *filterField() const { return m_filter; }
    [[nodiscard]] QListWidget *list() const { return m_list; }

private:
    void applyFilter(const QString &text);
    void updateOk();

    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_ok = nullptr;
    QSpinBox *m_from = nullptr;
    QSpinBox *m_to = nullptr;
};

} // namespace entente

#pragma once

#include <QDialog>
#include <QList>

#include <utility>

class QComboBox;
class QPushButton;

namespace entente {

// Asks for a relation the extraction missed in one sentence: its two parties (among the countries and
// organisations the sentence names, or any country code or organisation typed in), who acts on whom, and its tone.
//
//     AddRelationDialog dialog(sentence, {{"FRA", "France"}, {"DEU", "Germany"}}, this);
//     if (dialog.exec() == QDialog::Accepted) use(dialog.partyA(), dialog.partyB(), dialog.directed(), dialog.tone());
class AddRelationDialog : public QDialog
{
    Q_OBJECT

public:
    // `parties`: (key, name) pairs, in the order the sentence names them.
    AddRelationDialog(
        const QString &sentence, const QList<std::pair<QString, QString>> &parties, QWidget *parent = nullptr);

    // The parties in the order the direction gives (the one who acts first when directed).
    [[nodiscard]] QString partyA() const;
    [[nodiscard]] QString partyB() const;
    [[nodiscard]] bool directed() const;
    [[nodiscard]] QString tone() const; // cooperation, conflict or neutral

    [[nodiscard]] QComboBox *firstParty() const { return m_a; }
    [[nodiscard]] QComboBox *secondParty() const { return m_b; }
    [[nodiscard]] QComboBox *direction() const { return m_direction; }
    [[nodiscard]] QComboBox *toneBox() const { return m_tone; }

private:
    [[nodiscard]] static QString keyOf(const QComboBox *box);
    void updateOk();

    QComboBox *m_a = nullptr;
    QComboBox *m_b = nullptr;
    QComboBox *m_direction = nullptr;
    QComboBox *m_tone = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace entente

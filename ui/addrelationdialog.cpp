#include "addrelationdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace entente {

AddRelationDialog::AddRelationDialog(
    const QString &sentence, const QList<std::pair<QString, QString>> &parties, QWidget *parent)
    : QDialog(parent)
    , m_a(new QComboBox(this))
    , m_b(new QComboBox(this))
    , m_direction(new QComboBox(this))
    , m_tone(new QComboBox(this))
{
    setObjectName(QStringLiteral("addRelationDialog"));
    setWindowTitle(tr("Add a Relation"));
    auto *quote = new QLabel(QStringLiteral("<i>%1</i>").arg(sentence.simplified().toHtmlEscaped()), this);
    quote->setWordWrap(true);
    quote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_a->setObjectName(QStringLiteral("firstParty"));
    m_b->setObjectName(QStringLiteral("secondParty"));
    for (QComboBox *box : { m_a, m_b }) {
        // A party the sentence does not name (a pronoun's country) can be typed: a country code or a name.
        box->setEditable(true);
        box->setInsertPolicy(QComboBox::NoInsert);
        for (const auto &[key, name] : parties)
            box->addItem(name == key ? name : tr("%1 (%2)").arg(name, key), key);
        box->lineEdit()->setPlaceholderText(tr("Country code or organisation"));
        connect(box, &QComboBox::currentTextChanged, this, &AddRelationDialog::updateOk);
    }
    if (parties.size() > 1)
        m_b->setCurrentIndex(1);
    m_direction->setObjectName(QStringLiteral("relationDirection"));
    m_direction->addItem(tr("The first acts on the second"), QStringLiteral("a-b"));
    m_direction->addItem(tr("The second acts on the first"), QStringLiteral("b-a"));
    m_direction->addItem(tr("No direction"), QStringLiteral("none"));
    m_tone->setObjectName(QStringLiteral("relationTone"));
    m_tone->addItem(tr("Cooperation"), QStringLiteral("cooperation"));
    m_tone->addItem(tr("Conflict"), QStringLiteral("conflict"));
    m_tone->addItem(tr("Neutral"), QStringLiteral("neutral"));
    auto *form = new QFormLayout;
    form->addRow(tr("&First party:"), m_a);
    form->addRow(tr("&Second party:"), m_b);
    form->addRow(tr("&Direction:"), m_direction);
    form->addRow(tr("&Tone:"), m_tone);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Add"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(quote);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_direction, &QComboBox::currentIndexChanged, this, &AddRelationDialog::updateOk);
    updateOk();
    resize(qMax(sizeHint().width(), 480), sizeHint().height());
}

QString AddRelationDialog::keyOf(const QComboBox *box)
{
    // An item chosen as it was offered gives its key; a text typed in is the key itself.
    const int i = box->findText(box->currentText());
    return i >= 0 ? box->itemData(i).toString() : box->currentText().trimmed();
}

QString AddRelationDialog::partyA() const
{
    return m_direction->currentData().toString() == u"b-a" ? keyOf(m_b) : keyOf(m_a);
}

QString AddRelationDialog::partyB() const
{
    return m_direction->currentData().toString() == u"b-a" ? keyOf(m_a) : keyOf(m_b);
}

bool AddRelationDialog::directed() const
{
    return m_direction->currentData().toString() != u"none";
}

QString AddRelationDialog::tone() const
{
    return m_tone->currentData().toString();
}

void AddRelationDialog::updateOk()
{
    if (!m_ok) // while the parties are filled in
        return;
    const QString a = keyOf(m_a), b = keyOf(m_b);
    m_ok->setEnabled(!a.isEmpty() && !b.isEmpty() && a != b);
}

} // namespace entente

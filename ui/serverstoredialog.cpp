#include "serverstoredialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace entente {

namespace {
// PostgreSQL's own port, which libpq assumes when a URL names none.
constexpr int DefaultPort = 5432;
} // namespace

ServerStoreDialog::ServerStoreDialog(QWidget *parent)
    : QDialog(parent)
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
{
    setWindowTitle(tr("Open Store on Server"));
    setObjectName(QStringLiteral("serverStoreDialog"));
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("db.example.org"));
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(1, 65535);
    m_port->setValue(DefaultPort);
    m_database->setObjectName(QStringLiteral("database"));
    m_database->setPlaceholderText(tr("entente"));
    m_user->setObjectName(QStringLiteral("user"));
    m_user->setPlaceholderText(tr("entente_reader"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    auto *note = new QLabel(tr("A password is read from ~/.pgpass or the PostgreSQL service file; Entente never "
                               "asks for one or keeps one."),
        this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Open);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *field : { m_host, m_database, m_user })
        connect(field, &QLineEdit::textChanged, this, &ServerStoreDialog::updateOk);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    updateOk();
}

void ServerStoreDialog::setUrl(const QString &text)
{
    const QUrl u(text);
    m_host->setText(u.host());
    m_port->setValue(u.port(DefaultPort));
    m_database->setText(u.path().mid(1));
    m_user->setText(u.userName());
}

QString ServerStoreDialog::url() const
{
    QUrl u;
    u.setScheme(QStringLiteral("postgresql"));
    u.setHost(m_host->text().trimmed());
    u.setPort(m_port->value());
    u.setUserName(m_user->text().trimmed());
    u.setPath(u'/' + m_database->text().trimmed());
    return u.toString();
}

void ServerStoreDialog::updateOk()
{
    m_ok->setEnabled(!m_host->text().trimmed().isEmpty() && !m_database->text().trimmed().isEmpty()
        && !m_user->text().trimmed().isEmpty());
}

} // namespace entente

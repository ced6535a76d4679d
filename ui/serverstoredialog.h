#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;
class QSpinBox;

namespace entente {

// File > Open Store on Server…: where a team's store lives on a PostgreSQL server (host, port, database, user),
// given back as the URL the window opens, "postgresql://user@host:port/database". It asks for no password: libpq
// reads one from ~/.pgpass or the PostgreSQL service file, and the program never keeps one.
//
//     ServerStoreDialog dialog(this);
//     dialog.setUrl(lastServerUrl);
//     if (dialog.exec() == QDialog::Accepted)
//         openStore(dialog.url());
class ServerStoreDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ServerStoreDialog(QWidget *parent = nullptr);

    // The fields from a URL (an earlier one, to change); its password, if any, is left out.
    void setUrl(const QString &url);
    [[nodiscard]] QString url() const;

private:
    void updateOk();

    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace entente

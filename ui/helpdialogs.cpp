#include "helpdialogs.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QKeySequence>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace entente::help {

namespace {

// One of each: asked again, the open one comes forward (before any content is made for a new one).
QDialog *bringForward(QWidget *parent, const QString &objectName)
{
    auto *open = parent->findChild<QDialog *>(objectName);
    if (open) {
        open->show();
        open->raise();
        open->activateWindow();
    }
    return open;
}

QDialog *window(QWidget *parent, const QString &objectName, const QString &title, QWidget *content, QSize size)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(objectName);
    dialog->setWindowTitle(title);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    content->setParent(dialog);
    layout->addWidget(content, 1);
    layout->addWidget(buttons);
    dialog->resize(size);
    dialog->show();
    return dialog;
}

} // namespace

QDialog *showGuide(QWidget *parent)
{
    if (QDialog *open = bringForward(parent, QStringLiteral("guideWindow")))
        return open;
    auto *browser = new QTextBrowser;
    browser->setObjectName(QStringLiteral("guideBrowser"));
    browser->setOpenExternalLinks(true);
    QFile file(QStringLiteral(":/help/guide.html"));
    browser->setHtml(file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll())
                                                    : QCoreApplication::translate("Help", "The guide is missing."));
    return window(parent, QStringLiteral("guideWindow"), QCoreApplication::translate("Help", "Entente User Guide"),
        browser, { 760, 680 });
}

QDialog *showShortcuts(QWidget *parent, const QList<QAction *> &actions)
{
    if (QDialog *open = bringForward(parent, QStringLiteral("shortcutsWindow")))
        return open;
    auto *table = new QTableWidget(0, 2);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels(
        { QCoreApplication::translate("Help", "Command"), QCoreApplication::translate("Help", "Keys") });
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    QStringList seen;
    for (const QAction *a : actions) {
        if (a->shortcuts().isEmpty() || a->text().isEmpty())
            continue;
        QString name = a->text();
        name.remove(u'&');
        name.remove(QStringLiteral("…"));
        name.remove(QStringLiteral("..."));
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        const QString row = name + u'\t' + keys.join(u',');
        if (seen.contains(row))
            continue;
        seen << row;
        const int r = table->rowCount();
        table->insertRow(r);
        table->setItem(r, 0, new QTableWidgetItem(name));
        table->setItem(r, 1, new QTableWidgetItem(keys.join(QStringLiteral(", "))));
    }
    return window(parent, QStringLiteral("shortcutsWindow"), QCoreApplication::translate("Help", "Keyboard Shortcuts"),
        table, { 520, 600 });
}

QString aboutText()
{
    return QCoreApplication::translate("Help",
        "<h3>Entente %1</h3>"
        "<p>Explore international relations in a collection of news articles: who does what to whom, with the "
        "sentences that say so.</p>"
        "<p>Licensed under the MIT licence.</p>"
        "<p><b>Data it is built from</b></p>"
        "<ul>"
        "<li>Actor and event dictionaries: PETRARCH2 (Open Event Data Alliance, MIT); the CAMEO event codes and "
        "the Goldstein scale.</li>"
        "<li>Country names: Debian's iso-codes (LGPL 2.1 or later).</li>"
        "<li>Tagger, parser and name tagger trained on Universal Dependencies English EWT and Universal NER "
        "(CC BY-SA 4.0), GUM (CC BY), wikigold (CC BY 4.0), re3d (public domain, OGL v3, CC BY 3.0 AU, "
        "CC BY-SA 3.0) and the Broad Twitter Corpus (CC BY 4.0); given names from Moby Word II (public "
        "domain).</li>"
        "<li>Word clusters from the UN General Debate Corpus (CC0).</li>"
        "</ul>")
        .arg(QCoreApplication::applicationVersion());
}

} // namespace entente::help

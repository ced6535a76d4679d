// Corrections made in the real window, offscreen, on a store of the sample corpus: an entity merged through the
// Entities list's context menu and its dialog, a relation rejected from the Evidence list; the Entities list and
// the Relations chart count with the edit, and Ctrl+Z gives back exactly what they showed before.
#include "addrelationdialog.h"
#include "asyncquery.h"
#include "correctionsdialog.h"
#include "editlog.h"
#include "entitiespane.h"
#include "entitylistmodel.h"
#include "evidencemodel.h"
#include "evidencepane.h"
#include "gazetteer.h"
#include "importer.h"
#include "mainwindow.h"
#include "mergedialog.h"
#include "networkmodel.h"
#include "readerpane.h"
#include "relationpartnersmodel.h"
#include "relationspane.h"
#include "selection.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
#include <QUndoStack>

using namespace entente;

namespace {

// Runs `act` on the first widget of type T that shows up (a popup menu, a modal dialog), looking every 20 ms for
// as long as a QTRY_ would wait: the caller is blocked in that widget's exec() meanwhile.
template<typename T> void whenShown(QObject *context, std::function<void(T *)> act, int tries = 250)
{
    QTimer::singleShot(20, context, [context, act, tries] {
        T *widget = nullptr;
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *t = qobject_cast<T *>(w); t && t->isVisible())
                widget = t;
        if (widget)
            act(widget);
        else if (tries > 0)
            whenShown<T>(context, act, tries - 1);
    });
}

// The partners of `focus` and how many relations each has with it, either way round, from the store itself.
QHash<QString, int> partnersOf(const QString &path, const QString &focus)
{
    Store store;
    QHash<QString, int> out;
    if (!store.open(path, Store::OpenMode::ReadOnly))
        return out;
    QSqlQuery q(store.database());
    q.prepare(QStringLiteral("SELECT CASE WHEN a = ? THEN b ELSE a END, count(*) FROM relations"
                             " WHERE (a = ? OR b = ?) AND a <> b GROUP BY 1"));
    q.addBindValue(focus);
    q.addBindValue(focus);
    q.addBindValue(focus);
    if (q.exec())
        while (q.next())
            out.insert(q.value(0).toString(), q.value(1).toInt());
    return out;
}

// What the Relations chart's model shows: partner -> relations.
QHash<QString, int> chartRows(const RelationPartnersModel *model)
{
    QHash<QString, int> out;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex i = model->index(row, RelationPartnersModel::TotalColumn);
        out.insert(i.data(RelationPartnersModel::PartnerCodeRole).toString(), i.data().toInt());
    }
    return out;
}

// With ENTENTE_SCREENSHOTS=DIR, `widget` as it looks, saved as DIR/NAME.png for a person to look at.
void shoot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("ENTENTE_SCREENSHOTS");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

int mentionsShown(const EntityListModel *model, const EntityRef &entity)
{
    const QModelIndex i = model->indexOf(entity, EntityListModel::MentionsColumn);
    return i.isValid() ? i.data().toInt() : -1;
}

} // namespace

class TestEdits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void mergeFromTheEntitiesMenuThenUndo();
    void rejectFromTheEvidenceMenuThenUndo();
    void aRefusedEditSaysWhyAndStaysOffTheStack();
    void readerMenuCorrectsMentionsAndRelations();
    void historyTakesBackAnEditOfAnEarlierSession();
    void successorStatesCountAsOneAndTheStoreRemembers();

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<MainWindow> m_window;
    EntitiesPane *m_entities = nullptr;
    EntityListModel *m_entityModel = nullptr;
    RelationPartnersModel *m_relations = nullptr;
};

void TestEdits::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EntenteTest"));
    QCoreApplication::setApplicationName(QStringLiteral("EntenteEditsTest"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("samples.entente"));
    {
        Store create;
        QVERIFY(create.open(m_path, Store::OpenMode::CreateIfMissing));
    }
    Importer importer(m_path);
    const ImportSummary summary = importer.run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY(summary.ok());
}

void TestEdits::init()
{
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openStore(m_path));
    QTRY_VERIFY(!m_window->isOpening()); // the first focus comes from a worker
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_entities = m_window->findChild<EntitiesPane *>(QStringLiteral("entitiesPane"));
    QVERIFY(m_entities);
    m_entityModel = qobject_cast<EntityListModel *>(m_entities->proxy()->sourceModel());
    QVERIFY(m_entityModel);
    auto *relations = m_window->findChild<RelationsPane *>();
    QVERIFY(relations);
    m_relations = relations->model();
    QVERIFY(!m_window->selection()->focus().isNull());
    QTRY_VERIFY(m_relations->rowCount() > 1);
    QTRY_COMPARE(AsyncQuery::busyCount(), 0); // the entity list and its counts come from a worker
}

void TestEdits::cleanup()
{
    if (m_window)
        m_window->close();
    m_window.reset();
    // Every test begins with the store as the import left it.
    Store store;
    QVERIFY(store.open(m_path, Store::OpenMode::ExistingOnly));
    EditLog log(&store);
    const QList<Edit> edits = log.edits();
    for (auto it = edits.crbegin(); it != edits.crend(); ++it)
        if (!it->undone)
            QVERIFY(log.undo(it->id));
}

void TestEdits::mergeFromTheEntitiesMenuThenUndo()
{
    QAbstractItemModelTester entityTester(m_entityModel, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester relationTester(m_relations, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString focus = m_window->selection()->focus().key;
    // The focus's two strongest partners among the countries: the second is merged into the first.
    const QHash<QString, int> partners = partnersOf(m_path, focus);
    QList<std::pair<int, QString>> ranked;
    for (auto it = partners.cbegin(); it != partners.cend(); ++it)
        if (it.key().size() == 3 && it.key() == it.key().toUpper()
            && m_entityModel->indexOf({ QStringLiteral("country"), it.key() }).isValid())
            ranked.append({ -it.value(), it.key() });
    std::sort(ranked.begin(), ranked.end());
    QVERIFY(ranked.size() >= 2);
    const EntityRef into { QStringLiteral("country"), ranked[0].second };
    const EntityRef merged { QStringLiteral("country"), ranked[1].second };
    const QHash<QString, int> chartBefore = chartRows(m_relations);
    QCOMPARE(chartBefore.value(into.key), partners.value(into.key));
    QCOMPARE(chartBefore.value(merged.key), partners.value(merged.key));
    const int intoMentions = mentionsShown(m_entityModel, into);
    const int mergedMentions = mentionsShown(m_entityModel, merged);
    QVERIFY(intoMentions > 0 && mergedMentions > 0);
    const QString intoName = m_entityModel->indexOf(into).data().toString();

    // Right-click the merged country, Merge into…, search for the other, Merge.
    QTreeView *view = m_entities->view();
    const QModelIndex row = m_entities->proxy()->mapFromSource(m_entityModel->indexOf(merged));
    QVERIFY(row.isValid());
    view->expand(row.parent());
    view->scrollTo(row);
    // The Network's nodes, where they are drawn.
    auto *network = m_window->findChild<NetworkModel *>();
    QVERIFY(network);
    QTRY_VERIFY(!network->isBusy() && network->rowCount() > 2);
    const auto placed = [network] {
        QHash<QString, QPointF> out;
        for (int row = 0; row < network->rowCount(); ++row)
            out.insert(network->code(row), network->position(row));
        return out;
    };
    const QHash<QString, QPointF> before = placed();
    QSignalSpy grew(m_window.get(), &MainWindow::storeGrew);
    QVERIFY(grew.isValid());
    bool chose = false;
    whenShown<QMenu>(this, [this, &chose, into, intoName](QMenu *menu) {
        QAction *merge = menu->findChild<QAction *>(QStringLiteral("mergeEntity"));
        QVERIFY(merge);
        shoot(menu, QStringLiteral("edits-entity-menu"));
        QVERIFY(merge->isEnabled());
        whenShown<MergeDialog>(this, [&chose, into, intoName](MergeDialog *dialog) {
            QTest::keyClicks(dialog->filterField(), intoName);
            QCOMPARE(dialog->targetKey(), into.key);
            shoot(dialog, QStringLiteral("edits-merge-dialog"));
            chose = true;
            QTest::keyClick(dialog->filterField(), Qt::Key_Return);
        });
        menu->setActiveAction(merge);
        QTest::keyClick(menu, Qt::Key_Return);
    });
    emit view->customContextMenuRequested(view->visualRect(row).center());
    QVERIFY(chose);
    QTRY_VERIFY(!grew.isEmpty());

    // Entities: the merged country is gone, its mentions counted as the other's.
    QTRY_COMPARE(mentionsShown(m_entityModel, into), intoMentions + mergedMentions);
    QCOMPARE(mentionsShown(m_entityModel, merged), -1);
    // Relations: the merged partner's relations with the focus count as the other's.
    QTRY_COMPARE(chartRows(m_relations).value(into.key), partners.value(into.key) + partners.value(merged.key));
    QVERIFY(!chartRows(m_relations).contains(merged.key));
    // Network: counted again, its nodes where they were (the merged one gone), not laid out afresh.
    QTRY_VERIFY(!network->isBusy());
    const QHash<QString, QPointF> after = placed();
    QVERIFY(!after.contains(merged.key));
    int kept = 0;
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        if (before.contains(it.key())) {
            QCOMPARE(it.value(), before.value(it.key()));
            ++kept;
        }
    QVERIFY(kept > 2);
    QCOMPARE(m_window->undoStack()->count(), 1);
    shoot(m_window.get(), QStringLiteral("edits-merged"));
    // Edit > Correction History lists it.
    auto *history = m_window->findChild<QAction *>(QStringLiteral("editHistory"));
    QVERIFY(history);
    history->trigger();
    auto *historyDialog = m_window->findChild<CorrectionsDialog *>(QStringLiteral("editHistory"));
    QVERIFY(historyDialog);
    QTRY_VERIFY(historyDialog->isVisible());
    QCOMPARE(historyDialog->list()->topLevelItemCount(), 1);
    QCOMPARE(historyDialog->list()->topLevelItem(0)->text(1),
        QStringLiteral("Merge %1 into %2")
            .arg(Gazetteer::shared().countryName(merged.key), Gazetteer::shared().countryName(into.key)));
    shoot(historyDialog, QStringLiteral("edits-history"));
    historyDialog->close();

    // Ctrl+Z: both as they were.
    m_window->activateWindow(); // the dialog had the keyboard
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    grew.clear();
    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get();
    QTest::keySequence(target, QKeySequence(Qt::CTRL | Qt::Key_Z));
    QTRY_VERIFY(!grew.isEmpty());
    QTRY_COMPARE(mentionsShown(m_entityModel, merged), mergedMentions);
    QCOMPARE(mentionsShown(m_entityModel, into), intoMentions);
    QTRY_COMPARE(chartRows(m_relations), chartBefore);

    // Ctrl+Shift+Z: merged again.
    grew.clear();
    target = QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get();
    QTest::keySequence(target, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    QTRY_COMPARE(mentionsShown(m_entityModel, into), intoMentions + mergedMentions);
    QTRY_COMPARE(chartRows(m_relations).value(into.key), partners.value(into.key) + partners.value(merged.key));
}

void TestEdits::rejectFromTheEvidenceMenuThenUndo()
{
    QAbstractItemModelTester relationTester(m_relations, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *evidence = m_window->findChild<EvidencePane *>();
    QVERIFY(evidence);
    QAbstractItemModelTester evidenceTester(evidence->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString partner = m_relations->index(0, 0).data(RelationPartnersModel::PartnerCodeRole).toString();
    const QString a = m_relations->index(0, 0).data(RelationPartnersModel::ACodeRole).toString();
    const QString b = m_relations->index(0, 0).data(RelationPartnersModel::BCodeRole).toString();
    const int total = m_relations->index(0, RelationPartnersModel::TotalColumn).data().toInt();
    QVERIFY(total > 0);
    m_window->selection()->setPair(a, b);
    QTRY_VERIFY(evidence->model()->rowCount() > 0);
    const int rows = evidence->model()->totalCount();
    QCOMPARE(rows, total);
    evidence->view()->setCurrentIndex(evidence->model()->index(0, EvidenceModel::SentenceColumn));
    QAction *reject = evidence->findChild<QAction *>(QStringLiteral("rejectRelation"));
    QVERIFY(reject);
    QVERIFY(evidence->view()->actions().contains(reject));
    QSignalSpy grew(m_window.get(), &MainWindow::storeGrew);
    QVERIFY(grew.isValid());
    reject->trigger();
    QTRY_VERIFY(!grew.isEmpty());
    QTRY_COMPARE(evidence->model()->totalCount(), rows - 1);
    QTRY_COMPARE(chartRows(m_relations).value(partner), total - 1);
    m_window->undoStack()->undo();
    QTRY_COMPARE(evidence->model()->totalCount(), rows);
    QTRY_COMPARE(chartRows(m_relations).value(partner), total);
}

void TestEdits::aRefusedEditSaysWhyAndStaysOffTheStack()
{
    const EntityRef focus = m_window->selection()->focus();
    QString said;
    whenShown<QMessageBox>(this, [&said](QMessageBox *box) {
        said = box->text();
        box->accept();
    });
    m_window->requestEdit(Edit::mergeEntity(focus.kind, QStringLiteral("NOWHERE"), focus.key));
    QVERIFY2(said.contains(QLatin1String("NOWHERE")) && said.contains(m_path), qPrintable(said));
    QCOMPARE(m_window->undoStack()->count(), 0);
    QCOMPARE(m_window->selection()->focus(), focus);
    Store store;
    QVERIFY(store.open(m_path, Store::OpenMode::ReadOnly));
    for (const Edit &e : EditLog(&store).edits())
        QVERIFY(e.args.value(QLatin1String("key")).toString() != u"NOWHERE");
}

void TestEdits::readerMenuCorrectsMentionsAndRelations()
{
    // An article with a relation, in the Reader.
    auto *reader = m_window->findChild<ReaderPane *>(QStringLiteral("readerPane"));
    QVERIFY(reader);
    qint64 article = -1;
    {
        Store store;
        QVERIFY(store.open(m_path, Store::OpenMode::ReadOnly));
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("SELECT article_id FROM relations GROUP BY article_id ORDER BY count(*) DESC"
                                      " LIMIT 1")));
        QVERIFY(q.next());
        article = q.value(0).toLongLong();
    }
    m_window->selection()->setArticle(article);
    QTRY_COMPARE(reader->document().id, article);
    QVERIFY(!reader->document().relations.isEmpty());
    QSignalSpy grew(m_window.get(), &MainWindow::storeGrew);
    QVERIFY(grew.isValid());

    // Over a country's mention: the Entities pane's corrections, and "This Mention Is Wrong".
    int mentionIndex = -1;
    for (int i = 0; i < reader->document().mentions.size() && mentionIndex < 0; ++i)
        if (reader->document().mentions.at(i).kind == u"country")
            mentionIndex = i;
    QVERIFY(mentionIndex >= 0);
    const ArticleDocument::Mention mention = reader->document().mentions.at(mentionIndex);
    const EntityRef entity { mention.kind, mention.key };
    const int mentionsBefore = mentionsShown(m_entityModel, entity);
    {
        const std::unique_ptr<QMenu> menu(reader->contextMenuAt(mention.start + 1, {}));
        auto *entityMenu = menu->findChild<QMenu *>(QStringLiteral("readerEntityMenu"));
        QVERIFY(entityMenu);
        QVERIFY(entityMenu->findChild<QAction *>(QStringLiteral("mergeEntity")));
        QVERIFY(entityMenu->findChild<QAction *>(QStringLiteral("addAlias")));
        QAction *wrong = entityMenu->findChild<QAction *>(QStringLiteral("rejectMention"));
        QVERIFY(wrong);
        wrong->trigger();
    }
    QTRY_VERIFY(!grew.isEmpty());
    QTRY_COMPARE(mentionsShown(m_entityModel, entity), mentionsBefore - 1);
    QTRY_VERIFY(reader->document().mentions.size() > 0);

    // Over a relation's sentence: reverse its direction; the Evidence list shows the parties the other way.
    const ArticleDocument::RelationSentence relation = reader->document().relations.first();
    QString a = relation.a, b = relation.b;
    const auto countWay = [this](const QString &x, const QString &y) {
        Store store;
        if (!store.open(m_path, Store::OpenMode::ReadOnly))
            return -1;
        QSqlQuery q(store.database());
        q.prepare(QStringLiteral("SELECT count(*) FROM relations WHERE a = ? AND b = ? AND directed = 1"));
        q.addBindValue(x);
        q.addBindValue(y);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    };
    const int forward = countWay(a, b), backward = countWay(b, a);
    grew.clear();
    {
        const std::unique_ptr<QMenu> menu(reader->contextMenuAt(relation.start + 1, {}));
        auto *relationMenu = menu->findChild<QMenu *>(QStringLiteral("readerRelationMenu"));
        QVERIFY(relationMenu);
        menu->adjustSize();
        shoot(menu.get(), QStringLiteral("edits-reader-menu"));
        relationMenu->adjustSize();
        shoot(relationMenu, QStringLiteral("edits-reader-relation-menu"));
        QAction *reverse = relationMenu->findChild<QAction *>(QStringLiteral("direction_b-a"));
        QVERIFY(reverse && reverse->isEnabled());
        reverse->trigger();
    }
    QTRY_VERIFY(!grew.isEmpty());
    QCOMPARE(countWay(b, a), backward + 1);
    QCOMPARE(countWay(a, b), relation.directed ? forward - 1 : forward);

    // A relation the extraction missed, added through the dialog.
    const int relationsBefore = int(reader->document().relations.size());
    grew.clear();
    bool added = false;
    whenShown<AddRelationDialog>(this, [&added](AddRelationDialog *dialog) {
        dialog->firstParty()->setEditText(QStringLiteral("NZL"));
        dialog->secondParty()->setEditText(QStringLiteral("ISL"));
        dialog->toneBox()->setCurrentIndex(dialog->toneBox()->findData(QStringLiteral("conflict")));
        shoot(dialog, QStringLiteral("edits-add-relation"));
        added = true;
        dialog->accept();
    });
    {
        const std::unique_ptr<QMenu> menu(reader->contextMenuAt(relation.start + 1, {}));
        QAction *add = menu->findChild<QAction *>(QStringLiteral("addRelation"));
        QVERIFY(add);
        add->trigger();
    }
    QVERIFY(added);
    QTRY_VERIFY(!grew.isEmpty());
    QCOMPARE(countWay(QStringLiteral("NZL"), QStringLiteral("ISL")), 1);
    QTRY_COMPARE(reader->document().relations.size(), relationsBefore + 1);
    QCOMPARE(m_window->undoStack()->count(), 3);
    // Undo all three: the store as imported.
    for (int i = 0; i < 3; ++i)
        m_window->undoStack()->undo();
    QTRY_COMPARE(mentionsShown(m_entityModel, entity), mentionsBefore);
    QCOMPARE(countWay(QStringLiteral("NZL"), QStringLiteral("ISL")), 0);
    QCOMPARE(countWay(b, a), backward);
}

void TestEdits::historyTakesBackAnEditOfAnEarlierSession()
{
    // A rename made in an earlier session (the window closed, the store corrected, the window opened again).
    const EntityRef focus = m_window->selection()->focus();
    m_window->close();
    m_window.reset();
    {
        Store store;
        QVERIFY(store.open(m_path, Store::OpenMode::ExistingOnly));
        Edit rename = Edit::renameEntity(focus.kind, focus.key, QStringLiteral("Renamed Earlier"));
        QString error;
        QVERIFY2(EditLog(&store).add(&rename, &error), qPrintable(error));
    }
    init();
    QTRY_COMPARE(m_entityModel->indexOf(focus).data().toString(), QStringLiteral("Renamed Earlier"));
    QCOMPARE(m_window->undoStack()->count(), 0);
    m_window->findChild<QAction *>(QStringLiteral("editHistory"))->trigger();
    auto *dialog = m_window->findChild<CorrectionsDialog *>(QStringLiteral("editHistory"));
    QVERIFY(dialog);
    // Listed last (the edits other tests made and took back are listed before it, taken back).
    QTRY_VERIFY(dialog->list()->topLevelItemCount() >= 1);
    QTreeWidgetItem *item = dialog->list()->topLevelItem(dialog->list()->topLevelItemCount() - 1);
    QVERIFY2(item->text(1).contains(QLatin1String("Renamed Earlier")), qPrintable(item->text(1)));
    QCOMPARE(item->text(2), QStringLiteral("holds"));
    QVERIFY(!dialog->takeBackButton()->isEnabled());
    dialog->list()->setCurrentItem(item);
    QVERIFY(dialog->takeBackButton()->isEnabled());
    QVERIFY(!dialog->applyAgainButton()->isEnabled());
    QVERIFY(dialog->exportButton()->isEnabled());
    dialog->takeBackButton()->click();
    QTRY_VERIFY(m_entityModel->indexOf(focus).data().toString() != u"Renamed Earlier");
    item = dialog->list()->topLevelItem(dialog->list()->topLevelItemCount() - 1);
    QCOMPARE(item->text(2), QStringLiteral("taken back"));
    QVERIFY(dialog->applyAgainButton()->isEnabled());
    QCOMPARE(m_window->undoStack()->count(), 1);
    shoot(dialog, QStringLiteral("edits-history-earlier"));
    // Undo takes the taking back back.
    m_window->undoStack()->undo();
    QTRY_COMPARE(m_entityModel->indexOf(focus).data().toString(), QStringLiteral("Renamed Earlier"));
    QCOMPARE(dialog->list()->topLevelItem(dialog->list()->topLevelItemCount() - 1)->text(2), QStringLiteral("holds"));
}

void TestEdits::successorStatesCountAsOneAndTheStoreRemembers()
{
    // A store of two articles, one about the Soviet Union and one about Russia.
    m_window->close();
    m_window.reset();
    const QString folder = m_dir.filePath(QStringLiteral("successors"));
    QVERIFY(QDir().mkpath(folder));
    const auto write = [&folder](const QString &name, const QByteArray &text) {
        QFile f(folder + u'/' + name);
        return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
    };
    QVERIFY(write(QStringLiteral("a.txt"),
        "Moscow, 12 May 1985. The Soviet Union signed a trade agreement with France. The Soviet Union and France"
        " praised the talks.\n"));
    QVERIFY(write(QStringLiteral("b.txt"),
        "Moscow, 3 June 2005. Russia signed a trade agreement with France. Russia welcomed the visit of the French"
        " president.\n"));
    const QString path = m_dir.filePath(QStringLiteral("successors.entente"));
    {
        Store create;
        QVERIFY(create.open(path, Store::OpenMode::CreateIfMissing));
    }
    QVERIFY(Importer(path).run({ folder }).ok());
    const auto open = [this, &path] {
        m_window = std::make_unique<MainWindow>();
        QVERIFY(m_window->openStore(path));
        QTRY_VERIFY(!m_window->isOpening()); // the first focus comes from a worker
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_entities = m_window->findChild<EntitiesPane *>(QStringLiteral("entitiesPane"));
        m_entityModel = qobject_cast<EntityListModel *>(m_entities->proxy()->sourceModel());
    };
    open();
    const EntityRef soviet { QStringLiteral("country"), QStringLiteral("SUN") };
    const EntityRef russia { QStringLiteral("country"), QStringLiteral("RUS") };
    QTRY_VERIFY(mentionsShown(m_entityModel, soviet) > 0);
    const int sovietMentions = mentionsShown(m_entityModel, soviet);
    const int russiaMentions = mentionsShown(m_entityModel, russia);
    QVERIFY(russiaMentions > 0);
    auto *option = m_window->findChild<QAction *>(QStringLiteral("successorStates"));
    QVERIFY(option && option->isCheckable());
    QVERIFY(!option->isChecked()); // off by default
    option->trigger();
    QTRY_COMPARE(mentionsShown(m_entityModel, russia), sovietMentions + russiaMentions);
    QCOMPARE(mentionsShown(m_entityModel, soviet), -1);
    QVERIFY(option->isChecked());
    QCOMPARE(m_window->undoStack()->count(), 1); // one step, though three merges

    // The store remembers: opened again, the option is on and Russia counts the Soviet Union's mentions.
    m_window->close();
    m_window.reset();
    open();
    option = m_window->findChild<QAction *>(QStringLiteral("successorStates"));
    QTRY_COMPARE(mentionsShown(m_entityModel, russia), sovietMentions + russiaMentions);
    QVERIFY(option->isChecked());
    option->trigger(); // off
    QTRY_COMPARE(mentionsShown(m_entityModel, soviet), sovietMentions);
    QCOMPARE(mentionsShown(m_entityModel, russia), russiaMentions);
    QVERIFY(!option->isChecked());
    m_window->close();
    m_window.reset();
}

QTEST_MAIN(TestEdits)
#include "tst_edits.moc"

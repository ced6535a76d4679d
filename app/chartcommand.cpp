#include "chartcommand.h"

#include "asyncquery.h"
#include "chartdata.h"
#include "chartexport.h"
#include "cli.h"
#include "networkfilter.h"
#include "networkoptions.h"
#include "networkpane.h"
#include "pgstore.h"
#include "relationspane.h"
#include "selection.h"
#include "store.h"
#include "storesession.h"
#include "timelinepane.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QThreadPool>

#include <cstdio>
#include <memory>

namespace entente {

namespace {

void err(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stderr);
}

int fail(const QString &message)
{
    err(QStringLiteral("entente chart: %1").arg(message));
    return 2;
}

} // namespace

int chartCommand(const QStringList &args)
{
    // The panes load the store's summary in the background (CorpusCube::prefetch): the command waits for it before
    // it returns, after the panes are gone, so that no load is still reading the store as the process ends.
    const auto waitForLoads = qScopeGuard([] { QThreadPool::globalInstance()->waitForDone(); });
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Draw a chart of a store without a window: the relations of a country (or the strongest pairs),\n"
        "the network of the most-mentioned countries, or the timeline of articles and relations per year.\n"
        "--compare sets a second country beside the focus; --period and --against, two ranges of years.\n"
        "The format comes from the --out extension: .png, .svg or .pdf."));
    p.addHelpOption();
    p.addOption({ QStringLiteral("store"),
        QStringLiteral("The store file, or a PostgreSQL server's store: postgresql://USER@HOST[:PORT]/DATABASE."),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("kind"), QStringLiteral("relations, network or timeline."), QStringLiteral("KIND") });
    p.addOption({ QStringLiteral("focus"),
        QStringLiteral("Focused country (ISO alpha-3, e.g. CHN) or organisation id."), QStringLiteral("CODE") });
    p.addOption({ QStringLiteral("compare"),
        QStringLiteral("Relations: the partners of this country beside the focus's, on the same scale;\n"
                       "timeline: the relations between the focus and it, each way."),
        QStringLiteral("CODE") });
    p.addOption({ QStringLiteral("period"),
        QStringLiteral("Relations: the years of the focus's partners (as --from and --to), e.g. 1980-1989."),
        QStringLiteral("YEARS") });
    p.addOption({ QStringLiteral("against"),
        QStringLiteral("Relations: the focus's partners in these years beside those of --period, e.g. 2010-2019."),
        QStringLiteral("YEARS") });
    p.addOption({ QStringLiteral("from"), QStringLiteral("First year of the range."), QStringLiteral("YEAR") });
    p.addOption({ QStringLiteral("to"), QStringLiteral("Last year of the range."), QStringLiteral("YEAR") });
    p.addOption({ QStringLiteral("size"), QStringLiteral("Picture size in pixels (default 1600x1000)."),
        QStringLiteral("WxH"), QStringLiteral("1600x1000") });
    p.addOption({ QStringLiteral("dpi"), QStringLiteral("PNG resolution (default 96)."), QStringLiteral("DPI"),
        QStringLiteral("96") });
    p.addOption({ QStringLiteral("top"), QStringLiteral("How many partners (relations) or countries (network)."),
        QStringLiteral("N") });
    p.addOption({ QStringLiteral("countries-only"),
        QStringLiteral("Relations, network: countries only, no organisations (the UN, NATO, ...).") });
    p.addOption({ QStringLiteral("out"), QStringLiteral("The picture: FILE.png, FILE.svg or FILE.pdf."),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("data"), QStringLiteral("Also write the data behind the chart as CSV."),
        QStringLiteral("FILE.csv") });
    networkoptions::add(p, false); // --tone, --min-weight, --min-degree
    if (!p.parse(args)) {
        err(QStringLiteral("entente chart: %1").arg(p.errorText()));
        err(QStringLiteral("Try 'entente chart --help'."));
        return 2;
    }
    if (p.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(Cli::helpText(p, QStringLiteral("chart"))), stdout);
        return 0;
    }
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        return fail(QStringLiteral("needs a QApplication"));

    const QString store = p.value(QStringLiteral("store"));
    const QString kind = p.value(QStringLiteral("kind"));
    const QString out = p.value(QStringLiteral("out"));
    const QString data = p.value(QStringLiteral("data"));
    if (store.isEmpty())
        return fail(QStringLiteral("--store FILE is required"));
    if (kind != u"relations" && kind != u"network" && kind != u"timeline")
        return fail(QStringLiteral("--kind must be relations, network or timeline"));
    if (out.isEmpty() && data.isEmpty())
        return fail(QStringLiteral("--out FILE (.png, .svg, .pdf) or --data FILE.csv is required"));
    if (!out.isEmpty()) {
        const ChartExport::Format format = ChartExport::formatOf(out);
        if (format == ChartExport::Format::Unknown || format == ChartExport::Format::Csv)
            return fail(QStringLiteral("%1: the picture must be .png, .svg or .pdf").arg(out));
    }
    static const QRegularExpression sizePattern(QStringLiteral("^(\\d+)[xX](\\d+)$"));
    const QRegularExpressionMatch m = sizePattern.match(p.value(QStringLiteral("size")));
    if (!m.hasMatch())
        return fail(QStringLiteral("--size must look like 1600x1000"));
    const QSize size(m.captured(1).toInt(), m.captured(2).toInt());
    if (size.width() < 100 || size.height() < 100 || size.width() > 20000 || size.height() > 20000)
        return fail(QStringLiteral("--size must be between 100x100 and 20000x20000"));
    bool ok = true;
    const int dpi = p.value(QStringLiteral("dpi")).toInt(&ok);
    if (!ok || dpi < 24 || dpi > 1200)
        return fail(QStringLiteral("--dpi must be between 24 and 1200"));
    int from = 0, to = 0;
    if (p.isSet(QStringLiteral("from")) || p.isSet(QStringLiteral("to"))) {
        bool okFrom = true, okTo = true;
        from = p.isSet(QStringLiteral("from")) ? p.value(QStringLiteral("from")).toInt(&okFrom) : 1;
        to = p.isSet(QStringLiteral("to")) ? p.value(QStringLiteral("to")).toInt(&okTo) : 9999;
        if (!okFrom || !okTo || from < 1 || to < from)
            return fail(QStringLiteral("--from and --to must be years, --from not after --to"));
    }
    // --period and --against: a year or a range of years ("1980-1989").
    const auto years = [&p](const QString &option, int *first, int *last) {
        static const QRegularExpression range(QStringLiteral("^\\s*(\\d{1,4})\\s*(?:[-–]\\s*(\\d{1,4}))?\\s*$"));
        const QRegularExpressionMatch match = range.match(p.value(option));
        if (!match.hasMatch())
            return false;
        *first = match.captured(1).toInt();
        *last = match.captured(2).isEmpty() ? *first : match.captured(2).toInt();
        return *first >= 1 && *last >= *first;
    };
    if (p.isSet(QStringLiteral("period"))) {
        if (p.isSet(QStringLiteral("from")) || p.isSet(QStringLiteral("to")))
            return fail(QStringLiteral("--period is --from and --to in one: give one or the other"));
        if (!years(QStringLiteral("period"), &from, &to))
            return fail(QStringLiteral("--period must be a year or two, like 1980-1989"));
    }
    int againstFrom = 0, againstTo = 0;
    if (p.isSet(QStringLiteral("against"))) {
        if (kind != u"relations")
            return fail(QStringLiteral("--against is for --kind relations"));
        if (!years(QStringLiteral("against"), &againstFrom, &againstTo))
            return fail(QStringLiteral("--against must be a year or two, like 2010-2019"));
    }
    if (p.isSet(QStringLiteral("compare")) && kind == u"network")
        return fail(QStringLiteral("--compare is for --kind relations or timeline"));
    int top = 0;
    if (p.isSet(QStringLiteral("top"))) {
        top = p.value(QStringLiteral("top")).toInt(&ok);
        if (!ok || top < 1)
            return fail(QStringLiteral("--top must be a positive number"));
    }

    // Refuse a missing or foreign file, and a focus that names nothing in it, before the panes try to read it.
    const QString focusText = p.value(QStringLiteral("focus")).trimmed();
    EntityRef focus;
    if (!isServerStore(store) && !QFileInfo::exists(store))
        return fail(QStringLiteral("%1: no such store").arg(store));
    QString error;
    const std::shared_ptr<StoreSession> session = StoreSession::open(store, &error);
    if (!session)
        return fail(error);
    if (!focusText.isEmpty()) {
        focus = chartdata::focusFor(session->reader()->database(), focusText);
        if (focus.isNull())
            return fail(QStringLiteral("no such country or entity '%1'").arg(focusText));
    }
    // A comparison is of two countries (or organisations): the second beside the focus.
    EntityRef compared;
    if (p.isSet(QStringLiteral("compare"))) {
        if (focus.kind != u"country" && focus.kind != u"organization")
            return fail(QStringLiteral("--compare needs --focus, a country or an organisation"));
        compared = chartdata::focusFor(session->reader()->database(), p.value(QStringLiteral("compare")).trimmed());
        if (compared.kind != u"country" && compared.kind != u"organization")
            return fail(QStringLiteral("no such country or organisation '%1'").arg(p.value(QStringLiteral("compare"))));
        if (compared == focus)
            return fail(QStringLiteral("--compare must name another country than --focus"));
    }
    if (againstFrom != 0 && (focus.kind != u"country" && focus.kind != u"organization"))
        return fail(QStringLiteral("--against needs --focus, a country or an organisation"));
    if (againstFrom != 0 && !compared.isNull())
        return fail(QStringLiteral("--compare and --against are two different comparisons: give one"));

    // The chart is drawn as soon as its pane is set up: the models answer before their setters return.
    AsyncQuery::setSynchronous(true);
    Selection selection;
    std::unique_ptr<QWidget> pane;
    ExportableChart *chart = nullptr;
    if (kind == u"relations") {
        auto *relations = new RelationsPane(&selection);
        chart = relations;
        pane.reset(relations);
    } else if (kind == u"network") {
        auto *network = new NetworkPane(&selection);
        chart = network;
        pane.reset(network);
    } else {
        auto *timeline = new TimelinePane(&selection);
        chart = timeline;
        pane.reset(timeline);
    }
    pane->resize(size);
    if (from != 0)
        selection.setYearRange(from, to);
    if (!focus.isNull())
        selection.setFocus(focus);
    if (!compared.isNull())
        selection.setComparison(compared.key);
    if (auto *relations = dynamic_cast<RelationsPane *>(chart)) {
        if (top > 0)
            relations->setLimit(top);
        if (againstFrom != 0)
            relations->setAgainstPeriod(againstFrom, againstTo);
        // Organisations unless asked not to, whatever the window last showed.
        relations->setOrganisationsShown(!p.isSet(QStringLiteral("countries-only")));
        relations->setSession(session);
    } else if (auto *network = dynamic_cast<NetworkPane *>(chart)) {
        if (top > 0)
            network->setLimit(top);
        // The options' filter, whatever the window last showed: organisations unless --countries-only, as for
        // Relations and the export.
        NetworkFilter filter;
        if (!networkoptions::parse(p, &filter, &error))
            return fail(error);
        network->setFilter(filter);
        network->setSession(session);
    } else if (auto *timeline = dynamic_cast<TimelinePane *>(chart)) {
        timeline->setSession(session);
    }

    error.clear();
    if (!out.isEmpty() && !ChartExport::write(*chart, out, size, dpi, &error))
        return fail(error);
    if (!data.isEmpty() && !ChartExport::writeCsv(*chart, data, &error))
        return fail(error);
    return 0;
}

} // namespace entente

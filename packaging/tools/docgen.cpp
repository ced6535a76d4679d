// Writes the man page and the bash completion of the `entente` binary from its own --help texts, at build time, so
// that neither can drift from the program:
//
//   entente_docgen ENTENTE_BINARY RELEASE_DATE SAMPLES_DIR MAN_OUT COMPLETION_OUT
//
// The subcommands are read from `entente --help` (its "Subcommands:" list), then each one's options and arguments
// from `entente SUBCOMMAND --help` (QCommandLineParser's layout: "Usage:", the description, "Options:",
// "Arguments:"). The version comes from `entente --version`.
#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>

namespace {

// One entry of an "Options:" or "Arguments:" list.
struct Entry
{
    QStringList names; // "-q", "--quiet"; or the argument's name ("PATH...")
    QString value; // the option's value name ("FILE"), empty for a flag
    QString description;
};

struct Command
{
    QString name;
    QString usage; // "entente ingest [options] PATH..."
    QStringList description;
    QList<Entry> options;
    QList<Entry> arguments;
};

QString run(const QString &binary, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    p.start(binary, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "entente_docgen: '%s %s' failed: %s\n", qPrintable(binary), qPrintable(args.join(u' ')),
            qPrintable(QString::fromUtf8(p.readAllStandardError())));
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

// "  --store <FILE>    The store file." -> { {"--store"}, "FILE", "The store file." }. Qt pads the names to a
// column and wraps long descriptions onto lines indented to that column.
QList<Entry> parseEntries(const QStringList &lines)
{
    static const QRegularExpression entry(QStringLiteral("^  (\\S.*?)(?: {2,}(\\S.*))?$"));
    QList<Entry> entries;
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        if (line.startsWith(QLatin1String("   ")) && !entries.isEmpty()) {
            entries.last().description += u' ' + line.trimmed();
            continue;
        }
        const QRegularExpressionMatch m = entry.match(line);
        if (!m.hasMatch())
            continue;
        Entry e;
        QString names = m.captured(1).trimmed();
        if (const qsizetype lt = names.indexOf(u'<'); lt > 0) {
            e.value = names.mid(lt + 1).chopped(1);
            names = names.left(lt).trimmed();
        }
        for (const QString &name : names.split(u',', Qt::SkipEmptyParts))
            e.names << name.trimmed();
        e.description = m.captured(2).trimmed();
        entries << e;
    }
    return entries;
}

Command parseCommand(const QString &name, const QString &help)
{
    Command c;
    c.name = name;
    enum { Description, Options, Arguments } section = Description;
    QStringList options, arguments;
    for (const QString &line : help.split(u'\n')) {
        if (line.startsWith(QLatin1String("Usage: "))) {
            c.usage = line.mid(7).trimmed();
        } else if (line == u"Options:") {
            section = Options;
        } else if (line == u"Arguments:") {
            section = Arguments;
        } else if (section == Description) {
            c.description << line;
        } else {
            (section == Options ? options : arguments) << line;
        }
    }
    while (!c.description.isEmpty() && c.description.last().trimmed().isEmpty())
        c.description.removeLast();
    c.options = parseEntries(options);
    c.arguments = parseEntries(arguments);
    return c;
}

// Text for a roff text line: backslashes escaped, the hyphens of an option ("--no-extract", "-") made minus signs,
// anything past ASCII named by its code point, and a line that would start with a control character protected.
QString roff(const QString &text)
{
    QString out;
    bool inOption = false; // within a word that starts with '-'
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'-' && (i == 0 || !text.at(i - 1).isLetterOrNumber()))
            inOption = true;
        else if (!c.isLetterOrNumber() && c != u'-')
            inOption = false;
        if (c == u'\\')
            out += QLatin1String("\\e");
        else if (c == u'-' && inOption)
            out += QLatin1String("\\-");
        else if (c.unicode() > 0x7e)
            out += QStringLiteral("\\[u%1]").arg(QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0'));
        else
            out += c;
    }
    if (out.startsWith(u'.') || out.startsWith(u'\''))
        out.prepend(QLatin1String("\\&"));
    return out;
}

// Description lines. The help wraps its sentences at about 100 columns: a line that ends a sentence ends a line
// here too, the others run on. Indented lines (a table of models) are kept as laid out; a blank line starts a
// paragraph.
void writeLines(QTextStream &man, const QStringList &lines)
{
    bool block = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        const bool indented = line.startsWith(u' ');
        if (indented != block) {
            man << (indented ? ".RS 2\n.nf\n" : ".fi\n.RE\n");
            block = indented;
        }
        if (line.trimmed().isEmpty()) {
            man << (block ? "\n" : ".PP\n");
            continue;
        }
        man << roff(block ? line.mid(2) : line) << '\n';
        const bool last = i + 1 == lines.size() || lines.at(i + 1).trimmed().isEmpty();
        if (!block && !last && (line.endsWith(u'.') || line.endsWith(u':')))
            man << ".br\n";
    }
    if (block)
        man << ".fi\n.RE\n";
}

QString manPage(const QString &version, const QString &date, const QString &samplesDir,
    const QStringList &topDescription, const QList<Command> &commands)
{
    QString text;
    QTextStream man(&text);
    man << ".\\\" Generated from the --help texts of entente " << version
        << " by packaging/tools/docgen.cpp; do not edit.\n";
    man << ".TH ENTENTE 1 \"" << date << "\" \"Entente " << version << "\" \"User Commands\"\n";
    man << ".SH NAME\nentente \\- explore international relations in a collection of news articles\n";
    man << ".SH SYNOPSIS\n.B entente\n.RI [ STORE.entente | FOLDER | FILE ]\n.br\n";
    man << ".B entente\n.I SUBCOMMAND\n.RI [ OPTIONS ]\n.br\n";
    man << ".B entente\n.BR \\-\\-help \" | \" \\-\\-version\n";
    man << ".SH DESCRIPTION\n";
    writeLines(man, topDescription);
    man << ".SH SUBCOMMANDS\n";
    for (const Command &c : commands) {
        man << ".SS \"" << roff(c.usage) << "\"\n";
        writeLines(man, c.description);
        for (const Entry &o : c.options) {
            QStringList names;
            for (const QString &n : o.names)
                names << QStringLiteral("\\fB%1\\fR").arg(roff(n));
            man << ".TP\n" << names.join(QLatin1String(", "));
            if (!o.value.isEmpty())
                man << " \\fI" << roff(o.value) << "\\fR";
            man << '\n' << roff(o.description) << '\n';
        }
        for (const Entry &a : c.arguments)
            man << ".TP\n\\fI" << roff(a.names.join(u' ')) << "\\fR\n" << roff(a.description) << '\n';
    }
    man << ".SH FILES\n";
    man << ".TP\n.I ~/.config/Entente/Entente.conf\nThe desktop app's window layout and recent stores.\n";
    man << ".TP\n.I " << roff(samplesDir) << "\nThe sample articles (the app opens its own copy with no arguments).\n";
    man << ".SH SEE ALSO\n\\fBsqlite3\\fR(1)\n";
    return text;
}

// The values an option takes when its description starts by listing them: "csv or jsonl (default ...)",
// "articles, entities, mentions, relations or dates.".
QStringList listedValues(const QString &description)
{
    static const QRegularExpression list(QStringLiteral("^([a-z]+(?:, [a-z]+)*,? or [a-z]+)\\b"));
    const QRegularExpressionMatch m = list.match(description);
    if (!m.hasMatch())
        return {};
    return m.captured(1).replace(QLatin1String(" or "), QLatin1String(", ")).split(QLatin1String(", "));
}

// What completes an option's value or an argument: a shell snippet that fills COMPREPLY.
QString valueCompletion(const QString &option, const Entry &e)
{
    if (const QStringList values = listedValues(e.description); !values.isEmpty())
        return QStringLiteral("COMPREPLY=($(compgen -W '%1' -- \"$cur\"))").arg(values.join(u' '));
    const QString kind = e.value.isEmpty() ? e.names.value(0) : e.value;
    if (option == u"--store")
        return QStringLiteral("_entente_files entente");
    if (kind == u"DIR")
        return QStringLiteral("_entente_files /");
    if (kind.startsWith(QLatin1String("FILE")) || kind.startsWith(QLatin1String("[FILE")) || kind.startsWith(u"PATH"))
        return QStringLiteral("_entente_files");
    return {}; // a number, a year, a code: nothing to offer
}

QString completion(const QList<Command> &commands)
{
    QStringList names;
    for (const Command &c : commands)
        names << c.name;
    QString text;
    QTextStream sh(&text);
    sh << "# bash completion for entente: its subcommands, their options and the values those take.\n"
          "# Generated from the --help texts by packaging/tools/docgen.cpp; do not edit.\n\n"
          "# Files into COMPREPLY: every file, or (with an extension) only those and folders, or (with /) folders.\n"
          "_entente_files()\n{\n"
          "    local IFS=$'\\n'\n"
          "    compopt -o filenames 2>/dev/null\n"
          "    if [ \"$1\" = / ]; then\n"
          "        COMPREPLY+=($(compgen -d -- \"$cur\"))\n"
          "    elif [ -n \"$1\" ]; then\n"
          "        COMPREPLY+=($(compgen -d -- \"$cur\") $(compgen -f -X \"!*.$1\" -- \"$cur\"))\n"
          "    else\n"
          "        COMPREPLY+=($(compgen -f -- \"$cur\"))\n"
          "    fi\n"
          "}\n\n"
          "_entente()\n{\n"
          "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
          "    COMPREPLY=()\n"
          "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
          "        if [[ $cur == -* ]]; then\n"
          "            COMPREPLY=($(compgen -W '--help --version' -- \"$cur\"))\n"
          "        else\n"
          "            COMPREPLY=($(compgen -W '"
       << names.join(u' ')
       << "' -- \"$cur\"))\n"
          "            _entente_files entente\n"
          "        fi\n"
          "        return\n"
          "    fi\n"
          "    case ${COMP_WORDS[1]} in\n";
    for (const Command &c : commands) {
        QStringList flags;
        QStringList valueCases;
        QStringList noCompletion; // options whose values are numbers, years, codes
        for (const Entry &o : c.options) {
            flags << o.names;
            if (o.value.isEmpty())
                continue;
            const QString snippet = valueCompletion(o.names.last(), o);
            if (snippet.isEmpty())
                noCompletion << o.names;
            else
                valueCases << QStringLiteral("                %1) %2; return ;;\n").arg(o.names.join(u'|'), snippet);
        }
        if (!noCompletion.isEmpty())
            valueCases << QStringLiteral("                %1) return ;;\n").arg(noCompletion.join(u'|'));
        QString positional;
        for (const Entry &a : c.arguments)
            if (positional.isEmpty())
                positional = valueCompletion({}, a);
        const QString offerFlags = QStringLiteral("COMPREPLY=($(compgen -W '%1' -- \"$cur\"))").arg(flags.join(u' '));
        sh << "        " << c.name << ")\n";
        if (!valueCases.isEmpty())
            sh << "            case $prev in\n" << valueCases.join(QString()) << "            esac\n";
        if (positional.isEmpty()) {
            sh << "            " << offerFlags << "\n            ;;\n";
            continue;
        }
        sh << "            if [[ $cur == -* ]]; then\n                " << offerFlags
           << "\n            else\n                " << positional << "\n            fi\n            ;;\n";
    }
    sh << "    esac\n}\ncomplete -F _entente entente\n";
    return text;
}

bool write(const QString &path, const QString &text)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0 || !f.commit()) {
        std::fprintf(stderr, "entente_docgen: cannot write %s: %s\n", qPrintable(path), qPrintable(f.errorString()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 6) {
        std::fprintf(stderr, "usage: entente_docgen ENTENTE_BINARY RELEASE_DATE SAMPLES_DIR MAN_OUT COMPLETION_OUT\n");
        return 2;
    }
    const QString binary = args.at(1);
    const QString version = run(binary, { QStringLiteral("--version") }).section(u' ', 1).trimmed();
    const QString top = run(binary, { QStringLiteral("--help") });
    if (version.isEmpty() || top.isEmpty())
        return 1;

    // The top help: "Usage: ...", the description, "Subcommands:" with one "  name  ..." line each.
    QStringList description;
    QList<Command> commands;
    bool inCommands = false;
    static const QRegularExpression commandLine(QStringLiteral("^  ([a-z]+)\\s"));
    for (const QString &line : top.split(u'\n')) {
        if (line.startsWith(QLatin1String("Usage: ")))
            continue;
        if (line == u"Subcommands:") {
            inCommands = true;
            continue;
        }
        if (!inCommands) {
            description << line;
            continue;
        }
        const QRegularExpressionMatch m = commandLine.match(line);
        if (!m.hasMatch())
            continue;
        const QString help = run(binary, { m.captured(1), QStringLiteral("--help") });
        if (help.isEmpty())
            return 1;
        commands << parseCommand(m.captured(1), help);
    }
    while (!description.isEmpty() && description.first().trimmed().isEmpty())
        description.removeFirst();
    while (!description.isEmpty() && description.last().trimmed().isEmpty())
        description.removeLast();
    if (commands.isEmpty()) {
        std::fprintf(stderr, "entente_docgen: no subcommands in '%s --help'\n", qPrintable(binary));
        return 1;
    }
    return write(args.at(4), manPage(version, args.at(2), args.at(3), description, commands))
            && write(args.at(5), completion(commands))
        ? 0
        : 1;
}

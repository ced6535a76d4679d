#pragma once

// How the CLI tests run the real binary: arguments, optionally standard input, and what came out.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <functional>

namespace entente::test {

struct EntenteRun
{
    int status = -1; // -1: crashed or did not finish
    bool finished = false;
    QByteArray output; // standard output, as it came
    QString out; // the same as text
    QString err;
};

// Runs `program` (a build of entente) and waits for it to finish: a hang shows as `finished` false (after
// `timeoutMs`, far beyond what any test needs; the process is killed), a crash as status -1. `inChild`, when given,
// runs between fork and exec (QProcess::setChildProcessModifier).
inline EntenteRun runProgram(const QString &program, const QStringList &args, const QByteArray &input = {},
    int timeoutMs = 240000, const std::function<void()> &inChild = {})
{
    QProcess p;
    if (inChild)
        p.setChildProcessModifier(inChild);
    p.start(program, args);
    if (!p.waitForStarted())
        return {};
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    EntenteRun r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished();
    }
    r.status = r.finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = p.readAllStandardOutput();
    r.out = QString::fromUtf8(r.output);
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// The same for ENTENTE_BINARY.
inline EntenteRun runEntente(const QStringList &args, const QByteArray &input = {}, int timeoutMs = 240000)
{
    return runProgram(QStringLiteral(ENTENTE_BINARY), args, input, timeoutMs);
}

} // namespace entente::test

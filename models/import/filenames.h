#pragma once

#include <QByteArray>
#include <QString>

namespace entente {

// File names as the system gives them: bytes, which need not be UTF-8 ("caf\xe9.txt", written by a Latin-1 system).
// A QString path keeps such a name whole: each byte that is no part of valid UTF-8 becomes one lone surrogate,
// U+DC80 to U+DCFF (Python's "surrogateescape"), so that the bytes come back exactly when the file is opened. For
// the valid UTF-8 names of every day, the QString is the name itself.
//
//     const QString path = decodeFileName(argv[1]);     // "caf\uDCE9.txt"
//     ::open(encodeFileName(path).constData(), ...);    // the same bytes again
//     log(displayFileName(path));                       // "caf\uFFFD.txt"

// The bytes of a file name, or of a path, as a QString that encodeFileName() turns back into the same bytes.
[[nodiscard]] QString decodeFileName(const QByteArray &bytes);

// The bytes to give the system for `path`: UTF-8, with each escaped byte of decodeFileName() restored.
[[nodiscard]] QByteArray encodeFileName(const QString &path);

// `path` to show or store: each escaped byte as the replacement character U+FFFD.
[[nodiscard]] QString displayFileName(const QString &path);

// `path` made absolute and clean, as a string only: no look at the file system, so a name with escaped bytes
// stays as it is.
[[nodiscard]] QString absoluteFileName(const QString &path);

// Whether `path` holds bytes that are no UTF-8 (escaped by decodeFileName()).
[[nodiscard]] bool hasEscapedBytes(const QString &path);

} // namespace entente

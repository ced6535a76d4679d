#pragma once

#include "annotation.h"

#include <QByteArray>
#include <QString>

namespace entente {

// One article as the importer reads it and the store keeps it. `text` is the article body
// exactly as stored (boilerplate removed); every annotation offset refers to it.
struct ArticleRecord
{
    QString title;
    QString source; // outlet or wire ("PRNewswire"), or the UNGDC speaker country's name
    QString author;
    QString url;
    QString language; // ISO 639-1
    QString text;
    QString file; // the file it came from (absolute path)
    int fileLine = 0; // 1-based line or record of a JSON Lines / CSV / JSON array file; 0 for a whole file
    QString section; // a section label above the headline ("China", "Diplomacy")
    QString datelinePlace; // "Beijing" from "BEIJING, May 11, 2023 /PRNewswire/ —"
    QString sourceCountry; // ISO alpha-3 of the speaker or outlet, when known
    PublishedDate published;
    QByteArray hash; // content hash; computed from title and text when empty
    // `text` in UTF-8, when the import's workers filled it in: the store's single writer thread then binds
    // it as it is, where SQLite would convert the UTF-16 (200 MB for the UN corpus) on that thread.
    // Empty: converted when stored. Whoever changes `text` after filling it in must clear it.
    QByteArray textUtf8;

    [[nodiscard]] QByteArray contentHash() const;
};

} // namespace entente

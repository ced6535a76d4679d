#include "schema.h"

namespace entente {

QStringList migrationSteps(int version)
{
    switch (version) {
    case 1:
        return {
            QStringLiteral("CREATE TABLE schema_version ("
                           " version INTEGER PRIMARY KEY,"
                           " applied_at TEXT NOT NULL)"),
            // published: ISO prefix ("2023", "2023-05", "2023-05-11") or NULL when undated;
            // published_year duplicates its year for the timeline and range filters.
            QStringLiteral("CREATE TABLE articles ("
                           " id INTEGER PRIMARY KEY,"
                           " title TEXT NOT NULL DEFAULT '',"
                           " source TEXT NOT NULL DEFAULT '',"
                           " author TEXT NOT NULL DEFAULT '',"
                           " url TEXT NOT NULL DEFAULT '',"
                           " language TEXT NOT NULL DEFAULT '',"
                           " text TEXT NOT NULL,"
                           " hash BLOB NOT NULL UNIQUE,"
                           " file TEXT NOT NULL DEFAULT '',"
                           " file_line INTEGER NOT NULL DEFAULT 0,"
                           " imported_at TEXT NOT NULL,"
                           " published TEXT,"
                           " published_year INTEGER,"
                           " published_precision TEXT NOT NULL DEFAULT 'unknown',"
                           " published_source TEXT NOT NULL DEFAULT 'none',"
                           " published_reason TEXT NOT NULL DEFAULT '',"
                           " section TEXT NOT NULL DEFAULT '',"
                           " dateline_place TEXT NOT NULL DEFAULT '',"
                           " source_country TEXT NOT NULL DEFAULT '',"
                           " chars INTEGER NOT NULL,"
                           " sentence_count INTEGER NOT NULL DEFAULT 0,"
                           " mention_count INTEGER NOT NULL DEFAULT 0,"
                           " relation_count INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE INDEX articles_year ON articles(published_year)"),
            // Everything the article list shows, so that a page (and a sort on any of its
            // columns) reads this index alone: in the row, these columns lie behind the text and
            // its overflow pages, and reaching them cost the UN corpus 50 ms per page.
            QStringLiteral("CREATE INDEX articles_list ON articles(published, id, title, source, relation_count,"
                           " published_precision, published_source, file, source_country, published_year)"),
            // External-content FTS5: the text is stored once, in articles.
            QStringLiteral("CREATE VIRTUAL TABLE articles_fts USING fts5("
                           " title, text, content='articles', content_rowid='id',"
                           " tokenize='unicode61 remove_diacritics 2')"),
            QStringLiteral("CREATE TABLE sentences ("
                           " article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
                           " idx INTEGER NOT NULL,"
                           " start INTEGER NOT NULL,"
                           " end INTEGER NOT NULL,"
                           " PRIMARY KEY (article_id, idx)) WITHOUT ROWID"),
            QStringLiteral("CREATE TABLE entities ("
                           " id INTEGER PRIMARY KEY,"
                           " kind TEXT NOT NULL,"
                           " key TEXT NOT NULL,"
                           " name TEXT NOT NULL,"
                           " country TEXT NOT NULL DEFAULT '',"
                           " UNIQUE (kind, key))"),
            QStringLiteral("CREATE TABLE mentions ("
                           " id INTEGER PRIMARY KEY,"
                           " article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
                           " entity_id INTEGER NOT NULL REFERENCES entities(id),"
                           " start INTEGER NOT NULL,"
                           " end INTEGER NOT NULL,"
                           " text TEXT NOT NULL,"
                           " method TEXT NOT NULL DEFAULT '',"
                           " confidence REAL NOT NULL DEFAULT 1.0,"
                           " role TEXT,"
                           " currency TEXT,"
                           " amount REAL,"
                           " date TEXT)"),
            QStringLiteral("CREATE INDEX mentions_article ON mentions(article_id)"),
            QStringLiteral("CREATE INDEX mentions_entity ON mentions(entity_id, article_id)"),
            QStringLiteral("CREATE TABLE dates ("
                           " id INTEGER PRIMARY KEY,"
                           " article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
                           " start INTEGER NOT NULL,"
                           " end INTEGER NOT NULL,"
                           " text TEXT NOT NULL,"
                           " value TEXT,"
                           " precision TEXT NOT NULL DEFAULT 'unknown',"
                           " relative INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE INDEX dates_article ON dates(article_id)"),
            // direction: 1 when a acts on b ("A->B"), 0 when undirected. cues: JSON array.
            QStringLiteral("CREATE TABLE relations ("
                           " id INTEGER PRIMARY KEY,"
                           " article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
                           " sentence INTEGER NOT NULL,"
                           " start INTEGER NOT NULL,"
                           " end INTEGER NOT NULL,"
                           " a TEXT NOT NULL,"
                           " b TEXT NOT NULL,"
                           " directed INTEGER NOT NULL DEFAULT 0,"
                           " tone TEXT NOT NULL DEFAULT 'neutral',"
                           " quad INTEGER,"
                           " cameo TEXT,"
                           " goldstein REAL NOT NULL DEFAULT 0,"
                           " cues TEXT NOT NULL DEFAULT '[]',"
                           " cue_spans TEXT NOT NULL DEFAULT '[]',"
                           " implicit INTEGER NOT NULL DEFAULT 0,"
                           " year INTEGER)"),
            QStringLiteral("CREATE INDEX relations_article ON relations(article_id)"),
            // Covering the charts' queries (a country's partners by tone, its relations per year,
            // the network's edges), so that they read the index alone, never the rows.
            QStringLiteral("CREATE INDEX relations_a ON relations(a, b, tone, directed, year, goldstein)"),
            QStringLiteral("CREATE INDEX relations_b ON relations(b, a, tone, directed, year, goldstein)"),
        };
    case 2:
        // The countries of each article ranked by salience (rank 0 the most salient); about: 1 when the article
        // is about the country, 0 when it only mentions it. Stores of version 1 get their articles ranked from
        // their stored annotations when they are upgraded (Store::migrate).
        return {
            QStringLiteral("CREATE TABLE article_countries ("
                           " article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
                           " rank INTEGER NOT NULL,"
                           " country TEXT NOT NULL,"
                           " salience REAL NOT NULL,"
                           " about INTEGER NOT NULL DEFAULT 0,"
                           " PRIMARY KEY (article_id, rank)) WITHOUT ROWID"),
            // The focus filter: the articles about a country (or mentioning it), read from the index alone.
            QStringLiteral("CREATE INDEX article_countries_country ON article_countries(country, about, article_id)"),
        };
    case 3:
        // The sentences of each article as one JSON array of [start, end] code point pairs, in order (the
        // shape of relations.cue_spans), in place of a row per sentence: an import wrote 1.35 million sentence
        // rows for the UN corpus, and the only reader wants all of an article's sentences at once. Stores of
        // version 2 get their sentence rows packed and the old table dropped when they are upgraded
        // (Store::migrate).
        return {
            QStringLiteral("CREATE TABLE sentence_spans ("
                           " article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
                           " spans TEXT NOT NULL)"),
        };
    case 4:
        // The user's corrections, apart from the extracted rows (see EditLog): one row per edit, its arguments
        // as JSON naming what it changes by stable keys (an entity's kind and key, a relation's article hash and
        // span), so that it can be applied again to rows an import adds, and carried to another store.
        // edit_undo keeps what applying an edit overwrote, for undo: action 'set' puts `old` back into column
        // `col` of the rows whose ids are the JSON array `ids`; action 'row' inserts again the row `old` (a JSON
        // object) that the edit deleted; action 'new' deletes the rows of ids that the edit inserted. `old` has no
        // type, so that SQLite keeps each value as it was. edit_generation counts every change edits made to the rows:
        // the stamp that tells the charts' cube that an UPDATE, which changes no id, made it stale.
        return {
            QStringLiteral("CREATE TABLE edits ("
                           " id INTEGER PRIMARY KEY,"
                           " kind TEXT NOT NULL,"
                           " args TEXT NOT NULL,"
                           " made_at TEXT NOT NULL,"
                           " undone INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE edit_undo ("
                           " seq INTEGER PRIMARY KEY,"
                           " edit_id INTEGER NOT NULL REFERENCES edits(id) ON DELETE CASCADE,"
                           " action TEXT NOT NULL,"
                           " tbl TEXT NOT NULL,"
                           " col TEXT NOT NULL DEFAULT '',"
                           " old,"
                           " ids TEXT NOT NULL DEFAULT '[]')"),
            QStringLiteral("CREATE INDEX edit_undo_edit ON edit_undo(edit_id, seq)"),
            QStringLiteral("CREATE TABLE edit_generation (generation INTEGER NOT NULL)"),
            QStringLiteral("INSERT INTO edit_generation(generation) VALUES (0)"),
        };
    case 5:
        // The secondary indexes a bulk load set aside (Store::deferIndexes), each with the statement that makes it
        // again: an import into a store it at least doubles builds them once at its end, by sorting, instead of
        // row by row. A row left here by an import that was stopped before its end is made again by the next
        // import (Store::restoreIndexes).
        return {
            QStringLiteral("CREATE TABLE deferred_indexes ("
                           " name TEXT PRIMARY KEY,"
                           " sql TEXT NOT NULL)"),
        };
    default:
        return {};
    }
}

QStringList migrationCleanup(int version)
{
    if (version == 3)
        return { QStringLiteral("DROP TABLE sentences") };
    return {};
}

} // namespace entente

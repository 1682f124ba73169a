-- The search index (issue 26): derived data, rebuilt from the archive by `npm run publish -- --reindex`.
-- It lives in its own D1 database because D1's export does not support FTS5 virtual tables (docs/search.md).

-- One row per released-or-embargoed, unretracted article: the text as published, for titles and snippets.
CREATE TABLE search_articles (
  id INTEGER PRIMARY KEY,            -- the rowid of the article's row in search_fts
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,             -- the snippet when the body holds no match
  body TEXT NOT NULL,                -- plain text as published; snippets are cut from it
  release_ms INTEGER NOT NULL,       -- later of date and embargo: hidden from search before it
  published_ms INTEGER NOT NULL      -- ties of rank: newest first
) STRICT;

-- Upcoming releases, for the next release a cached result must not outlive.
CREATE INDEX search_articles_release ON search_articles (release_ms);

-- The full-text index of src/shared/search-text.ts's searchText(): CJK runs as overlapping bigrams,
-- the rest split by unicode61. Contentless (the text above is the readable copy), with delete support.
CREATE VIRTUAL TABLE search_fts USING fts5 (
  title,
  text,                              -- summary, body, tags and source name
  tokenize = 'unicode61 remove_diacritics 2',
  content = '',
  contentless_delete = 1
);

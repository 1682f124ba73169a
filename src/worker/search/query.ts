/** Reads a search query as plain words and writes the FTS5 MATCH expression that finds them: no FTS5 syntax ever comes from the user. */

/** The longest query accepted, in Unicode code points after whitespace is collapsed and trimmed (render/urls.ts). */
import { maxSearchLength as maxQueryLength } from '../../render/urls.ts';
import { cjkTokens, foldForSearch, searchSegments, visibleText } from '../../shared/search-text.ts';

export { maxQueryLength };

export type SearchQuery =
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-long' }
  | {
      readonly kind: 'query';
      /** NFKC, lower case, whitespace collapsed: the cache key and what the page shows back. */
      readonly text: string;
      /** A safe FTS5 MATCH expression: every piece a quoted FTS5 string, the pieces ANDed. */
      readonly match: string;
      /** Folded terms to mark in snippets: word tokens (matched whole) and CJK runs (matched anywhere). */
      readonly terms: readonly string[];
    };

/**
 * `raw` is the decoded `q` parameter (undefined when absent). Any text is words: quotes, `*`, `NEAR`,
 * `AND`/`OR`/`NOT`, `-`, `:`, `^`, parentheses and column names reach FTS5 only inside quoted strings,
 * where they are ordinary characters (unicode61 drops punctuation; `"` is doubled). Controls, NUL and
 * lone surrogates are spaces; U+FFFD, symbols and emoji are not searchable.
 */
export function parseSearchQuery(raw: string | undefined): SearchQuery {
  const typed = visibleText(raw ?? '')
    .replace(/\s+/gu, ' ')
    .trim();
  let length = 0;
  for (const _ of typed) if (++length > maxQueryLength) return { kind: 'too-long' };

  const text = typed.normalize('NFKC').toLowerCase();
  const match = new Set<string>();
  const terms = new Set<string>();
  for (const word of foldForSearch(typed).split(' ')) {
    for (const segment of searchSegments(word)) {
      if (segment.kind === 'words') {
        // One word's tokens (`e-mail`, `a:b`) are a phrase, as unicode61 splits them at index time.
        match.add(ftsString(segment.tokens.join(' ')));
        for (const token of segment.tokens) terms.add(token);
      } else {
        // A run inside a longer indexed run has bigrams only: its last character is no run's end there.
        const bigrams = cjkTokens(segment.run).slice(0, -1);
        match.add(bigrams.length === 0 ? `${ftsString(segment.run)}*` : ftsString(bigrams.join(' ')));
        terms.add(segment.run);
      }
    }
  }
  if (match.size === 0) return { kind: 'empty' };
  return { kind: 'query', text, match: [...match].join(' '), terms: [...terms] };
}

/** An FTS5 string: inside double quotes every character is literal, and `"` is written twice. */
function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

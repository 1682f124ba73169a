/** Where query terms occur in stored text, compared the way the index compares them (case, width, accents; CJK as substrings). */
import { foldForSearch, isCjkTerm, wordTokens } from '../../shared/search-text.ts';

/** One occurrence: UTF-16 offsets into the original text, and which term it is. */
export interface TermMatch {
  readonly start: number;
  readonly end: number;
  /** Index into the terms given. */
  readonly term: number;
}

/** Folded text with, for each of its UTF-16 units, where the code point it came from starts and ends in the original. */
interface FoldedText {
  readonly text: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** Folds of the non-ASCII code points seen so far (a body repeats its characters; CJK text is all of them). */
const foldCache = new Map<string, string>();
const foldCacheLimit = 20_000;

function foldCodePoint(character: string): string {
  let folded = foldCache.get(character);
  if (folded === undefined) {
    folded = foldForSearch(character);
    if (foldCache.size < foldCacheLimit) foldCache.set(character, folded);
  }
  return folded;
}

/** Folds `text` one code point at a time, so every folded unit knows its source (NFKC of a pair across code points aside). */
function foldWithOffsets(text: string): FoldedText {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const character of text) {
    const code = character.charCodeAt(0);
    const piece =
      code < 0x80 ? (code < 0x20 || code === 0x7f ? ' ' : character.toLowerCase()) : foldCodePoint(character);
    const end = offset + character.length;
    for (let unit = 0; unit < piece.length; unit++) {
      starts.push(offset);
      ends.push(end);
    }
    folded += piece;
    offset = end;
  }
  return { text: folded, starts, ends };
}

const marks = /\p{M}+/uy;

/** `offset` moved past the combining marks that follow it, which fold to nothing but belong to the matched letter. */
function afterMarks(text: string, offset: number): number {
  marks.lastIndex = offset;
  return marks.test(text) ? marks.lastIndex : offset;
}

/**
 * Every occurrence of `terms` (as parseSearchQuery gives them: folded word tokens and CJK runs) in `text`,
 * sorted by start, overlaps removed: a word token matches a whole word (`art` not in `start`, as FTS5
 * finds it), a CJK run matches anywhere (the index's bigrams find it inside any run).
 */
export function termMatches(text: string, terms: readonly string[]): TermMatch[] {
  if (terms.length === 0 || text === '') return [];
  const folded = foldWithOffsets(text);
  const found: { start: number; end: number; term: number }[] = [];
  const words = new Map<string, number>();
  terms.forEach((term, index) => {
    if (!isCjkTerm(term)) words.set(term, index);
    else
      for (let at = folded.text.indexOf(term); at !== -1; at = folded.text.indexOf(term, at + term.length))
        found.push({ start: at, end: at + term.length, term: index });
  });
  if (words.size > 0)
    for (const token of wordTokens(folded.text)) {
      const term = words.get(token[0]);
      const at = token.index ?? 0;
      if (term !== undefined) found.push({ start: at, end: at + token[0].length, term });
    }

  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const matches: TermMatch[] = [];
  let reached = 0;
  for (const match of found) {
    if (match.start < reached) continue;
    const end = folded.ends[match.end - 1] ?? text.length;
    matches.push({ start: folded.starts[match.start] ?? 0, end: afterMarks(text, end), term: match.term });
    reached = match.end;
  }
  return matches;
}

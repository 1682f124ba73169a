/** Snippets: a short excerpt of a result's text around its matches, as plain parts the renderers mark up (`<mark>` in HTML). */
import { type TermMatch, termMatches } from './term-matches.ts';

/** A run of snippet text; `match` runs are what the query found. Plain text: the renderer escapes it. */
export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

/** About how long a snippet is, in UTF-16 units (characters, for text of the Basic Multilingual Plane). */
export const snippetLength = 200;

const ellipsis = '…';
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** The whole of `text` (whitespace collapsed), its matches marked: for titles. */
export function markedText(text: string, terms: readonly string[]): SnippetPart[] {
  const flat = collapse(text);
  return parts(flat, termMatches(flat, terms), 0, flat.length);
}

/**
 * About `length` characters of `text` (whitespace collapsed) around the window holding the most
 * different terms, earliest first; without a match, its opening. Cut after a space where one is near,
 * else between characters (grapheme clusters: never inside an emoji or a letter and its accent), with
 * `…` on each cut side.
 */
export function snippet(text: string, terms: readonly string[], length = snippetLength): SnippetPart[] {
  const flat = collapse(text);
  const matches = termMatches(flat, terms);
  if (flat.length <= length) return parts(flat, matches, 0, flat.length);

  const anchor = bestAnchor(matches, length);
  let start = Math.max(0, anchor - Math.floor(length / 5));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space !== -1 && space < anchor ? space + 1 : boundaryAtOrBefore(flat, start);
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    end = space > start + length / 2 ? space : boundaryAtOrBefore(flat, end);
  }
  const excerpt = parts(flat, matches, start, end);
  if (start > 0) excerpt.unshift({ text: ellipsis, match: false });
  if (end < flat.length) excerpt.push({ text: ellipsis, match: false });
  return mergeNeighbours(excerpt);
}

/** Where the window with the most different terms starts (a match's start), or 0 without matches. */
function bestAnchor(matches: readonly TermMatch[], length: number): number {
  let best = { start: 0, terms: 0 };
  for (const [index, first] of matches.slice(0, 50).entries()) {
    const terms = new Set<number>();
    for (const match of matches.slice(index)) {
      if (match.end > first.start + length * 0.8) break;
      terms.add(match.term);
    }
    if (terms.size > best.terms) best = { start: first.start, terms: terms.size };
  }
  return best.start;
}

/** The start of the grapheme cluster that holds `offset`: a cut there splits no character. */
function boundaryAtOrBefore(text: string, offset: number): number {
  return graphemes.segment(text).containing(offset)?.index ?? offset;
}

/** `text[start, end)` as parts, the matches inside it marked (a match the cut crosses is clipped). */
function parts(text: string, matches: readonly TermMatch[], start: number, end: number): SnippetPart[] {
  const result: SnippetPart[] = [];
  let at = start;
  for (const match of matches) {
    const from = Math.max(match.start, start);
    const to = Math.min(match.end, end);
    if (to <= from) continue;
    if (from > at) result.push({ text: text.slice(at, from), match: false });
    result.push({ text: text.slice(from, to), match: true });
    at = to;
  }
  if (end > at) result.push({ text: text.slice(at, end), match: false });
  return result;
}

function mergeNeighbours(list: readonly SnippetPart[]): SnippetPart[] {
  const merged: SnippetPart[] = [];
  for (const part of list) {
    const last = merged.at(-1);
    if (last && !last.match && !part.match) merged[merged.length - 1] = { text: last.text + part.text, match: false };
    else merged.push(part);
  }
  return merged;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

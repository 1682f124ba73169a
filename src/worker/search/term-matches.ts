/** Where query terms occur in stored text, compared the way the index compares them (case, width, accents; CJK as substrings). */
import { foldForSearch, isCjkTerm, isWordCharacter } from '../../shared/search-text.ts';

/** One occurrence: UTF-16 offsets into the original text, and which term it is. */
export interface TermMatch {
  readonly start: number;
  readonly end: number;
  /** Index into the terms given. */
  readonly term: number;
}

/** Folds of the non-ASCII characters seen so far (a body repeats its characters; CJK text is all of them). */
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

/**
 * Folded text and where each piece came from. Most text folds unit for unit (ASCII to lower case, CJK to
 * itself): such a stretch is one linear segment. A character that folds to something else (`É`, `ﬁ`,
 * a soft hyphen, a control character) is a segment of its own, all of its folded units pointing at it.
 */
interface FoldedText {
  readonly text: string;
  /** Segment starts in the folded text, ascending. */
  readonly folded: readonly number[];
  /** Segment starts in the original text. */
  readonly origin: readonly number[];
  /** Where a segment's one character ends in the original, or -1 for a linear segment. */
  readonly originEnd: readonly number[];
}

/** Folds `text` a character at a time (so every folded unit knows its source), linear stretches in one slice. */
function foldWithOffsets(text: string): FoldedText {
  const pieces: string[] = [];
  const folded: number[] = [];
  const origin: number[] = [];
  const originEnd: number[] = [];
  let length = 0;
  let linearFrom = -1;
  const closeLinear = (at: number) => {
    if (linearFrom === -1) return;
    const piece = text.slice(linearFrom, at).toLowerCase();
    folded.push(length);
    origin.push(linearFrom);
    originEnd.push(-1);
    pieces.push(piece);
    length += piece.length;
    linearFrom = -1;
  };
  for (let at = 0; at < text.length; ) {
    const code = text.charCodeAt(at);
    if (code >= 0x20 && code < 0x7f) {
      if (linearFrom === -1) linearFrom = at;
      at++;
      continue;
    }
    const character = String.fromCodePoint(text.codePointAt(at) ?? code);
    const piece = code < 0x80 ? ' ' : foldCodePoint(character);
    if (piece === character) {
      if (linearFrom === -1) linearFrom = at;
    } else {
      closeLinear(at);
      folded.push(length);
      origin.push(at);
      originEnd.push(at + character.length);
      pieces.push(piece);
      length += piece.length;
    }
    at += character.length;
  }
  closeLinear(text.length);
  return { text: pieces.join(''), folded, origin, originEnd };
}

/** The original text's [start, end) of the folded unit at `index`. */
function originOf(text: FoldedText, index: number): { start: number; end: number } {
  let [low, high] = [0, text.folded.length - 1];
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((text.folded[middle] ?? 0) <= index) low = middle;
    else high = middle - 1;
  }
  const start = text.origin[low] ?? 0;
  const end = text.originEnd[low] ?? -1;
  if (end !== -1) return { start, end };
  const at = start + index - (text.folded[low] ?? 0);
  return { start: at, end: at + 1 };
}

/** Whether the character just before (`direction` -1) or at (`direction` 1) `offset` continues a word there. */
function insideWord(text: string, offset: number, direction: -1 | 1): boolean {
  if (direction === -1 ? offset === 0 : offset >= text.length) return false;
  const low = text.charCodeAt(offset - 1);
  const start = direction === 1 ? offset : low >= 0xdc00 && low <= 0xdfff && offset >= 2 ? offset - 2 : offset - 1;
  return isWordCharacter(String.fromCodePoint(text.codePointAt(start) ?? 0));
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
  terms.forEach((term, index) => {
    const whole = !isCjkTerm(term);
    for (let at = folded.text.indexOf(term); at !== -1; at = folded.text.indexOf(term, at + 1)) {
      const end = at + term.length;
      // A word token matches whole, as FTS5 finds it: `art` is not in `start`.
      if (whole && (insideWord(folded.text, at, -1) || insideWord(folded.text, end, 1))) continue;
      found.push({ start: at, end, term: index });
    }
  });

  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const matches: TermMatch[] = [];
  let reached = 0;
  for (const match of found) {
    if (match.start < reached) continue;
    const { start } = originOf(folded, match.start);
    const { end } = originOf(folded, match.end - 1);
    matches.push({ start, end: afterMarks(text, end), term: match.term });
    reached = match.end;
  }
  return matches;
}

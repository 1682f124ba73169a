/** Search text: the one folding and CJK segmentation that the index (at publish) and the query (at request) share. */

/**
 * Han, Kana and Hangul letters and numbers (`々`, `〇` and the prolonged sound mark `ー` included, CJK
 * punctuation not). FTS5's unicode61 tokenizer would keep a whole run of them as one token, since these
 * scripts write no spaces between words.
 */
const cjkCharacter = String.raw`(?=[\p{L}\p{N}])[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]`;
const cjkRun = new RegExp(`(?:${cjkCharacter})+`, 'gu');
const onlyCjk = new RegExp(`^(?:${cjkCharacter})+$`, 'u');

/**
 * What unicode61 keeps in a token (its default categories `L* N* Co`), less the CJK characters, which
 * this module cuts into bigrams itself.
 */
const wordToken = new RegExp(String.raw`(?:(?!${cjkCharacter})[\p{L}\p{N}\p{Co}])+`, 'gu');

/** Latin, Greek and Cyrillic accents once decomposed (the marks unicode61's `remove_diacritics 2` ignores). */
const diacritics = /[\u0300-\u036f]/g;
/** Control characters (NUL, CR, LF, TAB…) and lone surrogates separate words; format characters (soft hyphen, zero-width joiners, bidi marks) vanish. */
const separators = /[\p{Cc}\p{Zl}\p{Zp}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
const invisible = /\p{Cf}/gu;

/** Text with controls and lone surrogates as spaces and format characters removed: what a reader can see. */
export function visibleText(text: string): string {
  return text.replace(separators, ' ').replace(invisible, '');
}

/**
 * Folds text the way search compares it: visible characters only, compatibility forms (full-width
 * `ＡＢＣ`, `ｶﾅ`, `㎒`, ligatures) to their plain letters, lower case, accents off (`Café` → `cafe`).
 * NFKD, lower case, the accents dropped, then NFC: together NFKC of the unaccented lower-case text.
 */
export function foldForSearch(text: string): string {
  return visibleText(text).normalize('NFKD').toLowerCase().replace(diacritics, '').normalize('NFC');
}

/**
 * The tokens of one CJK run: every character starts one, the bigram with its successor, or itself alone
 * at the end of the run (`上合组织` → `上合 合组 组织 织`). So a two-character word is one token, a longer
 * one the phrase of its bigrams, and a single character the prefix of the token it starts.
 */
export function cjkTokens(run: string): string[] {
  const characters = Array.from(run);
  return characters.map((character, index) => character + (characters[index + 1] ?? ''));
}

/**
 * The text FTS5 indexes (with `tokenize = 'unicode61 remove_diacritics 2'`): folded, each CJK run
 * replaced by its tokens, everything else left for unicode61 to split at spaces and punctuation.
 */
export function searchText(text: string): string {
  return foldForSearch(text).replace(cjkRun, (run) => ` ${cjkTokens(run).join(' ')} `);
}

/** One searchable piece of a folded query word: a CJK run, or the unicode61 tokens between runs. */
export type SearchSegment =
  | { readonly kind: 'cjk'; readonly run: string }
  | { readonly kind: 'words'; readonly tokens: readonly string[] };

/** A folded word's CJK runs and the word tokens around them, in order; punctuation, symbols and emoji give nothing. */
export function searchSegments(folded: string): SearchSegment[] {
  const segments: SearchSegment[] = [];
  let last = 0;
  const words = (between: string) => {
    const tokens = between.match(wordToken);
    if (tokens) segments.push({ kind: 'words', tokens });
  };
  for (const match of folded.matchAll(cjkRun)) {
    words(folded.slice(last, match.index));
    segments.push({ kind: 'cjk', run: match[0] });
    last = match.index + match[0].length;
  }
  words(folded.slice(last));
  return segments;
}

/** True when `term` is a CJK run (matched as a substring), false for a word token (matched whole). */
export function isCjkTerm(term: string): boolean {
  return onlyCjk.test(term);
}

const wordCharacter = new RegExp(String.raw`^(?!${cjkCharacter})[\p{L}\p{N}\p{Co}]$`, 'u');

/** True for a character that unicode61 keeps inside a word token (a letter, digit or private-use character, not CJK). */
export function isWordCharacter(character: string): boolean {
  return wordCharacter.test(character);
}

/** The word tokens of folded text, each with where it starts and ends (UTF-16 offsets), CJK excluded. */
export function wordTokens(folded: string): IterableIterator<RegExpMatchArray> {
  return folded.matchAll(wordToken);
}

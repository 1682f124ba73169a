/** Bounded attribution header values: whole up to 300 characters in any script, and one encoded budget per response. */
import { encodeHeaderValue, replaceControlCharacters } from '../../shared/header-value.ts';

// Why two bounds, and why these numbers (docs/http.md "Attribution headers"; issue 22).
//
// 1. Characters, not encoded bytes, decide what a reader gets whole. An RFC 8187 ext-value spends 9
//    characters on a Chinese character, 6 on an Arabic one, 12 or more on an emoji (24 on `👍🏽`), 1 on
//    ASCII: the old cap of 400 encoded characters cut the usual 93-character Chinese copyright notice
//    after 44 while an English one kept 400. So a value is counted in user-perceived characters
//    (grapheme clusters, as Intl.Segmenter sees them: `👍🏽` or a flag is one, and is never split) and
//    travels whole up to 300 of them, in every script; a longer one keeps its first 299 and `…`.
//    And nothing the old cap sent whole is cut now: a value whose encoding is at most 400 characters
//    travels whole too, however many characters it has (the seed's English notice, which SPEC shows
//    exact, is 315 characters and 315 encoded), and a cut value keeps at least what fits in 400.
//
// 2. Characters alone do not bound bytes (300 Chinese characters are 2,707 encoded; a grapheme can hold
//    any number of combining marks), so the five X- values of one response share one budget of 5,000
//    encoded characters. X-Source-URL counts first and is never cut (a cut URL is a wrong URL; the build
//    bounds it at 2,048, article-bounds.ts). When the text values (X-Source, X-Editor,
//    X-Responsible-Editor, X-Copyright) need more than is left, only the longest are cut, all to one
//    level and never below an equal share of what is left (at least (5,000 - 2,048) / 4 = 738 each).
//    The old cap's worst, four values of 400 encoded and a 2,048 URL, is 3,648: within it, so nothing is cut there.
//
// The worst head of an article (GET, HEAD, 304 and 410 alike), bytes as `name: value` CRLF:
//       2,738  every other header: Link with a 2,048-character canonical URL and the ninjs and NewsML-G2
//              alternates (2,210 for base URL `https://wire.example` and slug `t`), Content-Security-Policy,
//              Cache-Control, ETag, Last-Modified, Content-Type, X-Cache, nosniff, Referrer-Policy,
//              X-Frame-Options (test/worker/attribution-headers.test.ts builds this head)
//      +   79  the five X- names, ": " and CRLF
//      +5,000  the five X- values together, X-Source-URL's 2,048 included
//      =7,817  of 8,192: the 375 left hold what the runtime adds (status line, Date, Content-Length,
//              about 80) and 290 more characters of base URL and slug (each alternate repeats both).
// What travels whole: beside a 2,048-character source URL the text values share 2,952, so a 300-character
// Chinese notice (2,707) is whole with 245 characters of encoded names; beside a usual 30-character URL
// they share 4,970, room for a 300-character Chinese notice and 2,263 of names. 300 emoji with a skin tone
// (7,207) fit no budget that keeps the head under 8 KiB, and are cut.
// The headers are made at build time and stored in the packs: the Worker never pays for this.

/** The bounds of an article's attribution header values. */
export interface AttributionBounds {
  /** User-perceived characters (grapheme clusters) a value keeps whole; a longer one keeps one fewer and `…`. @default 300 */
  readonly maxCharacters: number;
  /** Encoded characters within which a value is whole however many characters it has (the old cap). @default 400 */
  readonly wholeEncoded: number;
  /** Encoded characters the X- values of one response share, X-Source-URL's included. @default 5000 */
  readonly sharedLength: number;
}

export const defaultAttributionBounds: AttributionBounds = {
  maxCharacters: 300,
  wholeEncoded: 400,
  sharedLength: 5000,
};

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** How much of a value may be sent: characters (`maxCharacters`), or encoded length (`wholeEncoded`), within `maxLength`. */
export interface ValueBounds {
  readonly maxCharacters: number;
  /** A value or cut prefix whose encoding is at most this long may exceed `maxCharacters`. @default 0 */
  readonly wholeEncoded?: number;
  /** The encoding's length, never exceeded (the shared budget's level). @default Infinity */
  readonly maxLength?: number;
}

/**
 * `encodeHeaderValue(text)` when the text has at most `maxCharacters` characters or its encoding at most
 * `wholeEncoded`, and its encoding at most `maxLength`; otherwise the longest prefix of whole characters (cut before
 * encoding, so no UTF-8 sequence, percent-escape or grapheme is split) followed by `…`, within the same bounds. Never
 * shorter than the ellipsis alone.
 */
export function cappedHeaderValue(text: string, bounds: ValueBounds): string {
  const { maxCharacters, wholeEncoded = 0, maxLength = Number.POSITIVE_INFINITY } = bounds;
  const cleaned = replaceControlCharacters(text);
  // Only the characters that can be sent are segmented: a 20 KB notice costs no more than a short one (every
  // character encodes to at least one, so `wholeEncoded` characters is the most the encoded bound can keep).
  const most = Math.max(maxCharacters, wholeEncoded);
  // No more code units than may be sent, so no more characters: sent whole when its encoding fits, as below, without
  // segmenting it (a build renders five headers an article, and segmenting them was ~5 % of its render time).
  if (cleaned.length <= most) {
    const encoded = encodeHeaderValue(cleaned);
    if (encoded.length <= maxLength && (cleaned.length <= maxCharacters || encoded.length <= wholeEncoded))
      return encoded;
  }
  const characters: string[] = [];
  for (const { segment } of graphemes.segment(cleaned)) {
    if (characters.length > most) break;
    characters.push(segment);
  }
  const fits = (count: number, encoded: string) =>
    encoded.length <= maxLength && (count <= maxCharacters || encoded.length <= wholeEncoded);
  if (characters.length <= most && fits(characters.length, encodeHeaderValue(cleaned)))
    return encodeHeaderValue(cleaned);
  const cut = (count: number) => encodeHeaderValue(`${characters.slice(0, count).join('').trimEnd()}…`);
  let low = 0;
  let high = Math.min(characters.length, most) - 1;
  // The longest prefix that fits with the ellipsis: both the count and the encoding grow with the prefix.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle + 1, cut(middle))) low = middle;
    else high = middle - 1;
  }
  return cut(Math.max(0, low));
}

/**
 * The sent form of each text value (absent ones stay absent), beside `reserved` encoded characters that are
 * never cut (the source URL): each value whole up to `maxCharacters` (or `wholeEncoded`), and all of them with `reserved` within
 * `sharedLength` by cutting the longest first (`equalLevels`).
 */
export function boundedHeaderValues(
  texts: Readonly<Record<string, string | undefined>>,
  reserved: number,
  bounds: AttributionBounds = defaultAttributionBounds,
): Record<string, string> {
  const present = Object.entries(texts).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const capped = present.map(([, text]) => cappedHeaderValue(text, bounds));
  const levels = equalLevels(
    capped.map((value) => value.length),
    Math.max(0, bounds.sharedLength - reserved),
  );
  const sent: Record<string, string> = {};
  for (const [index, [name, text]] of present.entries()) {
    const value = capped[index] ?? '';
    const level = levels[index] ?? value.length;
    sent[name] = value.length <= level ? value : cappedHeaderValue(text, { ...bounds, maxLength: level });
  }
  return sent;
}

/**
 * Water-filling: the largest length each value may keep so the lengths add up to at most `budget`. Values
 * within an equal share of what the shorter ones leave keep their length; the rest share the remainder
 * equally, so the longest are cut first and none below `budget / lengths.length`.
 */
export function equalLevels(lengths: readonly number[], budget: number): number[] {
  const levels = [...lengths];
  const shortestFirst = lengths.map((_, index) => index).sort((a, b) => (lengths[a] ?? 0) - (lengths[b] ?? 0));
  let left = budget;
  for (const [rank, index] of shortestFirst.entries()) {
    const share = Math.floor(left / (lengths.length - rank));
    const length = lengths[index] ?? 0;
    if (length > share) {
      // Sorted: every value from here on is at least as long, and all of them get this share.
      for (const longer of shortestFirst.slice(rank)) levels[longer] = share;
      break;
    }
    left -= length;
  }
  return levels;
}

/** Conditional GET (RFC 9110 §13.1.2, §13.1.3): whether to answer 304, and which headers a 304 carries. */
import { parseHttpDate } from '../../shared/http-date.ts';

/** The request's precondition headers, as `Headers.get` returns them (null when absent). */
export interface ConditionalRequest {
  readonly ifNoneMatch: string | null;
  readonly ifModifiedSince: string | null;
}

/** The validators of the representation the server would send. */
export interface CurrentValidators {
  /** The representation's entity-tag, e.g. `"abc"` (a `W/` prefix is allowed and ignored). */
  readonly etag: string;
  readonly lastModifiedMs: number;
}

/**
 * True when a GET or HEAD should be answered 304 Not Modified (the caller only asks for GET and HEAD:
 * RFC 9110 §13.1.3 ignores If-Modified-Since for other methods). Never throws; linear in the header length.
 *
 * - RFC 9110 §13.1.2: If-None-Match `*` matches (the representation exists); otherwise a list of entity-tags
 *   compared with the weak comparison function (§8.8.3.2: `W/` ignored on both sides). Malformed members
 *   are skipped; a header with no valid member matches nothing.
 * - RFC 9110 §13.1.3: If-Modified-Since only when there is no If-None-Match header at all (even an empty or
 *   malformed one); a value that is not an HTTP-date is ignored; not modified when Last-Modified, at the
 *   one-second precision of HTTP dates, is at or before it. The clock is not consulted.
 */
export function isNotModified(request: ConditionalRequest, current: CurrentValidators): boolean {
  if (request.ifNoneMatch !== null) return ifNoneMatchMatches(request.ifNoneMatch, current.etag);
  if (request.ifModifiedSince === null) return false;
  const since = parseHttpDate(request.ifModifiedSince);
  if (since === undefined) return false;
  return Math.floor(current.lastModifiedMs / 1000) * 1000 <= since;
}

/** RFC 9110 §13.1.2: `*`, or one entity-tag of the comma-separated list weakly equal to `etag`. */
export function ifNoneMatchMatches(header: string, etag: string): boolean {
  // The common case, a client sending back the tag it was given, needs no scan.
  if (header === etag) return true;
  if (header.trim() === '*') return true;
  const wanted = opaqueTag(etag);
  for (const tag of entityTags(header)) {
    if (tag === wanted) return true;
  }
  return false;
}

/** `"abc"` for both `"abc"` and `W/"abc"`. */
function opaqueTag(etag: string): string {
  return etag.startsWith('W/') ? etag.slice(2) : etag;
}

/**
 * The opaque tags (quotes included) of the well-formed members of an entity-tag list, in one left-to-right pass.
 * RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, and etagc may be a comma, so the list is scanned,
 * not split. A malformed member is skipped up to the next comma.
 */
function* entityTags(header: string): Generator<string> {
  let index = 0;
  const length = header.length;
  while (index < length) {
    const character = header[index];
    if (character === ',' || character === ' ' || character === '\t') {
      index++;
      continue;
    }
    let start = index;
    if (header.startsWith('W/', start)) start += 2;
    const end = header[start] === '"' ? header.indexOf('"', start + 1) : -1;
    if (end !== -1 && isEtagText(header, start + 1, end)) {
      let after = end + 1;
      while (header[after] === ' ' || header[after] === '\t') after++;
      if (after >= length || header[after] === ',') {
        yield header.slice(start, end + 1);
        index = after;
        continue;
      }
    }
    const nextComma = header.indexOf(',', index + 1);
    index = nextComma === -1 ? length : nextComma;
  }
}

/** etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3); the closing quote is at `end`. */
function isEtagText(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x21 || code === 0x7f || code > 0xff) return false;
  }
  return true;
}

/**
 * Representation metadata a 304 must not carry (RFC 9110 §15.4.5: only the fields listed there and fields
 * that guide cache updates; Content-Length of a 304 would describe a body that is not there).
 */
const notFor304 = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-range',
  'content-disposition',
  'transfer-encoding',
]);

/**
 * The headers of a 304 for a representation with `headers`: everything except the representation metadata
 * above. So it keeps the validators (ETag, Last-Modified), Cache-Control, Vary, Expires, Content-Location,
 * Date, the attribution headers (Link, X-*), CORS and the security headers (docs/http.md: a 304
 * carries the validators, the cache headers and the metadata headers). Names keep their spelling and order.
 */
export function notModifiedHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!notFor304.has(name.toLowerCase())) kept[name] = value;
  }
  return kept;
}

/** First checks on every request, before routing: target length, a well-formed path, an allowed method. */
import type { Context, MiddlewareHandler } from 'hono';

/** The longest request target (path + query) accepted, in characters of its percent-encoded form. */
export const maxTargetLength = 8 * 1024;

export type RequestCheck = { ok: true } | { ok: false; status: 400 | 405 | 414; reason: string; allow?: string };

const passed: RequestCheck = { ok: true };

/** An absolute http(s) URL of printable ASCII with no `%` at all: nothing encoded, nothing to decode. */
const serializedPlain = /^https?:\/\/[^/%\s]+\/[!-$&-~]*$/;

const tooLong: RequestCheck = {
  ok: false,
  status: 414,
  reason: `The request URL is longer than ${maxTargetLength} characters.`,
};

/**
 * Checks, in this order (a target too long to read or malformed identifies no resource, so it has no `Allow`):
 * 1. 414 when path + query is longer than `maxTargetLength` (RFC 9110 §15.5.15; RFC 9112 §3 recommends
 *    supporting at least 8000 octets).
 * 2. 400 when the URL does not parse, or a path segment (RFC 3986 §3.3) has malformed percent-encoding or
 *    encodes bytes that are not UTF-8 (`decodeURIComponent` throws), decodes to a control character (`%00`,
 *    `%0A`, ... DEL and C1), to `/` or `\` (`%2F`, `%5C`: a separator hidden in a segment), or is `.` or `..`
 *    (path traversal; RFC 3986 §5.2.4 dot segments; the URL parser resolves literal ones, this catches the rest).
 *    The query is left to its readers (`page` is parsed strictly by page-query.ts).
 * 3. 405 for a method other than GET and HEAD, plus OPTIONS where `allowsOptions` (RFC 9110 §15.5.6: with
 *    `Allow`, §10.2.1). Methods are case-sensitive (RFC 9110 §9.1): `get` is not GET. With `anyMethod` (the
 *    write surface, which authenticates every request before it looks at the method) no method is refused here.
 *
 * `rawUrl` is the request URL (`c.req.url`, absolute) or a request target starting with `/`. Never throws.
 */
export function checkRequest(method: string, rawUrl: string, allowsOptions: boolean, anyMethod = false): RequestCheck {
  // The common case at no cost: Request.url is already serialized (dot segments resolved, control
  // characters and spaces percent-encoded), so a short absolute URL without any `%` has nothing to check.
  if ((method === 'GET' || method === 'HEAD') && rawUrl.length <= maxTargetLength && serializedPlain.test(rawUrl)) {
    return passed;
  }
  // Far longer than any origin plus the longest target: no need to parse it.
  if (rawUrl.length > 8 * maxTargetLength) return tooLong;
  let pathname: string;
  let search: string;
  try {
    // A bare target is put behind a placeholder origin, so `//x` stays a path and is not read as a host.
    const url = new URL(rawUrl.startsWith('/') ? `http://request-target.invalid${rawUrl}` : rawUrl);
    pathname = url.pathname;
    search = url.search;
  } catch {
    return { ok: false, status: 400, reason: 'The request URL is malformed.' };
  }
  if (pathname.length + search.length > maxTargetLength) return tooLong;
  const pathProblem = checkPath(pathname);
  if (pathProblem !== undefined) return { ok: false, status: 400, reason: pathProblem };
  const allowed = allowsOptions ? ['GET', 'HEAD', 'OPTIONS'] : ['GET', 'HEAD'];
  if (!anyMethod && !allowed.includes(method)) {
    return { ok: false, status: 405, reason: `The method ${method} is not allowed here.`, allow: allowed.join(', ') };
  }
  return { ok: true };
}

/** The problem with a serialized URL path, or undefined when every segment is sound. */
export function checkPath(pathname: string): string | undefined {
  for (const segment of pathname.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'The request path has malformed percent-encoding.';
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
    if (/[\u0000-\u001f\u007f-\u009f]/.test(decoded)) return 'The request path contains a control character.';
    if (decoded.includes('/') || decoded.includes('\\'))
      return 'The request path contains an encoded slash or a backslash.';
    if (decoded === '.' || decoded === '..') return 'The request path contains a dot segment.';
  }
  return undefined;
}

export interface RequestGuardOptions {
  /** Whether OPTIONS is allowed on a path (it answers a CORS preflight there). */
  readonly allowsOptions: (path: string) => boolean;
  /** Whether a path answers every method itself (the publish endpoint: 401 first, whatever the method). */
  readonly anyMethod: (path: string) => boolean;
  /** The response to a request that fails its checks (an error page with `Allow` on a 405). */
  readonly refuse: (check: Extract<RequestCheck, { ok: false }>, c: Context) => Response | Promise<Response>;
}

/** Middleware that answers what no route can (414, 400, 405) before routing; shaped like Hono's own factories. */
export const requestGuard = ({ allowsOptions, anyMethod, refuse }: RequestGuardOptions): MiddlewareHandler =>
  function requestGuard(c, next) {
    const { method } = c.req;
    // GET and HEAD are allowed everywhere: the path's kind is only looked up for other methods.
    const other = method !== 'GET' && method !== 'HEAD';
    const check = checkRequest(method, c.req.url, other && allowsOptions(c.req.path), other && anyMethod(c.req.path));
    return check.ok ? next() : Promise.resolve(refuse(check, c));
  };

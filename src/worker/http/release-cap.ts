/** Cache lifetimes capped by the next scheduled release a response depends on: a cached copy never outlives it (docs/scheduled-release.md). */
import { cacheControlValue } from '../../model/cache-control.ts';
import type { CachePolicy } from '../../model/site.ts';

/**
 * `headers` with `Cache-Control` made from `policy` capped at the whole seconds left until `changesAt` (ms):
 * max-age and s-maxage at most that, stale-while-revalidate only what still fits before it. Without a
 * pending change the headers are returned as they are.
 */
export function capForRelease(
  headers: Readonly<Record<string, string>>,
  policy: CachePolicy,
  changesAt: number | undefined,
  now: number,
): Readonly<Record<string, string>> {
  if (changesAt === undefined) return headers;
  const left = Math.max(0, Math.floor((changesAt - now) / 1000));
  const maxAge = Math.min(policy.maxAge, left);
  const sMaxAge = Math.min(policy.sMaxAge, left);
  if (
    maxAge === policy.maxAge &&
    sMaxAge === policy.sMaxAge &&
    left - Math.max(maxAge, sMaxAge) >= policy.staleWhileRevalidate
  )
    return headers;
  const staleWhileRevalidate = Math.min(policy.staleWhileRevalidate, Math.max(0, left - Math.max(maxAge, sMaxAge)));
  return { ...headers, 'Cache-Control': cacheControlValue({ maxAge, sMaxAge, staleWhileRevalidate }) };
}

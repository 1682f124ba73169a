/** The Cache-Control value of a successful response, from the site's cache policy (RFC 9111 §5.2.2, RFC 5861). */
import type { CachePolicy } from './site.ts';

/** E.g. `public, max-age=300, s-maxage=600, stale-while-revalidate=86400`; throws on a lifetime that is not a whole number of seconds >= 0. */
export function cacheControlValue(policy: CachePolicy): string {
  const seconds = (name: string, value: number): number => {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`Cache lifetime ${name} must be a whole number of seconds >= 0, got ${value}`);
    }
    return value;
  };
  return (
    `public, max-age=${seconds('maxAge', policy.maxAge)}, s-maxage=${seconds('sMaxAge', policy.sMaxAge)}, ` +
    `stale-while-revalidate=${seconds('staleWhileRevalidate', policy.staleWhileRevalidate)}`
  );
}

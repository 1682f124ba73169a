/** One structured log line per partner API request: who, which route, how many articles, what status; never a key. */

export interface PartnerRequestEntry {
  /** The partner's id; null when the request carried no partner's key (it was answered 401). */
  readonly partner: string | null;
  /** The route pattern (`/api/v1/changes`, `/api/v1/articles/:slug`), not the URL: bounded, and no query. */
  readonly route: string;
  /** Articles (changes or documents) in the answer. */
  readonly items: number;
  readonly status: number;
}

/**
 * Writes `{"event":"partner_request","partner","route","items","status"}` with `console.log` (Workers Logs
 * index JSON lines). The line is built from these four fields alone, so no header, key or cursor can ride
 * along on an object a caller passes.
 */
export function logPartnerRequest({ partner, route, items, status }: PartnerRequestEntry): void {
  console.log(JSON.stringify({ event: 'partner_request', partner, route, items, status }));
}

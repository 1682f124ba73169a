/** WebSub publish pings: a bounded, retrying POST of each changed feed to the hub, which never fails a publish or a release. */

export interface PingOptions {
  /** The hub's URL (site.yaml `websubHub`). */
  readonly hub: string;
  /** The topic URLs to announce, one `hub.url` each. */
  readonly urls: readonly string[];
  /** Tries per URL, the first included. @default 3 */
  readonly attempts?: number;
  /** Wait before the second try; doubled before each further one. @default 1000 */
  readonly backoffMs?: number;
  /** How long one try may take before it is abandoned. @default 10000 */
  readonly timeoutMs?: number;
  /** Where progress lines go. @default console.log */
  readonly log?: (line: string) => void;
}

export interface PingResult {
  readonly url: string;
  readonly ok: boolean;
  readonly attempts: number;
  /** `HTTP 204`, `timed out after 10000 ms`, … of the last try. */
  readonly detail: string;
}

/**
 * PubSubHubbub 0.4 §7 (the publish ping WebSub leaves to hubs): `POST hub.mode=publish&hub.url=<topic>`
 * as a form, one request per topic, all topics at once. A network error, a timeout, a 429 or a 5xx is tried
 * again after a doubling backoff, up to `attempts` tries; any other answer is final. Never throws and never
 * waits longer than attempts × (timeout + backoff): a hub that is down or slow cannot fail a publish or a release.
 */
export async function pingHub(options: PingOptions): Promise<PingResult[]> {
  const { hub, urls, attempts = 3, backoffMs = 1000, timeoutMs = 10_000, log = console.log } = options;
  return Promise.all(
    urls.map(async (url) => {
      let detail = '';
      for (let attempt = 1; attempt <= attempts; attempt++) {
        const outcome = await postPublish(hub, url, timeoutMs);
        detail = outcome.detail;
        if (outcome.ok) {
          log(`wirefeed: WebSub hub ${hub} accepted ${url} (${detail}, try ${attempt})`);
          return { url, ok: true, attempts: attempt, detail };
        }
        if (!outcome.retry || attempt === attempts) {
          log(`wirefeed: WebSub hub ${hub} did not take ${url} (${detail}, try ${attempt}); the version stands`);
          return { url, ok: false, attempts: attempt, detail };
        }
        const wait = backoffMs * 2 ** (attempt - 1);
        log(`wirefeed: WebSub hub ${hub}: ${url} ${detail}; trying again in ${wait} ms`);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      return { url, ok: false, attempts, detail };
    }),
  );
}

async function postPublish(
  hub: string,
  url: string,
  timeoutMs: number,
): Promise<{ ok: boolean; retry: boolean; detail: string }> {
  try {
    const response = await fetch(hub, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }).toString(),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
    });
    await response.body?.cancel();
    const detail = `HTTP ${response.status}`;
    return { ok: response.ok, retry: response.status === 429 || response.status >= 500, detail };
  } catch (error) {
    const { name, message, cause } = error as Error & { cause?: Error };
    // Some runtimes say only "fetch failed"; the cause names it (ECONNREFUSED, ENOTFOUND, …).
    const reason = cause?.message ? `${message} (${cause.message})` : message;
    const detail = name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : `failed: ${reason}`;
    return { ok: false, retry: true, detail };
  }
}

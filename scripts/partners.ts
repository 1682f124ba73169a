/**
 * `npm run partners -- key ID`: a new random API key for a partner, printed once, with the partners.yaml entry
 * that names only its SHA-256 (the key itself is never stored: hand it to the partner, paste the entry, publish).
 *
 * `npm run partners -- deliveries [--partner ID] [--limit N] [--origin URL] [--json]`: the partner webhooks given
 * up on (dead letters), newest first, read through the Worker's `GET /api/publish/deliveries` with the publish
 * token, so the same command reads `npm run dev`'s local R2 and production's bucket.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DeadLetter } from '../src/worker/webhooks/delivery-records.ts';

const usage = `usage: npm run partners -- key ID
  a new API key for partner ID ([a-z0-9-]+), and the content/partners.yaml entry with its SHA-256
usage: npm run partners -- deliveries [--partner ID] [--limit N] [--origin URL] [--json]
  --origin   the Worker to ask (default: $WIREFEED_ORIGIN, else http://localhost:8787, where npm run dev serves)
  --partner  only this partner's dead letters
  --limit    at most this many, 1 to 1000 (default 100)
  --json     print the records as JSON
The publish token comes from $PUBLISH_TOKEN, else from PUBLISH_TOKEN in .dev.vars.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    origin: { type: 'string' },
    partner: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

function fail(message: string, code = 1): never {
  console.error(`wirefeed: ${message}`);
  process.exit(code);
}

/** PUBLISH_TOKEN from the environment, else from `.dev.vars` (`KEY=value` lines, the value optionally quoted). */
function publishToken(): string | undefined {
  if (process.env.PUBLISH_TOKEN) return process.env.PUBLISH_TOKEN;
  let text: string;
  try {
    text = readFileSync('.dev.vars', 'utf8');
  } catch {
    return undefined;
  }
  const line = /^\s*PUBLISH_TOKEN\s*=\s*(.*?)\s*$/m.exec(text)?.[1];
  return line?.replace(/^(["'])(.*)\1$/, '$2') || undefined;
}

/** One line a dead letter: when, whose, which id, how many attempts, how the last ended, where to, why. */
function deadLetterLine(record: DeadLetter): string {
  const last = record.lastStatus !== undefined ? `HTTP ${record.lastStatus}` : (record.lastError ?? 'no attempt noted');
  const attempts = `${record.attempts} attempt${record.attempts === 1 ? '' : 's'}`;
  return `${record.deadAt}  ${record.partner}  ${record.webhookId}  ${attempts}, last: ${last}  ${record.url}  (${record.reason}, ${record.bodyBytes} bytes)`;
}

async function deliveries(): Promise<void> {
  const origin = (values.origin ?? process.env.WIREFEED_ORIGIN ?? 'http://localhost:8787').replace(/\/+$/, '');
  const token = publishToken();
  if (token === undefined)
    fail('no publish token: set PUBLISH_TOKEN, or run npm run dev once so that .dev.vars has one');
  const url = new URL(`${origin}/api/publish/deliveries`);
  if (values.partner !== undefined) url.searchParams.set('partner', values.partner);
  if (values.limit !== undefined) url.searchParams.set('limit', values.limit);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    fail(
      `could not reach ${origin} (${error instanceof Error ? error.message : String(error)}); is npm run dev running?`,
    );
  }
  if (response.status === 401) fail(`${origin} refused the publish token`);
  if (response.status === 404)
    fail(`${origin} does not serve /api/publish/deliveries (the route is mounted with the publish endpoint)`);
  if (!response.ok) fail(`${origin} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  const { deadLetters } = (await response.json()) as { deadLetters: DeadLetter[] };
  if (values.json) console.log(JSON.stringify(deadLetters, null, 2));
  else if (deadLetters.length === 0) console.log('wirefeed: no dead letters');
  else for (const record of deadLetters) console.log(deadLetterLine(record));
}

/** 32 random bytes as base64url (43 characters): the key a partner sends as `Authorization: Bearer <key>`. */
function newKey(id: string): void {
  if (!/^[a-z0-9-]+$/.test(id)) fail(`partner id "${id}": use lowercase letters, digits and hyphens`, 2);
  const key = `wf_${randomBytes(32).toString('base64url')}`;
  const sha256 = createHash('sha256').update(key).digest('hex');
  console.log(`# The key for ${id}: give it to the partner now; it is shown once and stored nowhere.
#   ${key}
# Add this to content/partners.yaml (choose its sections), then npm run publish:
- id: ${id}
  name: ${id}
  keySha256: ${sha256}
  sections: [all]
  embargoed: false`);
}

if (positionals[0] === 'deliveries' && positionals.length === 1) await deliveries();
else if (positionals[0] === 'key' && positionals.length === 2) newKey(positionals[1] as string);
else fail(usage, 2);

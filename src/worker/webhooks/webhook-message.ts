/** What a webhook delivery is, and the message that carries it through the queue with its fixed `webhook-id`. */

/** One webhook to send: a partner's changes, already rendered as the body of the changes endpoint. */
export interface Delivery {
  /** The partner's id from content/partners.yaml (`[a-z0-9-]+`). */
  readonly partnerId: string;
  /** The partner's webhook URL; checked by the SSRF guard when enqueued and again before every attempt. */
  readonly url: string;
  /** The name of the Worker secret holding the partner's `whsec_` key (e.g. `WEBHOOK_SECRET_ACME`), never the key. */
  readonly secretName: string;
  /** The JSON body, `{"changes": [...], "next": "<cursor>"}`, sent and signed byte for byte. */
  readonly body: string;
}

/** A delivery in the queue: the same `webhookId` and bytes on every attempt, whatever the retries. */
export interface WebhookMessage {
  readonly webhookId: string;
  readonly partnerId: string;
  readonly url: string;
  readonly secretName: string;
  /** The body, sent and signed as UTF-8. */
  readonly body: string;
  /** When the delivery was enqueued (RFC 3339). */
  readonly enqueuedAt: string;
}

/** The bindings webhook delivery uses (wrangler.toml), and the local-only switch (`.dev.vars`, never [vars]). */
export type WebhookEnv = Pick<Env, 'WEBHOOKS' | 'ARCHIVE'> & { readonly ALLOW_LOCAL_WEBHOOKS?: string };

export const partnerIdPattern = /^[a-z0-9-]{1,64}$/;
/** A Worker secret's name; checked so that a config typo cannot name a property of the env object that is no secret. */
export const secretNamePattern = /^[A-Z][A-Z0-9_]{0,127}$/;
const webhookIdPattern = /^msg_[0-9a-f]{32}$/;

/** A fresh Standard Webhooks message id: `msg_` and 128 random bits in hex (no `.`, which the signature delimits). */
export function newWebhookId(): string {
  return `msg_${crypto.randomUUID().replaceAll('-', '')}`;
}

/** The message a queue handed over, if it has the shape `enqueueDeliveries` gives it; undefined for anything else. */
export function readWebhookMessage(body: unknown): WebhookMessage | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const message = body as Partial<Record<keyof WebhookMessage, unknown>>;
  const { webhookId, partnerId, url, secretName, enqueuedAt } = message;
  if (typeof webhookId !== 'string' || !webhookIdPattern.test(webhookId)) return undefined;
  if (typeof partnerId !== 'string' || !partnerIdPattern.test(partnerId)) return undefined;
  if (typeof url !== 'string' || typeof secretName !== 'string' || !secretNamePattern.test(secretName))
    return undefined;
  if (typeof message.body !== 'string' || typeof enqueuedAt !== 'string') return undefined;
  return { webhookId, partnerId, url, secretName, body: message.body, enqueuedAt };
}

/** Partner: one entry of content/partners.yaml, the sections it may read and how its changes reach it. */

/**
 * A section as partners and change records name it: `tag:<tag key>` or `source:<source key>`, the key being
 * what `tagKey` / `sourceKey` give (so `source:www.news.cn` whatever the config or the copy wrote).
 */
export type SectionName = `tag:${string}` | `source:${string}`;

/** Where a partner's changes are pushed (Standard Webhooks, signed with the named secret). */
export interface PartnerWebhook {
  /** Absolute http(s) URL; whether it may be a private host is decided when sending. */
  readonly url: string;
  /** The name of the Worker secret that signs the pushes, e.g. `WEBHOOK_SECRET_ACME`, never its value. */
  readonly secret: string;
}

export interface Partner {
  /** `[a-z0-9-]+`, unique: what logs, rate limits and webhooks name the partner by. */
  readonly id: string;
  readonly name: string;
  /** SHA-256 of the partner's API key, 64 lowercase hex digits; the key itself is never stored. */
  readonly keySha256: string;
  /** Every section (`'all'`), or the sections listed, each once. */
  readonly sections: 'all' | readonly SectionName[];
  /** Sees the copy of its sections before release (with `embargoedUntil`). @default false */
  readonly embargoed: boolean;
  readonly webhook?: PartnerWebhook;
}

/** The section of a tag key. */
export function tagSection(key: string): SectionName {
  return `tag:${key}`;
}

/** The section of a source key. */
export function sourceSection(key: string): SectionName {
  return `source:${key}`;
}

/** True when an article in `sections` is one of the partner's. */
export function inPartnerSections(partner: Pick<Partner, 'sections'>, sections: readonly string[]): boolean {
  if (partner.sections === 'all') return true;
  const own: readonly string[] = partner.sections;
  return sections.some((section) => own.includes(section));
}

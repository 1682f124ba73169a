/** The SSRF guard: whether a webhook URL may be fetched — production takes `https:` to public hosts only. */

export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

export interface TargetPolicy {
  /** `ALLOW_LOCAL_WEBHOOKS=1` (`.dev.vars`, tests): `http:` and loopback hosts are accepted too. @default false */
  readonly allowLocal: boolean;
}

/** The policy an environment sets: local targets only where `ALLOW_LOCAL_WEBHOOKS` is exactly `"1"`. */
export function targetPolicy(env: { readonly ALLOW_LOCAL_WEBHOOKS?: string }): TargetPolicy {
  return { allowLocal: env.ALLOW_LOCAL_WEBHOOKS === '1' };
}

/** One special-purpose block: its first bytes, prefix length in bits, and what it is. */
type Block = readonly [prefix: readonly number[], bits: number, label: string];

/** IPv4 blocks no webhook may reach (IANA IPv4 Special-Purpose Address Registry, RFC 6890 and successors). */
const ipv4Blocks: readonly Block[] = [
  [[0], 8, 'unspecified ("this network", RFC 791)'],
  [[10], 8, 'private (RFC 1918)'],
  [[100, 64], 10, 'shared CGNAT (RFC 6598)'],
  [[127], 8, 'loopback (RFC 1122)'],
  [[169, 254], 16, 'link-local (RFC 3927)'],
  [[172, 16], 12, 'private (RFC 1918)'],
  [[192, 0, 0], 24, 'IETF protocol assignments (RFC 6890)'],
  [[192, 0, 2], 24, 'documentation (RFC 5737)'],
  [[192, 88, 99], 24, '6to4 relay anycast (RFC 7526)'],
  [[192, 168], 16, 'private (RFC 1918)'],
  [[198, 18], 15, 'benchmarking (RFC 2544)'],
  [[198, 51, 100], 24, 'documentation (RFC 5737)'],
  [[203, 0, 113], 24, 'documentation (RFC 5737)'],
  [[224], 4, 'multicast (RFC 5771)'],
  [[240], 4, 'reserved or broadcast (RFC 1112, RFC 919)'],
];

/** IPv6 blocks no webhook may reach (IANA IPv6 Special-Purpose Address Registry); embedded IPv4 is checked apart. */
const ipv6Blocks: readonly Block[] = [
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'discard-only (RFC 6666)'],
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, 'local-use NAT64 (RFC 8215)'],
  [[0x20, 0x01, 0x00, 0x00], 32, 'Teredo (RFC 4380)'],
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation (RFC 3849)'],
  [[0x3f, 0xff], 20, 'documentation (RFC 9637)'],
  [[0xfc], 7, 'unique-local (RFC 4193)'],
  [[0xfe, 0x80], 10, 'link-local (RFC 4291)'],
  [[0xfe, 0xc0], 10, 'site-local (RFC 3879)'],
  [[0xff], 8, 'multicast (RFC 4291)'],
];

/** IPv6 forms that carry an IPv4 address: the prefix, its length, and the byte offset of the IPv4 address. */
const embeddingIpv4: readonly (readonly [prefix: readonly number[], bits: number, offset: number])[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96, 12], // IPv4-mapped ::ffff:a.b.c.d (RFC 4291 §2.5.5.2)
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 96, 12], // IPv4-compatible ::a.b.c.d, deprecated (RFC 4291 §2.5.5.1)
  [[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96, 12], // NAT64 well-known prefix (RFC 6052)
  [[0x20, 0x02], 16, 2], // 6to4 2002:aabb:ccdd:: (RFC 3056)
];

/** Names that never leave the local network (RFC 6761 localhost, RFC 6762 .local, RFC 8375 home.arpa, ICANN .internal). */
const localSuffixes = ['.localhost', '.local', '.internal', '.home.arpa'] as const;

/**
 * Whether `text` may be fetched as a webhook. In production (`allowLocal` false) only `https:` to a public host:
 * no credentials, not an IP literal in any special-purpose block of IPv4 or IPv6 (loopback,
 * RFC 1918 private, CGNAT, link-local, unique-local, unspecified, multicast, broadcast, documentation, and the
 * IPv4-mapped, -compatible, NAT64 and 6to4 forms of those), not `localhost` or a name under `.localhost`, `.local`,
 * `.internal`, `.home.arpa`, and not a single label. Every spelling of IPv4 that WHATWG URL parsing accepts
 * (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`) is normalized by the parser to dotted decimal before the check.
 * With `allowLocal`, `http:` and loopback (127/8, ::1, `localhost`) pass too; private addresses never do.
 * A name cannot be resolved here (no DNS in the Worker), so this is the literal half of the guard; Cloudflare's
 * network, which the fetch leaves from, is the other. Pure; never throws.
 */
export function checkWebhookTarget(text: string, policy: TargetPolicy): TargetCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refused('not an absolute URL');
  }
  const schemes = policy.allowLocal ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) return refused(`scheme ${url.protocol} is not ${schemes.join(' or ')}`);
  if (url.username !== '' || url.password !== '') return refused('credentials in the URL');
  const problem = hostProblem(url.hostname, policy);
  return problem === undefined ? { ok: true, url } : refused(`host ${url.hostname}: ${problem}`);
}

function refused(reason: string): TargetCheck {
  return { ok: false, reason };
}

/** Why a (parsed, lower-cased) host may not be reached, or undefined when it may. */
function hostProblem(host: string, policy: TargetPolicy): string | undefined {
  const address = host.startsWith('[') ? ipv6Bytes(host.slice(1, -1)) : ipv4Bytes(host);
  if (address !== undefined) {
    const label = addressLabel(address);
    if (label === undefined) return undefined;
    return policy.allowLocal && label.startsWith('loopback') ? undefined : `${label} address`;
  }
  if (host.startsWith('[')) return 'not an IPv6 address';
  const name = host.replace(/\.+$/, '');
  if (name === 'localhost' || name.endsWith('.localhost'))
    return policy.allowLocal ? undefined : 'loopback name (RFC 6761)';
  const suffix = localSuffixes.find((end) => name.endsWith(end) || name === end.slice(1));
  if (suffix !== undefined) return `local-only name (*${suffix})`;
  if (!name.includes('.')) return 'a single-label name, not a public host';
  return undefined;
}

/** The special-purpose block an address (4 or 16 bytes) falls in, or undefined for an ordinary unicast address. */
function addressLabel(address: Uint8Array): string | undefined {
  if (address.length === 4) return ipv4Blocks.find(([prefix, bits]) => inBlock(address, prefix, bits))?.[2];
  if (address.every((byte) => byte === 0)) return 'unspecified (::)';
  if (address.slice(0, 15).every((byte) => byte === 0) && address[15] === 1) return 'loopback (::1)';
  for (const [prefix, bits, offset] of embeddingIpv4)
    if (inBlock(address, prefix, bits)) {
      const embedded = addressLabel(address.slice(offset, offset + 4));
      return embedded === undefined ? undefined : `${embedded}, embedded in IPv6`;
    }
  return ipv6Blocks.find(([prefix, bits]) => inBlock(address, prefix, bits))?.[2];
}

/** Whether the first `bits` bits of `address` equal those of `prefix` (missing prefix bytes are zero). */
function inBlock(address: Uint8Array, prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
    const index = bit / 8;
    if (((address[index] ?? 0) & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

/** Dotted-decimal IPv4 (the only form a parsed URL's host has) as 4 bytes, or undefined for a name. */
function ipv4Bytes(host: string): Uint8Array | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(?:0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255))
    return undefined;
  return Uint8Array.from(parts, Number);
}

/** An IPv6 address (without brackets; `::` and a dotted IPv4 tail allowed) as 16 bytes, or undefined. */
function ipv6Bytes(text: string): Uint8Array | undefined {
  let groups = text;
  const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tailBytes: Uint8Array | undefined;
  if (tail?.[1] !== undefined) {
    tailBytes = ipv4Bytes(tail[1]);
    if (tailBytes === undefined) return undefined;
    groups = `${text.slice(0, tail.index + 1)}0:0`;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return undefined;
  const split = (half: string | undefined) => (half === undefined || half === '' ? [] : half.split(':'));
  const head = split(halves[0]);
  const rest = split(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...rest];
  if (!all.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  const bytes = new Uint8Array(16);
  all.forEach((group, index) => {
    const value = Number.parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  if (tailBytes !== undefined) bytes.set(tailBytes, 12);
  return bytes;
}

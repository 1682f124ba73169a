/** Partners config: `content/partners.yaml` to validated Partners, every mistake reported with its line at once. */
import { isMap, isScalar, isSeq, visit } from 'yaml';
import type { Partner, PartnerWebhook, SectionName } from '../model/partner.ts';
import { replaceUnsafeCharacters } from './clean-text.ts';
import { type ContentProblem, sortProblems } from './content-error.ts';
import { parseLocatedYaml } from './located-yaml.ts';
import { readSectionName } from './section-name.ts';
import { absoluteHttpUrl } from './source.ts';

/** A section as written in the config, for problems found once the archive's sections are known. */
export interface LocatedSection {
  /** The partner's id. */
  readonly partner: string;
  readonly section: SectionName;
  readonly line: number;
}

export interface PartnersConfig {
  readonly file: string;
  readonly partners: readonly Partner[];
  /** Every section every partner lists (not `all`), with its line: see `unknownSectionProblems`. */
  readonly sections: readonly LocatedSection[];
}

export type PartnersResult =
  | ({ readonly ok: true } & PartnersConfig)
  | { readonly ok: false; readonly problems: readonly ContentProblem[] };

const partnerKeys = ['id', 'name', 'keySha256', 'sections', 'embargoed', 'webhook'] as const;
const webhookKeys = ['url', 'secret'] as const;
const partnerId = /^[a-z0-9-]{1,64}$/;
const sha256Hex = /^[0-9a-f]{64}$/;
const secretName = /^[A-Z][A-Z0-9_]*$/;
/** SHA-256 of zero bytes: a partner whose key is the empty string. */
const emptyKeyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** Worker secrets that are not a webhook's: a partner is given its webhook secret, so it must be its own. */
const reservedSecrets = new Set(['PUBLISH_TOKEN']);

/** What every reader gets: where a node is, and where to say what is wrong with it. */
interface Reader {
  readonly lineOf: (node: unknown) => number;
  readonly report: (node: unknown, message: string) => void;
}

/**
 * Reads partners.yaml: a list of partners. YAML failsafe schema: every value is the text written and each
 * key's reader gives it its type, so `id: 2025` is an id and `embargoed: "true"` is text, not a boolean.
 * Empty or absent text is no partners. Unknown keys, wrong types, malformed hashes, duplicate ids, keys and
 * webhook secrets are problems, every one with its line.
 */
export function parsePartners(file: string, text: string): PartnersResult {
  const { document, lineOf, problems } = parseLocatedYaml(file, text, 'failsafe');
  if (problems.length > 0) return { ok: false, problems };
  const reader: Reader = {
    lineOf: (node) => lineOf(node) ?? 1,
    report: (node, message) => problems.push({ file, line: reader.lineOf(node), message }),
  };
  // Aliases are never resolved (that is how "billion laughs" documents explode) and no partner needs one.
  visit(document, {
    Alias: (_, alias) =>
      reader.report(alias, 'YAML aliases (*name) are not supported in partners.yaml; write the value'),
  });
  if (problems.length > 0) return { ok: false, problems };

  const root = document.contents;
  if (isEmpty(root)) return { ok: true, file, partners: [], sections: [] };
  if (!isSeq(root)) {
    reader.report(root, 'partners.yaml must be a list of partners, each starting with "- id: …"');
    return { ok: false, problems };
  }
  const partners: Partner[] = [];
  const sections: LocatedSection[] = [];
  const seen = { id: new Map<string, number>(), key: new Map<string, string>(), secret: new Map<string, string>() };
  root.items.forEach((item, index) => {
    const read = readPartner(item, index + 1, reader);
    if (!read) return;
    const { partner } = read;
    const sameId = seen.id.get(partner.id);
    const sameKey = seen.key.get(partner.keySha256);
    const secret = partner.webhook?.secret;
    const sameSecret = secret === undefined ? undefined : seen.secret.get(secret);
    if (sameId !== undefined) reader.report(item, `duplicate partner id "${partner.id}" (first on line ${sameId})`);
    if (sameKey !== undefined)
      reader.report(
        item,
        `partner "${partner.id}" has the same keySha256 as partner "${sameKey}": a key names one partner`,
      );
    if (sameSecret !== undefined)
      reader.report(
        item,
        `partner "${partner.id}" signs its webhook with ${secret}, as partner "${sameSecret}" does: each partner needs its own secret, or one could sign messages to the other`,
      );
    if (!seen.id.has(partner.id)) seen.id.set(partner.id, reader.lineOf(item));
    if (!seen.key.has(partner.keySha256)) seen.key.set(partner.keySha256, partner.id);
    if (secret !== undefined && !seen.secret.has(secret)) seen.secret.set(secret, partner.id);
    partners.push(partner);
    sections.push(...read.sections);
  });
  return problems.length > 0 ? { ok: false, problems: sortProblems(problems) } : { ok: true, file, partners, sections };
}

/**
 * Problems for listed sections that no article of the archive is in, once the build knows the archive's
 * sections (`tag:<key>`, `source:<key>`): a typo would otherwise leave a partner silently without copy.
 */
export function unknownSectionProblems(
  config: PartnersConfig,
  knownSectionKeys: ReadonlySet<string>,
): ContentProblem[] {
  return config.sections
    .filter(({ section }) => !knownSectionKeys.has(section))
    .map(({ partner, section, line }) => ({
      file: config.file,
      line,
      message: `partner "${partner}": section "${section}" is in no article of the archive (check its spelling)`,
    }));
}

/** One partner entry, or undefined when it has problems (every one reported). */
function readPartner(
  node: unknown,
  position: number,
  reader: Reader,
): { partner: Partner; sections: LocatedSection[] } | undefined {
  if (!isMap(node)) {
    reader.report(node, `partner ${position} must be a mapping (id:, name:, keySha256:, sections: …)`);
    return undefined;
  }
  let ok = true;
  const check: Reader = {
    lineOf: reader.lineOf,
    report: (at, message) => {
      ok = false;
      reader.report(at, message);
    },
  };
  const idNode = node.items.find((pair) => scalarText(pair.key) === 'id')?.value;
  const idText = requiredText(idNode, node, `partner ${position}: id`, check);
  const id = idText !== undefined && partnerId.test(idText) ? idText : undefined;
  if (idText !== undefined && id === undefined)
    check.report(idNode, `partner ${position}: id "${idText}" must be 1 to 64 of a-z, 0-9 and "-"`);
  const label = id === undefined ? `partner ${position}` : `partner "${id}"`;
  const values = readKeys(node, partnerKeys, label, check);
  const name = requiredText(values.name, node, `${label}: name`, check);
  const keySha256 = requiredText(values.keySha256, node, `${label}: keySha256`, check);
  if (keySha256 !== undefined && !sha256Hex.test(keySha256))
    check.report(values.keySha256, `${label}: keySha256 must be the key's SHA-256 as 64 lowercase hex digits`);
  else if (keySha256 === emptyKeyHash)
    check.report(values.keySha256, `${label}: keySha256 is the SHA-256 of an empty key`);
  const sections = readSections(values.sections, node, label, check);
  const embargoed = readBoolean(values.embargoed, `${label}: embargoed`, check) ?? false;
  const webhook = readWebhook(values.webhook, label, check);
  if (!ok || id === undefined || name === undefined || keySha256 === undefined || sections === undefined)
    return undefined;
  const partner: Partner = {
    id,
    name,
    keySha256,
    sections: sections === 'all' ? 'all' : sections.map(({ section }) => section),
    embargoed,
    ...(webhook ? { webhook } : {}),
  };
  return { partner, sections: sections === 'all' ? [] : sections.map((entry) => ({ ...entry, partner: id })) };
}

/** `[all]`, or the listed sections keyed the way articles are (each once); `partner` is filled in by the caller. */
function readSections(
  node: unknown,
  parent: unknown,
  label: string,
  reader: Reader,
): 'all' | LocatedSection[] | undefined {
  const example = '[all], or a list such as [tag:economy, source:www.news.cn]';
  if (isEmpty(node)) {
    reader.report(parent, `${label}: sections is required: ${example}`);
    return undefined;
  }
  if (!isSeq(node) || node.items.length === 0) {
    reader.report(node, `${label}: sections must be ${example}`);
    return undefined;
  }
  if (node.items.some((item) => scalarText(item)?.trim() === 'all')) {
    if (node.items.length === 1) return 'all';
    reader.report(node, `${label}: sections lists "all" with other sections; "all" stands alone`);
    return undefined;
  }
  const sections: LocatedSection[] = [];
  let ok = true;
  for (const item of node.items) {
    const text = scalarText(item);
    // `- tag: economy` (a space after the colon) is a mapping in YAML, not the text `tag:economy`.
    const named =
      text === undefined
        ? {
            ok: false as const,
            reason: 'a section is text such as tag:economy or source:www.news.cn, no space after ":"',
          }
        : readSectionName(text);
    if (!named.ok) {
      ok = false;
      reader.report(item, `${label}: ${named.reason}`);
    } else if (!sections.some((entry) => entry.section === named.section))
      sections.push({ partner: '', section: named.section, line: reader.lineOf(item) });
  }
  return ok ? sections : undefined;
}

function readWebhook(node: unknown, label: string, reader: Reader): PartnerWebhook | undefined {
  if (isEmpty(node)) return undefined;
  if (!isMap(node)) {
    reader.report(node, `${label}: webhook must be a mapping with url: and secret:`);
    return undefined;
  }
  const values = readKeys(node, webhookKeys, `${label}: webhook`, reader);
  const urlText = requiredText(values.url, node, `${label}: webhook url`, reader);
  const url = urlText === undefined ? undefined : absoluteHttpUrl(urlText);
  if (urlText !== undefined && (url === undefined || url.hash !== '' || urlText.includes('#')))
    reader.report(
      values.url,
      `${label}: webhook url must be an absolute http(s) URL without user, password or #fragment`,
    );
  const secret = requiredText(values.secret, node, `${label}: webhook secret`, reader);
  if (secret !== undefined && !secretName.test(secret))
    reader.report(
      values.secret,
      `${label}: webhook secret is the NAME of a Worker secret (A-Z, 0-9, _), e.g. WEBHOOK_SECRET_ACME, never the secret itself`,
    );
  else if (secret !== undefined && reservedSecrets.has(secret))
    reader.report(
      values.secret,
      `${label}: webhook secret ${secret} is not a webhook secret; give the partner its own`,
    );
  if (url === undefined || secret === undefined || !secretName.test(secret) || reservedSecrets.has(secret))
    return undefined;
  return { url: url.href, secret };
}

/** The map's values by key (YAML nodes); unknown and non-text keys are reported at their line. */
function readKeys<Key extends string>(
  node: { items: readonly { key: unknown; value: unknown }[] },
  keys: readonly Key[],
  where: string,
  reader: Reader,
): Partial<Record<Key, unknown>> {
  const values: Partial<Record<Key, unknown>> = {};
  for (const pair of node.items) {
    const name = scalarText(pair.key);
    if (name !== undefined && (keys as readonly string[]).includes(name)) values[name as Key] = pair.value ?? undefined;
    else reader.report(pair.key, `${where}: unknown key "${name ?? '?'}" (known: ${keys.join(', ')})`);
  }
  return values;
}

/** Non-empty one-line text; a missing value is reported at `parent`, a wrong one at itself. */
function requiredText(node: unknown, parent: unknown, what: string, reader: Reader): string | undefined {
  if (isEmpty(node)) {
    reader.report(parent, `${what} is required`);
    return undefined;
  }
  const text = scalarText(node)?.trim();
  if (text === undefined || text === '' || /[\n\t]/.test(text) || replaceUnsafeCharacters(text) !== text) {
    reader.report(node, `${what} must be non-empty text on one line`);
    return undefined;
  }
  return text;
}

/** `true` or `false` as YAML 1.2 writes them, unquoted; absent is undefined. */
function readBoolean(node: unknown, what: string, reader: Reader): boolean | undefined {
  if (isEmpty(node)) return undefined;
  const text = isScalar(node) && node.type === 'PLAIN' ? String(node.value) : undefined;
  if (text !== undefined && /^(?:true|True|TRUE)$/.test(text)) return true;
  if (text !== undefined && /^(?:false|False|FALSE)$/.test(text)) return false;
  reader.report(node, `${what} must be true or false, unquoted`);
  return undefined;
}

/** A scalar's text (failsafe: always a string); undefined for a list, a mapping or an alias. */
function scalarText(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value ?? '') : undefined;
}

function isEmpty(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === ''));
}

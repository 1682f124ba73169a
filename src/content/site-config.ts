/** Site config: `content/site.yaml` to a validated Site, every setting defaulted (docs/content.md "Site configuration"). */
import { isMap, isScalar } from 'yaml';
import type { CachePolicy, Site } from '../model/site.ts';
import { replaceUnsafeCharacters } from './clean-text.ts';
import type { ContentProblem } from './content-error.ts';
import { canonicalLanguage } from './language.ts';
import { parseLocatedYaml } from './located-yaml.ts';
import { absoluteHttpUrl } from './source.ts';

const defaultTitle = 'wirefeed';

/** Every setting's default; `publisher.name` and `description` follow the title when not set. */
export const defaultSite: Site = {
  title: defaultTitle,
  description: `Latest articles from ${defaultTitle}`,
  baseUrl: 'http://localhost:8787',
  language: 'en',
  timeZone: 'UTC',
  publisher: { name: defaultTitle },
  copyright: '',
  pageSize: 20,
  accentColor: '#b3261e',
  cache: {
    feeds: { maxAge: 300, sMaxAge: 600, staleWhileRevalidate: 86_400 },
    pages: { maxAge: 300, sMaxAge: 3600, staleWhileRevalidate: 86_400 },
    other: { maxAge: 3600, sMaxAge: 86_400, staleWhileRevalidate: 86_400 },
  },
};

export type SiteConfigResult =
  | { readonly ok: true; readonly site: Site }
  | { readonly ok: false; readonly problems: ContentProblem[] };

export interface SiteConfigOverrides {
  /** Replaces `baseUrl` from the file (the dev server and `--base-url` set it). */
  readonly baseUrl?: string;
}

const topLevelKeys = [
  'title',
  'description',
  'baseUrl',
  'language',
  'timeZone',
  'publisher',
  'copyright',
  'pageSize',
  'accentColor',
  'websubHub',
  'cache',
] as const;
const cacheFamilies = ['feeds', 'pages', 'other'] as const;
const cacheKeys = ['maxAge', 'sMaxAge', 'staleWhileRevalidate'] as const;
/** One year: the longest lifetime worth stating (RFC 9111 §1.2.2 caps delta-seconds usefulness far beyond). */
const maxLifetime = 31_536_000;

type Report = (node: unknown, message: string) => void;

/**
 * Reads site.yaml (YAML 1.2 core schema, so `pageSize: 20` is a number and no date magic).
 * Unknown keys are problems, to catch typos. An empty file gives the defaults.
 */
export function parseSiteConfig(file: string, text: string, overrides: SiteConfigOverrides = {}): SiteConfigResult {
  const { document, lineOf, problems } = parseLocatedYaml(file, text, 'core');
  const report: Report = (node, message) => {
    const line = lineOf(node);
    problems.push(line === undefined ? { file, message } : { file, line, message });
  };
  if (problems.length > 0) return { ok: false, problems };

  const root = document.contents;
  if (root !== null && !isMap(root) && !(isScalar(root) && root.value === null)) {
    report(root, 'site config must be a mapping of settings (key: value)');
    return { ok: false, problems };
  }
  const settings = readMap(root, topLevelKeys, '', report);

  const title = readText(settings.title, 'title', report) ?? defaultSite.title;
  // `publisher: Xinhua` is read as the publisher's name, as people write it.
  const publisherIsName = isScalar(settings.publisher) && typeof settings.publisher.value === 'string';
  const publisherMap = publisherIsName
    ? { name: settings.publisher }
    : readMap(settings.publisher, ['name', 'url'] as const, 'publisher.', report);
  const publisherUrl = readUrl(publisherMap.url, 'publisher.url', report);
  const baseUrl =
    overrides.baseUrl !== undefined
      ? readBaseUrlOverride(overrides.baseUrl, file, problems)
      : readBaseUrl(settings.baseUrl, report);
  const websubHub = readUrl(settings.websubHub, 'websubHub', report);
  const site: Site = {
    title,
    description: readText(settings.description, 'description', report) ?? `Latest articles from ${title}`,
    baseUrl: baseUrl ?? defaultSite.baseUrl,
    language: readLanguage(settings.language, report) ?? defaultSite.language,
    timeZone: readTimeZone(settings.timeZone, report) ?? defaultSite.timeZone,
    publisher: {
      name: readText(publisherMap.name, publisherIsName ? 'publisher' : 'publisher.name', report) ?? title,
      ...(publisherUrl ? { url: publisherUrl } : {}),
    },
    copyright: readText(settings.copyright, 'copyright', report, true) ?? defaultSite.copyright,
    pageSize: readInteger(settings.pageSize, 'pageSize', 1, 1000, report) ?? defaultSite.pageSize,
    accentColor: readColor(settings.accentColor, report) ?? defaultSite.accentColor,
    ...(websubHub ? { websubHub } : {}),
    cache: readCache(settings.cache, report),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, site };
}

/** The map's values by key (YAML nodes); unknown keys and non-maps are reported. */
function readMap<Key extends string>(
  node: unknown,
  keys: readonly Key[],
  prefix: string,
  report: Report,
): Partial<Record<Key, unknown>> {
  const values: Partial<Record<Key, unknown>> = {};
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return values;
  if (!isMap(node)) {
    report(node, `${prefix.replace(/\.$/, '')} must be a mapping with ${keys.join(', ')}`);
    return values;
  }
  for (const pair of node.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if ((keys as readonly string[]).includes(name)) values[name as Key] = pair.value;
    else report(pair.key, `unknown setting "${prefix}${name}" (known: ${keys.map((key) => prefix + key).join(', ')})`);
  }
  return values;
}

/** A scalar's value; undefined for absent or `null` (which means "use the default"). */
function scalarValue(node: unknown): unknown {
  if (node === undefined || node === null) return undefined;
  if (isScalar(node)) return node.value ?? undefined;
  return node;
}

function readText(node: unknown, key: string, report: Report, allowEmpty = false): string | undefined {
  const value = scalarValue(node);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || (!allowEmpty && value.trim() === '') || replaceUnsafeCharacters(value) !== value) {
    report(
      node,
      `${key} must be ${allowEmpty ? '' : 'non-empty '}text (quote it if it looks like a number or true/false)`,
    );
    return undefined;
  }
  return value.trim();
}

function readInteger(node: unknown, key: string, min: number, max: number, report: Report): number | undefined {
  const value = scalarValue(node);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    report(node, `${key} must be a whole number from ${min} to ${max}`);
    return undefined;
  }
  return value;
}

function readUrl(node: unknown, key: string, report: Report): string | undefined {
  const value = readText(node, key, report);
  if (value === undefined) return undefined;
  const url = absoluteHttpUrl(value);
  if (!url) report(node, `${key} must be an absolute http(s) URL, e.g. https://example.com/`);
  return url?.href;
}

/** Why a base URL is unusable, or the URL without its trailing slash. */
function checkBaseUrl(text: string): { ok: true; url: string } | { ok: false; reason: string } {
  const url = absoluteHttpUrl(text);
  if (!url)
    return { ok: false, reason: `baseUrl "${text}" must be an absolute http(s) URL, e.g. https://news.example.com` };
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) {
    return { ok: false, reason: `baseUrl "${text}" must not have a query (?) or fragment (#)` };
  }
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}

function readBaseUrl(node: unknown, report: Report): string | undefined {
  const value = readText(node, 'baseUrl', report);
  if (value === undefined) return undefined;
  const checked = checkBaseUrl(value);
  if (checked.ok) return checked.url;
  report(node, checked.reason);
  return undefined;
}

function readBaseUrlOverride(text: string, file: string, problems: ContentProblem[]): string | undefined {
  const checked = checkBaseUrl(text.trim());
  if (checked.ok) return checked.url;
  problems.push({ file, message: `the base URL given on the command line: ${checked.reason}` });
  return undefined;
}

function readLanguage(node: unknown, report: Report): string | undefined {
  const value = readText(node, 'language', report);
  if (value === undefined) return undefined;
  const canonical = canonicalLanguage(value);
  if (!canonical) report(node, `language "${value}" is not a BCP 47 language tag such as en, zh-CN or pt-BR`);
  return canonical;
}

function readTimeZone(node: unknown, report: Report): string | undefined {
  const value = readText(node, 'timeZone', report);
  if (value === undefined) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    report(node, `timeZone "${value}" is not an IANA time zone such as UTC, Asia/Shanghai or America/New_York`);
    return undefined;
  }
}

/** Only `#rgb` and `#rrggbb`: the value is inlined into CSS, so nothing else may pass. */
function readColor(node: unknown, report: Report): string | undefined {
  const value = readText(node, 'accentColor', report);
  if (value === undefined) return undefined;
  if (/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value)) return value.toLowerCase();
  report(node, `accentColor "${value}" must be a hex colour such as #b3261e or #c00`);
  return undefined;
}

function readCache(node: unknown, report: Report): Site['cache'] {
  const families = readMap(node, cacheFamilies, 'cache.', report);
  const policy = (family: (typeof cacheFamilies)[number]): CachePolicy => {
    const values = readMap(families[family], cacheKeys, `cache.${family}.`, report);
    const defaults = defaultSite.cache[family];
    const read = (key: (typeof cacheKeys)[number]) =>
      readInteger(values[key], `cache.${family}.${key}`, 0, maxLifetime, report) ?? defaults[key];
    return { maxAge: read('maxAge'), sMaxAge: read('sMaxAge'), staleWhileRevalidate: read('staleWhileRevalidate') };
  };
  return { feeds: policy('feeds'), pages: policy('pages'), other: policy('other') };
}

/** A strict checker of JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): every rule of the spec, as problem lines. */

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
type JsonObject = { readonly [key: string]: Json };

export const jsonFeedVersion = 'https://jsonfeed.org/version/1.1';

const topLevelKeys = new Set([
  'version',
  'title',
  'home_page_url',
  'feed_url',
  'description',
  'user_comment',
  'next_url',
  'icon',
  'favicon',
  'author',
  'authors',
  'language',
  'expired',
  'hubs',
  'items',
]);
const itemKeys = new Set([
  'id',
  'url',
  'external_url',
  'title',
  'content_html',
  'content_text',
  'summary',
  'image',
  'banner_image',
  'date_published',
  'date_modified',
  'author',
  'authors',
  'tags',
  'language',
  'attachments',
]);
const topLevelUrls = ['home_page_url', 'feed_url', 'next_url', 'icon', 'favicon'];
const itemUrls = ['url', 'external_url', 'image', 'banner_image'];
const topLevelStrings = ['title', 'description', 'user_comment', 'language', ...topLevelUrls];
const itemStrings = ['title', 'content_html', 'content_text', 'summary', 'language', ...itemUrls];

// RFC 3339 §5.6 date-time (the `T` and `Z` upper case, as the spec's examples write them).
const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;
// JSON Feed 1.1: "names must start with an _ character followed by a letter or number".
const extensionKey = /^_[A-Za-z0-9]/;
// BCP 47 (RFC 5646) in its common shape: a primary subtag and optional subtags.
const languageTag = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An absolute URL that the WHATWG parser accepts. */
export function isAbsoluteUrl(value: string): boolean {
  return URL.canParse(value) && /^[a-z][a-z0-9+.-]*:/i.test(value);
}

/** RFC 3339 date-time with real field values (month 1–12, day in the month, offset within ±23:59). */
export function isRfc3339(value: string): boolean {
  const match = rfc3339.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, , , offsetHour, offsetMinute] = match.map(Number);
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  return (
    (month ?? 0) >= 1 &&
    (month ?? 0) <= 12 &&
    (day ?? 0) >= 1 &&
    (day ?? 0) <= daysInMonth &&
    (hour ?? 0) <= 23 &&
    (minute ?? 0) <= 59 &&
    (second ?? 0) <= 60 &&
    (Number.isNaN(offsetHour) || (offsetHour ?? 0) <= 23) &&
    (Number.isNaN(offsetMinute) || (offsetMinute ?? 0) <= 59)
  );
}

/** Every way `text` breaks JSON Feed 1.1, as `path: problem` lines; empty when it is a valid feed. */
export function jsonFeedProblems(text: string): string[] {
  let feed: Json;
  try {
    feed = JSON.parse(text) as Json;
  } catch (error) {
    return [`not JSON: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (!isObject(feed)) return ['the top level must be an object'];
  if (feed.version !== jsonFeedVersion)
    problems.push(`version: must be "${jsonFeedVersion}", found ${JSON.stringify(feed.version)}`);
  if (typeof feed.title !== 'string') problems.push('title: required string');
  checkKeys(feed, topLevelKeys, '', problems);
  checkStrings(feed, topLevelStrings, '', problems);
  checkUrls(feed, topLevelUrls, '', problems);
  checkLanguage(feed, '', problems);
  if (feed.expired !== undefined && typeof feed.expired !== 'boolean') problems.push('expired: must be a boolean');
  if (typeof feed.next_url === 'string' && feed.next_url === feed.feed_url)
    problems.push('next_url: must not be the same as feed_url');
  checkAuthors(feed, '', problems);
  if (feed.hubs !== undefined) {
    if (!Array.isArray(feed.hubs)) problems.push('hubs: must be an array');
    else
      for (const [index, hub] of feed.hubs.entries()) {
        const at = `hubs[${index}]`;
        if (!isObject(hub)) {
          problems.push(`${at}: must be an object`);
          continue;
        }
        if (typeof hub.type !== 'string' || hub.type === '') problems.push(`${at}.type: required string`);
        if (typeof hub.url !== 'string' || !isAbsoluteUrl(hub.url)) problems.push(`${at}.url: required absolute URL`);
      }
  }
  if (!Array.isArray(feed.items)) problems.push('items: required array');
  else for (const [index, item] of feed.items.entries()) checkItem(item, `items[${index}]`, problems);
  return problems;
}

function checkItem(item: Json, at: string, problems: string[]): void {
  if (!isObject(item)) {
    problems.push(`${at}: must be an object`);
    return;
  }
  if (typeof item.id !== 'string' || item.id === '') problems.push(`${at}.id: required non-empty string`);
  if (typeof item.content_html !== 'string' && typeof item.content_text !== 'string')
    problems.push(`${at}: must have content_html or content_text`);
  checkKeys(item, itemKeys, `${at}.`, problems);
  checkStrings(item, itemStrings, `${at}.`, problems);
  checkUrls(item, itemUrls, `${at}.`, problems);
  checkLanguage(item, `${at}.`, problems);
  for (const key of ['date_published', 'date_modified']) {
    const value = item[key];
    if (value !== undefined && (typeof value !== 'string' || !isRfc3339(value)))
      problems.push(`${at}.${key}: must be an RFC 3339 date-time, found ${JSON.stringify(value)}`);
  }
  if (item.tags !== undefined && (!Array.isArray(item.tags) || item.tags.some((tag: Json) => typeof tag !== 'string')))
    problems.push(`${at}.tags: must be an array of strings`);
  checkAuthors(item, `${at}.`, problems);
  if (item.attachments !== undefined) {
    if (!Array.isArray(item.attachments)) problems.push(`${at}.attachments: must be an array`);
    else
      for (const [index, attachment] of item.attachments.entries()) {
        const where = `${at}.attachments[${index}]`;
        if (!isObject(attachment)) {
          problems.push(`${where}: must be an object`);
          continue;
        }
        if (typeof attachment.url !== 'string' || !isAbsoluteUrl(attachment.url))
          problems.push(`${where}.url: required absolute URL`);
        if (typeof attachment.mime_type !== 'string') problems.push(`${where}.mime_type: required string`);
      }
  }
}

/** Only the spec's keys, and extensions: `_`-prefixed keys holding objects. */
function checkKeys(object: JsonObject, known: ReadonlySet<string>, at: string, problems: string[]): void {
  for (const [key, value] of Object.entries(object)) {
    if (known.has(key)) continue;
    if (!extensionKey.test(key)) problems.push(`${at}${key}: not a JSON Feed 1.1 key, and extensions start with "_"`);
    else if (!isObject(value)) problems.push(`${at}${key}: an extension must be an object`);
  }
}

function checkStrings(object: JsonObject, keys: readonly string[], at: string, problems: string[]): void {
  for (const key of keys)
    if (object[key] !== undefined && typeof object[key] !== 'string') problems.push(`${at}${key}: must be a string`);
}

function checkUrls(object: JsonObject, keys: readonly string[], at: string, problems: string[]): void {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string' && !isAbsoluteUrl(value))
      problems.push(`${at}${key}: must be an absolute URL, found ${JSON.stringify(value)}`);
  }
}

function checkLanguage(object: JsonObject, at: string, problems: string[]): void {
  if (typeof object.language === 'string' && !languageTag.test(object.language))
    problems.push(`${at}language: must be a BCP 47 language tag, found ${JSON.stringify(object.language)}`);
}

/** `authors`: an array of objects, each with at least one of name, url, avatar (URLs absolute). */
function checkAuthors(object: JsonObject, at: string, problems: string[]): void {
  if (object.authors === undefined) return;
  if (!Array.isArray(object.authors)) {
    problems.push(`${at}authors: must be an array`);
    return;
  }
  for (const [index, author] of object.authors.entries()) {
    const where = `${at}authors[${index}]`;
    if (!isObject(author)) {
      problems.push(`${where}: must be an object`);
      continue;
    }
    if (author.name === undefined && author.url === undefined && author.avatar === undefined)
      problems.push(`${where}: must have at least one of name, url, avatar`);
    checkStrings(author, ['name', 'url', 'avatar'], `${where}.`, problems);
    checkUrls(author, ['url', 'avatar'], `${where}.`, problems);
  }
}

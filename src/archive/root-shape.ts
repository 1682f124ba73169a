/** What the Worker accepts as a root document before serving from it: a damaged or foreign root is a fault, never a site. */
import { type PieceRef, type RootDocument, rootFormat, type StoredList } from './root.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function isPieceRef(value: unknown): value is PieceRef {
  if (!isObject(value)) return false;
  return (
    typeof value.o === 'string' &&
    /^[0-9a-f]{64}$/.test(value.o) &&
    Number.isSafeInteger(value.at) &&
    (value.at as number) >= 0 &&
    Number.isSafeInteger(value.n) &&
    (value.n as number) > 0 &&
    typeof value.h === 'string'
  );
}

export function isStoredList(value: unknown): value is StoredList {
  if (!isObject(value)) return false;
  const head = value.head;
  return (
    typeof value.identity === 'string' &&
    Number.isSafeInteger(value.count) &&
    (value.count as number) >= 0 &&
    typeof value.lastModified === 'string' &&
    (head === undefined ||
      (isObject(head) && ['rss', 'atom', 'json', 'index'].every((format) => isPieceRef(head[format])))) &&
    Array.isArray(value.spine) &&
    value.spine.every(isPieceRef)
  );
}

export function isRootDocument(value: unknown): value is RootDocument {
  if (!isObject(value) || value.format !== rootFormat) return false;
  const { site, headers, robots, errors, shards, states, inventory, changes, partners } = value;
  if (!isObject(changes) || !Number.isSafeInteger(changes.sequence) || !Array.isArray(changes.segments)) return false;
  if (!changes.segments.every(isPieceRef) || (changes.scheduled !== undefined && !isPieceRef(changes.scheduled)))
    return false;
  if (partners !== undefined && !isPieceRef(partners)) return false;
  if (
    !isObject(site) ||
    typeof site.baseUrl !== 'string' ||
    !isObject(headers) ||
    !isObject(robots) ||
    !isObject(errors)
  )
    return false;
  if (!Array.isArray(shards) || shards.length === 0 || !shards.every(isPieceRef) || !isPieceRef(inventory))
    return false;
  if (!Array.isArray(states) || states.length === 0) return false;
  let from = Number.NEGATIVE_INFINITY;
  for (const [index, state] of states.entries()) {
    if (!isObject(state) || !Number.isSafeInteger(state.from) || (state.from as number) <= from) return false;
    from = state.from as number;
    if (!isObject(state.lists) || !Object.values(state.lists).every(isStoredList)) return false;
    const sitemaps = state.sitemaps;
    if (
      sitemaps !== undefined &&
      !(
        isObject(sitemaps) &&
        Array.isArray(sitemaps.parts) &&
        sitemaps.parts.every(isPieceRef) &&
        isPieceRef(sitemaps.news)
      )
    )
      return false;
    if (index === 0 && (state.lists.site === undefined || sitemaps === undefined)) return false;
  }
  return true;
}

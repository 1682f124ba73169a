/** What the Worker accepts from stored files before serving them: the metadata shapes of packs and list chunks. */
import type { PackedArticle } from './manifest.ts';
import type { SiteStore } from './site-store.ts';
import { StoredFileError } from './stored-file-error.ts';

/** Headers an article's 200 cannot go out without. */
const requiredHeaders = ['Content-Type', 'ETag', 'Cache-Control'] as const;

/** A pack entry: `[slug, headers]` or `[slug, headers, status]`, every header a string, the required ones present. */
export function isPackedArticle(meta: unknown): meta is PackedArticle {
  if (!Array.isArray(meta) || meta.length < 2 || meta.length > 3 || typeof meta[0] !== 'string') return false;
  if (meta.length === 3 && !(Number.isInteger(meta[2]) && meta[2] >= 200 && meta[2] <= 599)) return false;
  const headers: unknown = meta[1];
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return false;
  for (const value of Object.values(headers)) if (typeof value !== 'string') return false;
  return requiredHeaders.every((name) => typeof (headers as Record<string, unknown>)[name] === 'string');
}

/** A list chunk's entries carry no metadata: `0`. */
export function isListEntry(meta: unknown): meta is 0 {
  return meta === 0;
}

/** Reads a file the manifest says exists: missing or empty is a storage fault, not "not found". */
export async function readExisting(store: SiteStore, path: string): Promise<string> {
  const text = await store.read(path);
  if (text === undefined) throw new StoredFileError(path, 'is missing');
  if (text === '') throw new StoredFileError(path, 'is empty');
  return text;
}

const encoder = new TextEncoder();

/** `readExisting` as the file's bytes: the store's own bytes where it has them, else its text as UTF-8. */
export async function readExistingBytes(store: SiteStore, path: string): Promise<Uint8Array> {
  const bytes = store.readBytes ? await store.readBytes(path) : await store.read(path).then(encodeText);
  if (bytes === undefined) throw new StoredFileError(path, 'is missing');
  if (bytes.length === 0) throw new StoredFileError(path, 'is empty');
  return bytes;
}

function encodeText(text: string | undefined): Uint8Array | undefined {
  return text === undefined ? undefined : encoder.encode(text);
}

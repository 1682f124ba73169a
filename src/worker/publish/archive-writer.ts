/**
 * Writes to the archive in R2: content-addressed objects and pictures (each checked against its name by R2's own
 * SHA-256 check), the switch of the live pointer (one conditional put, after every object the new version names
 * is found present), and the collection of objects no kept version names. A rollback is a switch too: to a new
 * root holding the earlier version and the changes log with the rollback's own records (builder/roll-back.ts).
 */
import { isInventory } from '../../archive/inventory.ts';
import { liveKey, mediaKey, mediaNamePattern, objectHashPattern, objectKey } from '../../archive/keys.ts';
import { keptVersions, type LivePointer, liveFormat, parseLivePointer } from '../../archive/live-pointer.ts';
import { decodePiece } from '../../archive/piece.ts';
import type { RootDocument } from '../../archive/root.ts';
import { decodeRoot } from '../../archive/root-codec.ts';
import { mediaTypes } from '../../model/media.ts';

/** A refusal the endpoint answers with its status and reason (never a 5xx: the client sent something wrong). */
export class PublishRefusal extends Error {
  readonly status: number;
  readonly details?: Readonly<Record<string, unknown>>;
  constructor(status: number, message: string, details?: Readonly<Record<string, unknown>>) {
    super(message);
    this.name = 'PublishRefusal';
    this.status = status;
    if (details) this.details = details;
  }
}

/** The live pointer with the tag a conditional put needs; undefined before the first publish. */
export async function readLive(bucket: R2Bucket): Promise<{ pointer: LivePointer; etag: string } | undefined> {
  const object = await bucket.get(liveKey);
  if (object === null) return undefined;
  const pointer = parseLivePointer(await object.text());
  if (pointer === undefined) throw new Error('the live pointer in the bucket is damaged');
  return { pointer, etag: object.etag };
}

/** Stores an object under its SHA-256; R2 refuses bytes whose hash is not the name. `false` when it was there already. */
export async function putObject(bucket: R2Bucket, hash: string, body: ReadableStream | Uint8Array): Promise<boolean> {
  if (!objectHashPattern.test(hash)) throw new PublishRefusal(400, 'an object name is a SHA-256 in lowercase hex');
  if ((await bucket.head(objectKey(hash))) !== null) {
    if (body instanceof ReadableStream) await body.cancel();
    return false;
  }
  await putChecked(bucket, objectKey(hash), body, hash, {});
  return true;
}

/** Stores a picture under its published name, which must be the first 16 bytes of `sha256` in base64url. */
export async function putMedia(
  bucket: R2Bucket,
  name: string,
  sha256: string,
  body: ReadableStream | Uint8Array,
): Promise<boolean> {
  const match = mediaNamePattern.exec(name);
  if (!match || !objectHashPattern.test(sha256))
    throw new PublishRefusal(400, 'a picture is <22 base64url>.<jpg|png|webp|avif|gif> with its SHA-256');
  if (match[1] !== hexToBase64url(sha256.slice(0, 32)))
    throw new PublishRefusal(400, `${name} is not named by the SHA-256 it was sent with`);
  if ((await bucket.head(mediaKey(name))) !== null) {
    if (body instanceof ReadableStream) await body.cancel();
    return false;
  }
  await putChecked(bucket, mediaKey(name), body, sha256, {
    contentType: mediaTypes[match[2] as string] ?? 'application/octet-stream',
  });
  return true;
}

async function putChecked(
  bucket: R2Bucket,
  key: string,
  body: ReadableStream | Uint8Array,
  sha256: string,
  httpMetadata: R2HTTPMetadata,
): Promise<void> {
  try {
    await bucket.put(key, body, { sha256, httpMetadata });
  } catch (error) {
    // R2 compares the bytes it received with the SHA-256 given and stores nothing when they differ.
    if (/checksum|sha-?256|digest/i.test(String(error)))
      throw new PublishRefusal(400, `the bytes of ${key} do not match its name`);
    throw error;
  }
}

/** The names among `objects` and `media` the archive does not hold. */
export async function missingFrom(
  bucket: R2Bucket,
  objects: readonly string[],
  media: readonly string[],
): Promise<{ objects: string[]; media: string[] }> {
  const absent = async (keys: readonly string[], keyOf: (name: string) => string) => {
    const missing: string[] = [];
    for (let start = 0; start < keys.length; start += 32) {
      const batch = keys.slice(start, start + 32);
      const heads = await Promise.all(batch.map((name) => bucket.head(keyOf(name))));
      heads.forEach((head, index) => {
        if (head === null) missing.push(batch[index] as string);
      });
    }
    return missing;
  };
  return { objects: await absent(objects, objectKey), media: await absent(media, mediaKey) };
}

/** A root document and its inventory, read and checked; a refusal names what is wrong with them. */
export async function readVersion(
  bucket: R2Bucket,
  hash: string,
): Promise<{ root: RootDocument; objects: readonly string[]; media: readonly string[] }> {
  if (!objectHashPattern.test(hash)) throw new PublishRefusal(400, 'a root is named by a SHA-256 in lowercase hex');
  const stored = await bucket.get(objectKey(hash));
  if (stored === null) throw new PublishRefusal(422, `the root ${hash} is not in the archive`, { missing: [hash] });
  let root: RootDocument;
  try {
    root = await decodeRoot(new Uint8Array(await stored.arrayBuffer()), hash);
  } catch {
    throw new PublishRefusal(422, `the object ${hash} is not a root document of this format`);
  }
  const inventoryObject = await bucket.get(objectKey(root.inventory.o), {
    range: { offset: root.inventory.at, length: root.inventory.n },
  });
  if (inventoryObject === null)
    throw new PublishRefusal(422, 'the root names an inventory the archive lacks', { missing: [root.inventory.o] });
  try {
    const [record] = (
      await decodePiece(new Uint8Array(await inventoryObject.arrayBuffer()), objectKey(root.inventory.o), isInventory)
    ).records;
    if (record === undefined) throw new Error('empty');
    return { root, objects: [...record.meta.objects, root.inventory.o, hash], media: record.meta.media };
  } catch {
    throw new PublishRefusal(422, 'the root names an inventory that does not decode');
  }
}

export interface Switched {
  readonly pointer: LivePointer;
  readonly etag: string;
  readonly root: RootDocument;
  /** The version that was live before, when there was one: what the announcements compare with. */
  readonly previous?: { readonly sequence: number; readonly rootHash: string; readonly root: RootDocument };
}

/**
 * Makes `root` live if the live version is still `base` (null: nothing published yet): every object and picture
 * it names that `base` did not is checked present first, then one conditional put moves the pointer. A race
 * lost to another publish is a 409; nothing is half-switched.
 */
export async function switchLive(
  bucket: R2Bucket,
  base: string | null,
  rootHash: string,
  now: Date,
  /** A rollback: the new root replaces the version before `base`, so the next rollback goes one further back. */
  rollback = false,
): Promise<Switched> {
  const live = await readLive(bucket);
  if ((live?.pointer.root ?? null) !== base)
    throw new PublishRefusal(409, 'the live version is not the one this publish started from; publish again', {
      live: live?.pointer.root ?? null,
    });
  const next = await readVersion(bucket, rootHash);
  const known = live ? await readVersion(bucket, live.pointer.root) : { objects: [], media: [], root: undefined };
  const knownObjects = new Set(known.objects);
  const knownMedia = new Set(known.media);
  const missing = await missingFrom(
    bucket,
    next.objects.filter((hash) => !knownObjects.has(hash)),
    next.media.filter((name) => !knownMedia.has(name)),
  );
  if (missing.objects.length + missing.media.length > 0)
    throw new PublishRefusal(422, 'the version names objects the archive lacks', missing);
  const earlier = live
    ? rollback
      ? live.pointer.previous.slice(1)
      : [live.pointer.root, ...live.pointer.previous]
    : [];
  const previous = earlier.filter((hash) => hash !== rootHash);
  return putLive(
    bucket,
    live?.etag,
    {
      format: liveFormat,
      sequence: (live?.pointer.sequence ?? 0) + 1,
      root: rootHash,
      previous: previous.slice(0, keptVersions),
      switchedAt: now.toISOString(),
    },
    next.root,
  );
}

async function putLive(
  bucket: R2Bucket,
  etag: string | undefined,
  pointer: LivePointer,
  root: RootDocument,
): Promise<Switched> {
  // R2 conditional write: only if the pointer is still the one read (or, the first time, still absent).
  const written = await bucket.put(liveKey, JSON.stringify(pointer), {
    onlyIf: etag === undefined ? { etagDoesNotMatch: '*' } : { etagMatches: etag },
    httpMetadata: { contentType: 'application/json' },
  });
  if (written === null) throw new PublishRefusal(409, 'another publish switched the live version first; publish again');
  return { pointer, etag: written.etag, root };
}

/**
 * Deletes objects and pictures that no kept version names (the live one and its `previous`), uploaded more than
 * `graceMs` ago: a publish still uploading for a switch to come is never collected.
 */
export async function collect(
  bucket: R2Bucket,
  now: number,
  graceMs: number,
): Promise<{ deleted: number; kept: number }> {
  const live = await readLive(bucket);
  if (live === undefined) return { deleted: 0, kept: 0 };
  const keep = new Set<string>();
  for (const root of [live.pointer.root, ...live.pointer.previous]) {
    try {
      const version = await readVersion(bucket, root);
      for (const hash of version.objects) keep.add(objectKey(hash));
      for (const name of version.media) keep.add(mediaKey(name));
    } catch (error) {
      // A kept version that cannot be read keeps everything: collecting on a partial view could delete what it names.
      throw new PublishRefusal(409, `kept version ${root} cannot be read (${String(error)}); nothing collected`);
    }
  }
  let deleted = 0;
  let kept = 0;
  for (const prefix of ['objects/', 'media/']) {
    let cursor: string | undefined;
    do {
      const page = await bucket.list({ prefix, limit: 1000, ...(cursor ? { cursor } : {}) });
      const doomed = page.objects
        .filter((object) => !keep.has(object.key) && now - object.uploaded.getTime() > graceMs)
        .map((object) => object.key);
      kept += page.objects.length - doomed.length;
      if (doomed.length > 0) await bucket.delete(doomed);
      deleted += doomed.length;
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }
  return { deleted, kept };
}

function hexToBase64url(hex: string): string {
  let binary = '';
  for (let index = 0; index < hex.length; index += 2)
    binary += String.fromCharCode(Number.parseInt(hex.slice(index, index + 2), 16));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Keeps article bodies on disk during a build: the archive in memory is metadata, a body is read back when a renderer asks for it. */

import { hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import type { Article } from '../../model/article.ts';

/** Where one body is in the body file: byte offset, byte length, SHA-1 of the bytes (hex). */
export type BodyAt = readonly [number, number, string];

/** A body read back does not match what was written: the file was truncated or changed under the build. */
export class BodyFileError extends Error {
  constructor(path: string) {
    super(`${path}: a stored article body does not match its checksum`);
    this.name = 'BodyFileError';
  }
}

export interface BodyFile {
  /** Appends an article's bodies (the bytes a build thread encoded, when it did); where they are. */
  write(article: Article): { readonly text: BodyAt; readonly html: BodyAt };
  /**
   * The article without its bodies in memory: `rest` itself gets `bodyText` and `bodyHtml` as getters that read them
   * back (checked). No copy: at 100,000 articles a second copy of every article's fields was ~0.3 s and ~100 MB.
   */
  lazy(rest: Omit<Article, 'bodyText' | 'bodyHtml'>, at: { readonly text: BodyAt; readonly html: BodyAt }): Article;
  /** `fields` when an earlier build of this process made them lazy here: its bodies now read through this file. */
  adopt(fields: Omit<Article, 'bodyText' | 'bodyHtml'>): Article | undefined;
  /** Bytes in the file. */
  readonly size: number;
  /** Puts what was written on disk (reads, bodyLocation and close do it themselves). */
  flush(): void;
  close(): void;
}

/** Where a lazy article's bodies are: so a worker thread can read them itself instead of being sent them. */
export interface BodyLocation {
  readonly path: string;
  readonly text: BodyAt;
  readonly html: BodyAt;
}

/** An open body file's reader, and what puts its bodies on disk. */
interface Binding {
  readonly read: (at: BodyAt) => string;
  readonly flush: () => void;
}

/**
 * Each lazy article's body places and the body file they are read through. `file` is the one thing that changes when
 * a later build of the process starts the body file afresh (adopt): the place is not made again.
 */
const places = new WeakMap<Article, BodyLocation & { file: Binding }>();

/**
 * A body file as the articles of this process read it, whichever build has it open: a later build that opens it again
 * to append reads every earlier build's articles through it, none of them touched (parse-articles.ts carries them
 * over). A file started afresh gets a new one; a closed file's bodies cannot be read until it is open again.
 */
interface Door extends Binding {
  /** Who has the file open, the latest last (a build thread's reader may have it open beside the build). */
  readonly open: Binding[];
}

const doors = new Map<string, Door>();

function doorOf(path: string, append: boolean): Door {
  const kept = append ? doors.get(path) : undefined;
  if (kept) return kept;
  const door: Door = {
    open: [],
    read(at) {
      const open = door.open.at(-1);
      if (open === undefined) throw new BodyFileError(path);
      // What another opening of the file still holds is put on disk first.
      door.flush();
      return open.read(at);
    },
    flush: () => {
      for (const open of door.open) open.flush();
    },
  };
  doors.set(path, door);
  return door;
}

/**
 * The body file and places of an article made by `lazy`; undefined for an article whose bodies are in memory. The
 * bodies are on disk when it returns: a build thread reads them from the file.
 */
export function bodyLocation(article: Article): BodyLocation | undefined {
  const place = places.get(article);
  place?.file.flush();
  return place && { path: place.path, text: place.text, html: place.html };
}

/**
 * The two body getters, one pair shared by every article of a kind (`body` finds the article's body): a
 * getter made per article gives each its own hidden class and V8 keeps them all as dictionaries (about 870
 * bytes more an article, 87 MB at 100,000). Enumerable: JSON.stringify and a spread still see the whole article.
 */
function sharedBodyGetters(body: (article: Article, which: 'text' | 'html') => string): PropertyDescriptorMap {
  const getter = (which: 'text' | 'html') =>
    function (this: Article) {
      return body(this, which);
    };
  return { bodyText: { enumerable: true, get: getter('text') }, bodyHtml: { enumerable: true, get: getter('html') } };
}

const lazyBodies = sharedBodyGetters((article, which) => {
  const place = places.get(article);
  if (place === undefined) throw new Error('a lazy article body read from a copy of the article');
  return place.file.read(place[which]);
});

/** A body as a build thread hands it over: its UTF-8 bytes and their SHA-1 (hex), as the body file records it. */
export interface EncodedBody {
  readonly bytes: Uint8Array;
  readonly sum: string;
}

/** The bodies as bytes, for an article a build thread parsed (build-worker.ts). */
export function encodeBodies(article: Article): { readonly text: EncodedBody; readonly html: EncodedBody } {
  const encode = (text: string): EncodedBody => {
    const bytes = encoder.encode(text);
    return { bytes, sum: hash('sha1', bytes) };
  };
  return { text: encode(article.bodyText), html: encode(article.bodyHtml) };
}

const encodedBodies = new WeakMap<Article, { readonly text: EncodedBody; readonly html: EncodedBody }>();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The article again from its fields and its encoded bodies: the bodies stay bytes (decoded only if a reader
 * asks), so the parse cache writes them to the body file without the main thread ever holding them as text.
 */
export function withEncodedBodies(
  fields: Omit<Article, 'bodyText' | 'bodyHtml'>,
  bodies: { readonly text: EncodedBody; readonly html: EncodedBody },
): Article {
  const article = Object.assign({}, fields) as Article;
  Object.defineProperties(article, encodedGetters);
  encodedBodies.set(article, bodies);
  return article;
}

const encodedGetters = sharedBodyGetters((article, which) => {
  const bodies = encodedBodies.get(article);
  if (bodies === undefined) throw new Error('an encoded article body read from a copy of the article');
  return decoder.decode(bodies[which].bytes);
});

/** The article's own fields but its two bodies, read without reading the bodies. */
export function fieldsOf(article: Article): Omit<Article, 'bodyText' | 'bodyHtml'> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(article))
    if (key !== 'bodyText' && key !== 'bodyHtml') fields[key] = article[key as keyof Article];
  return fields as Omit<Article, 'bodyText' | 'bodyHtml'>;
}

/** Bodies read back lately, kept for the next renderer (a page, its ninjs, its feed items are rendered close together). */
const recentLimit = 512;

/**
 * The file at `path` holds article bodies (UTF-8) back to back; with `append` the bodies already there stay
 * readable (the parse cache's), otherwise it starts empty. 100,000 articles' bodies are about 1.3 GB on disk
 * instead of in the heap (issue 16: peak RSS at 100,000 ≤ 1 GiB).
 */
export function openBodyFile(path: string, append: boolean): BodyFile {
  const fd = openSync(path, append ? 'a+' : 'w+');
  let end = fstatSync(fd).size;
  // Bodies are written a few MiB at a time: one write a body was ~15 % of the parse stage's main thread.
  let written = end;
  const pending: Uint8Array[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const bytes = Buffer.concat(pending);
    pending.length = 0;
    let done = 0;
    // Appending (mode a+): the position argument is ignored and every write goes to the end.
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, written + done);
    written += bytes.length;
  };
  const recent = new Map<number, string>();
  const read = ([offset, length, sum]: BodyAt): string => {
    const hit = recent.get(offset);
    if (hit !== undefined) return hit;
    if (offset + length > written) flush();
    const bytes = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const got = readSync(fd, bytes, done, length - done, offset + done);
      if (got === 0) throw new BodyFileError(path);
      done += got;
    }
    if (hash('sha1', bytes) !== sum) throw new BodyFileError(path);
    const text = bytes.toString('utf8');
    if (recent.size >= recentLimit) recent.delete(recent.keys().next().value as number);
    recent.set(offset, text);
    return text;
  };
  const put = (text: string | EncodedBody): BodyAt => {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text.bytes;
    const at: BodyAt = [end, bytes.length, typeof text === 'string' ? hash('sha1', bytes) : text.sum];
    pending.push(bytes);
    end += bytes.length;
    if (end - written >= flushBytes) flush();
    return at;
  };
  const own: Binding = { read, flush };
  const binding = doorOf(path, append);
  binding.open.push(own);
  return {
    write(article) {
      // Bytes a build thread encoded are written as they are: the body is never a string on this thread.
      const encoded = encodedBodies.get(article);
      return encoded
        ? { text: put(encoded.text), html: put(encoded.html) }
        : { text: put(article.bodyText), html: put(article.bodyHtml) };
    },
    adopt(fields) {
      const article = fields as Article;
      const place = places.get(article);
      if (place === undefined || place.path !== path) return undefined;
      place.file = binding;
      return article;
    },
    lazy(rest, at) {
      const lazy = rest as Article;
      Object.defineProperties(lazy, lazyBodies);
      places.set(lazy, { path, text: at.text, html: at.html, file: binding });
      return lazy;
    },
    get size() {
      return end;
    },
    flush,
    close: () => {
      flush();
      closeSync(fd);
      binding.open.splice(binding.open.indexOf(own), 1);
    },
  };
}

/** Bytes of bodies held before they are written. */
const flushBytes = 4 * 1024 * 1024;

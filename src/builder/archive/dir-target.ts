/**
 * An archive in a folder (`build/archive/` for `npm run build`): the same keys as the R2 bucket — `live`,
 * `objects/<sha256>`, `media/<name>` — so Node tools (the validators, the browser tests, the bench) serve it
 * through the real app, and a build can be inspected on disk.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { ArchiveSource } from '../../archive/archive-source.ts';
import { liveKey, mediaKey, objectKey } from '../../archive/keys.ts';
import { keptVersions, type LivePointer, liveFormat, parseLivePointer } from '../../archive/live-pointer.ts';
import { type ArchiveTarget, TargetRefusal } from './archive-target.ts';

export function dirTarget(dir: string, now: () => number = Date.now): ArchiveTarget {
  const path = (key: string) => join(dir, key);
  const readLive = (): LivePointer | undefined => {
    if (!existsSync(path(liveKey))) return undefined;
    const pointer = parseLivePointer(readFileSync(path(liveKey), 'utf8'));
    if (pointer === undefined) throw new Error(`${path(liveKey)} is damaged`);
    return pointer;
  };
  /** Written whole, then renamed into place: a reader never sees half a file. */
  const writeAtomically = (key: string, bytes: Uint8Array | string) => {
    const file = path(key);
    mkdirSync(join(file, '..'), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  };
  const writeLive = (pointer: LivePointer) => writeAtomically(liveKey, `${JSON.stringify(pointer)}\n`);

  const source: ArchiveSource = {
    async live(knownTag) {
      if (!existsSync(path(liveKey))) return undefined;
      const stat = statSync(path(liveKey));
      const tag = `${stat.mtimeMs}-${stat.size}`;
      return tag === knownTag ? 'unchanged' : { tag, text: readFileSync(path(liveKey), 'utf8') };
    },
    async range(object, offset, length) {
      const file = path(objectKey(object));
      if (!existsSync(file)) return undefined;
      const bytes = new Uint8Array(length);
      const fd = openSync(file, 'r');
      try {
        const read = readSync(fd, bytes, 0, length, offset);
        return bytes.subarray(0, read);
      } finally {
        closeSync(fd);
      }
    },
    async object(hash) {
      const file = path(objectKey(hash));
      return existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined;
    },
    async media(name) {
      const file = path(mediaKey(name));
      if (!existsSync(file)) return undefined;
      const bytes = readFileSync(file);
      return { body: new Blob([bytes]).stream(), length: bytes.length };
    },
  };

  const switchTo = (pointer: LivePointer | undefined, root: string, previous: readonly string[]) => {
    const next: LivePointer = {
      format: liveFormat,
      sequence: (pointer?.sequence ?? 0) + 1,
      root,
      previous: previous.slice(0, keptVersions),
      switchedAt: new Date(now()).toISOString(),
    };
    writeLive(next);
    return next;
  };

  return {
    name: dir,
    async live() {
      const pointer = readLive();
      return {
        root: pointer?.root ?? null,
        sequence: pointer?.sequence ?? 0,
        previous: pointer?.previous ?? [],
        now: now(),
      };
    },
    async missing(objects, media) {
      return {
        objects: objects.filter((hash) => !existsSync(path(objectKey(hash)))),
        media: media.filter((name) => !existsSync(path(mediaKey(name)))),
      };
    },
    async putObject(hash, bytes) {
      if (createHash('sha256').update(bytes).digest('hex') !== hash)
        throw new TargetRefusal(400, `the bytes of objects/${hash} do not match its name`);
      if (existsSync(path(objectKey(hash)))) return false;
      writeAtomically(objectKey(hash), bytes);
      return true;
    },
    async putMedia(name, sha256, bytes) {
      if (createHash('sha256').update(bytes).digest('hex') !== sha256)
        throw new TargetRefusal(400, `the bytes of media/${name} do not match their hash`);
      if (!existsSync(path(mediaKey(name)))) writeAtomically(mediaKey(name), bytes);
    },
    async switchLive(base, root) {
      const pointer = readLive();
      if ((pointer?.root ?? null) !== base)
        throw new TargetRefusal(409, `${dir}: the live version moved since this build started`);
      if (!existsSync(path(objectKey(root)))) throw new TargetRefusal(422, `${dir}: the root ${root} is not stored`);
      const previous = pointer ? [pointer.root, ...pointer.previous].filter((hash) => hash !== root) : [];
      return { sequence: switchTo(pointer, root, previous).sequence };
    },
    async collect() {
      // A folder archive keeps every object: it is a build's output, rebuilt from content/ when it grows stale.
      const count = (folder: string) => (existsSync(path(folder)) ? readdirSync(path(folder)).length : 0);
      return { deleted: 0, kept: count('objects') + count('media') };
    },
    source: () => source,
  };
}

/** Removes a folder archive's live pointer (tests start from nothing). */
export function clearLive(dir: string): void {
  if (existsSync(join(dir, liveKey))) unlinkSync(join(dir, liveKey));
}

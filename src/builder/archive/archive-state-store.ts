/**
 * The publisher's memory of the live version (plan-archive.ts's ArchiveState): kept in build/.cache/archive/ after
 * each publish, and read back from the archive itself when the live version is not the one kept (another machine
 * published, or the cache was lost), so a publish always builds on what is live.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ArchiveSource } from '../../archive/archive-source.ts';
import type { StoredChangeLog } from '../../archive/changes-log.ts';
import type { PieceRef, StoredList } from '../../archive/root.ts';
import type { ShardEntry } from '../../archive/shard.ts';
import { type ArchiveState, emptyArchiveState } from './plan-archive.ts';
import { stateFromArchive } from './state-from-archive.ts';

interface SavedState {
  readonly format: 1;
  readonly root: string;
  readonly articles: readonly ShardEntry[];
  readonly pieces: readonly (readonly [string, PieceRef])[];
  readonly shards?: readonly PieceRef[];
  readonly lists: readonly (readonly [string, StoredList])[];
  readonly changes?: StoredChangeLog;
}

/** Beside the state: the root the search index was last brought up to (a line of text, so it costs no re-save). */
const indexedFile = (file: string) => `${file}.indexed`;

/**
 * The state this process saved last: a long-lived publisher (`--watch`) gets it back without reading the file, and
 * with the very entry objects the plan kept.
 * Used only for the same root while the file is the one this process wrote (a lost or replaced file is read as before).
 */
let remembered: { readonly file: string; readonly stamp: string | undefined; readonly state: ArchiveState } | undefined;

/** A state remembered but not yet written (`laterMs`), and its timer. */
let pending: { readonly file: string; readonly state: ArchiveState; readonly timer: NodeJS.Timeout } | undefined;

/** The kept file's size and modification time: what was remembered is used only while the file is the one written. */
function stampOf(file: string): string | undefined {
  try {
    const info = statSync(file);
    return `${info.size} ${info.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the state of the version just made live: written at once (a temporary file renamed into place), or, with
 * `laterMs`, remembered at once and written when that long has passed with no other state saved (a --watch publisher:
 * a burst of saves writes the last one; writing 100,000 entries was 0.3–1 s of each save and its garbage). A process
 * ended before then leaves the file of an earlier version, and the next publish reads the live one from the archive.
 */
export function saveArchiveState(file: string, state: ArchiveState, laterMs?: number): void {
  if (state.root === undefined) return;
  if (pending) clearTimeout(pending.timer);
  pending = undefined;
  if (laterMs === undefined) {
    writeState(file, state);
    return;
  }
  // Planned on by this process from now on; the stamp is the file's as it is, which the write will change.
  remembered = { file, stamp: stampOf(file), state };
  pending = { file, state, timer: setTimeout(flushArchiveState, laterMs).unref() };
}

/** Writes the state waiting to be written, if any (at the end of a --watch publisher, and when its time comes). */
export function flushArchiveState(): void {
  const waiting = pending;
  if (waiting === undefined) return;
  clearTimeout(waiting.timer);
  pending = undefined;
  try {
    writeState(waiting.file, waiting.state);
  } catch (error) {
    // Only a cache: the next publish reads the live version's state from the archive.
    process.stderr.write(
      `wirefeed: the archive state was not kept (${error instanceof Error ? error.message : error})\n`,
    );
  }
}

function writeState(file: string, state: ArchiveState): void {
  if (state.root === undefined) return;
  const saved: SavedState = {
    format: 1,
    root: state.root,
    articles: [...state.articles.values()],
    pieces: [...state.pieces],
    ...(state.shards ? { shards: state.shards } : {}),
    lists: [...state.lists],
    ...(state.changes ? { changes: state.changes } : {}),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, serialize(saved));
  renameSync(`${file}.tmp`, file);
  const stamp = stampOf(file);
  remembered = stamp === undefined ? undefined : { file, stamp, state };
}

/** Records that the search index now follows version `root` (after the index update that made it so). */
export function saveSearchIndexed(file: string, root: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${indexedFile(file)}.tmp`, root);
  renameSync(`${indexedFile(file)}.tmp`, indexedFile(file));
}

/** The state of the live version `root`: the kept one when it describes it, else read from the archive. */
export async function loadArchiveState(
  file: string,
  root: string | null,
  source: ArchiveSource,
): Promise<{ state: ArchiveState; from: 'empty' | 'cache' | 'archive' }> {
  if (root === null) return { state: emptyArchiveState, from: 'empty' };
  if (remembered?.file === file && remembered.state.root === root && remembered.stamp === stampOf(file)) {
    const { searchIndexed: _, ...state } = remembered.state;
    const indexed = readIndexed(file);
    return { state: indexed === undefined ? state : { ...state, searchIndexed: indexed }, from: 'cache' };
  }
  const kept = readKept(file);
  if (kept?.root === root) return { state: kept, from: 'cache' };
  return { state: await stateFromArchive(root, source), from: 'archive' };
}

/** The root the search index follows, by the marker beside the state; undefined when there is none. */
function readIndexed(file: string): string | undefined {
  return existsSync(indexedFile(file)) ? readFileSync(indexedFile(file), 'utf8').trim() : undefined;
}

function readKept(file: string): ArchiveState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const saved = deserialize(readFileSync(file)) as SavedState;
    if (saved.format !== 1) return undefined;
    const indexed = readIndexed(file);
    return {
      root: saved.root,
      articles: new Map(saved.articles.map((entry) => [entry[0], entry])),
      pieces: new Map(saved.pieces),
      ...(saved.shards ? { shards: saved.shards } : {}),
      lists: new Map(saved.lists),
      ...(indexed !== undefined ? { searchIndexed: indexed } : {}),
      ...(saved.changes ? { changes: saved.changes } : {}),
    };
  } catch {
    // A damaged cache is no cache: the state is read from the archive instead.
    return undefined;
  }
}

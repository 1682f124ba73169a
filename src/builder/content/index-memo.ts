/** Keeps the cache indexes a long-lived build process (`--watch`) saved, so its next build does not read and parse them again. */
import { type Stats, statSync } from 'node:fs';

const saved = new Map<string, { readonly stamp: string; readonly value: unknown }>();

/** Size, mtime and inode of each file: what another process rewriting one of them changes. */
function stampOf(files: readonly string[]): string {
  return files.map((file) => part(statSync(file, { throwIfNoEntry: false }))).join('|');
}

function part(stats: Stats | undefined): string {
  return stats ? `${stats.size}:${stats.mtimeMs}:${stats.ino}` : '-';
}

/** Records `value` as what `files` (just written by this process) hold, under `key`. */
export function rememberIndex(key: string, files: readonly string[], value: unknown): void {
  saved.set(key, { stamp: stampOf(files), value });
}

/** The value remembered under `key` when `files` are still exactly as this process wrote them; else undefined. */
export function recallIndex<T>(key: string, files: readonly string[]): T | undefined {
  const memo = saved.get(key);
  if (!memo) return undefined;
  if (memo.stamp !== stampOf(files)) {
    saved.delete(key);
    return undefined;
  }
  return memo.value as T;
}

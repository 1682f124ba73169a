/**
 * The publisher's memory of the live version (plan-archive.ts's ArchiveState): kept in build/.cache/archive/ after
 * each publish, and read back from the archive itself when the live version is not the one kept (another machine
 * published, or the cache was lost), so a publish always builds on what is live.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ArchiveSource } from '../../archive/archive-source.ts';
import { decodePiece, pieceLabel } from '../../archive/piece.ts';
import type { PieceRef, RootDocument, StoredList } from '../../archive/root.ts';
import { decodeRoot } from '../../archive/root-codec.ts';
import { isShardEntry, type ShardEntry } from '../../archive/shard.ts';
import { StoredFileError } from '../../archive/stored-file-error.ts';
import { type ArchiveState, emptyArchiveState } from './plan-archive.ts';

interface SavedState {
  readonly format: 1;
  readonly root: string;
  readonly articles: readonly ShardEntry[];
  readonly pieces: readonly (readonly [string, PieceRef])[];
  readonly lists: readonly (readonly [string, StoredList])[];
  readonly searchIndexed?: string;
}

/** Writes the state of the version just made live (a temporary file renamed into place). */
export function saveArchiveState(file: string, state: ArchiveState): void {
  if (state.root === undefined) return;
  const saved: SavedState = {
    format: 1,
    root: state.root,
    articles: [...state.articles.values()],
    pieces: [...state.pieces],
    lists: [...state.lists],
    ...(state.searchIndexed ? { searchIndexed: state.searchIndexed } : {}),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, serialize(saved));
  renameSync(`${file}.tmp`, file);
}

/** The state of the live version `root`: the kept one when it describes it, else read from the archive. */
export async function loadArchiveState(
  file: string,
  root: string | null,
  source: ArchiveSource,
): Promise<{ state: ArchiveState; from: 'empty' | 'cache' | 'archive' }> {
  if (root === null) return { state: emptyArchiveState, from: 'empty' };
  const kept = readKept(file);
  if (kept?.root === root) return { state: kept, from: 'cache' };
  return { state: await stateFromArchive(root, source), from: 'archive' };
}

function readKept(file: string): ArchiveState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const saved = deserialize(readFileSync(file)) as SavedState;
    if (saved.format !== 1) return undefined;
    return {
      root: saved.root,
      articles: new Map(saved.articles.map((entry) => [entry[0], entry])),
      pieces: new Map(saved.pieces),
      lists: new Map(saved.lists),
      ...(saved.searchIndexed ? { searchIndexed: saved.searchIndexed } : {}),
    };
  } catch {
    // A damaged cache is no cache: the state is read from the archive instead.
    return undefined;
  }
}

/** Reads a version's root and every slug shard: its articles, its root-level pieces and its lists. */
export async function stateFromArchive(rootHash: string, source: ArchiveSource): Promise<ArchiveState> {
  const bytes = await source.object(rootHash);
  if (bytes === undefined) throw new StoredFileError(`objects/${rootHash}`, 'is missing');
  const root = await decodeRoot(bytes, rootHash);
  const articles = new Map<string, ShardEntry>();
  for (const ref of root.shards) {
    const stored = await source.range(ref.o, ref.at, ref.n);
    if (stored === undefined) throw new StoredFileError(pieceLabel(ref), 'is missing');
    for (const { meta } of (await decodePiece(stored, pieceLabel(ref), isShardEntry)).records)
      articles.set(meta[0], meta);
  }
  return { root: rootHash, articles, pieces: rootPieces(root), lists: rootLists(root) };
}

function rootPieces(root: RootDocument): Map<string, PieceRef> {
  const pieces = new Map<string, PieceRef>();
  const add = (ref: PieceRef) => pieces.set(ref.h, ref);
  root.shards.forEach(add);
  for (const state of root.states) {
    for (const list of Object.values(state.lists)) {
      for (const ref of Object.values(list.head ?? {})) add(ref);
      list.spine.forEach(add);
    }
    if (state.sitemaps) {
      state.sitemaps.parts.forEach(add);
      add(state.sitemaps.news);
    }
  }
  return pieces;
}

function rootLists(root: RootDocument): Map<string, StoredList> {
  const lists = new Map<string, StoredList>();
  for (const state of root.states) for (const list of Object.values(state.lists)) lists.set(list.identity, list);
  return lists;
}

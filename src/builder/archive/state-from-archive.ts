/** A version's state read back from the archive (its root and every slug shard): Node-free, for the publisher and the tests. */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import { decodePiece, pieceLabel } from '../../archive/piece.ts';
import type { PieceRef, RootDocument, StoredList } from '../../archive/root.ts';
import { decodeRoot } from '../../archive/root-codec.ts';
import { isShardEntry, type ShardEntry } from '../../archive/shard.ts';
import { StoredFileError } from '../../archive/stored-file-error.ts';
import type { ArchiveState } from './plan-archive.ts';

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
  return {
    root: rootHash,
    articles,
    pieces: rootPieces(root),
    shards: root.shards,
    lists: rootLists(root),
    changes: root.changes,
  };
}

function rootPieces(root: RootDocument): Map<string, PieceRef> {
  const pieces = new Map<string, PieceRef>();
  const add = (ref: PieceRef) => pieces.set(ref.h, ref);
  root.shards.forEach(add);
  root.changes.segments.forEach(add);
  if (root.changes.scheduled) add(root.changes.scheduled);
  if (root.partners) add(root.partners);
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

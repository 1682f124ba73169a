/**
 * `npm run publish -- --rollback`: the version before the live one, live again, as a switch of its own. It is a new
 * root — the earlier version's lists, shards and sitemaps, with the changes log up to now and the rollback's own
 * records appended (what it does to each article) — so a partner's cursor never goes back and the rollback reaches
 * partners as a change. Nothing is rendered: every piece but the log's new tail is the earlier version's, and the
 * partners (keys, entitlements, webhooks) stay the live version's: a rollback brings back copy, never a revoked key.
 */
import { isInventory } from '../archive/inventory.ts';
import { decodePiece, pieceLabel } from '../archive/piece.ts';
import { encodeRecordBytes } from '../archive/record-file.ts';
import type { RootDocument } from '../archive/root.ts';
import { decodeRoot } from '../archive/root-codec.ts';
import { StoredFileError } from '../archive/stored-file-error.ts';
import type { ArchiveTarget } from './archive/archive-target.ts';
import { TargetRefusal } from './archive/archive-target.ts';
import type { ArchiveCodec } from './archive/codec.ts';
import { PackWriter } from './archive/pack-writer.ts';
import { PieceStore } from './archive/piece-store.ts';
import { appendToLog, changeRecords, resolveLog } from './archive/plan-changes.ts';
import { stateFromArchive } from './archive/state-from-archive.ts';

export interface RollBackReport {
  readonly sequence: number;
  /** The new root (the earlier version with the log brought up to now). */
  readonly root: string;
  /** The version it brings back. */
  readonly restored: string;
  readonly changes: number;
  /** Articles the rollback took away, removed from the search index. */
  readonly unindexed: number;
  /** Why the search index could not be told (the rollback itself stands). */
  readonly indexError?: string;
}

export async function rollBack(target: ArchiveTarget, codec: ArchiveCodec): Promise<RollBackReport> {
  const live = await target.live();
  if (live.root === null)
    throw new TargetRefusal(409, 'nothing is published yet: there is no version to roll back from');
  const [restored] = live.previous;
  if (restored === undefined) throw new TargetRefusal(409, 'there is no earlier version to roll back to');
  const source = target.source();
  const [current, earlier] = await Promise.all([
    stateFromArchive(live.root, source),
    stateFromArchive(restored, source),
  ]);
  const [earlierRoot, currentRoot] = await Promise.all([readRoot(source, restored), readRoot(source, live.root)]);
  const log = current.changes ?? earlierRoot.changes;
  const sequence = live.sequence + 1;
  const records = changeRecords(current.articles, earlier.articles, sequence, Math.max(live.now, log.lastAt));
  const uploads: Promise<boolean>[] = [];
  const sink = async ({ hash, bytes }: { hash: string; bytes: Uint8Array }) => {
    const { objects } = await target.missing([hash], []);
    if (objects.length > 0) uploads.push(target.putObject(hash, bytes));
  };
  const packs = new PackWriter(codec, sink);
  const planned = await appendToLog(log, records, sequence, new PieceStore(codec, packs, current.pieces), source);
  await packs.seal();
  const changes = resolveLog(planned);
  // The earlier version's inventory, with every piece of the log it now names and the live partners.
  const inventory = await readInventory(source, earlierRoot);
  const objects = new Set([
    ...inventory.objects,
    ...changes.segments.map((ref) => ref.o),
    ...(changes.scheduled ? [changes.scheduled.o] : []),
    ...(currentRoot.partners ? [currentRoot.partners.o] : []),
  ]);
  const inventoryBytes = encodeRecordBytes([
    { meta: { objects: [...objects].sort(), media: inventory.media }, bytes: new Uint8Array() },
  ]);
  const inventoryObject = await codec.compress(inventoryBytes);
  const inventoryHash = await codec.objectHash(inventoryObject);
  await sink({ hash: inventoryHash, bytes: inventoryObject });
  // Content goes back; access does not: the partners stay the live ones, so a key revoked since the earlier
  // version stays revoked (and one added since keeps working).
  const { partners: _earlierPartners, ...earlierContent } = earlierRoot;
  const root: RootDocument = {
    ...earlierContent,
    ...(currentRoot.partners ? { partners: currentRoot.partners } : {}),
    changes,
    inventory: { o: inventoryHash, at: 0, n: inventoryObject.length, h: await codec.contentHash(inventoryBytes) },
  };
  const rootBytes = await codec.compress(
    encodeRecordBytes([{ meta: 0, bytes: new TextEncoder().encode(JSON.stringify(root)) }]),
  );
  const rootHash = await codec.objectHash(rootBytes);
  await sink({ hash: rootHash, bytes: rootBytes });
  await Promise.all(uploads);
  const switched = await target.switchLive(live.root, rootHash, true);
  // Search can lose what the rollback took away at once; what it brings back needs the text, which only a publish of
  // content/ has (that publish finds the index out of step and rebuilds it whole).
  const removed = records.filter((record) => record.event === 'retracted').map((record) => record.slug);
  let indexError: string | undefined;
  if (removed.length > 0 && target.index)
    await target.index({ upsert: [], remove: removed }).catch((error: unknown) => {
      indexError = error instanceof Error ? error.message : String(error);
    });
  return {
    sequence: switched.sequence,
    root: rootHash,
    restored,
    changes: records.length,
    unindexed: removed.length,
    ...(indexError ? { indexError } : {}),
  };
}

async function readRoot(source: ReturnType<ArchiveTarget['source']>, hash: string): Promise<RootDocument> {
  const bytes = await source.object(hash);
  if (bytes === undefined) throw new StoredFileError(`objects/${hash}`, 'is missing');
  return decodeRoot(bytes, hash);
}

async function readInventory(source: ReturnType<ArchiveTarget['source']>, root: RootDocument) {
  const ref = root.inventory;
  const bytes = await source.range(ref.o, ref.at, ref.n);
  if (bytes === undefined) throw new StoredFileError(pieceLabel(ref), 'is missing');
  const [record] = (await decodePiece(bytes, pieceLabel(ref), isInventory)).records;
  if (record === undefined) throw new StoredFileError(pieceLabel(ref), 'holds no inventory');
  return record.meta;
}

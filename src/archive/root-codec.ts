/** A root document's object: a piece holding the root's JSON, checked like every piece and then for its shape. */
import { decodePiece } from './piece.ts';
import type { RootDocument } from './root.ts';
import { isRootDocument } from './root-shape.ts';
import { StoredFileError } from './stored-file-error.ts';

/** The root document stored as object `hash`; a StoredFileError when it is damaged or of another format. */
export async function decodeRoot(bytes: Uint8Array, hash: string): Promise<RootDocument> {
  const label = `objects/${hash}`;
  const [record] = (await decodePiece(bytes, label)).records;
  let root: unknown;
  try {
    root = JSON.parse(new TextDecoder().decode(record?.bytes));
  } catch {
    throw new StoredFileError(label, 'is not a root document');
  }
  if (!isRootDocument(root)) throw new StoredFileError(label, 'is not a root document of this format');
  return root;
}

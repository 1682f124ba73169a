/** The live pointer (`live` in the bucket): which root document is served, and which earlier ones are kept. */

export interface LivePointer {
  readonly format: typeof liveFormat;
  /** 1 for the first publish, one more for every switch (a rollback included). */
  readonly sequence: number;
  /** The live root document's object (SHA-256 hex). */
  readonly root: string;
  /** Earlier live roots, newest first: where `--rollback` goes. */
  readonly previous: readonly string[];
  /** When the switch happened (RFC 3339, the Worker's clock). */
  readonly switchedAt: string;
}

export const liveFormat = 'wirefeed-live/1';

/** Earlier versions kept (their objects are never collected): the rollback depth. */
export const keptVersions = 5;

const hex64 = /^[0-9a-f]{64}$/;

/** The pointer in `text`, or undefined when it is not one (a damaged pointer is a fault, never a version). */
export function parseLivePointer(text: string): LivePointer | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const pointer = value as Partial<LivePointer>;
  const ok =
    pointer.format === liveFormat &&
    Number.isSafeInteger(pointer.sequence) &&
    (pointer.sequence ?? 0) > 0 &&
    typeof pointer.root === 'string' &&
    hex64.test(pointer.root) &&
    Array.isArray(pointer.previous) &&
    pointer.previous.every((root) => typeof root === 'string' && hex64.test(root)) &&
    typeof pointer.switchedAt === 'string';
  return ok ? (pointer as LivePointer) : undefined;
}

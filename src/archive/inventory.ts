/** A version's inventory: every object and picture it names, so a switch can check them and collection keep them. */
import type { MetaCheck } from './record-file.ts';

export interface Inventory {
  /** Object hashes (SHA-256 hex), sorted. */
  readonly objects: readonly string[];
  /** Published picture names (`<hash>.<ext>`), sorted. */
  readonly media: readonly string[];
}

export const isInventory: MetaCheck<Inventory> = (meta): meta is Inventory =>
  typeof meta === 'object' &&
  meta !== null &&
  Array.isArray((meta as Inventory).objects) &&
  Array.isArray((meta as Inventory).media) &&
  (meta as Inventory).objects.every((hash) => typeof hash === 'string') &&
  (meta as Inventory).media.every((name) => typeof name === 'string');

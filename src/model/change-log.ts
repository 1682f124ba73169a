/** The changes log: what each publish (or rollback) changed, appended once and never rewritten; read by the changes API. */
export type ChangeEvent = 'published' | 'updated' | 'corrected' | 'retracted';

export interface ChangeRecord {
  /** Stable and unique across the whole log; 1 to 512 characters (a cursor carries it). */
  readonly id: string;
  readonly event: ChangeEvent;
  readonly slug: string;
  /** The publish (or rollback) that appended it: 1, 2, 3, … A publish's records are all there once it is live. */
  readonly seq: number;
  /** Milliseconds: when that publish switched live (server clock). */
  readonly at: number;
  /** Milliseconds: the article's release instant (<= `at` when it was public at once). */
  readonly release: number;
  /** The sections the article is in, named as partners name them (`tag:<key>`, `source:<key>`: model/partner.ts). */
  readonly sections: readonly string[];
}

/** The log over storage; any order of records within an answer. */
export interface ChangeLog {
  /** Records with `afterSeq < seq <= upToSeq`. */
  since(afterSeq: number, upToSeq: number): Promise<readonly ChangeRecord[]>;
  /** Records with `seq <= upToSeq` and `fromMs < release <= toMs`. */
  releasedBetween(fromMs: number, toMs: number, upToSeq: number): Promise<readonly ChangeRecord[]>;
}

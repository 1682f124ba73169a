/**
 * What one plan leaves for the next in the same process (a `--watch` publisher plans once a save), by object: an
 * unchanged article comes back from the parse cache as the same object, and the plan keeps an unchanged article's
 * shard entry as the same object. So a run of list members, of spine entries or of sitemap articles that are the same
 * objects in the same order hashes, stores and renders as it did the last time. Each memo holds a pure function's
 * result, so it is right whatever version the next plan builds on; each keeps only what the last plan used.
 */
import type { ShardEntry } from '../../archive/shard.ts';
import type { Article } from '../../model/article.ts';
import type { SectionMemo } from './list-views.ts';
import type { RenderedParts } from './sitemap-pieces.ts';

/** A run of list members and the hash of their identities; the identities of its ends, which carry the site and code's tag. */
export interface MemberRun {
  readonly members: readonly Article[];
  readonly ends: string;
  readonly hash: string;
}

/** A spine piece's members (newest first) and its content hash. */
export interface SpineRun {
  readonly members: readonly Article[];
  readonly h: string;
}

export interface PlanMemo {
  /** Hashed runs of list members (plan-archive.ts listIdentity), by their oldest member. */
  runs: Map<Article, MemberRun[]>;
  /** Spine pieces by their oldest member: their entries are those of the version `step` names. */
  spines: Map<Article, SpineRun[]>;
  /** Sitemap parts, and what they depend on besides their articles (the site, URLs a part). */
  sitemaps: { readonly key: string; readonly parts: RenderedParts };
  /** The first release state's section lists, grouped and dated (list-views.ts). */
  sections?: SectionMemo;
  /**
   * The articles the last plan planned and the entries it made, under what tag (the site's and the identities'): a
   * plan on those entries, under that tag, looks only at the articles new or gone since, and takes a spine piece of the
   * same members as the last plan's.
   */
  step?: {
    readonly key: string;
    readonly articles: readonly Article[];
    readonly entries: ReadonlyMap<string, ShardEntry>;
  };
}

export function newPlanMemo(): PlanMemo {
  return {
    runs: new Map(),
    spines: new Map(),
    sitemaps: { key: '', parts: new Map() },
  };
}

/** The same objects in the same order. */
export function sameObjects<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** Adds `run` under `key` in a memo of candidate runs. */
export function remember<K, R>(memo: Map<K, R[]>, key: K, run: R): void {
  const runs = memo.get(key);
  if (runs) runs.push(run);
  else memo.set(key, [run]);
}

/**
 * What the end-to-end section measures, as data: each scenario is a subject (a request to one of wirefeed's Workers)
 * and the requests it is compared with, interleaved, each comparison a ratio with its target (issues 21, 24, 26, 27).
 */
import { seedPath } from './e2e-content.ts';

/** The Workers of the end-to-end topology. */
export const workers = {
  /** As deployed: isolate memory, then the edge cache, then R2. */
  warm: 'wirefeed',
  /** No isolate memory: every request an edge-cache lookup. */
  edge: 'wirefeed-edge',
  /** No isolate memory, a Cache API that never holds anything: every request reads R2 (and D1) and assembles. */
  cold: 'wirefeed-cold',
  /** As deployed, over the archive with one article scheduled in the future. */
  scheduled: 'scheduled',
  /** The recorded bytes from memory. */
  floor: 'floor',
  /** The recorded bytes after the same edge-cache lookups (as `edge`). */
  ioEdge: 'floor-io-edge',
  /** The recorded bytes after the same pointer, R2 and D1 reads and cache steps (as `cold`). */
  ioCold: 'floor-io-cold',
} as const;

export interface Side {
  readonly worker: string;
  /** Path and query. */
  readonly path: string;
  /** Sends the bench partner's key. */
  readonly authorized?: boolean;
  /** Sends If-None-Match with the recorded ETag (the answer is a 304). */
  readonly ifNoneMatch?: boolean;
  /** The X-Cache a wirefeed answer must carry, checked before the runs. */
  readonly cache?: 'HIT' | 'MISS';
  /** The body carries the instant it was read (the changes cursor): its length is checked, not its bytes. */
  readonly clocked?: boolean;
}

export interface Comparison {
  /** `cpu`: the workerd process's CPU per request; `p50`: the median response time under the same load. */
  readonly metric: 'cpu' | 'p50';
  /** Index of the side the subject (side 0) is divided by. */
  readonly against: number;
  readonly label: string;
  readonly target?: number;
  readonly note?: string;
}

export interface Scenario {
  readonly id: string;
  readonly label: string;
  /** Side 0 is the subject. */
  readonly sides: readonly Side[];
  readonly comparisons: readonly Comparison[];
}

export const listRoutes = ['/', seedPath, '/rss.xml', '/atom.xml', '/feed.json'] as const;
const conditionalRoutes = ['/rss.xml', seedPath] as const;

export interface SearchQuery {
  readonly name: string;
  readonly q: string;
}

/** A common English word, a word only the seed has, a Chinese two-character word (bench/fixtures/zh-words.tsv). */
export const searchQueries: readonly SearchQuery[] = [
  { name: 'common word', q: 'digital' },
  { name: 'rare word', q: 'Yermekbayev' },
  { name: 'Chinese word', q: '合作' },
];

/** A comparison of one metric against side `against`, with a target when the issue names one. */
const versus =
  (metric: Comparison['metric']) =>
  (against: number, label: string, target?: number, note?: string): Comparison => ({
    metric,
    against,
    label,
    ...(target !== undefined ? { target } : {}),
    ...(note !== undefined ? { note } : {}),
  });
const cpuVs = versus('cpu');
const wallVs = versus('p50');

export function scenarios(): Scenario[] {
  const { warm, edge, cold, scheduled, floor, ioEdge, ioCold } = workers;
  const list: Scenario[] = [];
  for (const path of listRoutes)
    list.push({
      id: `warm:${path}`,
      label: `warm ${path}`,
      sides: [
        { worker: warm, path, cache: 'HIT' },
        { worker: floor, path },
      ],
      comparisons: [cpuVs(1, 'CPU/request vs the constant floor', 1.3), wallVs(1, 'p50 vs the constant floor')],
    });
  for (const path of conditionalRoutes)
    list.push({
      id: `edge:${path}`,
      label: `edge-cache hit ${path}`,
      sides: [
        { worker: edge, path, cache: 'HIT' },
        { worker: floor, path },
        { worker: ioEdge, path },
      ],
      comparisons: [
        cpuVs(1, 'CPU/request vs the constant floor', 1.3),
        cpuVs(
          2,
          'CPU/request vs the same cache lookup',
          undefined,
          'Miniflare runs the Cache API in the measured process',
        ),
      ],
    });
  for (const path of listRoutes)
    list.push({
      id: `cold:${path}`,
      label: `cold ${path}`,
      sides: [
        { worker: cold, path, cache: 'MISS' },
        { worker: ioCold, path },
        { worker: floor, path },
      ],
      comparisons: [
        cpuVs(1, 'CPU/request vs the I/O floor', 1.2, 'same pointer, R2 reads and cache steps, none of the work'),
        cpuVs(2, 'CPU/request vs the constant floor'),
        wallVs(1, 'p50 vs the I/O floor'),
      ],
    });
  for (const path of conditionalRoutes)
    list.push({
      id: `304:${path}`,
      label: `304 ${path}`,
      sides: [
        { worker: warm, path, ifNoneMatch: true },
        { worker: floor, path, ifNoneMatch: true },
      ],
      comparisons: [cpuVs(1, 'CPU/request vs the constant floor', 1.05)],
    });
  for (const conditional of [false, true])
    for (const path of conditionalRoutes)
      list.push({
        id: `release:${conditional ? '304' : 'warm'}:${path}`,
        label: `release-aware ${conditional ? '304' : 'warm'} ${path}`,
        sides: [
          { worker: scheduled, path, ifNoneMatch: conditional },
          { worker: warm, path, ifNoneMatch: conditional },
        ],
        comparisons: [cpuVs(1, 'CPU/request, one article scheduled vs none', 1.05)],
      });
  for (const query of searchQueries) {
    const path = `/search.json?q=${encodeURIComponent(query.q)}`;
    list.push({
      id: `search:${query.name}`,
      label: `cold search, ${query.name} (${query.q})`,
      sides: [
        { worker: cold, path, cache: 'MISS' },
        { worker: ioCold, path },
        { worker: cold, path: '/rss.xml' },
      ],
      comparisons: [
        cpuVs(1, 'CPU/request vs the same D1 query', 1.3, 'floor: the pointer read and the recorded D1 batch'),
        wallVs(2, 'wall time vs cold /rss.xml', 3),
      ],
    });
  }
  for (const worker of [cold, warm])
    list.push({
      id: `partner:${worker}`,
      label: `partner changes page, ${worker === cold ? 'cold' : 'warm'}`,
      sides: [
        { worker, path: '/api/v1/changes', authorized: true, clocked: true },
        { worker, path: '/api/v1/changes', clocked: true },
      ],
      comparisons: [cpuVs(1, 'CPU/request with a key vs public'), wallVs(1, 'p50 with a key vs public')],
    });
  return list;
}

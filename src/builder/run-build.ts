/**
 * runBuild(): content/ to a live archive version, as data. Reads and checks every file (cached), asks the target
 * what is live, plans the new version on top of it (rendering only what changed), uploads what the archive lacks,
 * then switches. The CLI only parses flags and prints the report.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ContentError, type ContentProblem } from '../content/content-error.ts';
import { parsePartners, unknownSectionProblems } from '../content/partners-config.ts';
import { type Article, releaseOf } from '../model/article.ts';
import type { Partner } from '../model/partner.ts';
import { type SearchRow, searchRow } from '../model/search-row.ts';
import type { Site } from '../model/site.ts';
import { loadArchiveState, saveArchiveState, saveSearchIndexed } from './archive/archive-state-store.ts';
import type { ArchiveTarget } from './archive/archive-target.ts';
import { articleColumns } from './archive/article-columns.ts';
import { buildArchive } from './archive/build-archive.ts';
import { nodeCodec } from './archive/node-codec.ts';
import type { PlannedArchive, PlanReport } from './archive/plan-archive.ts';
import { newPlanMemo } from './archive/plan-memo.ts';
import { releaseProblems } from './archive/release-checks.ts';
import { BodyFileError } from './content/body-spill.ts';
import { changeList } from './content/change-list.ts';
import { displayPath } from './content/content-paths.ts';
import { type LoadedContent, loadContent } from './content/load-content.ts';
import { openParseCache, parseIndexStamp } from './content/parse-cache.ts';
import type { BuildPool } from './render/build-pool.ts';
import { buildCodeHash } from './render/source-hash.ts';
import { sectionIdsOf } from './sections/section-lists.ts';

export interface RunBuildOptions {
  /** The content folder. */
  readonly contentDir: string;
  /** Where the version goes (dir-target.ts, http-target.ts); absent: check only, nothing stored. */
  readonly target?: ArchiveTarget;
  /** Replaces site.yaml's baseUrl. */
  readonly baseUrl?: string;
  /** Caches kept between builds (parse, media, archive state). @default build/.cache */
  readonly cacheDir?: string;
  /** Threads that parse and render; absent: all on this thread. */
  readonly pool?: BuildPool;
  /** Files changed since the last build of a long-lived process (`--watch`); absent: every file is checked. */
  readonly changed?: ReadonlySet<string>;
  /** Make the version live (false: upload only, for a dry run). @default true */
  readonly switchLive?: boolean;
  /** Articles released by this instant are public in the version's first state. @default the target's clock */
  readonly releasedBy?: number;
  /** Rebuild the search index from every article instead of sending what changed. @default false */
  readonly reindex?: boolean;
  /** Write the archive state this long after the switch, the last of a burst of builds (`--watch`). @default at once */
  readonly stateWriteDelayMs?: number;
  /** Told of each stage's progress: `done` of `total`. */
  readonly progress?: (stage: 'parse' | 'render', done: number, total: number) => void;
  /** Told when a stage ends, with its duration. */
  readonly stageDone?: (stage: BuildStage, ms: number) => void;
}

export type BuildStage = 'parse' | 'connect' | 'state' | 'render and upload' | 'pictures' | 'switch' | 'search index';

export interface BuildReport {
  readonly site: Site;
  readonly articles: number;
  readonly contentFiles: number;
  readonly warnings: readonly ContentProblem[];
  /** Articles not yet released: their file and release instant (ms), soonest first. */
  readonly scheduled: readonly { readonly file: string; readonly at: number }[];
  /** Articles taken from the parse cache and parsed; where the change list came from (none: every file looked at). */
  readonly parsed: {
    readonly reused: number;
    readonly parsed: number;
    readonly changesFrom: 'watcher' | 'git' | 'none';
  };
  readonly media: { readonly files: number; readonly encoded: number; readonly uploaded: number };
  /** Absent when checking only. */
  readonly plan?: PlanReport;
  readonly uploaded?: { readonly objects: number; readonly bytes: number };
  readonly root?: string;
  readonly sequence?: number;
  /** Where the previous version's state came from. */
  readonly previousFrom?: 'empty' | 'cache' | 'archive';
  /** What the search index was sent; absent when it could not be updated (`indexError` says why). */
  readonly indexed?: { readonly upserted: number; readonly removed: number; readonly reset: boolean };
  readonly indexError?: string;
  readonly timings: Readonly<Partial<Record<BuildStage, number>>>;
}

/**
 * What each plan of this process leaves for the next (plan-memo.ts): a `--watch` publisher hashes, stores and renders
 * again only the runs of lists, spines and sitemaps a save changed.
 */
const planMemo = newPlanMemo();

/** Objects uploaded at once: each is up to 16 MiB held until sent. */
const uploadsInFlight = 3;

/** Past this size, the archive is asked whether it has an object before it is sent. */
const askFirstBytes = 1024 * 1024;

/**
 * One build. A damaged body in the parse cache is never published: the cache is dropped and the build runs again
 * from the files (body-spill.ts checks each body's hash as it is read back).
 */
export async function runBuild(options: RunBuildOptions): Promise<BuildReport> {
  try {
    return await buildOnce(options);
  } catch (error) {
    if (!(error instanceof BodyFileError)) throw error;
    process.stderr.write(`wirefeed: ${error.message}; dropping the parse cache and building again from the files\n`);
    rmSync(join(resolve(options.cacheDir ?? 'build/.cache'), 'parse'), { recursive: true, force: true });
    return buildOnce(options);
  }
}

async function buildOnce(options: RunBuildOptions): Promise<BuildReport> {
  const cacheDir = resolve(options.cacheDir ?? 'build/.cache');
  const timings: Partial<Record<BuildStage, number>> = {};
  let mark = performance.now();
  const stage = (name: BuildStage) => {
    const now = performance.now();
    timings[name] = now - mark;
    options.stageDone?.(name, now - mark);
    mark = now;
    killPoint(name);
  };
  const codeHash = await runningCodeHash();
  const content = await loadArticles(options, cacheDir, codeHash);
  const { site, articles, warnings, media } = content.loaded;
  if (content.partnerProblems.length > 0) {
    content.close();
    throw new ContentError(content.partnerProblems, warnings);
  }
  stage('parse');
  const target = options.target;
  const base = target ? await target.live() : { root: null, sequence: 0, previous: [], now: Date.now() };
  const releasedBy = options.releasedBy ?? base.now;
  // Each article's instants, read only for what changed in --watch (article-columns.ts).
  const { release } = articleColumns(articles);
  const scheduled = articles
    .filter((_, index) => (release[index] as number) > releasedBy)
    // Named as problems are: as the publisher would type the path (content/articles/x.md from the project).
    .map((article) => ({ file: displayPath(join(resolve(options.contentDir), article.file)), at: releaseOf(article) }))
    .sort((a, b) => a.at - b.at || (a.file < b.file ? -1 : 1));
  const report = {
    site,
    articles: articles.length,
    contentFiles: content.files,
    warnings,
    scheduled,
    parsed: content.counts,
  };
  if (target === undefined) {
    content.close();
    return { ...report, media: { files: media.files.length, encoded: media.encoded, uploaded: 0 }, timings };
  }
  stage('connect');
  const stateFile = join(
    cacheDir,
    'archive',
    `state-${createHash('sha256').update(target.name).digest('hex').slice(0, 16)}.bin`,
  );
  const previous = await loadArchiveState(stateFile, base.root, target.source());
  stage('state');
  const refused = releaseProblems(articles, previous.state.articles, releasedBy);
  if (refused.length > 0) {
    content.close();
    throw new ContentError(refused, warnings);
  }
  const uploads = uploader(target);
  try {
    const planned = await buildArchive({
      site,
      articles,
      codec: nodeCodec,
      sink: uploads.put,
      renderVersion: codeHash,
      previous: previous.state,
      releasedBy,
      ...(options.pool ? { renderBlocks: options.pool.blocks } : {}),
      media: media.files.map((file) => file.path.slice('media/'.length)),
      sequence: base.sequence + 1,
      source: target.source(),
      partners: content.partners,
      memo: planMemo,
      ...(options.progress
        ? { progress: (done: number, total: number) => options.progress?.('render', done, total) }
        : {}),
    });
    await uploads.drain();
    stage('render and upload');
    const mediaUploaded = await uploadMedia(target, media.files);
    stage('pictures');
    let sequence: number | undefined;
    const switching = options.switchLive !== false && planned.rootHash !== base.root;
    if (switching) {
      sequence = (await target.switchLive(base.root, planned.rootHash)).sequence;
      killPoint('switched');
      // The index marker beside it still names the version the index follows: the previous one, until updated.
      saveArchiveState(stateFile, planned.state, options.stateWriteDelayMs);
    }
    content.save();
    stage('switch');
    // The search index follows the live version: only after the switch, and only what changed unless it is out of step.
    let indexed: BuildReport['indexed'];
    let indexError: string | undefined;
    // A folder has no D1: its search index is the Worker's (npm run publish), never the folder's.
    const index = target.index?.bind(target);
    if (
      index &&
      options.switchLive !== false &&
      (switching || options.reindex || previous.state.searchIndexed !== planned.rootHash)
    ) {
      const reset = options.reindex === true || previous.state.searchIndexed !== base.root || base.root === null;
      try {
        indexed = await updateIndex(index, reset ? { articles, removed: [] } : planned.changed, reset);
        saveSearchIndexed(stateFile, planned.rootHash);
      } catch (error) {
        indexError = error instanceof Error ? error.message : String(error);
      }
      stage('search index');
    }
    return {
      ...report,
      media: { files: media.files.length, encoded: media.encoded, uploaded: mediaUploaded },
      plan: planned.report,
      uploaded: uploads.counts,
      root: planned.rootHash,
      ...(sequence !== undefined ? { sequence } : { sequence: base.sequence }),
      previousFrom: previous.from,
      ...(indexed ? { indexed } : {}),
      ...(indexError ? { indexError } : {}),
      timings,
    };
  } finally {
    content.close();
  }
}

/**
 * The code version of what this process runs: worked out once, since the code was loaded when the process started
 * (a source file edited while `npm run dev` runs is not what it runs; reading all of src/ again cost every save ~30 ms).
 */
let codeHashOnce: Promise<string> | undefined;
function runningCodeHash(): Promise<string> {
  codeHashOnce ??= buildCodeHash(resolve(import.meta.dirname, '..', '..'));
  return codeHashOnce;
}

/**
 * Fault injection for the kill tests (test/e2e/dev-server.test.ts): `WIREFEED_KILL_AT=<point>` ends the process there
 * with SIGKILL, as a crash or an operator would: a stage's name after it (`parse`, `state`, `render and upload`: every
 * object up, nothing switched; `pictures`; `switch`: switched, the state and the parse index kept, the search index not yet told),
 * `upload:<n>` after the n-th object, `switched` between the switch and keeping the state. Unset: nothing.
 */
function killPoint(at: string): void {
  if (process.env.WIREFEED_KILL_AT === at) process.kill(process.pid, 'SIGKILL');
}

/** Bytes of search rows sent at once (their text included): well within the endpoint's 8 MiB. */
const indexBatchBytes = 2 * 1024 * 1024;

/**
 * Sends the search index what this publish changed (the plan's own list: what it rendered and what left), or every
 * article when `reset`; retracted articles leave it. Embargoed articles go in with their release instant: the index
 * keeps them out of results until then.
 */
async function updateIndex(
  index: NonNullable<ArchiveTarget['index']>,
  changed: PlannedArchive['changed'],
  reset: boolean,
): Promise<NonNullable<BuildReport['indexed']>> {
  const upsert = changed.articles.filter((article) => !article.retracted);
  const remove = [...changed.removed];
  if (!reset) for (const article of changed.articles) if (article.retracted) remove.push(article.slug);
  let batch: SearchRow[] = [];
  let bytes = 0;
  let first = true;
  const send = async (last: boolean) => {
    if (batch.length === 0 && !(last && (first || remove.length > 0))) return;
    await index({ upsert: batch, remove: first ? remove : [], ...(first && reset ? { reset: true } : {}) });
    first = false;
    batch = [];
    bytes = 0;
  };
  for (const article of upsert) {
    const row = searchRow(article, releaseOf(article));
    batch.push(row);
    bytes += row.body.length * 3 + row.title.length * 3 + row.summary.length * 3 + 200;
    if (bytes >= indexBatchBytes) await send(false);
  }
  await send(true);
  return { upserted: upsert.length, removed: remove.length, reset };
}

/** Reads content/ through the parse cache (a fresh one in a temporary folder when checking only). */
async function loadArticles(
  options: RunBuildOptions,
  cacheDir: string,
  codeHash: string,
): Promise<{
  loaded: LoadedContent;
  files: number;
  counts: BuildReport['parsed'];
  partners: readonly Partner[];
  partnerProblems: readonly ContentProblem[];
  /** Keeps the parse index and the change journal (once; close() does it when nothing did). */
  save: () => void;
  close: () => void;
}> {
  const contentDir = resolve(options.contentDir);
  const scratch = options.target === undefined ? mkdtempSync(join(tmpdir(), 'wirefeed-bodies-')) : undefined;
  const siteText = (() => {
    try {
      return readFileSync(join(contentDir, 'site.yaml'), 'utf8');
    } catch {
      return '';
    }
  })();
  const parseDir = scratch ?? join(cacheDir, 'parse');
  // What changed since the last good build, by the watcher or git (git answers while the parse index is read); a
  // check (a scratch cache) looks at everything.
  const asking = scratch
    ? undefined
    : changeList({
        file: join(parseDir, 'journal.bin'),
        contentDir,
        indexStamp: () => parseIndexStamp(parseDir),
        ...(options.changed ? { watched: options.changed } : {}),
      });
  // Every parse depends on the code, the size bounds (in the code), site.yaml's bytes and the base URL given.
  const parseCache = openParseCache(parseDir, `${codeHash}\n${options.baseUrl ?? ''}\n${siteText}`, contentDir);
  const changes = await asking?.catch((error: unknown) => {
    parseCache.close();
    throw error;
  });
  if (changes?.changes) parseCache.trust(changes.changes.changed);
  let files = 0;
  try {
    const loaded = await loadContent(contentDir, {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      media: { cacheDir: join(cacheDir, 'media') },
      store: parseCache,
      ...(changes?.changes ? { changes: changes.changes } : {}),
      ...(options.pool ? { parser: options.pool.parse } : {}),
      progress: (done, total) => {
        files = total;
        options.progress?.('parse', done, total);
      },
    });
    // The parse index and the change journal of files that all parsed: kept once the version is live (a publish waits
    // for nothing it does not need), or when the build ends otherwise. Killed before, the next build parses these
    // files again (git or the watcher names them again, since the journal is the one before).
    // A cache that cannot be written is no cache, and no reason to call a publish that went live failed: said, not thrown.
    let saved = scratch !== undefined;
    const save = () => {
      if (saved) return;
      saved = true;
      try {
        parseCache.save(loaded.listing.files);
        changes?.save(loaded.listing);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        process.stderr.write(
          `wirefeed: the parse cache was not kept (${reason}); the next build parses these files again\n`,
        );
      }
    };
    const partners = loadPartners(contentDir, loaded.articles);
    return {
      loaded,
      files,
      counts: { ...parseCache.counts, changesFrom: changes?.from ?? 'none' },
      ...partners,
      save,
      close: () => {
        save();
        parseCache.close();
        if (scratch) rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    parseCache.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

/**
 * content/partners.yaml, when there is one: its partners, and its problems (a mistake in it stops the publish, as
 * any mistake in the publisher's own metadata does), each section checked against the archive's articles.
 */
function loadPartners(
  contentDir: string,
  articles: readonly Article[],
): { partners: readonly Partner[]; partnerProblems: readonly ContentProblem[] } {
  const file = join(contentDir, 'partners.yaml');
  if (!existsSync(file)) return { partners: [], partnerProblems: [] };
  const parsed = parsePartners(relative(process.cwd(), file) || file, readFileSync(file, 'utf8'));
  if (!parsed.ok) return { partners: [], partnerProblems: parsed.problems };
  const known = new Set(articles.flatMap(sectionIdsOf));
  return { partners: parsed.partners, partnerProblems: unknownSectionProblems(parsed, known) };
}

/** The pack writer's sink: each sealed object sent unless the archive has it, a few at once, in the background. */
function uploader(target: ArchiveTarget) {
  const inFlight = new Set<Promise<void>>();
  const counts = { objects: 0, bytes: 0 };
  let failure: unknown;
  const send = async (hash: string, bytes: Uint8Array) => {
    // A small object is sent without asking first (one round trip, not two: a save's few objects are all small); a
    // large one only when the archive lacks it.
    if (bytes.length > askFirstBytes && (await target.missing([hash], [])).objects.length === 0) return;
    if (!(await target.putObject(hash, bytes))) return;
    counts.objects++;
    counts.bytes += bytes.length;
    killPoint(`upload:${counts.objects}`);
  };
  return {
    counts,
    async put({ hash, bytes }: { hash: string; bytes: Uint8Array }) {
      if (failure) throw failure;
      while (inFlight.size >= uploadsInFlight) await Promise.race(inFlight);
      const sending: Promise<void> = send(hash, bytes).then(
        () => {
          inFlight.delete(sending);
        },
        (error: unknown) => {
          inFlight.delete(sending);
          failure ??= error;
        },
      );
      inFlight.add(sending);
    },
    async drain() {
      await Promise.all(inFlight);
      if (failure) throw failure;
    },
  };
}

/** Pictures the archive lacks, each sent with its SHA-256; the count sent. */
async function uploadMedia(target: ArchiveTarget, files: readonly { path: string; source: string }[]): Promise<number> {
  const names = files.map((file) => file.path.slice('media/'.length));
  let sent = 0;
  for (let start = 0; start < names.length; start += 1000) {
    const { media } = await target.missing([], names.slice(start, start + 1000));
    for (const name of media) {
      const file = files.find((candidate) => candidate.path === `media/${name}`);
      if (file === undefined) continue;
      const bytes = readFileSync(file.source);
      await target.putMedia(name, createHash('sha256').update(bytes).digest('hex'), bytes);
      sent++;
    }
  }
  return sent;
}

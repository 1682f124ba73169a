/** The build's render jobs: the pure work a worker thread (or the main thread) does, naming articles by position. */

import { type FragmentRecord, fragmentRecord } from '../../archive/chunk-file.ts';
import { articlePackPath, type ListFormat, listChunkPath, ninjsPackPath } from '../../archive/layout.ts';
import { encodeRecordBytes } from '../../archive/record-file.ts';
import { chunkFormats } from '../../archive/section-layout.ts';
import type { Article } from '../../model/article.ts';
import type { Site } from '../../model/site.ts';
import { renderAtomEntry } from '../../render/atom.ts';
import { renderIndexEntry } from '../../render/index-page.ts';
import { renderJsonFeedItem } from '../../render/json-feed.ts';
import { renderRssItem } from '../../render/rss.ts';
import { renderArticlePack } from './article-pack.ts';
import { renderNinjsPack } from './ninjs-pack.ts';

/** What every job of one build shares: the site and the headers pages are served with. */
export interface JobContext {
  readonly site: Site;
  readonly htmlHeaders: Readonly<Record<string, string>>;
  readonly ninjsHeaders: Readonly<Record<string, string>>;
}

/** A build's jobs' context with the whole archive, newest first: jobs name their articles by position in it. */
export interface RenderContext extends JobContext {
  readonly articles: readonly Article[];
}

/** A slug pack: its article pages' file, its ninjs file, or both (positions in the archive, pack order). */
export interface PackJob {
  readonly kind: 'pack';
  readonly pack: number;
  readonly members: readonly number[];
  readonly page: boolean;
  readonly ninjs: boolean;
}

/**
 * A page-size run of the site's lists (publication order, oldest first): the chunk files of `formats`, and
 * with `records` each member's fragments in every format, for the section chunks they also go into.
 */
export interface ListJob {
  readonly kind: 'list';
  readonly chunk: number;
  readonly members: readonly number[];
  readonly formats: readonly ListFormat[];
  readonly records: boolean;
}

export type RenderJob = PackJob | ListJob;

/** A file to store, as the bytes it is stored with. */
export interface RenderedFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface JobResult {
  readonly files: readonly RenderedFile[];
  /** A list job's members' fragments (with `records`), in member order. */
  readonly records?: readonly FragmentRecord[];
}

/** Runs jobs somewhere (worker threads, build-pool.ts) for one build's context; in place by default (build-site.ts). */
export type RenderJobs = (context: RenderContext) => (job: RenderJob) => Promise<JobResult>;

const fragmentRenderers: Readonly<Record<ListFormat, (site: Site, article: Article) => string>> = {
  rss: renderRssItem,
  atom: renderAtomEntry,
  json: renderJsonFeedItem,
  index: renderIndexEntry,
};

const encoder = new TextEncoder();

/** The job's articles, by their positions in the archive. */
export function jobMembers(context: RenderContext, job: RenderJob): Article[] {
  return job.members.map((position) => {
    const article = context.articles[position];
    if (article === undefined) throw new Error(`render job: no article at position ${position}`);
    return article;
  });
}

/** The job's files and records, from its `members` (jobMembers); the same bytes wherever it runs (the renderers are pure). */
export async function runRenderJob(
  context: JobContext,
  job: RenderJob,
  members: readonly Article[],
): Promise<JobResult> {
  return job.kind === 'pack' ? { files: await packFiles(context, job, members) } : listFiles(context, job, members);
}

async function packFiles(context: JobContext, job: PackJob, members: readonly Article[]): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  if (job.page)
    files.push({
      path: articlePackPath(job.pack),
      bytes: await renderArticlePack(context.site, members, context.htmlHeaders),
    });
  if (job.ninjs)
    files.push({
      path: ninjsPackPath(job.pack),
      bytes: await renderNinjsPack(context.site, members, context.ninjsHeaders),
    });
  return files;
}

function listFiles(context: JobContext, job: ListJob, members: readonly Article[]): JobResult {
  // Each fragment is rendered once: for the site's chunk files and for the section chunks alike.
  const formats = job.records ? chunkFormats : job.formats;
  const encoded = members.map((article) =>
    formats.map((format) => encoder.encode(fragmentRenderers[format](context.site, article))),
  );
  const files = job.formats.map((format) => {
    const position = formats.indexOf(format);
    return {
      path: listChunkPath(format, job.chunk),
      bytes: encodeRecordBytes(encoded.map((parts) => ({ meta: 0, bytes: parts[position] ?? new Uint8Array() }))),
    };
  });
  return job.records ? { files, records: encoded.map(fragmentRecord) } : { files };
}

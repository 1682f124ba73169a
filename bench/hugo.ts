/**
 * Hugo section (issue 16): for each archive size, the generated wire copy (50 tags, 200 sources) converted to a Hugo
 * site (bench/hugo-site.ts), then a clean wirefeed build (`npm run build`: the CLI into the folder target, a fresh
 * cache, default workers) and a clean `hugo` build of the same corpus in interleaved rounds, wall time and peak RSS
 * each; the figure is wirefeed's wall time over Hugo's. Needs Debian's `hugo` (`apt-get install -y hugo`); without it
 * the section says so and measures nothing. Runs with `--scale`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parseFile } from '../src/builder/content/parse-file.ts';
import { sidecarPathOf } from '../src/content/sidecar.ts';
import { parseSiteConfig } from '../src/content/site-config.ts';
import { keptCorpus } from './generate-corpus.ts';
import { hugoArticle, hugoConfig, hugoLayouts, hugoPage } from './hugo-site.ts';
import { memoryAvailableBytes } from './proc.ts';
import { runCli } from './publish-cli.ts';
import { median, round, spread } from './stats.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';

const SECTION = 'hugo';
const run = promisify(execFile);
const MiB = 1024 * 1024;
const BASE_URL = 'https://news.example.com';
/** What /usr/bin/time prints on the build's last stderr line: wall, user, system seconds, peak RSS in KiB. */
const TIME_TAG = 'wirefeed-bench-time';

/** One build's cost. */
export interface BuildCost {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly maxRssBytes: number;
  /** Bytes the build wrote (`du -sb` of its output). */
  readonly outputBytes: number;
}

/** One archive size: every round of each builder, and the medians the figures and the SVG use. */
export interface HugoPoint {
  readonly articles: number;
  readonly wirefeed: readonly BuildCost[];
  readonly hugo: readonly BuildCost[];
  readonly hugoWallSeconds: number;
  readonly hugoRssMiB: number;
  /** wirefeed / Hugo wall time, per round. */
  readonly ratios: readonly number[];
}

/** `hugo version`'s line, or undefined when no hugo is installed. */
async function hugoVersion(): Promise<string | undefined> {
  try {
    return (await run('hugo', ['version'])).stdout.trim();
  } catch {
    return undefined;
  }
}

/** Writes the Hugo site of the wirefeed content folder `contentDir` into `siteDir`; returns the number of pages. */
export function writeHugoSite(contentDir: string, siteDir: string): number {
  const config = parseSiteConfig('site.yaml', readFileSync(join(contentDir, 'site.yaml'), 'utf8'), {
    baseUrl: BASE_URL,
  });
  if (!config.ok) throw new Error(`site.yaml: ${config.problems.map((problem) => problem.message).join('; ')}`);
  const { site } = config;
  rmSync(siteDir, { recursive: true, force: true });
  const pages = join(siteDir, 'content', 'articles');
  mkdirSync(pages, { recursive: true });
  writeFileSync(join(siteDir, 'config.json'), hugoConfig(site));
  for (const [path, template] of Object.entries(hugoLayouts)) {
    mkdirSync(dirname(join(siteDir, 'layouts', path)), { recursive: true });
    writeFileSync(join(siteDir, 'layouts', path), template);
  }
  const names = new Set(readdirSync(join(contentDir, 'articles')));
  let count = 0;
  for (const name of names) {
    if (!name.endsWith('.txt')) continue;
    const file = `articles/${name}`;
    const sidecarName = sidecarPathOf(name);
    const result = parseFile({
      file,
      text: readFileSync(join(contentDir, file), 'utf8'),
      site,
      ...(names.has(sidecarName)
        ? {
            sidecar: {
              file: `articles/${sidecarName}`,
              text: readFileSync(join(contentDir, 'articles', sidecarName), 'utf8'),
              wireCopyFile: file,
            },
          }
        : {}),
    });
    if (!result.ok) throw new Error(`${file}: ${result.problems.map((problem) => problem.message).join('; ')}`);
    if (result.draft) continue;
    const page = hugoArticle(result.article);
    writeFileSync(join(pages, `${page.slug}.md`), hugoPage(page));
    count++;
  }
  return count;
}

/** Hugo's peak RSS at `articles`, extrapolated from the sizes measured so far (0 before the first). */
function projectedPeakMiB(points: readonly HugoPoint[], articles: number): number {
  const last = points.at(-1);
  const before = points.at(-2);
  if (last === undefined) return 0;
  if (before === undefined) return (last.hugoRssMiB * articles) / last.articles;
  const exponent = Math.log(last.hugoRssMiB / before.hugoRssMiB) / Math.log(last.articles / before.articles);
  // Never less than square-root growth: two noisy points must not promise a flat peak.
  return last.hugoRssMiB * (articles / last.articles) ** Math.max(exponent, 0.5);
}

/** `du -sb dir`: the bytes below it. */
async function directoryBytes(dir: string): Promise<number> {
  return Number((await run('du', ['-sb', dir])).stdout.split('\t')[0]);
}

/**
 * Disk the next size needs at once (one build's output lives at a time, beside the corpus and the Hugo site): the
 * larger builder's bytes per article at the last size, plus about 30 KB of input per article.
 */
function projectedDiskBytes(points: readonly HugoPoint[], articles: number): number {
  const last = points.at(-1);
  if (last === undefined) return 0;
  const perArticle = Math.max(...[...last.wirefeed, ...last.hugo].map((cost) => cost.outputBytes)) / last.articles;
  return (perArticle + 30_000) * articles;
}

/** A clean `hugo` build of `siteDir` into `outDir` (no resources/, no cache dir), timed by /usr/bin/time. */
async function buildHugo(siteDir: string, outDir: string, cacheDir: string, pages: number): Promise<BuildCost> {
  for (const dir of [outDir, cacheDir, join(siteDir, 'resources')]) rmSync(dir, { recursive: true, force: true });
  const { stderr } = await run(
    '/usr/bin/time',
    [
      '-f',
      `${TIME_TAG} %e %U %S %M`,
      // The first process the OOM killer ends, should Hugo outgrow the memory other builds on the machine need.
      'choom',
      '-n',
      '1000',
      '--',
      'hugo',
      '--quiet',
      '--ignoreCache',
      '--cacheDir',
      cacheDir,
      '-s',
      siteDir,
      '-d',
      outDir,
    ],
    { maxBuffer: 64 * MiB },
  );
  const line = stderr.split('\n').find((text) => text.startsWith(TIME_TAG));
  const [wall, user, system, rssKiB] = (line ?? '').slice(TIME_TAG.length).trim().split(' ').map(Number);
  if (wall === undefined || user === undefined || system === undefined || rssKiB === undefined || Number.isNaN(wall))
    throw new Error(`hugo: no timing line from /usr/bin/time:\n${stderr}`);
  // Every article must have its page, or Hugo did less work than wirefeed (future dates, drafts, a template error).
  const rendered = readdirSync(join(outDir, 'articles')).length;
  if (rendered !== pages) throw new Error(`hugo rendered ${rendered} article pages of ${pages}`);
  return {
    wallSeconds: wall,
    cpuSeconds: user + system,
    maxRssBytes: rssKiB * 1024,
    outputBytes: await directoryBytes(outDir),
  };
}

/** A clean wirefeed build, as `npm run build` into a folder with a fresh cache and the default workers. */
async function buildWirefeed(root: string, contentDir: string, outDir: string): Promise<BuildCost> {
  rmSync(outDir, { recursive: true, force: true });
  const archive = join(outDir, 'archive');
  const built = await runCli({
    root,
    args: ['--content', contentDir, '--base-url', BASE_URL, '--archive', archive, '--cache', join(outDir, 'cache')],
  });
  return {
    wallSeconds: built.wallSeconds,
    cpuSeconds: built.cpuSeconds,
    maxRssBytes: built.maxRssBytes,
    outputBytes: await directoryBytes(archive),
  };
}

export async function runHugo(options: BenchOptions): Promise<SectionResult> {
  const version = await hugoVersion();
  if (version === undefined)
    return {
      section: SECTION,
      title:
        "wirefeed vs Hugo: not measured, no hugo on this machine (Debian's: `apt-get update && apt-get install -y hugo`)",
      figures: [],
      details: { hugoVersion: null },
    };
  const points: HugoPoint[] = [];
  const skipped: { articles: number; reason: string }[] = [];
  for (const articles of options.scaleSizes) {
    // Hugo holds the whole site in memory, so a size it would not fit in (on a machine shared with other builds) is
    // reported, not run into the OOM killer: its peak extrapolated on the log-log line of the last two sizes
    // (measured 254 MiB at 1,000, 1,800 MiB at 10,000: exponent 0.85), linearly from one.
    const needMiB = projectedPeakMiB(points, articles);
    const availableMiB = memoryAvailableBytes() / MiB;
    const needDisk = projectedDiskBytes(points, articles);
    const { bavail, bsize } = statfsSync(options.tmp);
    const reason =
      needMiB > 0.8 * availableMiB
        ? `Hugo would need ~${needMiB.toFixed(0)} MiB, ${availableMiB.toFixed(0)} MiB available`
        : needDisk > 0.8 * bavail * bsize
          ? `the builds would need ~${(needDisk / 1024 ** 3).toFixed(1)} GiB of disk, ${((bavail * bsize) / 1024 ** 3).toFixed(1)} GiB free`
          : undefined;
    if (reason !== undefined) {
      options.progress(`hugo: ${articles} articles not run: ${reason}`);
      skipped.push({ articles, reason });
      continue;
    }
    const size = articles.toLocaleString('en-US');
    const content = await keptCorpus(options.root, articles, (line) => options.progress(`hugo: ${line}`));
    const siteDir = join(options.tmp, `hugo-${articles}-hugo`);
    const pages = writeHugoSite(content, siteDir);
    options.progress(`hugo: ${size} articles converted to ${pages} Hugo pages`);
    const rounds = articles >= 100_000 ? 1 : 2;
    const wirefeed: BuildCost[] = [];
    const hugo: BuildCost[] = [];
    const wirefeedOut = join(options.tmp, `hugo-${articles}-wirefeed-out`);
    const hugoOut = join(options.tmp, `hugo-${articles}-hugo-out`);
    const builders = [
      async () => {
        wirefeed.push(await buildWirefeed(options.root, content, wirefeedOut));
        rmSync(wirefeedOut, { recursive: true, force: true });
        return `wirefeed ${wirefeed.at(-1)?.wallSeconds.toFixed(1)} s`;
      },
      async () => {
        hugo.push(await buildHugo(siteDir, hugoOut, join(options.tmp, 'hugo-cache'), pages));
        rmSync(hugoOut, { recursive: true, force: true });
        return `hugo ${hugo.at(-1)?.wallSeconds.toFixed(1)} s`;
      },
    ];
    try {
      for (let index = 0; index < rounds; index++) {
        // Interleaved: wirefeed first in rounds 1, 3, …, Hugo first in rounds 2, 4, ….
        const order = index % 2 === 0 ? builders : [...builders].reverse();
        const done: string[] = [];
        for (const build of order) done.push(await build());
        options.progress(`hugo: ${size} round ${index + 1}/${rounds}: ${done.join(', ')}`);
      }
    } catch (error) {
      // A build that dies (Hugo ended by the OOM killer, say) loses this size, not the figures of the others.
      const reason = `a build failed: ${String(error).split('\n')[0]}`;
      options.progress(`hugo: ${articles} articles: ${reason}`);
      skipped.push({ articles, reason });
      continue;
    } finally {
      for (const dir of [siteDir, wirefeedOut, hugoOut]) rmSync(dir, { recursive: true, force: true });
    }
    points.push({
      articles,
      wirefeed,
      hugo,
      hugoWallSeconds: median(hugo.map((cost) => cost.wallSeconds)),
      hugoRssMiB: median(hugo.map((cost) => cost.maxRssBytes)) / MiB,
      ratios: wirefeed.map((cost, index) => cost.wallSeconds / (hugo[index]?.wallSeconds ?? Number.NaN)),
    });
  }
  const figures: Figure[] = points.flatMap((point): Figure[] => {
    const size = point.articles.toLocaleString('en-US');
    const seconds = (costs: readonly BuildCost[]) => round(median(costs.map((cost) => cost.wallSeconds)), 1);
    const mib = (costs: readonly BuildCost[]) => round(median(costs.map((cost) => cost.maxRssBytes)) / MiB, 0);
    return [
      {
        section: SECTION,
        id: `${point.articles}.ratio`,
        label: `wirefeed / Hugo wall time, clean builds, ${size} articles`,
        value: round(median(point.ratios), 2),
        unit: 'x',
        ...(point.ratios.length > 1
          ? { spread: spread(point.ratios).map((value) => round(value, 2)) as [number, number] }
          : {}),
        ...(point.articles >= 10_000 ? { target: 0.25 } : {}),
        note: `median of ${point.ratios.length} interleaved round(s); ${version.split(' ')[1] ?? version}`,
      },
      ...(['wirefeed', 'hugo'] as const).flatMap((builder) => {
        const name = builder === 'hugo' ? 'Hugo' : builder;
        const info = (id: string, label: string, value: number, unit: Figure['unit']): Figure => ({
          section: SECTION,
          id: `${point.articles}.${builder}.${id}`,
          label: `${name} ${label}, ${size} articles`,
          value,
          unit,
        });
        const written = round(median(point[builder].map((cost) => cost.outputBytes)) / MiB, 0);
        return [
          info('wall', 'clean build', seconds(point[builder]), 's'),
          info('rss', 'peak RSS', mib(point[builder]), 'MiB'),
          info('bytes', 'output written', written, 'MiB'),
        ];
      }),
    ];
  });
  return {
    section: SECTION,
    title: `wirefeed vs Hugo, clean builds of the same generated corpus (${version})${skipped
      .map((skip) => `; ${skip.articles} articles not measured (${skip.reason})`)
      .join('')}`,
    figures,
    details: { hugoVersion: version, points, skipped },
  };
}

/** Runs Universal Feed Parser (Debian's python3-feedparser) over feed files through parse_feeds.py. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./parse_feeds.py', import.meta.url));

/** The first Python 3 that can import feedparser: Debian's own first (a pyenv `python3` does not see its packages). */
export const feedparserPython = ['/usr/bin/python3', 'python3'].find(
  (python) => spawnSync(python, ['-c', 'import feedparser'], { stdio: 'ignore' }).status === 0,
);

export const missingFeedparserMessage =
  'Python 3 with feedparser not found: install it with `apt-get install python3-feedparser`, then run the tests again.';

export interface ParsedLink {
  readonly rel?: string;
  readonly type?: string;
  readonly href?: string;
  readonly title?: string;
}

export interface ParsedEntry {
  readonly id: string | null;
  readonly guidislink: boolean | null;
  readonly title: string | null;
  readonly title_type: string | null;
  readonly link: string | null;
  readonly links: readonly ParsedLink[];
  readonly published: string | null;
  readonly published_ms: number | null;
  readonly updated: string | null;
  readonly updated_ms: number | null;
  readonly summary: string | null;
  readonly content: readonly { readonly type: string; readonly value: string }[];
  readonly source: { readonly href?: string; readonly title?: string } | null;
  readonly contributors: readonly { readonly name?: string }[];
  readonly author: string | null;
  readonly rights: string | null;
  readonly tags: readonly string[];
  readonly language: string | null;
  /** RSS `enclosure` / Atom `link rel="enclosure"`: href, length, type. */
  readonly enclosures: readonly Readonly<Record<string, string>>[];
  /** Media RSS, as feedparser's media module reads it. */
  readonly media_content: readonly Readonly<Record<string, string>>[];
  readonly media_credit: readonly Readonly<Record<string, string>>[];
  readonly media_thumbnail: readonly Readonly<Record<string, string>>[];
  readonly media_copyright: Readonly<Record<string, string>> | string | null;
}

/** What parse_feeds.py reports for one file. */
export interface ParsedFeed {
  readonly bozo: number;
  readonly bozo_exception: string | null;
  /** `rss20`, `atom10`, … (`''` when feedparser does not recognise the format). */
  readonly version: string;
  readonly encoding: string;
  readonly namespaces: Readonly<Record<string, string>>;
  readonly feed: {
    readonly id: string | null;
    readonly title: string | null;
    readonly link: string | null;
    readonly links: readonly ParsedLink[];
    readonly subtitle: string | null;
    readonly rights: string | null;
    readonly language: string | null;
    readonly updated: string | null;
    readonly updated_ms: number | null;
    readonly generator: string | null;
    readonly author: string | null;
  };
  readonly entries: readonly ParsedEntry[];
}

/** Parses the files (served with `contentType`) in one Python start; the reports by file path. */
export function parseFeeds(contentType: string, files: readonly string[]): Record<string, ParsedFeed> {
  if (!feedparserPython) throw new Error(missingFeedparserMessage);
  const result = spawnSync(feedparserPython, [script, contentType, ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`parse_feeds.py exited with ${result.status}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, ParsedFeed>;
}

/** feedparser's own version, for messages. */
export function feedparserVersion(): string {
  if (!feedparserPython) return 'none';
  return spawnSync(feedparserPython, ['-c', 'import feedparser; print(feedparser.__version__)'], {
    encoding: 'utf8',
  }).stdout.trim();
}

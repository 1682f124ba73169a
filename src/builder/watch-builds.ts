/** `cli.ts --watch` (what `npm run dev` runs): one long-lived build process that builds again whenever content/ changes. */
import { type FSWatcher, watch } from 'node:fs';
import { sep } from 'node:path';

export interface WatchOptions {
  /** The content folder watched (recursively). */
  readonly contentDir: string;
  /**
   * One build; resolves to its exit status (0: published). Never runs twice at once. `changed` holds the files
   * (relative to the content folder, with `/`) changed since the last good build began; undefined when unknown
   * (the first build, or a burst the watcher could not name), when every file must be checked.
   */
  readonly build: (changed: ReadonlySet<string> | undefined) => Promise<number>;
  /** Quiet time after the last change event before a build starts (an editor's save is several events). @default 20 */
  readonly debounceMs?: number;
  /** Told each build's status; `npm run dev` gets it over IPC (`process.send`). */
  readonly report?: (status: number) => void;
}

/**
 * Builds once, then again after every burst of changes under `contentDir`. A change seen while a build runs
 * starts one more build when it ends, so the last save is always built. The process keeps its loaded code,
 * its worker threads, the parse cache's index (content/parse-cache.ts) and the archive's state (archive/
 * archive-state-store.ts) in memory between builds, which is most of what a one-article publish of a fresh process costs.
 */
export async function watchBuilds(options: WatchOptions): Promise<FSWatcher> {
  const debounceMs = options.debounceMs ?? 20;
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  // Events are gathered from before the first build: a save made while it runs is built next.
  let changed: Set<string> | undefined;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const batch = changed;
    changed = new Set();
    try {
      // Built first, reported after: `report?.(await build())` would skip the build when nobody listens.
      const status = await options.build(batch);
      // A failed build changed nothing: what it was told of is told again to the next (the last good build's journal,
      // change-list.ts, is what the change list is read against).
      if (status !== 0) changed = batch && changed ? new Set([...batch, ...changed]) : undefined;
      options.report?.(status);
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      await run();
    }
  };
  const watcher = watch(options.contentDir, { recursive: true }, (_event, name) => {
    // No name: the watcher lost track (an overflow); the next build checks every file.
    if (name && changed) changed.add(name.split(sep).join('/'));
    else if (!name) changed = undefined;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  });
  await run();
  return watcher;
}

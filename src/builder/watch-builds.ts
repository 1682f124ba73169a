/** `cli.ts --watch` (what `npm run dev` runs): one long-lived build process that builds again whenever content/ changes. */
import { type Dirent, type FSWatcher, readdirSync, watch } from 'node:fs';
import { join } from 'node:path';

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
export async function watchBuilds(options: WatchOptions): Promise<FolderWatcher> {
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
  const watcher = watchFolders(options.contentDir, (name) => {
    // No name: the watcher lost track (an overflow, a folder it could not watch); the next build checks every file.
    if (name && changed) changed.add(name);
    else if (!name) changed = undefined;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  });
  await run();
  return watcher;
}

/** What watchBuilds returns: the folders' watchers, closed together. */
export interface FolderWatcher {
  close(): void;
}

/**
 * Watches every folder below `root` but dot-folders (`.git` is never content), one inotify watch a folder: a folder's
 * watch reports its files' creation, change and removal. Node's `recursive: true` on Linux watches every file as
 * well, and at 100,000 articles (200,000 files) that passes the system's limit of watches (ENOSPC): the publisher
 * ended at the first save. `seen` gets each path (relative to `root`, with `/`), or undefined when a watch failed.
 */
function watchFolders(root: string, seen: (name: string | undefined) => void): FolderWatcher {
  const watchers = new Map<string, FSWatcher>();
  const add = (folder: string) => {
    // Watched again when its parent reports it: a folder removed and made again is another inode.
    watchers.get(folder)?.close();
    let watcher: FSWatcher;
    try {
      watcher = watch(join(root, folder), (event, name) => {
        if (!name) return seen(undefined);
        const path = folder === '' ? name : `${folder}/${name}`;
        seen(path);
        // A new folder (made, or moved in: a 'rename') is watched too, with what it already holds; a save is a 'change'.
        if (event === 'rename' && !name.startsWith('.')) addBelow(path);
      });
    } catch {
      return seen(undefined);
    }
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(folder);
      seen(undefined);
    });
    watchers.set(folder, watcher);
  };
  const addBelow = (folder: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, folder), { withFileTypes: true });
    } catch {
      return;
    }
    add(folder);
    for (const entry of entries)
      if (entry.isDirectory() && !entry.name.startsWith('.'))
        addBelow(folder === '' ? entry.name : `${folder}/${entry.name}`);
  };
  addBelow('');
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

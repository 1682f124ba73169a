/** Build time: writes static assets and the manifest module to staging, then swaps both in, or neither. */

import { Buffer } from 'node:buffer';
import * as nodeFs from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The file operations a build uses; tests pass a wrapper that fails at a chosen step. */
export interface BuildFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { recursive: true; force: true }): Promise<void>;
  /** Whether anything exists at `path`. */
  exists(path: string): Promise<boolean>;
}

export interface PublishOptions {
  /** The static-assets folder the Worker reads (wrangler.toml `[assets]`). */
  readonly assets: string;
  /** The generated manifest module compiled into the Worker. */
  readonly manifest: string;
  /** File operations. @default node:fs/promises */
  readonly fs?: BuildFs;
  /** File writes kept in flight while rendering goes on (each holds its bytes: 16 keep a 100,000-article build under 1 GiB). @default 16 */
  readonly concurrency?: number;
  /** Bytes of one stored file; Workers Static Assets refuses larger ones at deploy. @default 26214400 (25 MiB) */
  readonly maxFileBytes?: number;
}

/** What failed, in the words the build prints: `wirefeed: build failed while <stage>: …`. */
export type BuildStage = 'preparing staging' | 'writing assets' | 'writing the manifest' | 'swapping in the new build';

/** A build that stopped at `stage`; the previous build is still whole. */
export class BuildStageError extends Error {
  readonly stage: BuildStage;

  constructor(stage: BuildStage, cause: unknown) {
    super(`build failed while ${stage}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'BuildStageError';
    this.stage = stage;
  }
}

export const nodeBuildFs: BuildFs = {
  mkdir: (path, options) => nodeFs.mkdir(path, options),
  writeFile: (path, data) => nodeFs.writeFile(path, data),
  rename: (from, to) => nodeFs.rename(from, to),
  rm: (path, options) => nodeFs.rm(path, options),
  exists: (path) =>
    nodeFs.stat(path).then(
      () => true,
      () => false,
    ),
};

/** A staged build: `write` each stored file, then `publish` the manifest source, which swaps both in. */
export interface StagedBuild {
  /** The staging folder: files placed there directly (hard links to cached pictures) are published with the rest. */
  readonly folder: string;
  write(path: string, data: string | Uint8Array): Promise<void>;
  /** Records `path` (bytes tagged `tag`) as part of this build: true when the published tree already holds them, else the caller places the file in `folder`. */
  keeps(path: string, tag: string): boolean;
  /** Tags the file just written at `path` with `tag` (the render cache's key for its bytes), so a later build that places that cached file finds it already published. */
  tagWritten(path: string, tag: string): void;
  /** Waits for every write in flight; throws the first one that failed. */
  settle(): Promise<void>;
  publish(manifestSource: string): Promise<void>;
}

/**
 * Writes go to `<assets>.staging` and `<manifest>.tmp`. `publish` waits for every write, then renames the
 * old assets aside, the staging folder in and the manifest in; if any rename fails, the ones done are
 * undone, so the Worker never sees new assets with an old manifest (or the reverse).
 */
export async function stageBuild(options: PublishOptions): Promise<StagedBuild> {
  const fs = options.fs ?? nodeBuildFs;
  const limit = options.concurrency ?? 16;
  const maxFileBytes = options.maxFileBytes ?? 25 * 1024 * 1024;
  const staging = `${options.assets}.staging`;
  const previous = `${options.assets}.old`;
  const manifestTmp = `${options.manifest}.tmp`;
  await step('preparing staging', async () => {
    await fs.rm(staging, { recursive: true, force: true });
    await fs.mkdir(staging, { recursive: true });
  });

  const folders = new Set<string>([staging]);
  const pending = new Set<Promise<void>>();
  let failure: BuildStageError | undefined;
  const settle = async () => {
    while (pending.size > 0) await Promise.race(pending);
    if (failure) throw failure;
  };

  return {
    folder: staging,
    async write(path, data) {
      if (failure) throw failure;
      const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
      if (bytes > maxFileBytes)
        throw new BuildStageError(
          'writing assets',
          new Error(
            `${path} would be ${bytes} bytes; a stored file may be at most ${maxFileBytes} (wrangler refuses it)`,
          ),
        );
      while (pending.size >= limit) await Promise.race(pending);
      const file = join(staging, path);
      const write = async () => {
        if (!folders.has(dirname(file))) {
          await fs.mkdir(dirname(file), { recursive: true });
          folders.add(dirname(file));
        }
        await fs.writeFile(file, data);
      };
      // Each write's failure is kept (never an unhandled rejection) and reported once, naming the file.
      const promise: Promise<void> = write()
        .catch((error: unknown) => {
          failure ??= new BuildStageError('writing assets', new Error(`${path}: ${messageOf(error)}`));
        })
        .finally(() => pending.delete(promise));
      pending.add(promise);
    },

    keeps: () => false,
    tagWritten: () => {},
    settle,

    async publish(manifestSource) {
      await settle();
      await step('writing the manifest', async () => {
        await fs.mkdir(dirname(options.manifest), { recursive: true });
        await fs.writeFile(manifestTmp, manifestSource);
      });
      await step('swapping in the new build', async () => {
        await fs.rm(previous, { recursive: true, force: true });
        const hadAssets = await fs.exists(options.assets);
        if (hadAssets) await fs.rename(options.assets, previous);
        try {
          await fs.rename(staging, options.assets);
        } catch (error) {
          if (hadAssets) await fs.rename(previous, options.assets);
          throw error;
        }
        try {
          await fs.rename(manifestTmp, options.manifest);
        } catch (error) {
          await fs.rename(options.assets, staging);
          if (hadAssets) await fs.rename(previous, options.assets);
          throw new Error(`${options.manifest}: ${messageOf(error)}`);
        }
      });
      // The new build is whole from here on: a leftover old folder is only untidy.
      await fs.rm(previous, { recursive: true, force: true }).catch(() => {});
    },
  };

  async function step(stage: BuildStage, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      await fs.rm(manifestTmp, { recursive: true, force: true }).catch(() => {});
      throw error instanceof BuildStageError ? error : new BuildStageError(stage, error);
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

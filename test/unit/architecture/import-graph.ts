/** Reads src/'s import graph from the files themselves: which module imports which, and which folder each sits in. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** One module of src/: its path relative to src/ (with `/`), and what it imports. */
export interface Module {
  readonly path: string;
  /** Relative imports resolved to paths under src/ (with `/`). */
  readonly imports: readonly string[];
  /** Bare specifiers (packages and `node:` built-ins). */
  readonly packages: readonly string[];
}

const specifier =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*(['"])([^'"]+)\1|(?:^|[\s;])import\s*(['"])([^'"]+)\3|import\(\s*(['"])([^'"]+)\5\s*\)|new URL\(\s*(['"])(\.[^'"]+\.ts)\7\s*,\s*import\.meta\.url/gm;

/** Every `.ts` module under `srcDir` and its imports, `import type` included (a type import is still a dependency of the folder). */
export function readModules(srcDir: string): Module[] {
  const files = readdirSync(srcDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
  return files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const imports: string[] = [];
    const packages: string[] = [];
    for (const match of text.matchAll(specifier)) {
      const spec = match[2] ?? match[4] ?? match[6] ?? match[8];
      if (spec === undefined) continue;
      if (spec.startsWith('.')) imports.push(toSrcPath(srcDir, resolve(dirname(file), spec)));
      else packages.push(spec);
    }
    return { path: toSrcPath(srcDir, file), imports, packages };
  });
}

function toSrcPath(srcDir: string, file: string): string {
  return relative(srcDir, file).split(sep).join('/');
}

/** The folder a module belongs to: its first segment under src/, or `entry` for src/index.ts and src/app.ts. */
export function folderOf(path: string): string {
  const slash = path.indexOf('/');
  return slash === -1 ? 'entry' : path.slice(0, slash);
}

/** Every module reachable from `start` through relative imports. */
export function closure(modules: readonly Module[], start: string): Set<string> {
  const byPath = new Map(modules.map((module) => [module.path, module]));
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const path = stack.pop() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const next of byPath.get(path)?.imports ?? []) stack.push(next);
  }
  return seen;
}

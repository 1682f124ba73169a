// A file's folder says when it runs (README "Map of `src/`"): the Worker never imports build-time or Node-only code, and no
// folder depends on another in a circle.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closure, folderOf, type Module, readModules } from './import-graph.ts';

const modules = readModules(resolve('src'));

/** Each folder of src/ and the folders it may import; anything else is a wrong-way dependency. */
const allowed: Readonly<Record<string, readonly string[]>> = {
  // src/generated/: files a tool writes (the Worker's code version, its Env types); they import nothing.
  generated: [],
  shared: [],
  model: ['shared'],
  render: ['model', 'shared'],
  content: ['model', 'shared', 'render'],
  archive: ['model', 'shared', 'render'],
  worker: ['model', 'shared', 'render', 'archive'],
  entry: ['worker', 'model', 'shared', 'render', 'archive', 'generated'],
  builder: ['model', 'shared', 'render', 'content', 'archive'],
};

/** Packages only the build may load: Node built-ins and the parsing, sanitizing and picture libraries. */
const buildOnlyPackage = /^(?:node:|yaml$|marked$|sanitize-html$|sharp$)/;

function folderEdges(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const module of modules)
    for (const target of module.imports) {
      const [from, to] = [folderOf(module.path), folderOf(target)];
      if (from === to) continue;
      const set = edges.get(from) ?? new Set<string>();
      set.add(to);
      edges.set(from, set);
    }
  return edges;
}

describe('src/ folders', () => {
  it('reads every module of src/ (the walk is not empty)', () => {
    expect(modules.length).toBeGreaterThan(100);
    expect(new Set(modules.map((module) => folderOf(module.path)))).toEqual(new Set(Object.keys(allowed)));
  });

  it('every import goes from a folder to one it may depend on', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const module of modules)
      for (const target of module.imports) {
        const [from, to] = [folderOf(module.path), folderOf(target)];
        checked++;
        if (from !== to && !allowed[from]?.includes(to)) wrong.push(`${module.path} -> ${target}`);
      }
    expect(checked).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  });

  it('the folder graph has no cycle', () => {
    const edges = folderEdges();
    const cycles: string[] = [];
    const visit = (folder: string, path: readonly string[]) => {
      for (const next of edges.get(folder) ?? []) {
        if (path.includes(next)) cycles.push([...path, next].join(' -> '));
        else visit(next, [...path, next]);
      }
    };
    for (const folder of edges.keys()) visit(folder, [folder]);
    expect(edges.size).toBeGreaterThan(5);
    expect(cycles).toEqual([]);
  });

  it('the Worker (everything src/index.ts reaches) loads no Node-only package and no build-time folder', () => {
    const { reached, problems } = requestTimeProblems(modules);
    expect(reached).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });

  it('the check names a request-time module that imports build-time code or a Node built-in', () => {
    const planted = modules.map((module) =>
      module.path === 'index.ts' ? { ...module, imports: [...module.imports, 'worker/planted.ts'] } : module,
    );
    planted.push({ path: 'worker/planted.ts', imports: ['builder/cli.ts'], packages: ['node:fs'] });
    expect(requestTimeProblems(planted).problems).toEqual(
      expect.arrayContaining(['worker/planted.ts imports node:fs', 'builder/cli.ts is build-time code']),
    );
  });
});

/** Modules the Worker entry reaches that are build-time code or load a Node-only package. */
function requestTimeProblems(graph: readonly Module[]): { reached: number; problems: string[] } {
  const reached = closure(graph, 'index.ts');
  const byPath = new Map(graph.map((module) => [module.path, module]));
  const problems: string[] = [];
  for (const path of reached) {
    if (['builder', 'content'].includes(folderOf(path))) problems.push(`${path} is build-time code`);
    for (const name of byPath.get(path)?.packages ?? [])
      if (buildOnlyPackage.test(name)) problems.push(`${path} imports ${name}`);
  }
  return { reached: reached.size, problems };
}

/** Where a V8 CPU profile (`node --cpu-prof`, one .cpuprofile per thread) spent its time: the functions with the most self time. Pure. */

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** The node sampled at each tick. */
  readonly samples: readonly number[];
  /** Microseconds before each sample. */
  readonly timeDeltas: readonly number[];
}

export interface HotFunction {
  /** `name file:line` (the file's path from `src/` or `node_modules/` on). */
  readonly function: string;
  readonly ms: number;
  /** Of the profile's whole time. */
  readonly percent: number;
}

function nameOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*?\/((?:src|node_modules|bench|scripts)\/)/, '$1').replace(/^file:\/\//, '');
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
}

/** The `count` functions with the most self time, and the profile's whole time (ms). */
export function hotFunctions(profile: CpuProfile, count = 12): { totalMs: number; top: HotFunction[] } {
  const names = new Map(profile.nodes.map((node) => [node.id, nameOf(node)]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const name = names.get(id) ?? '(unknown)';
    self.set(name, (self.get(name) ?? 0) + micros);
    total += micros;
  });
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({
      function: name,
      ms: Math.round(micros / 1000),
      percent: Math.round((1000 * micros) / Math.max(total, 1)) / 10,
    }));
  return { totalMs: Math.round(total / 1000), top };
}

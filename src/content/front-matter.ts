/** Front matter: splits a Markdown file into its YAML header (as located nodes) and its body; reads YAML mappings. */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

/** A front-matter value: text, a list, or a mapping, with the file line it starts on. */
export type FrontMatterValue =
  | { readonly kind: 'text'; readonly text: string; readonly line: number }
  | { readonly kind: 'list'; readonly items: readonly FrontMatterValue[]; readonly line: number }
  | { readonly kind: 'map'; readonly entries: ReadonlyMap<string, FrontMatterValue>; readonly line: number };

export type FrontMatterSplit =
  | {
      readonly ok: true;
      readonly entries: ReadonlyMap<string, FrontMatterValue>;
      /** File line of each key, for unknown-key problems. */
      readonly keyLines: ReadonlyMap<string, number>;
      readonly body: string;
      /** File line where the body starts. */
      readonly bodyLine: number;
    }
  | { readonly ok: false; readonly problems: readonly { readonly line: number; readonly message: string }[] };

const fence = /^---[ \t]*$/;
const closingFence = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Reads the `---` fenced YAML header (see readYamlMapping: no `2025-07-16` turned into a Date, no
 * `title: no` turned into false). Lines in problems are file lines (the header starts on line 2).
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const lines = text.split('\n');
  if (!fence.test(lines[0] ?? '')) {
    return {
      ok: false,
      problems: [
        {
          line: 1,
          message: 'a Markdown article starts with front matter: a line "---", then title: and date:, then "---"',
        },
      ],
    };
  }
  const close = lines.findIndex((line, index) => index > 0 && closingFence.test(line));
  if (close < 0) {
    return {
      ok: false,
      problems: [{ line: 1, message: 'the front matter is never closed: add a line "---" after it' }],
    };
  }
  const bodyLine = close + 2;
  const body = lines.slice(close + 1).join('\n');
  const mapping = readYamlMapping(lines.slice(1, close).join('\n'), { firstLine: 2, what: 'front matter' });
  return mapping.ok ? { ...mapping, body, bodyLine } : mapping;
}

/** A YAML mapping read as located values: its entries and the line of each key. */
export type YamlMapping =
  | {
      readonly ok: true;
      readonly entries: ReadonlyMap<string, FrontMatterValue>;
      /** File line of each key, for unknown-key problems. */
      readonly keyLines: ReadonlyMap<string, number>;
    }
  | { readonly ok: false; readonly problems: readonly { readonly line: number; readonly message: string }[] };

export interface YamlMappingOptions {
  /** The file line the YAML text starts on. */
  readonly firstLine: number;
  /** What the YAML is, for messages: `front matter`, `sidecar`. */
  readonly what: string;
}

/**
 * Reads a YAML mapping (front matter, a wire-copy sidecar) with the failsafe schema: every scalar
 * stays the text written, and the reader of each key gives it its type. Empty text is an empty
 * mapping; lines in problems are file lines.
 */
export function readYamlMapping(yamlText: string, { firstLine, what }: YamlMappingOptions): YamlMapping {
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { schema: 'failsafe', lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        line: lineAt(error.pos[0]),
        message: `${what} YAML: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  const root = document.contents;
  if (root === null || (isScalar(root) && (root.value === '' || root.value === null))) {
    return { ok: true, entries: new Map(), keyLines: new Map() };
  }
  if (!isMap(root)) {
    return { ok: false, problems: [{ line: firstLine, message: `the ${what} must be a mapping (key: value lines)` }] };
  }
  const toValue = (node: unknown): FrontMatterValue => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const line = range ? lineAt(range[0]) : firstLine;
    if (isSeq(node)) return { kind: 'list', items: node.items.map(toValue), line };
    if (isMap(node)) {
      const entries = new Map<string, FrontMatterValue>();
      for (const pair of node.items) entries.set(keyText(pair.key), toValue(pair.value));
      return { kind: 'map', entries, line };
    }
    const value = isScalar(node) ? node.value : undefined;
    return { kind: 'text', text: value === null || value === undefined ? '' : String(value), line };
  };
  // An alias (`*name`) would need resolving, and resolving is how "billion laughs" documents
  // explode; no article needs one. Each is reported on its line, under its top-level key.
  const aliasProblems = root.items.flatMap((pair) =>
    aliasOffsets(pair.value).map((offset) => ({
      line: lineAt(offset),
      message: `${keyText(pair.key)}: YAML aliases (*name) are not supported in ${what}; write the value itself`,
    })),
  );
  if (aliasProblems.length > 0) return { ok: false, problems: aliasProblems };
  const entries = new Map<string, FrontMatterValue>();
  const keyLines = new Map<string, number>();
  for (const pair of root.items) {
    const key = keyText(pair.key);
    const range = (pair.key as { range?: [number, number, number] } | null)?.range;
    const keyLine = range ? lineAt(range[0]) : firstLine;
    keyLines.set(key, keyLine);
    const value = toValue(pair.value);
    // An empty value (`title:`) has no node of its own: it sits on its key's line.
    entries.set(key, pair.value === null ? { ...value, line: keyLine } : value);
  }
  return { ok: true, entries, keyLines };
}

function keyText(node: unknown): string {
  return isScalar(node) ? String(node.value) : String(node);
}

/** Start offsets of every alias node under `node`, walked without recursion. */
function aliasOffsets(node: unknown): number[] {
  const offsets: number[] = [];
  const pending: unknown[] = [node];
  while (pending.length > 0) {
    const current = pending.pop();
    if (isAlias(current)) offsets.push(current.range?.[0] ?? 0);
    else if (isPair(current)) pending.push(current.key, current.value);
    else if (isCollection(current)) pending.push(...current.items);
  }
  return offsets.sort((a, b) => a - b);
}

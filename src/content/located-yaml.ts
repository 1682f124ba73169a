/** A config file's YAML with places: the parsed document, the line each node starts on, and parse errors as problems. */
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { ContentProblem } from './content-error.ts';

export interface LocatedYaml {
  readonly document: Document.Parsed;
  /** The 1-based file line a node starts on; undefined for what has no place of its own (an absent value). */
  readonly lineOf: (node: unknown) => number | undefined;
  /** The parser's errors (syntax, a duplicate key), each `YAML: …` at its line; empty when the text parsed. */
  readonly problems: ContentProblem[];
}

/**
 * Parses `text` (one leading BOM ignored) with a YAML 1.2 schema: `core` when the file's values have YAML's
 * types, `failsafe` when every value stays the text written and the reader of each key gives it its type.
 */
export function parseLocatedYaml(file: string, text: string, schema: 'core' | 'failsafe'): LocatedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text.replace(/^\uFEFF/, ''), { schema, lineCounter, prettyErrors: false });
  const problems = document.errors.map((error) => ({
    file,
    line: lineCounter.linePos(error.pos[0]).line,
    message: `YAML: ${error.message.split('\n')[0]}`,
  }));
  const lineOf = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  return { document, lineOf, problems };
}

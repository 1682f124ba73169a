/** ContentError: every problem found in content/, each naming its file (and line where there is one). */

export interface ContentProblem {
  /** The file the problem is in, as the publisher would open it. */
  readonly file: string;
  /** 1-based line number, when the problem has one. */
  readonly line?: number;
  /** What is wrong, in words the publisher can act on. */
  readonly message: string;
}

/** One problem as `file:line: message` (or `file: message` when there is no line). */
export function formatProblem(problem: ContentProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.message}`;
}

/** Every problem, one per line. */
export function formatProblems(problems: readonly ContentProblem[]): string {
  return problems.map(formatProblem).join('\n');
}

/** Orders problems by file, then line (problems without a line first); stable otherwise. Code-unit order, never locale. */
export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return [...problems].sort((a, b) => {
    if (a.file !== b.file) return a.file < b.file ? -1 : 1;
    return (a.line ?? 0) - (b.line ?? 0);
  });
}

/** Thrown by the catalog when any content file cannot be published; `message` is every problem, one per line. */
export class ContentError extends Error {
  readonly problems: readonly ContentProblem[];
  /** What was only odd in the same content, printed with the problems so nothing is hidden. */
  readonly warnings: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[], warnings: readonly ContentProblem[] = []) {
    super(formatProblems(problems));
    this.name = 'ContentError';
    this.problems = problems;
    this.warnings = warnings;
  }
}

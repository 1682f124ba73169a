/** Caps the problems printed per file: the first few, then how many more, so one broken file cannot flood the log. */
import { type ContentProblem, formatProblem } from './content-error.ts';

/** Problems printed for one file before the rest are counted. */
export const maxProblemsPerFile = 20;

/**
 * Every problem as `file:line: reason`, one a line, at most `max` per file (problems must be sorted by file),
 * each file's rest summed up as `file: … and N more problem(s) in this file`. Loops only: no spread of a huge list.
 */
export function formatProblemsPerFile(problems: readonly ContentProblem[], max = maxProblemsPerFile): string {
  const lines: string[] = [];
  let file: string | undefined;
  let inFile = 0;
  let hidden = 0;
  const flush = () => {
    if (hidden > 0) lines.push(`${file}: … and ${hidden} more problem(s) in this file`);
    hidden = 0;
  };
  for (const problem of problems) {
    if (problem.file !== file) {
      flush();
      file = problem.file;
      inFile = 0;
    }
    if (++inFile <= max) lines.push(formatProblem(problem));
    else hidden++;
  }
  flush();
  return lines.join('\n');
}

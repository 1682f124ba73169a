/** Runs the Nu HTML Checker (vnu.jar from the vnu-jar package) on Java, once over many files. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const vnuJarPath = fileURLToPath(new URL('../../node_modules/vnu-jar/build/dist/vnu.jar', import.meta.url));

/** Whether `java` runs and the jar is installed. */
export const hasVnu = existsSync(vnuJarPath) && spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;

export const missingVnuMessage = existsSync(vnuJarPath)
  ? 'Java not found: the Nu HTML Checker needs Java 11 or newer; install it with `apt-get install default-jre-headless`, then run the tests again.'
  : `${vnuJarPath} not found: run \`npm install\` (vnu-jar is a devDependency).`;

/** One vnu message (`--format json`): type `error` | `info` (subType `warning` or none) | `non-document-error`. */
export interface VnuMessage {
  readonly type: string;
  readonly subType?: string;
  readonly url?: string;
  readonly lastLine?: number;
  readonly firstColumn?: number;
  readonly lastColumn?: number;
  readonly message: string;
  readonly extract?: string;
}

/** How serious a message is: `error` (errors, fatal errors, I/O problems), `warning`, or `info`. */
export function severityOf(message: VnuMessage): 'error' | 'warning' | 'info' {
  if (message.type === 'info') return message.subType === 'warning' ? 'warning' : 'info';
  return 'error';
}

/** `severity line:column message «extract»`, one line, for test output. */
export function formatMessage(message: VnuMessage): string {
  const where =
    message.lastLine === undefined ? '' : ` ${message.lastLine}:${message.firstColumn ?? message.lastColumn ?? 0}`;
  const extract = message.extract === undefined ? '' : ` «${message.extract.replace(/\s+/g, ' ').trim()}»`;
  return `${severityOf(message)}${where} ${message.message}${extract}`;
}

/**
 * Checks the files in one JVM start (it takes seconds) and returns the messages by absolute file path.
 * Throws when vnu's output is not its JSON report, so a broken run never reads as "no errors".
 */
export function runVnu(files: readonly string[]): Map<string, VnuMessage[]> {
  const result = spawnSync('java', ['-jar', vnuJarPath, '--format', 'json', '--stdout', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  let report: { messages?: VnuMessage[] };
  try {
    report = JSON.parse(result.stdout) as { messages?: VnuMessage[] };
  } catch {
    throw new Error(`vnu exited with ${result.status} and no JSON report:\n${result.stdout}\n${result.stderr}`);
  }
  if (!Array.isArray(report.messages)) throw new Error(`vnu report without messages: ${result.stdout}`);
  const byFile = new Map<string, VnuMessage[]>(files.map((file) => [file, []]));
  for (const message of report.messages) {
    const file = message.url === undefined ? '' : fileURLToPath(message.url);
    const list = byFile.get(file);
    if (!list) throw new Error(`vnu reported on a file it was not given: ${formatMessage(message)} (${message.url})`);
    list.push(message);
  }
  return byFile;
}

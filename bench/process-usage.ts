/** `node --import bench/process-usage.ts …`: on exit, writes the process's CPU time and peak RSS to stderr as one tagged JSON line. */
import { writeSync } from 'node:fs';

/** Must equal USAGE_TAG in site-bundle.ts (not imported from there, nor exported from here: importing this file installs the hook). */
const USAGE_TAG = 'wirefeed-bench-usage ';

process.on('exit', () => {
  const usage = process.resourceUsage();
  const line = JSON.stringify({
    userSeconds: usage.userCPUTime / 1e6,
    systemSeconds: usage.systemCPUTime / 1e6,
    maxRssBytes: usage.maxRSS * 1024,
  });
  writeSync(2, `\n${USAGE_TAG}${line}\n`);
});

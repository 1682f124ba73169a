/** What the bench reads of processes from /proc: CPU seconds, the workerd a parent spawned, memory available; and free ports. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

let clockTicks: number | undefined;

export function clockTicksPerSecond(): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return clockTicks;
}

/** The fields of /proc/<pid>/stat after the command (field 2 is parenthesized and may hold spaces). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Seconds of CPU (user + system, every thread) the process has used: /proc/<pid>/stat fields 14 and 15. */
export function cpuSeconds(pid: number): number {
  // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) is fields[12].
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond();
}

/** The process name, to prove a PID is workerd's own and not a wrapper's. */
export function processName(pid: number): string {
  return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
}

/** The PIDs of `parent`'s child processes called `name` (e.g. the workerd Miniflare spawned). */
export function childProcesses(parent: number, name: string): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(statFields(Number(entry))[1]) === parent && processName(Number(entry)) === name)
        children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

/** MemAvailable of /proc/meminfo (what can be used without swapping), in bytes. */
export function memoryAvailableBytes(): number {
  const match = /^MemAvailable:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; it is released before use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * CPU time of the machine and of the processes on it, from /proc: to say
 * where a scan's CPU went when the replicas, PostgreSQL and the fleet
 * server share the same cores.
 */
import fs from 'node:fs';

/** USER_HZ: the unit of /proc's CPU times, 100 on Linux. */
const TICK_MS = 10;

/**
 * CPU time of the whole machine so far (every process), busy and in all,
 * from /proc/stat.
 */
export function machineCpu(): { busyMs: number; totalMs: number } {
  const [, ...fields] = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/);
  const ticks = fields.map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  // idle and iowait
  const idle = ticks[3] + (ticks[4] ?? 0);
  return { busyMs: (total - idle) * TICK_MS, totalMs: total * TICK_MS };
}

/** A process's name and its CPU time with that of its ended children. */
function readStat(pid: string): { name: string; cpuMs: number } | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // ended meanwhile
  }
  // The name is in parentheses and may hold spaces: the fields follow the
  // last ')'. After it: state (field 3) ... utime, stime, cutime, cstime
  // (fields 14 to 17).
  const close = stat.lastIndexOf(')');
  const name = stat.slice(stat.indexOf('(') + 1, close);
  const fields = stat
    .slice(close + 2)
    .split(' ')
    .map(Number);
  const [utime, stime, cutime, cstime] = fields.slice(11, 15);
  return { name, cpuMs: (utime + stime + cutime + cstime) * TICK_MS };
}

/** CPU time so far of one process (0 once it has ended). */
export function processCpuMs(pid: number): number {
  return readStat(String(pid))?.cpuMs ?? 0;
}

/**
 * CPU time so far of every PostgreSQL process: the server's, which counts
 * its ended backends, and that of each backend still running.
 */
export function postgresCpuMs(): number {
  let sum = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = readStat(pid);
    if (stat?.name === 'postgres') sum += stat.cpuMs;
  }
  return sum;
}

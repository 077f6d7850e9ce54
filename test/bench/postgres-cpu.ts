/**
 * CPU time spent by PostgreSQL's processes on this machine (every process named `postgres`: the postmaster,
 * backends, background workers), read from /proc. Sampled around a round of load, it tells how much of each
 * request's cost is the database's — which the servers' own CPU figures leave out. NaN where there is no /proc.
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

export function postgresCpuMs(): number {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return NaN;
  }
  let ticks = 0;
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    // `pid (comm) state ppid …`: comm may hold spaces, so split after its closing parenthesis.
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const fields = stat.slice(close + 2).split(' ');
    // utime and stime: fields 14 and 15 of the whole line, 12th and 13th after `state`.
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

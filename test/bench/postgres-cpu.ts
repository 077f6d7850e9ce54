/**
 * CPU time spent by PostgreSQL's processes on this machine (every process named `postgres`: the postmaster,
 * backends, background workers), read from /proc. Sampled around a round of load, it tells how much of each
 * request's cost is the database's — which the servers' own CPU figures leave out.
 *
 * Counted per process: a backend that ends during the round (a pool closing an idle connection) would otherwise
 * take its whole life's CPU out of a plain sum. Such a backend's last moments are lost; one that starts is counted
 * from zero.
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU so far of each PostgreSQL process, in ms by pid; empty where there is no /proc. */
export function postgresCpu(): Map<string, number> {
  const byPid = new Map<string, number>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return byPid;
  }
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
    byPid.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
  }
  return byPid;
}

/** PostgreSQL's CPU since `before` (a {@link postgresCpu} reading), in ms; NaN where there is no /proc. */
export function postgresCpuSince(before: Map<string, number>): number {
  const now = postgresCpu();
  if (now.size === 0) return NaN;
  let spent = 0;
  for (const [pid, ms] of now) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

/**
 * One process per embedded data directory. PGlite does not lock its files
 * against a second process; two writers (a second API, or an export while the
 * API runs) would corrupt the database. The lock is a pid file; a lock left by
 * a process that no longer runs (a crash, `kill -9`) is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'lastmeter.pid';

export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(`The data directory ${dir} is in use by process ${pid}: stop that process first (the embedded database serves one process at a time).`);
    this.name = 'DataDirInUseError';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid holding `dir`, if a running process other than this one does. */
export function dataDirHolder(dir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim());
  } catch {
    return undefined;
  }
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid) ? pid : undefined;
}

/** Takes the directory for this process; throws {@link DataDirInUseError} if another live process holds it. */
export function lockDataDir(dir: string): { release(): void } {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  try {
    fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = dataDirHolder(dir);
    if (holder !== undefined) throw new DataDirInUseError(dir, holder);
    fs.writeFileSync(file, `${process.pid}\n`);
  }
  return {
    release() {
      try {
        if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
      } catch {
        // Already gone.
      }
    },
  };
}

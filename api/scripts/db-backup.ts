/**
 * Backup and restore, shared by `db-export.ts` and `db-import.ts`.
 *
 * - Embedded database (no DATABASE_URL): a gzipped tarball of the PGlite data
 *   directory (PGlite's `dumpDataDir` / `loadDataDir`), taken and restored
 *   while the API is stopped (the data directory's lock says so).
 * - PostgreSQL (DATABASE_URL): `pg_dump --format=custom` and
 *   `pg_restore --clean --if-exists --no-owner`, the standard tools.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { dataDirHolder, lockDataDir } from '../src/db/data-dir-lock';
import { makePGliteDurable, syncNewCluster } from '../src/db/durable-nodefs';

/** Settings the backup commands need: only the database ones (no JWT or admin checks). */
export function backupTarget(env: NodeJS.ProcessEnv = process.env): { databaseUrl?: string; dataDir: string } {
  const { databaseUrl, dataDir } = loadConfig({ ...env, NODE_ENV: 'development', SEED_DEMO: '0' });
  return { databaseUrl, dataDir };
}

export class BackupError extends Error {}

function pgTool(tool: 'pg_dump' | 'pg_restore', args: string[]): void {
  const result = spawnSync(tool, args, { stdio: 'inherit' });
  if (result.error) throw new BackupError(`${tool} could not run (${result.error.message}); install the PostgreSQL client tools of the server's major version.`);
  if (result.status !== 0) throw new BackupError(`${tool} failed (exit ${result.status}).`);
}

function refuseWhileRunning(dataDir: string): { release(): void } {
  const holder = dataDirHolder(dataDir);
  if (holder !== undefined) throw new BackupError(`The API (process ${holder}) is using ${dataDir}: stop it first, then run this again.`);
  return lockDataDir(dataDir);
}

/** The photo files' archive beside a backup: `<backup>.photos.tar` (photos in S3 stay in their bucket). */
export const photosArchiveOf = (backup: string) => `${backup}.photos.tar`;

function tar(args: string[]): void {
  const result = spawnSync('tar', args, { encoding: 'utf8' });
  if (result.error) throw new BackupError(`tar could not run (${result.error.message}): install it (apt-get install -y tar).`);
  if (result.status !== 0) throw new BackupError(`tar failed: ${result.stderr.trim().slice(0, 500)}`);
}

/** Archives DATA_DIR/photos beside the backup (temporary files of an upload in progress left out); a note for the summary. */
function exportPhotos(dataDir: string, out: string, env: NodeJS.ProcessEnv): string {
  if (env.S3_BUCKET) return '; photos are in the S3 bucket (back it up with the bucket\'s own tools)';
  const photos = path.join(dataDir, 'photos');
  if (!fs.existsSync(photos)) return '';
  const archive = photosArchiveOf(out);
  tar(['-C', photos, '--exclude=.tmp-*', '-cf', `${archive}.partial`, '.']);
  fs.renameSync(`${archive}.partial`, archive);
  return `; photo files in ${archive}`;
}

/** Puts the photo files of a backup back under DATA_DIR/photos (named by content, so files already there are the same). */
function importPhotos(dataDir: string, source: string): string {
  const archive = photosArchiveOf(source);
  if (!fs.existsSync(archive)) return '';
  const photos = path.join(dataDir, 'photos');
  fs.mkdirSync(photos, { recursive: true });
  tar(['-C', photos, '-xf', archive]);
  return `; photo files restored into ${photos}`;
}

/** Writes a backup of the configured database to `file` (and the photo files beside it); returns a one-line summary. */
export async function exportDatabase(file: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const target = backupTarget(env);
  const out = path.resolve(file);
  if (target.databaseUrl) {
    pgTool('pg_dump', ['--format=custom', '--no-owner', `--file=${out}`, `--dbname=${target.databaseUrl}`]);
    return `PostgreSQL database dumped to ${out} (${fs.statSync(out).size} bytes)${exportPhotos(target.dataDir, out, env)}; restore with: npm run db:import -- ${file}`;
  }
  const pgdata = path.join(target.dataDir, 'pgdata');
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) throw new BackupError(`No embedded database in ${pgdata}.`);
  const lock = refuseWhileRunning(target.dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(pgdata);
    await db.waitReady;
    let issues: number;
    let tarball: Blob;
    try {
      // Everything in the data files, so the tarball restores without WAL replay.
      await db.exec('checkpoint');
      issues = Number((await db.query<{ n: string }>('select count(*) as n from issue')).rows[0].n);
      tarball = await db.dumpDataDir('gzip');
    } finally {
      await db.close();
    }
    const temporary = `${out}.partial`;
    fs.writeFileSync(temporary, Buffer.from(await tarball.arrayBuffer()));
    const fd = fs.openSync(temporary, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temporary, out);
    return `Embedded database exported to ${out} (${fs.statSync(out).size} bytes, ${issues} issues)${exportPhotos(target.dataDir, out, env)}; restore with: npm run db:import -- ${file}`;
  } finally {
    lock.release();
  }
}

/**
 * Restores `file` into the configured database. The embedded data directory
 * must be empty unless `force`; then the current one is kept aside as
 * `pgdata.before-import-<time>`. PostgreSQL: objects in the dump replace
 * their namesakes (`--clean --if-exists`).
 */
export async function importDatabase(file: string, options: { force?: boolean } = {}, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const target = backupTarget(env);
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new BackupError(`No such file: ${source}`);
  if (target.databaseUrl) {
    pgTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--exit-on-error', `--dbname=${target.databaseUrl}`, source]);
    return `Restored ${source} into the PostgreSQL database${importPhotos(target.dataDir, source)}.`;
  }
  const lock = refuseWhileRunning(target.dataDir);
  try {
    const pgdata = path.join(target.dataDir, 'pgdata');
    let keptAside: string | undefined;
    if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0) {
      if (!options.force) throw new BackupError(`${pgdata} already holds a database: pass --force to replace it (it is kept aside, not deleted).`);
      keptAside = `${pgdata}.before-import-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(pgdata, keptAside);
    }
    fs.mkdirSync(pgdata, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(pgdata, { loadDataDir: new Blob([fs.readFileSync(source)]) });
    let issues: number;
    try {
      await db.waitReady;
      makePGliteDurable(db);
      issues = Number((await db.query<{ n: string }>('select count(*) as n from issue')).rows[0].n);
      await syncNewCluster(db, pgdata);
    } finally {
      await db.close();
    }
    return `Imported ${source} into ${pgdata} (${issues} issues)${keptAside ? `; the previous database is in ${keptAside}` : ''}${importPhotos(target.dataDir, source)}.`;
  } finally {
    lock.release();
  }
}

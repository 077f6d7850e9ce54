/**
 * A new embedded database starts as a copy of a kept one instead of running
 * initdb and the migrations. PGlite's initdb (PostgreSQL's bootstrap inside
 * WebAssembly) costs 5–8 s of CPU and the migrations another 1–2 s: most of
 * a first start. What they produce depends only on the PGlite build, the
 * migrations' SQL and the migrator that records them. So the first new
 * database made with a given set of those keeps its cluster, just migrated
 * and still empty, as a tarball (PGlite's `dumpDataDir`); later new databases
 * unpack it: in memory through PGlite's `loadDataDir` (what its own `clone()`
 * does), on disk straight into the data directory (PGlite's unpacking writes
 * each of the ~1,000 files through its emulated file system: seconds).
 *
 * The tarball's name is a hash of all of those inputs — PGlite's version and
 * files, the migrator's version, every migration's source — so a changed
 * migration or another PGlite never meets an old copy: it makes a new one.
 * (The copy's `mikro_orm_migrations.executed_at` is when the template was
 * migrated.) Where the cache cannot be written, every new database runs
 * initdb and the migrations, as without it.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Beside npm's own caches (`npm ci` starts them afresh with node_modules). */
const CACHE_DIR = path.resolve(__dirname, '..', '..', '..', 'node_modules', '.cache', 'lastmeter');
/**
 * The migrations' sources: from the build in api/dist too, so that the compiled
 * and the development start share one template (the build's own files where the
 * sources are not shipped).
 */
const MIGRATION_SOURCES = path.resolve(__dirname, '..', '..', 'src', 'db', 'migrations');
const MIGRATIONS_DIR = fs.existsSync(MIGRATION_SOURCES) ? MIGRATION_SOURCES : path.join(__dirname, 'migrations');
const MIGRATION_PACKAGES = ['@mikro-orm/migrations', '@mikro-orm/knex', '@mikro-orm/postgresql', 'knex', 'mikro-orm-pglite'];
const TEMPLATE_PREFIX = 'pglite-new-database-';
/** Bump when the way a template is made changes. */
const TEMPLATE_FORMAT = 1;

let templatePath: string | undefined;

function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** The template's file for the installed PGlite, migrator and migrations. */
function templateFile(): string {
  if (templatePath === undefined) {
    const hash = createHash('sha256').update(`format ${TEMPLATE_FORMAT}\0`);
    const pglite = packageDir('@electric-sql/pglite');
    for (const file of ['dist/pglite.wasm', 'dist/pglite.data']) hash.update(fs.readFileSync(path.join(pglite, file)));
    // The engine, and what writes the migrations and records them.
    for (const name of [pglite, ...MIGRATION_PACKAGES.map(packageDir)]) hash.update(fs.readFileSync(path.join(name, 'package.json')));
    for (const file of fs.readdirSync(MIGRATIONS_DIR).sort()) {
      hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(MIGRATIONS_DIR, file)));
    }
    templatePath = path.join(CACHE_DIR, `${TEMPLATE_PREFIX}${hash.digest('hex').slice(0, 32)}.tar`);
  }
  return templatePath;
}

/** A new, migrated, empty database for PGlite's `loadDataDir`, if one was kept for these inputs. */
export function readDatabaseTemplate(): Blob | undefined {
  const tarball = readTemplateFile();
  return tarball && new Blob([tarball]);
}

/**
 * Makes `dir` (an empty directory) a new, migrated, empty database from the
 * template; false if there is none. The files are unpacked beside it and
 * renamed into place at once, so a crash leaves `dir` empty, never half made.
 */
export function unpackDatabaseTemplate(dir: string): boolean {
  const tarball = readTemplateFile();
  if (!tarball) return false;
  const unpacking = `${dir}.unpacking`;
  fs.rmSync(unpacking, { recursive: true, force: true });
  fs.mkdirSync(unpacking);
  const made = new Set([unpacking]);
  const makeDirectory = (directory: string) => {
    if (!made.has(directory)) fs.mkdirSync(directory, { recursive: true });
    made.add(directory);
  };
  for (const entry of tarEntries(tarball, unpacking)) {
    if (entry.directory) {
      makeDirectory(entry.path);
    } else {
      makeDirectory(path.dirname(entry.path));
      fs.writeFileSync(entry.path, entry.content);
    }
  }
  fs.renameSync(unpacking, dir);
  return true;
}

function readTemplateFile() {
  try {
    return fs.readFileSync(templateFile());
  } catch {
    return undefined;
  }
}

interface TarEntry {
  path: string;
  directory: boolean;
  content: Buffer;
}

/** The directories and files of a POSIX (ustar) archive as PGlite writes it, with their paths under `root`. */
function* tarEntries(tarball: Buffer, root: string): Generator<TarEntry> {
  const text = (at: number, length: number) => {
    const field = tarball.subarray(at, at + length);
    const end = field.indexOf(0);
    return field.subarray(0, end === -1 ? length : end).toString('utf8');
  };
  let at = 0;
  while (at + 512 <= tarball.length) {
    const name = text(at, 100);
    if (!name) return; // the archive ends with zeroed blocks
    const prefix = text(at + 345, 155);
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tarball[at + 156]!);
    const target = path.join(root, prefix ? `${prefix}/${name}` : name);
    if (target !== root && !target.startsWith(root + path.sep)) throw new Error(`the database template names a path outside it: ${name}`);
    if (type !== '0' && type !== '\0' && type !== '5') {
      throw new Error(`the database template holds an entry of type "${type}" (${name}): only files and directories are expected`);
    }
    at += 512;
    yield { path: target, directory: type === '5', content: tarball.subarray(at, at + size) };
    at += Math.ceil(size / 512) * 512;
  }
}

/**
 * Keeps `pglite`'s cluster as the template, if there is none yet. Call it on
 * a database just made by initdb and the migrations, before anything else is
 * written into it.
 */
export async function keepDatabaseTemplate(pglite: { exec(sql: string): Promise<unknown>; dumpDataDir(): Promise<Blob> }): Promise<void> {
  const file = templateFile();
  if (fs.existsSync(file)) return;
  // Everything in the data files: a copy starts from this checkpoint.
  await pglite.exec('checkpoint');
  const tarball = Buffer.from(await (await pglite.dumpDataDir()).arrayBuffer());
  // Written whole or not at all: a temporary file renamed into place.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(temporary, tarball);
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true });
    return;
  }
  // The templates of earlier migrations or PGlite builds will not be read again (~30 MB each).
  for (const old of fs.readdirSync(CACHE_DIR)) {
    if (old.startsWith(TEMPLATE_PREFIX) && old.endsWith('.tar') && path.join(CACHE_DIR, old) !== file) fs.rmSync(path.join(CACHE_DIR, old), { force: true });
  }
}

'use strict';
/**
 * After `npm ci` / `npm install`: prepares what the first `npm start` would
 * otherwise spend seconds on — every API source compiled into the TypeScript
 * cache (typescript-cache.js) and a new, migrated, empty database to copy
 * (api/src/db/cluster-template.ts; PGlite's initdb alone is 5–8 s of CPU).
 * Best effort: if anything fails here, the first start does it itself, so
 * the install never fails because of this.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SOURCES = path.resolve(__dirname, '..', 'src');

function typeScriptFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? typeScriptFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []));
}

async function prepare() {
  require('./register');
  const { compileTypeScript } = require('./typescript-cache');
  for (const file of typeScriptFiles(SOURCES)) compileTypeScript(fs.readFileSync(file, 'utf8'), file);
  // Opening a new database with no template makes one (initdb, then the migrations, then kept).
  if (require('../src/db/cluster-template.ts').readDatabaseTemplate()) return;
  const { openDatabase } = require('../src/db/orm.ts');
  const db = await openDatabase({ dataDir: os.tmpdir(), inMemory: true });
  await db.close();
}

const started = Date.now();
prepare().then(
  () => console.log(`lastmeter: prepared the compiled sources and the new-database template (${((Date.now() - started) / 1000).toFixed(1)} s)`),
  (error) => console.warn(`lastmeter: could not prepare the start-up caches (the first start will): ${error?.message ?? error}`),
);

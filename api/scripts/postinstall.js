'use strict';
/**
 * After `npm ci` / `npm install`, so that the first `npm start` has nothing to build:
 * - api/dist: the API compiled to JavaScript (api/scripts/build.js), what
 *   `NODE_ENV=production npm start` runs;
 * - widgets/dist/lastmeter-widgets.js: the widget bundle the API serves;
 * - a new, migrated, empty database to copy (api/src/db/cluster-template.ts;
 *   PGlite's initdb alone is 5–8 s of CPU).
 * Best effort: an install without the build tools (`--omit=dev`) skips what it
 * cannot make and says so; the install itself never fails because of this.
 */
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

async function prepareDatabaseTemplate() {
  // The compiled API, loaded as production loads it.
  require('reflect-metadata');
  if (require('../dist/db/cluster-template.js').readDatabaseTemplate()) return;
  // Opening a new database with no template makes one (initdb, then the migrations, then kept).
  const { openDatabase } = require('../dist/db/orm.js');
  const db = await openDatabase({ dataDir: os.tmpdir(), inMemory: true });
  await db.close();
}

async function buildWidgetBundle() {
  await require(path.join(ROOT, 'widgets', 'scripts', 'bundle.js')).buildBundles();
}

const steps = [
  ['compile the API into api/dist', async () => require('./build').build()],
  ['build the widget bundle', buildWidgetBundle],
  ['prepare the new-database template', prepareDatabaseTemplate],
];

async function main() {
  for (const [what, step] of steps) {
    const started = Date.now();
    try {
      await step();
      console.log(`lastmeter: ${what}: done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      console.log(`lastmeter: ${what}: skipped (${error?.message ?? error})`);
    }
  }
}

main();

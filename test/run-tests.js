'use strict';
/**
 * `npm test`: type-check, then the suite on the embedded database, then again on
 * the real PostgreSQL server (each test file makes and drops a database of its own).
 * Usage: node test/run-tests.js [--db embedded|postgres|both] [files or folders…]
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
let db = 'both';
const selected = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--db') db = args[++i];
  else selected.push(path.resolve(args[i]));
}

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  if (fs.statSync(dir).isFile()) return [dir];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? findTests(path.join(dir, e.name)) : e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : []))
    .sort();
}

function run(command, commandArgs, env = {}) {
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`(${command} ${commandArgs[0] ?? ''} … took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result.status === 0;
}

/** Tests that touch no database run once; the rest run on each database. */
const DB_FREE = [path.join(root, 'test', 'unit'), path.join(root, 'test', 'widgets'), path.join(root, 'test', 'sdk-types')];
const isDbFree = (file) => DB_FREE.some((dir) => file.startsWith(dir + path.sep));

const all = (selected.length ? selected : [path.join(root, 'test')]).flatMap(findTests);
const nodeTest = (files, env) =>
  files.length === 0 ||
  run(process.execPath, ['--require', path.join(root, 'api/scripts/load-typescript.js'), '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], env);

let ok = true;
if (!selected.length) {
  ok = run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']) && ok;
  // The widgets are browser code (ESNext, bundler resolution): their own project.
  ok = run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'widgets/tsconfig.json']) && ok;
}
if (ok && (db === 'both' || db === 'embedded')) {
  console.log('\n=== embedded database (PGlite) ===');
  ok = nodeTest(all, { LM_TEST_DB: 'embedded' }) && ok;
}
if (ok && (db === 'both' || db === 'postgres')) {
  console.log('\n=== PostgreSQL server ===');
  ok = nodeTest(all.filter((f) => !isDbFree(f)), { LM_TEST_DB: 'postgres' }) && ok;
}
process.exit(ok ? 0 : 1);

'use strict';
/**
 * `npm run build -w @lastmeter/api` (and the install, api/scripts/postinstall.js):
 * compiles api/src into api/dist with swc — CommonJS, decorators with their
 * metadata (type-graphql and MikroORM read it), source maps beside each file.
 * What `npm start` runs: as it is in production, rebuilt first in development
 * when a source is newer (api/scripts/start.js). swc does not type-check:
 * `npm test` does, with tsc.
 */
const fs = require('node:fs');
const path = require('node:path');
const { TYPESCRIPT_TO_COMMONJS } = require('./swc-options');

const API_DIR = path.resolve(__dirname, '..');
const SOURCES = path.join(API_DIR, 'src');
const DIST = path.join(API_DIR, 'dist');
/** Written last by a build: its time is the build's. */
const STAMP = path.join(DIST, '.built');

/** The same transform as the tests (swc-options.js), with source maps beside each file. */
const SWC_OPTIONS = { ...TYPESCRIPT_TO_COMMONJS, sourceMaps: true, swcrc: false, configFile: false };

function typeScriptFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? typeScriptFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path.join(dir, entry.name)] : []));
}

/** Builds into a fresh folder, then swaps it in: a deleted source never lingers, a failed build leaves the old one. */
function build() {
  const swc = require('@swc/core');
  const next = `${DIST}.building-${process.pid}`;
  fs.rmSync(next, { recursive: true, force: true });
  const files = typeScriptFiles(SOURCES);
  for (const file of files) {
    const relative = path.relative(SOURCES, file).replace(/\.ts$/, '.js');
    const out = path.join(next, relative);
    const { code, map } = swc.transformFileSync(file, { ...SWC_OPTIONS, filename: file, sourceFileName: path.relative(path.dirname(out), file).split(path.sep).join('/') });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
    fs.writeFileSync(`${out}.map`, map);
  }
  fs.writeFileSync(path.join(next, path.basename(STAMP)), `${new Date().toISOString()}\n`);
  const old = `${DIST}.old-${process.pid}`;
  if (fs.existsSync(DIST)) fs.renameSync(DIST, old);
  fs.renameSync(next, DIST);
  fs.rmSync(old, { recursive: true, force: true });
  return files.length;
}

function newestChange(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A directory's own time changes when a file is added, renamed or deleted.
  return Math.max(stat.mtimeMs, ...fs.readdirSync(file).map((name) => newestChange(path.join(file, name))));
}

/** True when there is no build or a source (or this script) changed after it. */
function isStale() {
  let built;
  try {
    built = fs.statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  return Math.max(newestChange(SOURCES), newestChange(__filename)) > built;
}

module.exports = { build, isStale, DIST };

if (require.main === module) {
  const started = Date.now();
  const count = build();
  console.log(`built api/dist (${count} files, ${Date.now() - started} ms)`);
}

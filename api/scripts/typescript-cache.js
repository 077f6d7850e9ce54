'use strict';
/**
 * TypeScript compiled by swc, kept on disk between runs: compiling ~120 API
 * files (and loading swc's 10 MB native binding to do it) is a good part of
 * a cold start. Each entry is keyed by a hash of everything the output
 * depends on — the source text, its path (the inline source map names it),
 * the swc version and the options — so an edited file, another swc or other
 * options never meet an old entry: they miss and compile afresh.
 *
 * Where the cache cannot be written (a read-only install), it compiles every
 * time, as without it.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
/** Beside npm's own caches; `npm ci` starts it afresh with node_modules. */
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'lastmeter', 'typescript');

const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

let swc;
let optionsKey;

/** The swc version and the options: a new swc or other options is a new cache. */
function compilerKey() {
  if (optionsKey === undefined) {
    const swcPackage = path.join(path.dirname(require.resolve('@swc/core')), 'package.json');
    const { version } = JSON.parse(fs.readFileSync(swcPackage, 'utf8'));
    optionsKey = `swc ${version} ${JSON.stringify(SWC_OPTIONS)}`;
  }
  return optionsKey;
}

/** The entry that holds `source`'s compiled code (exported for the tests). */
function cacheFile(source, filename) {
  const hash = crypto.createHash('sha256').update(compilerKey()).update('\0').update(filename).update('\0').update(source).digest('hex');
  return path.join(CACHE_DIR, hash.slice(0, 2), `${hash.slice(2)}.js`);
}

/** CommonJS for `source` (the text of `filename`), from the cache or freshly compiled. */
function compileTypeScript(source, filename) {
  const file = cacheFile(source, filename);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    // Not compiled yet (or not readable): compile below.
  }
  swc ??= require('@swc/core');
  const { code } = swc.transformSync(source, { ...SWC_OPTIONS, filename });
  store(file, code);
  return code;
}

/** Written whole or not at all (a temporary file renamed into place): readers never see half an entry. */
function store(file, code) {
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

module.exports = { compileTypeScript, cacheFile };

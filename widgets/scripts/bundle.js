'use strict';
/**
 * Builds the residents' widget bundle, `widgets/dist/lastmeter-widgets.js`, from
 * `widgets/src/index.ts`, and the staff console's, `widgets/dist/lastmeter-console.js`,
 * from `widgets/src/console.ts`, with esbuild: ES module, minified, lit and the SDK
 * inlined. Built on install (api/scripts/postinstall.js), by `npm run build -w
 * @lastmeter/widgets`, and by the development `npm start` when a source is newer;
 * the API serves the file as it is (api/src/server/static-assets.ts).
 * Plain JavaScript so that the install and the start need no TypeScript loader
 * (types: bundle.d.ts).
 */
const fs = require('node:fs');
const path = require('node:path');

/** The widgets workspace folder. */
const WIDGETS_DIR = path.resolve(__dirname, '..');
/** Where the bundle is written. */
const BUNDLE_FILE = path.join(WIDGETS_DIR, 'dist', 'lastmeter-widgets.js');
/** What the bundle is made from: the widgets' and the SDK's sources and the widgets' build settings. */
const BUNDLE_INPUTS = [
  path.join(WIDGETS_DIR, 'src'),
  path.resolve(WIDGETS_DIR, '..', 'sdk', 'src'),
  path.join(WIDGETS_DIR, 'tsconfig.json'),
  path.join(WIDGETS_DIR, 'package.json'),
  __filename,
];
/** Gzipped budget for all four widgets together (issue 7). */
const BUNDLE_BUDGET_GZIP_BYTES = 40 * 1024;
/** The staff console's own bundle (issue 17): loaded only by staff pages, so residents never download it. */
const CONSOLE_BUNDLE_FILE = path.join(WIDGETS_DIR, 'dist', 'lastmeter-console.js');
const CONSOLE_BUDGET_GZIP_BYTES = 60 * 1024;

/** Bundles the residents' widgets; writes `outfile` when given, and always returns the code and its inputs. */
function bundleWidgets(options = {}) {
  return bundle(path.join(WIDGETS_DIR, 'src', 'index.ts'), options.outfile ?? BUNDLE_FILE, options.outfile);
}

/** Bundles the staff console (`src/console.ts`), the same way. */
function bundleConsole(options = {}) {
  return bundle(path.join(WIDGETS_DIR, 'src', 'console.ts'), options.outfile ?? CONSOLE_BUNDLE_FILE, options.outfile);
}

/** Builds both bundles into their files (install, development start, tests). */
async function buildBundles() {
  await bundleWidgets({ outfile: BUNDLE_FILE });
  await bundleConsole({ outfile: CONSOLE_BUNDLE_FILE });
}

async function bundle(entry, target, write) {
  const options = { outfile: write };
  // Loaded on demand: only building needs esbuild (a devDependency).
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    absWorkingDir: WIDGETS_DIR,
    entryPoints: [entry],
    tsconfig: path.join(WIDGETS_DIR, 'tsconfig.json'),
    // @lastmeter/sdk from its sources (see the SDK's package.json exports): no SDK build needed first.
    conditions: ['@lastmeter/source'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2021', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    outfile: target,
    logLevel: 'silent',
    metafile: true,
  });
  const code = result.outputFiles[0].text;
  if (options.outfile) {
    // Written whole, then renamed into place: a server reading it never sees half a bundle.
    const partial = `${options.outfile}.${process.pid}.tmp`;
    await fs.promises.mkdir(path.dirname(options.outfile), { recursive: true });
    await fs.promises.writeFile(partial, code);
    await fs.promises.rename(partial, options.outfile);
  }
  return { code, inputs: Object.keys(result.metafile.inputs) };
}

function newestChange(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(file).map((name) => newestChange(path.join(file, name))));
}

/** True when a bundle file is missing or older than one of its sources. */
function bundleIsStale() {
  let built;
  try {
    built = Math.min(fs.statSync(BUNDLE_FILE).mtimeMs, fs.statSync(CONSOLE_BUNDLE_FILE).mtimeMs);
  } catch {
    return true;
  }
  return BUNDLE_INPUTS.some((input) => newestChange(input) > built);
}

module.exports = {
  WIDGETS_DIR,
  BUNDLE_FILE,
  BUNDLE_BUDGET_GZIP_BYTES,
  CONSOLE_BUNDLE_FILE,
  CONSOLE_BUDGET_GZIP_BYTES,
  bundleWidgets,
  bundleConsole,
  buildBundles,
  bundleIsStale,
};

'use strict';
/**
 * `npm start`: the API with the embedded database and the demo city by default.
 *
 * It always runs the compiled JavaScript in api/dist (api/scripts/build.js,
 * built on install), with no loader and no patching of Node's module system.
 * With NODE_ENV=production it runs that build as it is; otherwise it first
 * rebuilds what a newer source made stale — the API (swc, well under a second)
 * and the widget bundle — so edits need no build step of their own.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const COMPILED_ENTRY = path.join(ROOT, 'api', 'dist', 'main.js');

async function rebuildWhatIsStale() {
  const api = require('./build');
  if (api.isStale()) {
    const started = Date.now();
    const files = api.build();
    console.log(`lastmeter: compiled the API into api/dist (${files} files, ${Date.now() - started} ms): a source had changed`);
  }
  const widgets = require(path.join(ROOT, 'widgets', 'scripts', 'bundle.js'));
  if (widgets.bundleIsStale()) {
    const started = Date.now();
    await widgets.buildBundles();
    console.log(`lastmeter: rebuilt the widget bundle (${Date.now() - started} ms): a widget or SDK source had changed`);
  }
}

function startCompiled() {
  if (!fs.existsSync(COMPILED_ENTRY)) {
    console.error('api/dist is missing: build it with `npm run build -w @lastmeter/api` (npm ci does it on install).');
    process.exit(1);
  }
  process.setSourceMapsEnabled(true);
  require(COMPILED_ENTRY);
}

if (process.env.NODE_ENV === 'production') {
  startCompiled();
} else {
  rebuildWhatIsStale().then(startCompiled, (error) => {
    console.error(error);
    process.exit(1);
  });
}

'use strict';
// `node api/scripts/run-ts.js file.ts [args…]`: run one TypeScript file as the main module
// (the scripts: generate, db:export, db:import, bench, the SDK example).
require('./load-typescript');
const Module = require('node:module');
const path = require('node:path');
const file = process.argv[2];
if (!file) {
  console.error('usage: run-ts.js <file.ts> [args…]');
  process.exit(2);
}
process.argv.splice(1, 2, path.resolve(file));
Module.runMain();

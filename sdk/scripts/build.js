'use strict';
/**
 * `npm run build -w @lastmeter/sdk`: compiles src/ with tsc (tsconfig.json) into
 * ES modules with declarations in dist/, and marks dist/ as ES modules for Node
 * (the sdk folder itself stays CommonJS-typed so the API can share error-codes.ts).
 * Usage: node scripts/build.js [--out-dir DIR]
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const sdkDir = path.resolve(__dirname, '..');
const outIndex = process.argv.indexOf('--out-dir');
const outDir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(sdkDir, 'dist');

fs.rmSync(outDir, { recursive: true, force: true });
const tsc = require.resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', path.join(sdkDir, 'tsconfig.json'), '--outDir', outDir], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ type: 'module', sideEffects: false }, null, 2)}\n`);
console.log(`built ${path.relative(process.cwd(), outDir) || '.'}`);

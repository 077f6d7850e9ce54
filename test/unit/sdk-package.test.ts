/**
 * The SDK as a package: its browser bundle carries neither Node APIs nor the
 * `graphql` runtime and stays small (the widgets ship it), and `npm run build`
 * makes ES modules with declarations that Node imports as they are.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, it } from '@jest/globals';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '../..');
const sdkDir = path.join(root, 'sdk');
/** Gzipped budget for the whole SDK in a browser bundle (the widgets' budget is 40 KB for everything). */
const BROWSER_BUDGET_GZIP_BYTES = 16 * 1024;

describe('the SDK package', () => {
  // Inside the repository, so the build resolves graphql-ws from node_modules like dist/ does.
  const outDir = path.join(root, 'node_modules', '.cache', `lastmeter-sdk-build-${process.pid}`);
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('bundles for browsers without Node built-ins or the graphql runtime, within its size budget', async () => {
    const result = await build({
      entryPoints: [path.join(sdkDir, 'src', 'index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((file) => file.includes('graphql-ws')), 'graphql-ws is in the bundle');
    assert.deepEqual(inputs.filter((file) => /node_modules\/graphql\//.test(file)), [], 'no graphql runtime');
    assert.deepEqual(inputs.filter((file) => file.startsWith('node:')), [], 'no Node built-ins');
    const gzipped = gzipSync(result.outputFiles[0].contents).length;
    assert.ok(gzipped <= BROWSER_BUDGET_GZIP_BYTES, `SDK bundle is ${gzipped} bytes gzipped (budget ${BROWSER_BUDGET_GZIP_BYTES})`);
  });

  it('builds ES modules with declarations that Node imports and runs', () => {
    const built = spawnSync(process.execPath, [path.join(sdkDir, 'scripts', 'build.js'), '--out-dir', outDir], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stdout + built.stderr);
    for (const file of ['index.js', 'index.d.ts', 'client.d.ts', 'generated/graphql.d.ts', 'package.json']) {
      assert.ok(fs.existsSync(path.join(outDir, file)), `dist has ${file}`);
    }
    assert.equal(JSON.parse(fs.readFileSync(path.join(outDir, 'package.json'), 'utf8')).type, 'module');
    const script = `
      const sdk = await import(${JSON.stringify(pathToFileURL(path.join(outDir, 'index.js')).href)});
      const calls = [];
      const fetch = async (url, init) => { calls.push(JSON.parse(init.body)); return new Response(JSON.stringify({ data: { categories: [{ code: 'GARBAGE' }] } })); };
      const client = sdk.createClient({ url: 'http://lastmeter.test/graphql', fetch });
      const categories = await client.categories();
      console.log(JSON.stringify({ categories, operationName: calls[0].operationName, error: new sdk.LastmeterError({ code: 'NOT_FOUND', message: 'x' }).code }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { categories: [{ code: 'GARBAGE' }], operationName: 'Categories', error: 'NOT_FOUND' });
  });

  it('declares an ESM exports map pointing into dist/, and src/ only under the repository\'s own condition', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(sdkDir, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.exports['.'], {
      '@lastmeter/source': './src/index.ts',
      types: './dist/index.d.ts',
      import: './dist/index.js',
      default: './dist/index.js',
    });
    assert.equal(Object.keys(manifest.exports['.'])[0], '@lastmeter/source', 'conditions match in order: the source one must come first');
    assert.match(manifest.scripts.build, /scripts\/build\.js/);
    // ws is optional: browsers never need it, and Node 22+ has a global WebSocket.
    assert.deepEqual(manifest.peerDependenciesMeta, { ws: { optional: true } });
    assert.ok(manifest.peerDependencies.ws);
  });

  it('has no ws in a browser bundle and loads it by itself on Node without a global WebSocket (built package)', async () => {
    const result = await build({
      entryPoints: [path.join(sdkDir, 'src', 'index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    assert.deepEqual(Object.keys(result.metafile.inputs).filter((file) => file.includes('node_modules/ws/')), [], 'ws stays out of browser bundles');
    const script = `
      delete globalThis.WebSocket;
      const { webSocketConstructor } = await import(${JSON.stringify(pathToFileURL(path.join(outDir, 'web-socket.js')).href)});
      const ws = (await import('ws')).default;
      console.log(JSON.stringify({ isWs: (await webSocketConstructor(undefined)) === ws }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { isWs: true });
  });

  it('without a global WebSocket and without ws installed, a live feed ends with a LastmeterError saying to install ws', () => {
    // The built package alone in a folder of its own, beside graphql-ws but no ws.
    const alone = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-sdk-without-ws-'));
    try {
      fs.cpSync(outDir, path.join(alone, 'sdk'), { recursive: true });
      fs.mkdirSync(path.join(alone, 'node_modules'));
      for (const name of ['graphql-ws', '@graphql-typed-document-node']) fs.symlinkSync(path.join(root, 'node_modules', name), path.join(alone, 'node_modules', name));
      const script = `
        delete globalThis.WebSocket;
        const { createClient } = await import('./sdk/index.js');
        const lm = createClient({ url: 'http://127.0.0.1:9/graphql' });
        try {
          await lm.issueTracked({ trackingCode: 'LM-X' })[Symbol.asyncIterator]().next();
          console.log(JSON.stringify({ failed: false }));
        } catch (error) {
          console.log(JSON.stringify({ failed: true, name: error.name, code: error.code, message: error.message }));
        }`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: alone });
      assert.equal(run.status, 0, run.stderr);
      const outcome = JSON.parse(run.stdout);
      assert.equal(outcome.failed, true);
      assert.equal(outcome.name, 'LastmeterError');
      assert.equal(outcome.code, 'NETWORK_ERROR');
      assert.match(outcome.message, /npm i ws/);
      assert.match(outcome.message, /webSocketImpl/);
    } finally {
      fs.rmSync(alone, { recursive: true, force: true });
    }
  });
});

/**
 * `NODE_ENV=production npm start` runs the JavaScript that swc built into
 * api/dist, with no TypeScript loader: not one .ts file is loaded, no `.ts`
 * extension is registered, and the API answers (decorator metadata survived the
 * build, or type-graphql would not have built the schema). The large packages
 * only some requests need (spreadsheets, S3 without a bucket configured, image
 * processing) are not loaded by a start. On both databases.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { TEST_DB, createScratchDatabase } from '../support/harness';

const ROOT = path.resolve(__dirname, '../..');
const { build } = require('../../api/scripts/build.js') as { build(): number };

/** Loaded before start.js; at exit, writes which modules the process loaded. */
const PROBE = `
const fs = require('node:fs');
process.on('exit', () => fs.writeFileSync(process.env.LM_PROBE_OUT, JSON.stringify({
  typeScriptModules: Object.keys(require.cache).filter((file) => file.endsWith('.ts')),
  typeScriptExtension: '.ts' in require.extensions,
  compiledMain: Object.keys(require.cache).some((file) => file.endsWith('/api/dist/main.js')),
  lazyPackagesLoaded: ['exceljs', '@aws-sdk/client-s3', 'sharp'].filter((name) =>
    Object.keys(require.cache).some((file) => file.includes('/node_modules/' + name + '/'))),
})));`;

describe('production start from api/dist', () => {
  let dir: string;
  let database: { url: string; drop(): Promise<void> } | undefined;

  beforeAll(async () => {
    build(); // what the install does: the test checks the current sources' build
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-compiled-start-'));
    fs.writeFileSync(path.join(dir, 'probe.js'), PROBE);
    if (TEST_DB === 'postgres') database = await createScratchDatabase();
  });
  afterAll(async () => {
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers GraphQL having loaded no TypeScript, patched no loader, and left the request-only packages unloaded', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-32-chars',
      ADMIN_PASSWORD: 'production-admin-password',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'info',
      LM_PROBE_OUT: path.join(dir, 'probe.json'),
    };
    delete env.REDIS_URL;
    delete env.SEED_DEMO;
    if (database) env.DATABASE_URL = database.url;
    else delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--require', path.join(dir, 'probe.js'), path.join(ROOT, 'api/scripts/start.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // Not a terminal: JSON log lines, one of which says where it listens.
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          for (const line of out.split('\n')) {
            if (!line.startsWith('{')) continue;
            const entry = JSON.parse(line) as { msg?: string; url?: string };
            if (entry.msg === 'Lastmeter API listening' && entry.url) resolve(entry.url);
          }
        });
        void exited.then((code) => reject(new Error(`the API exited (${code}) before it listened: ${stderr}`)));
      });
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ categories { code } }' }) });
      const body = (await res.json()) as { data?: { categories: { code: string }[] } };
      assert.ok(body.data && body.data.categories.length > 0, JSON.stringify(body));
    } finally {
      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
    }
    const probe = JSON.parse(fs.readFileSync(path.join(dir, 'probe.json'), 'utf8'));
    assert.deepEqual(probe, { typeScriptModules: [], typeScriptExtension: false, compiledMain: true, lazyPackagesLoaded: [] });
  });
});

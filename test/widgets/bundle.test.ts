/**
 * The widget bundle as the API serves it: content type, CORS for every origin,
 * ETag revalidation, the size budget, no `graphql` runtime inside; the
 * custom-elements.json manifest is served and current; the demo portal at `/`.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../support/harness';
import { BUNDLE_BUDGET_GZIP_BYTES, BUNDLE_FILE, CONSOLE_BUDGET_GZIP_BYTES, CONSOLE_BUNDLE_FILE, WIDGETS_DIR, bundleConsole, bundleWidgets } from '../../widgets/scripts/bundle';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('the bundle is served as JavaScript to any origin, with an ETag that answers 304', async () => {
  const res = await fetch(`${t.url}/widgets/lastmeter-widgets.js`, { headers: { origin: 'https://portal.example.gov.cn' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/javascript/);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.match(res.headers.get('cache-control') ?? '', /max-age=\d+/);
  const etag = res.headers.get('etag');
  assert.ok(etag && /^"[\w-]+"$/.test(etag), `strong ETag, got ${etag}`);
  const code = await res.text();
  for (const tag of ['lm-report-form', 'lm-status-tracker', 'lm-issue-feed', 'lm-stats']) assert.ok(code.includes(tag), `${tag} is in the bundle`);

  const again = await fetch(`${t.url}/widgets/lastmeter-widgets.js`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get('etag'), etag);
  assert.equal((await again.text()).length, 0);

  const stale = await fetch(`${t.url}/widgets/lastmeter-widgets.js`, { headers: { 'if-none-match': '"something-else"' } });
  assert.equal(stale.status, 200);
});

test('the server serves the built file widgets/dist/lastmeter-widgets.js, and that file is current', async () => {
  const served = await (await fetch(`${t.url}/widgets/lastmeter-widgets.js`)).text();
  assert.equal(served, readFileSync(BUNDLE_FILE, 'utf8'), 'the served bundle is the file on disk');
  const { code } = await bundleWidgets();
  assert.ok(served === code, 'widgets/dist/lastmeter-widgets.js is stale: `npm test` and `npm start` rebuild it, or run `npm run build -w @lastmeter/widgets`');
});

test('the staff console is a bundle of its own, current, served to any origin, within 60 KB gzipped; the residents’ bundle carries none of it', async () => {
  const res = await fetch(`${t.url}/widgets/lastmeter-console.js`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/javascript/);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const served = await res.text();
  assert.equal(served, readFileSync(CONSOLE_BUNDLE_FILE, 'utf8'), 'the served console bundle is the file on disk');
  const { code, inputs } = await bundleConsole();
  assert.ok(served === code, 'widgets/dist/lastmeter-console.js is stale: run `npm run build -w @lastmeter/widgets`');
  for (const tag of ['lm-workbench', 'lm-sign-in', 'lm-duty-list', 'lm-issue-detail', 'lm-visit-log']) assert.ok(code.includes(tag), `${tag} is in the console bundle`);
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`console bundle: ${(code.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
  assert.ok(gzipped <= CONSOLE_BUDGET_GZIP_BYTES, `${gzipped} bytes gzipped is over the ${CONSOLE_BUDGET_GZIP_BYTES}-byte budget`);
  assert.deepEqual(inputs.filter((file) => /node_modules\/graphql\//.test(file)), [], 'the graphql package must not be bundled');
  const residents = await bundleWidgets();
  assert.deepEqual(residents.inputs.filter((file) => /src\/console|console-/.test(file)), [], 'no console module in the residents’ bundle');
  assert.ok(!residents.code.includes('lm-workbench'));
});

test('all four widgets fit the gzip budget (40 KB) and carry no graphql runtime', async () => {
  const { code, inputs } = await bundleWidgets();
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`widget bundle: ${(code.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
  assert.ok(gzipped <= BUNDLE_BUDGET_GZIP_BYTES, `${gzipped} bytes gzipped is over the ${BUNDLE_BUDGET_GZIP_BYTES}-byte budget`);
  const graphqlRuntime = inputs.filter((file) => /node_modules\/graphql\//.test(file));
  assert.deepEqual(graphqlRuntime, [], 'the graphql package must not be bundled');
  assert.ok(inputs.some((file) => file.includes('sdk/src')), 'the widgets go through @lastmeter/sdk');
  assert.ok(inputs.some((file) => file.includes('node_modules/lit')), 'lit is bundled in');
  // Traditional Chinese arrives as generated tables, not as a converter running in the browser.
  assert.ok(inputs.some((file) => file.includes('generated/strings-zh-tw')), 'the zh-TW table is bundled in');
  assert.deepEqual(inputs.filter((file) => file.includes('opencc')), [], 'opencc-js stays out of the bundle');
});

test('custom-elements.json is served and matches the sources', async () => {
  const res = await fetch(`${t.url}/widgets/custom-elements.json`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const served = await res.json();
  const tags = served.modules.flatMap((m: any) => (m.declarations ?? []).map((d: any) => d.tagName)).filter(Boolean).sort();
  // The residents' four and the staff console's (its own bundle, documented in the same manifest), with the administration area's.
  const admin = ['lm-admin', 'lm-admin-audit', 'lm-admin-calendar', 'lm-admin-categories', 'lm-admin-import', 'lm-admin-people', 'lm-admin-portal-keys', 'lm-admin-regions', 'lm-admin-users'];
  assert.deepEqual(tags, [...admin, 'lm-duty-list', 'lm-issue-detail', 'lm-issue-feed', 'lm-report-form', 'lm-sign-in', 'lm-stats', 'lm-status-tracker', 'lm-visit-log', 'lm-workbench']);
  const form = served.modules.flatMap((m: any) => m.declarations ?? []).find((d: any) => d.tagName === 'lm-report-form');
  assert.deepEqual(form.attributes.map((a: any) => a.name).sort(), ['category', 'color-scheme', 'endpoint', 'grid', 'lang', 'portal-key']);
  assert.deepEqual(form.events.map((e: any) => e.name).sort(), ['lm-error', 'lm-submitted']);

  // Regenerate into a scratch folder: the committed manifest must be what the analyzer writes now.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'lastmeter-cem-'));
  try {
    const script = JSON.parse(readFileSync(path.join(WIDGETS_DIR, 'package.json'), 'utf8')).scripts.manifest as string;
    const args = script.replace(/^cem /, '').replace(/--outdir \S+/, '').match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ''));
    // The analyzer joins --outdir to the working directory, so pass it relative.
    execFileSync(process.execPath, [require.resolve('@custom-elements-manifest/analyzer/cem.js'), ...args, '--outdir', path.relative(WIDGETS_DIR, scratch)], {
      cwd: WIDGETS_DIR,
      stdio: 'pipe',
    });
    // The analyzer lists modules in no fixed order: compare them sorted by path.
    const modules = (file: string) =>
      (JSON.parse(readFileSync(file, 'utf8')).modules as { path: string }[]).sort((a, b) => a.path.localeCompare(b.path));
    assert.deepEqual(
      modules(path.join(WIDGETS_DIR, 'custom-elements.json')),
      modules(path.join(scratch, 'custom-elements.json')),
      'widgets/custom-elements.json is stale: run `npm run manifest -w @lastmeter/widgets`',
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('the demo portal is served at / and embeds all four widgets', async () => {
  const res = await fetch(`${t.url}/`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  const page = await res.text();
  assert.match(page, /<html lang="zh-CN">/);
  assert.match(page, /src="\/widgets\/lastmeter-widgets\.js"/);
  for (const tag of ['lm-report-form', 'lm-status-tracker', 'lm-issue-feed', 'lm-stats']) assert.match(page, new RegExp(`<${tag}[\\s>]`));
  assert.ok(page.includes('cadre.zheng'), 'one-click demo cadre sign-in');
});

/**
 * The console's administration pages (issue 18) in headless Chromium against a
 * real API, on both databases, driven only by labelled controls: the demo admin
 * checks a GeoJSON file whose dry run lists a problem row (and offers no
 * import), then checks and imports a clean one; imports people and sees their
 * one-time passwords once; resets a password, deactivates and reactivates a user;
 * changes a category's limit, marks a holiday, creates a portal key and a cadre
 * and assigns them. Every result is read back through the API. Others never see
 * the area. axe-core finds nothing serious on any section, light and dark.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';
import { launchChromium, type Chromium } from '../../widgets/scripts/chromium';

const AXE = path.join(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

const square = (west: number, south: number, size = 0.01): [number, number][] => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
];
const region = (code: string, name: string, level: string, parentCode?: string) => ({ type: 'Feature', geometry: null, properties: { code, name, level, parentCode } });
const grid = (code: string, name: string, ring: [number, number][], regionCode: string) => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [ring] },
  properties: { code, name, kind: 'URBAN_COMMUNITY', regionCode },
});
const geojson = (...features: unknown[]) => Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));

const TREE = [
  region('A420000', '页面市', 'CITY'),
  region('A420101', '页面区', 'COUNTY', 'A420000'),
  region('A420101001', '页面街道', 'TOWNSHIP', 'A420101'),
  region('A420101001001', '页面社区', 'COMMUNITY', 'A420101001'),
  grid('AG-1', '页面第1网格', square(100.0, 20.0), 'A420101001001'),
];

describe('the console’s administration pages', () => {
  let t: TestServer;
  let chromium: Chromium;
  let admin: string;

  beforeAll(async () => {
    // A tile server configured (served below by a stand-in): the region page draws its tiles under the outlines.
    t = await startTestServer({ env: { MAP_TILE_URL: 'https://tiles.example.test/{z}/{x}/{y}.png' } });
    admin = await t.login('admin');
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await t?.close();
  });

  /** Map tiles from the stand-in tile server: an empty image each. */
  const serveTiles = (page: Page) =>
    page.route('https://tiles.example.test/**', (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' }));

  async function openAdmin(username = 'admin', viewport = { width: 1440, height: 900 }): Promise<{ page: Page; problems: string[] }> {
    const page = await chromium.context.newPage();
    await serveTiles(page);
    await page.setViewportSize(viewport);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource|WebSocket/.test(m.text())) problems.push(m.text());
    });
    await page.goto(`${t.url}/console/?lang=en`);
    await page.getByLabel('Username', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'My work', exact: true }).waitFor({ timeout: 15_000 });
    return { page, problems };
  }

  const section = async (page: Page, name: string) => {
    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('button', { name, exact: true }).click();
    await page.locator('lm-admin').getByRole('heading', { name, exact: true }).waitFor();
  };

  /** axe-core's serious and critical violations on the page, light and dark. */
  async function axeSerious(page: Page, what: string): Promise<void> {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.evaluate(readFileSync(AXE, 'utf8'));
      const violations = await page.evaluate(async () => {
        const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3) }));
      });
      assert.deepEqual(violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical'), [], `axe on ${what} (${colorScheme})`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }

  const gridAt = async (latitude: number, longitude: number) =>
    dataOf(await t.gql<any>('query($a: Float!, $o: Float!) { gridAt(latitude: $a, longitude: $o) { code name } }', { a: latitude, o: longitude })).gridAt;

  it('checks a GeoJSON file with a dry run (a problem row, nothing written), then imports a clean one', async () => {
    const { page, problems } = await openAdmin();
    await page.getByRole('button', { name: 'Administration', exact: true }).click();
    await page.getByRole('navigation', { name: 'Administration sections' }).waitFor();
    const form = page.getByRole('form', { name: 'Import regions and grids (GeoJSON)' });
    const dryRun = form.getByRole('button', { name: 'Check (dry run)', exact: true });
    const importIt = form.getByRole('button', { name: 'Import', exact: true });

    // A grid whose community code is unknown: one problem, on feature 5, field regionCode.
    await form.getByLabel('File', { exact: true }).setInputFiles({
      name: 'bad.geojson',
      mimeType: 'application/geo+json',
      buffer: geojson(...TREE, grid('AG-2', '无社区网格', square(100.02, 20.0), 'A404')),
    });
    await dryRun.click();
    const table = form.getByRole('table', { name: '1 problem found; nothing was written.' });
    await table.waitFor({ timeout: 10_000 });
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.trim())));
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0].slice(0, 2), ['5', 'regionCode']);
    assert.ok(await importIt.isDisabled(), 'no import after a dry run with problems');
    assert.equal(await gridAt(20.005, 100.005), null, 'the dry run wrote nothing');
    await axeSerious(page, 'the problem table');

    // The clean file: the dry run counts what it would create, then the import does it.
    await form.getByLabel('File', { exact: true }).setInputFiles({ name: 'good.geojson', mimeType: 'application/geo+json', buffer: geojson(...TREE) });
    assert.ok(await importIt.isDisabled(), 'a new file needs its own dry run');
    await dryRun.click();
    await form.locator('.notice').filter({ hasText: 'Dry run: would create 5, update 0, leave 0 unchanged.' }).waitFor({ timeout: 10_000 });
    assert.equal(await form.getByRole('table').count(), 0, 'no problem table for a clean file');
    assert.equal(await gridAt(20.005, 100.005), null);
    await importIt.click();
    await form.locator('.notice').filter({ hasText: 'Imported: created 5, updated 0, unchanged 0.' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(await gridAt(20.005, 100.005), { code: 'AG-1', name: '页面第1网格' });
    const regions = dataOf(await t.gql<any>('{ regions { code } }')).regions.map((r: { code: string }) => r.code);
    assert.ok(regions.includes('A420000'));
    const audit = dataOf(await t.gql<any>('{ auditLog(first: 1, action: "importRegionsGrids") { edges { node { actorName } } } }', {}, { token: admin }));
    assert.equal(audit.auditLog.edges.length, 1, 'the import is in the audit log');

    // The new grid is drawn on the region page's map.
    await section(page, 'Regions and grids');
    const regionsPage = page.locator('lm-admin-regions');
    await regionsPage.getByRole('button', { name: /页面社区/ }).click();
    await regionsPage.getByRole('img', { name: 'Grid boundaries of 页面社区' }).locator('polygon').waitFor();
    // MAP_TILE_URL's tiles are drawn under the outlines, and the page's policy lets them in.
    const tiles = await regionsPage.locator('svg image').evaluateAll((images) => images.map((i) => i.getAttribute('href')));
    const policy = (await fetch(`${t.url}/console/`)).headers.get('content-security-policy')!;
    assert.match(policy, /img-src 'self' data: https:\/\/tiles\.example\.test;/);
    assert.ok(tiles.length >= 1 && tiles.every((href) => /^https:\/\/tiles\.example\.test\/\d+\/\d+\/\d+\.png$/.test(href!)), `tiles: ${tiles.join(', ')}`);

    // A grid made by hand in the chosen community (its boundary would come with a GeoJSON import).
    const newGrid = regionsPage.getByRole('form', { name: /^New grid/ });
    await newGrid.getByLabel('Name', { exact: true }).fill('页面第2网格');
    await newGrid.getByLabel('Code', { exact: true }).fill('AG-2');
    await newGrid.getByRole('button', { name: 'Create', exact: true }).click();
    await regionsPage.getByRole('cell', { name: 'AG-2', exact: true }).waitFor({ timeout: 10_000 });
    const community = dataOf(await t.gql<any>('query($a: Float!, $o: Float!) { gridAt(latitude: $a, longitude: $o) { region { grids { code name } } } }', { a: 20.005, o: 100.005 })).gridAt.region;
    assert.deepEqual(community.grids.map((g: any) => g.code).sort(), ['AG-1', 'AG-2']);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('imports people from a CSV file, showing each new account’s one-time password once', async () => {
    const { page, problems } = await openAdmin('admin', { width: 360, height: 740 });
    await page.getByRole('button', { name: 'Administration', exact: true }).click();
    const form = page.getByRole('form', { name: 'Import cadres and grid workers (CSV / XLSX)' });
    const csv = ['姓名,类型,网格编码,用户名,手机', '页面网格员,网格员,JC-DH-FL-02,page.worker,13900001111'].join('\n');
    await form.getByLabel('File', { exact: true }).setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await form.getByRole('button', { name: 'Check (dry run)', exact: true }).click();
    await form.locator('.notice').filter({ hasText: 'Dry run: would create 1, update 0, leave 0 unchanged.' }).waitFor({ timeout: 10_000 });
    assert.equal(await form.getByRole('table').count(), 0, 'a dry run shows no password');
    await form.getByRole('button', { name: 'Import', exact: true }).click();
    const passwords = form.getByRole('table', { name: /^One-time passwords/ });
    await passwords.waitFor({ timeout: 10_000 });
    const [username, password] = await passwords.locator('tbody tr td').allTextContents();
    assert.equal(username, 'page.worker');
    const signedIn = await t.gql<any>('mutation($p: String!) { login(username: "page.worker", password: $p) { user { displayName gridWorker { grid { code } } } } }', { p: password });
    assert.deepEqual(dataOf(signedIn).login.user, { displayName: '页面网格员', gridWorker: { grid: { code: 'JC-DH-FL-02' } } }, 'the shown password signs the new account in');

    // A new one-time password from the users page, shown once; the old one stops working.
    await section(page, 'Users');
    const users = page.locator('lm-admin-users');
    await users.getByLabel('Search', { exact: true }).fill('page.worker');
    await users.getByRole('button', { name: 'Reset password page.worker', exact: true }).click();
    const notice = users.locator('.notice').filter({ hasText: /^One-time password for page\.worker: / });
    await notice.waitFor({ timeout: 10_000 });
    const fresh = /: (\S+) \(shown only now\)/.exec((await notice.textContent())!)![1];
    assert.notEqual(fresh, password);
    assert.equal(errorCode(await t.gql('mutation($p: String!) { login(username: "page.worker", password: $p) { token } }', { p: password })), 'UNAUTHENTICATED');
    dataOf(await t.gql('mutation($p: String!) { login(username: "page.worker", password: $p) { token } }', { p: fresh }));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('deactivates a user through the users page (their token stops working), and reactivates them', async () => {
    const workerToken = await t.login('worker.gao');
    const { page, problems } = await openAdmin('admin', { width: 360, height: 740 });
    await page.getByRole('button', { name: 'Administration', exact: true }).click();
    await section(page, 'Users');
    const users = page.locator('lm-admin-users');
    await users.getByLabel('Search', { exact: true }).fill('worker.gao');
    await users.getByRole('button', { name: 'Deactivate worker.gao', exact: true }).click();
    await users.locator('.notice').filter({ hasText: 'worker.gao is deactivated.' }).waitFor({ timeout: 10_000 });
    await users.getByRole('button', { name: 'Reactivate worker.gao', exact: true }).waitFor();
    const listed = dataOf(await t.gql<any>('{ users(search: "worker.gao") { username active } }', {}, { token: admin })).users;
    assert.deepEqual(listed, [{ username: 'worker.gao', active: false }]);
    assert.equal(errorCode(await t.gql('{ me { id } }', {}, { token: workerToken })), 'UNAUTHENTICATED', 'the deactivated account’s token is refused');

    await users.getByRole('button', { name: 'Reactivate worker.gao', exact: true }).click();
    await users.locator('.notice').filter({ hasText: 'worker.gao is active again.' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(dataOf(await t.gql<any>('{ users(search: "worker.gao") { active } }', {}, { token: admin })).users, [{ active: true }]);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('changes a category’s limit, marks a holiday, creates a portal key and a cadre, and assigns the cadre, through the pages', async () => {
    const { page, problems } = await openAdmin();
    await page.getByRole('button', { name: 'Administration', exact: true }).click();
    assert.equal(await page.locator('lm-duty-list').isVisible(), false, 'My work is hidden behind the administration area');

    await section(page, 'Categories');
    const categories = page.locator('lm-admin-categories');
    await categories.getByLabel('Category', { exact: true }).selectOption({ value: 'GARBAGE' });
    await categories.locator('#lm-c-resolveLimit-n').fill('3');
    await categories.getByRole('group', { name: 'Resolve limit' }).getByLabel('Unit', { exact: true }).selectOption({ value: 'WORKING_DAYS' });
    await categories.getByRole('button', { name: 'Save', exact: true }).click();
    await categories.locator('.notice').filter({ hasText: 'Saved.' }).waitFor({ timeout: 10_000 });
    const garbage = dataOf(await t.gql<any>('{ categories { code resolveLimit { amount unit } } }')).categories.find((c: any) => c.code === 'GARBAGE');
    assert.deepEqual(garbage.resolveLimit, { amount: 3, unit: 'WORKING_DAYS' });

    await section(page, 'Working calendar');
    const calendar = page.locator('lm-admin-calendar');
    await calendar.getByLabel('Date', { exact: true }).fill('2027-10-01');
    await calendar.getByLabel(/^Name/).fill('国庆节');
    await calendar.getByLabel('Holiday', { exact: true }).check();
    await calendar.getByRole('button', { name: 'Add', exact: true }).click();
    await calendar.getByRole('cell', { name: '国庆节' }).waitFor({ timeout: 10_000 });
    const days = dataOf(await t.gql<any>('{ workCalendar(year: 2027) { date name workday } }', {}, { token: admin })).workCalendar;
    assert.deepEqual(days.find((d: any) => d.date === '2027-10-01'), { date: '2027-10-01', name: '国庆节', workday: false });

    await section(page, 'Portal keys');
    const keys = page.locator('lm-admin-portal-keys');
    await keys.getByLabel('Portal name', { exact: true }).fill('页面门户');
    await keys.getByLabel(/^Allowed origins/).fill('https://page.example.gov.cn\nhttps://m.page.example.gov.cn');
    await keys.getByRole('button', { name: 'Create', exact: true }).click();
    const shown = keys.locator('.notice').filter({ hasText: /^New key: lmk_/ });
    await shown.waitFor({ timeout: 10_000 });
    const listed = dataOf(await t.gql<any>('{ portalKeys { name allowedOrigins } }', {}, { token: admin })).portalKeys;
    assert.deepEqual(listed.find((k: any) => k.name === '页面门户').allowedOrigins, ['https://page.example.gov.cn', 'https://m.page.example.gov.cn']);

    await section(page, 'Cadres and grid workers');
    const people = page.locator('lm-admin-people');
    const cadreForm = people.getByRole('form', { name: 'New cadre' });
    await cadreForm.getByLabel('Name', { exact: true }).fill('页面干部');
    await cadreForm.getByLabel('Unit', { exact: true }).fill('区民政局');
    await cadreForm.getByLabel('Level', { exact: true }).selectOption({ value: 'COUNTY' });
    await cadreForm.getByRole('button', { name: 'Create', exact: true }).click();
    await people.getByLabel('Assign to grid: 页面干部', { exact: true }).selectOption({ label: '枫林社区第2网格（JC-DH-FL-02）' });
    const cadreRow = people.getByRole('row', { name: /页面干部/ });
    await cadreRow.getByRole('button', { name: 'Assign', exact: true }).click();
    // The seeded cadre 赵海峰 already has this grid: wait for the button in the new cadre's own row.
    await cadreRow.getByRole('button', { name: 'Remove from 枫林社区第2网格', exact: true }).waitFor({ timeout: 10_000 });
    const cadres = dataOf(await t.gql<any>('{ cadres(level: COUNTY) { name unit grids { code } } }', {}, { token: admin })).cadres;
    assert.deepEqual(cadres.find((c: any) => c.name === '页面干部'), { name: '页面干部', unit: '区民政局', grids: [{ code: 'JC-DH-FL-02' }] });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows the area to admins only', async () => {
    const { page } = await openAdmin('worker.lin', { width: 360, height: 740 });
    await page.getByRole('button', { name: 'Visits', exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Administration', exact: true }).count(), 0);
    await page.close();
  });

  it('has no serious or critical axe violation on any section, light and dark', async () => {
    const { page, problems } = await openAdmin();
    await page.getByRole('button', { name: 'Administration', exact: true }).click();
    const nav: Locator = page.getByRole('navigation', { name: 'Administration sections' });
    const names = await nav.getByRole('button').allTextContents();
    assert.equal(names.length, 8);
    for (const name of names.map((n) => n.trim())) {
      await section(page, name);
      await page.waitForLoadState('networkidle');
      await axeSerious(page, name);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});

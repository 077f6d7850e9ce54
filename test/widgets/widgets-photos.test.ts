/**
 * Photos in the widgets, in a real browser: a resident adds and removes photos by keyboard, the
 * report with its photos survives a lost answer and a reload (IndexedDB) and is filed exactly once
 * with its photos; the tracker shows the public AFTER photo and not the report photo.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchChromium, type Chromium } from '../../widgets/scripts/chromium';
import { dataOf, startTestServer, type TestServer } from '../support/harness';
import { noisyJpeg } from '../support/images';
import { upload } from '../support/photo-client';
import { startHostPage, type HostPage } from './host-page';

let t: TestServer;
let host: HostPage;
let chromium: Chromium;
let admin: string;
let portalKey: string;
let gridId: string;

beforeAll(async () => {
  t = await startTestServer();
  host = await startHostPage(t.url);
  admin = await t.login('admin');
  portalKey = dataOf(
    await t.gql<any>('mutation($o: [String!]!) { createPortalKey(name: "照片测试门户", allowedOrigins: $o) { key } }', { o: [host.origin] }, { token: admin }),
  ).createPortalKey.key;
  gridId = dataOf(await t.gql<any>('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt.id;
  chromium = await launchChromium();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await host?.close();
  await t?.close();
});

async function open(url: string): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('lm-report-form') && customElements.get('lm-status-tracker'));
  return page;
}

async function fillReport(page: Page, description: string): Promise<void> {
  const form = page.locator('lm-report-form');
  await form.getByLabel('问题类别', { exact: true }).selectOption({ label: '垃圾清理不及时' });
  await form.getByLabel('问题描述', { exact: true }).fill(description);
  await form.getByLabel('区县', { exact: true }).selectOption({ label: '江城区' });
  await form.getByLabel('社区村', { exact: true }).selectOption({ label: '桂花社区' });
  await form.getByRole('radio', { name: /桂花社区第7网格/ }).check();
}

const photosOf = async (description: string) => {
  const found = dataOf(
    await t.gql<any>('query($s: String!) { issues(filter: { search: $s }) { edges { node { trackingCode photos { stage } } } } }', { s: description }, { token: admin }),
  );
  return found.issues.edges.map((e: any) => e.node);
};

test('photos are added and removed by keyboard, and a report whose answer was lost is resent whole after a reload, once', async () => {
  const description = `垃圾堆放照片 ${Date.now()}`;
  const page = await open(host.page('/photos', `<lm-report-form portal-key="${portalKey}"></lm-report-form>`));
  const form = page.locator('lm-report-form');
  await fillReport(page, description);
  const input = form.getByLabel('添加照片');
  assert.equal(await input.getAttribute('accept'), 'image/*');
  assert.notEqual(await input.getAttribute('capture'), null);
  const pictures = await Promise.all([noisyJpeg(3000, 2000), noisyJpeg(400, 300), noisyJpeg(500, 300)]);
  await input.setInputFiles(pictures.map((buffer, i) => ({ name: `p${i}.jpg`, mimeType: 'image/jpeg', buffer })));
  await form.getByRole('img', { name: '照片 3' }).waitFor();
  // Remove the second photo by keyboard: the focus stays in the list.
  await form.getByRole('button', { name: '删除照片 2' }).focus();
  await page.keyboard.press('Enter');
  await form.getByRole('img', { name: '照片 3' }).waitFor({ state: 'detached' });
  assert.equal(await form.getByRole('listitem').count(), 2);
  const focused = await page.evaluate(() => document.querySelector('lm-report-form')!.shadowRoot!.activeElement?.getAttribute('aria-label'));
  assert.equal(focused, '删除照片 2');

  // The server files the report, but its answer is lost.
  let drop = true;
  const uploadSizes: number[] = [];
  await page.route(`${t.url}/**`, async (route) => {
    const request = route.request();
    if (request.url().endsWith('/uploads')) uploadSizes.push(request.postDataBuffer()?.length ?? 0);
    if (!drop || !(request.postData() ?? '').includes('reportIssue')) return route.continue();
    await route.fetch();
    await route.abort('internetdisconnected');
  });
  await form.getByRole('button', { name: '提交', exact: true }).click();
  await form.locator('[part="notice"]').filter({ hasText: '已保存在本机' }).waitFor({ timeout: 20_000 });
  assert.ok(uploadSizes[0]! < pictures[0]!.length, `the 3000×2000 picture was shrunk in the browser (${uploadSizes[0]} < ${pictures[0]!.length} bytes)`);
  drop = false;
  await page.unroute(`${t.url}/**`);
  await page.reload();
  const code = (await page.locator('lm-report-form [part="tracking-code"]').textContent({ timeout: 20_000 }))!.trim();
  const issues = await photosOf(description);
  assert.equal(issues.length, 1, 'exactly one issue');
  assert.equal(issues[0].trackingCode, code);
  assert.deepEqual(issues[0].photos.map((p: any) => p.stage), ['REPORT', 'REPORT'], 'with both photos');
  await page.close();
}, 120_000);

test('the tracker shows the public AFTER photo and not the report photo', async () => {
  const reportPhoto = (await upload(t.url, await noisyJpeg(300, 200), { portalKey })).body.id;
  const code = dataOf(
    await t.gql<any>(
      'mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }',
      { input: { categoryCode: 'GARBAGE', description: `井盖照片 ${Date.now()}`, gridId, idempotencyKey: `${Math.random()}`, photoIds: [reportPhoto] } },
      { portalKey },
    ),
  ).reportIssue.trackingCode;
  const id = dataOf(await t.gql<any>('query($s: String) { issues(filter: { search: $s }) { edges { node { id } } } }', { s: code }, { token: admin })).issues.edges[0].node.id;
  const afterPhoto = (await upload(t.url, await noisyJpeg(320, 240), { token: admin })).body.id;
  dataOf(await t.gql('mutation($id: ID!, $p: [ID!]!) { addIssuePhotos(id: $id, photoIds: $p, stage: AFTER) { id } }', { id, p: [afterPhoto] }, { token: admin }));

  const page = await open(host.page('/tracker-photos', `<lm-status-tracker portal-key="${portalKey}" tracking-code="${code}"></lm-status-tracker>`));
  const photos = page.locator('lm-status-tracker [part="photos"] img');
  await photos.first().waitFor({ timeout: 20_000 });
  assert.equal(await photos.count(), 1);
  assert.match((await photos.first().getAttribute('alt'))!, /处置后/);
  const loaded = await photos.first().evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
  assert.equal(loaded, 320);
  await page.close();
}, 120_000);

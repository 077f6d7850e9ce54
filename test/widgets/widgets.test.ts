/**
 * The four widgets in headless Chromium, on a portal page of another origin
 * with a portal key, against a real API: the form filled by its labels, the
 * live tracker and feed, inert resident markup, a dropped network that still
 * yields exactly one issue, axe-core, Chinese and English, the demo portal.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { dataOf, startTestServer, type TestServer } from '../support/harness';
import { launchChromium, type Chromium } from '../../widgets/scripts/chromium';
import { startHostPage, type HostPage } from './host-page';

const TRACKING_CODE = /^[0-9A-Z][0-9A-Z-]{7,}$/;
const AXE = path.join(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');
const MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

let t: TestServer;
let host: HostPage;
let chromium: Chromium;
let adminToken: string;
let portalKey: string;
let gridId: string;

beforeAll(async () => {
  t = await startTestServer();
  host = await startHostPage(t.url);
  adminToken = await t.login('admin');
  const key = dataOf(
    await t.gql<{ createPortalKey: { key: string } }>(
      'mutation($origins: [String!]!) { createPortalKey(name: "临江市门户（测试）", allowedOrigins: $origins) { key } }',
      { origins: [host.origin] },
      { token: adminToken },
    ),
  );
  portalKey = key.createPortalKey.key;
  // Grid No. 7 of 桂花社区 (JC-DH-GH-07) covers 30.58..30.59 N, 114.30..114.31 E.
  gridId = dataOf(await t.gql<{ gridAt: { id: string } }>('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt.id;
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await host?.close();
  await t?.close();
});

/** Opens a page and fails the test on any script error in it. */
async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await chromium.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource|ERR_FAILED|ERR_INTERNET_DISCONNECTED/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  await page.goto(url);
  await page.waitForFunction(() => ['lm-report-form', 'lm-status-tracker', 'lm-issue-feed', 'lm-stats'].every((tag) => customElements.get(tag)));
  return { page, problems };
}

/** Records every lm-* event reaching the document (they bubble out of shadow roots). */
async function recordEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { lmEvents: { type: string; detail: unknown }[] };
    w.lmEvents = [];
    for (const type of ['lm-submitted', 'lm-status-changed', 'lm-error']) {
      document.addEventListener(type, (e) => w.lmEvents.push({ type, detail: (e as CustomEvent).detail }));
    }
  });
}

const eventsOf = (page: Page, type: string) =>
  page.evaluate((type) => (window as unknown as { lmEvents: { type: string; detail: any }[] }).lmEvents.filter((e) => e.type === type).map((e) => e.detail), type);

async function issuesMatching(text: string): Promise<{ id: string; version: number; trackingCode: string; status: string }[]> {
  const res = await t.gql<{ issues: { edges: { node: { id: string; version: number; trackingCode: string; status: string } }[] } }>(
    'query($s: String!) { issues(filter: { search: $s }, first: 50) { edges { node { id version trackingCode status } } } }',
    { s: text },
    { token: adminToken },
  );
  return dataOf(res).issues.edges.map((e) => e.node);
}

async function reportViaApi(description: string): Promise<string> {
  const res = await t.gql<{ reportIssue: { trackingCode: string } }>(
    'mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }',
    { input: { categoryCode: 'GARBAGE', description, gridId, idempotencyKey: `test-${Math.random()}`, anonymous: true } },
    { portalKey },
  );
  return dataOf(res).reportIssue.trackingCode;
}

/** Fills the report form the way a resident would: by the visible labels. */
async function fillReport(page: Page, description: string): Promise<void> {
  const form = page.locator('lm-report-form');
  await form.getByLabel('问题类别', { exact: true }).selectOption({ label: '垃圾清理不及时' });
  await form.getByLabel('问题描述', { exact: true }).fill(description);
  await form.getByLabel('区县', { exact: true }).selectOption({ label: '江城区' });
  await form.getByLabel('社区村', { exact: true }).selectOption({ label: '桂花社区' });
  await form.getByRole('radio', { name: /桂花社区第7网格/ }).check();
  await form.getByLabel('姓名', { exact: false }).fill('王小明');
  await form.getByLabel('手机号码', { exact: false }).fill('13800138000');
}

async function runAxe(page: Page): Promise<string[]> {
  // Evaluated through DevTools rather than as an inline <script>: the demo portal's CSP (rightly) refuses those.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) at ${v.nodes.join(', ')}`);
}

test('a resident fills the form by its labels on another origin and gets a tracking code', async () => {
  const description = `垃圾桶满了三天没人清 ${Date.now()}`;
  const { page, problems } = await open(host.page('/form', `<lm-report-form portal-key="${portalKey}"></lm-report-form>`));
  await recordEvents(page);
  await fillReport(page, description);
  await page.locator('lm-report-form').getByRole('button', { name: '提交', exact: true }).click();

  const code = (await page.locator('lm-report-form [part="tracking-code"]').textContent({ timeout: 10_000 }))!.trim();
  assert.match(code, TRACKING_CODE);
  assert.deepEqual(await eventsOf(page, 'lm-submitted'), [{ trackingCode: code }]);
  const tracked = dataOf(await t.gql<{ trackIssue: { status: string; gridName: string } }>('query($c: String!) { trackIssue(trackingCode: $c) { status gridName } }', { c: code }));
  assert.deepEqual(tracked.trackIssue, { status: 'SUBMITTED', gridName: '桂花社区第7网格' });
  assert.equal((await issuesMatching(description)).length, 1);
  const pending = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lastmeter:pending-report:')));
  assert.deepEqual(pending, [], 'the pending copy is gone once the server confirmed');
  // The copy button is reachable and labelled.
  assert.equal(await page.locator('lm-report-form').getByRole('button', { name: '复制编号' }).count(), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the tracker changes live when staff move the issue', async () => {
  const description = `路灯不亮 ${Date.now()}`;
  const code = await reportViaApi(description);
  const { page, problems } = await open(host.page('/tracker', `<lm-status-tracker portal-key="${portalKey}" tracking-code="${code}"></lm-status-tracker>`));
  await recordEvents(page);
  const status = page.locator('lm-status-tracker .status');
  await status.filter({ hasText: '已提交' }).waitFor({ timeout: 10_000 });

  const [issue] = await issuesMatching(description);
  dataOf(await t.gql('mutation($id: ID!) { acceptIssue(id: $id, note: "已安排") { status } }', { id: issue.id }, { token: adminToken }));
  await status.filter({ hasText: '已受理' }).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('lm-status-tracker [aria-current="step"]').textContent().then((s) => s?.trim()), '已受理');
  const changes = await eventsOf(page, 'lm-status-changed');
  assert.deepEqual(changes.at(-1), { trackingCode: code, status: 'ACCEPTED', previousStatus: 'SUBMITTED' });
  // The change was announced to screen readers.
  await page.locator('lm-status-tracker [role="status"]').filter({ hasText: '已受理' }).waitFor({ timeout: 5_000 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the tracker shows a returned report as being re-dispatched, an extension\'s new deadline, and a merged report\'s primary', async () => {
  const description = `井盖松动 ${Date.now()}`;
  const code = await reportViaApi(description);
  const { page, problems } = await open(host.page('/dispatch', `<lm-status-tracker portal-key="${portalKey}" tracking-code="${code}"></lm-status-tracker>`));
  await page.locator('lm-status-tracker .status').filter({ hasText: '已提交' }).waitFor({ timeout: 10_000 });
  const [issue] = await issuesMatching(description);
  const cadres = dataOf(await t.gql<{ cadres: { id: string; name: string }[] }>('{ cadres { id name } }', {}, { token: adminToken })).cadres;
  const cadre = (name: string) => cadres.find((c) => c.name === name)!.id;
  const move = async (query: string, vars: Record<string, unknown>, token = adminToken) => dataOf(await t.gql<any>(query, { id: issue.id, ...vars }, { token }));
  await move('mutation($id: ID!, $c: ID!) { assignIssue(id: $id, cadreId: $c) { status } }', { c: cadre('郑大勇') });
  // The assignee's own acts (return, extension) are the assignee's to make.
  const zheng = await t.login('cadre.zheng');
  await move('mutation($id: ID!) { returnIssue(id: $id, reason: NOT_OUR_RESPONSIBILITY, note: "不属于本单位") { status } }', {}, zheng);
  await page.locator('lm-status-tracker [part="returned"]').filter({ hasText: '正在重新派单' }).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('lm-status-tracker .rejected').count(), 0, 'a return is not shown as a failure');
  // The steps reached so far stay done: submitted and accepted; dispatch is pending again.
  const doneSteps = () => page.locator('lm-status-tracker .step.done .label').allTextContents();
  assert.deepEqual(await doneSteps(), ['已提交', '已受理']);
  assert.equal(await page.locator('lm-status-tracker [aria-current="step"]').count(), 0);

  await move('mutation($id: ID!, $c: ID!) { reassignIssue(id: $id, cadreId: $c) { status } }', { c: cadre('陈明远') });
  const due = (await move('query($id: ID!) { issue(id: $id) { resolveDueAt } }', {})).issue.resolveDueAt;
  const until = new Date(Date.parse(due) + 3 * 86_400_000).toISOString();
  await move('mutation($id: ID!, $u: DateTimeISO!) { requestExtension(id: $id, until: $u, reason: "需要协调") { status } }', { u: until }, await t.login('cadre.chen'));
  await move('mutation($id: ID!) { decideExtension(id: $id, approve: true) { status } }', {}, await t.login('supervisor.liu'));
  await page.locator('lm-status-tracker [part="extended"]').waitFor({ timeout: 10_000 });
  // One deadline, the extended one, marked as extended (not "due" and "extended to" with the same date).
  assert.match((await page.locator('lm-status-tracker [part="extended"] dt').textContent())!, /^办结期限（已延期）$/);
  assert.equal(await page.locator('lm-status-tracker .facts dt').filter({ hasText: '办结期限' }).count(), 1);
  const extended = await page.evaluate((until) => new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(until)), until);
  assert.equal((await page.locator('lm-status-tracker [part="extended"] dd').textContent())!.trim(), extended);

  const duplicateCode = await reportViaApi(`${description}（重复）`);
  const [duplicate] = await issuesMatching(`${description}（重复）`);
  dataOf(await t.gql('mutation($id: ID!, $into: ID!) { mergeIssue(id: $id, intoId: $into) { status } }', { id: duplicate.id, into: issue.id }, { token: adminToken }));
  await page.evaluate((c) => document.querySelector('lm-status-tracker')!.setAttribute('tracking-code', c), duplicateCode);
  await page.locator('lm-status-tracker [part="merged"]').filter({ hasText: code }).waitFor({ timeout: 10_000 });
  // A merged report follows its primary's steps (the primary is assigned to 陈明远).
  assert.deepEqual(await doneSteps(), ['已提交', '已受理']);
  assert.equal((await page.locator('lm-status-tracker [aria-current="step"] .label').textContent())!.trim(), '已派单');

  // In English on a phone, the step labels do not run into each other.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.evaluate(() => document.querySelector('lm-status-tracker')!.setAttribute('lang', 'en'));
  await page.locator('lm-status-tracker .step .label').filter({ hasText: 'Submitted' }).waitFor();
  const boxes = await page.locator('lm-status-tracker .step .label').evaluateAll((labels) =>
    labels.map((l) => {
      const r = l.getBoundingClientRect();
      return { text: l.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom, scroll: l.scrollWidth, client: l.clientWidth };
    }),
  );
  for (const [i, a] of boxes.entries()) {
    assert.ok(a.scroll <= a.client + 1, `${a.text} fits its step`);
    for (const b of boxes.slice(i + 1)) {
      const overlap = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
      assert.ok(!overlap, `${a.text} and ${b.text} do not overlap`);
    }
  }
  // The notes the server writes itself read in English too; the merged report's own note names the primary.
  await page.locator('lm-status-tracker .timeline .note').filter({ hasText: `Handled together with the same problem: follow the progress of ${code}.` }).waitFor();
  await page.evaluate((c) => document.querySelector('lm-status-tracker')!.setAttribute('tracking-code', c), code);
  const notes = page.locator('lm-status-tracker .timeline .note');
  await notes.filter({ hasText: 'Being re-dispatched.' }).waitFor();
  await notes.filter({ hasText: /^The time limit was extended to \d{4}-\d{2}-\d{2} \d{2}:\d{2}\.$/ }).waitFor();
  assert.equal(await notes.filter({ hasText: /[\u4e00-\u9fff]/ }).count(), 0, 'no Chinese system note left in English');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the cadre feed shows a new report live, and resident markup stays inert text', async () => {
  // The city supervisor: a cadre whose scope region is the whole city.
  const token = await t.login('supervisor.liu');
  const { page, problems } = await open(host.page('/feed', `<lm-issue-feed portal-key="${portalKey}"></lm-issue-feed><lm-status-tracker portal-key="${portalKey}"></lm-status-tracker>`));
  const subscribed = page.waitForEvent('websocket').then(
    (ws) => new Promise<void>((resolve) => ws.on('framesent', (frame) => String(frame.payload).includes('"subscribe"') && resolve())),
  );
  await page.evaluate((token) => {
    (document.querySelector('lm-issue-feed') as HTMLElement & { token: string }).token = token;
  }, token);
  await subscribed;

  // The subscription goes live while the server registers it; a report made in that instant
  // may precede it, so report again until one shows (each must arrive live, without reload).
  const headline = page.locator('lm-issue-feed .headline');
  let stamp = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    stamp = `${Date.now()}`;
    await reportViaApi(`${stamp} ${MARKUP} 楼道堆物`);
    try {
      await headline.filter({ hasText: stamp }).first().waitFor({ timeout: 4_000 });
      break;
    } catch {
      assert.ok(attempt < 2, 'the new report never reached the feed');
    }
  }
  const shown = await headline.first().textContent();
  assert.ok(shown?.includes('<img src=x'), `markup shown as text, got ${shown}`);
  assert.equal(await page.locator('lm-issue-feed .grid').first().textContent(), '桂花社区第7网格');
  assert.equal(await page.locator('lm-issue-feed .type').first().textContent(), '提交');

  // A staff public note with markup, shown by the tracker: text too.
  const [issue] = await issuesMatching(stamp);
  dataOf(await t.gql('mutation($id: ID!, $n: String) { commentIssue(id: $id, publicNote: $n) { id } }', { id: issue.id, n: MARKUP }, { token: adminToken }));
  await page.evaluate((code) => document.querySelector('lm-status-tracker')!.setAttribute('tracking-code', code), issue.trackingCode);
  await page.locator('lm-status-tracker .note').first().waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('lm-status-tracker .note').first().textContent(), MARKUP);
  await page.locator('lm-issue-feed .type').filter({ hasText: '进展说明' }).first().waitFor({ timeout: 10_000 });

  // An event on an overdue issue stands out.
  const overdue = await t.gql<{ issues: { edges: { node: { id: string } }[] } }>(
    'query { issues(filter: { overdue: true }, first: 1) { edges { node { id } } } }',
    {},
    { token: adminToken },
  );
  const overdueIssue = dataOf(overdue).issues.edges[0]?.node;
  assert.ok(overdueIssue, 'the demo city has an overdue issue');
  dataOf(await t.gql('mutation($id: ID!) { commentIssue(id: $id, note: "催办") { id } }', { id: overdueIssue.id }, { token: adminToken }));
  await page.locator('lm-issue-feed .event.overdue .badge').filter({ hasText: '已超期' }).first().waitFor({ timeout: 10_000 });

  // An urge shows the supervisor's note on its card.
  const zhengId = dataOf(await t.gql<{ cadres: { id: string; name: string }[] }>('{ cadres { id name } }', {}, { token: adminToken })).cadres.find((c) => c.name === '郑大勇')!.id;
  dataOf(await t.gql('mutation($id: ID!, $c: ID!) { assignIssue(id: $id, cadreId: $c) { status } }', { id: issue.id, c: zhengId }, { token: adminToken }));
  dataOf(await t.gql('mutation($id: ID!) { urgeIssue(id: $id, note: "请今天下班前处理完毕") { id } }', { id: issue.id }, { token }));
  const urged = page.locator('lm-issue-feed .event').filter({ has: page.locator('.type[data-type="URGED"]') }).first();
  await urged.locator('.note').filter({ hasText: '催办意见：请今天下班前处理完毕' }).waitFor({ timeout: 10_000 });

  const injected = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    elements: ['lm-issue-feed', 'lm-status-tracker'].reduce((n, tag) => n + document.querySelector(tag)!.shadowRoot!.querySelectorAll('img, script').length, 0),
  }));
  assert.deepEqual(injected, { pwned: null, elements: 0 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('"use my location" finds the grid through gridAt; grid and category attributes preselect', async () => {
  await chromium.context.grantPermissions(['geolocation'], { origin: host.origin });
  await chromium.context.setGeolocation({ latitude: 30.585, longitude: 114.305 });
  try {
    const { page, problems } = await open(
      host.page(
        '/located',
        `<lm-report-form id="located" portal-key="${portalKey}" category="GARBAGE"></lm-report-form>
         <lm-report-form id="preset" portal-key="${portalKey}" grid="${gridId}"></lm-report-form>`,
      ),
    );
    const located = page.locator('#located');
    await located.getByRole('button', { name: '使用我的位置', exact: true }).click();
    await located.locator('.chosen').filter({ hasText: '已定位到：桂花社区第7网格' }).waitFor({ timeout: 10_000 });
    await page.locator('#preset .chosen').filter({ hasText: '已选网格：桂花社区第7网格' }).waitFor({ timeout: 10_000 });
    await located.locator('#category option[value="GARBAGE"]').waitFor({ state: 'attached', timeout: 10_000 });
    assert.equal(await located.getByLabel('问题类别', { exact: true }).inputValue(), 'GARBAGE');

    const description = `定位反映 ${Date.now()}`;
    await located.getByLabel('问题描述', { exact: true }).fill(description);
    await located.getByLabel('匿名反映', { exact: true }).check();
    assert.equal(await located.getByLabel('姓名', { exact: false }).isDisabled(), true, 'anonymous disables the name');
    await located.getByRole('button', { name: '提交', exact: true }).click();
    const code = (await located.locator('[part="tracking-code"]').textContent({ timeout: 10_000 }))!.trim();
    const tracked = dataOf(await t.gql<{ trackIssue: { gridName: string } }>('query($c: String!) { trackIssue(trackingCode: $c) { gridName } }', { c: code }));
    assert.equal(tracked.trackIssue.gridName, '桂花社区第7网格');
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await chromium.context.clearPermissions();
  }
});

test('keyboard only: errors are announced and take the focus; the tracker looks codes up with Enter', async () => {
  const code = await reportViaApi(`键盘查询 ${Date.now()}`);
  const { page } = await open(host.page('/keys', `<lm-status-tracker portal-key="${portalKey}"></lm-status-tracker><lm-report-form portal-key="${portalKey}"></lm-report-form>`));
  await recordEvents(page);
  const focused = () =>
    page.evaluate(() => {
      const host = document.activeElement as HTMLElement | null;
      return `${host?.tagName.toLowerCase()}#${(host?.shadowRoot?.activeElement as HTMLElement | null)?.id ?? ''}`;
    });

  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'lm-status-tracker#code');
  await page.keyboard.type('LM-0000-0000-0000');
  await page.keyboard.press('Enter');
  await page.locator('lm-status-tracker [role="alert"]').filter({ hasText: '找不到这个查询编号' }).waitFor({ timeout: 10_000 });
  assert.equal((await eventsOf(page, 'lm-error')).at(-1)?.code, 'NOT_FOUND');

  await page.keyboard.press('Control+A');
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await page.locator('lm-status-tracker .status').filter({ hasText: '已提交' }).waitFor({ timeout: 10_000 });

  // An empty report, submitted from the keyboard: the error is announced and the first missing field gets the focus.
  await page.locator('lm-report-form').getByRole('button', { name: '提交', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.locator('lm-report-form #category-error').filter({ hasText: '请选择问题类别' }).waitFor();
  assert.equal(await focused(), 'lm-report-form#category');
  await page.close();
});

test('a network drop during submit still ends in exactly one issue after it returns', async () => {
  const description = `井盖松动 ${Date.now()}`;
  const url = host.page('/flaky', `<lm-report-form portal-key="${portalKey}"></lm-report-form>`);
  const { page } = await open(url);
  // The request reaches the server, which files the issue, but the answer never comes back.
  let drop = true;
  let delivered = 0;
  await page.route(`${t.url}/graphql`, async (route) => {
    const body = route.request().postData() ?? '';
    if (!drop || !body.includes('reportIssue')) return route.continue();
    await route.fetch();
    delivered++;
    await route.abort('internetdisconnected');
  });
  await fillReport(page, description);
  await page.locator('lm-report-form').getByRole('button', { name: '提交', exact: true }).click();
  await page.locator('lm-report-form [part="notice"]').filter({ hasText: '已保存在本机' }).waitFor({ timeout: 15_000 });
  assert.ok(delivered >= 1, 'the server did receive the report');
  const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lastmeter:pending-report:')).length);
  assert.equal(saved, 1, 'the report waits in localStorage');

  // The network returns; the resident comes back to the page later.
  drop = false;
  await page.unroute(`${t.url}/graphql`);
  await page.reload();
  const code = (await page.locator('lm-report-form [part="tracking-code"]').textContent({ timeout: 15_000 }))!.trim();
  assert.match(code, TRACKING_CODE);
  const issues = await issuesMatching(description);
  assert.equal(issues.length, 1, `exactly one issue, got ${issues.length}`);
  assert.equal(issues[0].trackingCode, code);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lastmeter:pending-report:')).length), 0);
  await page.close();
});

test('going offline and back online resends the pending report by itself', async () => {
  const description = `停车占用消防通道 ${Date.now()}`;
  const { page } = await open(host.page('/offline', `<lm-report-form portal-key="${portalKey}"></lm-report-form>`));
  await fillReport(page, description);
  await chromium.context.setOffline(true);
  try {
    await page.locator('lm-report-form').getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('lm-report-form [part="notice"]').filter({ hasText: '已保存在本机' }).waitFor({ timeout: 15_000 });
  } finally {
    await chromium.context.setOffline(false);
  }
  const code = (await page.locator('lm-report-form [part="tracking-code"]').textContent({ timeout: 15_000 }))!.trim();
  assert.match(code, TRACKING_CODE);
  assert.equal((await issuesMatching(description)).length, 1);
  await page.close();
});

test('axe-core finds no serious or critical violation, in light and dark', async () => {
  const token = await t.login('cadre.zheng');
  const code = await reportViaApi(`垃圾分类桶损坏 ${Date.now()}`);
  const { page } = await open(
    host.page(
      '/all',
      // color-scheme="auto": follow the emulated system setting, so both palettes are checked.
      `<lm-report-form portal-key="${portalKey}" color-scheme="auto"></lm-report-form>
       <lm-status-tracker portal-key="${portalKey}" tracking-code="${code}" color-scheme="auto"></lm-status-tracker>
       <lm-stats portal-key="${portalKey}" color-scheme="auto"></lm-stats>
       <lm-issue-feed portal-key="${portalKey}" color-scheme="auto"></lm-issue-feed>`,
    ),
  );
  await page.evaluate((token) => {
    (document.querySelector('lm-issue-feed') as HTMLElement & { token: string }).token = token;
  }, token);
  await page.waitForFunction(() => document.querySelector('lm-report-form')!.shadowRoot!.querySelectorAll('#category option').length > 1);
  await page.locator('lm-status-tracker .status').waitFor({ timeout: 10_000 });
  await page.locator('lm-stats [part="value"]').first().waitFor({ timeout: 10_000 });
  // Show a validation error too: errors must be readable and announced.
  await page.locator('lm-report-form').getByRole('button', { name: '提交', exact: true }).click();
  await page.locator('lm-report-form [part="field-error"]').first().waitFor();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    assert.deepEqual(await runAxe(page), [], `axe (${colorScheme})`);
  }
  await page.close();

  const demo = await open(`${t.url}/`);
  await demo.page.locator('lm-stats [part="value"]').first().waitFor({ timeout: 10_000 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await demo.page.emulateMedia({ colorScheme });
    assert.deepEqual(await runAxe(demo.page), [], `axe on the demo portal (${colorScheme})`);
  }
  await demo.page.close();
});

test('Simplified Chinese by default, Traditional with lang="zh-TW"/"zh-HK", English with lang="en" or an English page; a second copy of the bundle is harmless', async () => {
  const labels = async (page: Page, selector: string) =>
    page.locator(selector).evaluate((el) => Array.from(el.shadowRoot!.querySelectorAll('label')).map((l) => l.textContent!.trim()).slice(0, 2));
  const twice = `<script type="module" src="${t.url}/widgets/lastmeter-widgets.js?copy=2"></script>`;
  const { page, problems } = await open(
    host.page(
      '/lang',
      `${twice}<lm-report-form id="zh" portal-key="${portalKey}"></lm-report-form><lm-report-form id="en" lang="en" portal-key="${portalKey}"></lm-report-form><lm-report-form id="tw" lang="zh-TW" portal-key="${portalKey}"></lm-report-form><lm-report-form id="hk" lang="zh-HK" portal-key="${portalKey}"></lm-report-form>`,
      { htmlLang: null },
    ),
  );
  await page.locator('#zh').getByRole('button', { name: '提交', exact: true }).waitFor();
  assert.deepEqual(await labels(page, '#zh'), ['问题类别', '问题描述']);
  assert.deepEqual(await labels(page, '#en'), ['Category', 'Description']);
  // Traditional Chinese on request, from the tables generated out of the Simplified one.
  assert.deepEqual(await labels(page, '#tw'), ['問題類別', '問題描述']);
  assert.deepEqual(await labels(page, '#hk'), ['問題類別', '問題描述']);
  assert.match(await page.locator('#hk').evaluate((el) => el.shadowRoot!.querySelector('#description-hint')!.textContent!), /請説明/);
  await page.locator('#en').getByRole('button', { name: 'Submit', exact: true }).waitFor();
  // Switching the attribute switches the language.
  await page.evaluate(() => document.querySelector('#zh')!.setAttribute('lang', 'en'));
  await page.locator('#zh').getByRole('button', { name: 'Submit', exact: true }).waitFor();
  assert.deepEqual(problems, [], 'loading the bundle twice raised no error');
  await page.close();

  const english = await open(host.page('/lang-en', '<lm-stats></lm-stats><lm-status-tracker></lm-status-tracker>', { htmlLang: 'en' }));
  await english.page.locator('lm-stats h2').filter({ hasText: 'Every case gets a response' }).waitFor();
  await english.page.locator('lm-status-tracker').getByRole('button', { name: 'Track', exact: true }).waitFor();
  await english.page.close();
});

test('the demo portal runs the whole loop on its own origin: report, track, sign in, feed', async () => {
  const { page, problems } = await open(`${t.url}/`);
  await page.getByRole('button', { name: /演示干部一键登录/ }).click();
  await page.locator('#signin-status').filter({ hasText: '已登录' }).waitFor({ timeout: 10_000 });
  await page.locator('lm-issue-feed .live').waitFor({ timeout: 10_000 });

  const description = `小区门口占道经营 ${Date.now()}`;
  await fillReport(page, description); // no portal key: the server's own origin may report
  await page.locator('lm-report-form').getByRole('button', { name: '提交', exact: true }).click();
  const code = (await page.locator('lm-report-form [part="tracking-code"]').textContent({ timeout: 10_000 }))!.trim();
  // The page hands the code to the tracker, which shows it at once.
  await page.locator('lm-status-tracker dd.code').filter({ hasText: code }).waitFor({ timeout: 10_000 });
  await page.locator('lm-status-tracker .status').filter({ hasText: '已提交' }).waitFor({ timeout: 10_000 });
  // And the signed-in cadre of grid No. 7 sees it arrive.
  await page.locator('lm-issue-feed .headline').filter({ hasText: description }).waitFor({ timeout: 10_000 });
  assert.deepEqual(problems, []);
  await page.close();
});

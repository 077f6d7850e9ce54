/**
 * Issue 21, as a resident on a 360 px touch phone and a portal developer would
 * meet the widgets (headless Chromium, zh-CN and en): one issue after a lost
 * reply and a second tap; errors under their fields; setup mistakes told to the
 * developer at once; "use my location" first and grids that say what they cover;
 * 44 px controls and a tracking code on one line that the device remembers;
 * the host's colour scheme; a waiting report without name and phone.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { dataOf, startTestServer, type TestServer } from '../support/harness';
import { launchChromium, type Chromium } from '../../widgets/scripts/chromium';
import { startHostPage, type HostPage } from './host-page';

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const PENDING = 'lastmeter:pending-report:';

let t: TestServer;
let host: HostPage;
let chromium: Chromium;
let phone: BrowserContext;
let adminToken: string;
let portalKey: string;

beforeAll(async () => {
  t = await startTestServer();
  host = await startHostPage(t.url);
  adminToken = await t.login('admin');
  portalKey = dataOf(
    await t.gql<{ createPortalKey: { key: string } }>(
      'mutation($o: [String!]!) { createPortalKey(name: "手机测试门户", allowedOrigins: $o) { key } }',
      { o: [host.origin] },
      { token: adminToken },
    ),
  ).createPortalKey.key;
  chromium = await launchChromium(PHONE);
  phone = chromium.context;
});

afterAll(async () => {
  await chromium?.close();
  await host?.close();
  await t?.close();
});

interface Opened {
  page: Page;
  /** console.error lines, with the time since the page was opened (ms). */
  consoleErrors: { text: string; at: number }[];
}

async function open(path: string, body: string, options: { htmlLang?: string | null; head?: string } = {}): Promise<Opened> {
  const page = await phone.newPage();
  const consoleErrors: Opened['consoleErrors'] = [];
  const started = Date.now();
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) consoleErrors.push({ text: message.text(), at: Date.now() - started });
  });
  // Listening before the page's scripts run: a setup mistake is reported the moment an element connects.
  await page.addInitScript(() => {
    const w = window as unknown as { lmEvents: { type: string; detail: any }[] };
    w.lmEvents = [];
    for (const type of ['lm-submitted', 'lm-status-changed', 'lm-error', 'lm-sign-in-required']) {
      document.addEventListener(type, (e) => w.lmEvents.push({ type, detail: (e as CustomEvent).detail }));
    }
    // The page's own clock: when the form was defined (it connects then) and when each console error came.
    const clock = window as unknown as { formConnectedAt?: number; consoleErrorsAt: { text: string; at: number }[] };
    clock.consoleErrorsAt = [];
    const original = console.error.bind(console);
    console.error = (...args: unknown[]) => {
      clock.consoleErrorsAt.push({ text: args.map(String).join(' '), at: performance.now() });
      original(...args);
    };
    void customElements.whenDefined('lm-report-form').then(() => (clock.formConnectedAt = performance.now()));
  });
  await page.goto(host.page(path, `${options.head ?? ''}${body}`, { htmlLang: options.htmlLang }));
  return { page, consoleErrors };
}

const eventsOf = (page: Page, type: string) =>
  page.evaluate((type) => (window as unknown as { lmEvents: { type: string; detail: any }[] }).lmEvents.filter((e) => e.type === type).map((e) => e.detail), type);

async function issuesMatching(text: string): Promise<{ trackingCode: string }[]> {
  const res = await t.gql<{ issues: { edges: { node: { trackingCode: string } }[] } }>(
    'query($s: String!) { issues(filter: { search: $s }, first: 50) { edges { node { trackingCode } } } }',
    { s: text },
    { token: adminToken },
  );
  return dataOf(res).issues.edges.map((e) => e.node);
}

/** Fills the form by touch, choosing the place by region and grid (as a resident without location would). */
async function fillByTouch(page: Page, description: string, en = false): Promise<void> {
  const form = page.locator('lm-report-form');
  await form.getByLabel(en ? 'Category' : '问题类别', { exact: true }).selectOption('GARBAGE');
  await form.getByLabel(en ? 'Description' : '问题描述', { exact: true }).fill(description);
  await form.getByLabel(en ? 'District / county' : '区县', { exact: true }).selectOption({ label: '江城区' });
  await form.getByLabel(en ? 'Community / village' : '社区村', { exact: true }).selectOption({ label: '桂花社区' });
  await form.getByRole('radio', { name: /桂花社区第7网格/ }).tap();
  await form.getByLabel(en ? 'Name' : '姓名', { exact: false }).fill('王小明');
  await form.getByLabel(en ? 'Mobile phone' : '手机号码', { exact: false }).fill('13800138000');
}

describe('the widgets on a 360 px phone', () => {
  it('1 · 9: a lost reply and a second tap still make one issue; the waiting copy keeps no name or phone', async () => {
    const description = `回复丢失 ${Date.now()}`;
    const { page } = await open('/lost-reply', `<lm-report-form portal-key="${portalKey}"></lm-report-form>`);
    // The server stores the report, but its answer never arrives (twice: the SDK retries once).
    let dropping = true;
    await page.route(`${t.url}/graphql`, async (route) => {
      if (!dropping || !(route.request().postData() ?? '').includes('reportIssue')) return route.continue();
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await fillByTouch(page, description);
    const form = page.locator('lm-report-form');
    await form.getByRole('button', { name: '提交', exact: true }).tap();

    // Waiting reads as information, and the only button resends that report.
    const notice = form.locator('[part="notice"]');
    await notice.filter({ hasText: '已保存在本机' }).waitFor({ timeout: 15_000 });
    assert.equal(await notice.getAttribute('role'), 'status');
    assert.equal(await form.locator('[role="alert"]').count(), 0, 'no error shown while the report waits');
    assert.equal(await form.getByRole('button', { name: '提交', exact: true }).count(), 0, 'no second submission of new content');
    assert.equal(await form.getByRole('button', { name: '重试' }).count(), 0);
    assert.equal(await form.getByLabel('问题描述', { exact: true }).isDisabled(), true, 'the waiting report cannot be edited into a new one');

    const stored = await page.evaluate((prefix) => Object.entries(localStorage).filter(([k]) => k.startsWith(prefix)).map(([, v]) => JSON.parse(v)), PENDING);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].input.description, description);
    assert.equal('reporterName' in stored[0].input || 'reporterPhone' in stored[0].input, false, 'name and phone never reach localStorage');
    assert.ok(!JSON.stringify(stored).includes('13800138000'));

    dropping = false;
    await form.getByRole('button', { name: '立即发送', exact: true }).tap();
    const code = (await form.locator('[part="tracking-code"]').textContent({ timeout: 15_000 }))!.trim();
    const issues = await issuesMatching(description);
    assert.deepEqual(issues.map((i) => i.trackingCode), [code], 'one issue, and its code is the one shown');
    assert.equal(await page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)).length, PENDING), 0, 'dropped once confirmed');
    await page.close();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`2: an empty submit puts each message under its field, tied to it, announced once (${lang})`, async () => {
      const en = lang === 'en';
      const { page } = await open(`/errors-${lang}`, `<lm-report-form portal-key="${portalKey}"></lm-report-form>`, { htmlLang: lang });
      const form = page.locator('lm-report-form');
      await form.locator('#category option').nth(1).waitFor({ state: 'attached' });
      await form.getByRole('button', { name: en ? 'Submit' : '提交', exact: true }).tap();
      const message = en ? 'Please choose a category.' : '请选择问题类别。';
      const error = form.locator('#category-error');
      await error.filter({ hasText: message }).waitFor();

      const state = await page.evaluate(() => {
        const root = document.querySelector('lm-report-form')!.shadowRoot!;
        const field = (id: string) => root.getElementById(id)!;
        return {
          focused: root.activeElement?.id,
          invalid: ['category', 'description'].map((id) => field(id).getAttribute('aria-invalid')),
          describedBy: field('category').getAttribute('aria-describedby'),
          locationError: !!root.getElementById('location-error'),
          liveRegionsWithText: Array.from(root.querySelectorAll('[role="alert"], [role="status"], [aria-live]')).filter((el) => el.textContent!.trim()).length,
        };
      });
      assert.equal(state.focused, 'category');
      assert.deepEqual(state.invalid, ['true', 'true']);
      assert.match(state.describedBy ?? '', /\bcategory-error\b/);
      assert.equal(state.locationError, true);
      // Announced once: by the focused field's description, not by a live region as well.
      assert.equal(state.liveRegionsWithText, 0);
      // On screen, right under the field that has the focus.
      const [fieldBox, errorBox] = await Promise.all([form.locator('#category').boundingBox(), error.boundingBox()]);
      assert.ok(fieldBox && errorBox && errorBox.y >= fieldBox.y + fieldBox.height - 1 && errorBox.y + errorBox.height <= 740, `error under the field and visible: ${JSON.stringify({ fieldBox, errorBox })}`);
      // Fixing the field removes its message.
      await form.locator('#category').selectOption('GARBAGE');
      assert.equal(await error.count(), 0);
      assert.equal(await form.locator('#category').getAttribute('aria-invalid'), 'false');
      await page.close();
    });
  }

  it('3: a wrong portal key is told in the console within a second, with the server reason; residents get no form to fill in vain', async () => {
    const { page, consoleErrors } = await open('/bad-key', '<lm-report-form portal-key="lmk_not-a-real-key"></lm-report-form>');
    const form = page.locator('lm-report-form');
    await form.locator('[part="notice"]').filter({ hasText: '服务暂不可用' }).waitFor({ timeout: 5_000 });
    await page.waitForFunction(() => true);
    const line = consoleErrors.find((e) => e.text.includes('portal-key'));
    assert.ok(line, `a console error naming portal-key, got ${JSON.stringify(consoleErrors)}`);
    assert.match(line.text, /Unknown portal key/);
    const timing = await page.evaluate(() => {
      const clock = window as unknown as { formConnectedAt?: number; consoleErrorsAt: { text: string; at: number }[] };
      return { connected: clock.formConnectedAt, told: clock.consoleErrorsAt.find((e) => e.text.includes('portal-key'))?.at };
    });
    assert.ok(timing.connected !== undefined && timing.told !== undefined && timing.told - timing.connected < 1_000, `within a second of connecting: ${JSON.stringify(timing)}`);
    const [error] = await eventsOf(page, 'lm-error');
    assert.deepEqual({ code: error.code, attribute: error.attribute }, { code: 'FORBIDDEN', attribute: 'portal-key' });
    assert.match(error.reason, /Unknown portal key/);
    assert.equal(await form.getByRole('button', { name: '重试' }).count(), 0, 'no Retry that cannot work');
    assert.equal(await form.locator('textarea').count(), 0, 'no form to fill in vain');
    await page.close();

    const missing = await open('/no-key', '<lm-report-form></lm-report-form>');
    await missing.page.locator('lm-report-form [part="notice"]').waitFor({ timeout: 5_000 });
    assert.ok(missing.consoleErrors.some((e) => /portal-key is missing/.test(e.text)), JSON.stringify(missing.consoleErrors));
    await missing.page.close();
  });

  it('4: an unknown region names the attribute; a refused token asks the page to sign in again and turns Live off', async () => {
    const { page, consoleErrors } = await open(
      '/setup',
      `<lm-stats portal-key="${portalKey}" region="no-such-id"></lm-stats><lm-issue-feed portal-key="${portalKey}"></lm-issue-feed>`,
    );
    await page.locator('lm-stats [part="error"]').waitFor({ timeout: 5_000 });
    assert.ok(consoleErrors.some((e) => /<lm-stats>: check the region attribute/.test(e.text)), JSON.stringify(consoleErrors));
    assert.equal((await eventsOf(page, 'lm-error')).find((e) => e.attribute === 'region')?.code, 'NOT_FOUND');

    await page.evaluate(() => {
      (document.querySelector('lm-issue-feed') as HTMLElement & { token: string }).token = 'expired.or.forged.token';
    });
    await page.waitForFunction(() => (window as unknown as { lmEvents: { type: string }[] }).lmEvents.some((e) => e.type === 'lm-sign-in-required'), undefined, { timeout: 10_000 });
    const feed = page.locator('lm-issue-feed');
    await feed.locator('[part="error"]').filter({ hasText: '登录已失效' }).waitFor();
    assert.equal(await feed.locator('.live').count(), 0, 'the Live badge is off');
    assert.equal(await feed.locator('[part="error"]').count(), 1, 'the reason shows once');
    await page.close();
  });

  it('5: "use my location" comes first; single-choice levels are not asked; grids say what they cover', async () => {
    const { page } = await open('/location', `<lm-report-form portal-key="${portalKey}"></lm-report-form>`);
    const form = page.locator('lm-report-form');
    await form.getByLabel('区县', { exact: true }).waitFor();
    const controls = await form.locator('[part="location"]').evaluate((fieldset) =>
      Array.from(fieldset.querySelectorAll('button, select, input')).map((el) => el.id || (el as HTMLInputElement).type),
    );
    assert.equal(controls[0], 'use-location', `first control in the place question: ${controls}`);
    assert.match((await form.locator('#use-location').getAttribute('class')) ?? '', /\bprimary\b/);
    const labels = await form.locator('[part="location"] label').allTextContents();
    assert.ok(!labels.some((l) => l.trim() === '市' || l.trim() === '街道乡镇'), `levels with one choice are not asked: ${labels}`);
    await form.getByLabel('区县', { exact: true }).selectOption({ label: '江城区' });
    await form.getByLabel('社区村', { exact: true }).selectOption({ label: '桂花社区' });
    await form.getByRole('radio', { name: /桂花社区第7网格/ }).waitFor();
    assert.match((await form.locator('[part="grid-option"]').first().textContent()) ?? '', /桂花苑/);
    await page.close();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`6: every control is at least 44 × 44 px and the tracking code stays on one line (${lang})`, async () => {
      const code = dataOf(
        await t.gql<{ reportIssue: { trackingCode: string } }>(
          'mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }',
          { input: { categoryCode: 'GARBAGE', description: `尺寸 ${Date.now()}`, gridId: await gridNo7(), idempotencyKey: `size-${Math.random()}`, anonymous: true } },
          { portalKey },
        ),
      ).reportIssue.trackingCode;
      const { page } = await open(
        `/sizes-${lang}`,
        `<lm-report-form portal-key="${portalKey}"></lm-report-form><lm-status-tracker portal-key="${portalKey}" tracking-code="${code}"></lm-status-tracker>`,
        { htmlLang: lang },
      );
      await page.locator('lm-report-form #category option').nth(1).waitFor({ state: 'attached' });
      await page.locator('lm-status-tracker .status').waitFor({ timeout: 10_000 });
      await page.locator('lm-report-form').getByLabel(lang === 'en' ? 'District / county' : '区县', { exact: true }).selectOption({ label: '江城区' });
      await page.locator('lm-report-form').getByLabel(lang === 'en' ? 'Community / village' : '社区村', { exact: true }).selectOption({ label: '桂花社区' });
      await page.locator('lm-report-form [part="grid-option"]').first().waitFor();
      const small = await page.evaluate(() =>
        ['lm-report-form', 'lm-status-tracker'].flatMap((tag) =>
          Array.from(document.querySelector(tag)!.shadowRoot!.querySelectorAll<HTMLElement>('button, select, textarea, input:not([type="radio"]), [part="grid-option"]'))
            .map((el) => ({ el: `${tag} ${el.tagName.toLowerCase()}#${el.id}.${el.className}`, box: el.getBoundingClientRect() }))
            .filter(({ box }) => box.width < 44 || box.height < 44)
            .map(({ el, box }) => `${el} ${Math.round(box.width)}×${Math.round(box.height)}`),
        ),
      );
      assert.deepEqual(small, []);
      const codeLines = await page.locator('lm-status-tracker dd.code').evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
      });
      assert.equal(codeLines, 1, 'the tracking code on one line at 360 px');
      const fits = await page.locator('lm-status-tracker dd.code').evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
      assert.ok(fits, 'and within the card');
      await page.close();
    });
  }

  it('6: the tracker keeps its field in sync, says what a code looks like, answers a blank lookup, and remembers codes on the device', async () => {
    const description = `记住编号 ${Date.now()}`;
    const code = dataOf(
      await t.gql<{ reportIssue: { trackingCode: string } }>(
        'mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }',
        { input: { categoryCode: 'GARBAGE', description, gridId: await gridNo7(), idempotencyKey: `remember-${Math.random()}`, anonymous: true } },
        { portalKey },
      ),
    ).reportIssue.trackingCode;
    const { page } = await open('/tracker', `<lm-status-tracker portal-key="${portalKey}"></lm-status-tracker>`);
    const tracker = page.locator('lm-status-tracker');
    const field = tracker.getByLabel('查询编号', { exact: true });
    assert.match((await tracker.locator('#code-format').textContent()) ?? '', /LM-/);

    await tracker.getByRole('button', { name: '查询', exact: true }).tap();
    await tracker.locator('#code-error').filter({ hasText: '请输入查询编号' }).waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');

    await field.fill(code.toLowerCase());
    await tracker.getByRole('button', { name: '查询', exact: true }).tap();
    await tracker.locator('.status').waitFor({ timeout: 10_000 });
    assert.equal(await field.inputValue(), code, 'the field shows the code being followed');
    await page.evaluate(() => document.querySelector('lm-status-tracker')!.setAttribute('tracking-code', 'LM-0000-0000-0000'));
    await tracker.locator('#code-error').waitFor({ timeout: 10_000 });
    assert.equal(await field.inputValue(), 'LM-0000-0000-0000', 'no stale code in the field');

    await page.reload();
    await tracker.locator('[part="recent"]').waitFor();
    const remembered = (await tracker.locator('[part="recent"] li').allTextContents()).map((s) => s.trim());
    assert.equal(remembered[0], code, 'remembered after a reload, newest first');
    assert.ok(!remembered.includes('LM-0000-0000-0000'), 'unknown codes are not remembered');
    assert.ok(remembered.length <= 5);
    await tracker.locator('[part="recent"] li button').first().tap();
    await tracker.locator('.status').waitFor({ timeout: 10_000 });
    await tracker.getByRole('button', { name: '清除这些记录' }).tap();
    assert.equal(await tracker.locator('[part="recent"]').count(), 0);
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lastmeter:recent-codes:')).length), 0);
    await page.close();
  });

  it('7: light widgets on a light host whatever the system says; a dark host or color-scheme="dark" gets dark ones', async () => {
    const surface = (page: Page, selector: string) =>
      page.locator(selector).evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.card')!).backgroundColor);
    const light = await open('/light-host', `<lm-stats portal-key="${portalKey}" id="plain"></lm-stats><lm-stats portal-key="${portalKey}" id="forced" color-scheme="dark"></lm-stats>`);
    await light.page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await surface(light.page, '#plain'), 'rgb(255, 255, 255)', 'a page that never asked for dark stays light');
    assert.equal(await surface(light.page, '#forced'), 'rgb(27, 29, 33)', 'color-scheme="dark" forces dark');
    await light.page.close();

    const both = await open('/dark-capable-host', `<lm-stats portal-key="${portalKey}" id="follow"></lm-stats><lm-stats portal-key="${portalKey}" id="light" color-scheme="light"></lm-stats>`, {
      head: '<style>:root { color-scheme: light dark; }</style>',
    });
    await both.page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await surface(both.page, '#follow'), 'rgb(27, 29, 33)', 'a host that offers dark follows the system');
    assert.equal(await surface(both.page, '#light'), 'rgb(255, 255, 255)', 'color-scheme="light" forces light');
    await both.page.emulateMedia({ colorScheme: 'light' });
    assert.equal(await surface(both.page, '#follow'), 'rgb(255, 255, 255)');
    await both.page.close();
  });
});

let gridId: string | undefined;
async function gridNo7(): Promise<string> {
  gridId ??= dataOf(await t.gql<{ gridAt: { id: string } }>('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt.id;
  return gridId;
}

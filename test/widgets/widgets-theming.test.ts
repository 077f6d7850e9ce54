/**
 * A portal themes the widgets the README's way, and the browser applies it:
 * `--lm-*` custom properties (a colour's `-dark` twin in the dark scheme) and
 * `::part`, read back as computed styles inside each widget's shadow root in
 * headless Chromium. (The default light and dark colours by the host's
 * color-scheme: widgets-on-a-phone.test.ts, 7.)
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from '@jest/globals';
import { dataOf, startTestServer, type TestServer } from '../support/harness';
import { launchChromium, type Chromium } from '../../widgets/scripts/chromium';
import { startHostPage, type HostPage } from './host-page';

const WIDGETS = ['lm-report-form', 'lm-status-tracker', 'lm-issue-feed', 'lm-stats'];

let t: TestServer;
let host: HostPage;
let chromium: Chromium;
let portalKey: string;

beforeAll(async () => {
  t = await startTestServer();
  host = await startHostPage(t.url);
  portalKey = dataOf(
    await t.gql<{ createPortalKey: { key: string } }>(
      'mutation($o: [String!]!) { createPortalKey(name: "主题测试门户", allowedOrigins: $o) { key } }',
      { o: [host.origin] },
      { token: await t.login('admin') },
    ),
  ).createPortalKey.key;
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await host?.close();
  await t?.close();
});

it('applies --lm-* custom properties (the -dark twin in the dark scheme) and ::part rules to every widget', async () => {
  const page = await chromium.context.newPage();
  const element = (tag: string, id: string, attributes = '') => `<${tag} id="${id}" portal-key="${portalKey}" ${attributes}></${tag}>`;
  const body = WIDGETS.map(
    (tag) => element(tag, `${tag}-themed`, 'class="themed"') + element(tag, `${tag}-dark`, 'class="themed" color-scheme="dark"') + element(tag, `${tag}-plain`),
  ).join('');
  await page.goto(
    host.page(
      '/themed',
      `<style>
        .themed { --lm-color-surface: #fdf6e3; --lm-color-surface-dark: #002b36; --lm-radius: 14px; --lm-font-family: 'Courier New', monospace; }
        .themed::part(base) { border-color: rgb(200, 0, 100); border-width: 3px; }
      </style>${body}`,
    ),
  );
  const card = async (id: string) => {
    const locator = page.locator(`#${id}`);
    await page.waitForFunction((selector) => document.querySelector(selector)?.shadowRoot?.querySelector('[part~="base"]'), `#${id}`);
    return locator.evaluate((el) => {
      const style = getComputedStyle(el.shadowRoot!.querySelector('[part~="base"]')!);
      return { background: style.backgroundColor, radius: style.borderTopLeftRadius, border: `${style.borderTopWidth} ${style.borderTopColor}`, font: style.fontFamily };
    });
  };
  for (const tag of WIDGETS) {
    const themed = await card(`${tag}-themed`);
    assert.deepEqual(themed, { background: 'rgb(253, 246, 227)', radius: '14px', border: '3px rgb(200, 0, 100)', font: '"Courier New", monospace' }, `${tag}: tokens and ::part`);
    assert.equal((await card(`${tag}-dark`)).background, 'rgb(0, 43, 54)', `${tag}: --lm-color-surface-dark in the dark scheme`);
    const plain = await card(`${tag}-plain`);
    assert.equal(plain.background, 'rgb(255, 255, 255)', `${tag}: untouched elements keep the defaults`);
    assert.equal(plain.radius, '6px');
    assert.notEqual(plain.border, themed.border);
  }
  await page.close();
});

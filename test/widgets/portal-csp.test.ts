/**
 * The widgets inside a portal's own strict Content-Security-Policy — exactly
 * the directives the README lists (script-src and connect-src for the API's
 * origin, nothing inline, no styles, images or frames) — and the demo portal
 * under its nonce policy: both work in headless Chromium without a single
 * CSP violation.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchChromium, type Chromium } from '../../widgets/scripts/chromium';
import { dataOf, startTestServer, type TestServer } from '../support/harness';

describe('widgets under a Content-Security-Policy', () => {
  let t: TestServer;
  let chromium: Chromium;
  let portal: http.Server;
  let portalOrigin: string;
  let portalKey: string;
  let trackingCode: string;
  let issueId: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestServer();
    const api = new URL(t.url);
    // The portal's own page: only the directives the README says a portal needs.
    const policy = [
      "default-src 'none'",
      `script-src 'self' ${api.origin}`,
      `connect-src 'self' ${api.origin} ws://${api.host}`,
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    portal = http.createServer((req, res) => {
      if (req.url !== '/') return void res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy }).end(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>门户</title>
<script type="module" src="${api.origin}/widgets/lastmeter-widgets.js"></script></head>
<body><lm-stats portal-key="${portalKey}"></lm-stats>
<lm-status-tracker portal-key="${portalKey}" tracking-code="${trackingCode}"></lm-status-tracker></body></html>`);
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    portalOrigin = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
    admin = await t.login('admin');
    portalKey = dataOf(await t.gql('mutation($o: [String!]!) { createPortalKey(name: "CSP 门户", allowedOrigins: $o) { key } }', { o: [portalOrigin] }, { token: admin }))
      .createPortalKey.key;
    const gridId = dataOf(await t.gql('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt.id;
    trackingCode = dataOf(
      await t.gql('mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }', {
        input: { categoryCode: 'GARBAGE', description: `CSP 测试 ${Date.now()}`, gridId, idempotencyKey: `csp-${Date.now()}`, anonymous: true },
      }, { portalKey }),
    ).reportIssue.trackingCode;
    issueId = dataOf(await t.gql('query($s: String) { issues(filter: { search: $s }) { edges { node { id } } } }', { s: trackingCode }, { token: admin })).issues
      .edges[0].node.id;
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    await new Promise<void>((resolve) => (portal ? portal.close(() => resolve()) : resolve()));
    await t?.close();
  });

  /** Opens a page, collecting script errors and CSP violations. */
  async function open(url: string): Promise<{ page: Page; problems: string[] }> {
    const page = await chromium.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(url);
    return { page, problems };
  }

  it('a portal with only script-src and connect-src for the API shows live statistics and status', async () => {
    const { page, problems } = await open(`${portalOrigin}/`);
    await page.locator('lm-stats [part="value"]').first().waitFor({ timeout: 15_000 });
    await page.evaluate(() => {
      (window as unknown as { changes: string[] }).changes = [];
      document.addEventListener('lm-status-changed', (e) => (window as unknown as { changes: string[] }).changes.push((e as CustomEvent).detail.status));
    });
    // The tracker's live feed (WebSocket) delivers a change made now.
    await page.waitForFunction(() => document.querySelector('lm-status-tracker')?.shadowRoot?.querySelector('.status'), undefined, { timeout: 15_000 });
    dataOf(await t.gql('mutation($id: ID!) { acceptIssue(id: $id) { status } }', { id: issueId }, { token: admin }));
    await page.waitForFunction(() => (window as unknown as { changes: string[] }).changes.includes('ACCEPTED'), undefined, { timeout: 15_000 });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the demo portal runs under its own nonce policy without a violation', async () => {
    const { page, problems } = await open(`${t.url}/`);
    await page.waitForFunction(() => ['lm-report-form', 'lm-status-tracker', 'lm-issue-feed', 'lm-stats'].every((tag) => customElements.get(tag)), undefined, {
      timeout: 15_000,
    });
    await page.locator('lm-stats [part="value"]').first().waitFor({ timeout: 15_000 });
    assert.deepEqual(problems, []);
    await page.close();
  });
});

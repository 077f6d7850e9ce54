/**
 * Takes docs/demo-portal.png for the README: starts the API on a throwaway
 * in-memory demo city, opens the demo portal in headless Chromium, walks the
 * loop once (cadre sign-in, a report, staff accepting it) and photographs it.
 *
 *   node api/scripts/run-ts.js widgets/scripts/screenshot.ts [out.png]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../api/src/config';
import { DEMO_PASSWORD } from '../../api/src/db/seeders/demo-city';
import { startServer } from '../../api/src/server/http';
import { launchChromium } from './chromium';

const OUT = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'docs', 'demo-portal.png'));

async function gql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lastmeter-screenshot-'));
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, SEED_DEMO: '1', OVERDUE_SWEEP_SECONDS: '0' }), {
    inMemory: true,
  });
  const browser = await launchChromium({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light', locale: 'zh-CN' });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: /演示干部一键登录/ }).click();
    await page.locator('#signin-status').filter({ hasText: '已登录' }).waitFor();

    const form = page.locator('lm-report-form');
    await form.getByLabel('问题类别', { exact: true }).selectOption({ label: '垃圾清理不及时' });
    await form.getByLabel('问题描述', { exact: true }).fill('桂花苑3栋门口的垃圾桶已经满了三天，没有人清运，气味很大。');
    await form.getByLabel('区县', { exact: true }).selectOption({ label: '江城区' });
    await form.getByLabel('社区村', { exact: true }).selectOption({ label: '桂花社区' });
    await form.getByRole('radio', { name: /桂花社区第7网格/ }).check();
    await form.getByRole('button', { name: '提交', exact: true }).click();
    const code = (await page.locator('lm-report-form [part="tracking-code"]').textContent())!.trim();
    await page.locator('lm-status-tracker .status').filter({ hasText: '已提交' }).waitFor();

    // A grid worker accepts it: the tracker and the cadre's feed move live.
    const { login } = await gql<{ login: { token: string } }>(server.url, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: 'worker.lin',
      p: DEMO_PASSWORD,
    });
    const { issues } = await gql<{ issues: { edges: { node: { id: string; trackingCode: string } }[] } }>(
      server.url,
      'query { issues(first: 50) { edges { node { id trackingCode } } } }',
      {},
      login.token,
    );
    const issue = issues.edges.find((e) => e.node.trackingCode === code)!.node;
    await gql(server.url, 'mutation($id: ID!) { acceptIssue(id: $id, note: "已通知保洁公司") { id } }', { id: issue.id }, login.token);
    await page.locator('lm-status-tracker .status').filter({ hasText: '已受理' }).waitFor();
    await page.locator('lm-issue-feed .type').filter({ hasText: '受理' }).first().waitFor();
    await page.locator('lm-stats [part="value"]').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: OUT, fullPage: true });
    console.log(`wrote ${path.relative(process.cwd(), OUT)} (tracking code ${code})`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

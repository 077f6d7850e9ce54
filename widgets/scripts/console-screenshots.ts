/**
 * Takes docs/console-360.png and docs/console-1440.png for the README: starts
 * the API on a throwaway in-memory demo city, signs the demo cadre in at
 * /console/ (Simplified Chinese) and photographs the workbench with an issue
 * open, on a 360 px phone and on a 1440 px desk.
 *
 *   node api/scripts/run-ts.js widgets/scripts/console-screenshots.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../api/src/config';
import { DEMO_PASSWORD } from '../../api/src/db/seeders/demo-city';
import { startServer } from '../../api/src/server/http';
import { launchChromium } from './chromium';

const DOCS = path.join(__dirname, '..', '..', 'docs');

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lastmeter-screenshot-'));
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, SEED_DEMO: '1', OVERDUE_SWEEP_SECONDS: '0' }), {
    inMemory: true,
  });
  const browser = await launchChromium({ deviceScaleFactor: 1, colorScheme: 'light', locale: 'zh-CN' });
  try {
    for (const [width, height, name] of [
      [360, 780, 'console-360.png'],
      [1440, 900, 'console-1440.png'],
    ] as const) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/console/?lang=zh-CN`);
      await page.getByLabel('用户名', { exact: true }).fill('cadre.zheng');
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.locator('lm-duty-list button.issue').first().waitFor({ timeout: 15_000 });
      await page.locator('lm-duty-list button.issue').first().click();
      await page.locator('lm-issue-detail h3').first().waitFor();
      await page.locator('lm-issue-detail .actions > button').first().click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(DOCS, name), fullPage: false });
      console.log(`wrote docs/${name}`);
      await page.close();
    }
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

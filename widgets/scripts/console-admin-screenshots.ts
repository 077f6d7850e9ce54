/**
 * Takes the README's pictures of the console's administration pages: the demo
 * admin at /console/ on a throwaway in-memory demo city, the GeoJSON import after
 * a dry run that found problems (docs/console-admin-1440.png, -360.png, and
 * -en-1440.png, -en-360.png in English), and the region page's boundary map
 * (docs/console-admin-regions-1440.png).
 *
 *   node api/scripts/run-ts.js widgets/scripts/console-admin-screenshots.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../api/src/config';
import { DEMO_PASSWORD } from '../../api/src/db/seeders/demo-city';
import { startServer } from '../../api/src/server/http';
import { launchChromium } from './chromium';

const DOCS = path.join(__dirname, '..', '..', 'docs');

const ring = (west: number, south: number): [number, number][] => [
  [west, south],
  [west + 0.01, south],
  [west + 0.01, south + 0.01],
  [west, south + 0.01],
  [west, south],
];
const grid = (code: string, name: string, coordinates: [number, number][], regionCode: string) => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [coordinates] },
  properties: { code, name, kind: 'URBAN_COMMUNITY', regionCode },
});
/** A file with three problems: an unknown community, a bow-tie boundary, a code given twice. */
const PROBLEMS = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    grid('X-01', '新建第1网格', ring(114.4, 30.6), '420101404'),
    grid('X-02', '蝴蝶结网格', [[114.5, 30.6], [114.52, 30.61], [114.52, 30.6], [114.5, 30.62], [114.5, 30.6]], '420101404'),
    grid('X-02', '重复编码', ring(114.6, 30.6), '420101404'),
  ],
});

const WORDS = {
  'zh-CN': { user: '用户名', password: '密码', signIn: '登录', admin: '系统管理', file: '文件', dryRun: '检查（试运行）', regions: '区域和网格' },
  en: { user: 'Username', password: 'Password', signIn: 'Sign in', admin: 'Administration', file: 'File', dryRun: 'Check (dry run)', regions: 'Regions and grids' },
};

async function signIn(page: Page, url: string, lang: keyof typeof WORDS): Promise<void> {
  const w = WORDS[lang];
  await page.goto(`${url}/console/?lang=${lang}`);
  await page.getByLabel(w.user, { exact: true }).fill('admin');
  await page.getByLabel(w.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: w.signIn, exact: true }).click();
  await page.getByRole('button', { name: w.admin, exact: true }).click();
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lastmeter-screenshot-'));
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, SEED_DEMO: '1', OVERDUE_SWEEP_SECONDS: '0' }), {
    inMemory: true,
  });
  const browser = await launchChromium({ deviceScaleFactor: 1, colorScheme: 'light' });
  try {
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const [width, height] of [
        [360, 1100],
        [1440, 1000],
      ] as const) {
        const page = await browser.context.newPage();
        await page.setViewportSize({ width, height });
        await signIn(page, server.url, lang);
        const w = WORDS[lang];
        const form = page.locator('lm-admin-import[kind="regions-grids"]');
        await form.getByLabel(w.file, { exact: true }).setInputFiles({ name: 'grids.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(PROBLEMS) });
        await form.getByRole('button', { name: w.dryRun, exact: true }).click();
        await form.locator('table').waitFor({ timeout: 15_000 });
        const name = `console-admin${lang === 'en' ? '-en' : ''}-${width}.png`;
        await page.screenshot({ path: path.join(DOCS, name), fullPage: width === 360 });
        console.log(`wrote docs/${name}`);
        if (lang === 'zh-CN' && width === 1440) {
          await page.getByRole('button', { name: w.regions, exact: true }).click();
          await page.locator('lm-admin-regions').getByRole('button', { name: /桂花社区/ }).click();
          await page.locator('lm-admin-regions svg polygon').first().waitFor({ timeout: 15_000 });
          await page.screenshot({ path: path.join(DOCS, 'console-admin-regions-1440.png') });
          console.log('wrote docs/console-admin-regions-1440.png');
        }
        await page.close();
      }
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

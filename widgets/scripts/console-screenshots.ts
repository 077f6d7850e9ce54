/**
 * Takes docs/console-360.png and docs/console-1440.png for the README: starts
 * the API on a throwaway in-memory demo city, signs the demo cadre in at
 * /console/ (Simplified Chinese) and photographs the workbench with an issue
 * open — a before photo attached, the Add photos form open — on a 360 px phone
 * and on a 1440 px desk. To look at another language, give it and a folder:
 *
 *   node api/scripts/run-ts.js widgets/scripts/console-screenshots.ts
 *   node api/scripts/run-ts.js widgets/scripts/console-screenshots.ts en /tmp/shots
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../api/src/config';
import { DEMO_PASSWORD } from '../../api/src/db/seeders/demo-city';
import { startServer } from '../../api/src/server/http';
import sharp from 'sharp';
import { launchChromium } from './chromium';

const [lang = 'zh-CN', out = path.join(__dirname, '..', '..', 'docs')] = process.argv.slice(2);

/** A drawn stand-in for a site photo: a broken railing by a path. */
function railingPhoto(): Promise<Buffer> {
  const posts = Array.from({ length: 7 }, (_, i) => `<rect x="${60 + i * 110}" y="250" width="18" height="190" fill="#4a5a52"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <rect width="800" height="600" fill="#b9d3e6"/><rect y="380" width="800" height="220" fill="#9b9486"/>
    <rect y="300" width="800" height="90" fill="#7fa36b"/>${posts}
    <rect x="60" y="270" width="330" height="12" fill="#4a5a52"/><rect x="500" y="290" width="300" height="12" fill="#4a5a52" transform="rotate(9 500 290)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

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
      await page.goto(`${server.url}/console/?lang=${lang}`);
      await page.locator('#lm-username').fill('cadre.zheng');
      await page.locator('#lm-password').fill(DEMO_PASSWORD);
      await page.locator('lm-sign-in button[type="submit"]').click();
      await page.locator('lm-duty-list button.issue').first().waitFor({ timeout: 15_000 });
      await page.locator('lm-duty-list button.issue').first().click();
      await page.locator('lm-issue-detail h3').first().waitFor();
      // A before photo on the issue (once: both sizes show the same one), through the page's own session.
      await page.locator('lm-issue-detail').evaluate(async (el: any, picture: number[]) => {
        if (el.issue.photos.length) return;
        const token = JSON.parse(sessionStorage.getItem('lastmeter.console.session')!).token;
        const upload = await fetch('/uploads', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' }, body: new Uint8Array(picture) });
        const { id } = await upload.json();
        await fetch('/graphql', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'mutation($id: ID!, $p: [ID!]!) { addIssuePhotos(id: $id, photoIds: $p, stage: BEFORE) { id } }', variables: { id: el.issueId, p: [id] } }),
        });
        await el.load();
      }, [...(await railingPhoto())]);
      await page.locator('lm-issue-detail .photos img').first().evaluate((img: HTMLImageElement) => img.decode());
      await page.locator('lm-issue-detail .actions > button').filter({ hasText: lang === 'en' ? 'Add photos' : '上传照片' }).click();
      await page.locator('lm-issue-detail .move-form input[type="radio"]').first().check();
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(out, name), fullPage: false });
      console.log(`wrote ${path.join(out, name)}`);
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

/**
 * Headless Chromium for the widget tests and the screenshot script: Debian's
 * /usr/bin/chromium driven by playwright-core, in a fresh profile directory that
 * is removed again on close.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findChromium, HOW_TO_GET_ONE } = require('./find-chromium') as { findChromium(): string | undefined; HOW_TO_GET_ONE: string };

/** The browser's path: CHROMIUM_PATH, then the usual install paths. */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error(HOW_TO_GET_ONE);
  return found;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(options: BrowserContextOptions = {}): Promise<Chromium> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'lastmeter-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: ARGS, ...options });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

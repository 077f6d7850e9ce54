/** Cold start on the embedded default: `npm start`'s process from spawn to the first answered query. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Milliseconds from spawning `node api/scripts/start.js` to the first answered `categories` query. */
export async function coldStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.NODE_ENV;
  delete env.JWT_SECRET;
  const started = performance.now();
  const proc = spawn(process.execPath, [path.join(ROOT, 'api/scripts/start.js')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  proc.once('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error('the API exited during start');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ categories { code } }' }),
        });
        const body = (await res.json()) as { data?: { categories?: unknown[] } };
        if (body.data?.categories?.length) return performance.now() - started;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    if (!exited) {
      const gone = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
  }
}

/** First start (empty data dir: migrations and the demo seed) and restart (existing data), `rounds` times each. */
export async function measureColdStarts(rounds: number): Promise<{ first: number[]; restart: number[] }> {
  const first: number[] = [];
  const restart: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmeter-cold-'));
    try {
      first.push(await coldStart(dir));
      restart.push(await coldStart(dir));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return { first, restart };
}

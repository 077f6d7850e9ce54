/**
 * A PostgreSQL cluster of a test's own, on a free port, that the test may stop
 * and start (outages) and destroys afterwards. Needs the Debian package
 * (binaries in /usr/lib/postgresql/15/bin). initdb refuses to run as root, so
 * as root every command runs as the `postgres` OS user.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const POSTGRES_BIN = process.env.LM_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  port: number;
  dir: string;
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication). */
  adminUrl: string;
  /** A URL for database `name` on this cluster. */
  urlFor(name: string): string;
  readonly running: boolean;
  start(): Promise<void>;
  /** `fast` disconnects clients and shuts down cleanly; `immediate` is a crash-like stop. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops the cluster if it runs and deletes its directory. */
  destroy(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (another process could take it meanwhile; good enough for tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Runs a PostgreSQL program, as the postgres user when we are root. */
async function pgCommand(program: string, args: string[]): Promise<string> {
  const binary = path.join(POSTGRES_BIN, program);
  const asRoot = process.getuid?.() === 0;
  const { stdout } = asRoot
    ? await run('su', ['postgres', '-s', '/bin/sh', '-c', [binary, ...args].map(quote).join(' ')])
    : await run(binary, args);
  return stdout;
}

/** Creates and starts a new cluster. Always `destroy()` it (e.g. in `after`). */
export async function createThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    fs.chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  await pgCommand('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const port = await freePort();
  let running = false;
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const cluster: ThrowawayPostgres = {
    port,
    dir,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    urlFor: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    get running() {
      return running;
    },
    async start() {
      await pgCommand('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', 'start']);
      running = true;
    },
    async stop(mode = 'fast') {
      await pgCommand('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '30', 'stop']);
      running = false;
    },
    async destroy() {
      if (running) await cluster.stop('immediate').catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await cluster.start();
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return cluster;
}

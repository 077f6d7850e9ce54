/**
 * The API as a real child process (`node api/scripts/start.js`), for tests of
 * what only a process shows: signals, `kill -9`, exit codes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './throwaway-postgres';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ApiProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote (stdout and stderr). */
  output(): string;
  /** POSTs a GraphQL request; resolves to the HTTP status and the parsed body. */
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; body: { data?: any; errors?: any[] } }>;
  /** Sends a signal (default SIGKILL) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Port-taken failures to retry: a free port can be taken by another process before the API binds it. */
const PORT_ATTEMPTS = 5;

/** Starts the API with `env` (PORT is chosen here) and waits until /healthz answers. */
export async function startApiProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<ApiProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePort(env, timeoutMs);
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

class PortTaken extends Error {}

/** The API exited before it answered /healthz (a refused start): its exit and what it wrote. */
export class ApiExitedDuringStart extends Error {
  constructor(
    readonly exit: { code: number | null; signal: NodeJS.Signals | null },
    readonly output: string,
  ) {
    super(`the API exited during start (code ${exit.code}, signal ${exit.signal}):\n${output.slice(-2000)}`);
  }
}

async function startOnFreePort(env: Record<string, string>, timeoutMs: number): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'api/scripts/start.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((how) => (exit = how));
  for (;;) {
    if (exit) {
      if (/EADDRINUSE/.test(output)) throw new PortTaken(`port ${port} was taken before the API bound it`);
      throw new ApiExitedDuringStart(exit, output);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not start within ${timeoutMs} ms:\n${output.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port,
    child,
    exited,
    output: () => output,
    async gql(query, variables = {}, token) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

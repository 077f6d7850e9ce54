/**
 * A small closed-loop load generator: `concurrency` clients, each sending its
 * next request as soon as the previous answer has been read in full, over
 * keep-alive connections. Reports requests per second and latency percentiles.
 *
 * The clients are undici's (one connection each, no pipelining) rather than node:http's: on this 2-core machine
 * the generator shares the CPU with the servers and PostgreSQL, and undici's costs about a third of node:http's
 * per request (0.026 vs 0.069 ms against a bare echo server), which leaves more of the machine to what is measured.
 */
import http from 'node:http';
import { Pool } from 'undici';

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Bytes of the last good answer. */
  bytes: number;
  /** CPU the generator itself (this process) spent per answered request, in ms. */
  clientCpuPerRequest: number;
}

export interface LoadOptions {
  url: string;
  body: string | (() => string);
  headers?: Record<string, string>;
  concurrency: number;
  durationMs: number;
}

/** Percentile of sorted values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** One POST, resolving to status, body and when its last byte arrived (performance.now(), before the body is decoded). */
export function post(agent: http.Agent, url: URL, body: string, headers: Record<string, string>): Promise<{ status: number; text: string; receivedAt: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const receivedAt = performance.now();
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), receivedAt });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const pool = new Pool(url.origin, { connections: options.concurrency, pipelining: 1 });
  const path = `${url.pathname}${url.search}`;
  const headers = { 'content-type': 'application/json', ...options.headers };
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + options.durationMs;
  const client = async () => {
    while (performance.now() < deadline) {
      const body = typeof options.body === 'function' ? options.body() : options.body;
      const t0 = performance.now();
      try {
        const res = await pool.request({ path, method: 'POST', body, headers });
        const text = await res.body.text();
        const ok = res.statusCode === 200 && !text.startsWith('{"errors"') && !text.includes('"errors":[');
        if (ok) {
          latencies.push(performance.now() - t0);
          bytes = text.length;
        } else {
          errors++;
          firstError ??= `HTTP ${res.statusCode}: ${text.slice(0, 300)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await pool.destroy();
  if (firstError && errors > latencies.length / 100) console.error(`  ! ${errors} failed requests, first: ${firstError}`);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    bytes,
    clientCpuPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length + errors),
  };
}

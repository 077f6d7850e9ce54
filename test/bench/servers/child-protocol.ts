/**
 * How the benchmark talks to the servers it starts: each runs in a child
 * process with an IPC channel, says `ready` with its URL, and answers
 * `stats` with the SQL statements it has sent and its memory.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ChildStats {
  statements: number;
  rss: number;
  heapUsed: number;
  /** process.memoryUsage()'s other figures: the V8 heap reserved, and memory outside it (Buffers among it). */
  heapTotal?: number;
  external?: number;
  arrayBuffers?: number;
  /** CPU time (user + system) the process has used, in ms. */
  cpuMs: number;
}

export type ParentMessage = { type: 'stats'; id: number; gc?: boolean } | { type: 'stop' };
export type ChildMessage = { type: 'ready'; url: string; extra?: Record<string, unknown> } | ({ type: 'stats'; id: number } & ChildStats);

let statements = 0;

/**
 * Counts every statement sent through the `pg` driver that this process's
 * MikroORM/knex (or the raw floor) uses: the same count for any server.
 */
export function countPgStatements(fromDir: string = path.resolve(__dirname, '../../../api')): void {
  const req = createRequire(path.join(fromDir, 'index.js'));
  const paths = new Set<string>();
  for (const start of [fromDir, path.dirname(req.resolve('knex'))]) {
    try {
      paths.add(createRequire(path.join(start, 'x.js')).resolve('pg'));
    } catch {
      /* not there */
    }
  }
  for (const p of paths) {
    const pg = req(p) as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
    const original = pg.Client.prototype.query;
    if ((original as { counted?: boolean }).counted) continue;
    const counted = function (this: unknown, ...args: unknown[]) {
      // The outbound worker's statements (marked /* outbound */) run in the background, not for a request.
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
      if (!(typeof text === 'string' && text.startsWith('/* outbound */'))) statements++;
      return original.apply(this, args);
    };
    (counted as { counted?: boolean }).counted = true;
    pg.Client.prototype.query = counted;
  }
}

/** Answers the parent's questions until it says stop; `onStop` closes the server. */
export function serveParent(url: string, onStop: () => Promise<void>, extra?: Record<string, unknown>): void {
  const send = (message: ChildMessage) => process.send?.(message);
  process.on('message', async (message: ParentMessage) => {
    if (message.type === 'stats') {
      if (message.gc && typeof global.gc === 'function') global.gc();
      const mem = process.memoryUsage();
      const cpu = process.cpuUsage();
      send({ type: 'stats', id: message.id, statements, rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal, external: mem.external, arrayBuffers: mem.arrayBuffers, cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (message.type === 'stop') {
      await onStop().catch(() => undefined);
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url, extra });
}

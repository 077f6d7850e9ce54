/**
 * PGlite on a thread of its own (pglite-worker.ts). PostgreSQL in
 * WebAssembly is CPU work on whichever thread runs it: opening a database
 * costs ~1 s of it, which on the main thread came on top of the ~1 s of
 * loading the API's modules. On its own thread the two overlap (`npm start`
 * begins opening the database first thing: main.ts), and so do the
 * database's work and the API's JavaScript while serving.
 *
 * The class answers what the embedded driver (knex-pglite) calls on a PGlite
 * — `waitReady`, `query`, `exec`, `close`, `closed` — by forwarding the
 * calls; rows, dates and errors (with PostgreSQL's `code`, `detail`,
 * `constraint`…) come back as PGlite gives them.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

type Results = import('@electric-sql/pglite', { with: { 'resolution-mode': 'import' } }).Results;

/** What the thread opens. */
export interface EngineStart {
  /**
   * PGlite's data directory, locked for this process by the caller. Empty:
   * a new database, made from the template if there is one (cluster-template.ts).
   * Unset: a new database in memory.
   */
  dataDir?: string;
  /** The engine's WebAssembly, if this process compiled it already. */
  wasmModule?: WebAssembly.Module;
}

/** What the thread found when it opened the database. */
export interface EngineOpened {
  /** A new database (in memory, or the data directory was empty). */
  fresh: boolean;
  /** Copied from the template (else initdb made it, and the migrations have yet to run). */
  fromTemplate: boolean;
}

/** A call forwarded to the thread. */
export type EngineCall =
  | { op: 'query'; sql: string; params?: unknown[] }
  | { op: 'exec'; sql: string }
  | { op: 'makeDurable' }
  | { op: 'dumpDataDir' }
  | { op: 'syncCounts' }
  | { op: 'close' };

export type EngineRequest = EngineCall & { id: number };

export type EngineResponse =
  | ({ type: 'ready' } & EngineOpened)
  | { type: 'unavailable'; error: SerializedError }
  | { type: 'compiled'; wasmModule: WebAssembly.Module }
  | { type: 'answer'; id: number; value: unknown }
  | { type: 'failed'; id: number; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

/** Compiled (api/dist) or, in development, the source through the same loader as this thread. */
const COMPILED = __filename.endsWith('.js');
const WORKER = path.join(__dirname, COMPILED ? 'pglite-worker.js' : 'pglite-worker.ts');
const LOADER = path.resolve(__dirname, '..', '..', 'scripts', 'load-typescript.js');

/** Compiled by the first database's thread, shared with the later ones. */
let compiledEngine: WebAssembly.Module | undefined;

function revive(serialized: SerializedError): Error {
  const error = Object.assign(new Error(serialized.message), serialized.fields);
  error.name = serialized.name;
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}

/** PostgreSQL's timestamp, timestamptz and date types, which PGlite turns into `Date`s. */
const DATE_TYPES = new Set([1082, 1114, 1184]);

/**
 * Values cloned from the thread are made in the process's main realm. Where this module runs
 * in another realm (Jest runs each test file in a VM context), their `Date`s would fail the
 * ORM's `instanceof Date`: make them this realm's. A no-op where both realms are one.
 */
function ownDates(value: unknown): unknown {
  for (const results of Array.isArray(value) ? (value as Results[]) : [value as Results]) {
    const dateFields = results?.fields?.filter((field) => DATE_TYPES.has(field.dataTypeID)).map((field) => field.name) ?? [];
    if (dateFields.length === 0) continue;
    for (const row of results.rows as Record<string, unknown>[]) {
      for (const name of dateFields) {
        const cell = row[name];
        if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) row[name] = new Date((cell as Date).getTime());
      }
    }
  }
  return value;
}

export class PGliteThread {
  readonly waitReady: Promise<void>;
  /** Known once `waitReady` resolved. */
  opened: EngineOpened = { fresh: false, fromTemplate: false };
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private stopped: Error | undefined;
  private opening = true;

  constructor(options: Omit<EngineStart, 'wasmModule'> = {}) {
    const start: EngineStart = { ...options, wasmModule: compiledEngine };
    this.worker = COMPILED
      ? new Worker(WORKER, { workerData: start })
      : new Worker(`require(${JSON.stringify(LOADER)});\nrequire(${JSON.stringify(WORKER)});`, { eval: true, workerData: start });
    this.waitReady = new Promise((resolve, reject) => {
      this.worker.on('message', (message: EngineResponse) => {
        switch (message.type) {
          case 'ready':
            this.opened = { fresh: message.fresh, fromTemplate: message.fromTemplate };
            this.opening = false;
            this.holdProcess();
            resolve();
            break;
          case 'unavailable':
            reject(revive(message.error));
            void this.stop(new Error('the embedded database did not open'));
            break;
          case 'compiled':
            compiledEngine ??= message.wasmModule;
            break;
          case 'answer':
            this.settle(message.id)?.resolve(ownDates(message.value));
            break;
          case 'failed':
            this.settle(message.id)?.reject(revive(message.error));
            break;
        }
      });
      this.worker.on('error', (error) => {
        reject(error);
        void this.stop(error);
      });
      this.worker.on('exit', (code) => {
        const error = new Error(`the embedded database's thread stopped (exit code ${code})`);
        reject(error);
        void this.stop(error);
      });
    });
    this.waitReady.catch(() => undefined);
  }

  get closed(): boolean {
    return this.stopped !== undefined;
  }

  query(sql: string, params?: unknown[]): Promise<Results> {
    return this.call({ op: 'query', sql, params }) as Promise<Results>;
  }

  exec(sql: string): Promise<Results[]> {
    return this.call({ op: 'exec', sql }) as Promise<Results[]>;
  }

  /** From now on every commit is on disk before it returns (durable-nodefs.ts). */
  async makeDurable(): Promise<void> {
    await this.call({ op: 'makeDurable' });
  }

  /** The disk syncs the thread has made so far (durable-nodefs.ts): tests check that a commit reaches the disk. */
  async syncCounts(): Promise<{ wal: number; fsync: number }> {
    return (await this.call({ op: 'syncCounts' })) as { wal: number; fsync: number };
  }

  /** The cluster as a tarball (PGlite's `dumpDataDir`). */
  async dumpDataDir(): Promise<Blob> {
    return new Blob([(await this.call({ op: 'dumpDataDir' })) as ArrayBuffer]);
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    await this.waitReady.catch(() => undefined);
    if (this.stopped) return;
    try {
      await this.call({ op: 'close' });
    } finally {
      await this.stop(new Error('the embedded database is closed'));
    }
  }

  private call(request: EngineCall): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.holdProcess();
      try {
        this.worker.postMessage({ ...request, id });
      } catch (error) {
        // Parameters that cannot cross threads (a function, a symbol): refused like a bad parameter.
        this.settle(id);
        reject(error as Error);
      }
    });
  }

  private settle(id: number) {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    this.holdProcess();
    return waiting;
  }

  /** The thread keeps the process alive while it opens or a call waits for it; an idle database does not (as PGlite itself). */
  private holdProcess(): void {
    if (this.stopped) return;
    if (this.opening || this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }

  private async stop(reason: Error): Promise<void> {
    if (this.stopped) return;
    this.stopped = reason;
    for (const waiting of this.pending.values()) waiting.reject(reason);
    this.pending.clear();
    await this.worker.terminate();
  }
}

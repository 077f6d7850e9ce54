/**
 * The embedded database's own thread (started by pglite-thread.ts): opens
 * PGlite and answers the calls the main thread forwards. PGlite runs them one
 * at a time in the order they arrive, as it would on the main thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { readDatabaseTemplate, unpackDatabaseTemplate } from './cluster-template';
import { durableSyncCounts, makePGliteDurable, syncFileSystem } from './durable-nodefs';
import type { EngineOpened, EngineRequest, EngineResponse, EngineStart, SerializedError } from './pglite-thread';

type PGlite = import('@electric-sql/pglite', { with: { 'resolution-mode': 'import' } }).PGlite;

const port = parentPort!;
const start = workerData as EngineStart;

/** An error as plain data: its own fields (PostgreSQL's `code`, `detail`, `constraint`…) survive the trip. */
function serialize(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    fields[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

async function compiledEngine(): Promise<WebAssembly.Module> {
  if (start.wasmModule) return start.wasmModule;
  const wasmModule = await WebAssembly.compile(fs.readFileSync(path.join(path.dirname(require.resolve('@electric-sql/pglite')), 'pglite.wasm')));
  // Shared with the databases this process opens later (their threads need not compile it again).
  port.postMessage({ type: 'compiled', wasmModule } satisfies EngineResponse);
  return wasmModule;
}

/**
 * Opens the database. A new one starts as a copy of the template when there
 * is one (unpacked here, off the main thread); an existing one is durable at
 * once, a new one when the caller has migrated and synced it (makeDurable).
 */
async function open(): Promise<{ pglite: PGlite; opened: EngineOpened }> {
  const { PGlite } = (await import('@electric-sql/pglite')) as { PGlite: new (options: object) => PGlite };
  const compiling = compiledEngine();
  const dir = start.dataDir;
  if (dir === undefined) {
    const loadDataDir = readDatabaseTemplate();
    const pglite = new PGlite({ loadDataDir, wasmModule: await compiling });
    await pglite.waitReady;
    return { pglite, opened: { fresh: true, fromTemplate: loadDataDir !== undefined } };
  }
  const fresh = fs.readdirSync(dir).length === 0;
  const fromTemplate = fresh && unpackDatabaseTemplate(dir);
  // The unpacked files start going to disk now (the caller's final sync, after a checkpoint, covers everything).
  if (fromTemplate) void syncFileSystem(dir);
  const pglite = new PGlite({ dataDir: dir, wasmModule: await compiling });
  await pglite.waitReady;
  if (!fresh) makePGliteDurable(pglite);
  return { pglite, opened: { fresh, fromTemplate } };
}

async function answer(pglite: PGlite, request: EngineRequest): Promise<unknown> {
  switch (request.op) {
    case 'query':
      return pglite.query(request.sql, request.params);
    case 'exec':
      return pglite.exec(request.sql);
    case 'makeDurable':
      makePGliteDurable(pglite);
      return undefined;
    case 'syncCounts':
      return { ...durableSyncCounts };
    case 'dumpDataDir':
      return (await pglite.dumpDataDir('none')).arrayBuffer();
    case 'close':
      if (!pglite.closed) await pglite.close();
      return undefined;
  }
}

function reply(request: EngineRequest, value: unknown): void {
  try {
    port.postMessage({ type: 'answer', id: request.id, value } satisfies EngineResponse, value instanceof ArrayBuffer ? [value] : []);
  } catch (error) {
    // An answer that cannot cross threads (not expected from PGlite): the caller gets the reason.
    port.postMessage({ type: 'failed', id: request.id, error: serialize(error) } satisfies EngineResponse);
  }
}

open().then(
  ({ pglite, opened }) => {
    port.on('message', (request: EngineRequest) => {
      answer(pglite, request).then(
        (value) => reply(request, value),
        (error) => port.postMessage({ type: 'failed', id: request.id, error: serialize(error) } satisfies EngineResponse),
      );
    });
    port.postMessage({ type: 'ready', ...opened } satisfies EngineResponse);
  },
  (error) => port.postMessage({ type: 'unavailable', error: serialize(error) } satisfies EngineResponse),
);

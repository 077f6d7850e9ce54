/**
 * The embedded database's engine, up to where MikroORM takes over: the data
 * directory locked for this process, and PGlite opened on its own thread
 * (pglite-thread.ts), from the template when the directory is empty
 * (cluster-template.ts).
 *
 * `npm start` begins this before it loads the rest of the API (main.ts), so
 * the engine opens while the main thread loads modules; `openDatabase` then
 * takes over the engine already on its way for that data directory. This
 * module imports nothing heavy, so starting it early costs nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { lockDataDir } from './data-dir-lock';
import { PGliteThread } from './pglite-thread';

export interface EmbeddedEngineOptions {
  dataDir: string;
  /** Keep the database in memory (tests). */
  inMemory?: boolean;
}

export interface EmbeddedEngine {
  pglite: PGliteThread;
  /** PGlite's data directory (`DATA_DIR/pgdata`). */
  dir: string;
  /** Closes the engine and lets go of the data directory. */
  close(): Promise<void>;
}

/** Started early for a data directory, not yet taken over by `openDatabase`. */
const startedEarly = new Map<string, Promise<EmbeddedEngine>>();

/** Begins opening the engine ahead of `openDatabase` (`npm start`: before the API's modules load). */
export function startEmbeddedEngineEarly(options: EmbeddedEngineOptions): void {
  const engine = openEngine(options);
  // A failure (the directory in use…) surfaces when openDatabase takes the engine over.
  engine.catch(() => undefined);
  startedEarly.set(path.resolve(options.dataDir), engine);
}

/** The engine for `options`: the one started early for its data directory, else a new one. */
export function openEmbeddedEngine(options: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  const key = path.resolve(options.dataDir);
  const early = options.inMemory ? undefined : startedEarly.get(key);
  if (!early) return openEngine(options);
  startedEarly.delete(key);
  return early;
}

async function openEngine(options: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  const dir = path.join(options.dataDir, 'pgdata');
  if (options.inMemory) {
    const pglite = new PGliteThread();
    await pglite.waitReady;
    return { pglite, dir, close: () => pglite.close() };
  }
  fs.mkdirSync(dir, { recursive: true });
  // One process per data directory.
  const lock = lockDataDir(options.dataDir);
  const pglite = new PGliteThread({ dataDir: dir });
  try {
    await pglite.waitReady;
  } catch (error) {
    await pglite.close();
    lock.release();
    throw error;
  }
  return {
    pglite,
    dir,
    async close() {
      try {
        await pglite.close();
      } finally {
        lock.release();
      }
    },
  };
}

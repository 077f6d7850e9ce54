/**
 * A test file's scratch folder for data directories and backups, and what to undo after
 * its tests (last first): the folder itself, scratch databases, servers left open.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from '@jest/globals';
import { createScratchDatabase, TEST_DB } from './databases';

export type Cleanup = () => Promise<void> | void;

export interface Workspace {
  dir: string;
  cleanups: Cleanup[];
  /** The env of a server whose data outlives it: `DATA_DIR` here and, on PostgreSQL, a scratch database of its own. */
  persistentEnv(name?: string): Promise<Record<string, string>>;
}

export function workspace(prefix: string): Workspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const cleanups: Cleanup[] = [() => fs.rmSync(dir, { recursive: true, force: true })];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  return {
    dir,
    cleanups,
    async persistentEnv(name = 'data') {
      const env: Record<string, string> = { DATA_DIR: path.join(dir, name) };
      if (TEST_DB === 'postgres') {
        const scratch = await createScratchDatabase();
        cleanups.push(() => scratch.drop());
        env.DATABASE_URL = scratch.url;
      }
      return env;
    },
  };
}

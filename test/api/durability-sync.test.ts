/**
 * Durability of the embedded database: a report is answered only after its commit reached the disk
 * (durable-nodefs.ts), for a new data directory (made durable once migrated) and for a reopened one
 * (durable as soon as it opens). The crash test cannot see this — `kill -9` keeps the operating
 * system's cache — so the engine's thread counts its syncs and the test reads them around a report.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe } from '@jest/globals';
import { dataOf, itOn, startTestServer, type TestServer } from '../support/harness';
import { REPORT, reportInput } from '../support/issues';

const embeddedOnly = itOn('embedded', 'PostgreSQL syncs its own WAL; the embedded file system is ours to sync');

async function walSyncs(t: TestServer): Promise<number> {
  const pglite = t.server.services.db.pglite;
  assert.ok(pglite, 'the embedded engine');
  return (await pglite.syncCounts()).wal;
}

async function reportOne(t: TestServer): Promise<void> {
  const gridId = dataOf(await t.gql<any>('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt.id;
  dataOf(await t.gql(REPORT, { input: reportInput(gridId) }, { token: await t.login('admin') }));
}

describe('durability: each acknowledged write is synced to disk first', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-durable-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const onDisk = () => startTestServer({ inMemory: false, env: { DATA_DIR: dataDir } });

  embeddedOnly('a new data directory syncs the WAL of every report before answering', async () => {
    const t = await onDisk();
    try {
      const before = await walSyncs(t);
      await reportOne(t);
      const after = await walSyncs(t);
      assert.ok(after > before, `the report's commit was synced (WAL syncs ${before} → ${after})`);
    } finally {
      await t.close();
    }
  });

  embeddedOnly('a reopened data directory is durable from the start', async () => {
    const t = await onDisk();
    try {
      const before = await walSyncs(t);
      await reportOne(t);
      const after = await walSyncs(t);
      assert.ok(after > before, `the report's commit was synced (WAL syncs ${before} → ${after})`);
    } finally {
      await t.close();
    }
  });
});

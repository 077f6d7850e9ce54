/**
 * kill -9 during a stream of uploads: every photo row that committed has both of its files,
 * whole and decodable (files are written to a temporary name, fsynced and renamed before the
 * row is inserted), and every upload that was answered 201 is there.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import sharp from 'sharp';
import { loadConfig } from '../../api/src/config';
import { openDatabase } from '../../api/src/db/orm';
import type { PhotoFormat } from '../../api/src/modules/photos/photo.entity';
import { FilePhotoStorage } from '../../api/src/modules/photos/photo-storage';
import { startApiProcess } from '../support/api-process';
import { createScratchDatabase, DEMO_PASSWORD, TEST_DB } from '../support/harness';
import { noisyJpeg } from '../support/images';
import { upload } from '../support/photo-client';

const UPLOADERS = 4;
const ANSWERED_BEFORE_KILL = 12;

describe('photo crash safety', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('kill -9 mid-upload leaves no committed photo row without its files', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-photo-crash-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = {
      SEED_DEMO: '1',
      DATA_DIR: dataDir,
      JWT_SECRET: 'photo-crash-secret-photo-crash-secret-0123456789',
      OVERDUE_SWEEP_SECONDS: '0',
    };
    if (TEST_DB === 'postgres') {
      const scratch = await createScratchDatabase();
      cleanups.push(() => scratch.drop());
      Object.assign(env, { DATABASE_URL: scratch.url, ADMIN_PASSWORD: DEMO_PASSWORD });
    }
    const api = await startApiProcess(env);
    cleanups.push(() => void api.kill('SIGKILL'));
    const login = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($p: String!) { login(username: "worker.lin", password: $p) { token } }', variables: { p: DEMO_PASSWORD } }),
    });
    const token = ((await login.json()) as any).data.login.token as string;

    // Distinct pictures made up front, so the stream is nothing but uploads.
    const pictures = await Promise.all(Array.from({ length: 40 }, (_, i) => noisyJpeg(900 + i, 700)));
    const answered = new Set<string>();
    let next = 0;
    let killed = false;
    const uploader = async () => {
      while (!killed && next < pictures.length) {
        const picture = pictures[next++]!;
        try {
          const res = await upload(api.url, picture, { token });
          if (res.status === 201) answered.add(res.body.id);
          else if (!killed) throw new Error(`upload refused: ${res.status} ${JSON.stringify(res.body)}`);
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const stream = Promise.all(Array.from({ length: UPLOADERS }, uploader));
    while (answered.size < ANSWERED_BEFORE_KILL && next < pictures.length) await new Promise((resolve) => setTimeout(resolve, 20));
    killed = true;
    await api.kill('SIGKILL');
    await stream;
    assert.ok(answered.size >= ANSWERED_BEFORE_KILL, `only ${answered.size} uploads answered before the kill`);

    // Read what committed straight from the database, as the next start would find it.
    const config = loadConfig({ ...env, PORT: '0', LOG_LEVEL: 'silent' });
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const rows = await db.orm.em.fork().getConnection().execute<{ id: string; content_hash: string; format: PhotoFormat }[]>(
        'select id, content_hash, format from photo',
      );
      const ids = new Set(rows.map((r) => r.id));
      for (const id of answered) assert.ok(ids.has(id), `answered upload ${id} is in the database`);
      const storage = new FilePhotoStorage(path.join(dataDir, 'photos'));
      for (const row of rows) {
        for (const variant of ['main', 'thumb'] as const) {
          const bytes = await storage.read({ hash: row.content_hash, format: row.format, variant });
          assert.ok(bytes, `photo ${row.id} has its ${variant} file`);
          const meta = await sharp(bytes).metadata();
          assert.ok(meta.width && meta.height, `photo ${row.id}'s ${variant} file decodes`);
          await sharp(bytes).raw().toBuffer(); // every byte decodes, not just the header
        }
      }
      // No half-written file under its final name: leftovers, if any, are temporary files only.
      const leftovers = fs
        .readdirSync(path.join(dataDir, 'photos'), { recursive: true })
        .map(String)
        .filter((name) => /\.(jpeg|webp)$/.test(name));
      for (const name of leftovers) await sharp(path.join(dataDir, 'photos', name)).raw().toBuffer();
    } finally {
      await db.close();
    }
  }, 240_000);
});

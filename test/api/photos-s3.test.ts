/**
 * Evidence photos in an S3-compatible bucket: the same suite as the file driver, against a real
 * S3 HTTP server (s3rver) started here — signatures checked, nothing mocked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
// s3rver ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => { run(): Promise<{ port: number }>; close(): Promise<void> };
import { photoSuite } from '../support/photo-suite';

let endpoint = '';
let server: InstanceType<typeof S3rver> | undefined;
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-s3rver-'));

beforeAll(async () => {
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'lastmeter-photos' }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

photoSuite('s3', () => ({
  S3_ENDPOINT: endpoint,
  S3_BUCKET: 'lastmeter-photos',
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
  // The data directory must not be where the photos are: prove they come from the bucket.
  DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lm-photos-s3-')),
}));

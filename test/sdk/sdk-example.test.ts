/** sdk/examples/report-and-track.ts runs as documented against a live server and follows a report to RESOLVED. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../support/harness';

const root = path.resolve(__dirname, '../..');

describe('SDK example', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('report-and-track.ts reports an issue and follows it live until it is resolved', async () => {
    const child = spawn(process.execPath, [path.join(root, 'api/scripts/run-ts.js'), path.join(root, 'sdk/examples/report-and-track.ts')], {
      cwd: root,
      env: { ...process.env, LASTMETER_URL: t.graphqlUrl },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, output);
    const statuses = [...output.matchAll(/ (SUBMITTED|ACCEPTED|ASSIGNED|IN_PROGRESS|RESOLVED)\b/g)].map((m) => m[1]);
    assert.match(output, /tracking code \S+/);
    assert.equal(statuses[0], 'SUBMITTED', output);
    assert.equal(statuses.at(-1), 'RESOLVED', output);
    assert.match(output, /The bins have been emptied\./);
  });
});

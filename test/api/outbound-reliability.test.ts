/**
 * Outbound delivery under stress: two delivery workers on one database never
 * send one delivery twice at the same time (nor twice at all, when nothing
 * fails), and `kill -9` of the API between the commit of events and their
 * delivery loses none of them.
 *
 * On PostgreSQL the two workers are two API replicas on one database. The
 * embedded database belongs to one process, so there the second worker runs
 * beside the server's own, on the same database.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { OutboundWorker } from '../../api/src/modules/outbound/outbound-worker';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { createScratchDatabase, dataOf, DEMO_PASSWORD, startTestServer, TEST_DB, type TestServer } from '../support/harness';
import { demoIds, reportInput } from '../support/issues';
import { WebhookReceiver } from '../support/webhook-receiver';

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }`;
const REPORT = 'mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }';
const OUTBOUND_ENV = {
  WEBHOOK_ALLOW_PRIVATE: '1',
  WEBHOOK_RETRY_BASE_MS: '100',
  OUTBOUND_POLL_MS: '50',
  REPORT_RATE_LIMIT: '100000',
};

describe('outbound delivery under stress', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('two workers deliver every event exactly once, never one delivery at the same time', async () => {
    const receiver = await new WebhookReceiver().start();
    cleanups.push(() => receiver.stop());
    // Slow answers widen the window in which a second worker could pick up the same delivery.
    receiver.answerDelayMs = 30;
    let a: TestServer;
    let b: TestServer | undefined;
    let secondWorker: OutboundWorker | undefined;
    if (TEST_DB === 'postgres') {
      const scratch = await createScratchDatabase();
      cleanups.push(() => scratch.drop());
      a = await startTestServer({ env: { ...OUTBOUND_ENV, DATABASE_URL: scratch.url } });
      cleanups.push(() => a.close());
      b = await startTestServer({ env: { ...OUTBOUND_ENV, DATABASE_URL: scratch.url } });
      cleanups.push(() => b!.close());
    } else {
      a = await startTestServer({ env: OUTBOUND_ENV });
      cleanups.push(() => a.close());
      secondWorker = new OutboundWorker({
        orm: a.server.services.db.orm,
        config: a.config.outbound,
        logger: a.server.services.logger,
        publicUrl: () => a.url,
      });
      secondWorker.start();
      cleanups.push(() => secondWorker!.stop());
    }
    const admin = await a.login('admin');
    const gridId = (await demoIds(a)).grids['JC-DH-GH-07'].id;
    dataOf(await a.gql(CREATE, { input: { url: receiver.url, events: ['SUBMITTED', 'ACCEPTED'] } }, { token: admin }));

    // 30 reports, each accepted at once: 60 events, written through both replicas where there are two.
    const servers = b ? [a, b] : [a];
    // Six at a time: the embedded database has one connection, and this machine is shared.
    const codes: string[] = [];
    for (let chunk = 0; chunk < 30; chunk += 6) codes.push(...(await Promise.all(
      Array.from({ length: 6 }, async (_, j) => {
        const i = chunk + j;
        const server = servers[i % servers.length];
        const code = dataOf(await server.gql<any>(REPORT, { input: reportInput(gridId) }, { token: admin })).reportIssue.trackingCode as string;
        const id = dataOf(await server.gql<any>('query($s: String) { issues(filter: { search: $s }) { edges { node { id } } } }', { s: code }, { token: admin }))
          .issues.edges[0].node.id;
        dataOf(await servers[(i + 1) % servers.length].gql('mutation($id: ID!) { acceptIssue(id: $id) { status } }', { id }, { token: admin }));
        return code;
      }),
    )));
    await receiver.waitFor('60 deliveries', () => receiver.accepted.length >= 60, 60_000);
    // Give a double a chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = receiver.requests.map((r) => r.headers['x-lastmeter-delivery']);
    assert.equal(ids.length, 60, `every event once: ${ids.length} requests`);
    assert.equal(new Set(ids).size, 60, 'no delivery sent twice');
    assert.equal(receiver.maxConcurrentPerDelivery, 1);
    for (const code of codes) {
      const types = receiver.requests.filter((r) => r.json.issue.trackingCode === code).map((r) => r.json.type);
      assert.deepEqual(types, ['SUBMITTED', 'ACCEPTED'], `in order for ${code}`);
    }
  });

  it('kill -9 of the API between commit and delivery loses no event', async () => {
    const receiver = await new WebhookReceiver().start();
    cleanups.push(() => receiver.stop());
    // Before the kill nothing is answered: every event is committed but not delivered.
    receiver.respond = () => 'hang';
    const env: Record<string, string> = {
      ...OUTBOUND_ENV,
      SEED_DEMO: '1',
      JWT_SECRET: 'outbound-crash-secret-outbound-crash-secret-0123',
      OVERDUE_SWEEP_SECONDS: '0',
      // A short time limit, so the lease of the attempt cut off by the kill ends soon (limit + 5 s).
      WEBHOOK_TIMEOUT_MS: '1000',
    };
    if (TEST_DB === 'postgres') {
      const scratch = await createScratchDatabase();
      cleanups.push(() => scratch.drop());
      Object.assign(env, { DATABASE_URL: scratch.url, ADMIN_PASSWORD: DEMO_PASSWORD });
    } else {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-outbound-crash-'));
      cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      env.DATA_DIR = dataDir;
    }
    const gql = async (api: ApiProcess, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> => {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    };

    const first = await startApiProcess(env);
    cleanups.push(() => void first.kill('SIGKILL'));
    const token = (await gql(first, 'mutation($p: String!) { login(username: "admin", password: $p) { token } }', { p: DEMO_PASSWORD })).data.login.token;
    const gridId = (await gql(first, '{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).data.gridAt.id as string;
    assert.ok((await gql(first, CREATE, { input: { url: receiver.url, events: ['SUBMITTED'] } }, token)).data.createWebhook.id);
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const body = await gql(first, REPORT, { input: reportInput(gridId) }, token);
      codes.push(body.data.reportIssue.trackingCode);
    }
    // At least one attempt is under way; the rest are committed and queued. Then the process dies.
    await receiver.waitFor('an attempt in flight', () => receiver.requests.length >= 1);
    const cutOff = receiver.requests.map((r) => r.headers['x-lastmeter-delivery']);
    await first.kill('SIGKILL');

    receiver.respond = () => 200;
    const second = await startApiProcess(env);
    cleanups.push(() => void second.kill('SIGKILL'));
    await receiver.waitFor('every event after the restart', () => new Set(receiver.accepted.map((r) => r.json.issue.trackingCode)).size === codes.length, 60_000);
    const delivered = new Set(receiver.accepted.map((r) => r.json.issue.trackingCode));
    for (const code of codes) assert.ok(delivered.has(code), `${code} delivered`);
    // The attempt cut off by the kill came again under its own delivery id.
    const acceptedIds = new Set(receiver.accepted.map((r) => r.headers['x-lastmeter-delivery']));
    for (const id of cutOff) assert.ok(acceptedIds.has(id), `delivery ${String(id)} completed after the restart`);
  });
});

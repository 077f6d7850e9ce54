import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createLogger } from '../../api/src/server/logger';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';
import { demoIds, REPORT, reportInput } from '../support/issues';
import { GraphQLSocket } from '../support/realtime-client';

/** The value of one sample line of the Prometheus text, e.g. `name{label="x"}`. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health, metrics and request logs', () => {
  let t: TestServer;
  const logLines: string[] = [];
  beforeAll(async () => {
    const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
    t = await startTestServer({ logger });
  });
  afterAll(() => t?.close());

  const scrape = async () => {
    const res = await fetch(`${t.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('answers /healthz and /readyz (database reachable, migrations applied)', async () => {
    const health = await fetch(`${t.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const ready = await fetch(`${t.url}/readyz`);
    assert.equal(ready.status, 200);
    const body = (await ready.json()) as Record<string, unknown>;
    assert.equal(body.status, 'ready');
    assert.equal(body.database, 'reachable');
    assert.equal(body.migrations, 'applied');
  });

  it('echoes a well-formed X-Request-Id and replaces a forged one', async () => {
    const own = await t.gql('{ categories { code } }', {}, { headers: { 'x-request-id': 'portal-42.abc' } });
    assert.equal(own.headers.get('x-request-id'), 'portal-42.abc');
    const forged = await t.gql('{ categories { code } }', {}, { headers: { 'x-request-id': 'x\u0085{"level":60}'.padEnd(150, 'y') } });
    assert.match(forged.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    const none = await fetch(`${t.url}/healthz`);
    assert.match(none.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('counts requests and latency by operation name, and errors by code', async () => {
    dataOf(await t.gql('query CategoriesForMetrics { categories { code } }'));
    dataOf(await t.gql('query CategoriesForMetrics { categories { code } }'));
    assert.equal(errorCode(await t.gql('query IssuesUnsigned { issues { totalCount } }')), 'UNAUTHENTICATED');
    // Refused while building the context (a forged token): counted too.
    assert.equal(errorCode(await t.gql('{ me { id } }', {}, { token: 'forged.token.value' })), 'UNAUTHENTICATED');
    const metrics = await scrape();
    assert.equal(sample(metrics, 'lastmeter_graphql_requests_total{operation="CategoriesForMetrics",type="query"}'), 2);
    assert.equal(sample(metrics, 'lastmeter_graphql_request_duration_seconds_count{operation="CategoriesForMetrics",type="query"}'), 2);
    assert.ok((sample(metrics, 'lastmeter_graphql_errors_total{code="UNAUTHENTICATED"}') ?? 0) >= 2);
    assert.ok((sample(metrics, 'lastmeter_http_requests_total{route="/graphql",status="200"}') ?? 0) >= 2);
    assert.ok(sample(metrics, 'lastmeter_db_pool_max')! >= 1, 'pool size exported');
    assert.notEqual(sample(metrics, 'lastmeter_db_pool_connections{state="free"}'), undefined);
    assert.ok(metrics.includes('lastmeter_process_resident_memory_bytes'), 'default process metrics');
  });

  it('bounds the operation label set: malformed names collapse into one label', async () => {
    await t.gql('query Weird { categories { code } }', {}, {});
    const metrics = t.server.services.metrics;
    assert.equal(metrics.operationLabel('DROP TABLE "x"'), 'invalid');
    assert.equal(metrics.operationLabel(undefined), 'anonymous');
  });

  it('shows open WebSocket connections and subscriptions, and counts published events', async () => {
    const admin = await t.login('admin');
    const { grids } = await demoIds(t);
    const reported = dataOf(await t.gql(REPORT, { input: reportInput(grids['JC-DH-GH-07'].id) }, { token: admin })).reportIssue;
    const before = sample(await scrape(), 'lastmeter_events_published_total') ?? 0;
    const socket = await GraphQLSocket.open(t.graphqlUrl);
    try {
      const sub = socket.subscribe('subscription($c: String!) { issueTracked(trackingCode: $c) { status } }', { c: reported.trackingCode });
      await sub.waitForResults(1);
      let metrics = await scrape();
      assert.equal(sample(metrics, 'lastmeter_websocket_connections'), 1);
      assert.equal(sample(metrics, 'lastmeter_subscriptions{field="issueTracked"}'), 1);
      dataOf(await t.gql(REPORT, { input: reportInput(grids['JC-DH-GH-07'].id) }, { token: admin }));
      await t.server.services.realtime.settled();
      metrics = await scrape();
      assert.ok((sample(metrics, 'lastmeter_events_published_total') ?? 0) >= before + 1, 'the new SUBMITTED event was published');
    } finally {
      await socket.close();
    }
  });

  it('writes JSON access logs with the request id and no personal data', async () => {
    const admin = await t.login('admin');
    const { grids } = await demoIds(t);
    const input = reportInput(grids['JC-DH-GH-07'].id, { reporterName: '欧阳测试', reporterPhone: '13987654321' });
    const res = await t.gql(REPORT, { input }, { token: admin, headers: { 'x-request-id': 'log-check-1' } });
    dataOf(res);
    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const access = entries.find((e) => e.requestId === 'log-check-1' && e.msg === 'request');
    assert.ok(access, 'an access-log line carries the request id');
    assert.equal(access.status, 200);
    assert.equal(access.path, '/graphql');
    const all = logLines.join('\n');
    for (const secret of ['欧阳测试', '13987654321', admin, input.description]) assert.ok(!all.includes(secret), `log must not contain ${secret.slice(0, 12)}`);
  });
});

/**
 * The SDK's HTTP behaviour against a scripted fetch (no server): headers,
 * error mapping, redaction, which failures are retried and which never are,
 * idempotency keys across retries, and paging that refuses to loop.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { createClient, type ClientOptions } from '../../sdk/src/index.ts';
import { webSocketConstructor } from '../../sdk/src/web-socket.ts';
import { lastmeterErrorOf } from '../support/sdk-errors';

interface Call {
  url: string;
  headers: Record<string, string>;
  body: { query: string; variables: Record<string, any>; operationName?: string };
}

type Answer = { status?: number; json?: unknown; text?: string } | Error;

/** A fetch that records each call and plays the scripted answers in order (the last one repeats). */
function scriptedFetch(...answers: Answer[]) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    const text = answer.text ?? JSON.stringify(answer.json);
    return new Response(text, { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const fast: ClientOptions['retry'] = { retries: 2, minDelayMs: 1, maxDelayMs: 2 };
const url = 'http://lastmeter.test/graphql';

describe('SDK client over HTTP (scripted fetch)', () => {
  it('sends the token as a Bearer header, the portal key as X-Portal-Key, and the caller headers', async () => {
    const { fetch, calls } = scriptedFetch({ json: { data: { categories: [] } } });
    const lm = createClient({ url, fetch, token: 'tok-123456', portalKey: 'pk-abcdef', headers: { 'X-Request-Id': 'r1' } });
    assert.deepEqual(await lm.categories(), []);
    assert.equal(calls[0].url, url);
    assert.equal(calls[0].headers.authorization, 'Bearer tok-123456');
    assert.equal(calls[0].headers['x-portal-key'], 'pk-abcdef');
    assert.equal(calls[0].headers['x-request-id'], 'r1');
    assert.equal(calls[0].body.operationName, 'Categories');
    assert.match(calls[0].body.query, /query Categories/);
  });

  it('asks a token function before every request (refresh)', async () => {
    const { fetch, calls } = scriptedFetch({ json: { data: { me: null } } });
    let n = 0;
    const lm = createClient({ url, fetch, token: async () => `fresh-${++n}` });
    await lm.me();
    await lm.me();
    assert.deepEqual(calls.map((c) => c.headers.authorization), ['Bearer fresh-1', 'Bearer fresh-2']);
  });

  it('passes the arguments object as the variables and resolves to the field value', async () => {
    const issue = { id: 'i1', status: 'ACCEPTED', version: 2 };
    const { fetch, calls } = scriptedFetch({ json: { data: { acceptIssue: issue } } });
    const lm = createClient({ url, fetch });
    assert.deepEqual(await lm.acceptIssue({ id: 'i1', note: 'on it', expectedVersion: 1 }), issue);
    assert.deepEqual(calls[0].body.variables, { id: 'i1', note: 'on it', expectedVersion: 1 });
  });

  it('maps a GraphQL error to its code, keeping the status, the errors and the partial data', async () => {
    const { fetch } = scriptedFetch({
      json: { data: { issue: null }, errors: [{ message: 'Issue "x" not found.', path: ['issue'], extensions: { code: 'NOT_FOUND' } }] },
    });
    const error = await lastmeterErrorOf(createClient({ url, fetch }).issue({ id: 'x' }));
    assert.equal(error.code, 'NOT_FOUND');
    assert.equal(error.status, 200);
    assert.equal(error.message, 'Issue "x" not found.');
    assert.equal(error.graphQLErrors.length, 1);
    assert.deepEqual(error.data, { issue: null });
    assert.equal(error.operationName, 'Issue');
  });

  it('maps an HTTP error without a GraphQL body by its status', async () => {
    const { fetch } = scriptedFetch({ status: 429, text: 'slow down' });
    const error = await lastmeterErrorOf(createClient({ url, fetch, retry: fast }).categories());
    assert.equal(error.code, 'RATE_LIMITED');
    assert.equal(error.status, 429);
  });

  it('never retries a 4xx answer or a GraphQL error', async () => {
    const bad = scriptedFetch({ status: 400, json: { errors: [{ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] } });
    assert.equal((await lastmeterErrorOf(createClient({ url, fetch: bad.fetch, retry: fast }).categories())).code, 'GRAPHQL_VALIDATION_FAILED');
    assert.equal(bad.calls.length, 1);
    const forbidden = scriptedFetch({ json: { errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] } });
    await lastmeterErrorOf(createClient({ url, fetch: forbidden.fetch, retry: fast }).regions());
    assert.equal(forbidden.calls.length, 1);
  });

  it('retries a query after network failures and 5xx answers, with backoff, until it succeeds', async () => {
    const { fetch, calls } = scriptedFetch(new TypeError('fetch failed'), { status: 503, text: 'busy' }, { json: { data: { categories: [{ code: 'A' }] } } });
    assert.deepEqual(await createClient({ url, fetch, retry: fast }).categories(), [{ code: 'A' }]);
    assert.equal(calls.length, 3);
  });

  it('gives up after the configured retries with NETWORK_ERROR and status 0', async () => {
    const { fetch, calls } = scriptedFetch(new TypeError('fetch failed'));
    const error = await lastmeterErrorOf(createClient({ url, fetch, retry: fast }).categories());
    assert.equal(error.code, 'NETWORK_ERROR');
    assert.equal(error.status, 0);
    assert.equal(calls.length, 3, 'one attempt and two retries');
    assert.ok(error.cause instanceof TypeError);
  });

  it('does not retry a transition whose answer was lost (it could apply twice)', async () => {
    const { fetch, calls } = scriptedFetch(new TypeError('fetch failed'), { json: { data: { commentIssue: { id: 'i1' } } } });
    const error = await lastmeterErrorOf(createClient({ url, fetch, retry: fast }).commentIssue({ id: 'i1', note: 'called the resident' }));
    assert.equal(error.code, 'NETWORK_ERROR');
    assert.equal(calls.length, 1);
  });

  it('reportIssue makes an idempotency key when none is given and sends the same one on every retry', async () => {
    const payload = { trackingCode: 'LM-AAAA-BBBB', issue: { trackingCode: 'LM-AAAA-BBBB' } };
    const { fetch, calls } = scriptedFetch(new TypeError('socket hang up'), { status: 502, text: 'bad gateway' }, { json: { data: { reportIssue: payload } } });
    const lm = createClient({ url, fetch, retry: fast });
    const result = await lm.reportIssue({ input: { categoryCode: 'GARBAGE', description: 'bins full', gridId: 'g1' } });
    assert.equal(result.trackingCode, 'LM-AAAA-BBBB');
    const keys = calls.map((c) => c.body.variables.input.idempotencyKey);
    assert.equal(keys.length, 3);
    assert.match(keys[0], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(new Set(keys).size, 1, 'one key across the retries');
    await lm.reportIssue({ input: { categoryCode: 'GARBAGE', description: 'again', gridId: 'g1', idempotencyKey: 'mine-0001' } });
    assert.equal(calls.at(-1)!.body.variables.input.idempotencyKey, 'mine-0001', "the caller's key is kept");
  });

  it('login keeps the token for later calls', async () => {
    const { fetch, calls } = scriptedFetch({ json: { data: { login: { token: 'eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl', user: { id: 'u1' } } } } }, { json: { data: { me: { id: 'u1' } } } });
    const lm = createClient({ url, fetch });
    const payload = await lm.login({ username: 'admin', password: 'secret-pass' });
    assert.equal(payload.user.id, 'u1');
    await lm.me();
    assert.equal(calls[1].headers.authorization, 'Bearer eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl');
  });

  it('keeps tokens and portal keys out of error messages', async () => {
    const token = 'tok-very-secret-123';
    const portalKey = 'lmpk_live_ABCDEFGH';
    const { fetch } = scriptedFetch({
      json: { errors: [{ message: `key ${portalKey} refused for Bearer ${token}`, extensions: { code: 'FORBIDDEN' } }] },
    });
    const error = await lastmeterErrorOf(createClient({ url, fetch, token, portalKey }).categories());
    assert.equal(error.code, 'FORBIDDEN');
    for (const text of [error.message, error.graphQLErrors[0].message, String(error.stack)]) {
      assert.ok(!text.includes(token) && !text.includes(portalKey), text);
    }
    const offline = scriptedFetch(new TypeError(`connect failed: Authorization: Bearer ${token}`));
    const networkError = await lastmeterErrorOf(createClient({ url, fetch: offline.fetch, token, retry: false }).categories());
    assert.ok(!networkError.message.includes(token), networkError.message);
  });

  it('iterateIssues walks every page, and stops with CURSOR_NOT_ADVANCING when a cursor repeats', async () => {
    const page = (ids: string[], endCursor: string | null, hasNextPage: boolean) => ({
      json: { data: { issues: { edges: ids.map((id) => ({ cursor: id, node: { id } })), pageInfo: { hasNextPage, endCursor }, totalCount: 5 } } },
    });
    const good = scriptedFetch(page(['a', 'b'], 'c2', true), page(['c', 'd'], 'c4', true), page(['e'], 'c5', false));
    const seen: string[] = [];
    for await (const issue of createClient({ url, fetch: good.fetch }).iterateIssues({ filter: { status: ['SUBMITTED'] } }, { pageSize: 2 })) seen.push(issue.id);
    assert.deepEqual(seen, ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(good.calls.map((c) => [c.body.variables.first, c.body.variables.after]), [[2, null], [2, 'c2'], [2, 'c4']]);
    assert.deepEqual(good.calls[0].body.variables.filter, { status: ['SUBMITTED'] });

    const stuck = scriptedFetch(page(['a'], 'c1', true), page(['b'], 'c1', true));
    const walk = async () => {
      for await (const _ of createClient({ url, fetch: stuck.fetch }).iterateIssues({}, { pageSize: 1 })) void _;
    };
    const error = await lastmeterErrorOf(walk());
    assert.equal(error.code, 'CURSOR_NOT_ADVANCING');
    assert.match(error.message, /c1/);
    assert.equal(stuck.calls.length, 2);
  });

  it('request() sends any typed document or query text', async () => {
    const { fetch, calls } = scriptedFetch({ json: { data: { categories: [{ code: 'A' }] } } });
    const lm = createClient({ url, fetch });
    assert.deepEqual(await lm.request<{ categories: { code: string }[] }>('{ categories { code } }'), { categories: [{ code: 'A' }] });
    assert.equal(calls[0].body.query, '{ categories { code } }');
  });

  it('without a global WebSocket (Node 20) the SDK takes the ws package by itself; webSocketImpl still wins', async () => {
    // Newer Node has a global WebSocket: take it away for this test either way.
    const global = globalThis as { WebSocket?: unknown };
    const saved = global.WebSocket;
    delete global.WebSocket;
    try {
      assert.equal(await webSocketConstructor(undefined), require('ws'));
      class Given {}
      assert.equal(await webSocketConstructor(Given), Given);
    } finally {
      if (saved !== undefined) global.WebSocket = saved;
    }
    if (saved !== undefined) assert.equal(await webSocketConstructor(undefined), saved, 'the global one comes first');
  });
});

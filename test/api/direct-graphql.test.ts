/**
 * The direct path (api/src/server/direct-graphql.ts): queries that run without an error are answered before
 * Express and Apollo, with the very bytes and headers Apollo would send; everything else still reaches Apollo.
 * `lastmeter_graphql_direct_answers_total` tells which path answered.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createLogger } from '../../api/src/server/logger';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';
import { createPortalKey, dbOf, demoIds, REPORT, reportInput, TRACKED_FIELDS } from '../support/issues';

const PORTAL_ORIGIN = 'https://portal.direct.example';
/** An Accept header with weights: the direct path leaves its negotiation to Apollo, so this forces Apollo's answer. */
const THROUGH_APOLLO = { accept: 'application/json, */*;q=0.5' };

interface Seen {
  status: number;
  headers: Record<string, string>;
  body: string;
}

describe('the direct path for queries over HTTP', () => {
  let t: TestServer;
  let admin: string;
  let trackingCode: string;
  let portalKey: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
    t = await startTestServer({ logger });
    admin = await t.login('admin');
    portalKey = (await createPortalKey(t, admin, [PORTAL_ORIGIN])).key;
    const { grids } = await demoIds(t);
    trackingCode = dataOf(await t.gql<any>(REPORT, { input: reportInput(Object.values(grids)[0].id) }, { token: admin })).reportIssue.trackingCode;
  });
  afterAll(() => t?.close());

  const directAnswers = async () => {
    const text = await (await fetch(`${t.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('lastmeter_graphql_direct_answers_total '));
    return Number(line?.split(' ')[1] ?? Number.NaN);
  };

  const post = async (body: string, headers: Record<string, string> = {}): Promise<Seen> => {
    const res = await fetch(t.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const seen: Record<string, string> = {};
    // The date and the request id differ from one answer to the next by design.
    res.headers.forEach((value, name) => {
      if (name !== 'date' && name !== 'x-request-id') seen[name] = value;
    });
    return { status: res.status, headers: seen, body: await res.text() };
  };

  /** The same request answered directly and through Apollo: everything the client sees is the same. */
  const bothWays = async (body: string, headers: Record<string, string> = {}) => {
    const before = await directAnswers();
    const direct = await post(body, headers);
    assert.equal(await directAnswers(), before + 1, 'answered on the direct path');
    const apollo = await post(body, { ...headers, ...THROUGH_APOLLO });
    assert.equal(await directAnswers(), before + 1, 'answered by Apollo');
    assert.deepEqual(direct, apollo);
    assert.equal(direct.status, 200);
    return JSON.parse(direct.body) as { data: any };
  };

  it('answers { __typename }, a tracker with its timeline and a staff page as Apollo does', async () => {
    assert.deepEqual(await bothWays('{"query":"{ __typename }"}'), { data: { __typename: 'Query' } });
    const tracked = await bothWays(JSON.stringify({ query: `query Track($c: String!) { trackIssue(trackingCode: $c) { ${TRACKED_FIELDS} } }`, variables: { c: trackingCode } }));
    assert.equal(tracked.data.trackIssue.trackingCode, trackingCode);
    assert.ok(tracked.data.trackIssue.timeline.length >= 1);
    const page = await bothWays(
      JSON.stringify({ query: 'query Page { issues(first: 3) { totalCount edges { node { id status grid { name region { name } } timeline { type at } } } } }' }),
      { authorization: `Bearer ${admin}` },
    );
    assert.equal(page.data.issues.edges.length, 3);
    // 考核 is PostgreSQL's JSON text written in pieces (json-answers.ts): the same bytes as Apollo's joined answer.
    const assessed = await bothWays(
      JSON.stringify({ query: 'query Assess { performance(groupBy: CADRE) { key name assigned score rank } }' }),
      { authorization: `Bearer ${admin}` },
    );
    assert.ok(assessed.data.performance.length > 1);
  });

  it('answers a portal page from an allowed origin with its CORS header, and the GraphQL response type when preferred', async () => {
    const query = JSON.stringify({ query: '{ categories { code name } }' });
    await bothWays(query, { origin: PORTAL_ORIGIN, 'x-portal-key': portalKey });
    const direct = await post(query, { origin: PORTAL_ORIGIN, 'x-portal-key': portalKey });
    assert.equal(direct.headers['access-control-allow-origin'], PORTAL_ORIGIN);
    assert.equal(direct.headers.vary, 'Origin');
    assert.equal(direct.headers['referrer-policy'], 'no-referrer');
    const typed = await post(query, { accept: 'application/graphql-response+json' });
    assert.equal(typed.headers['content-type'], 'application/graphql-response+json; charset=utf-8');
  });

  it('leaves errors, refusals and mutations to Apollo, with its codes and status', async () => {
    const before = await directAnswers();
    assert.equal(errorCode(await t.gql('{ issues(first: 1) { totalCount } }')), 'UNAUTHENTICATED');
    const forged = await t.gql('{ __typename }', {}, { token: 'forged.token.value' });
    assert.equal(forged.status, 401);
    const invalid = await t.gql('{ nope }');
    assert.equal(invalid.status, 400);
    assert.equal(errorCode(invalid), 'GRAPHQL_VALIDATION_FAILED');
    const nul = await t.gql('query($c: String!) { trackIssue(trackingCode: $c) { status } }', { c: 'A\u0000B' });
    assert.equal(errorCode(nul), 'BAD_USER_INPUT');
    const foreign = await post('{"query":"{ __typename }"}', { origin: 'https://elsewhere.example' });
    assert.equal(foreign.status, 403);
    assert.equal(JSON.parse(foreign.body).errors[0].extensions.code, 'FORBIDDEN');
    assert.equal((await post('{"query":"mutation { __typename }"}')).status, 200);
    assert.equal(await directAnswers(), before, 'none of these was answered directly');
  });

  it('leaves a query that audits a contact read to Apollo, so a failed one is never run (and audited) twice', async () => {
    const audited = async () =>
      Number((await dbOf(t).getConnection().execute(`select count(*) as n from audit_entry where action = 'readReporterContact'`))[0].n);
    const before = { direct: await directAnswers(), audited: await audited() };
    // The newest issue (reported above, with a name and phone) shown in full to the admin, beside a field that fails.
    const res = await t.gql<any>(
      '{ issues(first: 1) { edges { node { id reporter { name phone } } } } missing: issue(id: "00000000-0000-0000-0000-000000000000") { id } }',
      {},
      { token: admin },
    );
    assert.equal(res.data?.issues.edges[0].node.reporter.phone, '13912345678');
    assert.equal(errorCode(res), 'NOT_FOUND');
    assert.equal(await audited(), before.audited + 1);
    assert.equal(await directAnswers(), before.direct);
  });

  it('refuses a body that is not a JSON object as Express does', async () => {
    for (const body of ['{"query":', '"text"', 'null']) {
      const seen = await post(body);
      assert.equal(seen.status, 400, body);
      assert.deepEqual(JSON.parse(seen.body), { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    }
    // A byte order mark before the JSON is dropped, as Express's parser drops it.
    assert.deepEqual(JSON.parse((await post('\uFEFF{"query":"{ __typename }"}')).body), { data: { __typename: 'Query' } });
    const batch = await post('[{"query":"{ __typename }"}]');
    assert.equal(batch.status, 400);
    assert.match(batch.body, /batching/i);
    const tooLarge = await post(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } }));
    assert.equal(tooLarge.status, 413);
  });

  it('keeps a one-time password user to changePassword and me', async () => {
    const { id } = dataOf(await t.gql<any>('{ me { id } }', {}, { token: await t.login('cadre.chen') })).me;
    const reset = dataOf(await t.gql<any>('mutation($id: ID!) { resetPassword(id: $id) { password } }', { id }, { token: admin })).resetPassword;
    const token = await t.login('cadre.chen', reset.password);
    assert.equal(errorCode(await t.gql('{ categories { code } }', {}, { token })), 'PASSWORD_CHANGE_REQUIRED');
    assert.equal(dataOf(await t.gql<any>('{ me { username } }', {}, { token })).me.username, 'cadre.chen');
  });

  it('counts a handed-on request\'s duration from its arrival, not from when Apollo got it', async () => {
    logLines.length = 0;
    const body = JSON.stringify({ query: 'mutation SlowBody { __typename }', operationName: 'SlowBody' });
    const url = new URL(t.graphqlUrl);
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'slow-body-1' } },
        (res) => res.resume().on('end', resolve),
      );
      req.on('error', reject);
      // Half the body now, the rest 300 ms later: the direct path reads it all before handing the mutation on.
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [line] = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request' && l.requestId === 'slow-body-1');
    assert.equal(line.operation, 'SlowBody');
    // The timer starts before the connection is made, so the halves reach the server a little under 300 ms apart
    // (288 ms seen on a busy machine); Apollo's own timer would say a few ms.
    assert.ok(line.durationMs >= 250, `logged ${line.durationMs} ms`);
  });

  it('logs a direct answer once, with the caller\'s request id and the operation name', async () => {
    logLines.length = 0;
    const before = await directAnswers();
    const res = await fetch(t.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'direct-log-1' },
      body: JSON.stringify({ query: 'query LoggedDirectly { __typename }', operationName: 'LoggedDirectly' }),
    });
    assert.equal(res.headers.get('x-request-id'), 'direct-log-1');
    assert.equal(await directAnswers(), before + 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request' && l.requestId === 'direct-log-1');
    assert.equal(lines.length, 1);
    assert.equal(lines[0].path, '/graphql');
    assert.equal(lines[0].status, 200);
    assert.equal(lines[0].operation, 'LoggedDirectly');
  });
});

/**
 * NODE_ENV=production: no introspection, no schema hints, no IDE or landing
 * page, no mutation over GET or form encoding, no stack traces — and
 * INTROSPECTION=1 turns introspection (only) back on.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'production-secret-production-secret-0123456789',
  ADMIN_PASSWORD: 'a-production-admin-password',
};

describe('production mode', () => {
  let t: TestServer;
  let adminToken: string;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: false, env: PRODUCTION });
    adminToken = await t.login('admin', PRODUCTION.ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  it('runs in production mode', () => {
    assert.equal(t.config.production, true);
    assert.equal(t.config.introspection, false);
  });

  it('refuses introspection', async () => {
    const schema = await t.gql('{ __schema { types { name } } }');
    assert.equal(schema.status, 400);
    assert.equal(errorCode(schema), 'GRAPHQL_VALIDATION_FAILED');
    assert.equal(schema.data ?? null, null);
    assert.equal(errorCode(await t.gql('{ __type(name: "Issue") { fields { name } } }')), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('gives no suggestions for misspelt fields, arguments or enum values', async () => {
    for (const query of ['{ categorie { code } }', '{ categories { cod } }', '{ cadres(levl: CITY) { id } }', '{ cadres(level: CITI) { id } }']) {
      const res = await t.gql(query);
      assert.equal(errorCode(res), 'GRAPHQL_VALIDATION_FAILED', query);
      for (const error of res.errors!) assert.doesNotMatch(error.message, /Did you mean/, query);
    }
    const variable = await t.gql('query($l: CadreLevel) { cadres(level: $l) { id } }', { l: 'CITI' });
    assert.equal(errorCode(variable), 'BAD_USER_INPUT');
    assert.doesNotMatch(variable.errors![0].message, /Did you mean/);
  });

  it('serves no IDE or landing page', async () => {
    const page = await fetch(t.graphqlUrl, { headers: { accept: 'text/html' } });
    const body = await page.text();
    assert.notEqual(page.status, 200);
    assert.doesNotMatch(page.headers.get('content-type') ?? '', /text\/html/);
    assert.doesNotMatch(body, /<html|sandbox|apollographql/i);
  });

  it('never runs a mutation sent with GET or form encoding', async () => {
    const mutation = 'mutation { createRegion(input: { name: "经GET建立", level: CITY }) { id } }';
    const get = await fetch(`${t.graphqlUrl}?query=${encodeURIComponent(mutation)}`, {
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${adminToken}` },
    });
    assert.equal(get.status, 405);
    const attempts: Record<string, string>[] = [
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'application/x-www-form-urlencoded', 'apollo-require-preflight': 'true' },
      { 'content-type': 'multipart/form-data; boundary=x', 'apollo-require-preflight': 'true' },
    ];
    for (const headers of attempts) {
      const form = await fetch(t.graphqlUrl, {
        method: 'POST',
        headers: { ...headers, authorization: `Bearer ${adminToken}` },
        body: `query=${encodeURIComponent(mutation)}`,
      });
      assert.equal(form.status, 400, JSON.stringify(headers));
      assert.equal((await form.json()).errors[0].extensions.code, 'BAD_REQUEST');
    }
    assert.deepEqual(dataOf(await t.gql('{ regions { name } }')).regions, []);
  });

  it('shows no stack trace, for expected and unexpected errors alike', async () => {
    const expected = await t.gql('mutation { createRegion(input: { name: "", level: CITY }) { id } }', {}, { token: adminToken });
    assert.equal(errorCode(expected), 'BAD_USER_INPUT');
    const originalRun = t.server.services.loginGuard.run;
    t.server.services.loginGuard.run = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'passwordHash')");
    };
    let unexpected;
    try {
      unexpected = await t.gql('mutation { login(username: "admin", password: "x") { token } }');
    } finally {
      t.server.services.loginGuard.run = originalRun;
    }
    assert.equal(errorCode(unexpected), 'INTERNAL_SERVER_ERROR');
    const parse = await t.gql('{ categories { code ');
    for (const res of [expected, unexpected, parse]) {
      const text = JSON.stringify(res.errors);
      assert.doesNotMatch(text, /stacktrace|\.ts:\d+|at [A-Za-z.<>]+ \(|node_modules|passwordHash/);
    }
    const notFound = await fetch(`${t.url}/nothing-here`);
    assert.doesNotMatch(await notFound.text(), /\.ts:\d+|node_modules/);
  });
});

describe('production mode with INTROSPECTION=1', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: false, env: { ...PRODUCTION, INTROSPECTION: '1' } });
  });
  afterAll(() => t?.close());

  it('allows introspection but still serves no IDE', async () => {
    assert.equal(dataOf(await t.gql('{ __schema { queryType { name } } }')).__schema.queryType.name, 'Query');
    const page = await fetch(t.graphqlUrl, { headers: { accept: 'text/html' } });
    assert.doesNotMatch(await page.text(), /<html/i);
  });
});

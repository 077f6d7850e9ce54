/**
 * GraphQL over HTTP conformance: graphql-http's own audit suite against a
 * live server. Every MUST passes. Three SHOULDs do not, by design: for a
 * client that accepts only `application/json`, the spec recommends 200 for
 * parse, validation and variable-coercion failures (the "legacy" watershed);
 * Apollo Server answers 400 with GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED
 * / BAD_USER_INPUT, which our contract ("Malformed GraphQL: HTTP 400")
 * and the SDK rely on. The MAYs that fail are GET variants that Apollo's CSRF
 * prevention refuses without a preflight header.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { auditServer } from 'graphql-http';
import { startTestServer, type TestServer } from '../support/harness';

/** The SHOULD audits Apollo's status-code choices fail (see above). */
const KNOWN_SHOULD_FAILURES = new Set(['572B', 'FDE2', '7B9B']);

describe('GraphQL over HTTP conformance (graphql-http audit)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: false });
  });
  afterAll(() => t?.close());

  it('passes every MUST, and every SHOULD but the three status-code ones Apollo decides otherwise', async () => {
    const results = await auditServer({ url: t.graphqlUrl });
    assert.ok(results.length > 50, `the audit ran (${results.length} checks)`);
    const musts = results.filter((r) => r.name.startsWith('MUST'));
    const failedMusts = musts.filter((r) => r.status !== 'ok');
    assert.deepEqual(
      failedMusts.map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`),
      [],
      'every MUST passes',
    );
    assert.ok(musts.length >= 10, `the MUST audits ran (${musts.length})`);
    const failedShoulds = results.filter((r) => r.name.startsWith('SHOULD') && r.status !== 'ok').map((r) => r.id);
    assert.deepEqual(new Set(failedShoulds), KNOWN_SHOULD_FAILURES, `SHOULD failures: ${failedShoulds.join(', ')}`);
  });
});

/**
 * graphql-cop's "directive overloading" probe and error floods, over both
 * transports: HTTP (Apollo) and WebSocket (graphql-ws) answer with one error
 * for a repeated directive, and stop validating after a bounded number.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { QUERY_LIMITS } from '../../api/src/server/hardening';
import { startTestServer, type TestServer } from '../support/harness';
import { GraphQLSocket } from '../support/realtime-client';

const REPEATED = /^The directive "@aa" is repeated 10 times at one location/;
const tracker = (selection: string) => `subscription { issueTracked(trackingCode: "LM-0000-0000-0000") { ${selection} } }`;
const unknownFields = (count: number) => Array.from({ length: count }, (_, i) => `f${i}`).join(' ');

describe('repeated directives and error floods', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: false });
  });
  afterAll(() => t?.close());

  it('HTTP: the probe gets one error, 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await t.gql('query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }');
    assert.equal(res.status, 400);
    assert.equal(res.errors?.length, 1);
    assert.equal(res.errors![0].extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(res.errors![0].message, REPEATED);
  });

  it(`HTTP: validation stops after ${QUERY_LIMITS.maxErrors} errors`, async () => {
    const res = await t.gql(`{ ${unknownFields(40)} }`);
    assert.equal(res.status, 400);
    assert.equal(res.errors?.length, QUERY_LIMITS.maxErrors + 1);
    assert.match(res.errors!.at(-1)!.message, /Too many validation errors/);
  });

  it('WebSocket: the probe gets one error, and a flood stops after the same bound', async () => {
    const socket = await GraphQLSocket.open(t.graphqlUrl);
    try {
      const probe = socket.subscribe(tracker('status @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa'));
      await probe.until(() => probe.errors !== undefined, 5_000, 'the refusal');
      assert.equal(probe.errors!.length, 1);
      assert.equal(probe.errors![0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
      assert.match(probe.errors![0].message, REPEATED);

      const flood = socket.subscribe(tracker(unknownFields(40)));
      await flood.until(() => flood.errors !== undefined, 5_000, 'the refusal');
      assert.equal(flood.errors!.length, QUERY_LIMITS.maxErrors + 1);
      assert.match(flood.errors!.at(-1)!.message, /Too many validation errors/);
      assert.ok(flood.errors!.every((error: { extensions: { code: string } }) => error.extensions.code === 'GRAPHQL_VALIDATION_FAILED'));
    } finally {
      await socket.close();
    }
  });
});

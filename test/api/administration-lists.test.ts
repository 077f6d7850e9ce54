/**
 * What the console's administration pages list (issue 18): `users` (ADMIN; by
 * username, searchable by a part of the username or display name, LIKE's
 * wildcards taken literally) and `portalKeys` (ADMIN; allowed origins, never
 * the key again). Others are refused with a code.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';

describe('administration lists', () => {
  let t: TestServer;
  let admin: string;
  beforeAll(async () => {
    t = await startTestServer();
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  const as = (query: string, variables?: Record<string, unknown>) => t.gql<any>(query, variables, { token: admin });

  it('lists users by username, with their state, and finds them by a part of the name', async () => {
    const all = dataOf(await as('{ users { username displayName role active } }')).users as { username: string; active: boolean }[];
    const names = all.map((u) => u.username);
    assert.ok(names.includes('admin') && names.includes('worker.lin'), 'the demo accounts are listed');
    assert.deepEqual(names, [...names].sort(), 'by username');
    dataOf(await as('mutation { createUser(input: { username: "under_score", password: "long-enough-pass", displayName: "百分之50%", role: ADMIN }) { id } }'));
    assert.deepEqual(dataOf(await as('{ users(search: "R_S") { username } }')).users, [{ username: 'under_score' }], 'case-insensitive');
    assert.deepEqual(dataOf(await as('{ users(search: "50%") { username } }')).users, [{ username: 'under_score' }], 'by display name');
    // As LIKE wildcards these would match "der" in under_score and "之50%": taken literally, nothing.
    assert.deepEqual(dataOf(await as('{ users(search: "d_r") { username } }')).users, []);
    assert.deepEqual(dataOf(await as('{ users(search: "之%") { username } }')).users, []);
    assert.equal(dataOf(await as('{ users(first: 2) { id } }')).users.length, 2);
    assert.equal(errorCode(await as('{ users(first: 0) { id } }')), 'BAD_USER_INPUT');
    const worker = await t.login('worker.lin');
    assert.equal(errorCode(await t.gql('{ users { id } }', {}, { token: worker })), 'FORBIDDEN');
    assert.equal(errorCode(await t.gql('{ users { id } }')), 'UNAUTHENTICATED');
  });

  it('lists portal keys with their allowed origins and never the key', async () => {
    const created = dataOf(await as('mutation { createPortalKey(name: "街道门户", allowedOrigins: ["https://jd.example.gov.cn"]) { id key } }')).createPortalKey;
    assert.match(created.key, /^lmk_/);
    const keys = dataOf(await as('{ portalKeys { id name key allowedOrigins } }')).portalKeys as any[];
    assert.deepEqual(keys.find((k) => k.id === created.id), { id: created.id, name: '街道门户', key: null, allowedOrigins: ['https://jd.example.gov.cn'] });
    const worker = await t.login('worker.lin');
    assert.equal(errorCode(await t.gql('{ portalKeys { id } }', {}, { token: worker })), 'FORBIDDEN');
  });
});

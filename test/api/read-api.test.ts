import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';

describe('read API on the demo city', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('lists the region tree from the city down to grids', async () => {
    const data = dataOf(
      await t.gql(`{ regions { name level children { name level children { name children { name level grids { code kind region { name } } } } } } }`),
    );
    assert.equal(data.regions.length, 1);
    assert.equal(data.regions[0].level, 'CITY');
    const counties = data.regions[0].children.map((c: any) => c.name).sort();
    assert.deepEqual(counties, ['江城区', '青山县'].sort());
    const grids = data.regions[0].children.flatMap((c: any) => c.children.flatMap((t: any) => t.children.flatMap((v: any) => v.grids)));
    assert.ok(grids.some((g: any) => g.code === 'JC-DH-GH-07'), 'grid No. 7 exists');
    assert.ok(grids.some((g: any) => g.kind === 'RURAL'));
  });

  it('finds the grid containing a point, and none outside every grid', async () => {
    const inside = dataOf(await t.gql('{ gridAt(latitude: 30.585, longitude: 114.305) { code name } }'));
    assert.equal(inside.gridAt.code, 'JC-DH-GH-07');
    const outside = dataOf(await t.gql('{ gridAt(latitude: 10, longitude: 10) { code } }'));
    assert.equal(outside.gridAt, null);
    assert.equal(errorCode(await t.gql('{ gridAt(latitude: 91, longitude: 10) { code } }')), 'BAD_USER_INPUT');
  });

  it('lists the sixteen categories with their deadlines', async () => {
    const data = dataOf(await t.gql('{ categories { code name nameEn group responseHours resolveHours } }'));
    assert.equal(data.categories.length, 16);
    for (const c of data.categories) assert.ok(c.responseHours > 0 && c.resolveHours >= c.responseHours, c.code);
  });

  it('signs in and answers me; a wrong password and an unknown user get the same answer', async () => {
    const token = await t.login('admin');
    const me = dataOf(await t.gql('{ me { username role } }', {}, { token }));
    assert.deepEqual(me.me, { username: 'admin', role: 'ADMIN' });
    const wrong = await t.gql('mutation { login(username: "admin", password: "nope-nope") { token } }');
    const unknown = await t.gql('mutation { login(username: "nobody", password: "nope-nope") { token } }');
    assert.equal(errorCode(wrong), 'UNAUTHENTICATED');
    assert.equal(errorCode(unknown), 'UNAUTHENTICATED');
    assert.equal(wrong.errors![0].message, unknown.errors![0].message);
  });

  it('needs a staff token to read issues', async () => {
    assert.equal(errorCode(await t.gql('{ issues { totalCount } }')), 'UNAUTHENTICATED');
  });

  it('answers malformed GraphQL with HTTP 400 and GRAPHQL_PARSE_FAILED', async () => {
    const res = await t.gql('{ regions { name ');
    assert.equal(res.status, 400);
    assert.equal(errorCode(res), 'GRAPHQL_PARSE_FAILED');
  });
});

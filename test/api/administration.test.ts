import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';

describe('administration mutations', () => {
  let t: TestServer;
  let admin: string;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: false });
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  const as = (query: string, variables?: Record<string, unknown>) => t.gql(query, variables, { token: admin });

  async function createRegion(name: string, level: string, parentId?: string): Promise<string> {
    const res = await as('mutation($i: CreateRegionInput!) { createRegion(input: $i) { id name level parent { id } } }', {
      i: { name, level, parentId },
    });
    return dataOf(res).createRegion.id;
  }

  it('builds a region tree, a grid with a boundary, a cadre assigned to it, a worker and their users', async () => {
    const city = await createRegion('测试市', 'CITY');
    const county = await createRegion('测试区', 'COUNTY', city);
    const township = await createRegion('测试街道', 'TOWNSHIP', county);
    const community = await createRegion('测试社区', 'COMMUNITY', township);
    const grid = dataOf(
      await as(
        `mutation($i: CreateGridInput!) { createGrid(input: $i) { id code kind boundary { latitude longitude } region { id name } } }`,
        {
          i: {
            regionId: community,
            code: 'T-01',
            name: '测试网格',
            kind: 'URBAN_COMMUNITY',
            boundary: [
              { latitude: 10, longitude: 10 },
              { latitude: 10, longitude: 11 },
              { latitude: 11, longitude: 11 },
              { latitude: 11, longitude: 10 },
            ],
          },
        },
      ),
    ).createGrid;
    assert.equal(grid.region.id, community);
    assert.equal(grid.boundary.length, 4);
    const found = dataOf(await t.gql('{ gridAt(latitude: 10.5, longitude: 10.5) { id } }'));
    assert.equal(found.gridAt.id, grid.id);

    const cadre = dataOf(
      await as('mutation($i: CreateCadreInput!) { createCadre(input: $i) { id level unit } }', {
        i: { name: '测试干部', level: 'COUNTY', unit: '测试局', regionId: county },
      }),
    ).createCadre;
    const assigned = dataOf(
      await as('mutation($c: ID!, $g: ID!) { assignCadre(cadreId: $c, gridId: $g) { grids { id } } }', { c: cadre.id, g: grid.id }),
    );
    assert.deepEqual(assigned.assignCadre.grids, [{ id: grid.id }]);
    const again = dataOf(await as('mutation($c: ID!, $g: ID!) { assignCadre(cadreId: $c, gridId: $g) { grids { id } } }', { c: cadre.id, g: grid.id }));
    assert.equal(again.assignCadre.grids.length, 1, 'assigning twice keeps one assignment');
    const onGrid = dataOf(await t.gql('query($id: ID!) { grid(id: $id) { cadres { id } } }', { id: grid.id }));
    assert.deepEqual(onGrid.grid.cadres, [{ id: cadre.id }]);

    const worker = dataOf(
      await as('mutation($i: CreateGridWorkerInput!) { createGridWorker(input: $i) { id grid { id } } }', { i: { name: '测试网格员', gridId: grid.id } }),
    ).createGridWorker;
    assert.equal(worker.grid.id, grid.id);

    const user = dataOf(
      await as('mutation($i: CreateUserInput!) { createUser(input: $i) { username role cadre { id } } }', {
        i: { username: 'test.cadre', password: 'long-enough-password', displayName: '测试干部', role: 'CADRE', cadreId: cadre.id, scopeRegionId: county },
      }),
    ).createUser;
    assert.equal(user.cadre.id, cadre.id);
    const token = await t.login('test.cadre', 'long-enough-password');
    const me = dataOf(await t.gql('{ me { username cadre { grids { code } } scopeRegion { id } } }', {}, { token }));
    assert.deepEqual(me.me.cadre.grids, [{ code: 'T-01' }]);
    assert.deepEqual(me.me.scopeRegion, { id: county }, 'a dispatcher sees where it dispatches');
    const adminMe = dataOf(await t.gql('{ me { scopeRegion { id } } }', {}, { token: admin })).me;
    assert.equal(adminMe.scopeRegion, null, 'only cadre users have a scope region');

    const cadres = dataOf(await t.gql('query($r: ID) { cadres(regionId: $r, level: COUNTY) { id } }', { r: city }));
    assert.deepEqual(cadres.cadres, [{ id: cadre.id }]);

    const unassigned = dataOf(await as('mutation($c: ID!, $g: ID!) { unassignCadre(cadreId: $c, gridId: $g) { grids { id } } }', { c: cadre.id, g: grid.id }));
    assert.deepEqual(unassigned.unassignCadre.grids, []);

    const key = dataOf(
      await as('mutation { createPortalKey(name: "县政府门户", allowedOrigins: ["https://portal.example.gov.cn/"]) { id key allowedOrigins } }'),
    ).createPortalKey;
    assert.match(key.key, /^lmk_/);
    assert.deepEqual(key.allowedOrigins, ['https://portal.example.gov.cn']);
  });

  it('needs a signed-in admin: a stranger is UNAUTHENTICATED', async () => {
    assert.equal(errorCode(await t.gql('mutation { createRegion(input: { name: "x", level: CITY }) { id } }')), 'UNAUTHENTICATED');
  });

  it('refuses bad input with a code and writes nothing', async () => {
    const city = await createRegion('另一市', 'CITY');
    assert.equal(errorCode(await as('mutation { createRegion(input: { name: "x", level: COUNTY }) { id } }')), 'BAD_USER_INPUT');
    assert.equal(
      errorCode(await as('mutation($p: ID) { createRegion(input: { name: "x", level: COMMUNITY, parentId: $p }) { id } }', { p: city })),
      'BAD_USER_INPUT',
    );
    assert.equal(errorCode(await as('mutation { createRegion(input: { name: "x", level: NOPE }) { id } }')), 'GRAPHQL_VALIDATION_FAILED');
    assert.equal(
      errorCode(await as('mutation($i: CreateRegionInput!) { createRegion(input: $i) { id } }', { i: { name: 'x', level: 'NOPE' } })),
      'BAD_USER_INPUT',
    );
    assert.equal(
      errorCode(await as('mutation { createRegion(input: { name: "x", level: COUNTY, parentId: "00000000-0000-4000-8000-000000000000" }) { id } }')),
      'NOT_FOUND',
    );
    const county = await createRegion('另一区', 'COUNTY', city);
    const township = await createRegion('另一街道', 'TOWNSHIP', county);
    const community = await createRegion('另一社区', 'COMMUNITY', township);
    const grid = (code: string, boundary: unknown) =>
      as('mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }', { i: { regionId: community, code, name: 'g', kind: 'RURAL', boundary } });
    assert.equal(errorCode(await grid('B-1', [{ latitude: 1, longitude: 1 }, { latitude: 2, longitude: 2 }])), 'BAD_USER_INPUT');
    assert.equal(errorCode(await grid('B-1', [{ latitude: 1, longitude: 1 }, { latitude: 2, longitude: 2 }, { latitude: 3, longitude: 3 }])), 'BAD_USER_INPUT');
    dataOf(await grid('B-1', null));
    const duplicate = await grid('B-1', null);
    assert.equal(errorCode(duplicate), 'BAD_USER_INPUT');
    assert.match(duplicate.errors![0].message, /already exists/);
    assert.equal(
      errorCode(await as('mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }', { i: { regionId: county, code: 'B-2', name: 'g', kind: 'RURAL' } })),
      'BAD_USER_INPUT',
    );
    const noCadre = await as('mutation { createUser(input: { username: "lonely", password: "long-enough-1", displayName: "x", role: CADRE }) { id } }');
    assert.equal(errorCode(noCadre), 'BAD_USER_INPUT');
    assert.match(noCadre.errors![0].message, /cadre/);
    assert.equal(errorCode(await t.gql('{ grid(id: "not-an-id") { id } }')), 'NOT_FOUND');
    assert.equal(errorCode(await t.gql('{ region(id: "00000000-0000-4000-8000-000000000000") { id } }')), 'NOT_FOUND');
    assert.equal(errorCode(await t.gql('{ cadre(id: "00000000-0000-4000-8000-000000000000") { id } }')), 'NOT_FOUND');
    const regions = dataOf(await t.gql('{ regions { name } }')).regions.map((r: any) => r.name);
    assert.ok(!regions.includes('x'), 'no refused region was written');
    const users = await t.server.services.db.orm.em.fork().getConnection().execute('select 1 from app_user where username = ?', ['lonely']);
    assert.equal(users.length, 0, 'no refused user was written');
  });
});

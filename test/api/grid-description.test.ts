/**
 * Grid.description (contract section "resident widgets, round two"): what a grid
 * covers in words a resident knows, set on createGrid and read by anyone, so a
 * person can pick their grid without knowing its number.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, startTestServer, type TestServer } from '../support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

describe('Grid.description', () => {
  it('the demo grids say what they cover, publicly', async () => {
    const res = await t.gql<{ gridAt: { name: string; description: string } }>('{ gridAt(latitude: 30.585, longitude: 114.305) { name description } }');
    assert.deepEqual(dataOf(res).gridAt, { name: '桂花社区第7网格', description: '桂花苑1–6栋、小区广场和儿童游乐场、桂花路东段' });
  });

  it('an issue\'s grid carries it too (the planned read path selects it)', async () => {
    const token = await t.login('admin');
    const res = await t.gql<{ issues: { edges: { node: { grid: { code: string; description: string } } }[] } }>(
      '{ issues(first: 50) { edges { node { grid { code description } } } } }',
      {},
      { token },
    );
    const grids = dataOf(res).issues.edges.map((e) => e.node.grid);
    assert.ok(grids.length > 0);
    for (const grid of grids) assert.ok(grid.description, `grid ${grid.code} has its description`);
    assert.equal(grids.find((g) => g.code === 'JC-DH-GH-07')?.description, '桂花苑1–6栋、小区广场和儿童游乐场、桂花路东段');
  });

  it('createGrid keeps a trimmed description, leaves it null when absent, and refuses one over 500 characters', async () => {
    const token = await t.login('admin');
    const { regions } = dataOf(await t.gql<{ regions: { id: string; name: string }[] }>('{ regions { id name } }'));
    const community = await findCommunity(regions[0].id);
    const create = (code: string, description?: string) =>
      t.gql<{ createGrid: { code: string; description: string | null } }>(
        'mutation($input: CreateGridInput!) { createGrid(input: $input) { code description } }',
        { input: { regionId: community, code, name: `说明测试${code}`, kind: 'URBAN_COMMUNITY', ...(description === undefined ? {} : { description }) } },
        { token },
      );
    const stamp = Date.now().toString(36);
    assert.deepEqual(dataOf(await create(`D1-${stamp}`, '  幸福里1–3栋、幸福菜场  ')).createGrid, { code: `D1-${stamp}`, description: '幸福里1–3栋、幸福菜场' });
    assert.deepEqual(dataOf(await create(`D2-${stamp}`)).createGrid, { code: `D2-${stamp}`, description: null });
    const tooLong = await create(`D3-${stamp}`, '长'.repeat(501));
    assert.equal(tooLong.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });
});

/** The first COMMUNITY region under `regionId` (depth first). */
async function findCommunity(regionId: string): Promise<string> {
  const { region } = dataOf(await t.gql<{ region: { level: string; children: { id: string }[] } }>('query($id: ID!) { region(id: $id) { level children { id } } }', { id: regionId }));
  if (region.level === 'COMMUNITY') return regionId;
  return findCommunity(region.children[0].id);
}

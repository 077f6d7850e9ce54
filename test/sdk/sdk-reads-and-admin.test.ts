/**
 * The SDK against a live API: every Query method, every administration
 * mutation and login, and failures mapped to their codes.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { CadreDutiesDocument, createClient, paginate, type LastmeterClient, type RegionDetail } from '../../sdk/src/index.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/harness';
import { lastmeterErrorOf } from '../support/sdk-errors';

describe('SDK against a live server: queries, administration, errors', () => {
  let t: TestServer;
  let publicClient: LastmeterClient;
  let admin: LastmeterClient;
  let city: RegionDetail;

  beforeAll(async () => {
    t = await startTestServer();
    publicClient = createClient({ url: t.graphqlUrl });
    admin = createClient({ url: t.graphqlUrl });
    await admin.login({ username: 'admin', password: DEMO_PASSWORD });
    [city] = await publicClient.regions();
  });
  afterAll(() => t?.close());

  it('login keeps the token: me is the admin afterwards, and null without a token', async () => {
    const me = await admin.me();
    assert.equal(me?.username, 'admin');
    assert.equal(me?.role, 'ADMIN');
    assert.equal(await publicClient.me(), null);
  });

  it('reads the public catalogue: categories, regions, region, grid, gridAt', async () => {
    const categories = await publicClient.categories();
    assert.equal(categories.length, 16);
    assert.ok(categories.every((c) => c.resolveHours >= c.responseHours && c.nameEn.length > 0));

    assert.equal(city.level, 'CITY');
    assert.equal(city.parent, null);
    const counties = await publicClient.regions({ parentId: city.id });
    assert.deepEqual(counties.map((c) => c.name).sort(), ['江城区', '青山县'].sort());
    assert.ok(counties.every((c) => c.parent?.id === city.id));

    const grid7 = await publicClient.gridAt({ latitude: 30.585, longitude: 114.305 });
    assert.equal(grid7?.code, 'JC-DH-GH-07');
    assert.equal(grid7?.kind, 'URBAN_COMMUNITY');
    assert.ok((grid7?.boundary?.length ?? 0) >= 3);
    assert.equal(await publicClient.gridAt({ latitude: 10, longitude: 10 }), null);

    const community = await publicClient.region({ id: grid7!.region.id });
    assert.equal(community?.level, 'COMMUNITY');
    assert.ok(community?.grids.some((g) => g.code === 'JC-DH-GH-07'));

    const detail = await publicClient.grid({ id: grid7!.id });
    assert.equal(detail?.name, grid7!.name);
    assert.ok(detail!.cadres.length >= 1);
  });

  it('reads cadres, issues (one page and all pages), one issue, tracking and statistics as staff', async () => {
    const cityCadres = await admin.cadres({ level: 'CITY' });
    assert.ok(cityCadres.length >= 2 && cityCadres.every((c) => c.level === 'CITY'));
    const cadre = await admin.cadre({ id: cityCadres[0].id });
    assert.equal(cadre?.name, cityCadres[0].name);

    const firstPage = await admin.issues({ first: 3 });
    assert.equal(firstPage.edges.length, 3);
    assert.ok(firstPage.totalCount >= 10, 'the demo city has a dozen issues');
    const all = [];
    for await (const issue of admin.iterateIssues({}, { pageSize: 4 })) all.push(issue);
    assert.equal(all.length, firstPage.totalCount);
    assert.equal(new Set(all.map((i) => i.id)).size, all.length, 'no issue twice');

    const submitted = await admin.issues({ filter: { status: ['SUBMITTED'] } });
    assert.ok(submitted.edges.every((e) => e.node.status === 'SUBMITTED'));

    const issue = await admin.issue({ id: all[0].id });
    assert.equal(issue?.trackingCode, all[0].trackingCode);
    assert.ok(issue!.timeline.length >= 1);
    assert.ok(issue!.timeline.every((e) => typeof e.cursor === 'string' && e.cursor.length > 0));

    const tracked = await publicClient.trackIssue({ trackingCode: all[0].trackingCode });
    assert.equal(tracked?.status, all[0].status);
    assert.equal(await publicClient.trackIssue({ trackingCode: 'LM-NONE-NONE-NONE' }), null);

    // A nested list through request() with a typed document, walked with paginate().
    const assignee = all.find((i) => i.assignee)!.assignee!;
    const duties = [];
    for await (const duty of paginate((after) => admin.request(CadreDutiesDocument, { id: assignee.id, first: 2, after }).then((d) => d.cadre!.duties))) {
      duties.push(duty);
    }
    assert.ok(duties.length >= 1);
    assert.ok(duties.every((d) => d.assignee?.id === assignee.id));

    const stats = await publicClient.issueStats({ regionId: city.id });
    assert.equal(stats.total, firstPage.totalCount);
    assert.equal(stats.byStatus.reduce((sum, s) => sum + s.count, 0), stats.total);
  });

  it('runs every administration mutation and returns the typed results', async () => {
    const suffix = randomUUID().slice(0, 6);
    const county = await admin.createRegion({ input: { name: `测试区${suffix}`, level: 'COUNTY', parentId: city.id } });
    assert.equal(county.parent?.id, city.id);
    const township = await admin.createRegion({ input: { name: `测试街道${suffix}`, level: 'TOWNSHIP', parentId: county.id } });
    const community = await admin.createRegion({ input: { name: `测试社区${suffix}`, level: 'COMMUNITY', parentId: township.id } });
    assert.equal(community.level, 'COMMUNITY');
    assert.equal(community.parent?.id, township.id);

    const grid = await admin.createGrid({
      input: {
        regionId: community.id,
        code: `T-${suffix}`,
        name: `测试网格${suffix}`,
        kind: 'RURAL',
        boundary: [
          { latitude: 10, longitude: 10 },
          { latitude: 10, longitude: 10.01 },
          { latitude: 10.01, longitude: 10.01 },
        ],
      },
    });
    assert.equal(grid.code, `T-${suffix}`);
    assert.equal(grid.region.id, community.id);

    const cadre = await admin.createCadre({ input: { name: `测试干部${suffix}`, level: 'VILLAGE', unit: '测试村委会', regionId: community.id } });
    assert.equal((await admin.assignCadre({ cadreId: cadre.id, gridId: grid.id })).grids.map((g) => g.id).includes(grid.id), true);
    assert.equal((await admin.unassignCadre({ cadreId: cadre.id, gridId: grid.id })).grids.some((g) => g.id === grid.id), false);

    const worker = await admin.createGridWorker({ input: { name: `测试网格员${suffix}`, gridId: grid.id } });
    assert.equal(worker.grid.id, grid.id);

    const username = `sdk.${suffix}`;
    const user = await admin.createUser({
      input: { username, password: 'a-long-password-1', displayName: '测试用户', role: 'GRID_WORKER', gridWorkerId: worker.id },
    });
    assert.equal(user.gridWorker?.id, worker.id);
    const newcomer = createClient({ url: t.graphqlUrl });
    assert.equal((await newcomer.login({ username, password: 'a-long-password-1' })).user.username, username);
    assert.equal((await newcomer.me())?.role, 'GRID_WORKER');

    const key = await admin.createPortalKey({ name: `portal ${suffix}`, allowedOrigins: ['https://portal.example.gov.cn'] });
    assert.ok(key.key && key.key.length >= 16, 'the key is shown once, on creation');
    assert.deepEqual(key.allowedOrigins, ['https://portal.example.gov.cn']);
  });

  it('maps failures to their codes', async () => {
    const noToken = await lastmeterErrorOf(publicClient.issues());
    assert.equal(noToken.code, 'UNAUTHENTICATED');

    const worker = createClient({ url: t.graphqlUrl });
    await worker.login({ username: 'worker.lin', password: DEMO_PASSWORD });
    assert.equal((await lastmeterErrorOf(worker.createRegion({ input: { name: 'x', level: 'CITY' } }))).code, 'FORBIDDEN');

    assert.equal((await lastmeterErrorOf(publicClient.gridAt({ latitude: 91, longitude: 10 }))).code, 'BAD_USER_INPUT');
    assert.equal((await lastmeterErrorOf(admin.acceptIssue({ id: randomUUID() }))).code, 'NOT_FOUND');
    assert.equal((await lastmeterErrorOf(publicClient.login({ username: 'admin', password: 'not-the-password' }))).code, 'UNAUTHENTICATED');

    const invalid = await lastmeterErrorOf(publicClient.request('{ categories { noSuchField } }'));
    assert.equal(invalid.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.equal(invalid.status, 400);

    const forgedToken = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmb3JnZWQifQ.c2lnbmF0dXJlLWZvcmdlZA';
    const forged = await lastmeterErrorOf(createClient({ url: t.graphqlUrl, token: forgedToken }).categories());
    assert.equal(forged.code, 'UNAUTHENTICATED');
    assert.equal(forged.status, 401);
    assert.ok(!forged.message.includes(forgedToken));

    const unknownKey = 'lm_pk_made_up_key_0123456789';
    const madeUp = await lastmeterErrorOf(createClient({ url: t.graphqlUrl, portalKey: unknownKey }).categories());
    assert.equal(madeUp.code, 'FORBIDDEN');
    assert.ok(!madeUp.message.includes(unknownKey));

    const offline = await lastmeterErrorOf(createClient({ url: 'http://127.0.0.1:9/graphql', retry: false }).categories());
    assert.equal(offline.code, 'NETWORK_ERROR');
    assert.equal(offline.status, 0);
  });
});

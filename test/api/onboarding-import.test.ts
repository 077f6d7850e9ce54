/**
 * Bulk onboarding (issue 18): POST /imports/regions-grids (GeoJSON) and
 * /imports/people (CSV or XLSX). Dry runs write nothing, a second run changes
 * nothing, a file with any problem writes nothing, every problem is reported
 * by row/feature and field, a GCJ-02 boundary is stored in WGS-84 (so a GPS
 * point lands in its grid), and one-time passwords are answered once, never
 * logged, and must be changed before anything else.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import gcoord from 'gcoord';
import { createLogger } from '../../api/src/server/logger';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';

let t: TestServer;
const logLines: string[] = [];
let admin: string;

type Report = {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  problems: { row: number; field: string | null; message: string }[];
  oneTimePasswords: { username: string; password: string }[];
};

async function post(path: string, body: string | Buffer, contentType: string, token: string | undefined = admin): Promise<{ status: number; json: any }> {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, json: await res.json() };
}

const importGeo = async (collection: unknown, query = '') =>
  (await post(`/imports/regions-grids${query}`, JSON.stringify(collection), 'application/geo+json')).json as Report;
const importPeople = async (body: string | Buffer, query = '', type = 'text/csv') => (await post(`/imports/people${query}`, body, type)).json as Report;

/** A lng/lat rectangle as a closed GeoJSON ring. */
function square(west: number, south: number, size = 0.01): [number, number][] {
  return [
    [west, south],
    [west + size, south],
    [west + size, south + size],
    [west, south + size],
    [west, south],
  ];
}
const region = (code: string, name: string, level: string, parentCode?: string) => ({ type: 'Feature', geometry: null, properties: { code, name, level, parentCode } });
const grid = (code: string, name: string, ring: [number, number][], regionCode = 'T310101001001', kind = 'URBAN_COMMUNITY') => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [ring] },
  properties: { code, name, kind, regionCode },
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

const CITY = [
  region('T310000', '测试市', 'CITY'),
  region('T310101', '测试区', 'COUNTY', 'T310000'),
  region('T310101001', '测试街道', 'TOWNSHIP', 'T310101'),
  region('T310101001001', '测试社区', 'COMMUNITY', 'T310101001'),
  grid('TG-1', '测试第1网格', square(121.0, 31.0)),
  grid('TG-2', '测试第2网格', square(121.01, 31.0)),
];

const gridAt = async (latitude: number, longitude: number): Promise<string | null> =>
  dataOf(await t.gql<{ gridAt: { code: string } | null }>('query($a: Float!, $o: Float!) { gridAt(latitude: $a, longitude: $o) { code } }', { a: latitude, o: longitude })).gridAt?.code ??
  null;

async function gridPeople(code: string) {
  const id = dataOf(await t.gql('query($a: Float!, $o: Float!) { gridAt(latitude: $a, longitude: $o) { id } }', code === 'TG-1' ? { a: 31.005, o: 121.005 } : { a: 31.005, o: 121.015 })).gridAt.id;
  const g = dataOf(await t.gql('query($id: ID!) { grid(id: $id) { cadres { name } workers { name } } }', { id }, { token: admin })).grid;
  return { cadres: g.cadres.map((c: { name: string }) => c.name).sort(), workers: g.workers.map((w: { name: string }) => w.name).sort() };
}

beforeAll(async () => {
  const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
  t = await startTestServer({ logger });
  admin = await t.login('admin');
});
afterAll(() => t?.close());

describe('POST /imports/regions-grids', () => {
  it('a dry run reports what would be created and writes nothing', async () => {
    assert.deepEqual(await importGeo(collection(...CITY), '?dryRun=1'), { dryRun: true, created: 6, updated: 0, unchanged: 0, problems: [], oneTimePasswords: [] });
    assert.equal(await gridAt(31.005, 121.005), null);
  });

  it('imports the tree and the grids in one call; gridAt finds them; the region codes are public', async () => {
    assert.deepEqual(await importGeo(collection(...CITY)), { dryRun: false, created: 6, updated: 0, unchanged: 0, problems: [], oneTimePasswords: [] });
    assert.equal(await gridAt(31.005, 121.005), 'TG-1');
    assert.equal(await gridAt(31.005, 121.015), 'TG-2');
    const regions = dataOf(await t.gql('{ regions { code name level } }')).regions;
    assert.ok(regions.some((r: { code: string }) => r.code === 'T310000'));
  });

  it('a second run of the same file changes nothing; a renamed grid is the one update', async () => {
    assert.deepEqual(await importGeo(collection(...CITY)), { dryRun: false, created: 0, updated: 0, unchanged: 6, problems: [], oneTimePasswords: [] });
    const renamed = [...CITY.slice(0, 5), grid('TG-2', '测试第二网格', square(121.01, 31.0))];
    assert.deepEqual(await importGeo(collection(...renamed)), { dryRun: false, created: 0, updated: 1, unchanged: 5, problems: [], oneTimePasswords: [] });
    assert.equal(dataOf(await t.gql('{ gridAt(latitude: 31.005, longitude: 121.015) { name } }')).gridAt.name, '测试第二网格');
  });

  it('reports every problem by feature and field, and writes nothing of a file that has any (dry run or not)', async () => {
    const bad = collection(
      grid('TG-3', '好网格', square(121.1, 31.1)), // 0: fine on its own
      region('T999', '孤儿街道', 'TOWNSHIP', 'NOPE'), // 1: unknown parent code
      grid('TG-3', '重复', square(121.2, 31.2)), // 2: duplicate code in the file
      grid('TG-4', '蝴蝶结', [[121.3, 31.3], [121.32, 31.31], [121.32, 31.3], [121.3, 31.32], [121.3, 31.3]]), // 3: self-intersecting
      grid('TG-5', '压线', square(121.005, 31.0)), // 4: half over TG-1
      region('T998', '某区', 'DISTRICT', 'T310000'), // 5: unknown level
      grid('TG-6', '无社区', square(121.4, 31.4), 'T404'), // 6: unknown region code
    );
    for (const query of ['?dryRun=1', '']) {
      const report = await importGeo(bad, query);
      assert.equal(report.created + report.updated + report.unchanged, 0);
      const found = report.problems.map((p) => `${p.row}:${p.field}`);
      for (const expected of ['1:parentCode', '2:code', '3:geometry', '4:geometry', '5:level', '6:regionCode']) {
        assert.ok(found.includes(expected), `problem ${expected} in ${JSON.stringify(report.problems)}`);
      }
      assert.match(report.problems.find((p) => p.row === 3)!.message, /crosses itself/);
      assert.match(report.problems.find((p) => p.row === 4 && p.field === 'geometry')!.message, /overlaps grid "TG-1": the shared area is 50\.0 % of "TG-5"/);
      assert.ok(!found.some((f) => f.startsWith('0:')), 'the good feature has no problem');
    }
    assert.equal(await gridAt(31.105, 121.105), null, 'all or nothing: the good grid was not written');
  });

  it('converts a GCJ-02 boundary to WGS-84: a GPS point lands in its grid, which it would miss if stored unconverted', async () => {
    // A 200 m square given as a Chinese web map shows it (GCJ-02).
    const wgs = square(121.05, 31.05, 0.002);
    const gcj = wgs.map((p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number]);
    const report = await importGeo(collection(grid('TG-G', '火星坐标网格', gcj)), '?crs=GCJ02');
    assert.deepEqual([report.created, report.problems], [1, []]);
    assert.equal(await gridAt(31.051, 121.051), 'TG-G', 'the GPS (WGS-84) centre is inside');
    const [lng, lat] = gcoord.transform([121.051, 31.051], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    assert.equal(await gridAt(lat, lng), null, 'the offset point (what an unconverted boundary would contain) is not');
    const stored = dataOf(await t.gql('{ gridAt(latitude: 31.051, longitude: 121.051) { boundary { latitude longitude } } }')).gridAt.boundary;
    stored.forEach((p: { latitude: number; longitude: number }, i: number) => {
      assert.ok(Math.abs(p.longitude - wgs[i][0]) < 1e-5 && Math.abs(p.latitude - wgs[i][1]) < 1e-5, `point ${i} back in WGS-84`);
    });
  });

  it('is for admins only, and refuses a body that is not JSON', async () => {
    const cadre = await t.login('cadre.zheng');
    const refused = await post('/imports/regions-grids', JSON.stringify(collection(...CITY)), 'application/json', cadre);
    assert.deepEqual([refused.status, refused.json.errors[0].extensions.code], [403, 'FORBIDDEN']);
    const anonymous = await post('/imports/regions-grids', JSON.stringify(collection(...CITY)), 'application/json', '');
    assert.deepEqual([anonymous.status, anonymous.json.errors[0].extensions.code], [401, 'UNAUTHENTICATED']);
    const notJson = await post('/imports/regions-grids', '{"type":', 'application/json');
    assert.deepEqual([notJson.status, notJson.json.errors[0].extensions.code], [400, 'BAD_USER_INPUT']);
    const badCrs = await post('/imports/regions-grids?crs=EPSG3857', JSON.stringify(collection()), 'application/json');
    assert.equal(badCrs.json.errors[0].extensions.field, 'crs');
  });
});

const PEOPLE_CSV = [
  '姓名,类型,层级,单位,区划代码,网格编码,用户名,手机',
  '王建国,干部,乡镇级,测试街道办,T310101001,TG-1；TG-2,wang.jg,13800000001',
  '李网格,网格员,,,,TG-1,li.wg,+86 138-0000-0002',
  '张无号,CADRE,VILLAGE,测试社区,,TG-2,,13800000003',
].join('\n');

describe('POST /imports/people', () => {
  let passwords: Record<string, string>;

  it('a dry run checks the file and writes nothing', async () => {
    assert.deepEqual(await importPeople(PEOPLE_CSV, '?dryRun=1'), { dryRun: true, created: 3, updated: 0, unchanged: 0, problems: [], oneTimePasswords: [] });
    assert.deepEqual(await gridPeople('TG-1'), { cadres: [], workers: [] });
  });

  it('creates cadres with their grids, grid workers, and accounts with one-time passwords answered once and never logged', async () => {
    const report = await importPeople(PEOPLE_CSV);
    assert.deepEqual([report.created, report.updated, report.unchanged, report.problems], [3, 0, 0, []]);
    assert.deepEqual(report.oneTimePasswords.map((p) => p.username).sort(), ['li.wg', 'wang.jg']);
    passwords = Object.fromEntries(report.oneTimePasswords.map((p) => [p.username, p.password]));
    assert.deepEqual(await gridPeople('TG-1'), { cadres: ['王建国'], workers: ['李网格'] });
    assert.deepEqual(await gridPeople('TG-2'), { cadres: ['张无号', '王建国'], workers: [] });
    for (const password of Object.values(passwords)) {
      assert.ok(password.length >= 16);
      assert.ok(!logLines.some((line) => line.includes(password)), 'a one-time password in the logs');
    }
    const audit = dataOf(await t.gql('{ auditLog(action: "importPeople") { edges { node { actorName summary } } } }', {}, { token: admin })).auditLog.edges;
    assert.equal(audit.length, 1);
    assert.ok(!/王建国|1380000|wang\.jg/.test(audit[0].node.summary), 'no personal data in the audit log');
  });

  it('a one-time password signs in, but nothing works until it is changed', async () => {
    const token = await t.login('wang.jg', passwords['wang.jg']);
    const refused = await t.gql('{ issues(first: 1) { totalCount } }', {}, { token });
    assert.equal(errorCode(refused), 'PASSWORD_CHANGE_REQUIRED');
    assert.equal(errorCode(await t.gql('{ me { username } issues(first: 1) { totalCount } }', {}, { token })), 'PASSWORD_CHANGE_REQUIRED');
    const exportRefused = await fetch(`${t.url}/exports/issues.csv`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal((await exportRefused.json()).errors[0].extensions.code, 'PASSWORD_CHANGE_REQUIRED');
    assert.equal(dataOf(await t.gql('{ me { username active } }', {}, { token })).me.username, 'wang.jg');
    const changed = await t.gql('mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }', { c: passwords['wang.jg'], n: 'wang-own-password-1' }, { token });
    assert.equal(dataOf(changed).changePassword, true);
    assert.equal(typeof dataOf(await t.gql('{ issues(first: 1) { totalCount } }', {}, { token })).issues.totalCount, 'number');
    await assert.rejects(t.login('wang.jg', passwords['wang.jg']), /Wrong username or password/);
  });

  it('a second run changes nothing and issues no passwords; an XLSX with English headers updates what differs', async () => {
    assert.deepEqual(await importPeople(PEOPLE_CSV), { dryRun: false, created: 0, updated: 0, unchanged: 3, problems: [], oneTimePasswords: [] });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('people');
    sheet.addRow(['name', 'type', 'level', 'unit', 'regionCode', 'gridCodes', 'username', 'phone']);
    sheet.addRow(['王建国', 'CADRE', 'TOWNSHIP', '测试街道办', 'T310101001', 'TG-2;TG-1', 'wang.jg', '13800000001']);
    sheet.addRow(['李网格', 'GRID_WORKER', '', '', '', 'TG-1', 'li.wg', '13800000002']);
    sheet.addRow(['张无号', 'CADRE', 'VILLAGE', '测试社区', '', 'TG-1', '', '13800000003']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await importPeople(xlsx, '', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.deepEqual(report, { dryRun: false, created: 0, updated: 1, unchanged: 2, problems: [], oneTimePasswords: [] });
    assert.deepEqual(await gridPeople('TG-2'), { cadres: ['王建国'], workers: [] });
    assert.deepEqual(await gridPeople('TG-1'), { cadres: ['张无号', '王建国'], workers: ['李网格'] });
  });

  it('reports every problem by line and field and writes nothing of a file that has any', async () => {
    const bad = [
      'name,type,level,unit,gridCodes,username,phone',
      '新人甲,CADRE,VILLAGE,某单位,TG-1,new.a,13900000009', // line 2: fine on its own
      '新人乙,CADRE,VILLAGE,某单位,TG-1,,12345', // 3: not a mainland mobile
      '新人丙,PRIEST,,,TG-1,,13900000010', // 4: unknown type
      '新人丁,CADRE,GALACTIC,某单位,TG-1,,13900000011', // 5: unknown level
      '新人戊,GRID_WORKER,,,TG-404,,13900000012', // 6: unknown grid code
      '新人己,CADRE,VILLAGE,某单位,TG-1,,13900000009', // 7: duplicate phone in the file
      '新人庚,CADRE,VILLAGE,某单位,TG-1,wang.jg,13900000013', // 8: username taken
    ].join('\n');
    const report = await importPeople(bad);
    assert.deepEqual(
      report.problems.map((p) => `${p.row}:${p.field}`),
      ['3:phone', '4:type', '5:level', '6:gridCodes', '7:phone', '8:username'],
    );
    assert.deepEqual([report.created, report.oneTimePasswords], [0, []]);
    assert.ok(!(await gridPeople('TG-1')).cadres.includes('新人甲'), 'all or nothing');
    await assert.rejects(t.login('new.a', 'whatever-password'));
  });
});

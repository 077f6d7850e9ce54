import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';
import { REPORT, TRACKED_FIELDS, createPortalKey, demoIds, reportInput, type DemoIds, dbOf } from '../support/issues';

const PORTAL_ORIGIN = 'https://www.qingshan.gov.cn';
const TRACK = `query($c: String!) { trackIssue(trackingCode: $c) { ${TRACKED_FIELDS} } }`;

describe('reportIssue and trackIssue', () => {
  let t: TestServer;
  let ids: DemoIds;
  let admin: string;
  let portal: { id: string; key: string };
  let gh07: string;
  /** Every SQL statement the server sends, for "refused before the database". */
  const statements: string[] = [];

  beforeAll(async () => {
    // Rate limits are tested elsewhere; here many reports come from one address.
    t = await startTestServer({ env: { REPORT_RATE_LIMIT: '100000' }, onQuery: (sql) => statements.push(sql) });
    ids = await demoIds(t);
    admin = await t.login('admin');
    portal = await createPortalKey(t, admin, [PORTAL_ORIGIN]);
    gh07 = ids.grids['JC-DH-GH-07'].id;
  });
  afterAll(() => t?.close());

  const asPortal = { portalKey: '', origin: PORTAL_ORIGIN };
  const viaPortal = () => ({ ...asPortal, portalKey: portal.key });
  const staffIssue = async (trackingCode: string) =>
    dataOf(
      await t.gql<any>(
        `query($s: String) { issues(filter: { search: $s }) { totalCount edges { node { id title description status channel createdAt responseDueAt resolveDueAt
          category { responseHours resolveHours } grid { code } location { latitude longitude address } reporter { anonymous name phone } } } } }`,
        { s: trackingCode },
        { token: admin },
      ),
    ).issues.edges[0].node;

  it('who may report: a portal key, a staff token or this server’s own page — nobody else', async () => {
    const input = () => ({ input: reportInput(gh07) });
    assert.ok(dataOf(await t.gql<any>(REPORT, input(), viaPortal())).reportIssue.trackingCode, 'portal key from an allowed origin');
    assert.ok(dataOf(await t.gql<any>(REPORT, input(), { portalKey: portal.key })).reportIssue.trackingCode, 'portal key from a server (no Origin)');
    assert.ok(dataOf(await t.gql<any>(REPORT, input(), { token: admin })).reportIssue.trackingCode, 'staff token');
    assert.ok(dataOf(await t.gql<any>(REPORT, input(), { origin: t.url })).reportIssue.trackingCode, "the server's own page");

    const stranger = await t.gql(REPORT, input());
    assert.equal(errorCode(stranger), 'FORBIDDEN');
    assert.match(stranger.errors![0].message, /portal key/);
    assert.equal(errorCode(await t.gql(REPORT, input(), { origin: 'https://evil.example' })), 'FORBIDDEN', 'a foreign page without a key');
    assert.equal(errorCode(await t.gql(REPORT, input(), { portalKey: portal.key, origin: 'https://evil.example' })), 'FORBIDDEN', 'a key from a foreign origin');
    assert.equal(errorCode(await t.gql(REPORT, input(), { portalKey: 'lmk_made-up' })), 'FORBIDDEN', 'a made-up key');
  });

  it('stores the report with deadlines from its category and a readable tracking code', async () => {
    const before = Date.now();
    const res = dataOf(
      await t.gql<any>(
        REPORT,
        { input: reportInput(gh07, { categoryCode: 'UTILITIES', title: '停水', description: '从早上开始停水', reporterPhone: '+86 139-1234-5678', channel: 'PHONE' }) },
        viaPortal(),
      ),
    ).reportIssue;
    assert.match(res.trackingCode, /^LM-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    assert.equal(res.issue.trackingCode, res.trackingCode);
    assert.equal(res.issue.category.code, 'UTILITIES');
    const issue = await staffIssue(res.trackingCode);
    assert.equal(issue.status, 'SUBMITTED');
    assert.equal(issue.channel, 'PHONE');
    assert.equal(issue.title, '停水');
    assert.equal(issue.reporter.phone, '13912345678', 'the phone is stored normalised');
    const created = Date.parse(issue.createdAt);
    assert.ok(created >= before - 5 && created <= Date.now() + 5);
    assert.equal(Date.parse(issue.responseDueAt) - created, issue.category.responseHours * 3_600_000);
    assert.equal(Date.parse(issue.resolveDueAt) - created, issue.category.resolveHours * 3_600_000);
    assert.equal(Date.parse(res.issue.resolveDueAt), Date.parse(issue.resolveDueAt));
  });

  it('finds the grid from a location, and refuses a location inside no grid', async () => {
    const located = dataOf(
      await t.gql<any>(REPORT, { input: reportInput(null as never, { gridId: undefined, location: { latitude: 30.705, longitude: 114.52, address: '李家村桥头' } }) }, viaPortal()),
    ).reportIssue;
    assert.equal(located.issue.gridName, '李家村网格');
    const issue = await staffIssue(located.trackingCode);
    assert.deepEqual(issue.location, { latitude: 30.705, longitude: 114.52, address: '李家村桥头' });
    assert.equal(issue.grid.code, 'QS-SQ-LJ-01');

    const nowhere = await t.gql(REPORT, { input: reportInput(null as never, { gridId: undefined, location: { latitude: 10, longitude: 10 } }) }, viaPortal());
    assert.equal(errorCode(nowhere), 'BAD_USER_INPUT');
    assert.match(nowhere.errors![0].message, /inside no grid/);
  });

  it('titles an untitled report with the start of its description', async () => {
    const description = '小区东门的路灯已经坏了一个多星期，晚上回家的老人和孩子都看不清路，很不安全。';
    const res = dataOf(await t.gql<any>(REPORT, { input: reportInput(gh07, { description }) }, viaPortal())).reportIssue;
    const issue = await staffIssue(res.trackingCode);
    assert.equal(issue.title, `${Array.from(description).slice(0, 30).join('')}…`);
    assert.equal(issue.description, description);
  });

  it('keeps neither the name nor the phone of an anonymous reporter, even from admins', async () => {
    const res = dataOf(
      await t.gql<any>(REPORT, { input: reportInput(gh07, { anonymous: true, reporterName: '匿名者', reporterPhone: '13800001111' }) }, viaPortal()),
    ).reportIssue;
    const issue = await staffIssue(res.trackingCode);
    assert.deepEqual(issue.reporter, { anonymous: true, name: null, phone: null });
    const [row] = await dbOf(t).execute('select reporter_name, reporter_phone from issue where tracking_code = ?', [res.trackingCode]);
    assert.deepEqual(row, { reporter_name: null, reporter_phone: null });
  });

  it('makes one issue of twenty simultaneous copies of one report', async () => {
    const input = reportInput(gh07, { idempotencyKey: `retry-${randomUUID()}` });
    const results = await Promise.all(Array.from({ length: 20 }, () => t.gql<any>(REPORT, { input }, viaPortal())));
    const codes = new Set(results.map((r) => dataOf(r).reportIssue.trackingCode));
    assert.equal(codes.size, 1, 'every copy gets the same tracking code');
    const em = dbOf(t);
    const [count] = await em.execute('select count(*) as n from issue where idempotency_key = ?', [input.idempotencyKey]);
    assert.equal(Number(count.n), 1);
    const [events] = await em.execute(
      "select count(*) as n from issue_event e join issue i on i.id = e.issue_id where i.idempotency_key = ? and e.type = 'SUBMITTED'",
      [input.idempotencyKey],
    );
    assert.equal(Number(events.n), 1, 'one SUBMITTED event');
    // A later retry still gets the same issue; the same key from another caller is another report.
    assert.equal(dataOf(await t.gql<any>(REPORT, { input }, viaPortal())).reportIssue.trackingCode, [...codes][0]);
    const otherCaller = dataOf(await t.gql<any>(REPORT, { input }, { token: admin })).reportIssue.trackingCode;
    assert.notEqual(otherCaller, [...codes][0]);
  });

  it('answers with the issue as stored: the same TrackedIssue the tracker then shows', async () => {
    const res = dataOf(await t.gql<any>(REPORT, { input: reportInput(gh07, { categoryCode: 'UTILITIES' }) }, viaPortal())).reportIssue;
    const tracked = dataOf(await t.gql<any>(TRACK, { c: res.trackingCode })).trackIssue;
    assert.deepEqual(res.issue, tracked);
    assert.deepEqual(
      res.issue.timeline.map((e: any) => [e.type, e.toStatus, e.publicNote, e.at]),
      [['SUBMITTED', 'SUBMITTED', null, res.issue.submittedAt]],
    );
  });

  it('stores a description with semicolons and quotes, with its one SUBMITTED event', async () => {
    // Values are inlined into the SQL text: a `;` must not split the statements, nor a quote end a string.
    const description = "第一；second; 'third'; \\ fourth -- not a comment; select 1";
    const res = dataOf(await t.gql<any>(REPORT, { input: reportInput(gh07, { description }) }, viaPortal())).reportIssue;
    assert.deepEqual(res.issue.timeline.map((e: any) => e.type), ['SUBMITTED']);
    const [row] = await dbOf(t).execute(
      'select i.description, (select count(*) from issue_event e where e.issue_id = i.id) as events from issue i where i.tracking_code = ?',
      [res.trackingCode],
    );
    assert.equal(row.description, description);
    assert.equal(Number(row.events), 1);
  });

  it('takes reports while staff move issues of the same category and region, without deadlock or lost events', async () => {
    // A report locks the statistics roll-up rows (its insert's trigger) before the event append lock, as transitions do.
    const waiting = await Promise.all(Array.from({ length: 8 }, () => t.gql<any>(REPORT, { input: reportInput(gh07) }, viaPortal())));
    const ids = await Promise.all(waiting.map(async (r) => ((await staffIssue(dataOf(r).reportIssue.trackingCode)) as { id: string }).id));
    const accept = 'mutation($id: ID!) { acceptIssue(id: $id) { status } }';
    const results = await Promise.all([
      ...Array.from({ length: 16 }, () => t.gql<any>(REPORT, { input: reportInput(gh07) }, viaPortal())),
      ...ids.map((id) => t.gql<any>(accept, { id }, { token: admin })),
    ]);
    for (const r of results) dataOf(r);
    const codes = results.slice(0, 16).map((r) => r.data!.reportIssue.trackingCode as string);
    const rows = await dbOf(t).execute<{ tracking_code: string; events: string | number }[]>(
      `select i.tracking_code, count(e.seq) as events from issue i left join issue_event e on e.issue_id = i.id
        where i.tracking_code in (${codes.map(() => '?').join(', ')}) group by i.tracking_code`,
      codes,
    );
    assert.equal(rows.length, 16);
    assert.ok(rows.every((r) => Number(r.events) === 1), 'each new report has its SUBMITTED event');
  });

  it('tracks by code however it is typed; an unknown or malformed code is null', async () => {
    const { trackingCode } = dataOf(await t.gql<any>(REPORT, { input: reportInput(gh07) }, viaPortal())).reportIssue;
    for (const typed of [trackingCode, trackingCode.toLowerCase(), trackingCode.replace(/-/g, ''), trackingCode.slice(3).replace(/-/g, ' ')]) {
      const tracked = dataOf(await t.gql<any>(TRACK, { c: typed })).trackIssue;
      assert.equal(tracked?.trackingCode, trackingCode, typed);
      assert.equal(tracked.status, 'SUBMITTED');
      assert.equal(tracked.gridName, '桂花社区第7网格');
    }
    for (const unknown of ['LM-0000-0000-0000', 'LM-ZZZZ', '', 'x'.repeat(500)]) {
      assert.equal(dataOf(await t.gql<any>(TRACK, { c: unknown })).trackIssue, null, unknown);
    }
  });

  it('never shows the tracker the reporter, staff notes or the resolution', async () => {
    const secretName = '保密姓名';
    const phone = '13700007777';
    const { trackingCode } = dataOf(
      await t.gql<any>(REPORT, { input: reportInput(gh07, { reporterName: secretName, reporterPhone: phone }) }, viaPortal()),
    ).reportIssue;
    const { id } = (await staffIssue(trackingCode)) as { id: string };
    const zheng = dataOf(await t.gql<any>('{ cadres(level: VILLAGE) { id name } }')).cadres.find((c: any) => c.name === '郑大勇').id;
    const steps = [
      ['mutation($id: ID!) { acceptIssue(id: $id, note: "STAFF-NOTE-1") { version } }', {}],
      ['mutation($id: ID!, $c: ID!) { assignIssue(id: $id, cadreId: $c, note: "STAFF-NOTE-2") { version } }', { c: zheng }],
      ['mutation($id: ID!) { commentIssue(id: $id, note: "STAFF-NOTE-3") { version } }', {}],
      ['mutation($id: ID!) { commentIssue(id: $id, note: "STAFF-NOTE-4", publicNote: "PUBLIC-1") { version } }', {}],
      ['mutation($id: ID!) { resolveIssue(id: $id, resolution: "RESOLUTION-TEXT") { version } }', {}],
    ] as const;
    for (const [query, vars] of steps) dataOf(await t.gql(query, { id, ...vars }, { token: admin }));
    const res = await t.gql<any>(TRACK, { c: trackingCode });
    const tracked = dataOf(res).trackIssue;
    assert.equal(tracked.status, 'RESOLVED');
    assert.deepEqual(
      tracked.timeline.map((e: any) => [e.type, e.toStatus, e.publicNote]),
      [
        ['SUBMITTED', 'SUBMITTED', null],
        ['ACCEPTED', 'ACCEPTED', null],
        ['ASSIGNED', 'ASSIGNED', null],
        ['COMMENTED', 'ASSIGNED', null],
        ['COMMENTED', 'ASSIGNED', 'PUBLIC-1'],
        ['RESOLVED', 'RESOLVED', null],
      ],
    );
    const text = JSON.stringify(res.data);
    for (const secret of [secretName, phone, phone.slice(-4), 'STAFF-NOTE', 'RESOLUTION-TEXT', 'Administrator', '郑大勇']) {
      assert.ok(!text.includes(secret), `leaked ${secret}`);
    }
    // Nor can a client ask for more: TrackedIssue has no such fields.
    assert.equal(errorCode(await t.gql(`query($c: String!) { trackIssue(trackingCode: $c) { reporter { name } } }`, { c: trackingCode })), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses bad input with BAD_USER_INPUT or NOT_FOUND and a message a portal developer understands', async () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['empty description', { description: '   ' }, 'BAD_USER_INPUT', /description must not be empty/],
      ['over-long description', { description: '长'.repeat(2001) }, 'BAD_USER_INPUT', /at most 2000/],
      ['a NUL character (PostgreSQL text cannot hold one)', { description: '半截\u0000文字' }, 'BAD_USER_INPUT', /NUL/],
      ['empty title', { title: '' }, 'BAD_USER_INPUT', /title must not be empty/],
      ['over-long title', { title: '题'.repeat(101) }, 'BAD_USER_INPUT', /at most 100/],
      ['unknown category', { categoryCode: 'NO_SUCH_CATEGORY' }, 'BAD_USER_INPUT', /categoryCode.*categories/],
      ['unknown grid', { gridId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', /Grid/],
      ['malformed grid id', { gridId: 'grid-7' }, 'NOT_FOUND', /Grid/],
      ['not a phone', { reporterPhone: '12345' }, 'BAD_USER_INPUT', /mainland mobile number/],
      ['a landline', { reporterPhone: '027-87654321' }, 'BAD_USER_INPUT', /mainland mobile number/],
      ['no place', { gridId: null }, 'BAD_USER_INPUT', /gridId|location/],
      ['half a location', { gridId: null, location: { latitude: 30.58 } }, 'BAD_USER_INPUT', /latitude and longitude/],
      ['empty idempotency key', { idempotencyKey: '' }, 'BAD_USER_INPUT', /idempotencyKey/],
    ];
    for (const [name, override, code, message] of cases) {
      const res = await t.gql(REPORT, { input: reportInput(gh07, override) }, viaPortal());
      assert.equal(errorCode(res), code, name);
      assert.match(res.errors![0].message, message, name);
    }
    const wrongEnum = await t.gql(REPORT, { input: reportInput(gh07, { channel: 'CARRIER_PIGEON' }) }, viaPortal());
    assert.ok(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'].includes(errorCode(wrongEnum)));
  });

  it('refuses a 200 KB description before it reaches the database', async () => {
    // What a report sends: the insert of the issue (from its category and grid rows) with its event, and
    // lookups of the category or grid only to explain a refusal.
    // (The live feed's own background reads of issue_event may run meanwhile; they are none of these.)
    const reportStatements = (all: string[]) => all.filter((s) => /insert into issue\b|from "?category"?|from "?grid"?/i.test(s));
    // First prove the statements are seen: an ordinary report from the same page sends its insert.
    statements.length = 0;
    dataOf(await t.gql(REPORT, { input: reportInput(gh07) }, { origin: t.url }));
    assert.equal(reportStatements(statements).length, 1, 'statements are being recorded');

    const input = reportInput(gh07, { description: '长'.repeat(200 * 1024) });
    statements.length = 0;
    // The server's own page: identifying the caller needs no query, so a lookup or insert could only come from the report.
    const res = await t.gql(REPORT, { input }, { origin: t.url });
    assert.equal(errorCode(res), 'BAD_USER_INPUT');
    assert.match(res.errors![0].message, /at most 2000/);
    assert.ok(res.errors![0].message.length < 300, 'the message does not echo the text');
    assert.deepEqual(reportStatements(statements), [], 'no lookup and no insert was sent');
  });

  it('refuses non-positive page sizes and cursors that are not ours on the grid and duty lists', async () => {
    const query = `query($g: ID!, $c: ID!, $f: Int, $a: String) {
      grid(id: $g) { issues(first: $f, after: $a) { totalCount } }
      cadre(id: $c) { duties(first: $f, after: $a) { totalCount } }
    }`;
    const vars = { g: gh07, c: ids.cadres['郑大勇'].id };
    for (const [f, a] of [[0, null], [-5, null], [10, 'bm90LW91cnM'], [10, 'garbage!']] as const) {
      const res = await t.gql(query, { ...vars, f, a }, { token: admin });
      assert.equal(errorCode(res), 'BAD_USER_INPUT', `first=${f} after=${a}`);
    }
  });
});

/**
 * Live feeds on one replica over graphql-ws: the tracker's snapshot first,
 * scope (two counties that never see each other's events), replay after a
 * missed stretch, a reconnect during heavy writes, and the refusals and
 * limits of the WebSocket endpoint.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, type TestServer, startTestServer } from '../support/harness';
import { TRACKED_FIELDS, createPortalKey, demoIds, reportInput, reportIssue, type DemoIds } from '../support/issues';
import { GraphQLSocket, type LiveSubscription, type SocketOptions } from '../support/realtime-client';

const EVENT_FIELDS = 'id cursor type fromStatus toStatus note actorName at issue { id }';
const FEED = `subscription($f: IssueEventFilter, $a: String) {
  issueEvents(filter: $f, after: $a) { ${EVENT_FIELDS} }
}`;
const TRACKER = `subscription($c: String!) { issueTracked(trackingCode: $c) { ${TRACKED_FIELDS} } }`;
const PORTAL_ORIGIN = 'https://portal.example.gov.cn';

interface FeedEvent {
  id: string;
  cursor: string;
  type: string;
  toStatus: string;
  note: string | null;
  issue: { id: string };
}

/** The issueEvents of a subscription's results, failing on any error. */
function feedEvents(sub: LiveSubscription): FeedEvent[] {
  return sub.results.map((r) => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data.issueEvents as FeedEvent;
  });
}

describe('live feeds over graphql-ws', () => {
  let t: TestServer;
  let ids: DemoIds;
  let regions: Record<string, string>;
  const tokens: Record<string, string> = {};
  const sockets: GraphQLSocket[] = [];

  const open = async (options: SocketOptions = {}) => {
    const socket = await GraphQLSocket.open(t.graphqlUrl, options);
    sockets.push(socket);
    return socket;
  };
  const staffSocket = (user: string) => open({ params: { authorization: `Bearer ${tokens[user]}` } });
  const gql = async (query: string, variables: Record<string, unknown> = {}, user = 'admin') =>
    dataOf(await t.gql<any>(query, variables, { token: tokens[user] }));
  const report = (gridCode: string, input: Record<string, unknown> = {}) =>
    reportIssue(t, { token: tokens.admin }, reportInput(ids.grids[gridCode].id, input));
  const accept = (id: string) => gql('mutation($id: ID!) { acceptIssue(id: $id, note: "已受理") { status } }', { id });
  const comment = (id: string, note = '跟进中', publicNote: string | null = null, user = 'admin') =>
    gql('mutation($id: ID!, $n: String, $p: String) { commentIssue(id: $id, note: $n, publicNote: $p) { id } }', { id, n: note, p: publicNote }, user);
  const timelineCursors = async (id: string) =>
    (await gql('query($id: ID!) { issue(id: $id) { timeline { cursor } } }', { id })).issue.timeline.map((e: { cursor: string }) => e.cursor) as string[];

  beforeAll(async () => {
    t = await startTestServer();
    ids = await demoIds(t);
    for (const user of ['admin', 'cadre.sun', 'cadre.zheng', 'supervisor.liu', 'worker.lin']) tokens[user] = await t.login(user);
    const data = dataOf(await t.gql<any>('{ regions { id children { id name } } }'));
    regions = Object.fromEntries(data.regions[0].children.map((r: { id: string; name: string }) => [r.name, r.id]));
    regions.city = data.regions[0].id;
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await t?.close();
  });

  describe('issueTracked', () => {
    it('sends the current snapshot at once (as trackIssue shows it), then one after every change', async () => {
      const issue = await report('JC-DH-GH-07');
      const socket = await open(); // the public: no token, no key
      // Typed the way residents type it: lower case, no dashes.
      const tracker = socket.subscribe(TRACKER, { c: issue.trackingCode.toLowerCase().replace(/-/g, '') });
      const [first] = await tracker.waitForResults(1);
      const queried = dataOf(await t.gql<any>(`query($c: String!) { trackIssue(trackingCode: $c) { ${TRACKED_FIELDS} } }`, { c: issue.trackingCode }));
      assert.deepEqual(first, { data: { issueTracked: queried.trackIssue } });
      assert.equal(first.data.issueTracked.status, 'SUBMITTED');

      await accept(issue.id);
      const [, second] = await tracker.waitForResults(2);
      assert.equal(second.data.issueTracked.status, 'ACCEPTED');
      assert.deepEqual(second.data.issueTracked.timeline.map((e: { type: string }) => e.type), ['SUBMITTED', 'ACCEPTED']);

      await comment(issue.id, '内部备注：联系物业', '已联系物业');
      const [, , third] = await tracker.waitForResults(3);
      assert.equal(third.data.issueTracked.timeline[2].publicNote, '已联系物业');
      assert.doesNotMatch(JSON.stringify(tracker.results), /内部备注|测试居民|13912345678/, 'no staff note, no reporter');

      // A second tracker of the same code starts from the same current state.
      const other = (await open()).subscribe(TRACKER, { c: issue.trackingCode });
      const [current] = await other.waitForResults(1);
      assert.deepEqual(current, third);
      assert.equal(tracker.results.length, 3, 'one message per change');
    });

    it('answers an unknown tracking code with NOT_FOUND and ends the stream', async () => {
      const socket = await open();
      for (const code of ['LM-0000-0000-0000', 'not a code']) {
        const sub = socket.subscribe(TRACKER, { c: code });
        await sub.waitForEnd();
        assert.equal(sub.errors?.[0].extensions.code, 'NOT_FOUND');
        assert.equal(sub.results.length, 0);
      }
    });
  });

  describe('issueEvents', () => {
    it('delivers each event only within the subscriber\'s scope: the county and the district never see each other\'s', async () => {
      const sun = (await staffSocket('cadre.sun')).subscribe(FEED); // 青山县 (county) by scope region
      const zheng = (await staffSocket('cadre.zheng')).subscribe(FEED); // grid No. 7 in 江城区 (district)
      const liu = (await staffSocket('supervisor.liu')).subscribe(FEED); // the whole city
      const countyOnly = (await staffSocket('supervisor.liu')).subscribe(FEED, { f: { regionId: regions['青山县'] } });
      const grid7Only = (await staffSocket('admin')).subscribe(FEED, { f: { gridId: ids.grids['JC-DH-GH-07'].id } });
      await t.server.services.realtime.settled();

      const district = await report('JC-DH-GH-07');
      const county = await report('QS-SQ-LJ-01');
      await accept(district.id);
      await accept(county.id);
      await comment(county.id);
      await comment(district.id); // the district's last event
      await comment(county.id, '县里最后一条'); // the county's last event

      // Each stream is in seq order, so once its last expected event arrived, nothing out of scope can still come.
      await zheng.until(() => feedEvents(zheng).some((e) => e.type === 'COMMENTED'), 10_000, 'the district comment');
      await sun.until(() => feedEvents(sun).some((e) => e.note === '县里最后一条'), 10_000, 'the last county comment');
      await liu.waitForResults(7);
      await countyOnly.until(() => feedEvents(countyOnly).some((e) => e.note === '县里最后一条'));
      await grid7Only.until(() => feedEvents(grid7Only).some((e) => e.type === 'COMMENTED'));

      const issuesOf = (sub: LiveSubscription) => feedEvents(sub).map((e) => e.issue.id);
      const typesOf = (sub: LiveSubscription) => feedEvents(sub).map((e) => e.type);
      assert.deepEqual(issuesOf(zheng), [district.id, district.id, district.id]);
      assert.deepEqual(typesOf(zheng), ['SUBMITTED', 'ACCEPTED', 'COMMENTED']);
      assert.deepEqual(issuesOf(sun), [county.id, county.id, county.id, county.id]);
      assert.deepEqual(typesOf(sun), ['SUBMITTED', 'ACCEPTED', 'COMMENTED', 'COMMENTED']);
      assert.deepEqual(issuesOf(liu), [district.id, county.id, district.id, county.id, county.id, district.id, county.id]);
      assert.deepEqual(issuesOf(countyOnly), issuesOf(sun), 'the region filter keeps the county');
      assert.deepEqual(issuesOf(grid7Only), issuesOf(zheng), 'the grid filter keeps grid No. 7');
      const seqs = feedEvents(liu).map((e) => Number(e.id));
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'in commit order');
    });

    it('checks scope at the moment of each event: a new grid assignment takes effect without reconnecting', async () => {
      const sun = (await staffSocket('cadre.sun')).subscribe(FEED, { f: { gridId: ids.grids['JC-DH-GH-06'].id } });
      await t.server.services.realtime.settled();
      const before = await report('JC-DH-GH-06');
      const sunCadre = ids.cadres['孙丽华'].id;
      await gql('mutation($c: ID!, $g: ID!) { assignCadre(cadreId: $c, gridId: $g) { id } }', { c: sunCadre, g: ids.grids['JC-DH-GH-06'].id });
      try {
        await t.server.services.realtime.viewers.refresh();
        const afterAssignment = await report('JC-DH-GH-06');
        const [event] = await sun.waitForResults(1);
        assert.equal(event.data.issueEvents.issue.id, afterAssignment.id, 'only the event after the assignment');
        assert.notEqual(event.data.issueEvents.issue.id, before.id);
      } finally {
        await gql('mutation($c: ID!, $g: ID!) { unassignCadre(cadreId: $c, gridId: $g) { id } }', { c: sunCadre, g: ids.grids['JC-DH-GH-06'].id });
        await t.server.services.realtime.viewers.refresh();
      }
    });

    it('with after: replays exactly the missed events in order, then continues live', async () => {
      const grid = { gridId: ids.grids['JC-DH-FL-01'].id };
      const admin = await staffSocket('admin');
      const live = admin.subscribe(FEED, { f: grid });
      await t.server.services.realtime.settled();
      const issue = await report('JC-DH-FL-01');
      await accept(issue.id);
      const seen = feedEvents(await live.waitForResults(2).then(() => live));
      await admin.close(); // the subscriber goes away…

      for (let i = 0; i < 5; i++) await comment(issue.id, `错过的第${i + 1}条`); // …and misses a stretch

      const resumed = (await staffSocket('admin')).subscribe(FEED, { f: grid, a: seen[1].cursor });
      await resumed.waitForResults(5);
      assert.deepEqual(
        feedEvents(resumed).map((e) => e.note),
        [1, 2, 3, 4, 5].map((i) => `错过的第${i}条`),
      );
      await comment(issue.id, '之后的');
      await resumed.waitForResults(6);
      assert.equal(feedEvents(resumed)[5].note, '之后的');
      const all = await timelineCursors(issue.id);
      assert.deepEqual([...seen, ...feedEvents(resumed)].map((e) => e.cursor), all, 'every event exactly once, in order');
      // One IssueEvent shape: the feed hands out exactly what a timeline query of the same fields answers.
      const timeline = (await gql(`query($id: ID!) { issue(id: $id) { timeline { ${EVENT_FIELDS} } } }`, { id: issue.id })).issue.timeline;
      assert.deepEqual([...seen, ...feedEvents(resumed)], timeline);
    });

    it('loses and duplicates nothing when the subscriber reconnects during heavy writes', async () => {
      const grid = { gridId: ids.grids['JC-DH-GH-07'].id };
      const issues = [await report('JC-DH-GH-07'), await report('JC-DH-GH-07')];
      const startCursor = (await timelineCursors(issues[1].id)).at(-1)!;
      const received: FeedEvent[] = [];
      let socket = await staffSocket('cadre.zheng');
      let sub = socket.subscribe(FEED, { f: grid, a: startCursor });

      // Four writers commenting concurrently on two issues.
      const writers = Array.from({ length: 4 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 15; i++) await comment(issues[w % 2].id, `w${w}-${i}`, null, w % 2 ? 'admin' : 'worker.lin');
        })(),
      );
      const writing = Promise.all(writers);
      // Cut the connection twice mid-stream and resume from the last cursor received.
      for (const cutAfter of [15, 35]) {
        await sub.until(() => received.length + sub.results.length >= cutAfter, 20_000, `${cutAfter} events`);
        socket.terminate();
        received.push(...feedEvents(sub));
        socket = await staffSocket('cadre.zheng');
        sub = socket.subscribe(FEED, { f: grid, a: received.at(-1)!.cursor });
      }
      await writing;
      await sub.until(() => received.length + sub.results.length >= 60, 20_000, 'all 60 comments');
      received.push(...feedEvents(sub));
      const expected = [...(await timelineCursors(issues[0].id)), ...(await timelineCursors(issues[1].id))]
        .map((cursor) => ({ cursor, seq: JSON.parse(Buffer.from(cursor, 'base64url').toString())[1] as number }))
        .filter((e) => e.seq > JSON.parse(Buffer.from(startCursor, 'base64url').toString())[1])
        .sort((a, b) => a.seq - b.seq)
        .map((e) => e.cursor);
      assert.equal(expected.length, 60);
      assert.deepEqual(
        received.map((e) => e.cursor),
        expected,
      );
    });

    it('refuses a stranger and a portal: issueEvents is for staff', async () => {
      const admin = tokens.admin;
      const portal = await createPortalKey(t, admin, [PORTAL_ORIGIN]);
      for (const options of [{}, { params: { portalKey: portal.key }, origin: PORTAL_ORIGIN }]) {
        const sub = (await open(options)).subscribe(FEED);
        await sub.waitForEnd();
        assert.equal(sub.errors?.[0].extensions.code, 'UNAUTHENTICATED');
      }
    });

    it('refuses cursors that are not ours and filters with bad ids', async () => {
      const socket = await staffSocket('admin');
      const ahead = Buffer.from(JSON.stringify(['ev', 10_000_000])).toString('base64url');
      for (const variables of [{ a: 'nonsense' }, { a: ahead }, { f: { gridId: 'not-an-id' } }]) {
        const sub = socket.subscribe(FEED, variables);
        await sub.waitForEnd();
        assert.equal(sub.errors?.[0].extensions.code, 'BAD_USER_INPUT', JSON.stringify(variables));
      }
      const unknownRegion = socket.subscribe(FEED, { f: { regionId: '00000000-0000-4000-8000-000000000000' } });
      await unknownRegion.waitForEnd();
      assert.equal(unknownRegion.errors?.[0].extensions.code, 'NOT_FOUND');
    });
  });

  describe('the WebSocket endpoint', () => {
    it('closes with 4401 for forged, malformed and foreign-signed tokens', async () => {
      const [header, payload] = tokens.admin.split('.');
      const edited = `${header}.${Buffer.from(JSON.stringify({ sub: 'x', role: 'ADMIN', iss: 'lastmeter' })).toString('base64url')}.${payload}`;
      for (const authorization of ['Bearer forged.token.value', `Bearer ${edited}`, 'Token abc', 42]) {
        await assert.rejects(open({ params: { authorization } }), (error: { code?: number }) => error.code === 4401, String(authorization));
      }
    });

    it('closes with 4403 for an unknown portal key and for a key used from a foreign origin; accepts the allowed origin', async () => {
      const portal = await createPortalKey(t, tokens.admin, [PORTAL_ORIGIN]);
      await assert.rejects(open({ params: { portalKey: 'lmk_made_up' }, origin: PORTAL_ORIGIN }), (e: { code?: number }) => e.code === 4403);
      await assert.rejects(open({ params: { portalKey: portal.key }, origin: 'https://evil.example.com' }), (e: { code?: number }) => e.code === 4403);
      await open({ params: { portalKey: portal.key }, origin: PORTAL_ORIGIN });
      await open({ params: { portalKey: portal.key } }); // a server or an app sends no Origin
    });

    it('applies the HTTP validation rules and refuses queries, mutations and bad documents', async () => {
      const socket = await open({ params: { authorization: `Bearer ${tokens.admin}` } });
      const deep = `subscription { issueEvents { issue { grid { region { parent { parent { children { grids { region { parent { children { grids { region { parent { name } } } } } } } } } } } } } } }`;
      const cases: [string, string][] = [
        [deep, 'GRAPHQL_VALIDATION_FAILED'],
        ['subscription { issueEvents { nope } }', 'GRAPHQL_VALIDATION_FAILED'],
        ['subscription { issueEvents { ', 'GRAPHQL_PARSE_FAILED'],
        ['{ categories { code } }', 'BAD_USER_INPUT'],
        ['mutation { login(username: "admin", password: "x") { token } }', 'BAD_USER_INPUT'],
        ['subscription($c: String!) { issueTracked(trackingCode: $c) { status } }', 'BAD_USER_INPUT'], // $c missing
      ];
      for (const [query, code] of cases) {
        const sub = socket.subscribe(query);
        await sub.waitForEnd();
        assert.equal(sub.errors?.[0].extensions.code, code, query);
      }
    });

    it('caps subscriptions per connection and payload size', async () => {
      const issue = await report('JC-DH-GH-07');
      const socket = await open();
      const subs = Array.from({ length: 20 }, () => socket.subscribe(TRACKER, { c: issue.trackingCode }));
      await Promise.all(subs.map((s) => s.waitForResults(1)));
      const extra = socket.subscribe(TRACKER, { c: issue.trackingCode });
      await extra.waitForEnd();
      assert.equal(extra.errors?.[0].extensions.code, 'RATE_LIMITED');
      // The server forgets a completed subscription as it reads the message, before the next one.
      subs[0].complete();
      const replacement = socket.subscribe(TRACKER, { c: issue.trackingCode });
      await replacement.waitForResults(1);

      socket.subscribe(`subscription { issueTracked(trackingCode: "${'x'.repeat(100_000)}") { status } }`);
      assert.equal((await socket.closed).code, 1009, 'a message over maxPayload closes the socket');
    });
  });
});

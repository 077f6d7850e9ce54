/**
 * The statistics' overdue count at any hour of the day: the all-time figure (roll-ups plus a live
 * count of today's passed deadlines) must equal the count straight from the issue table, and the
 * plain rule "an unresolved issue past its deadline", at a pinned clock before and after deadlines
 * later today, across midnight, and with the database session and the process in a time zone that
 * is not UTC (Asia/Shanghai, UTC+8: its midnight is 16:00 UTC) — where SQL that forgets
 * `at time zone 'UTC'` counts some issues twice or not at all.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { Fixtures, type FixtureGrid } from '../support/fixtures';
import { TestClock } from '../support/clock';
import { dataOf, startTestServer, type TestServer } from '../support/harness';

const DAY = '2026-06-01';
const HOUR = 3600_000;
const T = (iso: string) => new Date(`${iso}Z`);
const base = T(`${DAY}T00:00:00.000`).getTime();

/** Resolve deadlines every 45 minutes from two days before DAY to the day after (unresolved issues). */
const RESOLVE_DEADLINES = Array.from({ length: 4 * 32 }, (_, i) => new Date(base - 48 * HOUR + i * 45 * 60_000 + 7 * 60_000));
/** SUBMITTED issues past (or not) their response deadline, their resolve deadline a day later. */
const RESPONSE_DEADLINES = Array.from({ length: 24 }, (_, i) => new Date(base - 12 * HOUR + i * 110 * 60_000));

/** Moments to stand at: around UTC midnight, Shanghai midnight (16:00 UTC), and deadlines later today. */
const MOMENTS = [
  `${DAY}T00:00:00.000`,
  `${DAY}T00:05:00.000`,
  `${DAY}T01:00:00.000`,
  `${DAY}T07:59:00.000`,
  `${DAY}T08:30:00.000`,
  `${DAY}T15:59:00.000`,
  `${DAY}T16:01:00.000`,
  `${DAY}T23:59:00.000`,
  '2026-06-02T00:01:00.000',
  '2026-06-02T12:00:00.000',
].map(T);

function expectedOverdue(now: Date): number {
  const resolve = RESOLVE_DEADLINES.filter((due) => due < now).length;
  const response = RESPONSE_DEADLINES.filter((due) => due < now || new Date(due.getTime() + 24 * HOUR) < now).length;
  return resolve + response;
}

for (const zone of ['UTC', 'Asia/Shanghai']) {
  describe(`the overdue count by the clock, database and process in ${zone}`, () => {
    let t: TestServer;
    let admin: string;
    let grid: FixtureGrid;
    const clock = new TestClock(MOMENTS[0]);
    const processZone = process.env.TZ;

    beforeAll(async () => {
      process.env.TZ = zone; // Node applies it to Date at once
      // Tokens last 30 days: the clock walks across two.
      t = await startTestServer({ seedDemo: false, clock, databaseTimeZone: zone, env: { JWT_TTL_SECONDS: String(30 * 24 * 3600) } });
      admin = await t.login('admin');
      const fixtures = new Fixtures(t);
      grid = await fixtures.grid();
      for (const due of RESOLVE_DEADLINES) {
        await fixtures.issue({ grid, status: 'ACCEPTED', createdAt: new Date(due.getTime() - 72 * HOUR), responseDueAt: new Date(due.getTime() - 60 * HOUR), resolveDueAt: due });
      }
      for (const due of RESPONSE_DEADLINES) {
        await fixtures.issue({ grid, status: 'SUBMITTED', createdAt: new Date(due.getTime() - HOUR), responseDueAt: due, resolveDueAt: new Date(due.getTime() + 24 * HOUR) });
      }
    });
    afterAll(async () => {
      await t?.close();
      if (processZone === undefined) delete process.env.TZ;
      else process.env.TZ = processZone;
    });

    const overdue = async (args: string) => dataOf(await t.gql<any>(`{ issueStats${args} { overdue total } }`, {}, { token: admin })).issueStats;

    it('all-time, per region and per grid, the count is the rule\'s at every moment', async () => {
      const everything = '(from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z")';
      for (const now of MOMENTS) {
        clock.set(now);
        const expected = expectedOverdue(now);
        const at = `at ${now.toISOString()} (${zone})`;
        assert.equal((await overdue('')).overdue, expected, `all-time, from the roll-ups, ${at}`);
        assert.equal((await overdue(`(regionId: "${grid.regionId}")`)).overdue, expected, `the region, from the roll-ups, ${at}`);
        assert.equal((await overdue(everything)).overdue, expected, `counted from the issues, ${at}`);
        assert.equal((await overdue(`(gridId: "${grid.id}")`)).overdue, expected, `the grid, ${at}`);
      }
    });

    it('an issue\'s own overdue flag follows the same clock', async () => {
      clock.set(`${DAY}T12:00:00.000Z`);
      let flagged = 0;
      let seen = 0;
      for (let after: string | null = null; ; ) {
        const page: any = dataOf(
          await t.gql<any>('query($a: String) { issues(first: 100, after: $a) { edges { node { overdue } } pageInfo { endCursor hasNextPage } } }', { a: after }, { token: admin }),
        ).issues;
        seen += page.edges.length;
        flagged += page.edges.filter((e: any) => e.node.overdue).length;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      assert.equal(seen, RESOLVE_DEADLINES.length + RESPONSE_DEADLINES.length);
      assert.equal(flagged, expectedOverdue(T(`${DAY}T12:00:00.000`)));
    });
  });
}

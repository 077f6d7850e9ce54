import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';
import { dbOf, demoIds, reportInput, reportIssue } from '../support/issues';

/**
 * Time limits in working time (issue 14): the deadline arithmetic (weekends,
 * holidays, make-up working days, working hours, the time zone), the work
 * calendar and category limits through the API, on both databases.
 */
const HOURS = '09:00-12:00,13:30-17:30';

describe('working-time deadlines', () => {
  let t: TestServer;
  let admin: string;
  let gh07: string;

  /** lastmeter_deadline as the intake calls it. */
  const deadline = async (start: string, amount: number, unit: string, tz = 'Asia/Shanghai', hours = HOURS) => {
    const [row] = await dbOf(t).execute<{ due: Date | string }[]>('select lastmeter_deadline(?::timestamptz, ?, ?, ?, ?) as due', [start, amount, unit, tz, hours]);
    return new Date(row.due).toISOString();
  };
  const setCalendar = (days: { date: string; workday: boolean; name?: string }[], token = admin) =>
    t.gql<any>('mutation($d: [CalendarDayInput!]!) { setWorkCalendar(days: $d) { date workday name } }', { d: days }, { token });

  beforeAll(async () => {
    t = await startTestServer();
    admin = await t.login('admin');
    gh07 = (await demoIds(t)).grids['JC-DH-GH-07'].id;
  });
  afterAll(() => t?.close());

  it('counts working days from the next day to its close, across a weekend, a holiday and a make-up day', async () => {
    // Friday 2026-12-04 18:00 in Shanghai (10:00Z): one working day → Monday 17:30 (09:30Z).
    assert.equal(await deadline('2026-12-04T10:00:00Z', 1, 'WORKING_DAYS'), '2026-12-07T09:30:00.000Z');
    assert.equal(await deadline('2026-12-04T10:00:00Z', 2, 'WORKING_DAYS'), '2026-12-08T09:30:00.000Z');
    // A report on Monday morning: one working day is Tuesday's close.
    assert.equal(await deadline('2026-12-07T01:00:00Z', 1, 'WORKING_DAYS'), '2026-12-08T09:30:00.000Z');
    // Calendar hours ignore the calendar.
    assert.equal(await deadline('2026-12-04T10:00:00Z', 24, 'HOURS'), '2026-12-05T10:00:00.000Z');

    dataOf(await setCalendar([{ date: '2027-01-04', workday: false, name: '元旦' }]));
    // Friday 2027-01-01 is not in the calendar (a plain Friday here); Monday 01-04 is a holiday → Tuesday.
    assert.equal(await deadline('2027-01-01T10:00:00Z', 1, 'WORKING_DAYS'), '2027-01-05T09:30:00.000Z');
    // A make-up working Saturday (调休上班) counts.
    dataOf(await setCalendar([{ date: '2027-01-09', workday: true, name: '调休上班' }]));
    assert.equal(await deadline('2027-01-08T10:00:00Z', 1, 'WORKING_DAYS'), '2027-01-09T09:30:00.000Z');
  });

  it('counts working hours inside the working periods only, in the configured time zone', async () => {
    // Tuesday 2026-12-08 11:00 Shanghai (03:00Z) + 2 working hours: 1 before lunch, 1 after 13:30 → 14:30 (06:30Z).
    assert.equal(await deadline('2026-12-08T03:00:00Z', 2, 'WORKING_HOURS'), '2026-12-08T06:30:00.000Z');
    // Friday 2026-12-04 16:00 (08:00Z) + 4: 1.5 on Friday, 2.5 on Monday from 09:00 → 11:30 (03:30Z).
    assert.equal(await deadline('2026-12-04T08:00:00Z', 4, 'WORKING_HOURS'), '2026-12-07T03:30:00.000Z');
    // Reported at night: the clock starts at the next opening.
    assert.equal(await deadline('2026-12-08T14:00:00Z', 1, 'WORKING_HOURS'), '2026-12-09T02:00:00.000Z');
    // The same instant in Berlin (10:00Z = 11:00 CET on a Tuesday) + 2 → 14:30 CET = 13:30Z.
    assert.equal(await deadline('2026-12-08T10:00:00Z', 2, 'WORKING_HOURS', 'Europe/Berlin'), '2026-12-08T13:30:00.000Z');
    // Other working hours.
    assert.equal(await deadline('2026-12-08T01:00:00Z', 1, 'WORKING_DAYS', 'Asia/Shanghai', '08:00-18:00'), '2026-12-09T10:00:00.000Z');
  });

  it('keeps the work calendar: a day given again replaces the earlier entry; bad dates name the field; admins only', async () => {
    const set = dataOf(
      await setCalendar([
        { date: '2026-10-01', workday: false, name: '国庆节' },
        { date: '2026-10-10', workday: true, name: '调休上班' },
        { date: '2026-10-01', workday: false, name: '国庆节（第一天）' },
      ]),
    ).setWorkCalendar;
    assert.deepEqual(set, [
      { date: '2026-10-01', workday: false, name: '国庆节（第一天）' },
      { date: '2026-10-10', workday: true, name: '调休上班' },
    ]);
    const year = dataOf(await t.gql<any>('{ workCalendar(year: 2026) { date workday name } }', {}, { token: admin })).workCalendar;
    assert.deepEqual(year.filter((d: any) => d.date.startsWith('2026-10')), set);
    for (const bad of ['2026-13-01', '2026/10/01', '2026-02-30', '']) {
      const res = await setCalendar([{ date: '2026-10-02', workday: false }, { date: bad, workday: false }]);
      assert.equal(errorCode(res), 'BAD_USER_INPUT', bad);
      assert.equal(res.errors![0].extensions!.field, 'days[1].date', bad);
    }
    assert.ok(!dataOf(await t.gql<any>('{ workCalendar(year: 2026) { date } }', {}, { token: admin })).workCalendar.some((d: any) => d.date === '2026-10-02'), 'nothing written');
    // Undone: a day given as the default week has it (2026-10-01 a Thursday, 2026-10-10 a Saturday) is no longer listed.
    dataOf(await setCalendar([{ date: '2026-10-01', workday: true }, { date: '2026-10-10', workday: false }]));
    const undone = dataOf(await t.gql<any>('{ workCalendar(year: 2026) { date } }', {}, { token: admin })).workCalendar;
    assert.deepEqual(undone.filter((d: any) => d.date.startsWith('2026-10')), [], 'only days that differ from the default week');
    assert.equal(errorCode(await setCalendar([{ date: '2026-10-03', workday: false }], await t.login('supervisor.liu'))), 'FORBIDDEN');
  });

  it('gives reports deadlines from their category limits; updateCategory applies to issues reported afterwards', async () => {
    const categories = dataOf(await t.gql<any>('{ categories { code responseHours resolveHours responseLimit { amount unit } resolveLimit { amount unit } } }')).categories;
    const byCode = Object.fromEntries(categories.map((c: any) => [c.code, c]));
    assert.deepEqual(byCode.UTILITIES.resolveLimit, { amount: 24, unit: 'HOURS' }, 'emergencies run in hours');
    assert.deepEqual(byCode.GARBAGE.resolveLimit, { amount: 1, unit: 'WORKING_DAYS' });
    assert.ok(categories.every((c: any) => c.responseLimit.amount > 0 && c.resolveLimit.amount > 0));

    const read = async (id: string) =>
      dataOf(await t.gql<any>('query($id: ID!) { issue(id: $id) { createdAt responseDueAt resolveDueAt } }', { id }, { token: admin })).issue;
    const earlier = await reportIssue(t, { token: admin }, reportInput(gh07, { categoryCode: 'GARBAGE' }));
    const before = await read(earlier.id);
    assert.equal(before.resolveDueAt, await deadline(before.createdAt, 1, 'WORKING_DAYS'));
    assert.equal(before.responseDueAt, await deadline(before.createdAt, 4, 'WORKING_HOURS'));
    // The close of a Shanghai working day: 17:30 local is 09:30Z.
    assert.match(before.resolveDueAt, /T09:30:00\.000Z$/);

    const UPDATE = 'mutation($c: ID!, $i: UpdateCategoryInput!) { updateCategory(code: $c, input: $i) { code name resolveHours resolveLimit { amount unit } } }';
    for (const [input, field] of [
      [{ resolveLimit: { amount: 0, unit: 'HOURS' } }, 'input.resolveLimit.amount'],
      [{ responseLimit: { amount: -3, unit: 'WORKING_DAYS' } }, 'input.responseLimit.amount'],
      [{ name: '  ' }, 'input.name'],
    ] as const) {
      const res = await t.gql<any>(UPDATE, { c: 'GARBAGE', i: input }, { token: admin });
      assert.equal(errorCode(res), 'BAD_USER_INPUT');
      assert.equal(res.errors![0].extensions!.field, field);
    }
    assert.equal(errorCode(await t.gql<any>(UPDATE, { c: 'NO_SUCH', i: { name: 'x' } }, { token: admin })), 'NOT_FOUND');
    assert.equal(errorCode(await t.gql<any>(UPDATE, { c: 'GARBAGE', i: { name: 'x' } }, { token: await t.login('cadre.zheng') })), 'FORBIDDEN');
    const updated = dataOf(await t.gql<any>(UPDATE, { c: 'GARBAGE', i: { resolveLimit: { amount: 2, unit: 'HOURS' } } }, { token: admin })).updateCategory;
    assert.deepEqual(updated.resolveLimit, { amount: 2, unit: 'HOURS' });
    assert.equal(updated.resolveHours, 2);

    const after = await read((await reportIssue(t, { token: admin }, reportInput(gh07, { categoryCode: 'GARBAGE' }))).id);
    assert.equal(Date.parse(after.resolveDueAt) - Date.parse(after.createdAt), 2 * 3_600_000);
    // The issue reported before the change keeps its deadline.
    assert.equal((await read(earlier.id)).resolveDueAt, before.resolveDueAt);
  });
});

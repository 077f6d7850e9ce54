/**
 * The intake (report.service.ts) called directly against the database: what a report writes (issue
 * row, deadlines, SUBMITTED event, outbox row, photos), what it answers (the same as tracking reads
 * back), idempotency (a retry gets the same issue; a reused key with other content is a conflict),
 * refusals that write nothing, and a colliding tracking code tried again.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, it, jest } from '@jest/globals';
import { sql } from '../../api/src/db/sql';
import type { ReportIssueInput } from '../../api/src/modules/issues/issue.type';
import type { ReportRequest } from '../../api/src/modules/tracking/report.service';
import { parseReportInput } from '../../api/src/modules/tracking/report-input';
import type { FixtureGrid } from '../support/fixtures';
import { openDirectDatabase, type DirectDatabase } from '../support/direct-db';

/** Tracking codes the next reports draw, before the real random ones (to make codes collide on purpose). */
const mockCodes: string[] = [];
jest.mock('../../api/src/modules/tracking/tracking-code', () => {
  const actual = jest.requireActual<typeof import('../../api/src/modules/tracking/tracking-code')>('../../api/src/modules/tracking/tracking-code');
  return { ...actual, newTrackingCode: () => mockCodes.shift() ?? actual.newTrackingCode() };
});
// Loaded after the mock is in place (swc does not hoist jest.mock above imports from @jest/globals).
type Intake = typeof import('../../api/src/modules/tracking/report.service');
let submitReport: Intake['submitReport'];
let reportContentHash: Intake['reportContentHash'];
let intakeScript: Intake['intakeScript'];
let loadTrackedIssue: typeof import('../../api/src/modules/tracking/tracking.service')['loadTrackedIssue'];

/** Monday 2 March 2026, 09:00 in Shanghai: the first minute of a working day. */
const NOW = new Date('2026-03-02T01:00:00.000Z');

function countingNotifier() {
  const notifier = { calls: 0, eventsCommitted: () => void notifier.calls++ };
  return notifier;
}

/** What the AppError a promise rejects with carries. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; field?: string; message: string; extensions: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error: any) {
    return { code: error.extensions?.code, field: error.extensions?.field, message: error.message, extensions: error.extensions };
  }
  throw new Error('expected a refusal');
}

describe('the intake, called directly', () => {
  let d: DirectDatabase;
  let grid: FixtureGrid;
  let mapped: { id: string; name: string };
  let notifier: ReturnType<typeof countingNotifier>;

  const input = (overrides: Partial<ReportIssueInput> = {}): ReportIssueInput => ({
    categoryCode: 'GARBAGE',
    description: '楼下垃圾桶已经三天没有清运，气味很大，希望尽快处理一下，谢谢。',
    gridId: grid.id,
    idempotencyKey: randomUUID(),
    ...overrides,
  });
  const report = (overrides: Partial<ReportIssueInput> = {}, request: Partial<ReportRequest> = {}) =>
    submitReport(d.em(), { scope: 'portal:test', actorName: null, input: input(overrides), events: notifier, now: () => NOW, ...request });
  const issueCount = async () => Number((await d.sql<{ n: string }>('select count(*) as n from issue'))[0].n);
  const eventCount = async () => Number((await d.sql<{ n: string }>('select count(*) as n from issue_event'))[0].n);

  beforeAll(async () => {
    ({ submitReport, reportContentHash, intakeScript } = require('../../api/src/modules/tracking/report.service') as Intake);
    ({ loadTrackedIssue } = require('../../api/src/modules/tracking/tracking.service') as typeof import('../../api/src/modules/tracking/tracking.service'));
    d = await openDirectDatabase();
    grid = await d.fixtures.grid();
    // A grid with a boundary (a square around 30.5 N, 114.3 E) for reports that give a location.
    mapped = { id: randomUUID(), name: 'mapped grid' };
    await d.sql(
      `insert into grid (id, code, name, kind, region_id, region_path, boundary, min_latitude, max_latitude, min_longitude, max_longitude, created_at)
       values (?, 'MAPPED', ?, 'URBAN_COMMUNITY', ?, ?, ?::jsonb, 30.4, 30.6, 114.2, 114.4, now())`,
      [
        mapped.id,
        mapped.name,
        grid.regionId,
        grid.regionPath,
        JSON.stringify([
          { latitude: 30.4, longitude: 114.2 },
          { latitude: 30.4, longitude: 114.4 },
          { latitude: 30.6, longitude: 114.4 },
          { latitude: 30.6, longitude: 114.2 },
        ]),
      ],
    );
  });
  beforeEach(() => {
    notifier = countingNotifier();
    mockCodes.length = 0;
  });
  afterAll(() => d?.close());

  it('stores the issue, its deadlines and its SUBMITTED event, and answers what tracking reads back', async () => {
    const given = input({ reporterName: '张三', reporterPhone: '138 1234 5678', notify: true, title: '垃圾没人收', channel: 'PHONE' as never });
    const result = await submitReport(d.em(), { scope: 'portal:test', actorName: '李四', input: given, events: notifier, now: () => NOW });
    assert.equal(result.created, true);
    assert.match(result.trackingCode, /^LM-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.equal(notifier.calls, 1, 'the live feeds are told after the commit');
    assert.deepEqual(result.issue, await loadTrackedIssue(d.em(), result.trackingCode), 'the answer is what tracking shows');
    assert.equal(result.issue.status, 'SUBMITTED');
    assert.equal(result.issue.gridName, `fixture grid ${grid.code}`);
    assert.equal(result.issue.submittedAt, NOW.toISOString());

    const [row] = await d.sql('select * from issue where id = ?', [result.issueId]);
    assert.deepEqual(
      {
        tracking_code: row.tracking_code,
        title: row.title,
        description: row.description,
        category_code: row.category_code,
        status: row.status,
        channel: row.channel,
        grid_id: row.grid_id,
        region_path: row.region_path,
        latitude: row.latitude,
        address: row.address,
        reporter_anonymous: row.reporter_anonymous,
        reporter_name: row.reporter_name,
        reporter_phone: row.reporter_phone,
        notify: row.notify,
        version: row.version,
        created_at: new Date(row.created_at).toISOString(),
        updated_at: new Date(row.updated_at).toISOString(),
        // GARBAGE: respond within 4 working hours (09:00–12:00, then 13:30–14:30 Shanghai), resolve within
        // 1 working day (by the close of the next one, 17:30 on Tuesday).
        response_due_at: new Date(row.response_due_at).toISOString(),
        resolve_due_at: new Date(row.resolve_due_at).toISOString(),
        idempotency_scope: row.idempotency_scope,
        idempotency_key: row.idempotency_key,
        idempotency_hash: row.idempotency_hash,
      },
      {
        tracking_code: result.trackingCode,
        title: '垃圾没人收',
        description: given.description,
        category_code: 'GARBAGE',
        status: 'SUBMITTED',
        channel: 'PHONE',
        grid_id: grid.id,
        region_path: grid.regionPath,
        latitude: null,
        address: null,
        reporter_anonymous: false,
        reporter_name: '张三',
        reporter_phone: '13812345678',
        notify: true,
        version: 1,
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
        response_due_at: '2026-03-02T06:30:00.000Z',
        resolve_due_at: '2026-03-03T09:30:00.000Z',
        idempotency_scope: 'portal:test',
        idempotency_key: given.idempotencyKey,
        idempotency_hash: reportContentHash(parseReportInput(given)),
      },
    );
    assert.equal(result.issue.resolveDueAt, '2026-03-03T09:30:00.000Z');
    const events = await d.sql('select seq, type, from_status, to_status, note, public_note, actor_name, at from issue_event where issue_id = ?', [result.issueId]);
    assert.deepEqual(
      events.map((e) => ({ ...e, seq: undefined, at: new Date(e.at).toISOString() })),
      [{ seq: undefined, type: 'SUBMITTED', from_status: null, to_status: 'SUBMITTED', note: null, public_note: null, actor_name: '李四', at: NOW.toISOString() }],
    );
    const outbox = await d.sql<{ event_seq: string }>('select event_seq from outbox where issue_id = ?', [result.issueId]);
    assert.deepEqual(outbox.map((o) => Number(o.event_seq)), [Number(events[0].seq)]);
  });

  it('counts the deadlines in the working time it is given', async () => {
    const result = await report({}, { workTime: { timeZone: 'UTC', workingHours: '00:00-24:00' } });
    const [row] = await d.sql('select response_due_at from issue where id = ?', [result.issueId]);
    assert.equal(new Date(row.response_due_at).toISOString(), '2026-03-02T05:00:00.000Z', 'four hours straight on');
  });

  it('takes the clock’s time when no clock is given', async () => {
    const before = Date.now();
    const result = await submitReport(d.em(), { scope: 'portal:test', actorName: null, input: input(), events: notifier });
    const submitted = new Date(result.issue.submittedAt).getTime();
    assert.ok(submitted >= before && submitted <= Date.now(), `submitted at ${result.issue.submittedAt}`);
  });

  it('a retry with the same key and report gets the same issue back, writing nothing (name and phone may be left out)', async () => {
    const key = randomUUID();
    const first = await report({ idempotencyKey: key, reporterName: '张三', reporterPhone: '13812345678' });
    const [issues, events] = [await issueCount(), await eventCount()];
    const again = await report({ idempotencyKey: key }, { now: () => new Date(NOW.getTime() + 60_000) });
    assert.deepEqual(
      { created: again.created, trackingCode: again.trackingCode, issueId: again.issueId },
      { created: false, trackingCode: first.trackingCode, issueId: first.issueId },
    );
    assert.deepEqual(again.issue, first.issue);
    assert.deepEqual([await issueCount(), await eventCount()], [issues, events]);
    assert.equal(notifier.calls, 1, 'only the report that wrote something tells the live feeds');
  });

  it('copies sent at the same time make one issue', async () => {
    const key = randomUUID();
    const results = await Promise.all([report({ idempotencyKey: key }), report({ idempotencyKey: key }), report({ idempotencyKey: key })]);
    assert.equal(new Set(results.map((r) => r.issueId)).size, 1);
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.equal(Number((await d.sql<{ n: string }>('select count(*) as n from issue where idempotency_key = ?', [key]))[0].n), 1);
  });

  it('refuses a used key with a different report (CONFLICT naming the key), writing nothing', async () => {
    const key = `k-${'x'.repeat(150)}`;
    await report({ idempotencyKey: key });
    const [issues, events] = [await issueCount(), await eventCount()];
    const refused = await refusal(report({ idempotencyKey: key, description: '另一个问题：路灯坏了，晚上很黑。' }));
    assert.equal(refused.code, 'CONFLICT');
    assert.deepEqual(refused.extensions.idempotencyKey, key);
    assert.ok(refused.message.includes(`"${key.slice(0, 80)}"`), refused.message);
    assert.ok(!refused.message.includes(key.slice(0, 81)), 'a long key is cut in the message');
    assert.deepEqual([await issueCount(), await eventCount()], [issues, events]);
  });

  it('a key is unique within its scope only', async () => {
    const key = randomUUID();
    const a = await report({ idempotencyKey: key }, { scope: 'portal:a' });
    const b = await report({ idempotencyKey: key, description: '完全不同的问题描述，在另一个门户提交。' }, { scope: 'portal:b' });
    assert.equal(b.created, true);
    assert.notEqual(b.issueId, a.issueId);
  });

  it('an issue stored before content hashes existed gets its key honoured whatever the content', async () => {
    const key = randomUUID();
    const first = await report({ idempotencyKey: key });
    await d.sql('update issue set idempotency_hash = null where id = ?', [first.issueId]);
    const again = await report({ idempotencyKey: key, description: '内容不同，但旧的记录没有内容摘要。' });
    assert.deepEqual([again.created, again.issueId], [false, first.issueId]);
  });

  it('refuses an unknown category or grid, writing nothing', async () => {
    const [issues, events] = [await issueCount(), await eventCount()];
    const category = await refusal(report({ categoryCode: 'NO_SUCH_CATEGORY' }));
    assert.deepEqual([category.code, category.field], ['BAD_USER_INPUT', 'input.categoryCode']);
    assert.match(category.message, /Unknown categoryCode "NO_SUCH_CATEGORY"/);
    const missingGrid = randomUUID();
    const unknownGrid = await refusal(report({ gridId: missingGrid }));
    assert.equal(unknownGrid.code, 'NOT_FOUND');
    assert.match(unknownGrid.message, new RegExp(`Grid \\(input.gridId\\) "${missingGrid}" not found`));
    const malformed = await refusal(report({ gridId: 'not-a-uuid' }));
    assert.equal(malformed.code, 'NOT_FOUND');
    assert.match(malformed.message, /Grid \(input.gridId\) "not-a-uuid" not found/);
    assert.deepEqual([await issueCount(), await eventCount()], [issues, events]);
    assert.equal(notifier.calls, 0);
  });

  it('places a report by its location in the grid whose boundary holds it, and refuses a location in none', async () => {
    const placed = await report({ gridId: null, location: { latitude: 30.5, longitude: 114.3, address: '幸福路 1 号' } });
    assert.equal(placed.issue.gridName, mapped.name);
    const [row] = await d.sql('select grid_id, latitude, longitude, address from issue where id = ?', [placed.issueId]);
    assert.deepEqual(row, { grid_id: mapped.id, latitude: 30.5, longitude: 114.3, address: '幸福路 1 号' });

    const outside = await refusal(report({ gridId: null, location: { latitude: 31.5, longitude: 114.3 } }));
    assert.deepEqual([outside.code, outside.field], ['BAD_USER_INPUT', 'input.location']);
    assert.match(outside.message, /The location \(31\.5, 114\.3\) lies inside no grid we know/);
  });

  it('attaches the reporter’s uploads as REPORT photos in the same transaction', async () => {
    const photo = randomUUID();
    await d.sql(
      `insert into photo (id, uploader_scope, content_hash, format, width, height, bytes, thumb_width, thumb_height, created_at)
       values (?, 'portal:test', ?, 'jpeg', 800, 600, 1000, 400, 300, ?)`,
      [photo, randomUUID().replace(/-/g, ''), NOW],
    );
    const result = await report({ photoIds: [photo] });
    const attached = await d.sql('select photo_id, stage, public, added_by, added_at from issue_photo where issue_id = ?', [result.issueId]);
    assert.deepEqual(attached.map((a) => ({ ...a, added_at: new Date(a.added_at).toISOString() })), [
      { photo_id: photo, stage: 'REPORT', public: false, added_by: null, added_at: NOW.toISOString() },
    ]);
    // Without photos, none.
    const plain = await report();
    assert.deepEqual(await d.sql('select id from issue_photo where issue_id = ?', [plain.issueId]), []);
    // Another reporter's upload is refused, naming the field, and nothing is stored.
    const [issues] = [await issueCount()];
    const foreign = await refusal(report({ photoIds: [photo] }, { scope: 'portal:other' }));
    assert.deepEqual([foreign.code, foreign.field], ['BAD_USER_INPUT', 'input.photoIds']);
    assert.equal(await issueCount(), issues);
  });

  it('the intake script without photo ids (as the benchmark sends it) is the issue and its event', () => {
    const script = intakeScript({
      report: parseReportInput(input()),
      gridId: grid.id,
      id: randomUUID(),
      trackingCode: 'LM-0000-0000-0001',
      now: NOW,
      scope: 'bench',
      actorName: null,
    });
    assert.equal(script.length, 2);
    assert.match(sql.compile(script[1]).text, /insert into issue_event/);
  });

  it('draws another tracking code when one collides, and gives up after three', async () => {
    const taken = (await report()).trackingCode;
    const fresh = 'LM-ZZZZ-ZZZZ-ZZZ1';
    mockCodes.push(taken, fresh);
    const retried = await report();
    assert.deepEqual([retried.created, retried.trackingCode], [true, fresh]);
    assert.equal((await loadTrackedIssue(d.em(), fresh))?.status, 'SUBMITTED');

    const [issues, events] = [await issueCount(), await eventCount()];
    mockCodes.push(taken, taken, taken);
    await assert.rejects(report(), /could not store the report: no unique tracking code/);
    assert.deepEqual([await issueCount(), await eventCount()], [issues, events]);
  });
});

/**
 * Appending to the timeline (event-append.ts), against the database: each event gets the next `seq`
 * in the order given, its columns as given, and its outbox row in the same statement.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, type SQL } from '../../api/src/db/sql';
import { appendEventsStatement, appendIssueEvents, type NewIssueEvent } from '../../api/src/modules/issues/event-append';
import { IssueEventType, IssueStatus } from '../../api/src/domain/enums';
import type { FixtureGrid } from '../support/fixtures';
import { openDirectDatabase, type DirectDatabase } from '../support/direct-db';

const AT = new Date('2026-03-02T08:15:30.123Z');

describe('appending issue events', () => {
  let d: DirectDatabase;
  let grid: FixtureGrid;
  const newIssue = () => d.fixtures.issue({ grid, createdAt: AT, responseDueAt: AT, resolveDueAt: AT });
  const eventsOf = (issueId: string) =>
    d.sql<{ seq: string; type: string; from_status: string | null; to_status: string; note: string | null; public_note: string | null; actor_name: string | null; at: Date }>(
      'select seq, type, from_status, to_status, note, public_note, actor_name, at from issue_event where issue_id = ? order by seq',
      [issueId],
    );
  const outboxOf = (issueId: string) => d.sql<{ event_seq: string }>('select event_seq from outbox where issue_id = ? order by event_seq', [issueId]);
  const maxSeq = async () => Number((await d.sql<{ n: string | null }>('select max(seq) as n from issue_event'))[0].n ?? 0);

  beforeAll(async () => {
    d = await openDirectDatabase();
    grid = await d.fixtures.grid();
  });
  afterAll(() => d?.close());

  it('writes the events in the order given, with the next seqs, every column as given, and one outbox row each', async () => {
    const issueId = await newIssue();
    const before = await maxSeq();
    const events: NewIssueEvent[] = [
      { issueId, type: IssueEventType.ACCEPTED, fromStatus: IssueStatus.SUBMITTED, toStatus: IssueStatus.ACCEPTED, note: '内部备注', publicNote: '已受理', actorName: '王五', at: AT },
      { issueId, type: IssueEventType.COMMENTED, fromStatus: IssueStatus.ACCEPTED, toStatus: IssueStatus.ACCEPTED, at: new Date(AT.getTime() + 1) },
      { issueId, type: IssueEventType.ASSIGNED, fromStatus: IssueStatus.ACCEPTED, toStatus: IssueStatus.ASSIGNED, note: null, actorName: '赵六', at: new Date(AT.getTime() + 2) },
    ];
    const seqs = await d.em().transactional((tx) => appendIssueEvents(tx as unknown as EntityManager, events));
    assert.deepEqual(seqs, [before + 1, before + 2, before + 3], 'numbers (not the driver’s strings), consecutive, in the order given');

    const rows = await eventsOf(issueId);
    assert.deepEqual(
      rows.slice(1).map((r) => ({ ...r, seq: Number(r.seq), at: new Date(r.at).toISOString() })),
      [
        { seq: before + 1, type: 'ACCEPTED', from_status: 'SUBMITTED', to_status: 'ACCEPTED', note: '内部备注', public_note: '已受理', actor_name: '王五', at: AT.toISOString() },
        { seq: before + 2, type: 'COMMENTED', from_status: 'ACCEPTED', to_status: 'ACCEPTED', note: null, public_note: null, actor_name: null, at: '2026-03-02T08:15:30.124Z' },
        { seq: before + 3, type: 'ASSIGNED', from_status: 'ACCEPTED', to_status: 'ASSIGNED', note: null, public_note: null, actor_name: '赵六', at: '2026-03-02T08:15:30.125Z' },
      ],
    );
    assert.deepEqual((await outboxOf(issueId)).map((r) => Number(r.event_seq)), seqs, 'each appended event is queued for delivery');
  });

  it('appends for several issues in one call, each event to its own issue', async () => {
    const [a, b] = [await newIssue(), await newIssue()];
    const seqs = await d.em().transactional((tx) =>
      appendIssueEvents(tx as unknown as EntityManager, [
        { issueId: b, type: IssueEventType.OVERDUE, fromStatus: IssueStatus.SUBMITTED, toStatus: IssueStatus.SUBMITTED, at: AT },
        { issueId: a, type: IssueEventType.DUE_SOON, fromStatus: IssueStatus.SUBMITTED, toStatus: IssueStatus.SUBMITTED, at: AT },
      ]),
    );
    assert.equal(seqs[1], seqs[0] + 1);
    assert.deepEqual((await eventsOf(b)).map((r) => [Number(r.seq), r.type]).slice(1), [[seqs[0], 'OVERDUE']]);
    assert.deepEqual((await eventsOf(a)).map((r) => [Number(r.seq), r.type]).slice(1), [[seqs[1], 'DUE_SOON']]);
    assert.deepEqual((await outboxOf(a)).map((r) => Number(r.event_seq)), [seqs[1]]);
  });

  it('rolls back with the transaction: no event, no outbox row', async () => {
    const issueId = await newIssue();
    await assert.rejects(
      d.em().transactional(async (tx) => {
        await appendIssueEvents(tx as unknown as EntityManager, [
          { issueId, type: IssueEventType.COMMENTED, fromStatus: IssueStatus.SUBMITTED, toStatus: IssueStatus.SUBMITTED, at: AT },
        ]);
        throw new Error('the caller fails after appending');
      }),
      /the caller fails/,
    );
    assert.deepEqual((await eventsOf(issueId)).map((r) => r.type), ['SUBMITTED']);
    assert.deepEqual(await outboxOf(issueId), []);
  });

  it('refuses to append outside a transaction, and appends nothing for no events (even outside one)', async () => {
    const issueId = await newIssue();
    await assert.rejects(
      appendIssueEvents(d.em(), [{ issueId, type: IssueEventType.COMMENTED, fromStatus: IssueStatus.SUBMITTED, toStatus: IssueStatus.SUBMITTED, at: AT }]),
      /appendIssueEvents needs an open transaction/,
    );
    assert.deepEqual(await appendIssueEvents(d.em(), []), []);
    assert.deepEqual((await eventsOf(issueId)).map((r) => r.type), ['SUBMITTED']);
    assert.throws(() => appendEventsStatement([]), /appendEventsStatement needs at least one event/);
  });

  it('with ifIssueExists appends only when that issue row is there', async () => {
    const issueId = await newIssue();
    const missing = '00000000-0000-4000-8000-000000000000';
    const event = (id: string): NewIssueEvent => ({ issueId: id, type: IssueEventType.COMMENTED, fromStatus: IssueStatus.SUBMITTED, toStatus: IssueStatus.SUBMITTED, at: AT });
    const run = async (statement: SQL) => d.em().transactional((tx) => runSql<{ seq: string }>(tx as unknown as EntityManager, statement));

    assert.deepEqual(await run(appendEventsStatement([event(missing)], { ifIssueExists: missing })), []);
    assert.deepEqual(await d.sql('select seq from issue_event where issue_id = ?', [missing]), []);

    const [appended] = await run(appendEventsStatement([event(issueId)], { ifIssueExists: issueId }));
    assert.deepEqual((await eventsOf(issueId)).map((r) => [Number(r.seq), r.type]).slice(1), [[Number(appended.seq), 'COMMENTED']]);
    assert.deepEqual((await outboxOf(issueId)).map((r) => Number(r.event_seq)), [Number(appended.seq)]);
  });

  it('takes the append lock inside the statement (held by the transaction until it commits)', async () => {
    const issueId = await newIssue();
    // pg_locks shows the transaction's own advisory lock while it is open: objid is the key's low 32 bits.
    const held = await d.em().transactional(async (tx) => {
      const em = tx as unknown as EntityManager;
      await appendIssueEvents(em, [{ issueId, type: IssueEventType.COMMENTED, fromStatus: IssueStatus.SUBMITTED, toStatus: IssueStatus.SUBMITTED, at: AT }]);
      return em.execute<{ objid: string }[]>(`select objid::text from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`);
    });
    assert.deepEqual(held.map((r) => Number(r.objid)), [7_345_002]);
  });
});

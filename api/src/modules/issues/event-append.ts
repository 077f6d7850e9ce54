/**
 * Appending to the issue timeline. Every writer of IssueEvent rows goes
 * through {@link appendIssueEvents} (or sends {@link appendEventsStatement}),
 * inside the transaction that changes the issue. It takes a transaction-scoped
 * advisory lock first, so events get their `seq` in commit order: the live
 * feed, which tails `seq > last`, can then never skip an event that commits
 * late. The lock is held only from the insert to the commit.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sql, timestamptz, type SQL } from '../../db/sql';
import type { IssueEventType, IssueStatus } from '../../domain/enums';

/** The advisory lock every event-appending transaction takes right before inserting (any number unique to this application). */
export const EVENT_APPEND_LOCK = 7_345_002;

/** One row of the timeline, as written. Never personal data in notes or actor names. */
export interface NewIssueEvent {
  issueId: string;
  type: IssueEventType;
  fromStatus: IssueStatus | null;
  toStatus: IssueStatus;
  note?: string | null;
  publicNote?: string | null;
  actorName?: string | null;
  /** A JavaScript Date (millisecond precision), never SQL now(). */
  at: Date;
}

/** One row of the values list; typed, because outside a plain VALUES insert PostgreSQL cannot take the types from the columns. */
function eventRow(e: NewIssueEvent, n: number): SQL {
  const text = (value: string | null | undefined) => sql.fragment`${sql.value(value ?? null)}::text`;
  return sql.fragment`(${sql.value(n)}::int, ${sql.value(e.issueId)}::uuid, ${text(e.type)}, ${text(e.fromStatus)}, ${text(e.toStatus)}, ${text(
    e.note,
  )}, ${text(e.publicNote)}, ${text(e.actorName)}, ${timestamptz(e.at)})`;
}

/**
 * The one statement that appends `events`, in order, returning their `seq`s.
 * The insert reads its rows through `append_lock`, so the lock is held before
 * the first `seq` is drawn. Run it after every other lock the transaction
 * needs (the issue row, the statistics roll-up its trigger updates), as every
 * writer does: the same order everywhere, no deadlock.
 *
 * `ifIssueExists`: append nothing and take no lock unless that issue row is
 * visible — for a script whose previous statement may not have inserted it.
 */
export function appendEventsStatement(events: readonly NewIssueEvent[], options: { ifIssueExists?: string } = {}): SQL {
  if (events.length === 0) throw new Error('appendEventsStatement needs at least one event');
  const lockKey = sql.value(EVENT_APPEND_LOCK);
  const lock =
    options.ifIssueExists === undefined
      ? sql.fragment`select pg_advisory_xact_lock(${lockKey})`
      : sql.fragment`select pg_advisory_xact_lock(${lockKey}) from issue where id = ${sql.value(options.ifIssueExists)}::uuid`;
  // Each event's outbox row is written by the same statement (outbound/outbox-fanout.ts reads it), so the
  // event and its delivery commit together or not at all, whoever appends.
  return sql.query`with append_lock as (${lock}), appended as (
     insert into issue_event (issue_id, type, from_status, to_status, note, public_note, actor_name, at)
     select e.issue_id, e.type, e.from_status, e.to_status, e.note, e.public_note, e.actor_name, e.at
     from append_lock, (values ${sql.join(events.map(eventRow), ', ')}) as e(n, issue_id, type, from_status, to_status, note, public_note, actor_name, at)
     order by e.n
     returning seq, issue_id
    ), outboxed as (insert into outbox (event_seq, issue_id) select seq, issue_id from appended)
    select seq from appended order by seq`;
}

/**
 * Inserts the events, in order, and returns their sequence numbers.
 * `tx` must be the EntityManager of an open transaction (e.g. the one
 * `em.transactional` passes in); commit soon afterwards, then call
 * `eventsCommitted()` on the app's EventNotifier.
 */
export async function appendIssueEvents(tx: EntityManager, events: readonly NewIssueEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  if (!tx.isInTransaction()) throw new Error('appendIssueEvents needs an open transaction');
  const rows = await runSql<{ seq: string | number }>(tx, appendEventsStatement(events));
  return rows.map((r) => Number(r.seq));
}

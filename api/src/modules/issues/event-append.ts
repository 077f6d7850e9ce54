/**
 * Appending to the issue timeline. Every writer of IssueEvent rows goes
 * through {@link appendIssueEvents}, inside the transaction that changes the
 * issue. It takes a transaction-scoped advisory lock first, so events get
 * their `seq` in commit order: the live feed, which tails `seq > last`, can
 * then never skip an event that commits late. The lock is held only from
 * the insert to the commit.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
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

/**
 * Inserts the events, in order, and returns their sequence numbers.
 * `tx` must be the EntityManager of an open transaction (e.g. the one
 * `em.transactional` passes in); commit soon afterwards, then call
 * `eventsCommitted()` on the app's EventNotifier.
 */
export async function appendIssueEvents(tx: EntityManager, events: readonly NewIssueEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  if (!tx.isInTransaction()) throw new Error('appendIssueEvents needs an open transaction');
  await tx.execute('select pg_advisory_xact_lock(?)', [EVENT_APPEND_LOCK]);
  const values = events.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
  const params = events.flatMap((e) => [
    e.issueId,
    e.type,
    e.fromStatus,
    e.toStatus,
    e.note ?? null,
    e.publicNote ?? null,
    e.actorName ?? null,
    e.at,
  ]);
  const rows = await tx.execute<{ seq: string | number }[]>(
    `insert into issue_event (issue_id, type, from_status, to_status, note, public_note, actor_name, at) values ${values} returning seq`,
    params,
  );
  return rows.map((r) => Number(r.seq));
}

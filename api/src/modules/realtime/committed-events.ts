/**
 * Reading committed IssueEvent rows in `seq` order, with the facts of their
 * issue that scope checks and feed filters need. The tail, the replay of
 * `issueEvents(after:)` and a slow subscriber's catch-up all read through here.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { inlineSql, sql, type SQL } from '../../db/sql';
import type { IssueScopeFacts } from '../auth/scope';
import { wholeEventObject } from '../issues/issue-sql';
import type { IssueEventRow } from '../issues/issue.row';

/** One committed event and what its issue looks like now. */
export interface CommittedEvent {
  seq: number;
  /** The event as the staff feed hands it to GraphQL: the same shape as a timeline's events. */
  event: IssueEventRow;
  facts: IssueScopeFacts;
  trackingCode: string;
  /** Codes of reports merged into this issue: their trackers follow it (TrackedIssue.mergedInto). */
  followerCodes: string[];
}

interface EventRow {
  seq: string | number;
  event: IssueEventRow;
  grid_id: string;
  assignee_id: string | null;
  region_path: string;
  tracking_code: string;
  follower_codes: string[] | null;
}

/** Marks these reads (the tail polls them on a timer): statement counts in tests and the bench tell them apart. */
export const COMMITTED_EVENTS_SQL_MARK = '/* committed events */';

// The event is built by the planner's own SQL for IssueEvent (issue-sql.ts): one shape from the database to the client.
const SELECT_EVENTS = sql.fragment`${sql.raw(COMMITTED_EVENTS_SQL_MARK)} select e.seq, ${wholeEventObject(sql.fragment`e`)} as event, i.grid_id, i.assignee_id, i.region_path, i.tracking_code,
  (select array_agg(d.tracking_code) from issue d where d.merged_into_id = i.id) as follower_codes
  from issue_event e join issue i on i.id = e.issue_id`;

function toCommittedEvent(row: EventRow): CommittedEvent {
  return {
    seq: Number(row.seq),
    event: row.event,
    facts: { gridId: row.grid_id, assigneeId: row.assignee_id, regionPath: row.region_path },
    trackingCode: row.tracking_code,
    followerCodes: row.follower_codes ?? [],
  };
}

/**
 * Committed events with `seq > afterSeq`, oldest first, at most `limit`,
 * matching every condition (over `e` = issue_event and `i` = issue).
 */
export async function readEventsAfter(
  em: EntityManager,
  afterSeq: number,
  limit: number,
  conditions: readonly SQL[] = [],
): Promise<CommittedEvent[]> {
  const where = sql.join([sql.fragment`e.seq > ${sql.value(afterSeq)}`, ...conditions], ' and ');
  const query = sql.query`${SELECT_EVENTS} where ${where} order by e.seq limit ${sql.value(limit)}`;
  // On a connection of its own, outside any transaction of the em's: the tail reads what others committed.
  const rows = await em.getConnection().execute<EventRow[]>(inlineSql(em, query));
  return rows.map(toCommittedEvent);
}

/** The newest committed sequence number (0 for an empty timeline). */
export async function latestEventSeq(em: EntityManager): Promise<number> {
  const [row] = await em.getConnection().execute<{ seq: string | number | null }[]>('select max(seq) as seq from issue_event');
  return Number(row?.seq ?? 0);
}

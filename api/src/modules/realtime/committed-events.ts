/**
 * Reading committed IssueEvent rows in `seq` order, with the facts of their
 * issue that scope checks and feed filters need. The tail, the replay of
 * `issueEvents(after:)` and a slow subscriber's catch-up all read through here.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { inlineSql, sql, type SQL } from '../../db/sql';
import type { IssueEventType, IssueStatus } from '../../domain/enums';
import type { IssueScopeFacts } from '../auth/scope';
import { encodeEventCursor } from '../issues/event-cursor';
import type { IssueEventRow, IsoDateTime } from '../issues/issue.row';

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
  issue_id: string;
  type: IssueEventType;
  from_status: IssueStatus | null;
  to_status: IssueStatus;
  note: string | null;
  public_note: string | null;
  actor_name: string | null;
  at_iso: IsoDateTime;
  grid_id: string;
  assignee_id: string | null;
  region_path: string;
  tracking_code: string;
  follower_codes: string[] | null;
}

// The time leaves as the contract's ISO text, as in every planned read (issue-sql.ts isoTime).
const SELECT_EVENTS = sql.fragment`select e.seq, e.issue_id, e.type, e.from_status, e.to_status, e.note, e.public_note, e.actor_name,
  to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at_iso, i.grid_id, i.assignee_id, i.region_path, i.tracking_code,
  (select array_agg(d.tracking_code) from issue d where d.merged_into_id = i.id) as follower_codes
  from issue_event e join issue i on i.id = e.issue_id`;

function toCommittedEvent(row: EventRow): CommittedEvent {
  const seq = Number(row.seq);
  return {
    seq,
    event: {
      id: String(seq),
      cursor: encodeEventCursor(seq),
      issueId: row.issue_id,
      type: row.type,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      note: row.note,
      publicNote: row.public_note,
      actorName: row.actor_name,
      at: row.at_iso,
    },
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

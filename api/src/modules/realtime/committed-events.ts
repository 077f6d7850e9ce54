/**
 * Reading committed IssueEvent rows in `seq` order, with the facts of their
 * issue that scope checks and feed filters need. The tail, the replay of
 * `issueEvents(after:)` and a slow subscriber's catch-up all read through here.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IssueEventType, IssueStatus } from '../../domain/enums';
import type { IssueScopeFacts, SqlCondition } from '../auth/scope';

/** The root value of an `IssueEvent` as its field resolvers read it (`seq`, `issue.id` and the columns). */
export interface LiveIssueEvent {
  seq: number;
  issue: { id: string };
  type: IssueEventType;
  fromStatus: IssueStatus | null;
  toStatus: IssueStatus;
  note: string | null;
  publicNote: string | null;
  actorName: string | null;
  at: Date;
}

/** One committed event and what its issue looks like now. */
export interface CommittedEvent {
  seq: number;
  event: LiveIssueEvent;
  facts: IssueScopeFacts;
  trackingCode: string;
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
  at_ms: string | number;
  grid_id: string;
  assignee_id: string | null;
  region_path: string;
  tracking_code: string;
}

// Timestamps leave as epoch milliseconds: both drivers then agree on the type (writes have millisecond precision).
const SELECT_EVENTS = `select e.seq, e.issue_id, e.type, e.from_status, e.to_status, e.note, e.public_note, e.actor_name,
  extract(epoch from e.at)::float8 * 1000 as at_ms, i.grid_id, i.assignee_id, i.region_path, i.tracking_code
  from issue_event e join issue i on i.id = e.issue_id`;

function toCommittedEvent(row: EventRow): CommittedEvent {
  const seq = Number(row.seq);
  return {
    seq,
    event: {
      seq,
      issue: { id: row.issue_id },
      type: row.type,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      note: row.note,
      publicNote: row.public_note,
      actorName: row.actor_name,
      at: new Date(Math.round(Number(row.at_ms))),
    },
    facts: { gridId: row.grid_id, assigneeId: row.assignee_id, regionPath: row.region_path },
    trackingCode: row.tracking_code,
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
  conditions: readonly SqlCondition[] = [],
): Promise<CommittedEvent[]> {
  const where = ['e.seq > ?', ...conditions.map((c) => c.sql)].join(' and ');
  const rows = await em
    .getConnection()
    .execute<EventRow[]>(`${SELECT_EVENTS} where ${where} order by e.seq limit ?`, [afterSeq, ...conditions.flatMap((c) => c.params), limit]);
  return rows.map(toCommittedEvent);
}

/** The newest committed sequence number (0 for an empty timeline). */
export async function latestEventSeq(em: EntityManager): Promise<number> {
  const [row] = await em.getConnection().execute<{ seq: string | number | null }[]>('select max(seq) as seq from issue_event');
  return Number(row?.seq ?? 0);
}

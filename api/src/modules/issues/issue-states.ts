/** Named sets of statuses (as FixMyStreet does) and the overdue rule, in JavaScript and in SQL. */
import { sql, timestamptz, type SQL } from '../../db/sql';
import { IssueStatus } from '../../domain/enums';

/** Not yet resolved: the resolve deadline still runs. */
export const UNRESOLVED_STATUSES: readonly IssueStatus[] = [
  IssueStatus.SUBMITTED,
  IssueStatus.ACCEPTED,
  IssueStatus.ASSIGNED,
  IssueStatus.IN_PROGRESS,
  // Sent back to dispatch: still to be done, its deadline still runs.
  IssueStatus.RETURNED,
];

/** Resolved, whether or not followed up or closed since. */
export const RESOLVED_STATUSES: readonly IssueStatus[] = [IssueStatus.RESOLVED, IssueStatus.FOLLOWED_UP, IssueStatus.CLOSED];

/** Still needs work or a return visit: everything but closed and rejected. */
export const OPEN_STATUSES: readonly IssueStatus[] = [...UNRESOLVED_STATUSES, IssueStatus.RESOLVED, IssueStatus.FOLLOWED_UP];

export function isOverdue(issue: { status: IssueStatus; responseDueAt: Date; resolveDueAt: Date }, now = new Date()): boolean {
  if (issue.status === IssueStatus.SUBMITTED && now > issue.responseDueAt) return true;
  return UNRESOLVED_STATUSES.includes(issue.status) && now > issue.resolveDueAt;
}

/** A set of statuses as SQL, `('A', 'B')`: our own constants, written inline (partial indexes name the same lists). */
export function statusList(statuses: readonly IssueStatus[]): SQL {
  return sql.raw(`(${statuses.map((s) => `'${s}'`).join(', ')})`);
}

/**
 * The same rule as {@link isOverdue}, over the issue table `alias` (statuses are our own constants, written inline).
 * `now` is the application's clock when it is not the system's (tests); otherwise the database's `now()`.
 */
export function overdueCondition(alias: SQL, now?: Date): SQL {
  const at = now ? timestamptz(now) : sql.fragment`now()`;
  return sql.fragment`((${alias}.status = 'SUBMITTED' and ${alias}.response_due_at < ${at}) or (${alias}.status in ${statusList(
    UNRESOLVED_STATUSES,
  )} and ${alias}.resolve_due_at < ${at}))`;
}

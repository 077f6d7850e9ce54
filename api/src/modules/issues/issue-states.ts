/** Named sets of statuses (as FixMyStreet does) and the overdue rule, in JavaScript and in SQL. */
import { sql, type SQL } from '../../db/sql';
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

const sqlList = (statuses: readonly IssueStatus[]) => statuses.map((s) => `'${s}'`).join(', ');

/**
 * The same rule as {@link isOverdue}, over the issue table `alias` (statuses are our own constants, written inline).
 * `now` is the application's clock when it is not the system's (tests); otherwise the database's `now()`.
 */
export function overdueCondition(alias: SQL, now?: Date): SQL {
  const at = now ? sql.fragment`${sql.value(now.toISOString())}::timestamptz` : sql.fragment`now()`;
  return sql.fragment`((${alias}.status = 'SUBMITTED' and ${alias}.response_due_at < ${at}) or (${alias}.status in (${sql.raw(
    sqlList(UNRESOLVED_STATUSES),
  )}) and ${alias}.resolve_due_at < ${at}))`;
}

/**
 * {@link overdueCondition} as text, over an issue table aliased `alias`. `now` is the SQL for the
 * current time: the database's `now()`, or `?::timestamptz` with {@link overdueSqlParams} for a
 * clock of the application's.
 */
export function overdueSql(alias: string, now = 'now()'): string {
  return `((${alias}.status = 'SUBMITTED' and ${alias}.response_due_at < ${now}) or (${alias}.status in (${sqlList(
    UNRESOLVED_STATUSES,
  )}) and ${alias}.resolve_due_at < ${now}))`;
}

/** The parameters of `overdueSql(alias, '?::timestamptz')`. */
export function overdueSqlParams(now: Date): Date[] {
  return [now, now];
}

export const RESOLVED_STATUSES_SQL = `(${sqlList(RESOLVED_STATUSES)})`;
export const OPEN_STATUSES_SQL = `(${sqlList(OPEN_STATUSES)})`;

/**
 * The assignment ledger behind 考核 (performance.service.ts): each move that
 * hands an issue to a cadre opens a row; the cadre's later moves on it (start,
 * return, resolve) and the return visits fill it in. Written by runTransition
 * in the move's own transaction, after the issue update and before the event
 * append — the lock order every writer keeps — so the figures are exact under
 * concurrent moves (two moves on one issue are serialised by its row lock).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sql, timestamptz, type SQL } from '../../db/sql';
import type { WorkflowAction } from '../issues/issue.workflow';

/** What each move does to the ledger's current row, given the move's time (moves not listed leave it alone). */
const UPDATES: Partial<Record<WorkflowAction, (at: SQL) => SQL>> = {
  start: (at) => sql.fragment`responded_at = coalesce(responded_at, ${at})`,
  return: (at) => sql.fragment`responded_at = coalesce(responded_at, ${at}), returns = returns + 1, held = false`,
  refuseReturn: () => sql.fragment`held = true`,
  resolve: (at) => sql.fragment`responded_at = coalesce(responded_at, ${at}), resolved_at = ${at},
    resolved_on_time = ${at} <= (select i.resolve_due_at from issue i where i.id = issue_assignment.issue_id)`,
  followUpSatisfied: () => sql.fragment`followed_up = followed_up + 1, satisfied = satisfied + 1`,
  followUpUnsatisfied: () => sql.fragment`followed_up = followed_up + 1, reopened = reopened + 1, resolved_at = null, resolved_on_time = null`,
  reopen: () => sql.fragment`reopened = reopened + 1, resolved_at = null, resolved_on_time = null`,
};

/** Records `action` on `issueId` at `at`; `assigneeId` is the cadre a handing move gave it to. */
export async function recordInLedger(tx: EntityManager, action: WorkflowAction, issueId: string, at: Date, assigneeId: string | undefined): Promise<void> {
  const issue = sql.fragment`${sql.value(issueId)}::uuid`;
  const when = timestamptz(at);
  if (action === 'assign' || action === 'reassign' || action === 'escalate') {
    if (!assigneeId) throw new Error(`${action} without an assignee`);
    await runSql(tx, sql.query`update issue_assignment set held = false where issue_id = ${issue} and held`);
    // The cadre gets the category's response window (as the issue was given it) from the handing.
    await runSql(
      tx,
      sql.query`insert into issue_assignment (id, issue_id, cadre_id, region_path, assigned_at, response_due_at)
       select gen_random_uuid(), i.id, ${sql.value(assigneeId)}::uuid, i.region_path, ${when}, ${when} + (i.response_due_at - i.created_at)
       from issue i where i.id = ${issue}`,
    );
    return;
  }
  if (action === 'merge') {
    // 合并: the pair counts once — the duplicate's handings leave 考核 (the roll-ups' trigger takes them out too).
    await runSql(tx, sql.query`delete from issue_assignment where issue_id = ${issue}`);
    return;
  }
  const update = UPDATES[action];
  if (!update) return;
  // The latest row of the issue: the handing the present moves belong to.
  await runSql(
    tx,
    sql.query`update issue_assignment set ${update(when)}
      where id = (select a.id from issue_assignment a where a.issue_id = ${issue} order by a.assigned_at desc, a.id desc limit 1)`,
  );
}

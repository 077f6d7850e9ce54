/**
 * The assignment ledger behind 考核 (performance.service.ts): each move that
 * hands an issue to a cadre opens a row; the cadre's later moves on it (start,
 * return, resolve) and the return visits fill it in. Written by runTransition
 * in the move's own transaction, after the issue update and before the event
 * append — the lock order every writer keeps — so the figures are exact under
 * concurrent moves (two moves on one issue are serialised by its row lock).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkflowAction } from '../issues/issue.workflow';

/** The latest row of an issue: the handing the present moves belong to. */
const CURRENT = `id = (select a.id from issue_assignment a where a.issue_id = ? order by a.assigned_at desc, a.id desc limit 1)`;

/** What each move does to the ledger (moves not listed leave it alone). */
const UPDATES: Partial<Record<WorkflowAction, string>> = {
  start: `responded_at = coalesce(responded_at, ?::timestamptz)`,
  return: `responded_at = coalesce(responded_at, ?::timestamptz), returns = returns + 1, held = false`,
  refuseReturn: `held = true`,
  resolve: `responded_at = coalesce(responded_at, ?::timestamptz), resolved_at = ?::timestamptz,
    resolved_on_time = ?::timestamptz <= (select i.resolve_due_at from issue i where i.id = issue_assignment.issue_id)`,
  followUpSatisfied: `followed_up = followed_up + 1, satisfied = satisfied + 1`,
  followUpUnsatisfied: `followed_up = followed_up + 1, reopened = reopened + 1, resolved_at = null, resolved_on_time = null`,
  reopen: `reopened = reopened + 1, resolved_at = null, resolved_on_time = null`,
};

/** Records `action` on `issueId` at `at`; `assigneeId` is the cadre a handing move gave it to. */
export async function recordInLedger(tx: EntityManager, action: WorkflowAction, issueId: string, at: Date, assigneeId: string | undefined): Promise<void> {
  if (action === 'assign' || action === 'reassign' || action === 'escalate') {
    if (!assigneeId) throw new Error(`${action} without an assignee`);
    await tx.execute('update issue_assignment set held = false where issue_id = ? and held', [issueId]);
    // The cadre gets the category's response window (as the issue was given it) from the handing.
    await tx.execute(
      `insert into issue_assignment (id, issue_id, cadre_id, region_path, assigned_at, response_due_at)
       select gen_random_uuid(), i.id, ?, i.region_path, ?::timestamptz, ?::timestamptz + (i.response_due_at - i.created_at) from issue i where i.id = ?`,
      [assigneeId, at, at, issueId],
    );
    return;
  }
  if (action === 'merge') {
    // 合并: the pair counts once — the duplicate's handings leave 考核 (the roll-ups' trigger takes them out too).
    await tx.execute('delete from issue_assignment where issue_id = ?', [issueId]);
    return;
  }
  const update = UPDATES[action];
  if (!update) return;
  const times = (update.match(/\?::timestamptz/g) ?? []).map(() => at);
  await tx.execute(`update issue_assignment set ${update} where ${CURRENT}`, [...times, issueId]);
}

import { Migration } from '@mikro-orm/migrations';

/**
 * 考核 roll-ups: per UTC day of the handing, the counts `performance` needs,
 * kept exact by a trigger on the assignment ledger, so a month reads a day's
 * worth of rows per cadre instead of every handing joined to its issue.
 *
 *  - performance_cadre_day: per day, cadre and the issue's region (the
 *    community path the ledger records): CADRE and UNIT figures.
 *  - performance_region_day: per day and region at every level of the tree
 *    (the path and each ancestor): REGION figures.
 *
 * The time-dependent part of `overdue` (still held and unresolved past the
 * issue's deadline) is not rolled up: performance.service counts it live
 * through the partial index on the (few) open handings. `resolved_late` is the
 * other part. The trigger fires in the transition's transaction, after the
 * issue update (whose triggers lock the statistics roll-ups) and before the
 * event append lock; it writes the cadre rows, then the region rows, each in
 * key order, with `on conflict … do update set x = x + excluded.x`: one lock
 * order for every writer, and no increment lost to a concurrent one.
 */
/** The statuses of an issue still to be resolved (performance.service's UNRESOLVED). */
const UNRESOLVED = `'SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RETURNED'`;
const COUNTS = ['assigned', 'responded_on_time', 'resolved', 'resolved_on_time', 'resolved_late', 'returned', 'followed_up', 'satisfied', 'reopened'];

const columns = COUNTS.map((c) => `"${c}" bigint not null default 0`).join(', ');
const sums = (alias: string) => COUNTS.map((c) => `sum(${alias}.${c})`).join(', ');
const nonZero = (alias: string) => COUNTS.map((c) => `sum(${alias}.${c}) <> 0`).join(' or ');
const increments = COUNTS.map((c) => `${c} = r.${c} + excluded.${c}`).join(', ');
const list = COUNTS.join(', ');

export class Migration20261208000000PerformanceRollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "performance_cadre_day" ("day" date not null, "cadre_id" uuid not null, "region_path" text not null, ${columns},
      constraint "performance_cadre_day_pkey" primary key ("day", "cadre_id", "region_path"))`);
    this.addSql(`create table "performance_region_day" ("region_path" text not null, "day" date not null, ${columns},
      constraint "performance_region_day_pkey" primary key ("region_path", "day"))`);
    // The live part of `overdue` from two small indexes alone: the handings still held and unresolved, and the
    // issues still unresolved with their deadline.
    this.addSql(`create index "issue_assignment_open_idx" on "issue_assignment" ("assigned_at") include ("issue_id", "cadre_id", "region_path")
      where "resolved_at" is null and "held"`);
    this.addSql(`create index "issue_open_due_idx" on "issue" ("id") include ("resolve_due_at") where "status" in (${UNRESOLVED})`);

    // One handing's contribution (sign +1 or −1) to the counts of its day, cadre and region.
    this.addSql(`create function lastmeter_assignment_counts(a issue_assignment, sign int)
      returns table (day date, cadre_id uuid, region_path text, ${COUNTS.map((c) => `${c} bigint`).join(', ')})
      language sql immutable as $$
      select (a.assigned_at at time zone 'UTC')::date, a.cadre_id, a.region_path, sign::bigint,
        (sign * coalesce(a.responded_at <= a.response_due_at, false)::int)::bigint,
        (sign * (a.resolved_at is not null)::int)::bigint,
        (sign * coalesce(a.resolved_on_time, false)::int)::bigint,
        (sign * coalesce(not a.resolved_on_time, false)::int)::bigint,
        (sign * (a.returns > 0)::int)::bigint,
        (sign * a.followed_up)::bigint, (sign * a.satisfied)::bigint, (sign * a.reopened)::bigint
    $$`);

    this.addSql(`create function lastmeter_performance_rollup() returns trigger language plpgsql as $$
    begin
      insert into performance_cadre_day as r (day, cadre_id, region_path, ${list})
      select d.day, d.cadre_id, d.region_path, ${sums('d')}
      from (
        select * from lastmeter_assignment_counts(old, -1) where tg_op in ('UPDATE', 'DELETE')
        union all
        select * from lastmeter_assignment_counts(new, 1) where tg_op in ('UPDATE', 'INSERT')
      ) d
      group by d.day, d.cadre_id, d.region_path
      having ${nonZero('d')}
      order by d.day, d.cadre_id, d.region_path
      on conflict (day, cadre_id, region_path) do update set ${increments};

      insert into performance_region_day as r (region_path, day, ${list})
      select p, d.day, ${sums('d')}
      from (
        select * from lastmeter_assignment_counts(old, -1) where tg_op in ('UPDATE', 'DELETE')
        union all
        select * from lastmeter_assignment_counts(new, 1) where tg_op in ('UPDATE', 'INSERT')
      ) d, lateral lastmeter_path_prefixes(d.region_path) p
      group by p, d.day
      having ${nonZero('d')}
      order by p, d.day
      on conflict (region_path, day) do update set ${increments};
      return null;
    end $$`);

    this.addSql(`create trigger issue_assignment_performance_rollup_insert_delete after insert or delete on issue_assignment
      for each row execute function lastmeter_performance_rollup()`);
    // Only changes that move a count: held (the live overdue part reads it from the ledger) does not.
    this.addSql(`create trigger issue_assignment_performance_rollup_update after update on issue_assignment
      for each row when (old.assigned_at is distinct from new.assigned_at or old.cadre_id is distinct from new.cadre_id
        or old.region_path is distinct from new.region_path or old.response_due_at is distinct from new.response_due_at
        or old.responded_at is distinct from new.responded_at or old.returns is distinct from new.returns
        or old.resolved_at is distinct from new.resolved_at or old.resolved_on_time is distinct from new.resolved_on_time
        or old.followed_up is distinct from new.followed_up or old.satisfied is distinct from new.satisfied
        or old.reopened is distinct from new.reopened)
      execute function lastmeter_performance_rollup()`);

    // Rebuilds both from the ledger (after a bulk load that bypassed triggers, or to repair).
    this.addSql(`create function lastmeter_rebuild_performance_rollup() returns void language sql as $$
      delete from performance_cadre_day;
      delete from performance_region_day;
      insert into performance_cadre_day (day, cadre_id, region_path, ${list})
      select c.day, c.cadre_id, c.region_path, ${sums('c')}
      from issue_assignment a, lateral lastmeter_assignment_counts(a, 1) c
      group by c.day, c.cadre_id, c.region_path;
      insert into performance_region_day (region_path, day, ${list})
      select p, c.day, ${sums('c')}
      from performance_cadre_day c, lateral lastmeter_path_prefixes(c.region_path) p
      group by p, c.day;
    $$`);
    // A city's ledger (a million handings) takes longer than the connection's statement timeout: this
    // one-time backfill may run as long as it needs, within the migration's own transaction only.
    this.addSql(`set local statement_timeout = 0`);
    this.addSql(`select lastmeter_rebuild_performance_rollup()`);
  }
}

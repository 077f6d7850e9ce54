import { Migration } from '@mikro-orm/migrations';

/**
 * Statistics roll-up: per region (at every level of the tree), category and
 * status, the counts and sums `issueStats` needs, kept exact by a trigger on
 * `issue` — so city-wide figures read a few hundred rows instead of scanning a
 * million issues, and stay consistent with every transition whoever writes it.
 * The time-dependent `overdue` count is not rolled up; two partial indexes
 * keep it to the (few) unresolved issues past a deadline.
 */
export class Migration20261128160000StatsRollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "issue_stats_rollup" (
      "region_path" text not null,
      "category_code" text not null,
      "status" text not null,
      "issues" bigint not null default 0,
      "on_time" bigint not null default 0,
      "followed_up" bigint not null default 0,
      "satisfied" bigint not null default 0,
      "resolved_n" bigint not null default 0,
      "resolved_seconds" numeric not null default 0,
      constraint "issue_stats_rollup_pkey" primary key ("region_path", "category_code", "status"))`);

    // '/a/b/c/' → '/a/', '/a/b/', '/a/b/c/': the region and each of its ancestors.
    this.addSql(`create function lastmeter_path_prefixes(path text) returns setof text language sql immutable strict as $$
      select '/' || array_to_string(parts[1:n], '/') || '/'
      from (select string_to_array(trim(both '/' from path), '/') as parts) s, generate_series(1, coalesce(array_length(parts, 1), 0)) n
    $$`);

    // One issue's contribution (sign +1 or -1) to every roll-up row it counts in.
    this.addSql(`create function lastmeter_issue_rollup_rows(i issue, sign int)
      returns table (region_path text, category_code text, status text, issues bigint, on_time bigint, followed_up bigint,
                     satisfied bigint, resolved_n bigint, resolved_seconds numeric)
      language sql stable as $$
      select p, i.category_code, i.status, sign::bigint,
        (sign * coalesce(i.status in ('RESOLVED', 'FOLLOWED_UP', 'CLOSED') and i.resolved_at <= i.resolve_due_at, false)::int)::bigint,
        (sign * (i.follow_up_satisfaction is not null)::int)::bigint,
        (sign * coalesce(i.follow_up_satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED'), false)::int)::bigint,
        (sign * (i.status in ('RESOLVED', 'FOLLOWED_UP', 'CLOSED') and i.resolved_at is not null)::int)::bigint,
        case when i.status in ('RESOLVED', 'FOLLOWED_UP', 'CLOSED') and i.resolved_at is not null
             then sign * extract(epoch from (i.resolved_at - i.created_at)) else 0 end
      from lastmeter_path_prefixes(i.region_path) p
    $$`);

    // Applies old (−) and new (+) contributions in one statement, netted and in key order:
    // every transaction locks roll-up rows in the same order, so two never deadlock on them.
    this.addSql(`create function lastmeter_issue_rollup() returns trigger language plpgsql as $$
    begin
      insert into issue_stats_rollup as r (region_path, category_code, status, issues, on_time, followed_up, satisfied, resolved_n, resolved_seconds)
      select d.region_path, d.category_code, d.status, sum(d.issues), sum(d.on_time), sum(d.followed_up), sum(d.satisfied), sum(d.resolved_n), sum(d.resolved_seconds)
      from (
        select * from lastmeter_issue_rollup_rows(old, -1) where tg_op in ('UPDATE', 'DELETE')
        union all
        select * from lastmeter_issue_rollup_rows(new, 1) where tg_op in ('UPDATE', 'INSERT')
      ) d
      group by d.region_path, d.category_code, d.status
      having sum(d.issues) <> 0 or sum(d.on_time) <> 0 or sum(d.followed_up) <> 0 or sum(d.satisfied) <> 0
          or sum(d.resolved_n) <> 0 or sum(d.resolved_seconds) <> 0
      order by d.region_path, d.category_code, d.status
      on conflict (region_path, category_code, status) do update set
        issues = r.issues + excluded.issues,
        on_time = r.on_time + excluded.on_time,
        followed_up = r.followed_up + excluded.followed_up,
        satisfied = r.satisfied + excluded.satisfied,
        resolved_n = r.resolved_n + excluded.resolved_n,
        resolved_seconds = r.resolved_seconds + excluded.resolved_seconds;
      return null;
    end $$`);

    this.addSql(`create trigger issue_stats_rollup_insert_delete after insert or delete on issue
      for each row execute function lastmeter_issue_rollup()`);
    // Only changes that move a figure: the overdue sweep's flags, notes and versions do not.
    this.addSql(`create trigger issue_stats_rollup_update after update on issue
      for each row when (old.region_path is distinct from new.region_path or old.category_code is distinct from new.category_code
        or old.status is distinct from new.status or old.created_at is distinct from new.created_at
        or old.resolved_at is distinct from new.resolved_at or old.resolve_due_at is distinct from new.resolve_due_at
        or old.follow_up_satisfaction is distinct from new.follow_up_satisfaction)
      execute function lastmeter_issue_rollup()`);

    // Rebuilds the roll-up from the issues (after a bulk load that bypassed triggers, or to repair):
    // one pass grouping by community, then each group added to its ancestors.
    this.addSql(`create function lastmeter_rebuild_issue_rollup() returns void language sql as $$
      delete from issue_stats_rollup;
      insert into issue_stats_rollup (region_path, category_code, status, issues, on_time, followed_up, satisfied, resolved_n, resolved_seconds)
      select p, g.category_code, g.status, sum(g.issues), sum(g.on_time), sum(g.followed_up), sum(g.satisfied), sum(g.resolved_n), sum(g.resolved_seconds)
      from (
        select i.region_path, i.category_code, i.status, count(*) as issues,
          count(*) filter (where i.status in ('RESOLVED', 'FOLLOWED_UP', 'CLOSED') and i.resolved_at <= i.resolve_due_at) as on_time,
          count(*) filter (where i.follow_up_satisfaction is not null) as followed_up,
          count(*) filter (where i.follow_up_satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED')) as satisfied,
          count(*) filter (where i.status in ('RESOLVED', 'FOLLOWED_UP', 'CLOSED') and i.resolved_at is not null) as resolved_n,
          coalesce(sum(extract(epoch from (i.resolved_at - i.created_at))) filter (where i.status in ('RESOLVED', 'FOLLOWED_UP', 'CLOSED') and i.resolved_at is not null), 0) as resolved_seconds
        from issue i group by i.region_path, i.category_code, i.status
      ) g, lateral lastmeter_path_prefixes(g.region_path) p
      group by p, g.category_code, g.status;
    $$`);
    this.addSql(`select lastmeter_rebuild_issue_rollup()`);

    // overdue = unresolved past resolveDueAt, or still SUBMITTED past responseDueAt.
    this.addSql(`create index "issue_overdue_resolve_idx" on "issue" ("resolve_due_at", "region_path" text_pattern_ops)
      where "status" in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS')`);
    this.addSql(`create index "issue_overdue_response_idx" on "issue" ("response_due_at", "region_path" text_pattern_ops)
      where "status" = 'SUBMITTED'`);
  }
}

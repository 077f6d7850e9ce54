import { Migration } from '@mikro-orm/migrations';

/**
 * The `overdue` count without reading every overdue issue: per region (every
 * level), category and UTC day of the resolve deadline, the number of
 * unresolved issues, kept exact by a trigger like the statistics roll-up.
 * Every issue due before today is overdue if unresolved, whatever the clock
 * says now; so `overdue` is a sum over past days from this table, plus a live
 * count of only today's passed deadlines and of SUBMITTED issues past their
 * response deadline (both small, through partial indexes).
 */
export class Migration20261128200000OverdueRollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "issue_overdue_rollup" (
      "region_path" text not null,
      "category_code" text not null,
      "due_day" date not null,
      "issues" bigint not null default 0,
      constraint "issue_overdue_rollup_pkey" primary key ("region_path", "due_day", "category_code"))`);

    // One issue's contribution (+1 / −1) while it is unresolved, to its region and each ancestor.
    this.addSql(`create function lastmeter_issue_overdue_rows(i issue, sign int)
      returns table (region_path text, category_code text, due_day date, issues bigint)
      language sql stable as $$
      select p, i.category_code, (i.resolve_due_at at time zone 'UTC')::date, sign::bigint
      from lastmeter_path_prefixes(i.region_path) p
      where i.status in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS')
    $$`);

    // Netted and in key order, like the statistics roll-up. PostgreSQL fires an event's triggers in
    // name order: 'issue_zz_…' comes after 'issue_stats_rollup_…', so every writer locks statistics
    // rows, then these, then takes the event-append lock — one order, no deadlock.
    this.addSql(`create function lastmeter_issue_overdue_rollup() returns trigger language plpgsql as $$
    begin
      insert into issue_overdue_rollup as r (region_path, category_code, due_day, issues)
      select d.region_path, d.category_code, d.due_day, sum(d.issues)
      from (
        select * from lastmeter_issue_overdue_rows(old, -1) where tg_op in ('UPDATE', 'DELETE')
        union all
        select * from lastmeter_issue_overdue_rows(new, 1) where tg_op in ('UPDATE', 'INSERT')
      ) d
      group by d.region_path, d.due_day, d.category_code
      having sum(d.issues) <> 0
      order by d.region_path, d.due_day, d.category_code
      on conflict (region_path, due_day, category_code) do update set issues = r.issues + excluded.issues;
      return null;
    end $$`);

    this.addSql(`create trigger issue_zz_overdue_rollup_insert_delete after insert or delete on issue
      for each row execute function lastmeter_issue_overdue_rollup()`);
    this.addSql(`create trigger issue_zz_overdue_rollup_update after update on issue
      for each row when (old.region_path is distinct from new.region_path or old.category_code is distinct from new.category_code
        or old.status is distinct from new.status or old.resolve_due_at is distinct from new.resolve_due_at)
      execute function lastmeter_issue_overdue_rollup()`);

    // The rebuild (after a bulk load that bypassed triggers) now rebuilds both roll-ups.
    this.addSql(`create function lastmeter_rebuild_overdue_rollup() returns void language sql as $$
      delete from issue_overdue_rollup;
      insert into issue_overdue_rollup (region_path, category_code, due_day, issues)
      select p, g.category_code, g.due_day, sum(g.issues)
      from (
        select i.region_path, i.category_code, (i.resolve_due_at at time zone 'UTC')::date as due_day, count(*) as issues
        from issue i where i.status in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS')
        group by 1, 2, 3
      ) g, lateral lastmeter_path_prefixes(g.region_path) p
      group by p, g.category_code, g.due_day;
    $$`);
    this.addSql(`alter function lastmeter_rebuild_issue_rollup() rename to lastmeter_rebuild_stats_rollup`);
    this.addSql(`create function lastmeter_rebuild_issue_rollup() returns void language sql as $$
      select lastmeter_rebuild_stats_rollup();
      select lastmeter_rebuild_overdue_rollup();
    $$`);
    this.addSql(`select lastmeter_rebuild_overdue_rollup()`);

    // SUBMITTED past the response deadline but not yet past the resolve deadline: answered from the index alone.
    this.addSql(`drop index "issue_overdue_response_idx"`);
    this.addSql(`create index "issue_overdue_response_idx" on "issue" ("response_due_at", "region_path" text_pattern_ops)
      include ("resolve_due_at") where "status" = 'SUBMITTED'`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Keeps a day's 考核 roll-up rows together on disk. A month by cadre reads
 * about 70,000 cadre-days of a city; laid out in the order the rebuild's hash
 * aggregate produced them, those rows sat on 28,000 pages instead of 2,300,
 * and the read took four times as long.
 *
 *  - The rebuild writes the rows in day order into emptied tables (truncate,
 *    where delete left the old rows' space to be refilled out of order).
 *  - fillfactor 70 leaves room on each page, so the trigger's increments stay
 *    heap-only updates on the row's own page (no index holds a count) instead
 *    of moving the row to the end of the table. New days arrive in order.
 *
 * The rebuild runs once here to lay out an existing ledger.
 */
const COUNTS = ['assigned', 'responded_on_time', 'resolved', 'resolved_on_time', 'resolved_late', 'returned', 'followed_up', 'satisfied', 'reopened'];
const sums = (alias: string) => COUNTS.map((c) => `sum(${alias}.${c})`).join(', ');
const list = COUNTS.join(', ');

export class Migration20261208100000PerformanceRollupLayout extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "performance_cadre_day" set (fillfactor = 70)`);
    this.addSql(`alter table "performance_region_day" set (fillfactor = 70)`);
    this.addSql(`create or replace function lastmeter_rebuild_performance_rollup() returns void language sql as $$
      truncate performance_cadre_day, performance_region_day;
      insert into performance_cadre_day (day, cadre_id, region_path, ${list})
      select c.day, c.cadre_id, c.region_path, ${sums('c')}
      from issue_assignment a, lateral lastmeter_assignment_counts(a, 1) c
      group by c.day, c.cadre_id, c.region_path
      order by c.day, c.cadre_id, c.region_path;
      insert into performance_region_day (region_path, day, ${list})
      select p, c.day, ${sums('c')}
      from performance_cadre_day c, lateral lastmeter_path_prefixes(c.region_path) p
      group by p, c.day
      order by c.day, p;
    $$`);
    this.addSql(`set local statement_timeout = 0`);
    this.addSql(`select lastmeter_rebuild_performance_rollup()`);
  }
}

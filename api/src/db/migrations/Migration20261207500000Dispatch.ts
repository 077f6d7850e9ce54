import { Migration } from '@mikro-orm/migrations';

const STATUSES = `'SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED', 'REJECTED', 'RETURNED', 'MERGED'`;
const EVENT_TYPES = `'SUBMITTED', 'ACCEPTED', 'REJECTED', 'ASSIGNED', 'ESCALATED', 'STARTED', 'COMMENTED', 'RESOLVED', 'FOLLOWED_UP', 'REOPENED', 'CLOSED', 'OVERDUE', 'RETURNED', 'RETURN_REFUSED', 'REASSIGNED', 'EXTENSION_REQUESTED', 'EXTENSION_APPROVED', 'EXTENSION_DENIED', 'URGED', 'SUPERVISED', 'UNSUPERVISED', 'MERGED', 'DUE_SOON',
  'PHOTOS_ADDED', 'PHOTO_VISIBILITY_CHANGED'`;
// The photo event types too: a database that took the Photos migration first keeps them (that one adds them when missing).
/** Unresolved: the resolve deadline still runs (a returned issue waits for dispatch, its clock running). */
const UNRESOLVED = `'SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RETURNED'`;

/**
 * Dispatch operations (issue 14): 退单 (RETURNED), 合并 (MERGED), 延期 (issue_extension),
 * 催办 (urge_count, DUE_SOON once), 督办 (supervised). A returned issue is unresolved, so
 * the overdue roll-up and its partial index take RETURNED in.
 */
export class Migration20261207500000Dispatch extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "issue" drop constraint "issue_status_check"`);
    this.addSql(`alter table "issue" add constraint "issue_status_check" check ("status" in (${STATUSES}))`);
    this.addSql(`alter table "issue_event" drop constraint "issue_event_type_check"`);
    this.addSql(`alter table "issue_event" add constraint "issue_event_type_check" check ("type" in (${EVENT_TYPES}))`);
    this.addSql(`alter table "issue_event" drop constraint "issue_event_from_status_check"`);
    this.addSql(`alter table "issue_event" add constraint "issue_event_from_status_check" check ("from_status" in (${STATUSES}))`);
    this.addSql(`alter table "issue_event" drop constraint "issue_event_to_status_check"`);
    this.addSql(`alter table "issue_event" add constraint "issue_event_to_status_check" check ("to_status" in (${STATUSES}))`);

    this.addSql(`alter table "issue"
      add column "supervised" boolean not null default false,
      add column "urge_count" int not null default 0,
      add column "return_reason" text check ("return_reason" in ('NOT_OUR_RESPONSIBILITY', 'WRONG_LOCATION', 'INSUFFICIENT_INFORMATION', 'DUPLICATE', 'OTHER')) null,
      add column "merged_into_id" uuid null,
      add column "extended_to" timestamptz null,
      add column "due_soon_raised" boolean not null default false`);
    this.addSql(`alter table "issue" add constraint "issue_merged_into_id_foreign" foreign key ("merged_into_id") references "issue" ("id") on update cascade on delete set null`);
    this.addSql(`create index "issue_merged_into_idx" on "issue" ("merged_into_id")`);
    // Duty lists: supervised issues first, then the oldest resolve deadline (issue.query.ts, order 'deadline').
    this.addSql(`create index "issue_duty_idx" on "issue" ("assignee_id", (not "supervised"), "resolve_due_at", "id")`);
    // issueStats counts extended issues of a region: only the few with an approved extension are indexed.
    this.addSql(`create index "issue_extended_idx" on "issue" ("region_path" text_pattern_ops) where "extended_to" is not null`);

    this.addSql(`create table "issue_extension" ("id" uuid not null, "issue_id" uuid not null,
      "status" text check ("status" in ('PENDING', 'APPROVED', 'DENIED')) not null,
      "requested_due_at" timestamptz not null, "reason" text not null, "requested_by" text not null,
      "requested_by_user_id" uuid not null, "requested_at" timestamptz not null,
      "decided_by" text null, "decided_at" timestamptz null, "decision_note" text null,
      constraint "issue_extension_pkey" primary key ("id"))`);
    this.addSql(`create index "issue_extension_issue_idx" on "issue_extension" ("issue_id", "requested_at")`);
    // At most one pending request per issue, whatever two requests racing do.
    this.addSql(`create unique index "issue_extension_pending_unique" on "issue_extension" ("issue_id") where "status" = 'PENDING'`);
    this.addSql(`alter table "issue_extension" add constraint "issue_extension_issue_id_foreign" foreign key ("issue_id") references "issue" ("id") on update cascade on delete restrict`);

    this.addSql(`create or replace function lastmeter_issue_overdue_rows(i issue, sign int)
      returns table (region_path text, category_code text, due_day date, issues bigint)
      language sql stable as $$
      select p, i.category_code, (i.resolve_due_at at time zone 'UTC')::date, sign::bigint
      from lastmeter_path_prefixes(i.region_path) p
      where i.status in (${UNRESOLVED})
    $$`);
    this.addSql(`create or replace function lastmeter_rebuild_overdue_rollup() returns void language sql as $$
      delete from issue_overdue_rollup;
      insert into issue_overdue_rollup (region_path, category_code, due_day, issues)
      select p, g.category_code, g.due_day, sum(g.issues)
      from (
        select i.region_path, i.category_code, (i.resolve_due_at at time zone 'UTC')::date as due_day, count(*) as issues
        from issue i where i.status in (${UNRESOLVED})
        group by 1, 2, 3
      ) g, lateral lastmeter_path_prefixes(g.region_path) p
      group by p, g.category_code, g.due_day;
    $$`);
    this.addSql(`drop index "issue_overdue_resolve_idx"`);
    this.addSql(`create index "issue_overdue_resolve_idx" on "issue" ("resolve_due_at", "region_path" text_pattern_ops) where "status" in (${UNRESOLVED})`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * 考核 (issue 14): one row per time an issue is handed to a cadre (assign,
 * reassign, escalate), kept by the workflow in the transaction of each move,
 * so every figure of `performance` is a count over these rows: who was given
 * what, answered and resolved in time, returned, and how residents judged it.
 */
export class Migration20261207500002Performance extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "issue_assignment" ("id" uuid not null, "issue_id" uuid not null, "cadre_id" uuid not null,
      "region_path" text not null, "assigned_at" timestamptz not null, "response_due_at" timestamptz not null,
      "responded_at" timestamptz null, "returns" int not null default 0, "held" boolean not null default true,
      "resolved_at" timestamptz null, "resolved_on_time" boolean null, "followed_up" int not null default 0,
      "satisfied" int not null default 0, "reopened" int not null default 0,
      constraint "issue_assignment_pkey" primary key ("id"))`);
    this.addSql(`create index "issue_assignment_period_idx" on "issue_assignment" ("assigned_at", "cadre_id")`);
    this.addSql(`create index "issue_assignment_issue_idx" on "issue_assignment" ("issue_id", "assigned_at")`);
    this.addSql(`alter table "issue_assignment" add constraint "issue_assignment_issue_id_foreign" foreign key ("issue_id") references "issue" ("id") on update cascade on delete restrict`);
    this.addSql(`alter table "issue_assignment" add constraint "issue_assignment_cadre_id_foreign" foreign key ("cadre_id") references "cadre" ("id") on update cascade on delete restrict`);
    // Issues assigned before this migration: one row for their present assignee, from what the issue row knows.
    this.addSql(`insert into "issue_assignment" ("id", "issue_id", "cadre_id", "region_path", "assigned_at", "response_due_at", "responded_at",
        "resolved_at", "resolved_on_time", "followed_up", "satisfied")
      select gen_random_uuid(), i.id, i.assignee_id, i.region_path, coalesce(i.accepted_at, i.created_at), i.response_due_at,
        case when i.status not in ('ASSIGNED') then coalesce(i.resolved_at, i.updated_at) end,
        i.resolved_at, case when i.resolved_at is not null then i.resolved_at <= i.resolve_due_at end,
        (i.follow_up_satisfaction is not null)::int, coalesce(i.follow_up_satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED'), false)::int
      from issue i where i.assignee_id is not null`);
  }
}

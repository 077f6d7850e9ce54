import { Migration } from '@mikro-orm/migrations';

/** The first schema: regions, grids, cadres and assignments, workers, users, categories, issues and their events, visits, portal keys. */
export class Migration20261128000000Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "category" ("code" text not null, "name" text not null, "name_en" text not null, "group" text not null, "response_hours" int not null, "resolve_hours" int not null, "sort_order" int not null default 0, constraint "category_pkey" primary key ("code"))`);
    this.addSql(`create table "portal_key" ("id" uuid not null, "name" text not null, "key_hash" text not null, "allowed_origins" jsonb not null, "created_at" timestamptz not null, constraint "portal_key_pkey" primary key ("id"))`);
    this.addSql(`alter table "portal_key" add constraint "portal_key_key_hash_unique" unique ("key_hash")`);
    this.addSql(`create table "region" ("id" uuid not null, "name" text not null, "level" text check ("level" in ('CITY', 'COUNTY', 'TOWNSHIP', 'COMMUNITY')) not null, "parent_id" uuid null, "path" text not null, "created_at" timestamptz not null, constraint "region_pkey" primary key ("id"))`);
    this.addSql(`create index "region_parent_id_index" on "region" ("parent_id")`);
    this.addSql(`create index "region_path_idx" on "region" ("path" text_pattern_ops)`);
    this.addSql(`create table "grid" ("id" uuid not null, "code" text not null, "name" text not null, "kind" text check ("kind" in ('URBAN_COMMUNITY', 'RURAL')) not null, "region_id" uuid not null, "region_path" text not null, "boundary" jsonb null, "min_latitude" double precision null, "max_latitude" double precision null, "min_longitude" double precision null, "max_longitude" double precision null, "created_at" timestamptz not null, constraint "grid_pkey" primary key ("id"))`);
    this.addSql(`alter table "grid" add constraint "grid_code_unique" unique ("code")`);
    this.addSql(`create index "grid_region_id_index" on "grid" ("region_id")`);
    this.addSql(`create index "grid_bbox_idx" on "grid" ("min_latitude", "max_latitude", "min_longitude", "max_longitude")`);
    this.addSql(`create table "grid_worker" ("id" uuid not null, "name" text not null, "grid_id" uuid not null, "created_at" timestamptz not null, constraint "grid_worker_pkey" primary key ("id"))`);
    this.addSql(`create index "grid_worker_grid_id_index" on "grid_worker" ("grid_id")`);
    this.addSql(`create table "cadre" ("id" uuid not null, "name" text not null, "level" text check ("level" in ('CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE')) not null, "unit" text not null, "region_id" uuid null, "created_at" timestamptz not null, constraint "cadre_pkey" primary key ("id"))`);
    this.addSql(`create index "cadre_region_id_index" on "cadre" ("region_id")`);
    this.addSql(`create table "issue" ("id" uuid not null, "tracking_code" text not null, "title" text not null, "description" text not null, "category_code" text not null, "status" text check ("status" in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED', 'REJECTED')) not null, "channel" text check ("channel" in ('WIDGET', 'WECHAT_MINIPROGRAM', 'GOV_APP', 'RESIDENT_GROUP', 'HOUSEHOLD_VISIT', 'PHONE', 'PATROL', 'OPEN311')) not null, "grid_id" uuid not null, "region_path" text not null, "latitude" double precision null, "longitude" double precision null, "address" text null, "reporter_anonymous" boolean not null default false, "reporter_name" text null, "reporter_phone" text null, "assignee_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "response_due_at" timestamptz not null, "resolve_due_at" timestamptz not null, "accepted_at" timestamptz null, "resolved_at" timestamptz null, "resolution" text null, "follow_up_method" text check ("follow_up_method" in ('PHONE', 'VISIT', 'ONLINE')) null, "follow_up_satisfaction" text check ("follow_up_satisfaction" in ('SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED')) null, "follow_up_comment" text null, "follow_up_at" timestamptz null, "follow_up_by" text null, "idempotency_scope" text not null, "idempotency_key" text not null, "response_overdue_raised" boolean not null default false, "resolve_overdue_raised" boolean not null default false, constraint "issue_pkey" primary key ("id"))`);
    this.addSql(`alter table "issue" add constraint "issue_tracking_code_unique" unique ("tracking_code")`);
    this.addSql(`create index "issue_resolve_due_idx" on "issue" ("resolve_due_at")`);
    this.addSql(`create index "issue_category_idx" on "issue" ("category_code", "created_at")`);
    this.addSql(`create index "issue_assignee_idx" on "issue" ("assignee_id", "resolve_due_at")`);
    this.addSql(`create index "issue_grid_idx" on "issue" ("grid_id", "created_at")`);
    this.addSql(`create index "issue_status_idx" on "issue" ("status", "created_at")`);
    this.addSql(`create index "issue_created_idx" on "issue" ("created_at", "id")`);
    this.addSql(`create index "issue_region_path_idx" on "issue" ("region_path" text_pattern_ops, "created_at" desc)`);
    this.addSql(`alter table "issue" add constraint "issue_idempotency_unique" unique ("idempotency_scope", "idempotency_key")`);
    this.addSql(`create table "issue_event" ("seq" bigserial primary key, "issue_id" uuid not null, "type" text check ("type" in ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'ASSIGNED', 'ESCALATED', 'STARTED', 'COMMENTED', 'RESOLVED', 'FOLLOWED_UP', 'REOPENED', 'CLOSED', 'OVERDUE')) not null, "from_status" text check ("from_status" in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED', 'REJECTED')) null, "to_status" text check ("to_status" in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED', 'REJECTED')) not null, "note" text null, "public_note" text null, "actor_name" text null, "at" timestamptz not null)`);
    this.addSql(`create index "issue_event_issue_idx" on "issue_event" ("issue_id", "seq")`);
    this.addSql(`create table "cadre_assignment" ("id" uuid not null, "cadre_id" uuid not null, "grid_id" uuid not null, "assigned_at" timestamptz not null, constraint "cadre_assignment_pkey" primary key ("id"))`);
    this.addSql(`create index "cadre_assignment_grid_id_index" on "cadre_assignment" ("grid_id")`);
    this.addSql(`alter table "cadre_assignment" add constraint "cadre_assignment_cadre_id_grid_id_unique" unique ("cadre_id", "grid_id")`);
    this.addSql(`create table "app_user" ("id" uuid not null, "username" text not null, "display_name" text not null, "role" text check ("role" in ('ADMIN', 'CADRE', 'GRID_WORKER')) not null, "password_hash" text not null, "cadre_id" uuid null, "grid_worker_id" uuid null, "scope_region_id" uuid null, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"))`);
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username")`);
    this.addSql(`create table "visit" ("id" uuid not null, "kind" text check ("kind" in ('CHECK_IN', 'HOUSEHOLD_VISIT', 'RESIDENT_MEETING', 'POLICY_PUBLICITY', 'PATROL', 'MEDIATION')) not null, "grid_id" uuid not null, "cadre_id" uuid null, "notes" text null, "households" int null, "recorded_by" text not null, "at" timestamptz not null, constraint "visit_pkey" primary key ("id"))`);
    this.addSql(`create index "visit_cadre_id_index" on "visit" ("cadre_id")`);
    this.addSql(`create index "visit_grid_idx" on "visit" ("grid_id", "at")`);
    this.addSql(`alter table "region" add constraint "region_parent_id_foreign" foreign key ("parent_id") references "region" ("id") on update cascade on delete restrict`);
    this.addSql(`alter table "grid" add constraint "grid_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete restrict`);
    this.addSql(`alter table "grid_worker" add constraint "grid_worker_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete restrict`);
    this.addSql(`alter table "cadre" add constraint "cadre_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete restrict`);
    this.addSql(`alter table "issue" add constraint "issue_category_code_foreign" foreign key ("category_code") references "category" ("code") on update cascade on delete restrict`);
    this.addSql(`alter table "issue" add constraint "issue_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete restrict`);
    this.addSql(`alter table "issue" add constraint "issue_assignee_id_foreign" foreign key ("assignee_id") references "cadre" ("id") on update cascade on delete restrict`);
    this.addSql(`alter table "issue_event" add constraint "issue_event_issue_id_foreign" foreign key ("issue_id") references "issue" ("id") on update cascade on delete restrict`);
    this.addSql(`alter table "cadre_assignment" add constraint "cadre_assignment_cadre_id_foreign" foreign key ("cadre_id") references "cadre" ("id") on update cascade on delete cascade`);
    this.addSql(`alter table "cadre_assignment" add constraint "cadre_assignment_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete cascade`);
    this.addSql(`alter table "app_user" add constraint "app_user_cadre_id_foreign" foreign key ("cadre_id") references "cadre" ("id") on update cascade on delete restrict`);
    this.addSql(`alter table "app_user" add constraint "app_user_grid_worker_id_foreign" foreign key ("grid_worker_id") references "grid_worker" ("id") on update cascade on delete restrict`);
    this.addSql(`alter table "app_user" add constraint "app_user_scope_region_id_foreign" foreign key ("scope_region_id") references "region" ("id") on update cascade on delete restrict`);
    this.addSql(`alter table "visit" add constraint "visit_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete restrict`);
    this.addSql(`alter table "visit" add constraint "visit_cadre_id_foreign" foreign key ("cadre_id") references "cadre" ("id") on update cascade on delete restrict`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Outbound delivery. `outbox` gets one row per issue event, written by the
 * statement that appends the event (event-append.ts), so an event and its
 * outbox row commit together or not at all. The delivery worker turns outbox
 * rows into `webhook_delivery` rows (one per matching webhook) and
 * `sms_message` rows (for reporters who agreed to messages), then sends them.
 *
 * Event types are plain text here (no check constraint): the list grows with
 * the workflow, and these rows only ever copy a type from issue_event.
 */
export class Migration20261207200000Outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "issue" add column "notify" boolean not null default false`);

    this.addSql(`create table "outbox" (
      "event_seq" bigint not null,
      "issue_id" uuid not null,
      constraint "outbox_pkey" primary key ("event_seq"))`);

    this.addSql(`create table "webhook" (
      "id" uuid not null,
      "url" text not null,
      "format" text check ("format" in ('JSON', 'WECOM_ROBOT', 'DINGTALK_ROBOT')) not null,
      "events" text[] not null,
      "region_id" uuid null,
      "region_path" text null,
      "active" boolean not null default true,
      "secret" text not null,
      "created_at" timestamptz not null,
      constraint "webhook_pkey" primary key ("id"),
      constraint "webhook_region_fk" foreign key ("region_id") references "region" ("id") on update cascade on delete set null)`);

    // One row per (webhook, event). `retry_until` ends the retries (then DEAD); `locked_until` is the lease of
    // the replica sending it, so a replica that dies mid-delivery leaves a row another one picks up later.
    this.addSql(`create table "webhook_delivery" (
      "id" uuid not null,
      "webhook_id" uuid not null,
      "event_seq" bigint not null,
      "issue_id" uuid not null,
      "status" text check ("status" in ('PENDING', 'SUCCEEDED', 'FAILED', 'DEAD')) not null,
      "attempts" int not null default 0,
      "last_status_code" int null,
      "last_error" text null,
      "next_attempt_at" timestamptz null,
      "retry_until" timestamptz not null,
      "locked_until" timestamptz null,
      "delivered_at" timestamptz null,
      "created_at" timestamptz not null,
      constraint "webhook_delivery_pkey" primary key ("id"),
      constraint "webhook_delivery_webhook_fk" foreign key ("webhook_id") references "webhook" ("id") on update cascade on delete cascade,
      constraint "webhook_delivery_event_unique" unique ("webhook_id", "event_seq"))`);
    this.addSql(`create index "webhook_delivery_due_idx" on "webhook_delivery" ("next_attempt_at") where "status" in ('PENDING', 'FAILED')`);
    this.addSql(`create index "webhook_delivery_open_idx" on "webhook_delivery" ("webhook_id", "issue_id", "event_seq") where "status" in ('PENDING', 'FAILED')`);
    this.addSql(`create index "webhook_delivery_list_idx" on "webhook_delivery" ("webhook_id", "event_seq" desc)`);

    // Short messages to reporters. The phone stays on the issue and is read only when sending.
    this.addSql(`create table "sms_message" (
      "id" uuid not null,
      "event_seq" bigint not null,
      "issue_id" uuid not null,
      "template" text not null,
      "params" jsonb not null,
      "status" text check ("status" in ('PENDING', 'SUCCEEDED', 'FAILED', 'DEAD')) not null,
      "attempts" int not null default 0,
      "last_error" text null,
      "next_attempt_at" timestamptz null,
      "retry_until" timestamptz not null,
      "locked_until" timestamptz null,
      "sent_at" timestamptz null,
      "created_at" timestamptz not null,
      constraint "sms_message_pkey" primary key ("id"),
      constraint "sms_message_event_unique" unique ("event_seq"))`);
    this.addSql(`create index "sms_message_due_idx" on "sms_message" ("next_attempt_at") where "status" in ('PENDING', 'FAILED')`);
  }
}

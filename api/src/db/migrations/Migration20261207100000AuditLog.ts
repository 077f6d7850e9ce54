import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log (AuditEntry of the administration contract): who did or read
 * what, newest first, filterable by action. First writer: every reading of a
 * reporter's unmasked contact details.
 */
export class Migration20261207100000AuditLog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" uuid not null, "at" timestamptz not null, "actor_user_id" uuid null, "actor_name" text not null,
      "action" text not null, "target" text null, "summary" text not null, constraint "audit_entry_pkey" primary key ("id"))`);
    this.addSql(`create index "audit_entry_at_idx" on "audit_entry" ("at", "id")`);
    this.addSql(`create index "audit_entry_action_at_idx" on "audit_entry" ("action", "at", "id")`);
  }
}

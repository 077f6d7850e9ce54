import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency keys for the staff console's offline moves (issue 17): a return
 * visit or a visit recorded with no signal is sent again when the phone is back
 * online, and the same key must not record it twice.
 */
export class Migration20261207600000OfflineMoves extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "issue" add column "follow_up_key" text null`);
    this.addSql(`alter table "visit" add column "idempotency_scope" text null, add column "idempotency_key" text null`);
    // Visits without a key have nulls here, which never collide.
    this.addSql(`alter table "visit" add constraint "visit_idempotency_unique" unique ("idempotency_scope", "idempotency_key")`);
  }
}

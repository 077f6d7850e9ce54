import { Migration } from '@mikro-orm/migrations';

/**
 * A hash of each report's content beside its idempotency key, so the same key
 * sent with different content is a CONFLICT instead of silently answering with
 * the first report. Reports stored before have none (and match any content).
 */
export class Migration20261207100001IdempotencyHash extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "issue" add column "idempotency_hash" text null`);
  }
}

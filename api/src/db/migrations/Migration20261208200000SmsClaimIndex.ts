import { Migration } from '@mikro-orm/migrations';

/**
 * The short-message claim finds "the oldest open message of its issue" by a probe of this index, as the webhook
 * claim does with webhook_delivery_open_idx: without it, a backlog (the SMS gateway down for a while) made each
 * candidate compare itself with every open message.
 */
export class Migration20261208200000SmsClaimIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "sms_message_open_idx" on "sms_message" ("issue_id", "event_seq") where "status" in ('PENDING', 'FAILED')`);
  }
}

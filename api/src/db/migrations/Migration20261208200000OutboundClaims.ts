import { Migration } from '@mikro-orm/migrations';

/**
 * The short-message claim finds "the oldest open message of its issue" by a probe of a partial index, as the
 * webhook claim does with webhook_delivery_open_idx: without it, a backlog (the SMS gateway down for a while) made
 * each candidate compare itself with every open message.
 *
 * Switching a webhook off now ends its open deliveries (delivery-queue.ts deactivateWebhooks); those of webhooks
 * that are already off end here the same way.
 */
export class Migration20261208200000OutboundClaims extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "sms_message_open_idx" on "sms_message" ("issue_id", "event_seq") where "status" in ('PENDING', 'FAILED')`);
    this.addSql(`update "webhook_delivery" set "status" = 'DEAD', "next_attempt_at" = null, "last_error" = 'The webhook was switched off.'
      where "status" in ('PENDING', 'FAILED') and "webhook_id" in (select "id" from "webhook" where not "active")`);
  }
}

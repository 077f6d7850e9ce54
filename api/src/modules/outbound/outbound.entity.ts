/**
 * The tables of outbound delivery (migration Outbox). The application reads and
 * writes them with SQL of its own (outbox-fanout.ts, delivery-queue.ts); these
 * classes describe them to the ORM, so its schema check agrees with the migration.
 */
import { BigIntType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { Region } from '../regions/region.entity';
import { DeliveryStatus, WebhookFormat } from './outbound.enums';

/** What every message sent with retries carries (a webhook delivery, a short message): its state in the delivery queue. */
@Entity({ abstract: true })
abstract class RetriedSend {
  @Enum({ items: () => DeliveryStatus })
  status: DeliveryStatus;

  @Property({ type: 'integer', default: 0 })
  attempts: number & Opt;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  nextAttemptAt?: Date | null;

  @Property({ type: 'timestamptz' })
  retryUntil: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date;
}

/** One row per appended issue event, until the delivery worker has fanned it out. */
@Entity({ tableName: 'outbox' })
export class OutboxRow {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: false })
  eventSeq: number;

  @Property({ type: 'uuid' })
  issueId: string;
}

@Entity({ tableName: 'webhook' })
export class WebhookRow {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'text' })
  url: string;

  @Enum({ items: () => WebhookFormat })
  format: WebhookFormat;

  @Property({ columnType: 'text[]', type: 'string[]' })
  events: string[];

  @ManyToOne(() => Region, { nullable: true, fieldName: 'region_id', foreignKeyName: 'webhook_region_fk' })
  region?: Region | null;

  @Property({ type: 'text', nullable: true })
  regionPath?: string | null;

  @Property({ type: 'boolean', default: true })
  active: boolean & Opt;

  @Property({ type: 'text' })
  secret: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ tableName: 'webhook_delivery' })
@Unique({ name: 'webhook_delivery_event_unique', properties: ['webhook', 'eventSeq'] })
@Index({
  name: 'webhook_delivery_due_idx',
  expression: `create index "webhook_delivery_due_idx" on "webhook_delivery" ("next_attempt_at") where "status" in ('PENDING', 'FAILED')`,
})
@Index({
  name: 'webhook_delivery_open_idx',
  expression: `create index "webhook_delivery_open_idx" on "webhook_delivery" ("webhook_id", "issue_id", "event_seq") where "status" in ('PENDING', 'FAILED')`,
})
@Index({
  name: 'webhook_delivery_list_idx',
  expression: `create index "webhook_delivery_list_idx" on "webhook_delivery" ("webhook_id", "event_seq" desc)`,
})
export class WebhookDeliveryRow extends RetriedSend {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @ManyToOne(() => WebhookRow, { fieldName: 'webhook_id', deleteRule: 'cascade', foreignKeyName: 'webhook_delivery_webhook_fk' })
  webhook: WebhookRow;

  @Property({ type: new BigIntType('number') })
  eventSeq: number;

  @Property({ type: 'uuid' })
  issueId: string;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode?: number | null;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;
}

@Entity({ tableName: 'sms_message' })
@Index({
  name: 'sms_message_due_idx',
  expression: `create index "sms_message_due_idx" on "sms_message" ("next_attempt_at") where "status" in ('PENDING', 'FAILED')`,
})
@Index({
  name: 'sms_message_open_idx',
  expression: `create index "sms_message_open_idx" on "sms_message" ("issue_id", "event_seq") where "status" in ('PENDING', 'FAILED')`,
})
export class SmsMessageRow extends RetriedSend {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: new BigIntType('number'), unique: 'sms_message_event_unique' })
  eventSeq: number;

  @Property({ type: 'uuid' })
  issueId: string;

  @Property({ type: 'text' })
  template: string;

  @Property({ type: 'jsonb' })
  params: Record<string, string>;

  @Property({ type: 'timestamptz', nullable: true })
  sentAt?: Date | null;
}

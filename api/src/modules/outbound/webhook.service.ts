/** Webhooks (ADMIN): create, list, switch on and off, their deliveries, redeliver by hand. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboundConfig } from '../../config';
import { runSql, sql } from '../../db/sql';
import { IssueEventType } from '../../domain/enums';
import { isUuid } from '../../domain/validate';
import { badInput, notFound } from '../../errors';
import { encodeEventCursor } from '../issues/event-cursor';
import { requireRegion } from '../regions/region.service';
import { deactivateWebhooks } from './delivery-queue';
import { DeliveryStatus, WebhookFormat } from './outbound.enums';
import { assertPublicUrl, parseWebhookUrl, UnsafeUrlError } from './safe-url';
import type { CreateWebhookInput, WebhookDeliveryType, WebhookType } from './webhook.type';

const URL_MAX = 2000;
const DELIVERIES_MAX = 100;

interface WebhookDbRow {
  id: string;
  url: string;
  format: WebhookFormat;
  events: string[];
  region_id: string | null;
  active: boolean;
  secret?: string;
}

function toWebhook(row: WebhookDbRow, secret: string | null = null): WebhookType {
  return {
    id: row.id,
    url: row.url,
    format: row.format,
    events: row.events as IssueEventType[],
    regionId: row.region_id,
    active: row.active,
    secret,
  };
}

/** A column list read into `Row`: the compiler checks that each column is one of its fields. */
const columnsOf = <Row>(...names: (keyof Row & string)[]) => sql.join(names.map((name) => sql.identifier(name)), ', ');

const WEBHOOK_COLUMNS = columnsOf<WebhookDbRow>('id', 'url', 'format', 'events', 'region_id', 'active');

export async function createWebhook(em: EntityManager, input: CreateWebhookInput, config: OutboundConfig): Promise<WebhookType> {
  const raw = (input.url ?? '').trim();
  if (!raw || raw.length > URL_MAX) throw badInput(`input.url must be an http(s) URL of at most ${URL_MAX} characters.`, 'input.url');
  let url: URL;
  try {
    url = parseWebhookUrl(raw);
    await assertPublicUrl(url, config.allowPrivate);
  } catch (error) {
    if (error instanceof UnsafeUrlError) throw badInput(`input.url ${error.message}.`, 'input.url');
    throw error;
  }
  const events = [...new Set(input.events ?? [])];
  if (events.length === 0) throw badInput('input.events must name at least one IssueEventType.', 'input.events');
  const known = new Set<string>(Object.values(IssueEventType));
  const unknown = events.find((e) => !known.has(e));
  if (unknown) throw badInput(`input.events: unknown event type ${String(unknown).slice(0, 50)}.`, 'input.events');
  const format = input.format ?? WebhookFormat.JSON;
  let regionPath: string | null = null;
  if (input.regionId) {
    if (!isUuid(input.regionId)) throw notFound('Region (input.regionId)', input.regionId);
    regionPath = (await requireRegion(em, input.regionId, 'input.regionId')).path;
  }
  // Robots are reached by their URL's own key; only JSON receivers check a signature.
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const [row] = await runSql<WebhookDbRow>(
    em,
    sql.query`insert into webhook (id, url, format, events, region_id, region_path, active, secret, created_at)
     values (${sql.value(randomUUID())}::uuid, ${sql.value(url.toString())}, ${sql.value(format)}, array(select jsonb_array_elements_text(${sql.value(
       JSON.stringify(events),
     )}::jsonb)), ${sql.value(input.regionId ?? null)}::uuid, ${sql.value(regionPath)}, true, ${sql.value(secret)}, now())
     returning ${WEBHOOK_COLUMNS}`,
  );
  return toWebhook(row!, format === WebhookFormat.JSON ? secret : null);
}

export async function listWebhooks(em: EntityManager): Promise<WebhookType[]> {
  const rows = await runSql<WebhookDbRow>(em, sql.query`select ${WEBHOOK_COLUMNS} from webhook order by created_at, id`);
  return rows.map((row) => toWebhook(row));
}

export async function setWebhookActive(em: EntityManager, id: string, active: boolean): Promise<WebhookType> {
  if (!isUuid(id)) throw notFound('Webhook', id);
  // Switched off through the worker's own path: its open deliveries end DEAD too (delivery-queue.ts).
  if (!active) await deactivateWebhooks(em, [id]);
  const webhook = sql.fragment`${sql.value(id)}::uuid`;
  const [row] = await runSql<WebhookDbRow>(
    em,
    active
      ? sql.query`update webhook set active = true where id = ${webhook} returning ${WEBHOOK_COLUMNS}`
      : sql.query`select ${WEBHOOK_COLUMNS} from webhook where id = ${webhook}`,
  );
  if (!row) throw notFound('Webhook', id);
  return toWebhook(row);
}

interface DeliveryDbRow {
  id: string;
  event_seq: string | number;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  next_attempt_at: Date | string | null;
  delivered_at: Date | string | null;
}

const DELIVERY_COLUMNS = columnsOf<DeliveryDbRow>('id', 'event_seq', 'status', 'attempts', 'last_status_code', 'next_attempt_at', 'delivered_at');
const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

function toDelivery(row: DeliveryDbRow): WebhookDeliveryType {
  return {
    id: row.id,
    eventId: encodeEventCursor(Number(row.event_seq)),
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    nextAttemptAt: dateOrNull(row.next_attempt_at),
    deliveredAt: dateOrNull(row.delivered_at),
  };
}

/** A webhook's deliveries, newest event first. */
export async function listDeliveries(em: EntityManager, webhookId: string, statuses: DeliveryStatus[] | null | undefined, first: number): Promise<WebhookDeliveryType[]> {
  if (!Number.isInteger(first) || first < 0 || first > DELIVERIES_MAX) throw badInput(`first must be from 0 to ${DELIVERIES_MAX}.`, 'first');
  const where = [sql.fragment`webhook_id = ${sql.value(webhookId)}::uuid`];
  if (statuses?.length) where.push(sql.fragment`status in (select jsonb_array_elements_text(${sql.value(JSON.stringify(statuses))}::jsonb))`);
  const rows = await runSql<DeliveryDbRow>(
    em,
    sql.query`select ${DELIVERY_COLUMNS} from webhook_delivery where ${sql.join(where, ' and ')} order by event_seq desc limit ${sql.value(first)}`,
  );
  return rows.map(toDelivery);
}

/**
 * Sends a delivery again, whatever its state: PENDING now, with a fresh retry
 * window. Same id, so a receiver that already has it can tell.
 */
export async function redeliver(em: EntityManager, deliveryId: string, config: OutboundConfig): Promise<WebhookDeliveryType> {
  if (!isUuid(deliveryId)) throw notFound('WebhookDelivery', deliveryId);
  const [row] = await runSql<DeliveryDbRow>(
    em,
    sql.query`update webhook_delivery set status = ${sql.literal(DeliveryStatus.PENDING)}, next_attempt_at = now(), locked_until = null,
       retry_until = now() + ${sql.value(config.retryWindowSeconds)} * interval '1 second'
     where id = ${sql.value(deliveryId)}::uuid returning ${DELIVERY_COLUMNS}`,
  );
  if (!row) throw notFound('WebhookDelivery', deliveryId);
  return toDelivery(row);
}

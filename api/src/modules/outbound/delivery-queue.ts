/**
 * The SQL of outbound delivery, each step one statement (so it is atomic on
 * its own, holds no transaction open across a network call, and works the same
 * on PostgreSQL and on the embedded database's single connection).
 *
 * 1. Fan-out: outbox rows → one webhook_delivery per matching active webhook
 *    and an sms_message where the reporter agreed. One fan-out at a time
 *    (a transaction-scoped advisory lock, skipped when busy), in event order:
 *    so an issue's deliveries exist in the order of its events.
 * 2. Claim: the due deliveries, each the oldest unfinished one of its webhook
 *    and issue (in order per issue), `FOR UPDATE SKIP LOCKED`, leased for the
 *    attempt's time limit plus a margin: two replicas never send one delivery
 *    at once, and a replica that dies mid-attempt leaves it to another when
 *    the lease ends.
 * 3. Record: the outcome of a batch of attempts in one statement.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sql, type SQL } from '../../db/sql';
import { DeliveryStatus } from './outbound.enums';
import type { DeliveryRow } from './webhook-payload';
import { SMS_EVENT_TEMPLATES } from './sms-templates';

/**
 * Every statement of the worker starts with this comment, so whoever counts a
 * request's statements (the tests that guard them) can tell the worker's
 * background statements apart, as they do the live feed's safety poll.
 */
export const OUTBOUND_SQL_MARK = '/* outbound */';
const MARK = sql.raw(OUTBOUND_SQL_MARK);

/** Any number unique to this application (event-append.ts uses 7_345_002). */
export const OUTBOX_FANOUT_LOCK = 7_345_019;

/** A status: our own constant, written inline (the open indexes' predicates name the open ones). */
const statusSql = (status: DeliveryStatus) => sql.literal(status);
const PENDING = statusSql(DeliveryStatus.PENDING);
const FAILED = statusSql(DeliveryStatus.FAILED);
const DEAD = statusSql(DeliveryStatus.DEAD);
const SUCCEEDED = statusSql(DeliveryStatus.SUCCEEDED);
/** The statuses of a delivery that is not finished. */
const OPEN = sql.fragment`(${PENDING}, ${FAILED})`;

const SMS_TEMPLATE_VALUES = sql.join(
  Object.entries(SMS_EVENT_TEMPLATES).map(([type, template]) => sql.fragment`(${sql.value(type)}, ${sql.value(template)})`),
  ', ',
);

const fanOutStatement = (limit: number, retryWindowSeconds: number): SQL => {
  const retryUntil = sql.fragment`now() + ${sql.value(retryWindowSeconds)} * interval '1 second'`;
  return sql.query`${MARK} with fanout_lock as (select pg_try_advisory_xact_lock(${sql.value(OUTBOX_FANOUT_LOCK)}) as ok),
  batch as (
    delete from outbox where event_seq in (
      select event_seq from outbox where (select ok from fanout_lock) order by event_seq limit ${sql.value(limit)} for update skip locked)
    returning event_seq, issue_id),
  ev as (
    select e.seq, e.type, e.public_note, i.id as issue_id, i.region_path, i.tracking_code, i.resolve_due_at,
           i.notify and i.reporter_phone is not null as texts
    from batch b join issue_event e on e.seq = b.event_seq join issue i on i.id = b.issue_id),
  hooks as (
    insert into webhook_delivery (id, webhook_id, event_seq, issue_id, status, attempts, next_attempt_at, retry_until, created_at)
    select gen_random_uuid(), w.id, ev.seq, ev.issue_id, ${PENDING}, 0, now(), ${retryUntil}, now()
    from ev join webhook w on w.active and ev.type = any(w.events)
      and (w.region_path is null or starts_with(ev.region_path, w.region_path))
    order by ev.seq
    on conflict do nothing
    returning 1),
  texts as (
    insert into sms_message (id, event_seq, issue_id, template, params, status, attempts, next_attempt_at, retry_until, created_at)
    select gen_random_uuid(), ev.seq, ev.issue_id, t.template,
      jsonb_build_object('trackingCode', ev.tracking_code, 'note', coalesce(ev.public_note, ''), 'dueAt', ev.resolve_due_at),
      ${PENDING}, 0, now(), ${retryUntil}, now()
    from ev join (values ${SMS_TEMPLATE_VALUES}) as t(type, template) on t.type = ev.type
    where ev.texts
    on conflict do nothing
    returning 1)
  select (select count(*) from batch)::int as events, (select count(*) from hooks)::int as deliveries,
    (select count(*) from texts)::int as texts`;
};

export interface FanOutCounts {
  /** Outbox rows taken (0 also when another fan-out is running). */
  events: number;
  /** Webhook deliveries and short messages queued from them. */
  deliveries: number;
  texts: number;
}

/** Fans out up to `limit` outbox rows. */
export async function fanOut(em: EntityManager, limit: number, retryWindowSeconds: number): Promise<FanOutCounts> {
  const [row] = await runSql<FanOutCounts>(em, fanOutStatement(limit, retryWindowSeconds));
  return { events: Number(row?.events ?? 0), deliveries: Number(row?.deliveries ?? 0), texts: Number(row?.texts ?? 0) };
}

/*
 * The candidates are chosen from webhook_delivery alone, and a candidate is the oldest open delivery of its webhook
 * and issue by a correlated probe of webhook_delivery_open_idx (a subplan, whatever the statistics say). Only the
 * claimed rows are then joined to the event and the issue. Written as an anti-join over the joined rows, the planner
 * misjudged a queue whose statistics said "empty" while it held 19,000 deliveries: every candidate scanned every
 * open delivery, the claim passed the statement timeout, and delivery stalled.
 */
export const claimDeliveriesStatement = (limit: number, leaseMs: number): SQL => sql.query`${MARK} with due as (
    select d2.id
    from webhook_delivery d2 join webhook w on w.id = d2.webhook_id and w.active
    where d2.status in ${OPEN} and d2.next_attempt_at <= now() and (d2.locked_until is null or d2.locked_until <= now())
      and d2.event_seq = (
        select p.event_seq from webhook_delivery p
        where p.webhook_id = d2.webhook_id and p.issue_id = d2.issue_id and p.status in ${OPEN}
        order by p.event_seq
        limit 1)
    order by d2.event_seq
    limit ${sql.value(limit)}
    for update of d2 skip locked
  ),
  claimed as (
    update webhook_delivery d set locked_until = now() + ${sql.value(leaseMs)} * interval '1 millisecond', attempts = d.attempts + 1
    from due where d.id = due.id
    returning d.id, d.webhook_id, d.attempts, d.event_seq, d.issue_id
  )
  select c.id, c.webhook_id, c.attempts, c.event_seq, c.issue_id, w.url, w.format, w.secret,
    e.type as event_type, e.from_status, e.to_status, e.public_note, e.at as event_at,
    i.tracking_code, i.title, i.description, i.status, i.channel, i.category_code, k.name as category_name,
    i.grid_id, g.code as grid_code, g.name as grid_name, g.region_id, i.latitude, i.longitude, i.address,
    i.created_at, i.updated_at, i.response_due_at, i.resolve_due_at
  from claimed c
    join webhook w on w.id = c.webhook_id
    join issue_event e on e.seq = c.event_seq
    join issue i on i.id = c.issue_id
    join category k on k.code = i.category_code
    join grid g on g.id = i.grid_id
  order by c.event_seq`;

/** Leases up to `limit` due deliveries (each the next of its webhook and issue) for `leaseMs`. */
export function claimDeliveries(em: EntityManager, limit: number, leaseMs: number): Promise<DeliveryRow[]> {
  return runSql<DeliveryRow>(em, claimDeliveriesStatement(limit, leaseMs));
}

export interface AttemptOutcome {
  id: string;
  /** SUCCEEDED, FAILED (retry after delayMs, or DEAD when that is past the window) or DEAD. */
  status: DeliveryStatus;
  code: number | null;
  error: string | null;
  delayMs: number;
}

// A failed attempt is retried while the retry window lasts and the webhook is on; else the delivery is DEAD.
const recordDeliveriesStatement = (outcomes: string): SQL => sql.query`${MARK} update webhook_delivery d set
    status = case when r.status = ${FAILED} and (not w.active or now() + r.delay_ms * interval '1 millisecond' > d.retry_until)
      then ${DEAD} else r.status end,
    last_status_code = r.code,
    last_error = r.error,
    next_attempt_at = case when r.status = ${FAILED} and w.active and now() + r.delay_ms * interval '1 millisecond' <= d.retry_until
      then now() + r.delay_ms * interval '1 millisecond' end,
    delivered_at = case when r.status = ${SUCCEEDED} then now() else d.delivered_at end,
    locked_until = null
  from jsonb_to_recordset(${sql.value(outcomes)}::jsonb) as r(id uuid, status text, code int, error text, delay_ms bigint), webhook w
  where d.id = r.id and w.id = d.webhook_id
    -- A failure never reopens a delivery that ended meanwhile (its webhook switched off, even if back on since).
    and (r.status <> ${FAILED} or d.status in ${OPEN})
  returning d.id, d.status`;

/** Records a batch of attempts; returns each delivery's status afterwards. */
export function recordDeliveries(em: EntityManager, outcomes: readonly AttemptOutcome[]): Promise<{ id: string; status: DeliveryStatus }[]> {
  if (outcomes.length === 0) return Promise.resolve([]);
  const json = JSON.stringify(outcomes.map((o) => ({ id: o.id, status: o.status, code: o.code, error: o.error, delay_ms: o.delayMs })));
  return runSql<{ id: string; status: DeliveryStatus }>(em, recordDeliveriesStatement(json));
}

/**
 * Switches webhooks off (a receiver answered 410 Gone, or an admin did). Their open deliveries end DEAD at once, as
 * events that come while a webhook is off are not queued for it at all: nothing old floods a receiver when an admin
 * turns it back on (setWebhookActive), and what is still wanted is redelivered by hand. Nor does the claim keep
 * passing over them.
 */
export async function deactivateWebhooks(em: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const webhooks = sql.fragment`(select jsonb_array_elements_text(${sql.value(JSON.stringify(ids))}::jsonb)::uuid)`;
  await em.transactional(async (tx) => {
    // After any fan-out under way: deliveries it is queuing for these webhooks are ended below, not left open.
    await runSql(tx, sql.query`${MARK} select pg_advisory_xact_lock(${sql.value(OUTBOX_FANOUT_LOCK)})`);
    await runSql(tx, sql.query`${MARK} update webhook set active = false where id in ${webhooks}`);
    await runSql(
      tx,
      sql.query`${MARK} update webhook_delivery set status = ${DEAD}, next_attempt_at = null, last_error = 'The webhook was switched off.'
       where webhook_id in ${webhooks} and status in ${OPEN}`,
    );
  });
}

export interface SmsRow {
  id: string;
  attempts: number;
  template: string;
  params: { trackingCode: string; note: string; dueAt: string };
  phone: string | null;
}

/** As claimDeliveriesStatement: the oldest open message of its issue by a probe of sms_message_open_idx, whatever the statistics say. */
export const claimSmsStatement = (limit: number, leaseMs: number): SQL => sql.query`${MARK} update sms_message m
  set locked_until = now() + ${sql.value(leaseMs)} * interval '1 millisecond', attempts = m.attempts + 1
  from (
    select m2.id as claimed_id, i.reporter_phone as phone
    from sms_message m2 join issue i on i.id = m2.issue_id
    where m2.status in ${OPEN} and m2.next_attempt_at <= now() and (m2.locked_until is null or m2.locked_until <= now())
      and m2.event_seq = (
        select p.event_seq from sms_message p
        where p.issue_id = m2.issue_id and p.status in ${OPEN}
        order by p.event_seq
        limit 1)
    order by m2.event_seq
    limit ${sql.value(limit)}
    for update of m2 skip locked
  ) c
  where m.id = c.claimed_id
  returning m.id, m.attempts, m.template, m.params, c.phone`;

export function claimSms(em: EntityManager, limit: number, leaseMs: number): Promise<SmsRow[]> {
  return runSql<SmsRow>(em, claimSmsStatement(limit, leaseMs));
}

const recordSmsStatement = (outcomes: string): SQL => sql.query`${MARK} update sms_message m set
    status = case when r.status = ${FAILED} and now() + r.delay_ms * interval '1 millisecond' > m.retry_until
      then ${DEAD} else r.status end,
    last_error = r.error,
    next_attempt_at = case when r.status = ${FAILED} and now() + r.delay_ms * interval '1 millisecond' <= m.retry_until
      then now() + r.delay_ms * interval '1 millisecond' end,
    sent_at = case when r.status = ${SUCCEEDED} then now() else m.sent_at end,
    locked_until = null
  from jsonb_to_recordset(${sql.value(outcomes)}::jsonb) as r(id uuid, status text, error text, delay_ms bigint)
  where m.id = r.id
  returning m.id, m.status`;

export function recordSms(em: EntityManager, outcomes: readonly AttemptOutcome[]): Promise<{ id: string; status: DeliveryStatus }[]> {
  if (outcomes.length === 0) return Promise.resolve([]);
  const json = JSON.stringify(outcomes.map((o) => ({ id: o.id, status: o.status, error: o.error, delay_ms: o.delayMs })));
  return runSql<{ id: string; status: DeliveryStatus }>(em, recordSmsStatement(json));
}

/**
 * The delivery worker: every replica runs one. It wakes shortly after this
 * replica commits events (coalescing a burst into one turn) and otherwise
 * polls every OUTBOUND_POLL_MS, so events committed on other replicas, retries
 * that fall due, and rows left by a replica that died are all picked up.
 * A turn woken by commits fans out and sends only what that fan-out queued
 * (and what a previous turn left); a poll looks for everything that is due.
 * Delivery is at least once: a receiver deduplicates on X-Lastmeter-Delivery.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboundConfig } from '../../config';
import type { Orm } from '../../db/orm';
import type { Logger } from '../../server/logger';
import {
  claimDeliveries,
  claimSms,
  deactivateWebhooks,
  fanOut,
  recordDeliveries,
  recordSms,
  type AttemptOutcome,
  type SmsRow,
} from './delivery-queue';
import { DeliveryStatus, WebhookFormat } from './outbound.enums';
import { OutboundHttp } from './outbound-http';
import { retryDelayMs } from './retry-schedule';
import { formatChinaTime, accepted, buildRequest, type DeliveryRow } from './webhook-payload';
import { maskPhone, renderSms, trackingLink, type SmsParams, type SmsTemplate } from './sms-templates';

/** Counters the worker reports to /metrics. */
export interface OutboundCounters {
  delivery(format: string, outcome: 'succeeded' | 'failed' | 'dead'): void;
  sms(outcome: 'succeeded' | 'failed' | 'dead'): void;
}

export interface OutboundWorkerOptions {
  orm: Orm;
  config: OutboundConfig;
  logger: Logger;
  /** The base of links in messages (PUBLIC_URL, or the address this API listens on). */
  publicUrl: () => string;
  counters?: OutboundCounters;
}

const FANOUT_BATCH = 500;
const SEND_BATCH = 64;
/** A burst of commits becomes one turn. */
const WAKE_DELAY_MS = 50;

export class OutboundWorker {
  private readonly http: OutboundHttp;
  /** The SMS gateway is the operator's own service, often on an internal address: no SSRF guard for it. */
  private readonly gatewayHttp: OutboundHttp;
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = 0;
  private turn: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** The next turn looks for everything due, not only what its fan-out queued. */
  private nextTurnFull = true;
  /** The previous turn left deliveries (or messages) that may be due at once. */
  private moreHooks = false;
  private moreTexts = false;

  constructor(private readonly options: OutboundWorkerOptions) {
    this.http = new OutboundHttp({ timeoutMs: options.config.timeoutMs, allowPrivate: options.config.allowPrivate });
    this.gatewayHttp = new OutboundHttp({ timeoutMs: options.config.timeoutMs, allowPrivate: true });
  }

  /** The lease of a claimed delivery: one attempt's time limit plus a margin. */
  private get leaseMs(): number {
    return this.options.config.timeoutMs + 5_000;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * Something was committed on this replica: run a turn soon. `full`: look for
   * everything due (after redeliver, or a webhook switched back on).
   */
  wake(options: { full?: boolean } = {}): void {
    if (this.stopped) return;
    if (options.full) this.nextTurnFull = true;
    if (this.turn) {
      this.again = true;
      return;
    }
    this.schedule(WAKE_DELAY_MS);
  }

  /**
   * Cuts attempts under way (shutdown must not wait for a slow receiver), then
   * waits for the turn to record them as failed. Nothing is lost: a failed or
   * unrecorded attempt is tried again, here after a restart or on another replica.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.http.close();
    this.gatewayHttp.close();
    await this.turn;
  }

  /** Runs full turns until nothing is left to do now (tests call this to wait for delivery). */
  async drain(): Promise<void> {
    while (await this.runTurn(true));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const dueAt = Date.now() + delayMs;
    // An earlier wake-up wins over a later poll.
    if (this.timer && this.timerDueAt <= dueAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.loop();
    }, delayMs);
    this.timer.unref?.();
  }

  private async loop(): Promise<void> {
    if (this.turn || this.stopped) return;
    const running = (async () => {
      try {
        let busy = true;
        while (busy && !this.stopped) {
          this.again = false;
          const full = this.nextTurnFull;
          this.nextTurnFull = false;
          busy = (await this.runTurn(full)) || this.again;
        }
      } catch (error) {
        this.options.logger.warn({ err: error }, 'outbound delivery turn failed; trying again at the next poll');
      }
    })();
    this.turn = running;
    await running;
    this.turn = undefined;
    if (this.again) {
      this.schedule(WAKE_DELAY_MS);
    } else {
      this.nextTurnFull = true;
      this.schedule(this.options.config.pollMs);
    }
  }

  /** One turn: fan out, send what is due. True when there may be more to do right away. */
  async runTurn(full: boolean): Promise<boolean> {
    const em = this.options.orm.em.fork();
    const fanned = await fanOut(em, FANOUT_BATCH, this.options.config.retryWindowSeconds);
    const none = { more: false };
    const [webhooks, texts] = await Promise.all([
      full || fanned.deliveries > 0 || this.moreHooks ? this.sendWebhooks(em) : none,
      full || fanned.texts > 0 || this.moreTexts ? this.sendTexts(em) : none,
    ]);
    this.moreHooks = webhooks.more;
    this.moreTexts = texts.more;
    return fanned.events > 0 || webhooks.more || texts.more;
  }

  private async sendWebhooks(em: EntityManager): Promise<{ more: boolean }> {
    const claimed = await claimDeliveries(em, SEND_BATCH, this.leaseMs);
    if (claimed.length === 0) return { more: false };
    const gone: string[] = [];
    const outcomes = await Promise.all(claimed.map((row) => this.attempt(row, gone)));
    await deactivateWebhooks(em, [...new Set(gone)]);
    const recorded = await recordDeliveries(em, outcomes);
    const formats = new Map(claimed.map((row) => [row.id, row.format]));
    for (const r of recorded) this.options.counters?.delivery(formats.get(r.id) ?? 'JSON', outcomeLabel(r.status));
    // A success makes the next delivery due at once.
    return { more: claimed.length === SEND_BATCH || recorded.some((r) => r.status === DeliveryStatus.SUCCEEDED) };
  }

  private async attempt(row: DeliveryRow, gone: string[]): Promise<AttemptOutcome> {
    const failed = (code: number | null, error: string): AttemptOutcome => ({
      id: row.id,
      status: DeliveryStatus.FAILED,
      code,
      error: error.slice(0, 500),
      delayMs: retryDelayMs(row.attempts, this.options.config.retryBaseMs),
    });
    let request;
    try {
      request = buildRequest(row, this.options.publicUrl());
    } catch (error) {
      return failed(null, (error as Error).message);
    }
    try {
      const answer = await this.http.post(row.url, request.body, request.headers);
      if (answer.status === 410) {
        gone.push(row.webhook_id);
        this.options.logger.warn({ webhookId: row.webhook_id }, 'webhook receiver answered 410 Gone: webhook deactivated');
        return { id: row.id, status: DeliveryStatus.DEAD, code: 410, error: 'HTTP 410: the receiver is gone; webhook deactivated', delayMs: 0 };
      }
      const verdict = accepted(row.format as WebhookFormat, answer.status, answer.body);
      if (verdict.ok) return { id: row.id, status: DeliveryStatus.SUCCEEDED, code: answer.status, error: null, delayMs: 0 };
      return failed(answer.status, verdict.error ?? `HTTP ${answer.status}`);
    } catch (error) {
      return failed(null, (error as Error).message || String(error));
    }
  }

  private async sendTexts(em: EntityManager): Promise<{ more: boolean }> {
    const claimed = await claimSms(em, SEND_BATCH, this.leaseMs);
    if (claimed.length === 0) return { more: false };
    const outcomes = await Promise.all(claimed.map((row) => this.text(row)));
    const recorded = await recordSms(em, outcomes);
    for (const r of recorded) this.options.counters?.sms(outcomeLabel(r.status));
    return { more: claimed.length === SEND_BATCH || recorded.some((r) => r.status === DeliveryStatus.SUCCEEDED) };
  }

  private async text(row: SmsRow): Promise<AttemptOutcome> {
    const done: AttemptOutcome = { id: row.id, status: DeliveryStatus.SUCCEEDED, code: null, error: null, delayMs: 0 };
    // The reporter's number is gone (e.g. erased on request): nothing to send, nothing to retry.
    if (!row.phone) return { ...done, status: DeliveryStatus.DEAD, error: 'no phone number on the issue any more' };
    const template = row.template as SmsTemplate;
    const params: SmsParams = {
      trackingCode: row.params.trackingCode,
      link: trackingLink(this.options.publicUrl(), row.params.trackingCode),
      ...(template === 'ISSUE_RESOLVED' ? { note: row.params.note || '感谢您的反映' } : {}),
      ...(template === 'ISSUE_EXTENDED' ? { dueAt: formatChinaTime(row.params.dueAt) } : {}),
    };
    const gateway = this.options.config.smsGatewayUrl;
    if (!gateway) {
      this.options.logger.info({ phone: maskPhone(row.phone), template, text: renderSms(template, params) }, 'short message (no SMS_GATEWAY_URL: logged, not sent)');
      return done;
    }
    try {
      const answer = await this.gatewayHttp.post(gateway, JSON.stringify({ phone: row.phone, template, params }), { 'x-lastmeter-delivery': row.id });
      if (answer.status >= 200 && answer.status < 300) return done;
      return { ...done, status: DeliveryStatus.FAILED, error: `HTTP ${answer.status}`, delayMs: retryDelayMs(row.attempts, this.options.config.retryBaseMs) };
    } catch (error) {
      return { ...done, status: DeliveryStatus.FAILED, error: String((error as Error).message).slice(0, 500), delayMs: retryDelayMs(row.attempts, this.options.config.retryBaseMs) };
    }
  }
}

function outcomeLabel(status: DeliveryStatus): 'succeeded' | 'failed' | 'dead' {
  return status === DeliveryStatus.SUCCEEDED ? 'succeeded' : status === DeliveryStatus.DEAD ? 'dead' : 'failed';
}

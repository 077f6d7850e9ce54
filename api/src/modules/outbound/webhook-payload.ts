/**
 * What a webhook receives, built from the event row the outbox points at and
 * the issue's public columns (never the reporter's name or phone).
 *
 * - JSON: `{ id, type, createdAt, event, issue }`, signed like Stripe's:
 *   `X-Lastmeter-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`,
 *   `X-Lastmeter-Delivery: <delivery id>` (the same on every retry: deduplicate on it),
 *   `X-Lastmeter-Event: <event type>`.
 * - WECOM_ROBOT: 企业微信 group robot, `{ msgtype: "markdown", markdown: { content } }`.
 * - DINGTALK_ROBOT: 钉钉 group robot, `{ msgtype: "markdown", markdown: { title, text } }`.
 */
import { createHmac } from 'node:crypto';
import { encodeEventCursor } from '../issues/event-cursor';
import { WebhookFormat } from './outbound.enums';

/** One claimed delivery with its event and issue, as delivery-queue.ts selects it. */
export interface DeliveryRow {
  id: string;
  webhook_id: string;
  attempts: number;
  url: string;
  format: WebhookFormat;
  secret: string;
  event_seq: string | number;
  event_type: string;
  from_status: string | null;
  to_status: string;
  public_note: string | null;
  event_at: Date | string;
  issue_id: string;
  tracking_code: string;
  title: string;
  description: string;
  status: string;
  channel: string;
  category_code: string;
  category_name: string;
  grid_id: string;
  grid_code: string;
  grid_name: string;
  region_id: string;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  response_due_at: Date | string;
  resolve_due_at: Date | string;
}

export interface OutboundRequest {
  body: string;
  headers: Record<string, string>;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** The JSON body: the event, the issue's public fields and ids. */
export function jsonBody(row: DeliveryRow): Record<string, unknown> {
  return {
    id: row.id,
    type: row.event_type,
    createdAt: iso(row.event_at),
    event: {
      id: encodeEventCursor(Number(row.event_seq)),
      type: row.event_type,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      publicNote: row.public_note,
      at: iso(row.event_at),
    },
    issue: {
      id: row.issue_id,
      trackingCode: row.tracking_code,
      title: row.title,
      description: row.description,
      status: row.status,
      channel: row.channel,
      category: { code: row.category_code, name: row.category_name },
      grid: { id: row.grid_id, code: row.grid_code, name: row.grid_name },
      regionId: row.region_id,
      location: row.latitude === null ? null : { latitude: row.latitude, longitude: row.longitude, address: row.address },
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      responseDueAt: iso(row.response_due_at),
      resolveDueAt: iso(row.resolve_due_at),
    },
  };
}

/** Event types in words for the robots' group chats (Simplified Chinese). */
const EVENT_WORDS: Record<string, string> = {
  SUBMITTED: '新问题',
  ACCEPTED: '已受理',
  REJECTED: '不予受理',
  ASSIGNED: '已派单',
  REASSIGNED: '已改派',
  RETURNED: '已退单',
  RETURN_REFUSED: '退单未通过',
  ESCALATED: '已上报',
  STARTED: '开始处置',
  COMMENTED: '新备注',
  RESOLVED: '已办结',
  FOLLOWED_UP: '已回访',
  REOPENED: '重新办理',
  CLOSED: '已关闭',
  OVERDUE: '已超期',
  DUE_SOON: '即将超期',
  URGED: '催办',
  SUPERVISED: '督办',
  UNSUPERVISED: '取消督办',
  EXTENSION_REQUESTED: '申请延期',
  EXTENSION_APPROVED: '同意延期',
  EXTENSION_DENIED: '不同意延期',
  MERGED: '已合并',
};

const STATUS_WORDS: Record<string, string> = {
  SUBMITTED: '待受理',
  ACCEPTED: '已受理',
  ASSIGNED: '已派单',
  IN_PROGRESS: '处置中',
  RESOLVED: '已办结',
  FOLLOWED_UP: '已回访',
  CLOSED: '已关闭',
  REJECTED: '不予受理',
  RETURNED: '已退单',
  MERGED: '已合并',
};

/** Robots render markdown: keep user text on one line and free of markup that would break the message. */
function plain(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').replace(/[`*_#>[\]<]/g, '').trim();
  const chars = Array.from(line);
  return chars.length <= max ? line : `${chars.slice(0, max).join('')}…`;
}

/** The console page of the issue. */
export function consoleLink(publicUrl: string, issueId: string): string {
  return `${publicUrl}/console/#/issues/${issueId}`;
}

/** The markdown both robots show: tracking code, category, grid, status and the console link. */
export function robotMarkdown(row: DeliveryRow, publicUrl: string): { title: string; text: string } {
  const what = EVENT_WORDS[row.event_type] ?? row.event_type;
  const title = `${what}：${row.tracking_code}`;
  const lines = [
    `### ${what}：${row.tracking_code}`,
    // "问题" in every message: DingTalk robots with the keyword setting pass only messages that contain their keyword.
    `> 问题编号：${row.tracking_code}`,
    `> 标题：${plain(row.title)}`,
    `> 类别：${plain(row.category_name)}`,
    `> 网格：${plain(row.grid_name)}（${plain(row.grid_code)}）`,
    `> 状态：${STATUS_WORDS[row.status] ?? row.status}`,
    ...(row.public_note ? [`> 说明：${plain(row.public_note, 200)}`] : []),
    `> 截止：${formatChinaTime(row.resolve_due_at)}`,
    '',
    `[在工作台查看](${consoleLink(publicUrl, row.issue_id)})`,
  ];
  return { title, text: lines.join('\n') };
}

/** A time as China reads it (UTC+8, no daylight saving), e.g. 2026-12-07 18:30. */
export function formatChinaTime(value: Date | string): string {
  const shifted = new Date(new Date(value).getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 16).replace('T', ' ');
}

/** The request for one attempt of a delivery, in the webhook's format. */
export function buildRequest(row: DeliveryRow, publicUrl: string, now: Date = new Date()): OutboundRequest {
  const headers: Record<string, string> = {
    'x-lastmeter-delivery': row.id,
    'x-lastmeter-event': row.event_type,
  };
  switch (row.format) {
    case WebhookFormat.JSON: {
      const body = JSON.stringify(jsonBody(row));
      headers['x-lastmeter-signature'] = signatureHeader(row.secret, body, Math.floor(now.getTime() / 1000));
      return { body, headers };
    }
    case WebhookFormat.WECOM_ROBOT: {
      const { text } = robotMarkdown(row, publicUrl);
      return { body: JSON.stringify({ msgtype: 'markdown', markdown: { content: text } }), headers };
    }
    case WebhookFormat.DINGTALK_ROBOT: {
      const { title, text } = robotMarkdown(row, publicUrl);
      return { body: JSON.stringify({ msgtype: 'markdown', markdown: { title, text } }), headers };
    }
    default:
      throw new Error(`unknown webhook format ${String(row.format satisfies never)}`);
  }
}

/**
 * Did the receiver take it? Any 2xx; for the robots also `errcode: 0` in the
 * answer (they answer 200 with an error code when they refuse a message).
 */
export function accepted(format: WebhookFormat, status: number, answer: string): { ok: boolean; error?: string } {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}` };
  if (format === WebhookFormat.JSON) return { ok: true };
  try {
    const parsed = JSON.parse(answer) as { errcode?: unknown; errmsg?: unknown };
    if (parsed.errcode === undefined || parsed.errcode === 0) return { ok: true };
    return { ok: false, error: `errcode ${String(parsed.errcode)}: ${String(parsed.errmsg ?? '').slice(0, 200)}` };
  } catch {
    return { ok: true };
  }
}

/**
 * Short messages to a reporter who left a phone number and agreed (`notify`).
 * A gateway (SMS_GATEWAY_URL) receives `{ phone, template, params }` and
 * renders the template it has registered with the carrier; the texts below are
 * what to register (and what the log shows when there is no gateway).
 */

export enum SmsTemplate {
  ISSUE_ACCEPTED = 'ISSUE_ACCEPTED',
  ISSUE_RESOLVED = 'ISSUE_RESOLVED',
  ISSUE_EXTENDED = 'ISSUE_EXTENDED',
  ISSUE_MERGED = 'ISSUE_MERGED',
}

/** The issue event that sends each message. */
export const SMS_EVENT_TEMPLATES: Readonly<Record<string, SmsTemplate>> = {
  ACCEPTED: SmsTemplate.ISSUE_ACCEPTED,
  RESOLVED: SmsTemplate.ISSUE_RESOLVED,
  EXTENSION_APPROVED: SmsTemplate.ISSUE_EXTENDED,
  MERGED: SmsTemplate.ISSUE_MERGED,
};

export interface SmsParams {
  trackingCode: string;
  /** The tracking page of this report. */
  link: string;
  /** RESOLVED: the public note (may be empty). */
  note?: string;
  /** ISSUE_EXTENDED: the new deadline, China time (YYYY-MM-DD HH:mm). */
  dueAt?: string;
}

/** The texts, in Simplified Chinese; `{name}` is a parameter. */
export const SMS_TEXTS: Readonly<Record<SmsTemplate, string>> = {
  [SmsTemplate.ISSUE_ACCEPTED]: '【最后一米】您反映的问题（编号{trackingCode}）已受理，我们会尽快处理。查看进度：{link}',
  [SmsTemplate.ISSUE_RESOLVED]: '【最后一米】您反映的问题（编号{trackingCode}）已办结：{note}。查看详情：{link}',
  [SmsTemplate.ISSUE_EXTENDED]: '【最后一米】您反映的问题（编号{trackingCode}）办理期限已延长至{dueAt}。查看进度：{link}',
  [SmsTemplate.ISSUE_MERGED]: '【最后一米】您反映的问题（编号{trackingCode}）已与同一问题合并办理，请按链接查看进度：{link}',
};

export function renderSms(template: SmsTemplate, params: SmsParams): string {
  return SMS_TEXTS[template].replace(/\{(\w+)\}/g, (_, name: string) => String((params as unknown as Record<string, unknown>)[name] ?? ''));
}

/** 13812345678 → 138****5678: what the log shows instead of the number. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** The page where a resident follows a report (the demo portal's tracker reads the code from the address). */
export function trackingLink(publicUrl: string, trackingCode: string): string {
  return `${publicUrl}/?trackingCode=${encodeURIComponent(trackingCode)}`;
}

/**
 * The report form's safety net: a report and its idempotency key are written
 * here before they are sent, and removed as soon as the server confirms. A
 * dropped network or a closed tab therefore resends the same key later, and the
 * server answers with the same issue instead of filing a second one.
 *
 * Only what resending needs is written down: never the reporter's name or phone
 * (they stay in the page's memory; a report resent after a reload goes without them).
 */
import type { ReportInput } from './client';

export interface PendingReport {
  input: ReportInput;
  savedAt: string;
}

const PREFIX = 'lastmeter:pending-report:';

export function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled (privacy mode, sandboxed frame): no persistence, still works
  }
}

/** The storage key: one pending report per API endpoint and portal key. */
export function pendingKey(endpoint: string, portalKey: string): string {
  return `${PREFIX}${endpoint}|${portalKey}`;
}

export function loadPending(key: string): PendingReport | null {
  try {
    const raw = storage()?.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as PendingReport;
    return parsed?.input?.idempotencyKey ? parsed : null;
  } catch {
    return null;
  }
}

/** Writes the report down without the reporter's name and phone. */
export function savePending(key: string, input: ReportInput): void {
  const { reporterName: _name, reporterPhone: _phone, ...kept } = input;
  try {
    storage()?.setItem(key, JSON.stringify({ input: kept, savedAt: new Date().toISOString() } satisfies PendingReport));
  } catch {
    // Quota or disabled storage: the in-memory copy still covers this page's lifetime.
  }
}

export function clearPending(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // nothing to clear
  }
}

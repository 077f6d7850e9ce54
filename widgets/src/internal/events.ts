/** The widgets' outgoing events: they bubble and cross shadow roots, so a portal can listen anywhere. */
import type { IssueStatus } from './api-types';

/** `lm-error`: something failed. */
export interface LmErrorDetail {
  /** The API's error code (`extensions.code`), or `NETWORK_ERROR` when no answer came. */
  code: string;
  /** The text shown to the reader. */
  message: string;
  /** The server's own reason, for the developer (e.g. "Unknown portal key."), when it gave one. */
  reason?: string;
  /** The attribute that is wrong, when the failure is a setup mistake (e.g. `portal-key`, `region`). */
  attribute?: string;
}

export interface LastmeterEventMap {
  'lm-submitted': { trackingCode: string };
  'lm-status-changed': { trackingCode: string; status: IssueStatus; previousStatus: IssueStatus | null };
  'lm-error': LmErrorDetail;
  /** The feed's token was refused (expired or revoked): sign the cadre in again and set a new `token`. */
  'lm-sign-in-required': { code: 'UNAUTHENTICATED'; reason?: string };
}

export function emit<K extends keyof LastmeterEventMap>(host: HTMLElement, name: K, detail: LastmeterEventMap[K]): void {
  host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lm-submitted': CustomEvent<LastmeterEventMap['lm-submitted']>;
    'lm-status-changed': CustomEvent<LastmeterEventMap['lm-status-changed']>;
    'lm-error': CustomEvent<LastmeterEventMap['lm-error']>;
    'lm-sign-in-required': CustomEvent<LastmeterEventMap['lm-sign-in-required']>;
  }
}

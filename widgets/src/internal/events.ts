/** The widgets' outgoing events: they bubble and cross shadow roots, so a portal can listen anywhere. */

export interface LastmeterEventMap {
  'lm-submitted': { trackingCode: string };
  'lm-status-changed': { trackingCode: string; status: string; previousStatus: string | null };
  'lm-error': { code: string; message: string };
}

export function emit<K extends keyof LastmeterEventMap>(host: HTMLElement, name: K, detail: LastmeterEventMap[K]): void {
  host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/**
 * What every Lastmeter widget shares: `lang`, `endpoint` and `portal-key`
 * attributes, the locale (own `lang`, else the page's, followed live), a shared
 * SDK client, a polite live region for announcements, and the `lm-error` event.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { clientFor, errorCodeOf, type WidgetClient } from './client';
import { resolveEndpoint } from './endpoint';
import { emit } from './events';
import { resolveLocale, stringsFor, type Locale, type Strings } from './i18n';

/** Elements to tell when the page's `<html lang>` changes. */
const localeListeners = new Set<LastmeterElement>();
let pageLangObserver: MutationObserver | undefined;

function watchPageLang(element: LastmeterElement): void {
  localeListeners.add(element);
  pageLangObserver ??= new MutationObserver(() => localeListeners.forEach((el) => el.refreshLocale()));
  pageLangObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

export abstract class LastmeterElement extends LitElement {
  /** `en` for English, `zh-TW` or `zh-HK` for Traditional Chinese; anything else, or nothing (on a page that says no other), means Simplified Chinese. */
  @property() lang = '';

  /** The GraphQL endpoint; defaults to `/graphql` on the origin the bundle was loaded from. */
  @property() endpoint = '';

  /** The portal key issued for this site (sent as X-Portal-Key). */
  @property({ attribute: 'portal-key' }) portalKey = '';

  @state() protected locale: Locale = 'zh-CN';

  /** Text for the polite live region, read out by screen readers. */
  @state() protected announcement = '';

  protected get t(): Strings {
    return stringsFor(this.locale);
  }

  /** A staff token, for widgets that have one (the feed). */
  protected get staffToken(): string | undefined {
    return undefined;
  }

  protected get client(): WidgetClient {
    return clientFor({ endpoint: resolveEndpoint(this.endpoint), portalKey: this.portalKey || undefined, token: this.staffToken });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchPageLang(this);
    this.refreshLocale();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    localeListeners.delete(this);
  }

  /** Re-reads the locale (called when `lang` changes here or on the page). */
  refreshLocale(): void {
    this.locale = resolveLocale(this, this.lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang')) this.refreshLocale();
  }

  /** Says something to screen-reader users without moving focus. */
  protected announce(message: string): void {
    // Clearing first makes the same message be read again when repeated.
    this.announcement = '';
    requestAnimationFrame(() => {
      this.announcement = message;
    });
  }

  protected renderAnnouncer() {
    return html`<div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>`;
  }

  /** Tells the page about a failure (`lm-error`) and returns a message for the reader. */
  protected reportError(error: unknown, messages: Partial<Record<string, string>> = {}): string {
    const code = errorCodeOf(error);
    const message =
      messages[code] ??
      (code === 'NETWORK_ERROR' ? this.t.networkError : code === 'RATE_LIMITED' ? this.t.rateLimited : code === 'FORBIDDEN' ? this.t.forbidden : this.t.genericError);
    emit(this, 'lm-error', { code, message });
    return message;
  }
}

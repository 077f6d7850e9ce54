/**
 * What every Lastmeter widget shares: `lang`, `endpoint`, `portal-key` and
 * `color-scheme` attributes, the locale (own `lang`, else the page's, followed
 * live), a shared SDK client, a polite live region for announcements, and the
 * `lm-error` event. Setup mistakes (a refused portal key, an unknown region id)
 * are told to the developer in the console, with the server's reason, and to
 * residents as a neutral "service unavailable".
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { clientFor, errorCodeOf, type WidgetClient } from './client';
import { resolveEndpoint } from './endpoint';
import { emit, type LmErrorDetail } from './events';
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

  /**
   * Required on a page of another origin than the API's: the portal key issued for
   * this site (sent as X-Portal-Key). An administrator creates it with
   * `createPortalKey(name, allowedOrigins)`, listing this page's origin.
   */
  @property({ attribute: 'portal-key' }) portalKey = '';

  /**
   * `light` or `dark` to force a scheme, `auto` to follow the reader's system setting.
   * Without it the widget follows the page's own CSS `color-scheme` (light unless the page says otherwise).
   */
  @property({ attribute: 'color-scheme', reflect: true }) colorScheme: '' | 'light' | 'dark' | 'auto' = '';

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

  /** Setup problems already written to the console by this element (each once). */
  private readonly toldDeveloper = new Set<string>();

  /** One line in the console for the page's developer, naming the attribute to fix (once per problem). */
  protected tellDeveloper(attribute: string, reason: string): void {
    const line = `<${this.localName}>: check the ${attribute} attribute. ${reason}`;
    if (this.toldDeveloper.has(line)) return;
    this.toldDeveloper.add(line);
    console.error(line);
  }

  /**
   * When a request got no readable answer, knocks once more without CORS: if the
   * API answers that (an opaque response), the server is up and refused this
   * page's origin, which browsers hide from scripts. The error then says so;
   * a network that is really down leaves it as it was.
   */
  protected async explain(error: unknown): Promise<unknown> {
    if (errorCodeOf(error) !== 'NETWORK_ERROR') return error;
    const endpoint = resolveEndpoint(this.endpoint);
    try {
      await fetch(endpoint, { mode: 'no-cors', credentials: 'omit', cache: 'no-store' });
    } catch {
      return error;
    }
    return {
      code: 'FORBIDDEN',
      message: `${endpoint} refused requests from ${location.origin}: register this origin in a portal key's allowedOrigins (createPortalKey) and set that key as portal-key.`,
    };
  }

  /**
   * Tells the page about a failure (`lm-error`) and returns a message for the reader.
   * A refused portal key or origin (FORBIDDEN), or a failure `attribute` names (e.g.
   * NOT_FOUND for `region`), is a setup mistake: the console gets the server's reason,
   * residents a neutral "service unavailable".
   */
  protected reportError(error: unknown, messages: Partial<Record<string, string>> = {}, attribute?: string): string {
    const code = errorCodeOf(error);
    const reason = reasonOf(error);
    const setup = attribute ?? (code === 'FORBIDDEN' ? 'portal-key' : undefined);
    const message =
      messages[code] ??
      (setup
        ? this.t.unavailable
        : code === 'NETWORK_ERROR'
          ? this.t.networkError
          : code === 'RATE_LIMITED'
            ? this.t.rateLimited
            : this.t.genericError);
    if (setup) this.tellDeveloper(setup, reason ? `The API says: ${reason}` : `The API answered ${code}.`);
    const detail: LmErrorDetail = { code, message, ...(reason ? { reason } : {}), ...(setup ? { attribute: setup } : {}) };
    emit(this, 'lm-error', detail);
    return message;
  }
}

/** The server's own message, when the failure came with one (not a browser's "Failed to fetch"). */
function reasonOf(error: unknown): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code !== 'NETWORK_ERROR' && typeof message === 'string' && message ? message : undefined;
}

/**
 * What the staff console's elements share on top of every widget's base
 * (LastmeterElement: lang, endpoint, color-scheme, live region): the console's
 * words, the SDK client with the tab's session token, and a re-render when the
 * session changes (signed in, signed out, expired).
 */
import type { LastmeterClient } from '@lastmeter/sdk';
import { LastmeterElement } from './lastmeter-element';
import { consoleClient } from './console-api';
import { consoleStringsFor, type ConsoleStrings } from './console-i18n';
import { resolveEndpoint } from './endpoint';
import { session } from './console-session';

export abstract class ConsoleElement extends LastmeterElement {
  private unsubscribe?: () => void;

  protected get c(): ConsoleStrings {
    return consoleStringsFor(this.locale);
  }

  protected get api(): LastmeterClient {
    return consoleClient(resolveEndpoint(this.endpoint));
  }

  protected get resolvedEndpoint(): string {
    return resolveEndpoint(this.endpoint);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = session.subscribe(() => this.sessionChanged());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  /** Called when the session changes; re-renders by default. */
  protected sessionChanged(): void {
    this.requestUpdate();
  }

  /** A duration in the reader's words, e.g. "2 天 3 小时" / "2 d 3 h". */
  protected duration(ms: number): string {
    const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    if (days) return `${this.c.days(days)}${hours ? ` ${this.c.hours(hours)}` : ''}`;
    if (hours) return this.c.hours(hours);
    return this.c.minutes(minutes);
  }

  /** "2 h left" or "3 h overdue" for a deadline. */
  protected timeLeft(iso: string, now = Date.now()): string {
    const left = Date.parse(iso) - now;
    return left >= 0 ? this.c.timeLeft(this.duration(left)) : this.c.timeOver(this.duration(left));
  }
}

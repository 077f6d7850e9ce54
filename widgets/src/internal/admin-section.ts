/**
 * What every administration section shares on top of the console's elements:
 * its words, one error line and one notice line (the server's own message is
 * shown: the reader is an administrator), a busy flag around each call, and
 * table styles that scroll sideways on a phone.
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { errorCodeOf } from './client';
import { call } from './console-api';
import { ConsoleElement } from './console-element';
import { consoleStyles } from './console-styles';
import { themeStyles } from './theme';
import { adminStringsFor, type AdminStrings } from './admin-strings';

export const adminStyles = [
  themeStyles,
  consoleStyles,
  css`
    .scroll {
      overflow-x: auto;
      margin: var(--_space) 0;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: 0.4rem 0.5rem;
      border-bottom: 1px solid var(--_border);
    }
    caption {
      text-align: start;
      font-weight: 600;
      padding-bottom: 0.25rem;
    }
    form.card {
      margin-bottom: var(--_space);
    }
    h3 {
      margin: 0 0 var(--_space);
      font-size: 1.1em;
    }
    .grid2 {
      display: grid;
      gap: 0 var(--_space);
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    }
    input[type='file'],
    input[type='date'],
    input[type='number'] {
      min-height: 44px;
    }
    .secret {
      font-family: ui-monospace, monospace;
      word-break: break-all;
    }
  `,
];

export abstract class AdminSection extends ConsoleElement {
  @state() protected busy = false;
  @state() protected error = '';
  @state() protected notice = '';

  protected get a(): AdminStrings {
    return adminStringsFor(this.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.attempt(() => this.load());
  }

  /** Loads what the section lists. */
  abstract load(): Promise<void>;

  /** The section's content, inside the `base` part every element exposes. */
  protected abstract renderSection(): unknown;

  protected override render() {
    return html`<div part="base">${this.renderSection()}</div>`;
  }

  /** Runs a call with the busy flag; a failure becomes the error line (an expired session brings the sign-in back instead). */
  protected async attempt<T>(run: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.error = '';
    try {
      return await call(run);
    } catch (error) {
      if (errorCodeOf(error) !== 'UNAUTHENTICATED') {
        const message = (error as { message?: string })?.message || errorCodeOf(error);
        this.error = this.a.failed(message);
        this.announce(this.error);
      }
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  protected say(message: string): void {
    this.notice = message;
    this.announce(message);
  }

  /** The error and notice lines, and the live region. */
  protected renderStatus() {
    return html`<p class="field-error" role="alert">${this.error}</p>
      ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}${this.renderAnnouncer()}`;
  }
}

/** The value of an input or select from its event. */
export const valueOf = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;

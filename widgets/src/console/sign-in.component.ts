import { html, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { errorCodeOf } from '../internal/client';
import { retryAfterSeconds, signIn } from '../internal/console-api';
import { ConsoleElement } from '../internal/console-element';
import { consoleStyles } from '../internal/console-styles';
import { themeStyles } from '../internal/theme';

/**
 * Staff sign-in with username and password. The token is kept in memory and
 * sessionStorage only (never localStorage). The server's refusals are shown in
 * words: a wrong password, or a lock-out with the minutes left.
 *
 * @summary Staff sign-in for the console.
 * @tag lm-sign-in
 * @event {CustomEvent<{ id: string; username: string; displayName: string; role: 'ADMIN' | 'CADRE' | 'GRID_WORKER'; cadreId: string | null; scopeRegionId: string | null; grids: { id: string; name: string }[] }>} lm-signed-in - After a successful sign-in: the user, with the grids they work in.
 * @event {CustomEvent<{ code: string; message: string; reason?: string; attribute?: string }>} lm-error - Something failed (`code`: the API error code or `NETWORK_ERROR`; `reason`: the server's own words). The element also says so in words.
 *
 * @csspart base - The sign-in form.
 *
 * @cssproperty --lm-color-primary - The Sign in button.
 */
export class LmSignIn extends ConsoleElement {
  static override styles = [themeStyles, consoleStyles];

  /** A username to start with (the console passes the one whose session expired). */
  @property() username = '';

  /** A message shown above the form (e.g. that the session expired). */
  @property() notice = '';

  @state() private busy = false;
  @state() private error = '';
  @query('#lm-password') private passwordInput!: HTMLInputElement;
  @query('#lm-username') private usernameInput!: HTMLInputElement;

  protected override firstUpdated(_changed: PropertyValues<this>): void {
    (this.username ? this.passwordInput : this.usernameInput)?.focus();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const username = this.usernameInput.value.trim();
    const password = this.passwordInput.value;
    if (!username || !password) {
      this.error = this.c.missingCredentials;
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const user = await signIn(this.resolvedEndpoint, username, password);
      this.passwordInput.value = '';
      this.dispatchEvent(new CustomEvent('lm-signed-in', { detail: user, bubbles: true, composed: true }));
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'RATE_LIMITED') this.error = this.c.lockedOut(Math.max(1, Math.ceil((retryAfterSeconds(error) ?? 60) / 60)));
      else if (code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT') this.error = this.c.wrongPassword;
      else this.error = this.reportError(error);
      this.passwordInput.select();
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const c = this.c;
    return html`<form class="card" part="base" @submit=${this.submit} novalidate>
      <h2>${c.signInTitle}</h2>
      ${this.notice ? html`<p class="notice">${this.notice}</p>` : null}
      <div class="field">
        <label for="lm-username">${c.username}</label>
        <input id="lm-username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" .value=${this.username} required />
      </div>
      <div class="field">
        <label for="lm-password">${c.password}</label>
        <input id="lm-password" name="password" type="password" autocomplete="current-password" required aria-describedby="lm-sign-in-error" />
      </div>
      <p id="lm-sign-in-error" class="error" role="alert">${this.error}</p>
      <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? c.signingIn : c.signIn}</button>
    </form>`;
  }
}

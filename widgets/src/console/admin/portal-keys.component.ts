import { html } from 'lit';
import { state } from 'lit/decorators.js';
import type { PortalKeyFieldsFragment } from '@lastmeter/sdk';
import { AdminSection, adminStyles, valueOf } from '../../internal/admin-section';

/**
 * Portal keys: each portal's name and allowed origins, and a form for a new key
 * (the key itself is shown once, in the answer).
 *
 * @summary Portal keys and their allowed origins.
 * @tag lm-admin-portal-keys
 *
 * @csspart base - The section's content.
 */
export class LmAdminPortalKeys extends AdminSection {
  static override styles = adminStyles;

  @state() private keys: PortalKeyFieldsFragment[] = [];
  @state() private name = '';
  @state() private origins = '';

  async load(): Promise<void> {
    this.keys = await this.api.portalKeys();
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const allowedOrigins = this.origins.split(/\s+/).filter(Boolean);
    const key = await this.attempt(() => this.api.createPortalKey({ name: this.name.trim(), allowedOrigins }));
    if (key) {
      this.say(this.a.newKey(key.key ?? ''));
      this.name = '';
      this.origins = '';
      await this.attempt(() => this.load());
    }
  }

  protected renderSection() {
    const a = this.a;
    return html`<form class="card" aria-labelledby="lm-pk-h" @submit=${this.create}>
        <h3 id="lm-pk-h">${a.newPortalKey}</h3>
        <div class="field">
          <label for="lm-pk-name">${a.keyName}</label>
          <input id="lm-pk-name" .value=${this.name} @input=${(e: Event) => (this.name = valueOf(e))} />
        </div>
        <div class="field">
          <label for="lm-pk-origins">${a.allowedOrigins}</label>
          <textarea id="lm-pk-origins" .value=${this.origins} @input=${(e: Event) => (this.origins = valueOf(e))}></textarea>
        </div>
        <button class="primary" type="submit" ?disabled=${this.busy}>${a.create}</button>
        ${this.renderStatus()}
      </form>
      <div class="scroll">
        <table>
          <caption class="sr-only">${a.section.portalKeys}</caption>
          <thead><tr><th scope="col">${a.keyName}</th><th scope="col">${a.origins}</th></tr></thead>
          <tbody>
            ${this.keys.map((k) => html`<tr><td>${k.name}</td><td>${k.allowedOrigins.map((o) => html`<div class="secret">${o}</div>`)}</td></tr>`)}
          </tbody>
        </table>
      </div>`;
  }
}

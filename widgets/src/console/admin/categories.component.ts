import { html } from 'lit';
import { state } from 'lit/decorators.js';
import type { CategoryFieldsFragment, TimeUnit } from '@lastmeter/sdk';
import { AdminSection, adminStyles, valueOf } from '../../internal/admin-section';

const UNITS: TimeUnit[] = ['HOURS', 'WORKING_HOURS', 'WORKING_DAYS'];

/**
 * Categories and their time limits: every category with its response and
 * resolve limits, and a form to rename one or change its limits (for issues
 * reported afterwards).
 *
 * @summary Categories and time limits.
 * @tag lm-admin-categories
 *
 * @csspart base - The section's content.
 */
export class LmAdminCategories extends AdminSection {
  static override styles = adminStyles;

  @state() private categories: CategoryFieldsFragment[] = [];
  @state() private code = '';
  @state() private draft: CategoryFieldsFragment | null = null;

  async load(): Promise<void> {
    this.categories = await this.api.categories();
    this.pick(this.code || this.categories[0]?.code || '');
  }

  private pick(code: string): void {
    this.code = code;
    const found = this.categories.find((c) => c.code === code);
    this.draft = found ? structuredClone(found) : null;
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const d = this.draft;
    if (!d) return;
    const input = {
      name: d.name,
      nameEn: d.nameEn,
      requiresAfterPhoto: d.requiresAfterPhoto,
      responseLimit: { amount: Number(d.responseLimit.amount), unit: d.responseLimit.unit },
      resolveLimit: { amount: Number(d.resolveLimit.amount), unit: d.resolveLimit.unit },
    };
    if (await this.attempt(() => this.api.updateCategory({ code: d.code, input }))) {
      this.say(this.a.saved);
      await this.attempt(() => this.load());
    }
  }

  private limit(which: 'responseLimit' | 'resolveLimit') {
    const a = this.a;
    const d = this.draft!;
    const set = (patch: Partial<CategoryFieldsFragment['responseLimit']>) => (this.draft = { ...d, [which]: { ...d[which], ...patch } });
    return html`<fieldset>
      <legend>${a[which]}</legend>
      <div class="grid2">
        <div class="field">
          <label for="lm-c-${which}-n">${a.amount}</label>
          <input id="lm-c-${which}-n" type="number" min="1" inputmode="numeric" .value=${String(d[which].amount)} @input=${(e: Event) => set({ amount: Number(valueOf(e)) })} />
        </div>
        <div class="field">
          <label for="lm-c-${which}-u">${a.unit}</label>
          <select id="lm-c-${which}-u" @change=${(e: Event) => set({ unit: valueOf(e) as TimeUnit })}>
            ${UNITS.map((u) => html`<option value=${u} ?selected=${d[which].unit === u}>${a.unit_[u]}</option>`)}
          </select>
        </div>
      </div>
    </fieldset>`;
  }

  protected renderSection() {
    const a = this.a;
    const d = this.draft;
    const limit = (l: CategoryFieldsFragment['resolveLimit']) => `${l.amount} ${a.unit_[l.unit]}`;
    return html`<form class="card" aria-labelledby="lm-c-h" @submit=${this.save}>
        <h3 id="lm-c-h">${a.editCategory}</h3>
        <div class="field">
          <label for="lm-c-code">${a.category}</label>
          <select id="lm-c-code" @change=${(e: Event) => this.pick(valueOf(e))}>
            ${this.categories.map((c) => html`<option value=${c.code} ?selected=${c.code === this.code}>${c.name}（${c.code}）</option>`)}
          </select>
        </div>
        ${d
          ? html`<div class="grid2">
                <div class="field">
                  <label for="lm-c-name">${a.name}</label>
                  <input id="lm-c-name" .value=${d.name} @input=${(e: Event) => (this.draft = { ...d, name: valueOf(e) })} />
                </div>
                <div class="field">
                  <label for="lm-c-name-en">${a.nameEn}</label>
                  <input id="lm-c-name-en" .value=${d.nameEn} @input=${(e: Event) => (this.draft = { ...d, nameEn: valueOf(e) })} />
                </div>
              </div>
              ${this.limit('responseLimit')} ${this.limit('resolveLimit')}
              <label class="choice"
                ><input type="checkbox" .checked=${d.requiresAfterPhoto} @change=${(e: Event) => (this.draft = { ...d, requiresAfterPhoto: (e.target as HTMLInputElement).checked })} />${a.afterPhoto}</label
              >
              <button class="primary" type="submit" ?disabled=${this.busy}>${a.save}</button>`
          : ''}
        ${this.renderStatus()}
      </form>
      <div class="scroll">
        <table>
          <caption class="sr-only">${a.section.categories}</caption>
          <thead><tr><th scope="col">${a.code}</th><th scope="col">${a.name}</th><th scope="col">${a.responseLimit}</th><th scope="col">${a.resolveLimit}</th></tr></thead>
          <tbody>
            ${this.categories.map((c) => html`<tr><td class="code">${c.code}</td><td>${c.name}</td><td>${limit(c.responseLimit)}</td><td>${limit(c.resolveLimit)}</td></tr>`)}
          </tbody>
        </table>
      </div>`;
  }
}

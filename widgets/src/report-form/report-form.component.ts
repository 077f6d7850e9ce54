import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { RegionLevel } from '../internal/api-types';
import { errorCodeOf, type CategoryView, type GridView, type RegionView, type ReportInput } from '../internal/client';
import { resolveEndpoint } from '../internal/endpoint';
import { emit } from '../internal/events';
import { groupLabel } from '../internal/i18n';
import { randomId } from '../internal/ids';
import { LastmeterElement } from '../internal/lastmeter-element';
import { clearPending, loadPending, pendingKey, savePending, type PendingReport } from '../internal/pending-report';
import { themeStyles } from '../internal/theme';
import { reportFormStyles } from './report-form.styles';

/** Longest description the API accepts. */
const MAX_DESCRIPTION = 2000;
/** Codes that will not change by sending the same report again: drop the pending copy. */
const FINAL_ERRORS = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'CONFLICT']);
/** Waits before resending a pending report on its own (ms); the `online` event and a reload resend at once. */
const RESEND_DELAYS = [5_000, 15_000, 60_000];

type Phase = 'form' | 'submitting' | 'pending' | 'done';

interface RegionLevelState {
  level: RegionLevel;
  options: RegionView[];
  selected: string;
}

/**
 * A resident's report form: category, description, where it is (grid by region
 * or "use my location"), optional name and phone or anonymous. The report and its
 * idempotency key stay in localStorage until the server confirms it, so a dropped
 * network or a closed tab resends it later without creating a duplicate.
 *
 * @summary Report a problem to the grid; shows the tracking code on success.
 * @tag lm-report-form
 *
 * @event lm-submitted - The server accepted the report. `detail.trackingCode` is the code to follow it by.
 * @event lm-error - Something failed. `detail.code` is the API error code (or NETWORK_ERROR), `detail.message` the shown text.
 *
 * @csspart form - The form element.
 * @csspart field - Each label + control group.
 * @csspart location - The "where is it" fieldset.
 * @csspart submit-button - The submit button.
 * @csspart error - The inline error message.
 * @csspart success - The confirmation shown after submitting.
 * @csspart tracking-code - The tracking code text.
 * @csspart copy-button - The button that copies the tracking code.
 *
 * @cssproperty --lm-color-primary - Accent and button colour (`--lm-color-primary-dark` in dark mode).
 * @cssproperty --lm-color-surface - Background colour.
 * @cssproperty --lm-color-text - Text colour.
 * @cssproperty --lm-font-family - Font family.
 * @cssproperty --lm-radius - Corner radius.
 */
export class LmReportForm extends LastmeterElement {
  static override styles = [themeStyles, reportFormStyles];

  /** Preselected grid id (the form then skips the region choice). */
  @property() grid = '';

  /** Preselected category code, e.g. `GARBAGE`. */
  @property() category = '';

  @state() private phase: Phase = 'form';
  @state() private categories: CategoryView[] = [];
  @state() private levels: RegionLevelState[] = [];
  @state() private grids: GridView[] = [];
  @state() private gridSelected = '';
  /** A grid fixed by the `grid` attribute or by the reader's location. */
  @state() private chosenGrid: GridView | null = null;
  @state() private located: { latitude: number; longitude: number } | null = null;
  @state() private locationStatus = '';
  @state() private categoryCode = '';
  @state() private description = '';
  @state() private reporterName = '';
  @state() private reporterPhone = '';
  @state() private anonymous = false;
  @state() private formError = '';
  @state() private loadError = '';
  @state() private trackingCode = '';
  @state() private copyStatus = '';

  @query('.success') private successBox?: HTMLElement;

  private resendTimer?: ReturnType<typeof setTimeout>;
  private resendAttempt = 0;
  private sending?: Promise<void>;
  private readonly onOnline = () => void this.resendPending();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
    if (this.hasUpdated) void this.resendPending();
  }

  protected override firstUpdated(): void {
    // After the first update every attribute (endpoint, portal-key, grid…) is in place.
    void this.loadChoices();
    void this.resendPending();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.resendTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('category') && this.category && !this.categoryCode) this.categoryCode = this.category;
    if (changed.has('grid') && changed.get('grid') !== undefined) void this.loadPresetGrid();
  }

  private get storageKey(): string {
    return pendingKey(resolveEndpoint(this.endpoint), this.portalKey);
  }

  private async loadChoices(): Promise<void> {
    this.loadError = '';
    try {
      const [categories, top] = await Promise.all([this.client.categories(), this.client.regions()]);
      this.categories = categories;
      this.levels = top.length ? [{ level: top[0].level, options: top, selected: '' }] : [];
      if (top.length === 1) await this.selectRegion(0, top[0].id);
      await this.loadPresetGrid();
    } catch (error) {
      this.loadError = this.reportError(error);
    }
  }

  private async loadPresetGrid(): Promise<void> {
    if (!this.grid) return;
    const grid = await this.client.grid(this.grid).catch(() => null);
    if (grid) this.chosenGrid = grid;
  }

  /** Picks a region at one level of the cascade and loads what lies beneath it. */
  private async selectRegion(index: number, regionId: string): Promise<void> {
    const levels = this.levels.slice(0, index + 1);
    levels[index] = { ...levels[index], selected: regionId };
    this.levels = levels;
    this.grids = [];
    this.gridSelected = '';
    if (!regionId) return;
    const grids = levels[index].options.find((r) => r.id === regionId)?.grids ?? [];
    let children: RegionView[];
    try {
      children = await this.client.regions(regionId);
    } catch (error) {
      this.loadError = this.reportError(error);
      return;
    }
    if (this.levels[index]?.selected !== regionId) return; // the reader moved on meanwhile
    if (children.length) {
      this.levels = [...this.levels, { level: children[0].level, options: children, selected: '' }];
      if (children.length === 1) await this.selectRegion(index + 1, children[0].id);
    }
    this.grids = grids;
    if (grids.length === 1) this.gridSelected = grids[0].id;
  }

  private useMyLocation(): void {
    if (!('geolocation' in navigator)) {
      this.locationStatus = this.t.locationUnavailable;
      this.announce(this.locationStatus);
      return;
    }
    this.locationStatus = this.t.locating;
    navigator.geolocation.getCurrentPosition(
      async ({ coords }) => {
        try {
          const grid = await this.client.gridAt(coords.latitude, coords.longitude);
          if (grid) {
            this.chosenGrid = grid;
            this.located = { latitude: coords.latitude, longitude: coords.longitude };
            this.locationStatus = this.t.locatedIn(grid.name);
          } else {
            this.locationStatus = this.t.outsideGrids;
          }
        } catch (error) {
          this.locationStatus = this.reportError(error);
        }
        this.announce(this.locationStatus);
      },
      () => {
        this.locationStatus = this.t.locationUnavailable;
        this.announce(this.locationStatus);
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  private changeGrid(): void {
    this.chosenGrid = null;
    this.located = null;
    this.locationStatus = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLSelectElement>('.location select')?.focus());
  }

  private validate(): { message: string; field: string } | null {
    if (!this.categoryCode) return { message: this.t.missingCategory, field: 'category' };
    if (!this.description.trim()) return { message: this.t.missingDescription, field: 'description' };
    if (!(this.chosenGrid?.id || this.gridSelected)) {
      return { message: this.t.missingGrid, field: this.grids.length ? 'grid' : 'use-location' };
    }
    const phone = this.reporterPhone.replace(/[\s-]/g, '');
    if (!this.anonymous && phone && !/^1\d{10}$/.test(phone)) return { message: this.t.badPhone, field: 'phone' };
    return null;
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.phase === 'submitting') return;
    const problem = this.validate();
    if (problem) {
      this.formError = problem.message;
      this.announce(problem.message);
      this.renderRoot.querySelector<HTMLElement>(`#${problem.field}`)?.focus();
      return;
    }
    this.formError = '';
    const phone = this.reporterPhone.replace(/[\s-]/g, '');
    const input: ReportInput = {
      categoryCode: this.categoryCode,
      description: this.description.trim(),
      gridId: this.chosenGrid?.id || this.gridSelected,
      ...(this.located ? { location: this.located } : {}),
      anonymous: this.anonymous,
      ...(this.anonymous ? {} : { reporterName: this.reporterName.trim() || null, reporterPhone: phone || null }),
      idempotencyKey: randomId(),
    };
    // Written down before it leaves: from here on the report cannot be lost.
    savePending(this.storageKey, input);
    await this.send({ input, savedAt: new Date().toISOString() });
  }

  /** Sends the report kept in localStorage, if any (on load, when back online, on retry). */
  private async resendPending(): Promise<void> {
    const pending = loadPending(this.storageKey);
    if (!pending || this.phase === 'done') return;
    await this.send(pending, true);
  }

  private send(pending: PendingReport, resend = false): Promise<void> {
    this.sending ??= this.trySend(pending, resend).finally(() => {
      this.sending = undefined;
    });
    return this.sending;
  }

  private async trySend({ input }: PendingReport, resend: boolean): Promise<void> {
    clearTimeout(this.resendTimer);
    this.phase = 'submitting';
    this.formError = '';
    this.announce(resend ? this.t.resubmitting : this.t.submitting);
    try {
      const { trackingCode } = await this.client.reportIssue(input);
      clearPending(this.storageKey);
      this.resendAttempt = 0;
      this.trackingCode = trackingCode;
      this.phase = 'done';
      this.announce(`${this.t.submitted} ${this.t.trackingCode}: ${trackingCode}`);
      emit(this, 'lm-submitted', { trackingCode });
      await this.updateComplete;
      this.successBox?.focus();
    } catch (error) {
      const code = errorCodeOf(error);
      if (FINAL_ERRORS.has(code)) {
        clearPending(this.storageKey);
        this.phase = 'form';
        this.formError = this.reportError(error);
      } else {
        // Network trouble, rate limit or a server fault: keep the report and try again later.
        this.phase = 'pending';
        this.formError = this.reportError(error, { NETWORK_ERROR: this.t.savedOffline });
        const delay = RESEND_DELAYS[Math.min(this.resendAttempt++, RESEND_DELAYS.length - 1)];
        this.resendTimer = setTimeout(() => void this.resendPending(), delay);
      }
      this.announce(this.formError);
    }
  }

  private async copyCode(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.trackingCode);
      this.copyStatus = this.t.copied;
    } catch {
      this.copyStatus = this.t.copyFailed;
    }
    this.announce(this.copyStatus);
  }

  private startOver(): void {
    this.phase = 'form';
    this.trackingCode = '';
    this.copyStatus = '';
    this.description = '';
    this.formError = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#category')?.focus());
  }

  protected override render() {
    return html`<section class="card" part="base" aria-labelledby="title">
      <h2 id="title">${this.t.formTitle}</h2>
      ${this.phase === 'done' ? this.renderDone() : this.renderForm()} ${this.renderAnnouncer()}
    </section>`;
  }

  private renderDone() {
    const t = this.t;
    return html`<div class="success" part="success" tabindex="-1" aria-labelledby="done-title">
      <p id="done-title" class="done-title">${t.submitted}</p>
      <p class="code-label" id="code-label">${t.trackingCode}</p>
      <p class="code" part="tracking-code" aria-labelledby="code-label">${this.trackingCode}</p>
      <div class="actions">
        <button type="button" part="copy-button" @click=${this.copyCode}>${t.copy}</button>
        <span class="hint" aria-hidden="true">${this.copyStatus}</span>
      </div>
      <p class="hint">${t.trackingHint}</p>
      <button type="button" @click=${this.startOver}>${t.newReport}</button>
    </div>`;
  }

  private renderForm() {
    const t = this.t;
    const busy = this.phase === 'submitting';
    const groups = new Map<string, CategoryView[]>();
    for (const c of this.categories) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
    return html`<form part="form" novalidate @submit=${this.onSubmit} aria-busy=${busy ? 'true' : 'false'}>
      ${this.loadError
        ? html`<p class="error" part="error" role="alert">
            ${this.loadError} <button type="button" @click=${this.loadChoices}>${t.retry}</button>
          </p>`
        : nothing}
      <div class="field" part="field">
        <label for="category">${t.category}</label>
        <select id="category" required aria-required="true" .value=${this.categoryCode} @change=${(e: Event) => (this.categoryCode = (e.target as HTMLSelectElement).value)}>
          <option value="">${t.chooseCategory}</option>
          ${[...groups].map(
            ([group, items]) => html`<optgroup label=${groupLabel(group, this.locale)}>
              ${items.map(
                (c) => html`<option value=${c.code} ?selected=${c.code === this.categoryCode}>${this.locale === 'en' ? c.nameEn : c.name}</option>`,
              )}
            </optgroup>`,
          )}
        </select>
      </div>
      <div class="field" part="field">
        <label for="description">${t.description}</label>
        <textarea
          id="description"
          required
          aria-required="true"
          maxlength=${MAX_DESCRIPTION}
          aria-describedby="description-hint description-count"
          .value=${this.description}
          @input=${(e: Event) => (this.description = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <p class="hint" id="description-hint">${t.descriptionHint}</p>
        <p class="hint counter" id="description-count">${t.charCount(this.description.length, MAX_DESCRIPTION)}</p>
      </div>
      ${this.renderLocation()}
      <div class="reporter">
        <div class="field" part="field">
          <label for="name">${t.name} <span class="optional">(${t.optional})</span></label>
          <input id="name" type="text" autocomplete="name" maxlength="50" ?disabled=${this.anonymous} .value=${this.reporterName} @input=${(e: Event) => (this.reporterName = (e.target as HTMLInputElement).value)} />
        </div>
        <div class="field" part="field">
          <label for="phone">${t.phone} <span class="optional">(${t.optional})</span></label>
          <input id="phone" type="tel" inputmode="numeric" autocomplete="tel" maxlength="20" ?disabled=${this.anonymous} .value=${this.reporterPhone} @input=${(e: Event) => (this.reporterPhone = (e.target as HTMLInputElement).value)} />
        </div>
      </div>
      <div class="field switch" part="field">
        <input id="anonymous" type="checkbox" role="switch" .checked=${this.anonymous} @change=${(e: Event) => (this.anonymous = (e.target as HTMLInputElement).checked)} aria-describedby="privacy" />
        <label for="anonymous">${t.anonymous}</label>
      </div>
      <p class="hint" id="privacy">${t.privacy}</p>
      ${this.formError ? html`<p class="error" part="error" role="alert">${this.formError}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" part="submit-button" ?disabled=${busy}>${busy ? t.submitting : t.submit}</button>
        ${this.phase === 'pending' ? html`<button type="button" @click=${this.resendPending}>${t.retry}</button>` : nothing}
      </div>
    </form>`;
  }

  private renderLocation() {
    const t = this.t;
    if (this.chosenGrid) {
      return html`<fieldset class="location" part="location">
        <legend>${t.location}</legend>
        <p class="chosen">${this.located ? t.locatedIn(this.chosenGrid.name) : t.selectedGrid(this.chosenGrid.name)}</p>
        <button type="button" @click=${this.changeGrid}>${t.changeGrid}</button>
      </fieldset>`;
    }
    return html`<fieldset class="location" part="location">
      <legend>${t.location}</legend>
      <div class="cascade">
        ${this.levels.map(
          (level, index) => html`<div class="field">
            <label for=${`region-${index}`}>${t.level[level.level]}</label>
            <select id=${`region-${index}`} .value=${level.selected} @change=${(e: Event) => void this.selectRegion(index, (e.target as HTMLSelectElement).value)}>
              <option value="">${t.chooseRegion}</option>
              ${level.options.map((r) => html`<option value=${r.id} ?selected=${r.id === level.selected}>${r.name}</option>`)}
            </select>
          </div>`,
        )}
        ${this.grids.length
          ? html`<div class="field">
              <label for="grid">${t.grid}</label>
              <select id="grid" .value=${this.gridSelected} @change=${(e: Event) => (this.gridSelected = (e.target as HTMLSelectElement).value)}>
                <option value="">${t.chooseGrid}</option>
                ${this.grids.map((g) => html`<option value=${g.id} ?selected=${g.id === this.gridSelected}>${g.name}</option>`)}
              </select>
            </div>`
          : nothing}
      </div>
      <button type="button" id="use-location" @click=${this.useMyLocation}>${t.useMyLocation}</button>
      ${this.locationStatus ? html`<p class="hint">${this.locationStatus}</p>` : nothing}
    </fieldset>`;
  }
}

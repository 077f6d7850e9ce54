import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { RegionLevel } from '../internal/api-types';
import { errorCodeOf, type CategoryView, type GridView, type RegionView, type ReportInput } from '../internal/client';
import { resolveEndpoint } from '../internal/endpoint';
import { emit } from '../internal/events';
import { groupLabel } from '../internal/i18n';
import { randomId } from '../internal/ids';
import { LastmeterElement } from '../internal/lastmeter-element';
import { clearPendingPhotos, loadPendingPhotos, savePendingPhotos } from '../internal/pending-photos';
import { shrinkPhoto } from '../internal/shrink-photo';
import { clearPending, loadPending, pendingKey, savePending, type PendingReport } from '../internal/pending-report';
import { rememberCode } from '../internal/recent-codes';
import { themeStyles } from '../internal/theme';
import { reportFormStyles } from './report-form.styles';

/** Longest description the API accepts. */
const MAX_DESCRIPTION = 2000;
/** Codes that will not change by sending the same report again: drop the pending copy. */
const FINAL_ERRORS = new Set(['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'BAD_REQUEST', 'BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'CONFLICT']);
/** Waits before resending a pending report on its own (ms); the `online` event and a reload resend at once. */
const RESEND_DELAYS = [5_000, 15_000, 60_000];
/** Photos per report the API accepts. */
const MAX_PHOTOS = 9;

type Phase = 'form' | 'submitting' | 'pending' | 'done';
/** The fields a message can belong to; each message shows under its field. */
type Field = 'category' | 'description' | 'location' | 'phone';

interface RegionLevelState {
  level: RegionLevel;
  options: RegionView[];
  selected: string;
}

/**
 * A resident's report form: category, description, where it is ("use my
 * location" first, else a grid picked by region, each grid saying what it
 * covers), optional name and phone or anonymous. The report and its idempotency
 * key stay in localStorage (without name and phone) until the server confirms
 * it, so a dropped network or a closed tab resends it later without creating a
 * duplicate; while it waits the form offers only to send that same report now.
 *
 * On a page of another origin than the API's, `portal-key` is required: a missing
 * or refused key is reported in the console (with the server's reason) and in
 * `lm-error` when the element connects, and residents see "service unavailable".
 *
 * @summary Report a problem to the grid; shows the tracking code on success.
 * @tag lm-report-form
 *
 * @event {CustomEvent<{ trackingCode: string }>} lm-submitted - The server accepted the report; `trackingCode` follows it (e.g. in `<lm-status-tracker>`).
 * @event {CustomEvent<{ code: string; message: string; reason?: string; attribute?: string }>} lm-error - Something failed. `code`: the API error code or `NETWORK_ERROR`; `message`: the text shown; `reason`: the server's own words; `attribute`: the attribute to fix for setup mistakes (`portal-key`, `grid`).
 *
 * @csspart base - The card around everything.
 * @csspart form - The form element.
 * @csspart field - Each label + control group.
 * @csspart field-error - The message under a field that needs attention.
 * @csspart location - The "where is it" fieldset.
 * @csspart photo-add - The "add photos" button (the label of a file input: camera on phones, up to 9 photos).
 * @csspart photo-list - The chosen photos, each with its remove button.
 * @csspart locate-button - The "use my location" button (the first, primary way to give the place).
 * @csspart grid-option - One grid to choose, with what it covers.
 * @csspart submit-button - The submit button ("send now" while a report waits).
 * @csspart notice - The note that a report is saved on the device and will be sent.
 * @csspart error - The message of a failed submission.
 * @csspart success - The confirmation shown after submitting.
 * @csspart tracking-code - The tracking code text.
 * @csspart copy-button - The button that copies the tracking code.
 *
 * @cssproperty [--lm-font-family=system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif] - Font family.
 * @cssproperty [--lm-font-size=1rem] - Base font size.
 * @cssproperty [--lm-radius=6px] - Corner radius of the card and controls.
 * @cssproperty [--lm-spacing=0.75rem] - Base spacing.
 * @cssproperty [--lm-color-primary=#1d4f91] - Accent and primary button colour.
 * @cssproperty [--lm-color-primary-dark=#9cc2ff] - The same in the dark scheme.
 * @cssproperty [--lm-color-on-primary=#ffffff] - Text on the primary colour.
 * @cssproperty [--lm-color-on-primary-dark=#0b1d33] - The same in the dark scheme.
 * @cssproperty [--lm-color-surface=#ffffff] - Background.
 * @cssproperty [--lm-color-surface-dark=#1b1d21] - The same in the dark scheme.
 * @cssproperty [--lm-color-surface-alt=#f3f5f8] - Background of notes and grid choices.
 * @cssproperty [--lm-color-surface-alt-dark=#262a30] - The same in the dark scheme.
 * @cssproperty [--lm-color-text=#1f2328] - Text colour.
 * @cssproperty [--lm-color-text-dark=#e6e8eb] - The same in the dark scheme.
 * @cssproperty [--lm-color-muted=#525a63] - Hints and secondary text.
 * @cssproperty [--lm-color-muted-dark=#a9b1bb] - The same in the dark scheme.
 * @cssproperty [--lm-color-border=#8c959f] - Borders of the card and controls.
 * @cssproperty [--lm-color-border-dark=#6e7781] - The same in the dark scheme.
 * @cssproperty [--lm-color-danger=#b42318] - Error messages and invalid fields.
 * @cssproperty [--lm-color-danger-dark=#ff9b8f] - The same in the dark scheme.
 * @cssproperty [--lm-color-success=#1a7f37] - The confirmation title.
 * @cssproperty [--lm-color-success-dark=#7ee2a0] - The same in the dark scheme.
 * @cssproperty [--lm-color-warning=#9a6700] - Warnings.
 * @cssproperty [--lm-color-warning-dark=#f2cc60] - The same in the dark scheme.
 * @cssproperty [--lm-focus-ring=#d97706] - Keyboard focus outline.
 * @cssproperty [--lm-focus-ring-dark=#fbbf24] - The same in the dark scheme.
 */
export class LmReportForm extends LastmeterElement {
  static override styles = [themeStyles, reportFormStyles];

  /** Preselected grid id (the form then skips the place question). */
  @property() grid = '';

  /** Preselected category code, e.g. `GARBAGE` (see the `categories` query). */
  @property() category = '';

  @state() private phase: Phase = 'form';
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
  /** Messages under their fields (validation). */
  @state() private fieldErrors: Partial<Record<Field, string>> = {};
  /** A submission that failed for good (shown by the submit button). */
  @state() private formError = '';
  /** Why the report waits on the device (shown as information, not as an error). */
  @state() private pendingNote = '';
  /** The choices could not load: the message, and whether trying again can help. */
  @state() private loadProblem: { message: string; retry: boolean } | null = null;
  /** Chosen photos (already shrunk) with their preview URLs. */
  @state() private photos: { blob: Blob; url: string }[] = [];
  @state() private trackingCode = '';
  @state() private copyStatus = '';

  @query('.success') private successBox?: HTMLElement;

  /** Categories and the top regions: loaded when endpoint or key change (the portal key is checked by this first request). */
  private readonly choices = new Task(this, {
    task: async ([endpoint, portalKey]: readonly [string, string]) => {
      this.loadProblem = null;
      try {
        this.checkPortalKeyPresent(endpoint, portalKey);
        const [categories, top] = await Promise.all([this.client.categories(), this.client.regions()]);
        this.levels = top.length ? [{ level: top[0].level, options: top, selected: '' }] : [];
        if (top.length === 1) await this.selectRegion(0, top[0].id);
        return categories;
      } catch (error) {
        const explained = await this.explain(error);
        const code = errorCodeOf(explained);
        this.loadProblem = { message: this.reportError(explained), retry: code !== 'FORBIDDEN' };
        throw explained;
      }
    },
    args: () => [this.endpoint, this.portalKey] as const,
  });

  /** The grid named by the `grid` attribute. */
  private readonly presetGrid = new Task(this, {
    task: async ([id]: readonly [string, string, string]) => {
      if (!id) return null;
      try {
        return await this.client.grid(id);
      } catch (error) {
        if (errorCodeOf(error) === 'NOT_FOUND' || errorCodeOf(error) === 'BAD_USER_INPUT') this.reportError(error, {}, 'grid');
        return null;
      }
    },
    args: () => [this.grid, this.endpoint, this.portalKey] as const,
    onComplete: (grid) => {
      if (grid) this.chosenGrid = grid;
    },
  });

  /** "Use my location": the grid containing the reader's position. */
  private readonly locate = new Task(this, {
    autoRun: false,
    task: ([latitude, longitude]: readonly [number, number]) => this.client.gridAt(latitude, longitude),
    onComplete: (grid) => {
      const [latitude, longitude] = this.locateArgs ?? [0, 0];
      if (grid) {
        this.chosenGrid = grid;
        this.located = { latitude, longitude };
        this.fieldErrors = { ...this.fieldErrors, location: undefined };
        this.locationStatus = this.t.locatedIn(grid.name);
      } else {
        this.locationStatus = this.t.outsideGrids;
      }
      this.announce(this.locationStatus);
    },
    onError: (error) => {
      this.locationStatus = this.reportError(error);
      this.announce(this.locationStatus);
    },
  });
  private locateArgs?: readonly [number, number];

  /** The children of a region picked in the cascade. */
  private readonly subregions = new Task(this, {
    autoRun: false,
    task: ([regionId]: readonly [string]) => this.client.regions(regionId),
  });

  private resendTimer?: ReturnType<typeof setTimeout>;
  private resendAttempt = 0;
  private sending?: Promise<void>;
  /** The report as typed, name and phone included, while it waits (storage keeps it without them). */
  private waiting?: ReportInput;
  /** The photos of the waiting report, as chosen on this page (IndexedDB keeps a copy for after a reload). */
  private waitingPhotos?: Blob[];
  private readonly onOnline = () => void this.resendPending();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
    if (this.hasUpdated) void this.resendPending();
  }

  protected override firstUpdated(): void {
    // After the first update every attribute (endpoint, portal-key, grid…) is in place.
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
  }

  private get storageKey(): string {
    return pendingKey(resolveEndpoint(this.endpoint), this.portalKey);
  }

  /** A page of another origin reports only with a portal key: say so at once, not at the resident's submit. */
  private checkPortalKeyPresent(endpoint: string, portalKey: string): void {
    if (portalKey || new URL(resolveEndpoint(endpoint)).origin === location.origin) return;
    throw {
      code: 'FORBIDDEN',
      message: `portal-key is missing: a page on ${location.origin} may send reports only with a portal key whose allowedOrigins list this origin (createPortalKey).`,
    };
  }

  /** Picks a region at one level of the cascade and loads what lies beneath it; a level with one choice picks itself. */
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
      await this.subregions.run([regionId]);
      if (this.subregions.error) throw this.subregions.error;
      children = this.subregions.value ?? [];
    } catch (error) {
      this.loadProblem = { message: this.reportError(error), retry: true };
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
      ({ coords }) => {
        this.locateArgs = [coords.latitude, coords.longitude];
        void this.locate.run(this.locateArgs);
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
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#use-location')?.focus());
  }

  private validate(): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    if (!this.categoryCode) errors.category = this.t.missingCategory;
    if (!this.description.trim()) errors.description = this.t.missingDescription;
    if (!(this.chosenGrid?.id || this.gridSelected)) errors.location = this.t.missingGrid;
    const phone = this.reporterPhone.replace(/[\s-]/g, '');
    if (!this.anonymous && phone && !/^1\d{10}$/.test(phone)) errors.phone = this.t.badPhone;
    return errors;
  }

  /** Where the focus goes for a field's message: the control itself, or the first way to give a place. */
  private focusTarget(field: Field): HTMLElement | null {
    if (field !== 'location') return this.renderRoot.querySelector<HTMLElement>(`#${field}`);
    return this.renderRoot.querySelector<HTMLElement>('.location input[type="radio"], .location select, #use-location');
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.phase === 'submitting') return;
    // A report already waits: "send now" resends that very report, with its key, never a second one.
    if (this.phase === 'pending') return this.resendPending();
    const errors = this.validate();
    this.fieldErrors = errors;
    const first = (['category', 'description', 'location', 'phone'] as const).find((field) => errors[field]);
    if (first) {
      // The focus lands on the field, which reads its message (aria-describedby): announced once, where it is.
      await this.updateComplete;
      this.focusTarget(first)?.focus();
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
    // Written down before it leaves: from here on the report cannot be lost (photos included).
    this.waiting = input;
    this.waitingPhotos = this.photos.map((p) => p.blob);
    await savePendingPhotos(this.storageKey, this.waitingPhotos);
    savePending(this.storageKey, input);
    await this.send({ input, savedAt: new Date().toISOString() });
  }

  /** Sends the report kept on the device, if any (on load, when back online, on "send now"). */
  private async resendPending(): Promise<void> {
    const pending = loadPending(this.storageKey);
    if (!pending || this.phase === 'done') return;
    // This page still has the report as typed (with name and phone): send that, under the same key.
    const input = this.waiting?.idempotencyKey === pending.input.idempotencyKey ? this.waiting : pending.input;
    await this.send({ ...pending, input }, true);
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
      const photos = this.waiting?.idempotencyKey === input.idempotencyKey && this.waitingPhotos ? this.waitingPhotos : await loadPendingPhotos(this.storageKey);
      // The same bytes give the same photo id, so uploading again on a resend files nothing twice.
      const photoIds: string[] = [];
      for (const photo of photos) photoIds.push((await this.client.uploadPhoto(photo)).id);
      const { trackingCode } = await this.client.reportIssue(photoIds.length ? { ...input, photoIds } : input);
      clearPending(this.storageKey);
      void clearPendingPhotos(this.storageKey);
      this.clearPhotos();
      this.waiting = undefined;
      this.waitingPhotos = undefined;
      this.resendAttempt = 0;
      this.trackingCode = trackingCode;
      this.pendingNote = '';
      this.phase = 'done';
      rememberCode(resolveEndpoint(this.endpoint), trackingCode);
      this.announce(`${this.t.submitted} ${this.t.trackingCode}: ${trackingCode}`);
      emit(this, 'lm-submitted', { trackingCode });
      await this.updateComplete;
      this.successBox?.focus();
    } catch (error) {
      const code = errorCodeOf(error);
      if (FINAL_ERRORS.has(code)) {
        clearPending(this.storageKey);
        void clearPendingPhotos(this.storageKey);
        this.waiting = undefined;
        this.waitingPhotos = undefined;
        this.pendingNote = '';
        this.phase = 'form';
        this.formError = this.reportError(error);
      } else {
        // Network trouble, rate limit or a server fault: the report waits on the device and goes again later.
        this.phase = 'pending';
        this.pendingNote = this.reportError(error, { [code]: code === 'NETWORK_ERROR' ? this.t.savedOffline : this.t.savedRetrying });
        const delay = RESEND_DELAYS[Math.min(this.resendAttempt++, RESEND_DELAYS.length - 1)];
        this.resendTimer = setTimeout(() => void this.resendPending(), delay);
      }
    }
  }

  private async addPhotos(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    const room = MAX_PHOTOS - this.photos.length;
    if (files.length > room) this.announce(this.t.photoLimit(MAX_PHOTOS));
    const added = await Promise.all(files.slice(0, Math.max(0, room)).map(shrinkPhoto));
    this.photos = [...this.photos, ...added.map((blob) => ({ blob, url: URL.createObjectURL(blob) }))];
    if (added.length) this.announce(this.t.photosAdded(added.length));
  }

  private async removePhoto(index: number): Promise<void> {
    URL.revokeObjectURL(this.photos[index]!.url);
    this.photos = this.photos.filter((_, i) => i !== index);
    this.announce(this.t.photoRemoved(index + 1));
    await this.updateComplete;
    // The focus stays in the list: the next photo's remove button, else the add button.
    const buttons = this.renderRoot.querySelectorAll<HTMLElement>('.photo-remove');
    (buttons[Math.min(index, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('#photos'))?.focus();
  }

  private clearPhotos(): void {
    for (const photo of this.photos) URL.revokeObjectURL(photo.url);
    this.photos = [];
  }

  private renderPhotos() {
    const t = this.t;
    return html`<div class="field photos" part="field">
      <input
        id="photos"
        class="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        ?disabled=${this.photos.length >= MAX_PHOTOS}
        aria-describedby="photos-hint"
        @change=${this.addPhotos}
      />
      <label for="photos" class="photo-add" part="photo-add">${t.addPhotos}</label>
      <p class="hint" id="photos-hint">${t.photosHint(this.photos.length, MAX_PHOTOS)}</p>
      ${this.photos.length
        ? html`<ul class="photo-list" part="photo-list" aria-label=${t.photos}>
            ${this.photos.map(
              (photo, i) => html`<li>
                <img src=${photo.url} alt=${t.photoAlt(i + 1)} />
                <button type="button" class="photo-remove" aria-label=${t.removePhoto(i + 1)} @click=${() => this.removePhoto(i)}>×</button>
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
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
    this.fieldErrors = {};
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#category')?.focus());
  }

  private setField(field: Field, apply: () => void): void {
    apply();
    if (this.fieldErrors[field]) this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
  }

  protected override render() {
    return html`<section class="card" part="base" aria-labelledby="title">
      <h2 id="title">${this.t.formTitle}</h2>
      ${this.phase === 'done' ? this.renderDone() : this.loadProblem && !this.loadProblem.retry ? this.renderUnavailable() : this.renderForm()}
      ${this.renderAnnouncer()}
    </section>`;
  }

  /** A setup mistake (refused portal key or origin): nothing a resident can do, so no form to fill in vain. */
  private renderUnavailable() {
    return html`<p class="notice" part="notice" role="status">${this.loadProblem!.message}</p>`;
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

  /** `aria-describedby` for a control: its hints, then its message when it has one. */
  private describedBy(field: Field, ...hints: string[]): string | typeof nothing {
    const ids = [...hints, ...(this.fieldErrors[field] ? [`${field}-error`] : [])];
    return ids.length ? ids.join(' ') : nothing;
  }

  private renderFieldError(field: Field) {
    const message = this.fieldErrors[field];
    return message ? html`<p class="field-error" part="field-error" id=${`${field}-error`}>${message}</p>` : nothing;
  }

  private renderForm() {
    const t = this.t;
    const busy = this.phase === 'submitting';
    const waiting = this.phase === 'pending';
    const categories = this.choices.value ?? [];
    const groups = new Map<string, CategoryView[]>();
    for (const c of categories) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
    const invalid = (field: Field) => (this.fieldErrors[field] ? 'true' : 'false');
    return html`<form part="form" novalidate @submit=${this.onSubmit} aria-busy=${busy ? 'true' : 'false'}>
      ${this.loadProblem
        ? html`<p class="error" part="error" role="alert">
            ${this.loadProblem.message} <button type="button" @click=${() => this.choices.run()}>${t.retry}</button>
          </p>`
        : nothing}
      <fieldset class="content" ?disabled=${busy || waiting}>
        <div class="field" part="field">
          <label for="category">${t.category}</label>
          <select
            id="category"
            required
            aria-required="true"
            aria-invalid=${invalid('category')}
            aria-describedby=${this.describedBy('category')}
            .value=${this.categoryCode}
            @change=${(e: Event) => this.setField('category', () => (this.categoryCode = (e.target as HTMLSelectElement).value))}
          >
            <option value="">${t.chooseCategory}</option>
            ${[...groups].map(
              ([group, items]) => html`<optgroup label=${groupLabel(group, this.locale)}>
                ${items.map(
                  (c) => html`<option value=${c.code} ?selected=${c.code === this.categoryCode}>${this.locale === 'en' ? c.nameEn : c.name}</option>`,
                )}
              </optgroup>`,
            )}
          </select>
          ${this.renderFieldError('category')}
        </div>
        <div class="field" part="field">
          <label for="description">${t.description}</label>
          <textarea
            id="description"
            required
            aria-required="true"
            maxlength=${MAX_DESCRIPTION}
            aria-invalid=${invalid('description')}
            aria-describedby=${this.describedBy('description', 'description-hint', 'description-count')}
            .value=${this.description}
            @input=${(e: Event) => this.setField('description', () => (this.description = (e.target as HTMLTextAreaElement).value))}
          ></textarea>
          ${this.renderFieldError('description')}
          <p class="hint" id="description-hint">${t.descriptionHint}</p>
          <p class="hint counter" id="description-count">${t.charCount(this.description.length, MAX_DESCRIPTION)}</p>
        </div>
        ${this.renderPhotos()}
        ${this.renderLocation()}
        <div class="reporter">
          <div class="field" part="field">
            <label for="name">${t.name} <span class="optional">(${t.optional})</span></label>
            <input id="name" type="text" autocomplete="name" maxlength="50" ?disabled=${this.anonymous} .value=${this.reporterName} @input=${(e: Event) => (this.reporterName = (e.target as HTMLInputElement).value)} />
          </div>
          <div class="field" part="field">
            <label for="phone">${t.phone} <span class="optional">(${t.optional})</span></label>
            <input
              id="phone"
              type="tel"
              inputmode="numeric"
              autocomplete="tel"
              maxlength="20"
              ?disabled=${this.anonymous}
              aria-invalid=${invalid('phone')}
              aria-describedby=${this.describedBy('phone')}
              .value=${this.reporterPhone}
              @input=${(e: Event) => this.setField('phone', () => (this.reporterPhone = (e.target as HTMLInputElement).value))}
            />
            ${this.renderFieldError('phone')}
          </div>
        </div>
        <div class="field switch" part="field">
          <input
            id="anonymous"
            type="checkbox"
            role="switch"
            .checked=${this.anonymous}
            @change=${(e: Event) => this.setField('phone', () => (this.anonymous = (e.target as HTMLInputElement).checked))}
            aria-describedby="privacy"
          />
          <label for="anonymous">${t.anonymous}</label>
        </div>
        <p class="hint" id="privacy">${t.privacy}</p>
      </fieldset>
      ${waiting ? html`<p class="notice" part="notice" role="status">${this.pendingNote}</p>` : nothing}
      ${this.formError ? html`<p class="error" part="error" role="alert">${this.formError}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" part="submit-button" ?disabled=${busy}>${busy ? t.submitting : waiting ? t.sendNow : t.submit}</button>
      </div>
    </form>`;
  }

  private renderLocation() {
    const t = this.t;
    if (this.chosenGrid) {
      return html`<fieldset class="location" part="location">
        <legend>${t.location}</legend>
        <p class="chosen">${this.located ? t.locatedIn(this.chosenGrid.name) : t.selectedGrid(this.chosenGrid.name)}</p>
        ${this.chosenGrid.description ? html`<p class="hint">${this.chosenGrid.description}</p>` : nothing}
        <button type="button" @click=${this.changeGrid}>${t.changeGrid}</button>
      </fieldset>`;
    }
    const describedBy = this.fieldErrors.location ? 'location-error' : nothing;
    // Levels with a single choice pick themselves and are not asked (a city of one county, a street of one community).
    const asked = this.levels.map((level, index) => ({ level, index })).filter(({ level }) => level.options.length > 1);
    // The single-choice levels above the first question, as context ("临江市"); deeper ones would read out of order.
    const firstAsked = asked.length ? asked[0].index : this.levels.length;
    const implied = this.levels.slice(0, firstAsked).filter((level) => level.options.length === 1 && level.selected).map((level) => level.options[0].name);
    return html`<fieldset class="location" part="location" aria-describedby=${describedBy}>
      <legend>${t.location}</legend>
      <button type="button" class="primary locate" id="use-location" part="locate-button" aria-describedby=${describedBy} @click=${this.useMyLocation}>
        ${t.useMyLocation}
      </button>
      ${this.locationStatus ? html`<p class="hint" role="status">${this.locationStatus}</p>` : nothing}
      <p class="or">${t.orChooseGrid}${implied.length ? html` <span class="implied">${implied.join(' · ')}</span>` : nothing}</p>
      <div class="cascade">
        ${asked.map(
          ({ level, index }) => html`<div class="field">
            <label for=${`region-${index}`}>${t.level[level.level]}</label>
            <select id=${`region-${index}`} .value=${level.selected} @change=${(e: Event) => void this.selectRegion(index, (e.target as HTMLSelectElement).value)}>
              <option value="">${t.chooseRegion}</option>
              ${level.options.map((r) => html`<option value=${r.id} ?selected=${r.id === level.selected}>${r.name}</option>`)}
            </select>
          </div>`,
        )}
      </div>
      ${this.grids.length
        ? html`<div class="grids" role="radiogroup" aria-labelledby="grids-label">
            <p class="label" id="grids-label">${t.grid}</p>
            ${this.grids.map(
              (g) => html`<label class="grid-option" part="grid-option">
                <input
                  type="radio"
                  name="grid"
                  .value=${g.id}
                  .checked=${g.id === this.gridSelected}
                  aria-describedby=${g.description ? `grid-${g.id}-covers` : nothing}
                  @change=${() => this.setField('location', () => (this.gridSelected = g.id))}
                />
                <span class="grid-text">
                  <span class="grid-name">${g.name}</span>
                  ${g.description ? html`<span class="grid-covers" id=${`grid-${g.id}-covers`}>${g.description}</span>` : nothing}
                </span>
              </label>`,
            )}
          </div>`
        : nothing}
      ${this.renderFieldError('location')}
    </fieldset>`;
  }
}

import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { STATUS_STEPS, type IssueStatus } from '../internal/api-types';
import { errorCodeOf, type TrackedView } from '../internal/client';
import { emit } from '../internal/events';
import { formatDateTime } from '../internal/format';
import { LastmeterElement } from '../internal/lastmeter-element';
import { LiveSubscription } from '../internal/live';
import { themeStyles } from '../internal/theme';
import { statusTrackerStyles } from './status-tracker.styles';

/**
 * Follows a report by its tracking code, live: the status as steps of the
 * closed loop and the public timeline. Updates arrive through the `issueTracked`
 * subscription; a dropped connection is resumed quietly.
 *
 * @summary Live progress of one report, by tracking code.
 * @tag lm-status-tracker
 *
 * @event lm-status-changed - The status was first loaded or changed. `detail`: `{ trackingCode, status, previousStatus }`.
 * @event lm-error - Something failed. `detail.code` is the API error code (or NETWORK_ERROR), `detail.message` the shown text.
 *
 * @csspart base - The card around everything.
 * @csspart lookup - The tracking-code form shown when no code is given.
 * @csspart steps - The ordered list of status steps.
 * @csspart step - One status step (`step current` / `step done`).
 * @csspart timeline - The list of public events.
 * @csspart error - The inline error message.
 *
 * @cssproperty --lm-color-primary - Accent colour of done and current steps.
 * @cssproperty --lm-color-surface - Background colour.
 * @cssproperty --lm-color-text - Text colour.
 */
export class LmStatusTracker extends LastmeterElement {
  static override styles = [themeStyles, statusTrackerStyles];

  /** The tracking code to follow. Without one, the tracker shows a field to type it in. */
  @property({ attribute: 'tracking-code' }) trackingCode = '';

  @state() private tracked: TrackedView | null = null;
  @state() private error = '';
  @state() private reconnecting = false;
  @state() private typed = '';

  private live?: LiveSubscription<TrackedView>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live?.stop();
    this.live = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.trackingCode && this.hasUpdated) this.follow();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('trackingCode') || changed.has('endpoint') || changed.has('portalKey')) this.follow();
  }

  private follow(): void {
    this.live?.stop();
    this.live = undefined;
    this.tracked = null;
    this.error = '';
    this.reconnecting = false;
    const code = this.trackingCode.trim();
    if (!code) return;
    const client = this.client;
    this.live = new LiveSubscription(() => client.issueTracked(code), {
      next: (tracked) => this.receive(tracked),
      error: (error, retrying) => {
        if (retrying) {
          this.reconnecting = true;
          return;
        }
        this.error = errorCodeOf(error) === 'NOT_FOUND' ? this.reportError(error, { NOT_FOUND: this.t.notFound }) : this.reportError(error);
        this.announce(this.error);
      },
    });
  }

  private receive(tracked: TrackedView): void {
    const previous = this.tracked?.status ?? null;
    this.tracked = tracked;
    this.reconnecting = false;
    this.error = '';
    if (previous !== tracked.status) {
      const name = this.t.status[tracked.status];
      this.announce(previous ? this.t.statusChanged(name) : this.t.currentStatus(name));
      emit(this, 'lm-status-changed', { trackingCode: tracked.trackingCode, status: tracked.status, previousStatus: previous });
    }
  }

  private onLookup(event: Event): void {
    event.preventDefault();
    const code = this.typed.trim().toUpperCase();
    if (code) this.trackingCode = code;
  }

  protected override render() {
    const t = this.t;
    return html`<section class="card" part="base" aria-labelledby="title">
      <h2 id="title">${t.trackerTitle}</h2>
      <form class="lookup" part="lookup" @submit=${this.onLookup}>
        <label for="code">${t.trackingCodeInput}</label>
        <div class="row">
          <input id="code" type="text" autocomplete="off" spellcheck="false" maxlength="40" .value=${this.typed || this.trackingCode} @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)} />
          <button type="submit" class="primary">${t.track}</button>
        </div>
      </form>
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
      ${this.reconnecting ? html`<p class="hint">${t.reconnecting}</p>` : nothing}
      ${this.tracked ? this.renderTracked(this.tracked) : this.trackingCode && !this.error ? html`<p class="hint">${t.loading}</p>` : nothing}
      ${this.renderAnnouncer()}
    </section>`;
  }

  private renderTracked(tracked: TrackedView) {
    const t = this.t;
    const rejected = tracked.status === 'REJECTED';
    const current = STATUS_STEPS.indexOf(tracked.status);
    const stepClass = (i: number): string => (i === current ? 'step current' : i < current ? 'step done' : 'step');
    return html`<dl class="facts">
        <div class="wide"><dt>${t.trackingCode}</dt><dd class="code">${tracked.trackingCode}</dd></div>
        <div><dt>${t.category_}</dt><dd>${this.locale === 'en' ? tracked.category.nameEn : tracked.category.name}</dd></div>
        <div><dt>${t.gridName}</dt><dd>${tracked.gridName}</dd></div>
        <div><dt>${t.submittedAt}</dt><dd>${formatDateTime(tracked.submittedAt, this.locale)}</dd></div>
        <div><dt>${t.dueAt}</dt><dd>${formatDateTime(tracked.resolveDueAt, this.locale)}</dd></div>
      </dl>
      <p class="status" data-status=${tracked.status}>${t.currentStatus(t.status[tracked.status])}</p>
      ${rejected
        ? html`<p class="rejected">${t.rejectedNote}</p>`
        : html`<ol class="steps" part="steps" aria-label=${t.steps}>
            ${STATUS_STEPS.map(
              (status: IssueStatus, i) => html`<li class=${stepClass(i)} part=${stepClass(i)} aria-current=${i === current ? 'step' : 'false'}>
                <span class="dot" aria-hidden="true"></span><span class="label">${t.status[status]}</span>
              </li>`,
            )}
          </ol>`}
      <h3 id="timeline-title">${t.timeline}</h3>
      <ol class="timeline" part="timeline" aria-labelledby="timeline-title" reversed>
        ${[...tracked.timeline].reverse().map(
          (event) => html`<li>
            <time datetime=${event.at}>${formatDateTime(event.at, this.locale)}</time>
            <span class="event">${t.event[event.type]}</span>
            ${event.publicNote ? html`<p class="note">${event.publicNote}</p>` : nothing}
          </li>`,
        )}
      </ol>`;
  }
}

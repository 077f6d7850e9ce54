import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { STATUS_STEPS, type IssueStatus } from '../internal/api-types';
import { errorCodeOf, type TrackedView } from '../internal/client';
import { resolveEndpoint } from '../internal/endpoint';
import { emit } from '../internal/events';
import { formatDateTime } from '../internal/format';
import type { Strings } from '../internal/i18n';
import { LastmeterElement } from '../internal/lastmeter-element';
import { LiveSubscription } from '../internal/live';
import { forgetCodes, recentCodes, rememberCode } from '../internal/recent-codes';
import { zhCN } from '../internal/strings-zh-cn';
import { themeStyles } from '../internal/theme';
import { statusTrackerStyles } from './status-tracker.styles';

/**
 * A public note the server wrote itself (a return, a reopening after an unsatisfied visit, an approved extension,
 * a merge: the texts of issue-workflow.service.ts), in the reader's language; any other note (staff write those)
 * as it is.
 */
function publicNoteIn(note: string, t: Strings): string {
  if (note === zhCN.systemNoteReturned) return t.systemNoteReturned;
  if (note === zhCN.systemNoteReopened) return t.systemNoteReopened;
  const extended = /^办理时限已延长至 (.+)。$/.exec(note);
  if (extended) return t.systemNoteExtended(extended[1]);
  const merged = /^与相同问题合并办理，请关注 (\S+) 的进展。$/.exec(note);
  if (merged) return t.systemNoteMerged(merged[1]);
  return note;
}

/**
 * How far along the steps a status is: the last step done and the current one (-1: none). A
 * returned report was submitted and accepted and waits to be dispatched again; a rejected or
 * merged one (without its primary) has no step of its own beyond the report.
 */
function stepsReached(status: IssueStatus): { done: number; current: number } {
  const at = STATUS_STEPS.indexOf(status);
  if (at >= 0) return { done: at - 1, current: at };
  if (status === 'RETURNED') return { done: STATUS_STEPS.indexOf('ACCEPTED'), current: -1 };
  return { done: 0, current: -1 };
}

/**
 * Follows a report by its tracking code, live: the status as steps of the
 * closed loop and the public timeline. Updates arrive through the `issueTracked`
 * subscription; a dropped connection is resumed quietly. Codes followed on this
 * device are remembered (in localStorage, at most five) and offered again, with a
 * button to forget them.
 *
 * @summary Live progress of one report, by tracking code.
 * @tag lm-status-tracker
 *
 * @event {CustomEvent<{ trackingCode: string; status: IssueStatus; previousStatus: IssueStatus | null }>} lm-status-changed - The status was first loaded (`previousStatus` null) or changed. `IssueStatus` is one of SUBMITTED, ACCEPTED, ASSIGNED, IN_PROGRESS, RESOLVED, FOLLOWED_UP, CLOSED, REJECTED.
 * @event {CustomEvent<{ code: string; message: string; reason?: string; attribute?: string }>} lm-error - Something failed. `code`: the API error code (`NOT_FOUND` for an unknown code) or `NETWORK_ERROR`; `message`: the text shown; `reason`: the server's own words; `attribute`: the attribute to fix for setup mistakes.
 *
 * @csspart base - The card around everything.
 * @csspart lookup - The tracking-code form.
 * @csspart recent - The codes remembered on this device.
 * @csspart steps - The ordered list of status steps.
 * @csspart step - One status step (`step current` / `step done`).
 * @csspart timeline - The list of public events.
 * @csspart photos - The public photos (before and after side by side).
 * @csspart error - The message under the code field (unknown or missing code) or of a failure.
 *
 * @cssproperty [--lm-font-family=system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif] - Font family.
 * @cssproperty [--lm-font-size=1rem] - Base font size.
 * @cssproperty [--lm-radius=6px] - Corner radius.
 * @cssproperty [--lm-spacing=0.75rem] - Base spacing.
 * @cssproperty [--lm-color-primary=#1d4f91] - Accent colour of done and current steps and of the button.
 * @cssproperty [--lm-color-primary-dark=#9cc2ff] - The same in the dark scheme.
 * @cssproperty [--lm-color-on-primary=#ffffff] - Text on the primary colour.
 * @cssproperty [--lm-color-on-primary-dark=#0b1d33] - The same in the dark scheme.
 * @cssproperty [--lm-color-surface=#ffffff] - Background.
 * @cssproperty [--lm-color-surface-dark=#1b1d21] - The same in the dark scheme.
 * @cssproperty [--lm-color-surface-alt=#f3f5f8] - Background of notes.
 * @cssproperty [--lm-color-surface-alt-dark=#262a30] - The same in the dark scheme.
 * @cssproperty [--lm-color-text=#1f2328] - Text colour.
 * @cssproperty [--lm-color-text-dark=#e6e8eb] - The same in the dark scheme.
 * @cssproperty [--lm-color-muted=#525a63] - Hints, times and steps not reached.
 * @cssproperty [--lm-color-muted-dark=#a9b1bb] - The same in the dark scheme.
 * @cssproperty [--lm-color-border=#8c959f] - Borders and the line of steps not reached.
 * @cssproperty [--lm-color-border-dark=#6e7781] - The same in the dark scheme.
 * @csspart returned - The note that a returned report is being re-dispatched (not a failure).
 * @csspart merged - The primary a merged report is handled with.
 * @csspart extended - The deadline after an approved extension.
 * @cssproperty [--lm-color-danger=#b42318] - Error messages and a rejected report.
 * @cssproperty [--lm-color-danger-dark=#ff9b8f] - The same in the dark scheme.
 * @cssproperty [--lm-focus-ring=#d97706] - Keyboard focus outline.
 * @cssproperty [--lm-focus-ring-dark=#fbbf24] - The same in the dark scheme.
 */
export class LmStatusTracker extends LastmeterElement {
  static override styles = [themeStyles, statusTrackerStyles];

  /** The tracking code to follow (e.g. from `lm-submitted`). Without one, the reader types it in the tracker's field. */
  @property({ attribute: 'tracking-code' }) trackingCode = '';

  @state() private tracked: TrackedView | null = null;
  @state() private error = '';
  @state() private reconnecting = false;
  /** What the reader typed since the last lookup; the field shows the followed code otherwise. */
  @state() private typed: string | null = null;
  /** The message under the code field (blank or unknown code). */
  @state() private codeError = '';
  @state() private recent: string[] = [];

  private live?: LiveSubscription<TrackedView>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live?.stop();
    this.live = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.recent = recentCodes(this.endpointUrl);
    if (this.trackingCode && this.hasUpdated) this.follow();
  }

  private get endpointUrl(): string {
    return resolveEndpoint(this.endpoint);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('trackingCode') || changed.has('endpoint') || changed.has('portalKey')) {
      // The field follows the code being tracked, however it was set (typed, attribute, a recent code).
      this.typed = null;
      this.follow();
    }
    if (changed.has('endpoint')) this.recent = recentCodes(this.endpointUrl);
  }

  private follow(): void {
    this.live?.stop();
    this.live = undefined;
    this.tracked = null;
    this.error = '';
    this.codeError = '';
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
        if (errorCodeOf(error) === 'NOT_FOUND') this.codeError = this.reportError(error, { NOT_FOUND: this.t.notFound });
        else this.error = this.reportError(error);
      },
    });
  }

  private receive(tracked: TrackedView): void {
    const previous = this.tracked?.status ?? null;
    this.tracked = tracked;
    this.reconnecting = false;
    this.error = '';
    if (!previous) {
      rememberCode(this.endpointUrl, tracked.trackingCode);
      this.recent = recentCodes(this.endpointUrl);
    }
    if (previous !== tracked.status) {
      const name = this.t.status[tracked.status];
      this.announce(previous ? this.t.statusChanged(name) : this.t.currentStatus(name));
      emit(this, 'lm-status-changed', { trackingCode: tracked.trackingCode, status: tracked.status, previousStatus: previous });
    }
  }

  private onLookup(event: Event): void {
    event.preventDefault();
    const code = (this.typed ?? this.trackingCode).trim().toUpperCase();
    if (!code) {
      this.codeError = this.t.missingCode;
      this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
      return;
    }
    if (code === this.trackingCode) this.follow();
    else this.trackingCode = code;
    this.typed = null;
  }

  private forgetRecent(): void {
    forgetCodes(this.endpointUrl);
    this.recent = [];
    this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
  }

  protected override render() {
    const t = this.t;
    return html`<section class="card" part="base" aria-labelledby="title">
      <h2 id="title">${t.trackerTitle}</h2>
      <form class="lookup" part="lookup" novalidate @submit=${this.onLookup}>
        <label for="code">${t.trackingCodeInput}</label>
        <div class="row">
          <input
            id="code"
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="40"
            aria-invalid=${this.codeError ? 'true' : 'false'}
            aria-describedby=${this.codeError ? 'code-error code-format' : 'code-format'}
            .value=${live(this.typed ?? this.trackingCode)}
            @input=${(e: Event) => {
              this.typed = (e.target as HTMLInputElement).value;
              this.codeError = '';
            }}
          />
          <button type="submit" class="primary">${t.track}</button>
        </div>
        ${this.codeError ? html`<p class="field-error" part="error" id="code-error" role="alert">${this.codeError}</p>` : nothing}
        <p class="hint" id="code-format">${t.codeFormat}</p>
      </form>
      ${this.recent.length ? this.renderRecent() : nothing}
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
      ${this.reconnecting ? html`<p class="hint">${t.reconnecting}</p>` : nothing}
      ${this.tracked ? this.renderTracked(this.tracked) : this.trackingCode && !this.error && !this.codeError ? html`<p class="hint">${t.loading}</p>` : nothing}
      ${this.renderAnnouncer()}
    </section>`;
  }

  private renderRecent() {
    const t = this.t;
    return html`<div class="recent" part="recent">
      <p class="hint" id="recent-label">${t.recentCodes}</p>
      <ul aria-labelledby="recent-label">
        ${this.recent.map(
          (code) => html`<li>
            <button type="button" class="code" aria-current=${code === this.trackingCode ? 'true' : 'false'} @click=${() => (this.trackingCode = code)}>${code}</button>
          </li>`,
        )}
      </ul>
      <button type="button" class="forget" @click=${this.forgetRecent}>${t.forgetCodes}</button>
    </div>`;
  }

  /** The public photos, by stage: before and after side by side when both are public. */
  private renderPhotos(tracked: TrackedView) {
    const t = this.t;
    if (!tracked.photos?.length) return nothing;
    const label = { REPORT: t.stageReport, BEFORE: t.stageBefore, AFTER: t.stageAfter };
    return html`<h3 id="photos-title">${t.photos}</h3>
      <ul class="photos" part="photos" aria-labelledby="photos-title">
        ${tracked.photos.map(
          (photo, i) => html`<li class=${`photo ${photo.stage.toLowerCase()}`}>
            <figure>
              <a href=${photo.url} target="_blank" rel="noopener noreferrer">
                <img src=${photo.thumbnailUrl} alt=${`${label[photo.stage]} ${t.photoAlt(i + 1)}`} loading="lazy" />
              </a>
              <figcaption>${label[photo.stage]}</figcaption>
            </figure>
          </li>`,
        )}
      </ul>`;
  }

  private renderTracked(tracked: TrackedView) {
    const t = this.t;
    // A merged report goes the way of the primary it is handled with.
    const followed = tracked.status === 'MERGED' && tracked.mergedInto ? tracked.mergedInto.status : tracked.status;
    const rejected = followed === 'REJECTED';
    const { done, current } = stepsReached(followed);
    const stepClass = (i: number): string => (i === current ? 'step current' : i <= done ? 'step done' : 'step');
    return html`<dl class="facts">
        <div class="wide"><dt>${t.trackingCode}</dt><dd class="code">${tracked.trackingCode}</dd></div>
        <div><dt>${t.category_}</dt><dd>${this.locale === 'en' ? tracked.category.nameEn : tracked.category.name}</dd></div>
        <div><dt>${t.gridName}</dt><dd>${tracked.gridName}</dd></div>
        <div><dt>${t.submittedAt}</dt><dd>${formatDateTime(tracked.submittedAt, this.locale)}</dd></div>
        ${tracked.extendedTo
          ? html`<div class="extended" part="extended"><dt>${t.dueExtended}</dt><dd>${formatDateTime(tracked.resolveDueAt, this.locale)}</dd></div>`
          : html`<div><dt>${t.dueAt}</dt><dd>${formatDateTime(tracked.resolveDueAt, this.locale)}</dd></div>`}
      </dl>
      <p class="status" data-status=${tracked.status}>${t.currentStatus(t.status[tracked.status])}</p>
      ${tracked.status === 'RETURNED' ? html`<p class="hint returned" part="returned">${t.returnedNote}</p>` : nothing}
      ${tracked.mergedInto
        ? html`<p class="hint merged" part="merged">
            ${t.mergedNote} <span class="code">${tracked.mergedInto.trackingCode}</span> (${t.status[tracked.mergedInto.status]})
          </p>`
        : nothing}
      ${rejected
        ? html`<p class="rejected">${t.rejectedNote}</p>`
        : html`<ol class="steps" part="steps" aria-label=${t.steps}>
            ${STATUS_STEPS.map(
              (status: IssueStatus, i) => html`<li class=${stepClass(i)} part=${stepClass(i)} aria-current=${i === current ? 'step' : 'false'}>
                <span class="dot" aria-hidden="true"></span><span class="label">${t.status[status]}</span>
              </li>`,
            )}
          </ol>`}
      ${this.renderPhotos(tracked)}
      <h3 id="timeline-title">${t.timeline}</h3>
      <ol class="timeline" part="timeline" aria-labelledby="timeline-title" reversed>
        ${[...tracked.timeline].reverse().map(
          (event) => html`<li>
            <time datetime=${event.at}>${formatDateTime(event.at, this.locale)}</time>
            <span class="event">${t.event[event.type]}</span>
            ${event.publicNote ? html`<p class="note">${publicNoteIn(event.publicNote, t)}</p>` : nothing}
          </li>`,
        )}
      </ol>`;
  }
}

import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FeedEventView } from '../internal/client';
import { errorCodeOf } from '../internal/client';
import { emit } from '../internal/events';
import { formatDateTime } from '../internal/format';
import { LastmeterElement } from '../internal/lastmeter-element';
import { LiveSubscription } from '../internal/live';
import { themeStyles } from '../internal/theme';
import { issueFeedStyles } from './issue-feed.styles';

/** How long a description may be before the feed cuts it. */
const EXCERPT = 60;

/**
 * A cadre's live feed of issue events in their scope, newest first: what
 * happened (e.g. Accepted), the issue's title or the start of its description,
 * the grid and the time; overdue issues stand out. Resumes from the last event
 * after a reconnect, so nothing is missed. Residents' text is shown as text only.
 *
 * @summary Live feed of issue events for staff.
 * @tag lm-issue-feed
 *
 * @event {CustomEvent<{ code: string; message: string; reason?: string; attribute?: string }>} lm-error - Something failed. `code`: the API error code or `NETWORK_ERROR`; `reason`: the server's own words; `attribute`: the attribute to fix for setup mistakes (`grid`, `region`).
 * @event {CustomEvent<{ code: 'UNAUTHENTICATED'; reason?: string }>} lm-sign-in-required - The token was refused (expired or revoked). The feed stops and turns its Live badge off; sign the cadre in again and set a new `token`.
 *
 * @csspart base - The card around everything.
 * @csspart list - The list of events.
 * @csspart event - One event (`event overdue` when the issue is overdue).
 * @csspart supervised - The 督办 badge of an issue under supervision.
 * @csspart urged - The 催办 badge with the number of urges.
 * @csspart error - The inline error message.
 *
 * @cssproperty [--lm-font-family=system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif] - Font family.
 * @cssproperty [--lm-font-size=1rem] - Base font size.
 * @cssproperty [--lm-radius=6px] - Corner radius.
 * @cssproperty [--lm-spacing=0.75rem] - Base spacing.
 * @cssproperty [--lm-color-primary=#1d4f91] - Event types and accents.
 * @cssproperty [--lm-color-primary-dark=#9cc2ff] - The same in the dark scheme.
 * @cssproperty [--lm-color-surface=#ffffff] - Background.
 * @cssproperty [--lm-color-surface-dark=#1b1d21] - The same in the dark scheme.
 * @cssproperty [--lm-color-surface-alt=#f3f5f8] - Background of each event.
 * @cssproperty [--lm-color-surface-alt-dark=#262a30] - The same in the dark scheme.
 * @cssproperty [--lm-color-text=#1f2328] - Text colour.
 * @cssproperty [--lm-color-text-dark=#e6e8eb] - The same in the dark scheme.
 * @cssproperty [--lm-color-muted=#525a63] - Times and grid names.
 * @cssproperty [--lm-color-muted-dark=#a9b1bb] - The same in the dark scheme.
 * @cssproperty [--lm-color-border=#8c959f] - Card border.
 * @cssproperty [--lm-color-border-dark=#6e7781] - The same in the dark scheme.
 * @cssproperty [--lm-color-danger=#b42318] - Error messages.
 * @cssproperty [--lm-color-danger-dark=#ff9b8f] - The same in the dark scheme.
 * @cssproperty [--lm-color-success=#1a7f37] - The Live badge.
 * @cssproperty [--lm-color-success-dark=#7ee2a0] - The same in the dark scheme.
 * @cssproperty [--lm-color-warning=#9a6700] - Highlight of overdue issues.
 * @cssproperty [--lm-color-warning-dark=#f2cc60] - The same in the dark scheme.
 * @cssproperty [--lm-focus-ring=#d97706] - Keyboard focus outline.
 * @cssproperty [--lm-focus-ring-dark=#fbbf24] - The same in the dark scheme.
 */
export class LmIssueFeed extends LastmeterElement {
  static override styles = [themeStyles, issueFeedStyles];

  /** Required: a staff token (from `login`). Set as a property (`feed.token = …`), never as an attribute, so it stays out of the page's markup. */
  @property({ attribute: false }) token = '';

  /** Only events of this grid (id). */
  @property() grid = '';

  /** Only events of this region's subtree (a region id from the public `regions` query). */
  @property() region = '';

  /** How many events to keep on screen. */
  @property({ type: Number }) limit = 50;

  @state() private events: FeedEventView[] = [];
  @state() private error = '';
  @state() private reconnecting = false;

  private live?: LiveSubscription<FeedEventView>;
  /** The cursor of the newest event shown: where a reopened stream resumes. */
  private lastCursor?: string;

  protected override get staffToken(): string | undefined {
    return this.token || undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live?.stop();
    this.live = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (['token', 'grid', 'region', 'endpoint', 'portalKey'].some((name) => changed.has(name as keyof LmIssueFeed))) {
      this.events = [];
      this.lastCursor = undefined;
      this.follow();
    }
  }

  private follow(): void {
    this.live?.stop();
    this.live = undefined;
    this.error = '';
    this.reconnecting = false;
    if (!this.token) return;
    const client = this.client;
    const filter = { ...(this.grid ? { gridId: this.grid } : {}), ...(this.region ? { regionId: this.region } : {}) };
    this.live = new LiveSubscription(() => client.issueEvents(filter, this.lastCursor), {
      next: (event) => this.receive(event),
      error: (error, retrying) => {
        this.reconnecting = retrying;
        if (retrying) return;
        // Stopped for good: the Live badge goes off, and the reason shows once.
        this.live = undefined;
        const code = errorCodeOf(error);
        if (code === 'UNAUTHENTICATED') {
          this.error = this.reportError(error, { UNAUTHENTICATED: this.t.sessionExpired });
          const reason = (error as { message?: unknown })?.message;
          emit(this, 'lm-sign-in-required', { code: 'UNAUTHENTICATED', ...(typeof reason === 'string' ? { reason } : {}) });
        } else {
          this.error = this.reportError(error, {}, code === 'NOT_FOUND' || code === 'BAD_USER_INPUT' ? (this.grid ? 'grid' : 'region') : undefined);
        }
      },
    });
  }

  private receive(event: FeedEventView): void {
    this.reconnecting = false;
    this.lastCursor = event.cursor;
    if (this.events.some((e) => e.id === event.id)) return;
    this.events = [event, ...this.events].slice(0, Math.max(1, this.limit));
    this.announce(this.t.newEvent(this.t.event[event.type], this.headline(event)));
  }

  private headline(event: FeedEventView): string {
    const title = event.issue.title?.trim();
    if (title) return title;
    const text = event.issue.description.trim();
    return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
  }

  protected override render() {
    const t = this.t;
    return html`<section class="card" part="base" aria-labelledby="title">
      <h2 id="title">${t.feedTitle}${this.live && !this.reconnecting ? html` <span class="live">${t.feedLive}</span>` : nothing}</h2>
      ${!this.token ? html`<p class="hint">${t.feedSignIn}</p>` : nothing}
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
      ${this.reconnecting ? html`<p class="hint">${t.reconnecting}</p>` : nothing}
      ${this.token && !this.events.length && !this.error ? html`<p class="hint">${t.feedEmpty}</p>` : nothing}
      <ol class="events" part="list" aria-labelledby="title">
        ${this.events.map((event) => {
          const overdue = event.issue.overdue || event.type === 'OVERDUE';
          return html`<li class=${overdue ? 'event overdue' : 'event'} part=${overdue ? 'event overdue' : 'event'} data-event-id=${event.id}>
            <div class="top">
              <span class="type" data-type=${event.type}>${t.event[event.type]}</span>
              ${overdue ? html`<span class="badge">${t.overdue}</span>` : nothing}
              ${event.issue.supervised ? html`<span class="badge supervised" part="supervised">${t.supervised}</span>` : nothing}
              ${event.issue.urgeCount > 0 ? html`<span class="badge urged" part="urged">${t.urged} ×${event.issue.urgeCount}</span>` : nothing}
              <time datetime=${event.at}>${formatDateTime(event.at, this.locale)}</time>
            </div>
            <p class="headline">${this.headline(event)}</p>
            ${event.type === 'URGED' && event.note?.trim() ? html`<p class="note">${t.urgeNote(event.note)}</p>` : nothing}
            <p class="grid">${event.issue.grid.name}</p>
          </li>`;
        })}
      </ol>
      ${this.renderAnnouncer()}
    </section>`;
  }
}

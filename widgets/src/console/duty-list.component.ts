import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Category, IssueEvent, IssueFilter, IssueStatus, IssueSummary } from '@lastmeter/sdk';
import { call } from '../internal/console-api';
import { ConsoleElement } from '../internal/console-element';
import { session } from '../internal/console-session';
import { consoleStyles } from '../internal/console-styles';
import { formatDateTime } from '../internal/format';
import { groupLabel } from '../internal/i18n';
import { LiveSubscription } from '../internal/live';
import { themeStyles } from '../internal/theme';
import { css } from 'lit';

const STATUSES: IssueStatus[] = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'FOLLOWED_UP', 'RETURNED', 'CLOSED', 'REJECTED', 'MERGED'];
/** The open statuses: what "my work" shows unless a status is chosen. */
const OPEN: IssueStatus[] = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'FOLLOWED_UP', 'RETURNED'];

/** Supervised and overdue first, then the nearest deadline (an extension counts). */
export function dutyOrder(a: IssueSummary, b: IssueSummary): number {
  const weight = (i: IssueSummary) => (i.supervised ? 0 : 2) + (i.overdue ? 0 : 1);
  const due = (i: IssueSummary) => Date.parse(i.resolveDueAt);
  return weight(a) - weight(b) || due(a) - due(b);
}

/**
 * The signed-in staff member's work: a cadre's duty list (issues assigned to
 * them, or everything in their scope) or a grid worker's queue (their grid's
 * issues). Supervised and overdue first, then by deadline; filters by status,
 * category, grid and overdue. Live: a new report, an urge or someone else's move
 * appears without reload and is announced politely.
 *
 * @summary My work: the duty list or grid queue, live.
 * @tag lm-duty-list
 * @event {CustomEvent<{ id: string }>} lm-issue-selected - An issue was chosen in the list.
 * @event {CustomEvent<{ id: string; version: number }>} lm-issue-changed - Someone moved an issue in the viewer's scope (heard live): reload it if it is shown.
 * @event {CustomEvent<{ code: string; message: string; reason?: string; attribute?: string }>} lm-error - Something failed (`code`: the API error code or `NETWORK_ERROR`; `reason`: the server's own words). The element also says so in words.
 *
 * @csspart base - The section around the filters and the list.
 */
export class LmDutyList extends ConsoleElement {
  static override styles = [
    themeStyles,
    consoleStyles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.5rem;
        margin-bottom: var(--_space);
      }
      .filters .field {
        margin: 0;
        flex: 1 1 9rem;
        min-width: 0;
      }
      /* "Show" is as wide as its longest choice, so "Everything in my area" is never cut off. */
      .filters .field.show {
        flex: 1 0 auto;
        max-width: 100%;
      }
      .filters .field.show select {
        width: auto;
        min-width: 100%;
        max-width: 100%;
      }
      li + li {
        margin-top: 0.5rem;
      }
      button.issue {
        display: block;
        width: 100%;
        text-align: start;
        color: var(--_text);
        border-color: var(--_border);
      }
      button.issue[aria-current='true'] {
        border: 2px solid var(--_primary);
      }
      .title {
        font-weight: 600;
        display: block;
      }
    `,
  ];

  /** The issue shown beside the list (marked as current). */
  @property({ attribute: 'selected-id' }) selectedId = '';

  @state() private issues: IssueSummary[] = [];
  @state() private categories: Category[] = [];
  @state() private loading = false;
  @state() private error = '';
  @state() private status = '';
  @state() private category = '';
  @state() private grid = '';
  @state() private overdueOnly = false;
  /**
   * Cadres: `mine` (assigned to me) or `scope` (everything I may see, e.g. to dispatch). Dispatchers
   * (cadres with a scope region) start on `scope`, so returned issues and pending extension requests
   * are in view; other cadres on `mine`. Null until the signed-in cadre's default is known.
   */
  @state() private show: 'mine' | 'scope' | null = null;
  /** The user whose default `show` was chosen (a new sign-in chooses again). */
  private showChosenFor = '';

  private live?: LiveSubscription<IssueEvent>;
  private reloadTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live?.stop();
    this.live = undefined;
  }

  protected override sessionChanged(): void {
    this.live?.stop();
    this.live = undefined;
    this.start();
  }

  private start(): void {
    if (!session.get()) return;
    void this.load();
    if (!this.categories.length) void call(() => this.api.categories()).then((list) => (this.categories = list), () => undefined);
    this.live ??= new LiveSubscription(() => this.api.issueEvents({})[Symbol.asyncIterator](), {
      next: (event) => this.heard(event),
      error: () => undefined,
    });
  }

  /** Reloads the list shortly after an event (several at once make one reload) and says what happened. */
  private heard(event: IssueEvent): void {
    const title = event.issue.title;
    this.announce(event.type === 'SUBMITTED' ? this.c.newInQueue(title) : this.c.changedInQueue(title, this.t.event[event.type]));
    this.dispatchEvent(new CustomEvent('lm-issue-changed', { detail: { id: event.issue.id, version: event.issue.version }, bubbles: true, composed: true }));
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.load(), 250);
  }

  /** The default of "Show" for a cadre: everything in scope for a dispatcher (a scope region), their own work otherwise. */
  private chooseShow(user: { id: string; scopeRegionId?: string | null }): void {
    if (this.showChosenFor === user.id && this.show) return;
    this.show = user.scopeRegionId ? 'scope' : 'mine';
    this.showChosenFor = user.id;
  }

  /** Reloads the list with the current filters. */
  async load(): Promise<void> {
    const user = session.get()?.user;
    if (!user) return;
    if (user.cadreId) this.chooseShow(user);
    const filter: IssueFilter = {
      status: this.status ? [this.status as IssueStatus] : OPEN,
      ...(this.category ? { categoryCode: [this.category] } : {}),
      ...(this.grid ? { gridId: this.grid } : {}),
      ...(this.overdueOnly ? { overdue: true } : {}),
      ...(user.cadreId && this.show === 'mine' ? { assigneeId: user.cadreId } : {}),
    };
    this.loading = true;
    try {
      const page = await call(() => this.api.issues({ filter, first: 100 }));
      this.issues = page.edges.map((e) => e.node).sort(dutyOrder);
      this.error = '';
    } catch (error) {
      this.error = this.reportError(error);
    } finally {
      this.loading = false;
    }
  }

  private select(id: string): void {
    this.selectedId = id;
    this.dispatchEvent(new CustomEvent('lm-issue-selected', { detail: { id }, bubbles: true, composed: true }));
  }

  private changed(apply: () => void) {
    return () => {
      apply();
      void this.load();
    };
  }

  protected override render() {
    const c = this.c;
    const user = session.get()?.user;
    if (!user) return nothing;
    const value = (e: Event) => (e.target as HTMLSelectElement).value;
    return html`<section part="base" aria-labelledby="lm-duty-title">
      <h2 id="lm-duty-title">${c.myWork}</h2>
      <div class="filters" role="group" aria-label=${c.filters}>
        ${user.cadreId
          ? html`<div class="field show">
              <label for="lm-show">${c.show}</label>
              <select id="lm-show" @change=${(e: Event) => this.changed(() => {
                this.show = value(e) as 'mine' | 'scope';
                this.showChosenFor = user.id;
              })()}>
                <option value="mine" ?selected=${this.show === 'mine'}>${c.assignedToMe}</option>
                <option value="scope" ?selected=${this.show === 'scope'}>${c.everythingInScope}</option>
              </select>
            </div>`
          : nothing}
        <div class="field">
          <label for="lm-status">${c.status}</label>
          <select id="lm-status" @change=${(e: Event) => this.changed(() => (this.status = value(e)))()}>
            <option value="">${c.all}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.status === s}>${this.t.status[s]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="lm-category">${c.category}</label>
          <select id="lm-category" @change=${(e: Event) => this.changed(() => (this.category = value(e)))()}>
            <option value="">${c.all}</option>
            ${this.categories.map(
              (cat) => html`<option value=${cat.code} ?selected=${this.category === cat.code}>${this.locale === 'en' ? cat.nameEn : cat.name} · ${groupLabel(cat.group, this.locale)}</option>`,
            )}
          </select>
        </div>
        ${user.grids.length > 1 || user.cadreId
          ? html`<div class="field">
              <label for="lm-grid">${c.grid}</label>
              <select id="lm-grid" @change=${(e: Event) => this.changed(() => (this.grid = value(e)))()}>
                <option value="">${c.all}</option>
                ${user.grids.map((g) => html`<option value=${g.id} ?selected=${this.grid === g.id}>${g.name}</option>`)}
              </select>
            </div>`
          : nothing}
        <label class="choice"
          ><input type="checkbox" .checked=${this.overdueOnly} @change=${(e: Event) => this.changed(() => (this.overdueOnly = (e.target as HTMLInputElement).checked))()} />
          ${c.overdueOnly}</label
        >
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error} <button @click=${() => this.load()}>${this.t.retry}</button></p>` : nothing}
      <p class="muted" aria-busy=${this.loading ? 'true' : 'false'}>${this.loading && !this.issues.length ? this.t.loading : c.issueCount(this.issues.length)}</p>
      ${this.issues.length || this.loading ? nothing : html`<p>${c.noIssues}</p>`}
      <ul class="plain">
        ${this.issues.map(
          (issue) => html`<li>
            <button class="issue" aria-current=${this.selectedId === issue.id ? 'true' : 'false'} @click=${() => this.select(issue.id)}>
              <span class="title">${issue.title}</span>
              <span class="row">
                <span class="badge primary">${this.t.status[issue.status]}</span>
                ${issue.supervised ? html`<span class="badge danger">${c.supervised}</span>` : nothing}
                ${issue.overdue ? html`<span class="badge danger">${c.overdue}</span>` : nothing}
                ${issue.urgeCount ? html`<span class="badge danger">${c.urged(issue.urgeCount)}</span>` : nothing}
                <span class="muted">${issue.grid.name} · ${c.due} ${formatDateTime(issue.resolveDueAt, this.locale)}</span>
              </span>
            </button>
          </li>`,
        )}
      </ul>
      ${this.renderAnnouncer()}
    </section>`;
  }
}

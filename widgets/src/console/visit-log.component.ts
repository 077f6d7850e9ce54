import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { VisitKind } from '@lastmeter/sdk';
import { errorCodeOf } from '../internal/client';
import { call, gridVisits, type VisitRow } from '../internal/console-api';
import { ConsoleElement } from '../internal/console-element';
import { session } from '../internal/console-session';
import { consoleStyles } from '../internal/console-styles';
import { formatDateTime } from '../internal/format';
import { randomId } from '../internal/ids';
import { isOffline, keepMove } from '../internal/offline-moves';
import { themeStyles } from '../internal/theme';

const KINDS: VisitKind[] = ['HOUSEHOLD_VISIT', 'CHECK_IN', 'RESIDENT_MEETING', 'PATROL', 'MEDIATION', 'POLICY_PUBLICITY'];


/**
 * Visits (走访): record a household visit, a check-in (报到) at the grid, a
 * residents' meeting… with households reached and notes, at one of the grids
 * one works in; and the list of one's own visits. With no signal the visit is
 * kept on the device and sent once online, exactly once.
 *
 * @summary Record visits and list one's own.
 * @tag lm-visit-log
 * @event {CustomEvent<{ code: string; message: string; reason?: string; attribute?: string }>} lm-error - Something failed (`code`: the API error code or `NETWORK_ERROR`; `reason`: the server's own words). The element also says so in words.
 *
 * @csspart base - The section around the form and the list.
 */
export class LmVisitLog extends ConsoleElement {
  static override styles = [themeStyles, consoleStyles];

  @state() private visits: VisitRow[] = [];
  @state() private kind: VisitKind = 'HOUSEHOLD_VISIT';
  @state() private gridId = '';
  @state() private households = '';
  @state() private notes = '';
  @state() private busy = false;
  @state() private error = '';
  @state() private done = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    void this.load();
  }

  /** Reloads one's own visits. */
  async load(): Promise<void> {
    const user = session.get()?.user;
    if (!user) return;
    try {
      const all = await gridVisits(this.resolvedEndpoint, user.grids.map((g) => g.id));
      // A cadre's own visits carry their cadre; a grid worker's carry none.
      this.visits = all.filter((v) => (user.cadreId ? v.cadre?.id === user.cadreId : !v.cadre));
    } catch (error) {
      this.error = this.reportError(error);
    }
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const user = session.get()?.user;
    if (!user) return;
    const c = this.c;
    const gridId = this.gridId || user.grids[0]?.id;
    const households = this.households.trim() === '' ? null : Number(this.households);
    if (!gridId) return;
    if (households !== null && (!Number.isInteger(households) || households < 0)) {
      this.error = c.missing(c.households);
      return;
    }
    const notes = this.notes.trim() || null;
    const move = { kind: 'visit' as const, what: c.visitWhat(c.visitKind_[this.kind]), gridId, visitKind: this.kind, households, notes };
    this.busy = true;
    this.error = '';
    try {
      const online = navigator.onLine;
      if (online) {
        await call(() => this.api.recordVisit({ input: { gridId, kind: this.kind, households, notes, idempotencyKey: randomId() } }));
      } else {
        await keepMove(move);
      }
      // Cleared as soon as the visit is kept, before the list reloads: what is typed meanwhile is the next visit's.
      this.households = '';
      this.notes = '';
      this.done = online ? c.visitRecorded : c.savedOffline;
      this.announce(this.done);
      if (online) await this.load();
    } catch (error) {
      if (isOffline(error)) {
        await keepMove(move);
        this.done = c.savedOffline;
        this.announce(this.done);
      } else if (errorCodeOf(error) !== 'UNAUTHENTICATED') {
        this.error = this.reportError(error);
      }
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const c = this.c;
    const user = session.get()?.user;
    if (!user) return nothing;
    return html`<section part="base" aria-labelledby="lm-visit-title">
      <form class="card" @submit=${this.submit} novalidate>
        <h2 id="lm-visit-title">${c.visitTitle}</h2>
        ${user.grids.length > 1
          ? html`<div class="field">
              <label for="lm-v-grid">${c.grid}</label>
              <select id="lm-v-grid" @change=${(e: Event) => (this.gridId = (e.target as HTMLSelectElement).value)}>
                ${user.grids.map((g) => html`<option value=${g.id} ?selected=${this.gridId === g.id}>${g.name}</option>`)}
              </select>
            </div>`
          : nothing}
        <div class="field">
          <label for="lm-v-kind">${c.visitKind}</label>
          <select id="lm-v-kind" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as VisitKind)}>
            ${KINDS.map((k) => html`<option value=${k} ?selected=${this.kind === k}>${c.visitKind_[k]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="lm-v-households">${c.households} <span class="muted">(${this.t.optional})</span></label>
          <input id="lm-v-households" type="number" inputmode="numeric" min="0" .value=${this.households} @input=${(e: Event) => (this.households = (e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="lm-v-notes">${c.notes} <span class="muted">(${this.t.optional})</span></label>
          <textarea id="lm-v-notes" .value=${this.notes} @input=${(e: Event) => (this.notes = (e.target as HTMLTextAreaElement).value)}></textarea>
        </div>
        <p class="field-error" role="alert">${this.error}</p>
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? c.sending : c.record}</button>
        ${this.done ? html`<p class="notice">${this.done}</p>` : nothing}
      </form>
      <h2>${c.myVisits}</h2>
      ${this.visits.length
        ? html`<ul>
            ${this.visits.map(
              (v) => html`<li>
                <strong>${c.visitKind_[v.kind]}</strong> <span class="muted">${formatDateTime(v.at, this.locale)}</span>
                ${v.households !== null && v.households !== undefined ? html` · ${c.households} ${v.households}` : nothing}
                ${v.notes ? html`<div>${v.notes}</div>` : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${c.noVisits}</p>`}
      ${this.renderAnnouncer()}
    </section>`;
  }
}

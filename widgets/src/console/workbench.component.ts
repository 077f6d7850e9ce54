import { css, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { adminStringsFor } from '../internal/admin-strings';
import { ConsoleElement } from '../internal/console-element';
import { session } from '../internal/console-session';
import { consoleStyles } from '../internal/console-styles';
import { onMovesChanged, pendingMoves } from '../internal/offline-moves';
import { sendPendingMoves, type SentResult } from '../internal/offline-sender';
import { themeStyles } from '../internal/theme';
import type { LmDutyList } from './duty-list.component';
import type { LmIssueDetail } from './issue-detail.component';
import type { LmVisitLog } from './visit-log.component';

/**
 * The staff workbench, as served at `/console/`: sign-in, then "My work" (the
 * duty list or grid queue beside the chosen issue: one column on a phone, two
 * panes on a desk) and "Visits". An expired session brings the sign-in back over
 * the work, which stays as typed. Moves kept offline are sent when the browser
 * is back online, and their results shown.
 *
 * @summary The whole staff console in one element.
 * @tag lm-workbench
 *
 * @event {CustomEvent<{ move: { kind: 'followUp' | 'visit'; what: string }; ok: boolean; code?: string }>} lm-move-sent - A move kept offline was sent (`ok`), or the server refused it (`code`); either way it is no longer kept.
 *
 * @csspart base - Everything: the header and the work below it.
 */
export class LmWorkbench extends ConsoleElement {
  static override styles = [
    themeStyles,
    consoleStyles,
    css`
      :host {
        min-height: 100vh;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.5rem var(--_space);
        border-bottom: 1px solid var(--_border);
        background: var(--_surface-alt);
      }
      h1 {
        font-size: 1.15em;
        margin: 0;
      }
      main {
        padding: var(--_space);
        max-width: 1440px;
        margin: 0 auto;
      }
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-bottom: var(--_space);
      }
      nav button[aria-current='page'] {
        background: var(--_primary);
        color: var(--_on-primary);
        font-weight: 600;
      }
      .work.has-selection .list,
      .work[hidden] {
        display: none;
      }
      .back {
        margin-bottom: var(--_space);
      }
      @media (min-width: 960px) {
        .work {
          display: grid;
          grid-template-columns: minmax(20rem, 2fr) 3fr;
          gap: calc(var(--_space) * 2);
          align-items: start;
        }
        .work.has-selection .list {
          display: block;
        }
        .back {
          display: none;
        }
        .detail {
          position: sticky;
          top: var(--_space);
        }
      }
      .sign-in-over {
        position: fixed;
        inset: 0;
        display: grid;
        place-items: center;
        padding: var(--_space);
        background: color-mix(in srgb, var(--_surface) 85%, transparent);
      }
      .sign-in-over lm-sign-in,
      .sign-in-alone {
        width: min(26rem, 100%);
      }
      .sign-in-alone {
        margin: 2rem auto;
      }
    `,
  ];

  @state() private view: 'work' | 'visits' | 'admin' = 'work';
  @state() private selected = '';
  @state() private pending = 0;
  @state() private sent = '';
  @query('lm-duty-list') private list?: LmDutyList;
  @query('lm-issue-detail') private detail?: LmIssueDetail;
  @query('lm-visit-log') private visitLog?: LmVisitLog;

  private stopWatchingMoves?: () => void;
  private readonly online = () => this.sendPending();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.online);
    this.stopWatchingMoves = onMovesChanged(() => void this.countPending());
    this.addEventListener('lm-move-sent', (e) => this.moveSent((e as CustomEvent<SentResult>).detail));
    void this.countPending();
    this.sendPending();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.online);
    this.stopWatchingMoves?.();
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    if (session.get()) this.sendPending();
  }

  private sendPending(): void {
    if (session.get() && navigator.onLine) void sendPendingMoves(this.api, this);
  }

  private async countPending(): Promise<void> {
    this.pending = (await pendingMoves().catch(() => [])).length;
  }

  private moveSent(result: SentResult): void {
    this.sent = result.ok ? this.c.sentLater(result.move.what) : this.c.sendFailed(result.move.what, result.code ?? '');
    this.announce(this.sent);
    void this.list?.load();
    void this.detail?.load();
    void this.visitLog?.load();
  }

  private signOut(): void {
    session.clear();
    this.selected = '';
  }

  protected override render() {
    const c = this.c;
    const current = session.get();
    const expired = session.expired();
    const lang = this.lang || nothing;
    if (!current && !expired) {
      return html`<div part="base">
        <header><h1>${c.title}</h1></header>
        <main><lm-sign-in class="sign-in-alone" lang=${lang} endpoint=${this.endpoint || nothing}></lm-sign-in></main>
      </div>`;
    }
    const user = current?.user ?? expired!;
    return html`<div part="base">
      <header>
        <h1>${c.title}</h1>
        <span class="row">
          ${this.pending ? html`<span class="badge danger">${c.pendingMoves(this.pending)}</span>` : nothing}
          <span>${c.signedInAs(user.displayName)}</span>
          <button type="button" @click=${this.signOut}>${c.signOut}</button>
        </span>
      </header>
      <main ?inert=${!current} aria-hidden=${current ? nothing : 'true'}>
        <nav aria-label=${c.title}>
          <button type="button" aria-current=${this.view === 'work' ? 'page' : nothing} @click=${() => (this.view = 'work')}>${c.myWork}</button>
          <button type="button" aria-current=${this.view === 'visits' ? 'page' : nothing} @click=${() => (this.view = 'visits')}>${c.visits}</button>
          ${user.role === 'ADMIN'
            ? html`<button type="button" aria-current=${this.view === 'admin' ? 'page' : nothing} @click=${() => (this.view = 'admin')}>${adminStringsFor(this.locale).admin}</button>`
            : nothing}
        </nav>
        ${this.sent ? html`<p class="notice">${this.sent}</p>` : nothing}
        <div class="work ${this.selected ? 'has-selection' : ''}" ?hidden=${this.view !== 'work'}>
          <div class="list">
            <lm-duty-list
              lang=${lang}
              endpoint=${this.endpoint || nothing}
              selected-id=${this.selected}
              @lm-issue-selected=${(e: CustomEvent<{ id: string }>) => (this.selected = e.detail.id)}
              @lm-issue-changed=${(e: CustomEvent<{ id: string }>) => {
                if (e.detail.id === this.selected) void this.detail?.load();
              }}
              @lm-moved=${() => void this.list?.load()}
            ></lm-duty-list>
          </div>
          <div class="detail">
            ${this.selected ? html`<button type="button" class="back" @click=${() => (this.selected = '')}>${c.back}</button>` : nothing}
            <lm-issue-detail lang=${lang} endpoint=${this.endpoint || nothing} issue-id=${this.selected} @lm-moved=${() => void this.list?.load()}></lm-issue-detail>
          </div>
        </div>
        ${this.view === 'admin' && user.role === 'ADMIN' ? html`<lm-admin lang=${lang} endpoint=${this.endpoint || nothing}></lm-admin>` : nothing}
        ${this.view === 'visits' ? html`<lm-visit-log lang=${lang} endpoint=${this.endpoint || nothing}></lm-visit-log>` : nothing}
        ${this.renderAnnouncer()}
      </main>
      ${!current
        ? html`<div class="sign-in-over" role="dialog" aria-modal="true" aria-label=${c.signInTitle}>
            <lm-sign-in lang=${lang} endpoint=${this.endpoint || nothing} username=${expired?.username ?? ''} notice=${c.sessionExpired}></lm-sign-in>
          </div>`
        : nothing}
    </div>`;
  }
}

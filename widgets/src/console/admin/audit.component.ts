import { html } from 'lit';
import { state } from 'lit/decorators.js';
import { AdminSection, adminStyles, valueOf } from '../../internal/admin-section';
import { formatDateTime } from '../../internal/format';

interface Entry {
  id: string;
  at: string;
  actorName: string;
  action: string;
  target?: string | null;
  summary: string;
}

/** Actions the API writes to the log, offered in the filter (any other can be typed). */
const ACTIONS = [
  'createRegion', 'createGrid', 'updateGrid', 'createCadre', 'assignCadre', 'unassignCadre', 'createGridWorker', 'createUser',
  'deactivateUser', 'reactivateUser', 'resetPassword', 'changePassword', 'createPortalKey', 'importRegionsGrids', 'importPeople',
  'readReporterContact',
];

/**
 * The audit log: who changed what, newest first, one page at a time, filtered
 * by action.
 *
 * @summary The audit log.
 * @tag lm-admin-audit
 *
 * @csspart base - The section's content.
 */
export class LmAdminAudit extends AdminSection {
  static override styles = adminStyles;

  @state() private entries: Entry[] = [];
  @state() private action = '';
  @state() private next: string | null = null;

  async load(more = false): Promise<void> {
    const page = await this.api.auditLog({ first: 50, action: this.action || null, after: more ? this.next : null });
    const rows = page.edges.map((e) => e.node);
    this.entries = more ? [...this.entries, ...rows] : rows;
    this.next = page.pageInfo.hasNextPage ? page.pageInfo.endCursor ?? null : null;
  }

  protected renderSection() {
    const a = this.a;
    return html`<div class="field">
        <label for="lm-audit-action">${a.action}</label>
        <input id="lm-audit-action" list="lm-audit-actions" .value=${this.action} @change=${(e: Event) => ((this.action = valueOf(e).trim()), void this.attempt(() => this.load()))} />
        <datalist id="lm-audit-actions">${ACTIONS.map((x) => html`<option value=${x}></option>`)}</datalist>
        <p class="hint">${a.allActionsHint}</p>
      </div>
      ${this.renderStatus()}
      <div class="scroll">
        <table>
          <caption class="sr-only">${a.section.audit}</caption>
          <thead>
            <tr><th scope="col">${a.time}</th><th scope="col">${a.actor}</th><th scope="col">${a.action}</th><th scope="col">${a.summary}</th><th scope="col">${a.target}</th></tr>
          </thead>
          <tbody>
            ${this.entries.map(
              (e) => html`<tr>
                <td class="code">${formatDateTime(e.at, this.locale)}</td>
                <td>${e.actorName}</td>
                <td>${e.action}</td>
                <td>${e.summary}</td>
                <td class="muted">${e.target ?? ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.entries.length ? '' : html`<p class="muted">${a.noRows}</p>`}
      ${this.next ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.attempt(() => this.load(true))}>${a.more}</button>` : ''}`;
  }
}

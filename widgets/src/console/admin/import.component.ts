import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AdminSection, adminStyles, valueOf } from '../../internal/admin-section';
import { importFile, type ImportKind, type ImportReport } from '../../internal/admin-api';

/**
 * One bulk import: pick a file, check it with a dry run (its problems listed
 * by row or feature and field), then import it for real — offered only once a
 * dry run of that same file found nothing — showing the counts and, for people,
 * the one-time passwords, once.
 *
 * @summary A file import with its dry-run report.
 * @tag lm-admin-import
 *
 * @csspart base - The section's content.
 */
export class LmAdminImport extends AdminSection {
  static override styles = adminStyles;

  /** `regions-grids` (GeoJSON) or `people` (CSV or XLSX). */
  @property() kind: ImportKind = 'regions-grids';
  @state() private file: File | null = null;
  @state() private crs = 'WGS84';
  @state() private report: ImportReport | null = null;
  /** The file whose dry run came back clean: the only one that may be imported. */
  @state() private cleanFile: File | null = null;

  async load(): Promise<void> {}

  private async run(dryRun: boolean): Promise<void> {
    const a = this.a;
    this.notice = '';
    if (!this.file) {
      this.error = a.chooseFile;
      return;
    }
    const file = this.file;
    const report = await this.attempt(() => importFile(this.resolvedEndpoint, this.kind, file, { dryRun, crs: this.crs }));
    if (!report) return;
    this.report = report;
    this.cleanFile = dryRun && report.problems.length === 0 ? file : null;
    // Problems are the table's caption; counts are the notice.
    if (report.problems.length) this.announce(a.problems(report.problems.length));
    else this.say((dryRun ? a.checked : a.imported)(report.created, report.updated, report.unchanged));
  }

  protected renderSection() {
    const a = this.a;
    const id = `lm-imp-${this.kind}`;
    const report = this.report;
    return html`<form class="card" aria-labelledby="${id}-h" @submit=${(e: Event) => e.preventDefault()}>
      <h3 id="${id}-h">${this.kind === 'people' ? a.importPeople : a.importGrids}</h3>
      <div class="grid2">
        <div class="field">
          <label for="${id}-file">${a.file}</label>
          <input
            id="${id}-file"
            type="file"
            accept=${this.kind === 'people' ? '.csv,.xlsx,text/csv' : '.geojson,.json,application/geo+json,application/json'}
            @change=${(e: Event) => {
              this.file = (e.target as HTMLInputElement).files?.[0] ?? null;
              this.report = null;
              this.cleanFile = null;
              this.notice = '';
            }}
          />
        </div>
        ${this.kind === 'regions-grids'
          ? html`<div class="field">
              <label for="${id}-crs">${a.crs}</label>
              <select id="${id}-crs" @change=${(e: Event) => ((this.crs = valueOf(e)), (this.cleanFile = null))}>
                ${Object.entries(a.crs_).map(([v, label]) => html`<option value=${v} ?selected=${this.crs === v}>${label}</option>`)}
              </select>
            </div>`
          : nothing}
      </div>
      <div class="actions">
        <button type="button" ?disabled=${this.busy} @click=${() => this.run(true)}>${a.dryRun}</button>
        <button type="button" class="primary" ?disabled=${this.busy || !this.cleanFile || this.cleanFile !== this.file} @click=${() => this.run(false)}>${a.runImport}</button>
      </div>
      ${!this.cleanFile && !report ? html`<p class="hint">${a.dryRunFirst}</p>` : nothing} ${this.renderStatus()}
      ${report?.problems.length
        ? html`<div class="scroll">
            <table>
              <caption>${a.problems(report.problems.length)}</caption>
              <thead><tr><th scope="col">${a.row}</th><th scope="col">${a.field}</th><th scope="col">${a.problem}</th></tr></thead>
              <tbody>
                ${report.problems.map((p) => html`<tr><td>${p.row}</td><td>${p.field ?? ''}</td><td>${p.message}</td></tr>`)}
              </tbody>
            </table>
          </div>`
        : nothing}
      ${report?.oneTimePasswords.length
        ? html`<div class="scroll">
            <table>
              <caption>${a.oneTimePasswords}</caption>
              <thead><tr><th scope="col">${a.username}</th><th scope="col">${a.password}</th></tr></thead>
              <tbody>
                ${report.oneTimePasswords.map((p) => html`<tr><td>${p.username}</td><td class="secret">${p.password}</td></tr>`)}
              </tbody>
            </table>
          </div>`
        : nothing}
    </form>`;
  }
}

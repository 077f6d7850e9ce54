import { html } from 'lit';
import { state } from 'lit/decorators.js';
import type { CadreFieldsFragment, CadreLevel } from '@lastmeter/sdk';
import { AdminSection, adminStyles, valueOf } from '../../internal/admin-section';
import { gridsOf, regionTree, type TreeGrid } from '../../internal/admin-api';

const LEVELS: CadreLevel[] = ['CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'];

/**
 * Cadres and grid workers: each cadre with the grids assigned to them (assign
 * to another, or remove), a new cadre, and a new grid worker for a grid.
 *
 * @summary Cadres, their assignments, and grid workers.
 * @tag lm-admin-people
 *
 * @csspart base - The section's content.
 */
export class LmAdminPeople extends AdminSection {
  static override styles = adminStyles;

  @state() private cadres: CadreFieldsFragment[] = [];
  @state() private grids: (TreeGrid & { regionName: string })[] = [];
  @state() private assignGrid: Record<string, string> = {};
  @state() private cadre = { name: '', unit: '', level: 'VILLAGE' as CadreLevel };
  @state() private worker = { name: '', gridId: '' };

  async load(): Promise<void> {
    const [cadres, tree] = await Promise.all([this.api.cadres(), regionTree(this.resolvedEndpoint)]);
    this.cadres = cadres;
    this.grids = gridsOf(tree);
  }

  private async change(run: () => Promise<unknown>, message: string): Promise<void> {
    if (await this.attempt(run)) {
      this.say(message);
      await this.attempt(() => this.load());
    }
  }

  private gridOptions(selected: string) {
    return this.grids.map((g) => html`<option value=${g.id} ?selected=${g.id === selected}>${g.name}（${g.code}）</option>`);
  }

  protected renderSection() {
    const a = this.a;
    return html`<div class="grid2">
        <form class="card" aria-labelledby="lm-p-cadre" @submit=${(e: Event) => (e.preventDefault(), this.change(() => this.api.createCadre({ input: this.cadre }), a.created(this.cadre.name)))}>
          <h3 id="lm-p-cadre">${a.createCadre}</h3>
          <div class="field"><label for="lm-p-cn">${a.displayName}</label><input id="lm-p-cn" .value=${this.cadre.name} @input=${(e: Event) => (this.cadre = { ...this.cadre, name: valueOf(e) })} /></div>
          <div class="field"><label for="lm-p-cu">${a.unitName}</label><input id="lm-p-cu" .value=${this.cadre.unit} @input=${(e: Event) => (this.cadre = { ...this.cadre, unit: valueOf(e) })} /></div>
          <div class="field">
            <label for="lm-p-cl">${a.level}</label>
            <select id="lm-p-cl" @change=${(e: Event) => (this.cadre = { ...this.cadre, level: valueOf(e) as CadreLevel })}>
              ${LEVELS.map((l) => html`<option value=${l} ?selected=${l === this.cadre.level}>${a.cadreLevel_[l]}</option>`)}
            </select>
          </div>
          <button class="primary" type="submit" ?disabled=${this.busy}>${a.create}</button>
        </form>
        <form class="card" aria-labelledby="lm-p-worker" @submit=${(e: Event) => (e.preventDefault(), this.change(() => this.api.createGridWorker({ input: { name: this.worker.name, gridId: this.worker.gridId || this.grids[0]?.id || '' } }), a.created(this.worker.name)))}>
          <h3 id="lm-p-worker">${a.createWorker}</h3>
          <div class="field"><label for="lm-p-wn">${a.displayName}</label><input id="lm-p-wn" .value=${this.worker.name} @input=${(e: Event) => (this.worker = { ...this.worker, name: valueOf(e) })} /></div>
          <div class="field">
            <label for="lm-p-wg">${a.grids}</label>
            <select id="lm-p-wg" @change=${(e: Event) => (this.worker = { ...this.worker, gridId: valueOf(e) })}>${this.gridOptions(this.worker.gridId)}</select>
          </div>
          <button class="primary" type="submit" ?disabled=${this.busy}>${a.create}</button>
        </form>
      </div>
      ${this.renderStatus()}
      <div class="scroll">
        <table>
          <caption>${a.cadres}</caption>
          <thead><tr><th scope="col">${a.displayName}</th><th scope="col">${a.unitName}</th><th scope="col">${a.grids}</th><th scope="col">${a.assignTo}</th></tr></thead>
          <tbody>
            ${this.cadres.map(
              (c) => html`<tr>
                <th scope="row">${c.name}<br /><span class="muted">${a.cadreLevel_[c.level]}</span></th>
                <td>${c.unit}</td>
                <td class="actions">
                  ${c.grids.map((g) => html`<button type="button" ?disabled=${this.busy} @click=${() => this.change(() => this.api.unassignCadre({ cadreId: c.id, gridId: g.id }), a.saved)}>${a.unassign(g.name)}</button>`)}
                </td>
                <td>
                  <label class="sr-only" for="lm-p-a-${c.id}">${a.assignTo}: ${c.name}</label>
                  <select id="lm-p-a-${c.id}" @change=${(e: Event) => (this.assignGrid = { ...this.assignGrid, [c.id]: valueOf(e) })}>${this.gridOptions(this.assignGrid[c.id] ?? '')}</select>
                  <button type="button" ?disabled=${this.busy} @click=${() => this.change(() => this.api.assignCadre({ cadreId: c.id, gridId: this.assignGrid[c.id] || this.grids[0]?.id || '' }), a.saved)}>${a.assign}</button>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

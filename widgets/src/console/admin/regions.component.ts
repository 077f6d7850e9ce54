import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { GridKind, RegionLevel } from '@lastmeter/sdk';
import { AdminSection, adminStyles, valueOf } from '../../internal/admin-section';
import { gridsOf, regionTree, type TreeRegion } from '../../internal/admin-api';
import { boundaryMap } from '../../internal/boundary-map';

/** The level a new region under one of each level has (grids belong to communities). */
const BELOW: Record<string, RegionLevel | undefined> = { CITY: 'COUNTY', COUNTY: 'TOWNSHIP', TOWNSHIP: 'COMMUNITY' };

/**
 * Regions and grids: the region tree (city down to community), and for the
 * chosen region its grids with workers and cadres, their boundaries drawn on an
 * inline map, optionally over map tiles from a configured URL template.
 *
 * @summary The region tree, grids and their boundaries.
 * @tag lm-admin-regions
 *
 * @csspart base - The section's content.
 */
export class LmAdminRegions extends AdminSection {
  static override styles = [
    adminStyles,
    css`
      .split {
        display: grid;
        gap: var(--_space);
      }
      @media (min-width: 960px) {
        .split {
          grid-template-columns: minmax(14rem, 1fr) 3fr;
        }
      }
      .tree ul {
        list-style: none;
        margin: 0;
        padding-inline-start: 1rem;
      }
      .tree > ul {
        padding: 0;
      }
      .tree button {
        width: 100%;
        text-align: start;
        border-color: transparent;
      }
      .tree button[aria-current='true'] {
        border-color: var(--_primary);
        font-weight: 600;
      }
      svg {
        width: 100%;
        max-height: 26rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface-alt);
      }
    `,
  ];

  @state() private tree: TreeRegion[] = [];
  @state() private selected: TreeRegion | null = null;
  /**
   * A {z}/{x}/{y} tile URL template (e.g. 天地图) drawn under the boundaries; by default the page's
   * `<meta name="lastmeter-map-tiles">` (set by the server's MAP_TILE_URL), else outlines only.
   */
  @property({ attribute: 'map-tiles' }) mapTiles = '';

  private get tiles(): string {
    return this.mapTiles || document.querySelector<HTMLMetaElement>('meta[name="lastmeter-map-tiles"]')?.content || '';
  }

  @state() private draft = { name: '', code: '', kind: 'URBAN_COMMUNITY' as GridKind };

  async load(): Promise<void> {
    this.tree = await regionTree(this.resolvedEndpoint);
    const find = (list: TreeRegion[]): TreeRegion | undefined => list.map((r) => (r.id === this.selected?.id ? r : find(r.children ?? []))).find(Boolean);
    this.selected = find(this.tree) ?? this.tree[0] ?? null;
  }

  /** A region under the chosen one, or (in a community) a grid; boundaries come with the GeoJSON import. */
  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const region = this.selected;
    if (!region) return;
    const { name, code, kind } = this.draft;
    const below = BELOW[region.level];
    const made = await this.attempt<{ name: string }>(() =>
      below
        ? this.api.createRegion({ input: { name: name.trim(), code: code.trim() || null, level: below, parentId: region.id } })
        : this.api.createGrid({ input: { name: name.trim(), code: code.trim(), kind, regionId: region.id } }),
    );
    if (made) {
      this.say(this.a.created(made.name));
      this.draft = { ...this.draft, name: '', code: '' };
      await this.attempt(() => this.load());
    }
  }

  private renderCreate(region: TreeRegion) {
    const a = this.a;
    const below = BELOW[region.level];
    return html`<form class="card" aria-labelledby="lm-r-new" @submit=${this.create}>
      <h3 id="lm-r-new">${below ? a.newRegion(a.regionLevel_[below]) : a.newGrid}</h3>
      <div class="grid2">
        <div class="field"><label for="lm-r-name">${a.name}</label><input id="lm-r-name" .value=${this.draft.name} @input=${(e: Event) => (this.draft = { ...this.draft, name: valueOf(e) })} /></div>
        <div class="field"><label for="lm-r-code">${a.code}</label><input id="lm-r-code" .value=${this.draft.code} @input=${(e: Event) => (this.draft = { ...this.draft, code: valueOf(e) })} /></div>
        ${below
          ? nothing
          : html`<div class="field">
              <label for="lm-r-kind">${a.kind}</label>
              <select id="lm-r-kind" @change=${(e: Event) => (this.draft = { ...this.draft, kind: valueOf(e) as GridKind })}>
                ${(['URBAN_COMMUNITY', 'RURAL'] as const).map((k) => html`<option value=${k} ?selected=${k === this.draft.kind}>${a.gridKind_[k]}</option>`)}
              </select>
            </div>`}
      </div>
      <button class="primary" type="submit" ?disabled=${this.busy}>${a.create}</button>
    </form>`;
  }

  private renderTree(list: TreeRegion[]): unknown {
    return html`<ul>
      ${list.map(
        (r) => html`<li>
          <button type="button" aria-current=${r.id === this.selected?.id ? 'true' : 'false'} @click=${() => (this.selected = r)}>
            ${r.name} <span class="muted">${this.a.regionLevel_[r.level as keyof typeof this.a.regionLevel_] ?? r.level}</span>
          </button>
          ${r.children?.length ? this.renderTree(r.children) : nothing}
        </li>`,
      )}
    </ul>`;
  }

  protected renderSection() {
    const a = this.a;
    const region = this.selected;
    const grids = region ? gridsOf([region]) : [];
    const map = boundaryMap(grids.map((g) => ({ name: g.name, points: g.boundary ?? [] })), this.tiles);
    return html`${this.renderStatus()}
      <div class="split">
        <nav class="tree" aria-label=${a.section.regions}>${this.renderTree(this.tree)}</nav>
        <div>
          ${region
            ? html`<h3>${region.name}${region.code ? html` <span class="muted code">${region.code}</span>` : nothing}</h3>
                ${map
                  ? html`<svg role="img" aria-label=${a.mapOf(region.name)} viewBox=${map.viewBox} preserveAspectRatio="xMidYMid meet">${map.content}</svg>`
                  : html`<p class="muted">${a.noBoundary}</p>`}
                <div class="scroll">
                  <table>
                    <caption>${a.grids} (${grids.length})</caption>
                    <thead><tr><th scope="col">${a.code}</th><th scope="col">${a.name}</th><th scope="col">${a.kind}</th><th scope="col">${a.workers}</th><th scope="col">${a.cadres}</th></tr></thead>
                    <tbody>
                      ${grids.map(
                        (g) => html`<tr>
                          <td class="code">${g.code}</td>
                          <td>${g.name}<br /><span class="muted">${g.regionName}</span></td>
                          <td>${a.gridKind_[g.kind as keyof typeof a.gridKind_] ?? g.kind}</td>
                          <td>${g.workers.map((w) => w.name).join('、')}</td>
                          <td>${g.cadres.map((c) => c.name).join('、')}</td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
            : html`<p class="muted">${a.chooseRegion}</p>`}
          ${region ? this.renderCreate(region) : nothing}
          <p class="hint">${this.tiles ? a.tilesOn : a.tilesOff}</p>
        </div>
      </div>`;
  }
}

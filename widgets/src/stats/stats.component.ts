import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { StatsView } from '../internal/client';
import { formatCount, formatPercent } from '../internal/format';
import { LastmeterElement } from '../internal/lastmeter-element';
import { themeStyles } from '../internal/theme';
import { statsStyles } from './stats.styles';

/**
 * The public "every case gets a response" board: total cases, resolution rate,
 * on-time rate and satisfaction rate for a region (its whole subtree) or a grid.
 * Without either it shows everything the API serves. Figures refresh on a timer.
 *
 * @summary Public statistics of a region or grid.
 * @tag lm-stats
 *
 * @event lm-error - Loading failed. `detail.code`, `detail.message`.
 *
 * @csspart base - The card around everything.
 * @csspart figures - The list of figures.
 * @csspart figure - One figure (value and label).
 * @csspart value - The number of a figure.
 * @csspart error - The inline error message.
 *
 * @cssproperty --lm-color-primary - Colour of the figures.
 */
export class LmStats extends LastmeterElement {
  static override styles = [themeStyles, statsStyles];

  /** Region id: figures for its whole subtree. */
  @property() region = '';

  /** Grid id: figures for one grid. */
  @property() grid = '';

  /** Seconds between refreshes; 0 turns refreshing off. */
  @property({ attribute: 'refresh-interval', type: Number }) refreshInterval = 60;

  @state() private stats: StatsView | null = null;
  @state() private error = '';

  private timer?: ReturnType<typeof setInterval>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.schedule();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (['region', 'grid', 'endpoint', 'portalKey', 'refreshInterval'].some((name) => changed.has(name as keyof LmStats))) this.schedule();
  }

  private schedule(): void {
    clearInterval(this.timer);
    void this.load();
    if (this.refreshInterval > 0) this.timer = setInterval(() => void this.load(), this.refreshInterval * 1000);
  }

  private async load(): Promise<void> {
    try {
      this.stats = await this.client.issueStats({ ...(this.region ? { regionId: this.region } : {}), ...(this.grid ? { gridId: this.grid } : {}) });
      this.error = '';
    } catch (error) {
      this.error = this.reportError(error);
    }
  }

  protected override render() {
    const t = this.t;
    const s = this.stats;
    const figure = (label: string, value: string | null, note?: string) =>
      html`<div class="figure" part="figure">
        <dt>${label}</dt>
        <dd part="value">${value ?? html`<span class="none">${note ?? '—'}</span>`}</dd>
      </div>`;
    return html`<section class="card" part="base" aria-labelledby="title" aria-busy=${s ? 'false' : 'true'}>
      <h2 id="title">${t.statsTitle}</h2>
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
      ${s
        ? html`<dl class="figures" part="figures">
            ${figure(t.total, formatCount(s.total, this.locale))} ${figure(t.resolutionRate, formatPercent(s.resolutionRate, this.locale))}
            ${figure(t.onTimeRate, formatPercent(s.onTimeRate, this.locale))}
            ${figure(t.satisfactionRate, formatPercent(s.satisfactionRate, this.locale), t.noFollowUps)}
            ${figure(t.open, formatCount(s.open, this.locale))} ${figure(t.overdueCount, formatCount(s.overdue, this.locale))}
          </dl>`
        : !this.error
          ? html`<p class="hint">${t.loading}</p>`
          : nothing}
    </section>`;
  }
}

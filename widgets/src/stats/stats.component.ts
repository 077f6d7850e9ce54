import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { errorCodeOf, type StatsView } from '../internal/client';
import { formatCount, formatPercent } from '../internal/format';
import { LastmeterElement } from '../internal/lastmeter-element';
import { themeStyles } from '../internal/theme';
import { statsStyles } from './stats.styles';

/**
 * The public "every case gets a response" board: total cases, resolution rate,
 * on-time rate and satisfaction rate for a region (its whole subtree) or a grid.
 * Without either it shows everything the API serves. Figures refresh on a timer.
 * An unknown `region` or `grid` is a setup mistake: the console names the
 * attribute with the server's reason, and the board stops refreshing.
 *
 * @summary Public statistics of a region or grid.
 * @tag lm-stats
 *
 * @event {CustomEvent<{ code: string; message: string; reason?: string; attribute?: string }>} lm-error - Loading failed. `code`: the API error code (`NOT_FOUND` for an unknown id) or `NETWORK_ERROR`; `reason`: the server's own words; `attribute`: `region` or `grid` when that id is wrong.
 *
 * @csspart base - The card around everything.
 * @csspart figures - The list of figures.
 * @csspart figure - One figure (value and label).
 * @csspart value - The number of a figure.
 * @csspart error - The inline error message.
 *
 * @cssproperty [--lm-font-family=system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif] - Font family.
 * @cssproperty [--lm-font-size=1rem] - Base font size.
 * @cssproperty [--lm-radius=6px] - Corner radius.
 * @cssproperty [--lm-spacing=0.75rem] - Base spacing.
 * @cssproperty [--lm-color-primary=#1d4f91] - Colour of the figures.
 * @cssproperty [--lm-color-primary-dark=#9cc2ff] - The same in the dark scheme.
 * @cssproperty [--lm-color-surface=#ffffff] - Background.
 * @cssproperty [--lm-color-surface-dark=#1b1d21] - The same in the dark scheme.
 * @cssproperty [--lm-color-surface-alt=#f3f5f8] - Background of each figure.
 * @cssproperty [--lm-color-surface-alt-dark=#262a30] - The same in the dark scheme.
 * @cssproperty [--lm-color-text=#1f2328] - Text colour.
 * @cssproperty [--lm-color-text-dark=#e6e8eb] - The same in the dark scheme.
 * @cssproperty [--lm-color-muted=#525a63] - Labels of the figures.
 * @cssproperty [--lm-color-muted-dark=#a9b1bb] - The same in the dark scheme.
 * @cssproperty [--lm-color-border=#8c959f] - Card border.
 * @cssproperty [--lm-color-border-dark=#6e7781] - The same in the dark scheme.
 * @cssproperty [--lm-color-danger=#b42318] - Error messages.
 * @cssproperty [--lm-color-danger-dark=#ff9b8f] - The same in the dark scheme.
 */
export class LmStats extends LastmeterElement {
  static override styles = [themeStyles, statsStyles];

  /** Region id: figures for its whole subtree. Find ids with the public `regions` query: `{ regions { id name children { id name } } }`. */
  @property() region = '';

  /** Grid id: figures for one grid. */
  @property() grid = '';

  /** Seconds between refreshes; 0 turns refreshing off. */
  @property({ attribute: 'refresh-interval', type: Number }) refreshInterval = 60;

  private timer?: ReturnType<typeof setInterval>;
  /** The message for the reader when loading failed. */
  private errorMessage = '';
  /** The figures last loaded for this scope: they stay while a refresh runs or after a passing failure. */
  private shown?: StatsView;

  /** The figures: loaded when the scope changes, and again on each tick of the refresh timer. */
  private readonly figures = new Task(this, {
    task: async ([region, grid]: readonly [string, string, string, string]): Promise<StatsView> => {
      try {
        const stats = await this.client.issueStats({ ...(region ? { regionId: region } : {}), ...(grid ? { gridId: grid } : {}) });
        this.errorMessage = '';
        return stats;
      } catch (error) {
        const explained = await this.explain(error);
        const code = errorCodeOf(explained);
        // An unknown id will not get better by asking again: name the attribute, stop the timer.
        const attribute = code === 'NOT_FOUND' || code === 'BAD_USER_INPUT' ? (grid ? 'grid' : 'region') : undefined;
        if (attribute || code === 'FORBIDDEN') clearInterval(this.timer);
        this.errorMessage = this.reportError(explained, {}, attribute);
        throw explained;
      }
    },
    args: () => [this.region, this.grid, this.endpoint, this.portalKey] as const,
    onComplete: (stats) => {
      this.shown = stats;
    },
  });

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
    if (['region', 'grid', 'endpoint', 'portalKey'].some((name) => changed.has(name as keyof LmStats))) this.shown = undefined;
    if (['region', 'grid', 'endpoint', 'portalKey', 'refreshInterval'].some((name) => changed.has(name as keyof LmStats))) this.schedule();
  }

  private schedule(): void {
    clearInterval(this.timer);
    if (this.refreshInterval > 0) this.timer = setInterval(() => void this.figures.run(), this.refreshInterval * 1000);
  }

  protected override render() {
    const t = this.t;
    const s = this.shown;
    const failed = !!this.figures.error;
    const figure = (label: string, value: string | null, note?: string) =>
      html`<div class="figure" part="figure">
        <dt>${label}</dt>
        <dd part="value">${value ?? html`<span class="none">${note ?? '—'}</span>`}</dd>
      </div>`;
    return html`<section class="card" part="base" aria-labelledby="title" aria-busy=${s || failed ? 'false' : 'true'}>
      <h2 id="title">${t.statsTitle}</h2>
      ${failed ? html`<p class="error" part="error" role="alert">${this.errorMessage}</p>` : nothing}
      ${s
        ? html`<dl class="figures" part="figures">
            ${figure(t.total, formatCount(s.total, this.locale))} ${figure(t.resolutionRate, formatPercent(s.resolutionRate, this.locale))}
            ${figure(t.onTimeRate, formatPercent(s.onTimeRate, this.locale))}
            ${figure(t.satisfactionRate, formatPercent(s.satisfactionRate, this.locale), t.noFollowUps)}
            ${figure(t.open, formatCount(s.open, this.locale))} ${figure(t.overdueCount, formatCount(s.overdue, this.locale))}
          </dl>`
        : !failed
          ? html`<p class="hint">${t.loading}</p>`
          : nothing}
    </section>`;
  }
}

/** Registers `<lm-stats>` (once, however often the bundle is loaded). */
import { defineOnce } from '../internal/define';
import { LmStats } from './stats.component';

export { LmStats };
defineOnce('lm-stats', LmStats);

declare global {
  interface HTMLElementTagNameMap {
    'lm-stats': LmStats;
  }
}

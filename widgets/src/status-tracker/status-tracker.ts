/** Registers `<lm-status-tracker>` (once, however often the bundle is loaded). */
import { defineOnce } from '../internal/define';
import { LmStatusTracker } from './status-tracker.component';

export { LmStatusTracker };
defineOnce('lm-status-tracker', LmStatusTracker);

declare global {
  interface HTMLElementTagNameMap {
    'lm-status-tracker': LmStatusTracker;
  }
}

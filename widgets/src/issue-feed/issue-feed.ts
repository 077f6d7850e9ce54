/** Registers `<lm-issue-feed>` (once, however often the bundle is loaded). */
import { defineOnce } from '../internal/define';
import { LmIssueFeed } from './issue-feed.component';

export { LmIssueFeed };
defineOnce('lm-issue-feed', LmIssueFeed);

declare global {
  interface HTMLElementTagNameMap {
    'lm-issue-feed': LmIssueFeed;
  }
}

/**
 * The Lastmeter widgets bundle: importing it registers `<lm-report-form>`,
 * `<lm-status-tracker>`, `<lm-issue-feed>` and `<lm-stats>` (each only once).
 */
export { LmReportForm } from './report-form/report-form';
export { LmStatusTracker } from './status-tracker/status-tracker';
export { LmIssueFeed } from './issue-feed/issue-feed';
export { LmStats } from './stats/stats';
export type { LastmeterEventMap } from './internal/events';

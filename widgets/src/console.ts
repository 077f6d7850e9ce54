/**
 * The staff console bundle (`/widgets/lastmeter-console.js`): importing it
 * registers `<lm-workbench>`, `<lm-sign-in>`, `<lm-duty-list>`,
 * `<lm-issue-detail>` and `<lm-visit-log>` (each only once). Loaded only by
 * staff pages: the residents' bundle does not carry any of it.
 */
import { defineOnce } from './internal/define';
import { LmDutyList } from './console/duty-list.component';
import { LmIssueDetail } from './console/issue-detail.component';
import { LmSignIn } from './console/sign-in.component';
import { LmVisitLog } from './console/visit-log.component';
import { LmWorkbench } from './console/workbench.component';

export { LmDutyList, LmIssueDetail, LmSignIn, LmVisitLog, LmWorkbench };

defineOnce('lm-sign-in', LmSignIn);
defineOnce('lm-duty-list', LmDutyList);
defineOnce('lm-issue-detail', LmIssueDetail);
defineOnce('lm-visit-log', LmVisitLog);
defineOnce('lm-workbench', LmWorkbench);

declare global {
  interface HTMLElementTagNameMap {
    'lm-sign-in': LmSignIn;
    'lm-duty-list': LmDutyList;
    'lm-issue-detail': LmIssueDetail;
    'lm-visit-log': LmVisitLog;
    'lm-workbench': LmWorkbench;
  }
}

/**
 * The staff console bundle (`/widgets/lastmeter-console.js`): importing it
 * registers `<lm-workbench>`, `<lm-sign-in>`, `<lm-duty-list>`,
 * `<lm-issue-detail>`, `<lm-visit-log>` and the administration area `<lm-admin>`
 * with its sections (each only once). Loaded only by
 * staff pages: the residents' bundle does not carry any of it.
 */
import { defineOnce } from './internal/define';
import { LmDutyList } from './console/duty-list.component';
import { LmIssueDetail } from './console/issue-detail.component';
import { LmSignIn } from './console/sign-in.component';
import { LmVisitLog } from './console/visit-log.component';
import { LmWorkbench } from './console/workbench.component';
import { LmAdmin } from './console/admin.component';
import { LmAdminAudit } from './console/admin/audit.component';
import { LmAdminCalendar } from './console/admin/calendar.component';
import { LmAdminCategories } from './console/admin/categories.component';
import { LmAdminImport } from './console/admin/import.component';
import { LmAdminPeople } from './console/admin/people.component';
import { LmAdminPortalKeys } from './console/admin/portal-keys.component';
import { LmAdminRegions } from './console/admin/regions.component';
import { LmAdminUsers } from './console/admin/users.component';

export { LmDutyList, LmIssueDetail, LmSignIn, LmVisitLog, LmWorkbench };
export { LmAdmin, LmAdminAudit, LmAdminCalendar, LmAdminCategories, LmAdminImport, LmAdminPeople, LmAdminPortalKeys, LmAdminRegions, LmAdminUsers };

defineOnce('lm-sign-in', LmSignIn);
defineOnce('lm-duty-list', LmDutyList);
defineOnce('lm-issue-detail', LmIssueDetail);
defineOnce('lm-visit-log', LmVisitLog);
defineOnce('lm-workbench', LmWorkbench);
// The administration area (issue 18): shown by the workbench to ADMIN only.
defineOnce('lm-admin', LmAdmin);
defineOnce('lm-admin-import', LmAdminImport);
defineOnce('lm-admin-users', LmAdminUsers);
defineOnce('lm-admin-audit', LmAdminAudit);
defineOnce('lm-admin-categories', LmAdminCategories);
defineOnce('lm-admin-calendar', LmAdminCalendar);
defineOnce('lm-admin-portal-keys', LmAdminPortalKeys);
defineOnce('lm-admin-regions', LmAdminRegions);
defineOnce('lm-admin-people', LmAdminPeople);

declare global {
  interface HTMLElementTagNameMap {
    'lm-sign-in': LmSignIn;
    'lm-duty-list': LmDutyList;
    'lm-issue-detail': LmIssueDetail;
    'lm-visit-log': LmVisitLog;
    'lm-workbench': LmWorkbench;
    'lm-admin': LmAdmin;
    'lm-admin-import': LmAdminImport;
    'lm-admin-users': LmAdminUsers;
    'lm-admin-audit': LmAdminAudit;
    'lm-admin-categories': LmAdminCategories;
    'lm-admin-calendar': LmAdminCalendar;
    'lm-admin-portal-keys': LmAdminPortalKeys;
    'lm-admin-regions': LmAdminRegions;
    'lm-admin-people': LmAdminPeople;
  }
}

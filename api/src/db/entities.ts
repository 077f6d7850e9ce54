/** Every entity the ORM knows, in one list (no folder scanning at start-up). */
import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { Cadre, CadreAssignment } from '../modules/cadres/cadre.entity';
import { Category } from '../modules/categories/category.entity';
import { Grid } from '../modules/grids/grid.entity';
import { GridWorker } from '../modules/grids/grid-worker.entity';
import { Issue } from '../modules/issues/issue.entity';
import { IssueAssignment } from '../modules/performance/issue-assignment.entity';
import { PerformanceCadreDay, PerformanceRegionDay } from '../modules/performance/performance-rollup.entity';
import { WorkCalendarDay } from '../modules/categories/work-calendar.entity';
import { IssueExtension } from '../modules/issues/issue-extension.entity';
import { IssueEvent } from '../modules/issues/issue-event.entity';
import { OutboxRow, SmsMessageRow, WebhookDeliveryRow, WebhookRow } from '../modules/outbound/outbound.entity';
import { IssuePhoto, Photo } from '../modules/photos/photo.entity';
import { PortalKey } from '../modules/portals/portal-key.entity';
import { Region } from '../modules/regions/region.entity';
import { IssueOverdueRollup } from '../modules/stats/issue-overdue-rollup.entity';
import { IssueStatsRollup } from '../modules/stats/issue-stats-rollup.entity';
import { User } from '../modules/auth/user.entity';
import { Visit } from '../modules/visits/visit.entity';

export const entities = [Region, Grid, Cadre, CadreAssignment, GridWorker, User, Category, Issue, IssueEvent, IssueExtension, Photo, IssuePhoto, Visit, PortalKey,
  IssueStatsRollup, IssueOverdueRollup, AuditEntry, WorkCalendarDay, IssueAssignment, PerformanceCadreDay, PerformanceRegionDay, OutboxRow, WebhookRow, WebhookDeliveryRow, SmsMessageRow];

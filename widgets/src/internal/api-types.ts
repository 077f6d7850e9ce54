/**
 * The contract's enums the widgets switch on, as the SDK generates them
 * (string unions), so the i18n tables stay exhaustive when the schema grows.
 */
import type { IssueStatus } from '@lastmeter/sdk';

export type { IssueEventType, IssueStatus, RegionLevel } from '@lastmeter/sdk';

/** The path of an issue through the closed loop, as the tracker shows it. */
export const STATUS_STEPS: readonly IssueStatus[] = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED'];

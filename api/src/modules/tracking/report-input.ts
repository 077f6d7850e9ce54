/**
 * Checks a ReportIssueInput before anything touches the database: lengths,
 * the phone number, the location. Each failure is BAD_USER_INPUT naming the
 * field, in words a portal developer can act on.
 */
import { IssueChannel } from '../../domain/enums';
import { isBlank, optionalText, requireLatitude, requireLongitude, requireText } from '../../domain/validate';
import { badInput } from '../../errors';
import type { ReportIssueInput } from '../issues/issue.type';

export const DESCRIPTION_MAX = 2000;
export const TITLE_MAX = 100;
/** A default title is the start of the description, this long at most. */
export const DEFAULT_TITLE_LENGTH = 30;
const NAME_MAX = 50;
const ADDRESS_MAX = 200;
const KEY_MAX = 200;
const CODE_MAX = 50;

/** A report as the service stores it. Anonymous reports carry neither name nor phone. */
export interface ParsedReport {
  categoryCode: string;
  description: string;
  title: string;
  gridId: string | null;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  channel: IssueChannel;
  anonymous: boolean;
  reporterName: string | null;
  reporterPhone: string | null;
  /** The reporter agreed to short messages at reporterPhone (never true without one). */
  notify: boolean;
  idempotencyKey: string;
}

const MOBILE = /^1[3-9]\d{9}$/;

/** A mainland China mobile number as 11 digits (spaces, dashes and a +86 prefix are allowed in the input). */
export function normaliseMobile(raw: string, field = 'input.reporterPhone'): string {
  const compact = raw.replace(/[\s\-()]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  if (!MOBILE.test(compact)) {
    throw badInput(`${field} must be a mainland mobile number: 11 digits starting with 13 to 19, e.g. 13812345678.`, field);
  }
  return compact;
}

/** The start of the description, on one line, for when no title is given. */
export function defaultTitle(description: string): string {
  const line = description.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length <= DEFAULT_TITLE_LENGTH ? line : `${chars.slice(0, DEFAULT_TITLE_LENGTH).join('')}…`;
}

export function parseReportInput(input: ReportIssueInput): ParsedReport {
  const idempotencyKey = requireText(input.idempotencyKey, 'input.idempotencyKey', KEY_MAX);
  const categoryCode = requireText(input.categoryCode, 'input.categoryCode', CODE_MAX);
  const description = requireText(input.description, 'input.description', DESCRIPTION_MAX);
  let title: string;
  if (input.title === null || input.title === undefined) {
    title = defaultTitle(description);
  } else {
    if (isBlank(input.title)) throw badInput('input.title must not be empty: leave it out to use the start of the description.', 'input.title');
    title = requireText(input.title, 'input.title', TITLE_MAX);
  }

  const location = input.location ?? null;
  const hasLat = location?.latitude !== null && location?.latitude !== undefined;
  const hasLng = location?.longitude !== null && location?.longitude !== undefined;
  if (hasLat !== hasLng) throw badInput('input.location needs both latitude and longitude, or neither.', 'input.location');
  const latitude = hasLat ? requireLatitude(location!.latitude!, 'input.location.latitude') : null;
  const longitude = hasLng ? requireLongitude(location!.longitude!, 'input.location.longitude') : null;
  const address = optionalText(location?.address, 'input.location.address', ADDRESS_MAX);
  const gridId = input.gridId === null || input.gridId === undefined || input.gridId === '' ? null : input.gridId;
  if (!gridId && latitude === null) {
    throw badInput('Say where the problem is: give input.gridId, or input.location with latitude and longitude inside a grid.', 'input.gridId');
  }

  const anonymous = input.anonymous === true;
  // Anonymous reports keep neither name nor phone, so there is nothing to check.
  const reporterName = anonymous ? null : optionalText(input.reporterName, 'input.reporterName', NAME_MAX);
  const rawPhone = anonymous ? null : optionalText(input.reporterPhone, 'input.reporterPhone', 30);
  const reporterPhone = rawPhone === null ? null : normaliseMobile(rawPhone);
  const notify = input.notify === true;
  if (notify && reporterPhone === null) {
    throw badInput('input.notify needs input.reporterPhone (and a report that is not anonymous): messages go to that number.', 'input.notify');
  }

  return {
    categoryCode,
    description,
    title,
    gridId,
    latitude,
    longitude,
    address,
    channel: input.channel ?? IssueChannel.WIDGET,
    anonymous,
    reporterName,
    reporterPhone,
    notify,
    idempotencyKey,
  };
}

/**
 * The categories residents report under, from the article's own list, with
 * their time limits: until accepted (response) and until resolved. Emergencies
 * and safety hazards run in calendar hours; most problems in working time
 * (the work calendar: Monday–Friday, holidays and make-up days, WORKING_HOURS).
 */
import { TimeUnit } from '../../domain/enums';

export interface TimeLimitSeed {
  amount: number;
  unit: TimeUnit;
}

export interface CategorySeed {
  code: string;
  name: string;
  nameEn: string;
  group: string;
  /** Nominal hours of the limits below (Category.responseHours, resolveHours): a working day counts as 24. */
  responseHours: number;
  resolveHours: number;
  responseLimit: TimeLimitSeed;
  resolveLimit: TimeLimitSeed;
}

/** The hours a limit nominally spans (what responseHours/resolveHours report). */
export function nominalHours(limit: TimeLimitSeed): number {
  return limit.unit === TimeUnit.WORKING_DAYS ? limit.amount * 24 : limit.amount;
}

const hours = (amount: number): TimeLimitSeed => ({ amount, unit: TimeUnit.HOURS });
const workingHours = (amount: number): TimeLimitSeed => ({ amount, unit: TimeUnit.WORKING_HOURS });
const workingDays = (amount: number): TimeLimitSeed => ({ amount, unit: TimeUnit.WORKING_DAYS });

const category = (code: string, name: string, nameEn: string, group: string, responseLimit: TimeLimitSeed, resolveLimit: TimeLimitSeed): CategorySeed => ({
  code,
  name,
  nameEn,
  group,
  responseHours: nominalHours(responseLimit),
  resolveHours: nominalHours(resolveLimit),
  responseLimit,
  resolveLimit,
});

export const CATEGORY_GROUPS = {
  property: '物业管理 / Property',
  social: '社会治理 / Social governance',
  environment: '人居环境 / Living environment',
  livelihood: '民生服务 / Livelihood',
  risk: '风险隐患 / Risks and hazards',
  other: '其他 / Other',
} as const;

export const CATEGORIES: CategorySeed[] = [
  category('PROPERTY_SERVICE', '物业服务', 'Property services', CATEGORY_GROUPS.property, workingHours(8), workingDays(5)),
  category('DOG_KEEPING', '不文明养犬', 'Uncivilised dog keeping', CATEGORY_GROUPS.social, workingHours(8), workingDays(3)),
  category('ILLEGAL_FLYERS', '小广告乱张贴', 'Illegal flyers', CATEGORY_GROUPS.environment, workingHours(8), workingDays(2)),
  category('DISORDERLY_PARKING', '车辆乱停乱放', 'Disorderly parking', CATEGORY_GROUPS.social, workingHours(4), workingDays(2)),
  category('STREET_VENDING', '占道经营', 'Street vending / road occupation', CATEGORY_GROUPS.social, workingHours(4), workingDays(2)),
  category('GARBAGE', '垃圾清理不及时', 'Garbage not cleared', CATEGORY_GROUPS.environment, workingHours(4), workingDays(1)),
  category('RURAL_ROAD', '农村道路损毁', 'Damaged rural road', CATEGORY_GROUPS.environment, workingDays(1), workingDays(10)),
  category('UTILITIES', '水电气暖', 'Water, power, gas, heating', CATEGORY_GROUPS.livelihood, hours(4), hours(24)),
  category('EMPLOYMENT', '就业', 'Employment', CATEGORY_GROUPS.livelihood, workingDays(2), workingDays(10)),
  category('MEDICAL_CARE', '就医', 'Medical care', CATEGORY_GROUPS.livelihood, hours(12), hours(72)),
  category('FAMILY_HARDSHIP', '困难群众生产生活', 'Hardship of families in difficulty', CATEGORY_GROUPS.livelihood, workingDays(1), workingDays(7)),
  category('BENEFITS', '惠民政策/补贴申领', 'Benefits and subsidies', CATEGORY_GROUPS.livelihood, workingDays(2), workingDays(10)),
  category('ILLEGAL_CONSTRUCTION', '私搭乱建', 'Illegal construction', CATEGORY_GROUPS.environment, workingDays(1), workingDays(15)),
  category('PUBLIC_FACILITY', '公共设施安全', 'Public facility safety', CATEGORY_GROUPS.risk, hours(4), hours(48)),
  category('DISPUTE', '矛盾纠纷', 'Disputes to mediate', CATEGORY_GROUPS.risk, workingHours(8), workingDays(7)),
  category('OTHER', '其他', 'Other', CATEGORY_GROUPS.other, workingDays(2), workingDays(10)),
];

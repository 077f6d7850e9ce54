/**
 * The categories residents report under, from the article's own list, with
 * their deadlines: hours until accepted, hours until resolved.
 */
export interface CategorySeed {
  code: string;
  name: string;
  nameEn: string;
  group: string;
  responseHours: number;
  resolveHours: number;
}

export const CATEGORY_GROUPS = {
  property: '物业管理 / Property',
  social: '社会治理 / Social governance',
  environment: '人居环境 / Living environment',
  livelihood: '民生服务 / Livelihood',
  risk: '风险隐患 / Risks and hazards',
  other: '其他 / Other',
} as const;

export const CATEGORIES: CategorySeed[] = [
  { code: 'PROPERTY_SERVICE', name: '物业服务', nameEn: 'Property services', group: CATEGORY_GROUPS.property, responseHours: 24, resolveHours: 120 },
  { code: 'DOG_KEEPING', name: '不文明养犬', nameEn: 'Uncivilised dog keeping', group: CATEGORY_GROUPS.social, responseHours: 24, resolveHours: 72 },
  { code: 'ILLEGAL_FLYERS', name: '小广告乱张贴', nameEn: 'Illegal flyers', group: CATEGORY_GROUPS.environment, responseHours: 24, resolveHours: 48 },
  { code: 'DISORDERLY_PARKING', name: '车辆乱停乱放', nameEn: 'Disorderly parking', group: CATEGORY_GROUPS.social, responseHours: 12, resolveHours: 48 },
  { code: 'STREET_VENDING', name: '占道经营', nameEn: 'Street vending / road occupation', group: CATEGORY_GROUPS.social, responseHours: 12, resolveHours: 48 },
  { code: 'GARBAGE', name: '垃圾清理不及时', nameEn: 'Garbage not cleared', group: CATEGORY_GROUPS.environment, responseHours: 12, resolveHours: 24 },
  { code: 'RURAL_ROAD', name: '农村道路损毁', nameEn: 'Damaged rural road', group: CATEGORY_GROUPS.environment, responseHours: 24, resolveHours: 240 },
  { code: 'UTILITIES', name: '水电气暖', nameEn: 'Water, power, gas, heating', group: CATEGORY_GROUPS.livelihood, responseHours: 4, resolveHours: 24 },
  { code: 'EMPLOYMENT', name: '就业', nameEn: 'Employment', group: CATEGORY_GROUPS.livelihood, responseHours: 48, resolveHours: 240 },
  { code: 'MEDICAL_CARE', name: '就医', nameEn: 'Medical care', group: CATEGORY_GROUPS.livelihood, responseHours: 12, resolveHours: 72 },
  { code: 'FAMILY_HARDSHIP', name: '困难群众生产生活', nameEn: 'Hardship of families in difficulty', group: CATEGORY_GROUPS.livelihood, responseHours: 24, resolveHours: 168 },
  { code: 'BENEFITS', name: '惠民政策/补贴申领', nameEn: 'Benefits and subsidies', group: CATEGORY_GROUPS.livelihood, responseHours: 48, resolveHours: 240 },
  { code: 'ILLEGAL_CONSTRUCTION', name: '私搭乱建', nameEn: 'Illegal construction', group: CATEGORY_GROUPS.environment, responseHours: 24, resolveHours: 360 },
  { code: 'PUBLIC_FACILITY', name: '公共设施安全', nameEn: 'Public facility safety', group: CATEGORY_GROUPS.risk, responseHours: 4, resolveHours: 48 },
  { code: 'DISPUTE', name: '矛盾纠纷', nameEn: 'Disputes to mediate', group: CATEGORY_GROUPS.risk, responseHours: 12, resolveHours: 168 },
  { code: 'OTHER', name: '其他', nameEn: 'Other', group: CATEGORY_GROUPS.other, responseHours: 48, resolveHours: 240 },
];

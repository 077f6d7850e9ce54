import { Migration } from '@mikro-orm/migrations';

/**
 * The category catalogue now speaks Simplified Chinese (zh-CN). New databases get
 * the Simplified names from the catalogue; a database made before keeps the
 * Traditional ones, since `ensureCategories` never overwrites. This rewrites a
 * name or group only where it is still exactly the old Traditional text, so an
 * operator's own edits stay.
 */
const RENAMED: [code: string, oldName: string, newName: string, oldGroup: string, newGroup: string][] = [
  ['PROPERTY_SERVICE', '物業服務', '物业服务', '物業管理 / Property', '物业管理 / Property'],
  ['DOG_KEEPING', '不文明養犬', '不文明养犬', '社會治理 / Social governance', '社会治理 / Social governance'],
  ['ILLEGAL_FLYERS', '小廣告亂張貼', '小广告乱张贴', '人居環境 / Living environment', '人居环境 / Living environment'],
  ['DISORDERLY_PARKING', '車輛亂停亂放', '车辆乱停乱放', '社會治理 / Social governance', '社会治理 / Social governance'],
  ['STREET_VENDING', '占道經營', '占道经营', '社會治理 / Social governance', '社会治理 / Social governance'],
  ['GARBAGE', '垃圾清理不及時', '垃圾清理不及时', '人居環境 / Living environment', '人居环境 / Living environment'],
  ['RURAL_ROAD', '農村道路損毀', '农村道路损毁', '人居環境 / Living environment', '人居环境 / Living environment'],
  ['UTILITIES', '水電氣暖', '水电气暖', '民生服務 / Livelihood', '民生服务 / Livelihood'],
  ['EMPLOYMENT', '就業', '就业', '民生服務 / Livelihood', '民生服务 / Livelihood'],
  ['MEDICAL_CARE', '就醫', '就医', '民生服務 / Livelihood', '民生服务 / Livelihood'],
  ['FAMILY_HARDSHIP', '困難群眾生產生活', '困难群众生产生活', '民生服務 / Livelihood', '民生服务 / Livelihood'],
  ['BENEFITS', '惠民政策/補貼申領', '惠民政策/补贴申领', '民生服務 / Livelihood', '民生服务 / Livelihood'],
  ['ILLEGAL_CONSTRUCTION', '私搭亂建', '私搭乱建', '人居環境 / Living environment', '人居环境 / Living environment'],
  ['PUBLIC_FACILITY', '公共設施安全', '公共设施安全', '風險隱患 / Risks and hazards', '风险隐患 / Risks and hazards'],
  ['DISPUTE', '矛盾糾紛', '矛盾纠纷', '風險隱患 / Risks and hazards', '风险隐患 / Risks and hazards'],
];

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export class Migration20261207300000SimplifiedCategoryNames extends Migration {
  override async up(): Promise<void> {
    const values = RENAMED.map((row) => `(${row.map(literal).join(', ')})`).join(',\n      ');
    this.addSql(`update "category" c set
      "name" = case when c."name" = r.old_name then r.new_name else c."name" end,
      "group" = case when c."group" = r.old_group then r.new_group else c."group" end
    from (values
      ${values}) as r(code, old_name, new_name, old_group, new_group)
    where c."code" = r.code and (c."name" = r.old_name or c."group" = r.old_group)`);
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sql } from '../../db/sql';
import { Category } from './category.entity';
import { TimeUnit } from '../../domain/enums';
import { optionalText, requireText } from '../../domain/validate';
import { badInput, notFound } from '../../errors';
import { CATEGORIES, nominalHours, type TimeLimitSeed } from './category.catalog';
import type { CalendarDayInput, CalendarDayType, CategoryType, TimeLimitInput, UpdateCategoryInput } from './category.type';

export function listCategories(em: EntityManager): Promise<Category[]> {
  return em.find(Category, {}, { orderBy: { sortOrder: 'asc', code: 'asc' } });
}

/** Inserts the catalogue's categories that are missing; never overwrites an operator's edits. One statement (every start runs it). */
export async function ensureCategories(em: EntityManager): Promise<void> {
  const rows = CATEGORIES.map((c, index) => {
    const values = [
      c.code,
      c.name,
      c.nameEn,
      c.group,
      c.responseHours,
      c.resolveHours,
      index,
      c.responseLimit.amount,
      c.responseLimit.unit,
      c.resolveLimit.amount,
      c.resolveLimit.unit,
    ];
    return sql.fragment`(${sql.join(values.map((v) => sql.value(v)), ', ')})`;
  });
  await runSql(
    em,
    sql.query`insert into category (code, name, name_en, "group", response_hours, resolve_hours, sort_order,
       response_limit_amount, response_limit_unit, resolve_limit_amount, resolve_limit_unit)
     values ${sql.join(rows, ', ')} on conflict (code) do nothing`,
  );
}

/** A category as the API shows it: the stored row with its limits as TimeLimit objects. */
export function toCategoryType(c: Category): CategoryType {
  return {
    code: c.code,
    name: c.name,
    nameEn: c.nameEn,
    group: c.group,
    responseHours: c.responseHours,
    resolveHours: c.resolveHours,
    responseLimit: { amount: c.responseLimitAmount, unit: c.responseLimitUnit },
    resolveLimit: { amount: c.resolveLimitAmount, unit: c.resolveLimitUnit },
    requiresAfterPhoto: c.requiresAfterPhoto,
  };
}

const LIMIT_MAX: Record<TimeUnit, number> = { [TimeUnit.HOURS]: 24 * 366, [TimeUnit.WORKING_HOURS]: 8 * 250, [TimeUnit.WORKING_DAYS]: 250 };

function checkedLimit(limit: TimeLimitInput, field: string): TimeLimitSeed {
  if (!Number.isInteger(limit.amount) || limit.amount <= 0) throw badInput(`${field}.amount must be a whole number above 0, got ${limit.amount}.`, `${field}.amount`);
  if (limit.amount > LIMIT_MAX[limit.unit]) throw badInput(`${field}.amount is at most ${LIMIT_MAX[limit.unit]} ${limit.unit}.`, `${field}.amount`);
  return { amount: limit.amount, unit: limit.unit };
}

/**
 * ADMIN: rename a category, change its limits or whether resolving needs an AFTER photo.
 * Issues keep the deadlines they were given: new limits apply to issues reported afterwards.
 */
export async function updateCategory(em: EntityManager, code: string, input: UpdateCategoryInput): Promise<CategoryType> {
  const category = await em.findOne(Category, { code });
  if (!category) throw notFound('Category (code)', code);
  if (input.name !== undefined && input.name !== null) category.name = requireText(input.name, 'input.name', 100);
  if (input.nameEn !== undefined && input.nameEn !== null) category.nameEn = requireText(input.nameEn, 'input.nameEn', 100);
  if (input.responseLimit) {
    const limit = checkedLimit(input.responseLimit, 'input.responseLimit');
    category.responseLimitAmount = limit.amount;
    category.responseLimitUnit = limit.unit;
    category.responseHours = nominalHours(limit);
  }
  if (input.resolveLimit) {
    const limit = checkedLimit(input.resolveLimit, 'input.resolveLimit');
    category.resolveLimitAmount = limit.amount;
    category.resolveLimitUnit = limit.unit;
    category.resolveHours = nominalHours(limit);
  }
  if (input.requiresAfterPhoto !== undefined && input.requiresAfterPhoto !== null) category.requiresAfterPhoto = input.requiresAfterPhoto;
  await em.flush();
  return toCategoryType(category);
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real day written YYYY-MM-DD, or BAD_USER_INPUT naming the field. */
function calendarDate(value: string, field: string): string {
  const m = CALENDAR_DATE.exec(value);
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !day || day.getUTCFullYear() !== Number(m[1]) || day.getUTCMonth() !== Number(m[2]) - 1 || day.getUTCDate() !== Number(m[3])) {
    throw badInput(`${field} must be a calendar date written YYYY-MM-DD, got "${value.slice(0, 40)}".`, field);
  }
  return value;
}

interface CalendarRow {
  date: string | Date;
  workday: boolean;
  name: string | null;
}

const dateText = (value: string | Date) => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/** The days of `year` that differ from the default week. */
export async function workCalendar(em: EntityManager, year: number): Promise<CalendarDayType[]> {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw badInput('year must be a year from 1970 to 9999.', 'year');
  const rows = await runSql<CalendarRow>(
    em,
    sql.query`select to_char(date, 'YYYY-MM-DD') as date, workday, name from work_calendar_day
      where date >= make_date(${sql.value(year)}, 1, 1) and date < make_date(${sql.value(year + 1)}, 1, 1) order by date`,
  );
  return rows.map((r) => ({ date: dateText(r.date), workday: Boolean(r.workday), name: r.name }));
}

/**
 * ADMIN: holidays and make-up working days; a day given again replaces the earlier entry. A day given as the
 * default week has it (Monday–Friday working, weekends not) is no longer kept: that is how a holiday or make-up
 * day is undone, and workCalendar lists only the days that differ. One statement.
 */
export async function setWorkCalendar(em: EntityManager, days: readonly CalendarDayInput[]): Promise<CalendarDayType[]> {
  if (days.length === 0) throw badInput('days must list at least one day.', 'days');
  if (days.length > 1000) throw badInput('days lists at most 1000 days at a time.', 'days');
  const byDate = new Map<string, CalendarDayType>();
  days.forEach((d, index) => {
    const date = calendarDate(d.date, `days[${index}].date`);
    byDate.set(date, { date, workday: d.workday, name: optionalText(d.name, `days[${index}].name`, 100) });
  });
  const rows = [...byDate.values()];
  const given = rows.map((r) => sql.fragment`(${sql.value(r.date)}::date, ${sql.value(r.workday)}::boolean, ${sql.value(r.name)}::text)`);
  await runSql(
    em,
    sql.query`with given (date, workday, name) as (values ${sql.join(given, ', ')}),
       as_default as (delete from work_calendar_day w using given g where w.date = g.date and g.workday = (extract(isodow from g.date) < 6))
     insert into work_calendar_day (date, workday, name)
       select date, workday, name from given where workday <> (extract(isodow from date) < 6)
     on conflict (date) do update set workday = excluded.workday, name = excluded.name`,
  );
  return rows.sort((a, b) => a.date.localeCompare(b.date));
}

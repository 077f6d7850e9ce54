import type { EntityManager } from '@mikro-orm/postgresql';
import { Category } from './category.entity';
import { CATEGORIES } from './category.catalog';

export function listCategories(em: EntityManager): Promise<Category[]> {
  return em.find(Category, {}, { orderBy: { sortOrder: 'asc', code: 'asc' } });
}

/** Inserts the catalogue's categories that are missing; never overwrites an operator's edits. One statement (every start runs it). */
export async function ensureCategories(em: EntityManager): Promise<void> {
  const rows = CATEGORIES.map((c, index) => [c.code, c.name, c.nameEn, c.group, c.responseHours, c.resolveHours, index]);
  await em.getConnection().execute(
    `insert into category (code, name, name_en, "group", response_hours, resolve_hours, sort_order) values ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')} on conflict (code) do nothing`,
    rows.flat(),
  );
}

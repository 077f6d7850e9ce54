import type { EntityManager } from '@mikro-orm/postgresql';
import { Category } from './category.entity';
import { CATEGORIES } from './category.catalog';

export function listCategories(em: EntityManager): Promise<Category[]> {
  return em.find(Category, {}, { orderBy: { sortOrder: 'asc', code: 'asc' } });
}

/** Inserts the catalogue's categories that are missing; never overwrites an operator's edits. */
export async function ensureCategories(em: EntityManager): Promise<void> {
  const conn = em.getConnection();
  for (const [index, c] of CATEGORIES.entries()) {
    await conn.execute(
      'insert into category (code, name, name_en, "group", response_hours, resolve_hours, sort_order) values (?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing',
      [c.code, c.name, c.nameEn, c.group, c.responseHours, c.resolveHours, index],
    );
  }
}

/**
 * Read-only rows shaped like entities, without the ORM's hydration: the same
 * property names, relations as `{ <primary key> }` references. For hot read
 * paths (a list page maps hundreds of rows) where field resolvers only read;
 * anything that changes data loads real entities through the EntityManager.
 */
import { ReferenceKind, type EntityMetadata, type MetadataStorage } from '@mikro-orm/core';

type RowMapper = (row: Record<string, unknown>) => unknown;

const mappers = new WeakMap<EntityMetadata, RowMapper>();

/** Timestamps arrive as Date from typed columns, as ISO strings inside JSON. */
function toDate(value: unknown): unknown {
  return typeof value === 'string' || typeof value === 'number' ? new Date(value) : value;
}

function toNumber(value: unknown): unknown {
  return typeof value === 'string' || typeof value === 'bigint' ? Number(value) : value;
}

/** One `name: <expression>` per persisted single-column property, reading the row's column. */
function propertyExpressions(meta: EntityMetadata, metadata: MetadataStorage): string[] {
  const out: string[] = [];
  for (const prop of meta.props) {
    if (prop.persist === false || !prop.fieldNames?.length || prop.fieldNames.length !== 1) continue;
    const name = JSON.stringify(prop.name);
    const column = `row[${JSON.stringify(prop.fieldNames[0])}]`;
    if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) {
      if (!prop.owner && prop.kind === ReferenceKind.ONE_TO_ONE) continue;
      const key = JSON.stringify(metadata.get(prop.type).primaryKeys[0]);
      out.push(`${name}: ${column} == null ? null : { ${key}: ${column} }`);
    } else if (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.EMBEDDED) {
      if (prop.runtimeType === 'Date') out.push(`${name}: toDate(${column})`);
      else if (prop.runtimeType === 'number') out.push(`${name}: toNumber(${column})`);
      else out.push(`${name}: ${column}`);
    }
  }
  return out;
}

/**
 * A mapper from raw rows (column names as in the table, typed columns or a
 * JSON object) of `entity` to plain, entity-shaped objects. Generated once per
 * entity from the ORM's metadata as one object literal: every row gets the
 * same shape at once, instead of a property-by-property build.
 */
export function plainRowMapper<T>(metadata: MetadataStorage, entity: { name: string }): (row: Record<string, unknown>) => T {
  const meta = metadata.get(entity.name);
  let mapper = mappers.get(meta);
  if (!mapper) {
    // Names come from our own entity metadata, quoted with JSON.stringify: no outside input reaches this source.
    const body = `return function mapRow(row) { return { ${propertyExpressions(meta, metadata).join(', ')} }; };`;
    mapper = new Function('toDate', 'toNumber', body)(toDate, toNumber) as RowMapper;
    mappers.set(meta, mapper);
  }
  return mapper as (row: Record<string, unknown>) => T;
}

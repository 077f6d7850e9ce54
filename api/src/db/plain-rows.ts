/**
 * Read-only rows shaped like entities, without the ORM's hydration: the same
 * property names, relations as `{ <primary key> }` references. For hot read
 * paths (a list page maps hundreds of rows) where field resolvers only read;
 * anything that changes data loads real entities through the EntityManager.
 */
import { ReferenceKind, type EntityMetadata, type MetadataStorage } from '@mikro-orm/core';

type Converter = (row: Record<string, unknown>, out: Record<string, unknown>) => void;

const mappers = new WeakMap<EntityMetadata, (row: Record<string, unknown>) => unknown>();

function converterFor(meta: EntityMetadata, metadata: MetadataStorage): Converter[] {
  const steps: Converter[] = [];
  for (const prop of meta.props) {
    if (prop.persist === false || !prop.fieldNames?.length || prop.fieldNames.length !== 1) continue;
    const name = prop.name;
    const field = prop.fieldNames[0];
    if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) {
      if (!prop.owner && prop.kind === ReferenceKind.ONE_TO_ONE) continue;
      const key = metadata.get(prop.type).primaryKeys[0];
      steps.push((row, out) => {
        const value = row[field];
        out[name] = value == null ? null : { [key]: value };
      });
    } else if (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.EMBEDDED) {
      const runtime = prop.runtimeType;
      if (runtime === 'Date') {
        steps.push((row, out) => {
          const value = row[field];
          out[name] = typeof value === 'string' || typeof value === 'number' ? new Date(value) : value;
        });
      } else if (runtime === 'number') {
        steps.push((row, out) => {
          const value = row[field];
          out[name] = typeof value === 'string' || typeof value === 'bigint' ? Number(value) : value;
        });
      } else {
        steps.push((row, out) => {
          out[name] = row[field];
        });
      }
    }
  }
  return steps;
}

/**
 * A mapper from raw rows (column names as in the table) of `entity` to plain,
 * entity-shaped objects. Built once per entity from the ORM's metadata.
 */
export function plainRowMapper<T>(metadata: MetadataStorage, entity: { name: string }): (row: Record<string, unknown>) => T {
  const meta = metadata.get(entity.name);
  let mapper = mappers.get(meta);
  if (!mapper) {
    const steps = converterFor(meta, metadata);
    mapper = (row) => {
      const out: Record<string, unknown> = {};
      for (const step of steps) step(row, out);
      return out;
    };
    mappers.set(meta, mapper);
  }
  return mapper as (row: Record<string, unknown>) => T;
}

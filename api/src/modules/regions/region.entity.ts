import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { RegionLevel } from '../../domain/enums';

/** A node of the administrative tree. `path` ("/cityId/countyId/…/ownId/") makes a subtree one indexed prefix query. */
@Entity({ tableName: 'region' })
@Index({ name: 'region_path_idx', expression: 'create index "region_path_idx" on "region" ("path" text_pattern_ops)' })
export class Region {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'text' })
  name: string;

  /** Administrative division code (行政区划代码), unique when set: the key of the regions import. */
  @Property({ type: 'text', nullable: true, unique: 'region_code_unique' })
  code?: string | null;

  @Enum({ items: () => RegionLevel })
  level: RegionLevel;

  @ManyToOne(() => Region, { nullable: true, index: true, deleteRule: 'restrict' })
  parent?: Region;

  @Property({ type: 'text' })
  path: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

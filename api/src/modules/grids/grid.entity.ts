import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { GridKind } from '../../domain/enums';
import { Region } from '../regions/region.entity';

export interface LatLng {
  latitude: number;
  longitude: number;
}

/** The smallest unit of governance. The boundary's bounding box lets gridAt skip most polygons with an index. */
@Entity({ tableName: 'grid' })
@Index({ name: 'grid_bbox_idx', properties: ['minLatitude', 'maxLatitude', 'minLongitude', 'maxLongitude'] })
export class Grid {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'text', unique: true })
  code: string;

  @Property({ type: 'text' })
  name: string;

  /** What the grid covers in words a resident knows (streets, estates, landmarks), so a person can pick it. */
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Enum({ items: () => GridKind })
  kind: GridKind;

  @ManyToOne(() => Region, { index: true, deleteRule: 'restrict' })
  region: Region;

  /** Copy of the region's path, so issue and grid filters by region subtree need no join. */
  @Property({ type: 'text' })
  regionPath: string;

  @Property({ type: 'jsonb', nullable: true })
  boundary?: LatLng[] | null;

  @Property({ type: 'double precision', nullable: true })
  minLatitude?: number | null;

  @Property({ type: 'double precision', nullable: true })
  maxLatitude?: number | null;

  @Property({ type: 'double precision', nullable: true })
  minLongitude?: number | null;

  @Property({ type: 'double precision', nullable: true })
  maxLongitude?: number | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { Grid } from './grid.entity';

/** 网格员: runs one grid day to day. */
@Entity({ tableName: 'grid_worker' })
export class GridWorker {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'text' })
  name: string;

  @ManyToOne(() => Grid, { index: true, deleteRule: 'restrict' })
  grid: Grid;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

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

  /** Mainland mobile number (the people import's key for this person; not published in the API). */
  @Property({ type: 'text', nullable: true, index: 'grid_worker_phone_idx' })
  phone?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

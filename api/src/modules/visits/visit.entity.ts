import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { VisitKind } from '../../domain/enums';
import { Cadre } from '../cadres/cadre.entity';
import { Grid } from '../grids/grid.entity';

/** A cadre's or grid worker's check-in, household visit, resident meeting… at a grid. */
@Entity({ tableName: 'visit' })
@Index({ name: 'visit_grid_idx', properties: ['grid', 'at'] })
@Unique({ name: 'visit_idempotency_unique', properties: ['idempotencyScope', 'idempotencyKey'] })
export class Visit {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Enum({ items: () => VisitKind })
  kind: VisitKind;

  @ManyToOne(() => Grid, { deleteRule: 'restrict' })
  grid: Grid;

  @ManyToOne(() => Cadre, { nullable: true, index: true, deleteRule: 'restrict' })
  cadre?: Cadre | null;

  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @Property({ type: 'integer', nullable: true })
  households?: number | null;

  @Property({ type: 'text' })
  recordedBy: string;

  @Property({ type: 'timestamptz' })
  at: Date & Opt = new Date();

  /** Who recorded it (a user id) and their idempotency key: the same key from the same person is one visit. */
  @Property({ type: 'text', nullable: true })
  idempotencyScope?: string | null;

  @Property({ type: 'text', nullable: true })
  idempotencyKey?: string | null;
}

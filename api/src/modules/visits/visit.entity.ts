import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { VisitKind } from '../../domain/enums';
import { Cadre } from '../cadres/cadre.entity';
import { Grid } from '../grids/grid.entity';

/** A cadre's or grid worker's check-in, household visit, resident meeting… at a grid. */
@Entity({ tableName: 'visit' })
@Index({ name: 'visit_grid_idx', properties: ['grid', 'at'] })
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
}

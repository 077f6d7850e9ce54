import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { CadreLevel } from '../../domain/enums';
import { Grid } from '../grids/grid.entity';
import { Region } from '../regions/region.entity';

@Entity({ tableName: 'cadre' })
export class Cadre {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'text' })
  name: string;

  @Enum({ items: () => CadreLevel })
  level: CadreLevel;

  /** The unit the cadre comes from, e.g. the city civil affairs bureau. */
  @Property({ type: 'text' })
  unit: string;

  @ManyToOne(() => Region, { nullable: true, index: true, deleteRule: 'restrict' })
  region?: Region | null;

  /** Mainland mobile number (the people import's key for this person; not published in the API). */
  @Property({ type: 'text', nullable: true, index: 'cadre_phone_idx' })
  phone?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  /** `name` as JSON string text in ASCII, kept by PostgreSQL, for 考核's JSON answer (migration PerformanceJsonText). */
  @Property({ type: 'text', generated: '(lastmeter_json_ascii(name)) stored', lazy: true, hidden: true })
  nameJson?: string & Opt;

  /** `unit` the same way. */
  @Property({ type: 'text', generated: '(lastmeter_json_ascii(unit)) stored', lazy: true, hidden: true })
  unitJson?: string & Opt;
}

/** 包联: one cadre assigned to one grid. */
@Entity({ tableName: 'cadre_assignment' })
@Unique({ properties: ['cadre', 'grid'] })
export class CadreAssignment {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => Cadre, { deleteRule: 'cascade' })
  cadre: Cadre;

  @ManyToOne(() => Grid, { index: true, deleteRule: 'cascade' })
  grid: Grid;

  @Property({ type: 'timestamptz' })
  assignedAt: Date & Opt = new Date();
}

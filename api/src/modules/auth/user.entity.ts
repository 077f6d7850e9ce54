import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { Role } from '../../domain/enums';
import { Cadre } from '../cadres/cadre.entity';
import { GridWorker } from '../grids/grid-worker.entity';
import { Region } from '../regions/region.entity';

@Entity({ tableName: 'app_user' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'text', unique: true })
  username: string;

  @Property({ type: 'text' })
  displayName: string;

  @Enum({ items: () => Role })
  role: Role;

  /** scrypt$N$r$p$salt$hash (see password.ts). */
  @Property({ type: 'text', hidden: true })
  passwordHash: string;

  /** A deactivated account's tokens stop working at once (the viewer is loaded per request and refused). */
  @Property({ type: 'boolean', default: true })
  active: boolean & Opt = true;

  /** Set by a one-time password (import, reset): every operation but changePassword is refused until it is changed. */
  @Property({ type: 'boolean', default: false })
  mustChangePassword: boolean & Opt = false;

  @ManyToOne(() => Cadre, { nullable: true, deleteRule: 'restrict' })
  cadre?: Cadre | null;

  @ManyToOne(() => GridWorker, { nullable: true, deleteRule: 'restrict' })
  gridWorker?: GridWorker | null;

  /** A cadre user with a scope region sees that region's whole subtree. */
  @ManyToOne(() => Region, { nullable: true, deleteRule: 'restrict' })
  scopeRegion?: Region | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { TimeUnit } from '../../domain/enums';
import type { Opt } from '@mikro-orm/core';

/** A kind of problem, with its deadlines: hours until accepted, hours until resolved. */
@Entity({ tableName: 'category' })
export class Category {
  @PrimaryKey({ type: 'text' })
  code: string;

  @Property({ type: 'text' })
  name: string;

  @Property({ type: 'text' })
  nameEn: string;

  @Property({ type: 'text' })
  group: string;

  @Property({ type: 'integer' })
  responseHours: number;

  @Property({ type: 'integer' })
  resolveHours: number;

  /** Resolving needs at least one AFTER photo (evidence photos). */
  @Property({ type: 'boolean', default: false })
  requiresAfterPhoto: boolean & Opt = false;

  @Property({ type: 'integer' })
  sortOrder: number & Opt = 0;

  /** Time limits: amount and unit (the hours above are their nominal span). Apply to issues reported afterwards. */
  @Property({ type: 'integer' })
  responseLimitAmount: number;

  @Enum({ items: () => TimeUnit })
  responseLimitUnit: TimeUnit;

  @Property({ type: 'integer' })
  resolveLimitAmount: number;

  @Enum({ items: () => TimeUnit })
  resolveLimitUnit: TimeUnit;
}

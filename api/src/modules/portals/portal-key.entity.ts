import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';

/** A portal's key for the public widgets. Only a SHA-256 hash of the key is stored. */
@Entity({ tableName: 'portal_key' })
export class PortalKey {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'text' })
  name: string;

  @Property({ type: 'text', unique: true, hidden: true })
  keyHash: string;

  @Property({ type: 'jsonb' })
  allowedOrigins: string[] & Opt = [];

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

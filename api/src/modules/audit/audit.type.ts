import { Field, ID, ObjectType } from 'type-graphql';
import { PageInfo } from '../issues/issue.type';

@ObjectType('AuditEntry')
export class AuditEntryType {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  at: Date;

  @Field(() => String)
  actorName: string;

  @Field(() => String, { description: 'e.g. createGrid, importGrids, deactivateUser.' })
  action: string;

  @Field(() => String, { nullable: true, description: 'Entity type and id, e.g. Grid:…' })
  target?: string | null;

  @Field(() => String)
  summary: string;
}

@ObjectType('AuditEntryEdge')
export class AuditEntryEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => AuditEntryType)
  node: AuditEntryType;
}

@ObjectType('AuditEntryConnection')
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge])
  edges: AuditEntryEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

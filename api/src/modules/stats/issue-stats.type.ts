import { Field, Float, Int, ObjectType } from 'type-graphql';
import { IssueStatus } from '../../domain/enums';
import { CategoryType } from '../categories/category.type';

@ObjectType('CountByStatus', { simpleResolvers: true })
export class CountByStatus {
  @Field(() => IssueStatus)
  status: IssueStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType('CountByCategory', { simpleResolvers: true })
export class CountByCategory {
  @Field(() => CategoryType)
  category: CategoryType;

  @Field(() => Int)
  count: number;
}

@ObjectType('IssueStats', { simpleResolvers: true })
export class IssueStats {
  @Field(() => Int)
  total: number;

  @Field(() => Int)
  open: number;

  @Field(() => Int)
  overdue: number;

  @Field(() => Int, { description: 'Returned by the assignee (退单) and waiting for re-dispatch.' })
  returned: number;

  @Field(() => Int, { description: 'Given a later resolve deadline by an approved extension (延期).' })
  extended: number;

  @Field(() => Float, { description: 'Share of issues resolved, followed up or closed.' })
  resolutionRate: number;

  @Field(() => Float, { description: 'Share of resolved issues resolved before resolveDueAt.' })
  onTimeRate: number;

  @Field(() => Float, { nullable: true, description: 'Share of follow-ups SATISFIED or BASICALLY_SATISFIED; null without follow-ups.' })
  satisfactionRate?: number | null;

  @Field(() => Float, { nullable: true })
  avgResolveHours?: number | null;

  @Field(() => [CountByStatus], {
    description:
      'Issues by status. Merged duplicates are listed as MERGED here only: total, the rates and byCategory count each pair once (under its primary), so byStatus adds up to total plus the MERGED count.',
  })
  byStatus: CountByStatus[];

  @Field(() => [CountByCategory])
  byCategory: CountByCategory[];

  @Field(() => Boolean, {
    description:
      'True when counts below 5 are shown as 0 (and rates over fewer than 5 issues as 0 or null): public statistics over a time window, so that no single issue can be picked out.',
  })
  smallCountsHidden: boolean;
}

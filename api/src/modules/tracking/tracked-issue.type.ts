import { Field, ObjectType } from 'type-graphql';
import { IssueStatus } from '../../domain/enums';
import { CategoryType } from '../categories/category.type';
import type { IsoDateTime } from '../issues/issue.row';
import { PublicIssueEventType } from '../issues/issue.type';
import type { PhotoRow } from '../photos/photo-sql';

@ObjectType('TrackedIssue', { simpleResolvers: true, description: 'What the public may see of an issue, by its tracking code: no personal data, no staff notes.' })
export class TrackedIssue {
  @Field(() => String)
  trackingCode: string;

  @Field(() => IssueStatus)
  status: IssueStatus;

  @Field(() => CategoryType)
  category: CategoryType;

  @Field(() => String)
  gridName: string;

  @Field(() => Date)
  submittedAt: IsoDateTime;

  @Field(() => Date)
  updatedAt: IsoDateTime;

  @Field(() => Date)
  resolveDueAt: IsoDateTime;

  @Field(() => [PublicIssueEventType])
  timeline: PublicIssueEventType[];

  /** The public photos as stored (photo-sql.ts); the `photos` field resolver turns them into links. */
  photoRows?: PhotoRow[];
  @Field(() => TrackedIssue, { nullable: true, description: 'When this report was merged: the public view of the issue that is handled instead.' })
  mergedInto?: TrackedIssue | null;

  @Field(() => Date, { nullable: true, description: 'The deadline after an approved extension, so the resident sees it.' })
  extendedTo?: IsoDateTime | null;
}

@ObjectType('ReportIssuePayload', { simpleResolvers: true })
export class ReportIssuePayload {
  @Field(() => String)
  trackingCode: string;

  @Field(() => TrackedIssue)
  issue: TrackedIssue;
}

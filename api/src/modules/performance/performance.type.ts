import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CadreType } from '../cadres/cadre.type';
import type { RegionRow } from '../issues/issue.row';
import { RegionType } from '../regions/region.type';

@ObjectType('PerformanceRow', {
  simpleResolvers: true,
  description: '考核: one row per cadre, unit or region over a period; rates are null where their base is zero.',
})
export class PerformanceRowType {
  @Field(() => ID)
  key: string;

  @Field(() => String)
  name: string;

  @Field(() => CadreType, { nullable: true })
  cadre?: CadreType | null;

  @Field(() => RegionType, { nullable: true })
  region?: RegionRow | null;

  @Field(() => Int)
  assigned: number;

  @Field(() => Int)
  respondedOnTime: number;

  @Field(() => Int)
  resolved: number;

  @Field(() => Int)
  resolvedOnTime: number;

  @Field(() => Int)
  returned: number;

  @Field(() => Int)
  overdue: number;

  @Field(() => Int)
  followedUp: number;

  @Field(() => Int)
  satisfied: number;

  @Field(() => Int)
  reopened: number;

  @Field(() => Float, { nullable: true, description: '响应率: assigned issues answered (accepted, started or returned) within the response limit.' })
  responseRate: number | null;

  @Field(() => Float, { nullable: true, description: '解决率.' })
  resolutionRate: number | null;

  @Field(() => Float, { nullable: true, description: '按期办结率: resolved within the resolve limit (after approved extensions).' })
  onTimeRate: number | null;

  @Field(() => Float, { nullable: true, description: '满意率: SATISFIED or BASICALLY_SATISFIED among follow-ups.' })
  satisfactionRate: number | null;

  @Field(() => Float, { nullable: true })
  returnRate: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Weighted score of responseRate, resolutionRate and satisfactionRate (weights PERFORMANCE_WEIGHTS, default 30/35/35), 0–100.',
  })
  score: number | null;

  @Field(() => Int)
  rank: number;
}

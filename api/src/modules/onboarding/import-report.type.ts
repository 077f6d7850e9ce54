import { Field, Int, ObjectType } from 'type-graphql';
import { OneTimePasswordType } from '../auth/user.type';

@ObjectType('ImportProblem', { simpleResolvers: true })
export class ImportProblemType {
  @Field(() => Int, { description: '1-based line of a CSV/XLSX row or index of a GeoJSON feature.' })
  row: number;

  @Field(() => String, { nullable: true })
  field?: string | null;

  @Field(() => String)
  message: string;
}

@ObjectType('ImportReport', { simpleResolvers: true, description: 'What POST /imports/... answers, as JSON with these field names.' })
export class ImportReportType {
  @Field(() => Boolean)
  dryRun: boolean;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => [ImportProblemType])
  problems: ImportProblemType[];

  @Field(() => [OneTimePasswordType], { description: 'Users created by this import (people import only; empty on a dry run).' })
  oneTimePasswords: OneTimePasswordType[];
}

import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { GridKind } from '../../domain/enums';

@ObjectType('Point', { simpleResolvers: true })
export class PointType {
  @Field(() => Float)
  latitude: number;

  @Field(() => Float)
  longitude: number;
}

@ObjectType('Grid', { simpleResolvers: true })
export class GridType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true, description: 'What the grid covers in words a resident knows: streets, estates, landmarks.' })
  description?: string | null;

  @Field(() => GridKind)
  kind: GridKind;

  @Field(() => [PointType], { nullable: true })
  boundary?: PointType[] | null;
}

@ObjectType('GridWorker', { simpleResolvers: true })
export class GridWorkerType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;
}

@InputType('PointInput')
export class PointInput {
  @Field(() => Float)
  latitude: number;

  @Field(() => Float)
  longitude: number;
}

@InputType('CreateGridInput')
export class CreateGridInput {
  @Field(() => ID)
  regionId: string;

  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => GridKind)
  kind: GridKind;

  @Field(() => [PointInput], { nullable: true, description: 'A simple polygon; its first point need not be repeated at the end.' })
  boundary?: PointInput[] | null;
}

@InputType('UpdateGridInput')
export class UpdateGridInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => GridKind, { nullable: true })
  kind?: GridKind | null;

  @Field(() => [PointInput], { nullable: true })
  boundary?: PointInput[] | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType('CreateGridWorkerInput')
export class CreateGridWorkerInput {
  @Field(() => String)
  name: string;

  @Field(() => ID)
  gridId: string;
}

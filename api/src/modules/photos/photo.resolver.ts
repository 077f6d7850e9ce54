import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Resolver, Root } from 'type-graphql';
import { notFound, unauthenticated } from '../../errors';
import type { Context } from '../../server/context';
import { readIssueAfterWrite } from '../issues/issue.query';
import type { IssueRow } from '../issues/issue.row';
import { IssueType } from '../issues/issue.type';
import { TrackedIssue } from '../tracking/tracked-issue.type';
import { PhotoStage } from './photo.entity';
import { addIssuePhotos, setPhotoPublic, type PhotoActor } from './photo-attach.service';
import { photosWithLinks } from './photo-view';
import { PhotoType } from './photo.type';
import { runSql, sql } from '../../db/sql';
import { issuePhotoRows, type PhotoRow } from './photo-sql';

function actor(ctx: Context): PhotoActor {
  if (!ctx.viewer) throw unauthenticated();
  return { em: ctx.em, viewer: ctx.viewer, events: ctx.app.events };
}

@Resolver(() => IssueType)
export class IssuePhotosResolver {
  /** Every photo of the issue (the issue itself is already in the viewer's scope), with signed links. */
  @FieldResolver(() => [PhotoType])
  photos(@Root() issue: IssueRow, @Ctx() ctx: Context): Promise<PhotoType[]> {
    if (!issue.photoRows) throw new Error('Issue.photos read from a row planned without its photos');
    return photosWithLinks(ctx, issue.photoRows);
  }

  @Authorized()
  @Mutation(() => IssueType, { description: 'BEFORE or AFTER photos (your own uploads) by the assignee or a grid worker of the issue.' })
  async addIssuePhotos(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('photoIds', () => [ID]) photoIds: string[],
    @Arg('stage', () => PhotoStage) stage: PhotoStage,
  ): Promise<IssueRow> {
    await addIssuePhotos(actor(ctx), id, photoIds, stage);
    const issue = await readIssueAfterWrite(ctx, id, info);
    if (!issue) throw notFound('Issue', id);
    return issue;
  }

  @Authorized()
  @Mutation(() => PhotoType, { description: 'Show a photo on the public tracker, or take it off.' })
  async setPhotoPublic(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('public', () => Boolean) isPublic: boolean): Promise<PhotoType> {
    const { issueId } = await setPhotoPublic(actor(ctx), id, isPublic);
    const i = sql.identifier('i');
    const [row] = await runSql<{ photos: PhotoRow[] }>(ctx.em, sql.query`select ${issuePhotoRows(i, false)} as photos from issue ${i} where ${i}.id = ${sql.value(issueId)}::uuid`);
    const photo = row?.photos.find((p) => p.id === id);
    if (!photo) throw notFound('Photo', id);
    const [answer] = await photosWithLinks(ctx, [photo]);
    return answer!;
  }
}

@Resolver(() => TrackedIssue)
export class TrackedIssuePhotosResolver {
  @FieldResolver(() => [PhotoType], { description: 'Only the public ones.' })
  photos(@Root() tracked: TrackedIssue, @Ctx() ctx: Context): Promise<PhotoType[]> {
    return photosWithLinks(ctx, tracked.photoRows ?? []);
  }
}

import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { Issue } from '../issues/issue.entity';

export enum PhotoFormat {
  JPEG = 'jpeg',
  WEBP = 'webp',
}

export enum PhotoStage {
  REPORT = 'REPORT',
  BEFORE = 'BEFORE',
  AFTER = 'AFTER',
}

/**
 * One upload, re-encoded without metadata. Its files are stored under `contentHash`
 * (the SHA-256 of the bytes sent), shared by every uploader who sent the same bytes;
 * one uploader sending them again gets this same row back.
 */
@Entity({ tableName: 'photo' })
@Unique({ name: 'photo_uploader_content_idx', properties: ['uploaderScope', 'contentHash'] })
@Index({ name: 'photo_content_idx', properties: ['contentHash'] })
@Index({ name: 'photo_created_idx', properties: ['createdAt'] })
export class Photo {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  /** Who uploaded it, as `authorizeReport` names the caller (`portal:<id>`, `user:<id>`, `origin:<address>`). */
  @Property({ type: 'text' })
  uploaderScope: string;

  @Property({ type: 'text' })
  contentHash: string;

  @Enum({ items: () => PhotoFormat })
  format: PhotoFormat;

  @Property({ type: 'integer' })
  width: number;

  @Property({ type: 'integer' })
  height: number;

  @Property({ type: 'integer' })
  bytes: number;

  @Property({ type: 'integer' })
  thumbWidth: number;

  @Property({ type: 'integer' })
  thumbHeight: number;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

/** A photo attached to an issue, at a stage; `public` decides whether the tracker shows it. */
@Entity({ tableName: 'issue_photo' })
@Unique({ name: 'issue_photo_issue_photo_idx', properties: ['issue', 'photo', 'stage'] })
export class IssuePhoto {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @ManyToOne(() => Issue, { deleteRule: 'cascade' })
  issue: Issue;

  @ManyToOne(() => Photo, { deleteRule: 'restrict', index: 'issue_photo_photo_idx' })
  photo: Photo;

  @Enum({ items: () => PhotoStage })
  stage: PhotoStage;

  @Property({ type: 'boolean' })
  public: boolean;

  @Property({ type: 'text', nullable: true })
  addedBy?: string | null;

  @Property({ type: 'timestamptz' })
  addedAt: Date & Opt = new Date();
}

import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { IsoDateTime } from '../issues/issue.row';
import { PhotoStage } from './photo.entity';

registerEnumType(PhotoStage, {
  name: 'PhotoStage',
  valuesConfig: {
    REPORT: { description: 'Sent by the resident with the report.' },
    BEFORE: { description: '处置前: taken on site before the work.' },
    AFTER: { description: '处置后: taken after the work; required to resolve where the category asks for it.' },
  },
});

@ObjectType('Photo', {
  simpleResolvers: true,
  description:
    'A photo, stored re-encoded with its metadata (EXIF, GPS) removed. Upload the file first\nwith POST /uploads (staff token or portal key), then attach its id.',
})
export class PhotoType {
  @Field(() => ID)
  id: string;

  @Field(() => PhotoStage)
  stage: PhotoStage;

  @Field(() => Boolean, { description: 'Shown on the public tracker (staff decide; AFTER photos are public by default).' })
  public: boolean;

  @Field(() => Int)
  width: number;

  @Field(() => Int)
  height: number;

  @Field(() => String)
  url: string;

  @Field(() => String)
  thumbnailUrl: string;

  @Field(() => Date)
  uploadedAt: IsoDateTime;
}

/** The contract's section "outbound delivery": Webhook, WebhookDelivery, CreateWebhookInput. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IssueEventType } from '../../domain/enums';
import { DeliveryStatus, WebhookFormat } from './outbound.enums';

@ObjectType('WebhookDelivery')
export class WebhookDeliveryType {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: "The event's cursor (IssueEvent feeds use the same)." })
  eventId: string;

  @Field(() => DeliveryStatus)
  status: DeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => Int, { nullable: true })
  lastStatusCode?: number | null;

  @Field(() => Date, { nullable: true })
  nextAttemptAt?: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt?: Date | null;
}

@ObjectType('Webhook')
export class WebhookType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  url: string;

  @Field(() => WebhookFormat)
  format: WebhookFormat;

  @Field(() => [IssueEventType])
  events: IssueEventType[];

  /** Resolved by WebhookResolver.region. */
  regionId: string | null;

  @Field(() => Boolean)
  active: boolean;

  @Field(() => String, { nullable: true, description: 'Shown once, on creation (JSON format).' })
  secret?: string | null;
}

@InputType('CreateWebhookInput')
export class CreateWebhookInput {
  @Field(() => String)
  url: string;

  @Field(() => WebhookFormat, { nullable: true, defaultValue: WebhookFormat.JSON })
  format?: WebhookFormat | null;

  @Field(() => [IssueEventType])
  events: IssueEventType[];

  @Field(() => ID, { nullable: true })
  regionId?: string | null;
}

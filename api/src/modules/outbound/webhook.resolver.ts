import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../domain/enums';
import type { Context } from '../../server/context';
import { findRegion } from '../regions/region.service';
import { RegionType } from '../regions/region.type';
import { DeliveryStatus } from './outbound.enums';
import { createWebhook, listDeliveries, listWebhooks, redeliver, setWebhookActive } from './webhook.service';
import { CreateWebhookInput, WebhookDeliveryType, WebhookType } from './webhook.type';

/** Webhooks are an administrator's business: every field here is ADMIN only. */
@Resolver(() => WebhookType)
export class WebhookResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [WebhookType])
  webhooks(@Ctx() ctx: Context): Promise<WebhookType[]> {
    return listWebhooks(ctx.em);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookType)
  createWebhook(@Ctx() ctx: Context, @Arg('input', () => CreateWebhookInput) input: CreateWebhookInput): Promise<WebhookType> {
    return createWebhook(ctx.em, input, ctx.app.config.outbound);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookType, { description: 'Switched off, its unfinished deliveries end DEAD (redeliver by hand); switched on, it gets new events only.' })
  async setWebhookActive(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('active', () => Boolean) active: boolean,
  ): Promise<WebhookType> {
    const webhook = await setWebhookActive(ctx.em, id, active);
    // Deliveries held back while it was off are due now.
    if (active) ctx.app.outbound?.wake({ full: true });
    return webhook;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookDeliveryType)
  async redeliver(@Ctx() ctx: Context, @Arg('deliveryId', () => ID) deliveryId: string): Promise<WebhookDeliveryType> {
    const delivery = await redeliver(ctx.em, deliveryId, ctx.app.config.outbound);
    ctx.app.outbound?.wake({ full: true });
    return delivery;
  }

  @FieldResolver(() => RegionType, { nullable: true, description: "Only issues in this region's subtree; all when null." })
  async region(@Root() webhook: WebhookType, @Ctx() ctx: Context): Promise<RegionType | null> {
    return webhook.regionId ? findRegion(ctx.em, webhook.regionId) : null;
  }

  @FieldResolver(() => [WebhookDeliveryType])
  deliveries(
    @Root() webhook: WebhookType,
    @Ctx() ctx: Context,
    @Arg('status', () => [DeliveryStatus], { nullable: true }) status: DeliveryStatus[] | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
  ): Promise<WebhookDeliveryType[]> {
    return listDeliveries(ctx.em, webhook.id, status, first ?? 20);
  }
}

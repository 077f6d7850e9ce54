/**
 * The delivery claim must not depend on fresh statistics. A queue table's
 * statistics often say "empty" while it holds a backlog (a receiver was down);
 * written as an anti-join, the claim was then planned as a nested loop that
 * compared every candidate with every open delivery, passed the statement
 * timeout at 19,000 deliveries, and delivery stalled. Now "the oldest open
 * delivery of its webhook and issue" is a correlated probe of the open index,
 * planned the same whatever the statistics say. The short-message claim, the
 * same way with its own index. On both databases.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sql } from '../../api/src/db/sql';
import { claimDeliveries, claimDeliveriesStatement, claimSmsStatement } from '../../api/src/modules/outbound/delivery-queue';
import { dataOf, startTestServer, type TestServer } from '../support/harness';

describe('the delivery claim with statistics that say the queue is empty', () => {
  let t: TestServer;
  let em: EntityManager;

  beforeAll(async () => {
    t = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: '1' } });
    em = t.server.services.db.orm.em.fork();
    const token = await t.login('admin');
    const created = dataOf(
      await t.gql<{ createWebhook: { id: string } }>(`mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }`, {
        input: { url: 'http://127.0.0.1:9/backlog', events: ['SUBMITTED'] },
      }, { token }),
    ).createWebhook.id;
    // Switched off, so the server's own worker leaves the backlog alone.
    dataOf(await t.gql(`mutation($id: ID!) { setWebhookActive(id: $id, active: false) { id } }`, { id: created }, { token }));
    // Statistics taken while the queue was empty, then a backlog they do not know of.
    await em.execute('delete from webhook_delivery');
    await em.execute('delete from sms_message');
    await em.execute('analyze webhook_delivery');
    await em.execute('analyze sms_message');
    await em.execute(
      `insert into webhook_delivery (id, webhook_id, event_seq, issue_id, status, attempts, next_attempt_at, retry_until, created_at)
       select gen_random_uuid(), ?, 1000000 + g, gen_random_uuid(), 'PENDING', 0, now(), now() + interval '1 day', now()
       from generate_series(1, 3000) g`,
      [created],
    );
    // Messages of issues that do not exist: the server's own worker finds nothing to send among them.
    await em.execute(
      `insert into sms_message (id, event_seq, issue_id, template, params, status, attempts, next_attempt_at, retry_until, created_at)
       select gen_random_uuid(), 1000000 + g, gen_random_uuid(), 'ACCEPTED', '{}', 'PENDING', 0, now(), now() + interval '1 day', now()
       from generate_series(1, 3000) g`,
    );
  });
  afterAll(() => t?.close());

  it('probes the open deliveries per candidate instead of joining against all of them', async () => {
    const plan = (await runSql<Record<string, string>>(em, sql.query`explain ${claimDeliveriesStatement(64, 15_000)}`)).map((row) => Object.values(row)[0]).join('\n');
    assert.match(plan, /SubPlan/, plan);
    assert.doesNotMatch(plan, /Anti Join/, plan);
    assert.match(plan, /webhook_delivery_open_idx/, plan);
  });

  it('probes the open messages of each candidate’s issue for short messages too', async () => {
    const plan = (await runSql<Record<string, string>>(em, sql.query`explain ${claimSmsStatement(64, 15_000)}`)).map((row) => Object.values(row)[0]).join('\n');
    assert.match(plan, /SubPlan/, plan);
    assert.doesNotMatch(plan, /Anti Join/, plan);
    assert.match(plan, /sms_message_open_idx/, plan);
  });

  it('claims nothing for a webhook that is switched off', async () => {
    assert.deepEqual(await claimDeliveries(em, 64, 15_000), []);
  });
});

/**
 * Signed webhooks from the outbox, against real HTTP receivers started here:
 * signatures, retries under one delivery id, order per issue, a receiver that
 * goes away, the robots' message shapes, 410, DEAD and redeliver, metrics,
 * and short messages to reporters through an SMS gateway.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { OutboundWorker } from '../../api/src/modules/outbound/outbound-worker';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';
import { act, demoIds, reportInput, reportIssue } from '../support/issues';
import { verifySignature, WebhookReceiver, type ReceivedRequest } from '../support/webhook-receiver';

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id url format events active secret region { id } } }`;
const DELIVERIES = `query { webhooks { id active deliveries(first: 100) { id eventId status attempts lastStatusCode nextAttemptAt deliveredAt } } }`;
const SET_ACTIVE = `mutation($id: ID!, $a: Boolean!) { setWebhookActive(id: $id, active: $a) { id active } }`;

describe('webhooks', () => {
  let t: TestServer;
  let admin: string;
  let gridId: string;
  let cadreId: string;
  const gateway = new WebhookReceiver();
  const receivers: WebhookReceiver[] = [];

  const receiver = async () => {
    const r = await new WebhookReceiver().start();
    receivers.push(r);
    return r;
  };
  const createWebhook = async (input: Record<string, unknown>) =>
    dataOf(await t.gql<any>(CREATE, { input }, { token: admin })).createWebhook as { id: string; secret: string | null; active: boolean };
  const deliveriesOf = async (webhookId: string) => {
    const hooks = dataOf(await t.gql<any>(DELIVERIES, {}, { token: admin })).webhooks as any[];
    return hooks.find((h) => h.id === webhookId);
  };
  const switchOff = (id: string) => t.gql(SET_ACTIVE, { id, a: false }, { token: admin });
  const forCode = (requests: ReceivedRequest[], code: string) => requests.filter((r) => r.json?.issue?.trackingCode === code);

  beforeAll(async () => {
    await gateway.start();
    t = await startTestServer({
      env: {
        WEBHOOK_ALLOW_PRIVATE: '1',
        WEBHOOK_RETRY_BASE_MS: '100',
        WEBHOOK_RETRY_WINDOW_SECONDS: '4',
        WEBHOOK_TIMEOUT_MS: '2000',
        OUTBOUND_POLL_MS: '50',
        SMS_GATEWAY_URL: `http://127.0.0.1:${gateway.port}/sms`,
        PUBLIC_URL: 'https://lastmeter.example.gov.cn',
      },
    });
    admin = await t.login('admin');
    const ids = await demoIds(t);
    gridId = ids.grids['JC-DH-GH-07'].id;
    cadreId = Object.entries(ids.cadres).find(([name]) => name.endsWith('大勇'))![1].id; // 鄭大勇 (郑大勇 in Simplified)
  });

  afterAll(async () => {
    await t?.close();
    for (const r of receivers) await r.stop();
    await gateway.stop();
  });

  it('createWebhook is for admins only, checks its input, and shows the secret once', async () => {
    const input = { url: 'http://127.0.0.1:9/hook', events: ['SUBMITTED'] };
    assert.equal(errorCode(await t.gql(CREATE, { input })), 'UNAUTHENTICATED');
    const cadre = await t.login('cadre.zheng');
    assert.equal(errorCode(await t.gql(CREATE, { input }, { token: cadre })), 'FORBIDDEN');
    assert.equal(errorCode(await t.gql(CREATE, { input: { ...input, url: 'ftp://127.0.0.1/x' } }, { token: admin })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await t.gql(CREATE, { input: { ...input, events: [] } }, { token: admin })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await t.gql(CREATE, { input: { ...input, regionId: '00000000-0000-4000-8000-000000000000' } }, { token: admin })), 'NOT_FOUND');

    const created = await createWebhook(input);
    assert.match(created.secret ?? '', /^whsec_[\w-]{40,}$/);
    const listed = dataOf(await t.gql<any>('{ webhooks { id secret } }', {}, { token: admin })).webhooks.find((w: any) => w.id === created.id);
    assert.equal(listed.secret, null, 'the secret is shown only on creation');
    const robot = await createWebhook({ ...input, format: 'WECOM_ROBOT' });
    assert.equal(robot.secret, null, 'robots get no secret');
    await switchOff(created.id);
    await switchOff(robot.id);
  });

  it('a signed JSON receiver gets each event of the story once it answers 200: retries after 500s keep one delivery id, in order', async () => {
    const r = await receiver();
    // The first three attempts fail, whatever they carry; then every one succeeds.
    r.respond = (_req, n) => (n < 3 ? 500 : 200);
    const hook = await createWebhook({ url: r.url, events: ['SUBMITTED', 'ACCEPTED', 'ASSIGNED'] });
    const issue = await reportIssue(t, { token: admin }, reportInput(gridId, { reporterName: '王秀兰', reporterPhone: '13912345678' }));
    assert.ok(dataOf(await act(t, admin, 'accept', issue.id, { cadreId, higherCadreId: cadreId })));
    assert.ok(dataOf(await act(t, admin, 'assign', issue.id, { cadreId, higherCadreId: cadreId })));
    await r.waitFor('three accepted deliveries', () => forCode(r.accepted, issue.trackingCode).length === 3);

    const mine = forCode(r.requests, issue.trackingCode);
    for (const req of mine) {
      assert.ok(verifySignature(hook.secret!, req.headers['x-lastmeter-signature'] as string, req.body), 'every request is signed with the secret');
      assert.equal(req.headers['x-lastmeter-event'], req.json.type);
      assert.equal(req.headers['x-lastmeter-delivery'], req.json.id);
      assert.ok(!/王秀兰|13912345678/.test(req.body), 'no reporter name or phone in a webhook');
    }
    assert.equal(verifySignature('whsec_wrong', mine[0].headers['x-lastmeter-signature'] as string, mine[0].body), false);
    // The SUBMITTED delivery: three 500s, then 200, always the same delivery id.
    const submitted = mine.filter((req) => req.json.type === 'SUBMITTED');
    assert.deepEqual(submitted.map((req) => req.answered), [500, 500, 500, 200]);
    assert.equal(new Set(submitted.map((req) => req.headers['x-lastmeter-delivery'])).size, 1);
    // In order per issue: nothing later was sent before SUBMITTED got through.
    assert.deepEqual(mine.map((req) => req.json.type), ['SUBMITTED', 'SUBMITTED', 'SUBMITTED', 'SUBMITTED', 'ACCEPTED', 'ASSIGNED']);
    assert.deepEqual(forCode(r.accepted, issue.trackingCode).map((req) => req.json.event.toStatus), ['SUBMITTED', 'ACCEPTED', 'ASSIGNED']);
    const body = submitted[3].json;
    assert.equal(body.issue.id, issue.id);
    assert.equal(body.issue.category.code, 'GARBAGE');
    assert.equal(body.issue.grid.code, 'JC-DH-GH-07');
    assert.equal(body.event.fromStatus, null);

    const deliveries = (await deliveriesOf(hook.id)).deliveries as any[];
    const first = deliveries.find((d) => d.id === submitted[0].headers['x-lastmeter-delivery']);
    assert.equal(first.status, 'SUCCEEDED');
    assert.equal(first.attempts, 4);
    assert.equal(first.lastStatusCode, 200);
    assert.ok(first.deliveredAt);
    assert.equal(first.nextAttemptAt, null);
    assert.equal(first.eventId, submitted[0].json.event.id);

    // The receiver has its answer before the worker records the outcome and counts it: wait for the three counts.
    const succeeded = /lastmeter_webhook_deliveries_total\{format="JSON",outcome="succeeded"\} [3-9]/;
    const deadline = Date.now() + 30_000;
    let metrics = await (await fetch(`${t.url}/metrics`)).text();
    while (!succeeded.test(metrics) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      metrics = await (await fetch(`${t.url}/metrics`)).text();
    }
    assert.match(metrics, /lastmeter_webhook_deliveries_total\{format="JSON",outcome="failed"\} [3-9]/);
    assert.match(metrics, /lastmeter_webhook_deliveries_total\{format="JSON",outcome="succeeded"\} [3-9]/);
    await switchOff(hook.id);
  });

  it('loses nothing while the receiver is away: events committed meanwhile arrive once it is back', async () => {
    const r = await receiver();
    const hook = await createWebhook({ url: r.url, events: ['SUBMITTED', 'ACCEPTED'] });
    const issue = await reportIssue(t, { token: admin }, reportInput(gridId));
    await r.waitFor('the SUBMITTED delivery', () => forCode(r.accepted, issue.trackingCode).length === 1);
    // Stopped with a delivery on its way: the ACCEPTED event is committed while nobody listens.
    await r.stop();
    assert.ok(dataOf(await act(t, admin, 'accept', issue.id, { cadreId, higherCadreId: cadreId })));
    const second = await reportIssue(t, { token: admin }, reportInput(gridId));
    await new Promise((resolve) => setTimeout(resolve, 600));
    const waiting = ((await deliveriesOf(hook.id)).deliveries as any[]).filter((d) => d.status === 'FAILED');
    assert.ok(waiting.length >= 1, 'attempts failed while the receiver was away');
    await r.start();
    await r.waitFor('the events committed while away', () => forCode(r.accepted, issue.trackingCode).length === 2 && forCode(r.accepted, second.trackingCode).length === 1);
    assert.deepEqual(forCode(r.accepted, issue.trackingCode).map((req) => req.json.type), ['SUBMITTED', 'ACCEPTED']);
    const ids = r.accepted.map((req) => req.headers['x-lastmeter-delivery']);
    assert.equal(new Set(ids).size, ids.length, 'each delivery accepted once');
    await switchOff(hook.id);
  });

  it('WECOM_ROBOT and DINGTALK_ROBOT receivers get their documented markdown messages', async () => {
    const wecom = await receiver();
    const dingtalk = await receiver();
    wecom.respond = () => ({ status: 200, json: { errcode: 0, errmsg: 'ok' } });
    // A robot answers 200 with an error code when it refuses (e.g. too many messages): that is retried.
    dingtalk.respond = (_req, n) => ({ status: 200, json: n === 0 ? { errcode: 130101, errmsg: 'send too fast' } : { errcode: 0, errmsg: 'ok' } });
    const hooks = [
      await createWebhook({ url: wecom.url, format: 'WECOM_ROBOT', events: ['SUBMITTED'] }),
      await createWebhook({ url: dingtalk.url, format: 'DINGTALK_ROBOT', events: ['SUBMITTED'] }),
    ];
    const issue = await reportIssue(t, { token: admin }, reportInput(gridId));
    await wecom.waitFor('the WeCom message', () => wecom.accepted.length === 1);
    await dingtalk.waitFor('the DingTalk message', () => dingtalk.requests.length === 2);

    const w = wecom.accepted[0].json;
    assert.equal(w.msgtype, 'markdown');
    assert.deepEqual(Object.keys(w.markdown), ['content']);
    for (const text of [issue.trackingCode, '问题编号', '类别', '网格', 'JC-DH-GH-07', '状态：待受理', `https://lastmeter.example.gov.cn/console/#/issues/${issue.id}`]) {
      assert.ok(w.markdown.content.includes(text), `WeCom content has ${text}: ${w.markdown.content}`);
    }
    assert.ok(Buffer.byteLength(w.markdown.content) <= 4096, 'WeCom markdown is at most 4096 bytes');
    const d = dingtalk.requests[1].json;
    assert.equal(d.msgtype, 'markdown');
    assert.deepEqual(Object.keys(d.markdown).sort(), ['text', 'title']);
    assert.ok(d.markdown.title.includes(issue.trackingCode));
    assert.ok(d.markdown.text.includes(issue.trackingCode) && d.markdown.text.includes('/console/#/issues/'));
    assert.equal(dingtalk.requests[0].headers['x-lastmeter-delivery'], dingtalk.requests[1].headers['x-lastmeter-delivery']);
    for (const h of hooks) await switchOff(h.id);
  });

  it('410 Gone deactivates the webhook; a receiver that keeps failing ends DEAD; redeliver sends it again', async () => {
    const gone = await receiver();
    gone.respond = () => 410;
    const goneHook = await createWebhook({ url: gone.url, events: ['SUBMITTED'] });
    const failing = await receiver();
    failing.respond = () => 503;
    const failingHook = await createWebhook({ url: failing.url, events: ['SUBMITTED'] });

    const issue = await reportIssue(t, { token: admin }, reportInput(gridId));
    await gone.waitFor('the 410', () => gone.requests.length === 1);
    // The worker records the answer after the receiver has sent it: wait for that, not for a turn of our own.
    const recorded = Date.now() + 10_000;
    let goneNow = await deliveriesOf(goneHook.id);
    while ((goneNow.active || goneNow.deliveries[0]?.lastStatusCode !== 410) && Date.now() < recorded) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      goneNow = await deliveriesOf(goneHook.id);
    }
    assert.equal(goneNow.active, false, '410 switched the webhook off');
    assert.equal(goneNow.deliveries[0].status, 'DEAD');
    assert.equal(goneNow.deliveries[0].lastStatusCode, 410);
    // Switched off: the next event is not even queued for it.
    await reportIssue(t, { token: admin }, reportInput(gridId));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(gone.requests.length, 1);

    // The retry window is 4 s here: retries with backoff, then DEAD.
    const deadline = Date.now() + 20_000;
    let delivery: any;
    for (;;) {
      delivery = ((await deliveriesOf(failingHook.id)).deliveries as any[]).find((d) =>
        failing.requests.some((req) => req.headers['x-lastmeter-delivery'] === d.id && req.json.issue.trackingCode === issue.trackingCode),
      );
      if (delivery?.status === 'DEAD') break;
      assert.ok(Date.now() < deadline, `never DEAD: ${JSON.stringify(delivery)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const attemptsForIt = failing.requests.filter((req) => req.headers['x-lastmeter-delivery'] === delivery.id);
    assert.ok(attemptsForIt.length >= 3, `retried several times (${attemptsForIt.length})`);
    assert.equal(delivery.attempts, attemptsForIt.length);
    assert.equal(delivery.lastStatusCode, 503);
    assert.equal(delivery.nextAttemptAt, null);
    const gaps = attemptsForIt.slice(1).map((req, i) => req.at - attemptsForIt[i].at);
    assert.ok(gaps[gaps.length - 1] > gaps[0], `backoff grows: ${gaps.join(', ')} ms`);

    const dead = dataOf(await t.gql<any>('{ webhooks { id deliveries(status: [DEAD], first: 100) { id status } } }', {}, { token: admin }))
      .webhooks.find((w: any) => w.id === failingHook.id).deliveries as { id: string; status: string }[];
    assert.ok(dead.some((d) => d.id === delivery.id) && dead.every((d) => d.status === 'DEAD'), 'deliveries(status: [DEAD]) lists only dead ones');

    // By hand, once the receiver is mended: same delivery id, delivered.
    failing.respond = () => 200;
    const again = dataOf(await t.gql<any>('mutation($id: ID!) { redeliver(deliveryId: $id) { id status } }', { id: delivery.id }, { token: admin }));
    assert.deepEqual(again.redeliver, { id: delivery.id, status: 'PENDING' });
    await failing.waitFor('the redelivery', () => failing.accepted.some((req) => req.headers['x-lastmeter-delivery'] === delivery.id));
    assert.equal(errorCode(await t.gql('mutation { redeliver(deliveryId: "00000000-0000-4000-8000-000000000000") { id } }', {}, { token: admin })), 'NOT_FOUND');
    await switchOff(failingHook.id);
  });

  it('switching a webhook off ends its open deliveries, even one in flight; switched back on, it is sent nothing old', async () => {
    const down = await receiver();
    down.respond = () => 'hang';
    const hook = await createWebhook({ url: down.url, events: ['SUBMITTED'] });
    const issue = await reportIssue(t, { token: admin }, reportInput(gridId));
    await down.waitFor('an attempt in flight', () => forCode(down.requests, issue.trackingCode).length >= 1);
    // Off and back on while the attempt hangs: when it times out (WEBHOOK_TIMEOUT_MS, 2 s), it must not reopen.
    await switchOff(hook.id);
    assert.equal((await deliveriesOf(hook.id)).deliveries[0].status, 'DEAD');
    down.respond = () => 200;
    assert.equal(dataOf(await t.gql<any>(SET_ACTIVE, { id: hook.id, a: true }, { token: admin })).setWebhookActive.active, true);
    // The timeout, then several retry periods (100 ms apart at first).
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const delivery = (await deliveriesOf(hook.id)).deliveries[0];
    assert.deepEqual([delivery.status, delivery.nextAttemptAt], ['DEAD', null]);
    assert.equal(down.requests.length, 1, 'nothing old is sent when it is switched back on');
    dataOf(await t.gql<any>('mutation($id: ID!) { redeliver(deliveryId: $id) { id } }', { id: delivery.id }, { token: admin }));
    await down.waitFor('the redelivery', () => down.accepted.some((req) => req.headers['x-lastmeter-delivery'] === delivery.id));
    await switchOff(hook.id);
  });

  it('follows no redirect, and gives up an attempt after WEBHOOK_TIMEOUT_MS', async () => {
    const elsewhere = await receiver();
    const redirecting = await receiver();
    redirecting.redirectTo = elsewhere.url;
    redirecting.respond = (_req, n) => (n === 0 ? 302 : 200);
    const slow = await receiver();
    // The first attempt never gets an answer (the limit is 2 s here); the retry does.
    slow.respond = (_req, n) => (n === 0 ? 'hang' : 200);
    const hooks = [await createWebhook({ url: redirecting.url, events: ['SUBMITTED'] }), await createWebhook({ url: slow.url, events: ['SUBMITTED'] })];
    const started = Date.now();
    const issue = await reportIssue(t, { token: admin }, reportInput(gridId));
    await redirecting.waitFor('the attempt after the redirect', () => forCode(redirecting.accepted, issue.trackingCode).length === 1);
    assert.deepEqual(forCode(redirecting.requests, issue.trackingCode).map((r) => r.answered), [302, 200]);
    assert.equal(elsewhere.requests.length, 0, 'the redirect was not followed');
    await slow.waitFor('the retry after the time limit', () => forCode(slow.accepted, issue.trackingCode).length === 1);
    const [first, second] = forCode(slow.requests, issue.trackingCode);
    assert.ok(second.at - first.at >= 1_900, `the first attempt was given up after the limit (${second.at - first.at} ms)`);
    assert.ok(Date.now() - started < 15_000);
    for (const h of hooks) await switchOff(h.id);
  });

  it('a webhook for a region hears only of issues in its subtree', async () => {
    const r = await receiver();
    const regions = dataOf(await t.gql<any>('{ regions { children { id name } } }')).regions[0].children as { id: string; name: string }[];
    const county = regions.find((x) => x.name.includes('青山'))!;
    const hook = await createWebhook({ url: r.url, events: ['SUBMITTED'], regionId: county.id });
    const everything = await receiver();
    const allHook = await createWebhook({ url: everything.url, events: ['SUBMITTED'] });
    const city = await reportIssue(t, { token: admin }, reportInput(gridId));
    await everything.waitFor('the unfiltered delivery', () => forCode(everything.accepted, city.trackingCode).length === 1);
    await t.server.services.outbound!.drain();
    assert.equal(forCode(r.requests, city.trackingCode).length, 0, 'an issue of another county is not sent');
    for (const h of [hook, allHook]) await switchOff(h.id);
  });

  it('a reporter who agreed gets short messages through SMS_GATEWAY_URL: { phone, template, params } in Simplified Chinese', async () => {
    assert.equal(errorCode(await t.gql('mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }', { input: reportInput(gridId, { notify: true, reporterPhone: null }) }, { token: admin })), 'BAD_USER_INPUT');
    const issue = await reportIssue(t, { token: admin }, reportInput(gridId, { notify: true, reporterPhone: '139 1234 5678' }));
    const silent = await reportIssue(t, { token: admin }, reportInput(gridId, { reporterPhone: '13800000000' }));
    assert.ok(dataOf(await act(t, admin, 'accept', issue.id, { cadreId, higherCadreId: cadreId })));
    assert.ok(dataOf(await act(t, admin, 'accept', silent.id, { cadreId, higherCadreId: cadreId })));
    for (const step of ['assign', 'start', 'resolve']) assert.ok(dataOf(await act(t, admin, step, issue.id, { cadreId, higherCadreId: cadreId })));
    await gateway.waitFor('two messages', () => gateway.accepted.length >= 2);
    await t.server.services.outbound!.drain();
    assert.equal(gateway.requests.length, 2, 'ACCEPTED and RESOLVED only, and only for the reporter who agreed');
    const [accepted, resolved] = gateway.requests.map((req) => req.json);
    assert.deepEqual(Object.keys(accepted).sort(), ['params', 'phone', 'template']);
    assert.equal(accepted.phone, '13912345678');
    assert.equal(accepted.template, 'ISSUE_ACCEPTED');
    assert.equal(accepted.params.trackingCode, issue.trackingCode);
    assert.equal(accepted.params.link, `https://lastmeter.example.gov.cn/?trackingCode=${issue.trackingCode}`);
    assert.equal(resolved.template, 'ISSUE_RESOLVED');
    assert.equal(typeof resolved.params.note, 'string');
  });

  // Last: it stops the server's own worker.
  it('stopping (shutdown) does not wait for a receiver that never answers; the cut attempt is recorded as failed', async () => {
    await t.server.services.outbound!.stop();
    const r = await receiver();
    r.respond = () => 'hang';
    const hook = await createWebhook({ url: r.url, events: ['SUBMITTED'] });
    const worker = new OutboundWorker({
      orm: t.server.services.db.orm,
      config: { ...t.config.outbound, timeoutMs: 30_000 },
      logger: t.server.services.logger,
      publicUrl: () => t.url,
    });
    worker.start();
    const issue = await reportIssue(t, { token: admin }, reportInput(gridId));
    await r.waitFor('an attempt under way', () => forCode(r.requests, issue.trackingCode).length === 1);
    const started = Date.now();
    await worker.stop();
    assert.ok(Date.now() - started < 3_000, `stopped in ${Date.now() - started} ms`);
    const delivery = ((await deliveriesOf(hook.id)).deliveries as any[]).find((d) => d.id === r.requests[0].headers['x-lastmeter-delivery']);
    assert.equal(delivery.status, 'FAILED');
    assert.equal(delivery.attempts, 1);
  });
});

/**
 * What outbound delivery refuses or keeps to itself, on a server with the
 * defaults: webhook URLs on loopback, link-local or private addresses (SSRF),
 * both when created and when connecting; and short messages without
 * SMS_GATEWAY_URL go to the log with the phone masked.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createLogger } from '../../api/src/server/logger';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';
import { act, dbOf, demoIds, reportInput, reportIssue } from '../support/issues';
import { WebhookReceiver } from '../support/webhook-receiver';

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }`;

describe('outbound guards (defaults: no private addresses, no SMS gateway)', () => {
  let t: TestServer;
  let admin: string;
  let gridId: string;
  let cadreId: string;
  const logLines: string[] = [];
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    t = await startTestServer({
      env: { WEBHOOK_RETRY_BASE_MS: '100', OUTBOUND_POLL_MS: '50', PUBLIC_URL: 'https://lm.example.gov.cn' },
      logger: createLogger('info', { write: (line: string) => void logLines.push(line) }),
    });
    admin = await t.login('admin');
    const ids = await demoIds(t);
    gridId = ids.grids['JC-DH-GH-07'].id;
    cadreId = Object.entries(ids.cadres).find(([name]) => name.endsWith('大勇'))![1].id; // 鄭大勇 (郑大勇 in Simplified)
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  it('refuses webhook URLs on loopback, link-local and private addresses, saying how to allow them', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://[::1]/hook',
      'http://10.0.0.7/hook',
      'http://172.20.1.1/hook',
      'http://192.168.1.20/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.1.1/hook',
      'http://0.0.0.0/hook',
    ]) {
      const res = await t.gql(CREATE, { input: { url, events: ['SUBMITTED'] } }, { token: admin });
      assert.equal(errorCode(res), 'BAD_USER_INPUT', url);
      assert.match(res.errors![0].message, /WEBHOOK_ALLOW_PRIVATE|does not resolve/, url);
    }
  });

  it('checks the address again when connecting: a stored private URL is never reached, by address or by name', async () => {
    // As if the address had been public when created (or the name resolved elsewhere then).
    const em = dbOf(t);
    const hooks = [receiver.url, receiver.url.replace('127.0.0.1', 'localhost')].map((url) => ({ id: randomUUID(), url }));
    for (const hook of hooks) {
      await em.execute(
        `insert into webhook (id, url, format, events, active, secret, created_at) values (?, ?, 'JSON', '{SUBMITTED}', true, 'whsec_x', now())`,
        [hook.id, hook.url],
      );
    }
    const issue = await reportIssue(t, { token: admin }, reportInput(gridId));
    for (const hook of hooks) {
      const deadline = Date.now() + 10_000;
      let row: { status: string; attempts: number; last_error: string | null } | undefined;
      for (;;) {
        [row] = await em.execute<any[]>(
          'select d.status, d.attempts, d.last_error from webhook_delivery d where d.webhook_id = ? and d.issue_id = ?',
          [hook.id, issue.id],
        );
        if (row && row.attempts >= 2) break;
        assert.ok(Date.now() < deadline, `attempted: ${JSON.stringify(row)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(row!.status, 'FAILED', hook.url);
      assert.match(row!.last_error ?? '', /loopback, link-local or private|non-public address/, hook.url);
      await em.execute('update webhook set active = false where id = ?', [hook.id]);
    }
    assert.equal(receiver.requests.length, 0, 'the receiver on 127.0.0.1 got nothing');
  });

  it('without SMS_GATEWAY_URL, a short message goes to the log in Simplified Chinese with the phone masked', async () => {
    const issue = await reportIssue(t, { token: admin }, reportInput(gridId, { notify: true, reporterPhone: '13912345678' }));
    assert.ok(dataOf(await act(t, admin, 'accept', issue.id, { cadreId, higherCadreId: cadreId })));
    const deadline = Date.now() + 10_000;
    let line: any;
    while (!(line = logLines.map((l) => JSON.parse(l)).find((l) => l.template === 'ISSUE_ACCEPTED' && l.text?.includes(issue.trackingCode)))) {
      assert.ok(Date.now() < deadline, 'the message was logged');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(line.phone, '139****5678');
    assert.equal(line.text, `【最后一米】您反映的问题（编号${issue.trackingCode}）已受理，我们会尽快处理。查看进度：https://lm.example.gov.cn/?trackingCode=${issue.trackingCode}`);
    assert.ok(!logLines.some((l) => l.includes('13912345678')), 'the full number is never logged');
  });
});

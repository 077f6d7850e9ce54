/** Outbound delivery's pure parts: backoff, the SSRF address check, signatures, robot answers, short messages. */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { DeliveryStatus, WebhookFormat } from '../../api/src/modules/outbound/outbound.enums';
import { retryDelayMs, MAX_RETRY_DELAY_MS } from '../../api/src/modules/outbound/retry-schedule';
import { isPublicAddress, parseWebhookUrl, UnsafeUrlError } from '../../api/src/modules/outbound/safe-url';
import { maskPhone, renderSms, SmsTemplate, SMS_TEXTS } from '../../api/src/modules/outbound/sms-templates';
import { accepted, formatChinaTime, signatureHeader } from '../../api/src/modules/outbound/webhook-payload';

describe('retry schedule', () => {
  it('retries first within the base (5 s by default, so within 10 s), then about twice as long each time, with jitter, capped at an hour', () => {
    assert.equal(retryDelayMs(1, 5_000, () => 1), 5_000);
    assert.equal(retryDelayMs(1, 5_000, () => 0), 2_500);
    assert.equal(retryDelayMs(2, 5_000, () => 1), 10_000);
    assert.equal(retryDelayMs(5, 5_000, () => 1), 80_000);
    assert.equal(retryDelayMs(40, 5_000, () => 1), MAX_RETRY_DELAY_MS);
    const spread = new Set(Array.from({ length: 20 }, () => retryDelayMs(3, 5_000)));
    assert.ok(spread.size > 1, 'jitter spreads retries');
    // The default schedule covers about a day before the 24 h window ends it.
    let total = 0;
    let attempts = 0;
    while (total < 24 * 3600_000) total += retryDelayMs(++attempts, 5_000, () => 1);
    assert.ok(attempts > 20 && attempts < 40, `${attempts} attempts in a day`);
  });
});

describe('SSRF guard', () => {
  it('takes only public unicast addresses', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', 'fe80::1', 'fc00::1', '::ffff:127.0.0.1', '::', 'not an ip']) {
      assert.equal(isPublicAddress(address), false, address);
    }
    for (const address of ['8.8.8.8', '114.114.114.114', '2400:3200::1', '::ffff:8.8.8.8']) assert.equal(isPublicAddress(address), true, address);
  });

  it('takes http(s) URLs without credentials', () => {
    assert.equal(parseWebhookUrl('https://hooks.example.cn/x?y=1').hostname, 'hooks.example.cn');
    for (const bad of ['ftp://example.cn/', 'file:///etc/passwd', 'https://user:pw@example.cn/', 'not a url']) {
      assert.throws(() => parseWebhookUrl(bad), UnsafeUrlError, bad);
    }
  });
});

describe('signatures and answers', () => {
  it('signs t + "." + body with HMAC-SHA256, hex', () => {
    const body = '{"a":1}';
    const expected = createHmac('sha256', 'whsec_test').update(`1700000000.${body}`).digest('hex');
    assert.equal(signatureHeader('whsec_test', body, 1_700_000_000), `t=1700000000,v1=${expected}`);
  });

  it('counts a robot answer with a non-zero errcode as a failure, and any non-2xx', () => {
    assert.equal(accepted(WebhookFormat.WECOM_ROBOT, 200, '{"errcode":0,"errmsg":"ok"}').ok, true);
    assert.equal(accepted(WebhookFormat.DINGTALK_ROBOT, 200, '{"errcode":310000,"errmsg":"keywords not in content"}').ok, false);
    assert.equal(accepted(WebhookFormat.JSON, 200, '{"errcode":5}').ok, true);
    assert.equal(accepted(WebhookFormat.JSON, 301, '').ok, false);
    assert.equal(accepted(WebhookFormat.JSON, 500, '').ok, false);
    assert.ok(Object.values(DeliveryStatus).includes(DeliveryStatus.DEAD));
  });
});

describe('short messages', () => {
  it('renders Simplified Chinese templates and masks the phone for the log', () => {
    const text = renderSms(SmsTemplate.ISSUE_RESOLVED, { trackingCode: 'LM-ABC', link: 'https://x/?trackingCode=LM-ABC', note: '已清运' });
    assert.equal(text, '【最后一米】您反映的问题（编号LM-ABC）已办结：已清运。查看详情：https://x/?trackingCode=LM-ABC');
    for (const template of Object.values(SmsTemplate)) assert.ok(SMS_TEXTS[template].includes('{trackingCode}') && SMS_TEXTS[template].includes('{link}'));
    // Simplified, not Traditional: none of these Traditional forms.
    assert.ok(!/[處辦們對這個過時間]/.test(Object.values(SMS_TEXTS).join('')));
    assert.equal(maskPhone('13912345678'), '139****5678');
    assert.equal(formatChinaTime('2026-12-07T10:30:00Z'), '2026-12-07 18:30');
  });
});

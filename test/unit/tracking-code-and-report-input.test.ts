import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { IssueChannel } from '../../api/src/domain/enums';
import { OwnOrigins } from '../../api/src/modules/portals/report-access';
import { defaultTitle, normaliseMobile, parseReportInput } from '../../api/src/modules/tracking/report-input';
import {
  TRACKING_CODE_ALPHABET,
  TRACKING_CODE_BITS,
  isCanonicalTrackingCode,
  newTrackingCode,
  normaliseTrackingCode,
} from '../../api/src/modules/tracking/tracking-code';

const GRID = '00000000-0000-4000-8000-000000000001';

describe('tracking codes', () => {
  it('carry at least 60 random bits in grouped Crockford base 32 without I, L, O or U', () => {
    assert.ok(TRACKING_CODE_BITS >= 60);
    assert.equal(TRACKING_CODE_ALPHABET.length, 32);
    assert.doesNotMatch(TRACKING_CODE_ALPHABET, /[ILOU]/);
    for (let i = 0; i < 200; i++) {
      const code = newTrackingCode();
      assert.match(code, /^LM-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      assert.ok(isCanonicalTrackingCode(code));
    }
  });

  it('are spread over the whole alphabet and never repeat in 10,000 draws', () => {
    const codes = new Set<string>();
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const code = newTrackingCode();
      codes.add(code);
      for (const ch of code.slice(3).replace(/-/g, '')) seen.add(ch);
    }
    assert.equal(codes.size, 10_000);
    assert.equal(seen.size, 32);
  });

  it('normalise what people type: case, spaces, missing dashes or prefix, I/L for 1 and O for 0', () => {
    assert.equal(normaliseTrackingCode('LM-7K3Q-9XW2-HD4M'), 'LM-7K3Q-9XW2-HD4M');
    assert.equal(normaliseTrackingCode('lm-7k3q-9xw2-hd4m'), 'LM-7K3Q-9XW2-HD4M');
    assert.equal(normaliseTrackingCode('LM7K3Q9XW2HD4M'), 'LM-7K3Q-9XW2-HD4M');
    assert.equal(normaliseTrackingCode(' 7k3q 9xw2 hd4m '), 'LM-7K3Q-9XW2-HD4M');
    assert.equal(normaliseTrackingCode('LM-IK3Q-9XW2-HD4O'), 'LM-1K3Q-9XW2-HD40');
    assert.equal(normaliseTrackingCode('LM-lK3Q-9XW2-HD4o'), 'LM-1K3Q-9XW2-HD40');
  });

  it('turn anything that cannot be a code into null', () => {
    for (const input of ['', 'LM-', 'LM-7K3Q-9XW2', 'LM-7K3Q-9XW2-HD4M-AAAA', 'LM-7K3Q-9XW2-HD4U', '你好你好你好你好你好你好', 'x'.repeat(1000)]) {
      assert.equal(normaliseTrackingCode(input), null, input);
    }
  });
});

describe('report input', () => {
  it('accepts mainland mobile numbers, with spaces, dashes or +86, and nothing else', () => {
    assert.equal(normaliseMobile('13812345678'), '13812345678');
    assert.equal(normaliseMobile('+86 138-1234-5678'), '13812345678');
    assert.equal(normaliseMobile('8619912345678'), '19912345678');
    for (const bad of ['12812345678', '1381234567', '138123456789', '010-12345678', 'abc', '+1 415 555 0100']) {
      assert.throws(() => normaliseMobile(bad), (e: any) => e.extensions.code === 'BAD_USER_INPUT', bad);
    }
  });

  it('titles an untitled report with the start of its description', () => {
    assert.equal(defaultTitle('路灯坏了'), '路灯坏了');
    const long = '小区东门的路灯已经坏了一个多星期，晚上回家的老人和孩子都看不清路，很不安全，希望尽快修好。';
    const title = defaultTitle(long);
    assert.equal(Array.from(title).length, 31);
    assert.ok(title.endsWith('…'));
    assert.ok(long.startsWith(title.slice(0, -1)));
    assert.equal(defaultTitle('第一行\n  第二行'), '第一行 第二行');
  });

  it('keeps neither name nor phone of an anonymous reporter (and does not judge the phone)', () => {
    const parsed = parseReportInput({
      categoryCode: 'GARBAGE',
      description: '垃圾',
      gridId: GRID,
      anonymous: true,
      reporterName: '张三',
      reporterPhone: 'not a phone',
      idempotencyKey: 'k',
    });
    assert.equal(parsed.reporterName, null);
    assert.equal(parsed.reporterPhone, null);
    assert.equal(parsed.anonymous, true);
    assert.equal(parsed.channel, IssueChannel.WIDGET);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field', () => {
    const base = { categoryCode: 'GARBAGE', description: '垃圾', gridId: GRID, idempotencyKey: 'k' };
    const cases: [Record<string, unknown>, string][] = [
      [{ description: '   ' }, 'input.description'],
      [{ description: '字'.repeat(2001) }, 'input.description'],
      [{ description: '半截\u0000文字' }, 'input.description'],
      [{ title: '' }, 'input.title'],
      [{ title: '题'.repeat(101) }, 'input.title'],
      [{ reporterPhone: '12345' }, 'input.reporterPhone'],
      [{ idempotencyKey: '' }, 'input.idempotencyKey'],
      [{ gridId: null }, 'input.gridId'],
      [{ gridId: null, location: { address: '东门' } }, 'input.gridId'],
      [{ location: { latitude: 30.5 } }, 'input.location'],
      [{ location: { latitude: 91, longitude: 114 } }, 'input.location.latitude'],
    ];
    for (const [override, field] of cases) {
      assert.throws(
        () => parseReportInput({ ...base, ...override } as never),
        (e: any) => e.extensions.code === 'BAD_USER_INPUT' && e.extensions.field === field,
        JSON.stringify(override).slice(0, 80),
      );
    }
  });
});

describe('own origin', () => {
  it('is PUBLIC_URL\'s origin and, outside production, where the server listens; never a Host header', () => {
    const origins = new OwnOrigins('https://gov.example.cn');
    assert.equal(origins.has('https://gov.example.cn'), true);
    assert.equal(origins.has('http://127.0.0.1:4000'), false, 'not before addListening');
    origins.addListening('http://127.0.0.1:4000');
    assert.equal(origins.has('http://127.0.0.1:4000'), true);
    assert.equal(origins.has('http://localhost:4000'), true);
    assert.equal(origins.has('http://127.0.0.1:4001'), false);
    assert.equal(origins.has('https://evil.example'), false);
    assert.equal(origins.has(null), false);
    assert.equal(origins.has('null'), false);
    assert.equal(new OwnOrigins(undefined).has('https://gov.example.cn'), false, 'production without PUBLIC_URL: nothing is own');
  });
});

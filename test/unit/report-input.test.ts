/**
 * A report's input, checked and normalised before anything is stored: each refusal names its field
 * and says how to put it right; titles, places and phone numbers come out in one form.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { defaultTitle, normaliseMobile, parseReportInput } from '../../api/src/modules/tracking/report-input';

const GRID = '3f1c2a5e-8d4b-4c1a-9e2f-1a2b3c4d5e6f';
const base = { categoryCode: 'GARBAGE', description: 'Bins not emptied', gridId: GRID, idempotencyKey: 'k-1' };
const parse = (over: Record<string, unknown>) => parseReportInput({ ...base, ...over } as never);

/** The refusal's message and field. */
function refusal(fn: () => unknown): { message: string; field: unknown; code: unknown } {
  try {
    fn();
  } catch (error) {
    const e = error as { message: string; extensions?: Record<string, unknown> };
    return { message: e.message, field: e.extensions?.field, code: e.extensions?.code };
  }
  throw new Error('expected a refusal');
}

describe('report input', () => {
  it('refuses an empty title, telling to leave it out instead', () => {
    for (const title of ['', '   ']) {
      assert.deepEqual(refusal(() => parse({ title })), {
        message: 'input.title must not be empty: leave it out to use the start of the description.',
        field: 'input.title',
        code: 'BAD_USER_INPUT',
      });
    }
    assert.equal(parse({ title: '  Bins  ' }).title, 'Bins');
    assert.equal(parse({ title: null }).title, base.description);
    assert.equal(parse({}).title, base.description);
  });

  it('makes the default title from the description on one line, at most 30 characters and an ellipsis', () => {
    assert.equal(defaultTitle('  two\n\nlines  '), 'two lines');
    const thirty = '一二三四五六七八九十'.repeat(3);
    assert.equal(defaultTitle(thirty), thirty, 'exactly 30 characters: kept whole');
    assert.equal(defaultTitle(`${thirty}多`), `${thirty}…`);
    assert.equal(defaultTitle(`  ${thirty}  `), thirty, 'spaces around do not count');
  });

  it('needs both coordinates or neither, and a place: a grid or a location', () => {
    assert.deepEqual(refusal(() => parse({ location: { latitude: 30.5 } })), {
      message: 'input.location needs both latitude and longitude, or neither.',
      field: 'input.location',
      code: 'BAD_USER_INPUT',
    });
    assert.deepEqual(refusal(() => parse({ location: { latitude: null, longitude: 114.3 } })).field, 'input.location');
    const noPlace = refusal(() => parse({ gridId: '' }));
    assert.equal(noPlace.field, 'input.gridId');
    assert.match(noPlace.message, /Say where the problem is/);
    const located = parse({ gridId: '', location: { latitude: 30.5, longitude: 114.3, address: ' 1 River Road ' } });
    assert.deepEqual([located.gridId, located.latitude, located.longitude, located.address], [null, 30.5, 114.3, '1 River Road']);
    const nullCoordinates = parse({ location: { latitude: null, longitude: null } });
    assert.deepEqual([nullCoordinates.latitude, nullCoordinates.longitude, nullCoordinates.gridId], [null, null, GRID]);
  });

  it('names the field of every refused text', () => {
    assert.equal(refusal(() => parse({ categoryCode: ' ' })).field, 'input.categoryCode');
    assert.equal(refusal(() => parse({ location: { latitude: 1, longitude: 1, address: 'x'.repeat(1000) } })).field, 'input.location.address');
    assert.equal(refusal(() => parse({ reporterPhone: '12345' })).field, 'input.reporterPhone');
  });

  it('normalises mainland mobile numbers, with a country prefix only at the start', () => {
    assert.equal(normaliseMobile('+86 138-1234-5678'), '13812345678');
    assert.equal(normaliseMobile('0086 13812345678'), '13812345678');
    assert.equal(normaliseMobile('(86) 13812345678'), '13812345678');
    assert.deepEqual(refusal(() => normaliseMobile('1386 13812345678')), {
      message: 'input.reporterPhone must be a mainland mobile number: 11 digits starting with 13 to 19, e.g. 13812345678.',
      field: 'input.reporterPhone',
      code: 'BAD_USER_INPUT',
    });
    assert.equal(refusal(() => normaliseMobile('86138123456789')).field, 'input.reporterPhone', 'a prefix before too many digits');
    assert.equal(refusal(() => normaliseMobile('12812345678', 'input.phone')).field, 'input.phone');
  });
});

/**
 * zh-CN means Simplified Chinese, everywhere a person reads it: the widgets'
 * table, the demo portal, the demo city, the category catalogue and the API's
 * public notes. Traditional Chinese (zh-TW, zh-HK) is generated from the
 * Simplified table by opencc-js and must be current.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { ADMIN_TRADITIONAL, CONSOLE_TRADITIONAL, GENERATED_DIR, TRADITIONAL, adminTraditionalModule, consoleTraditionalModule, traditionalModule } from '../../widgets/scripts/generate-traditional';
import { localeOf, stringsFor } from '../../widgets/src/internal/i18n';

const root = path.resolve(__dirname, '../..');
const toSimplified: (text: string) => string = require('opencc-js').Converter({ from: 't', to: 'cn' });

/** Every file a resident or cadre reads text from, by default in Simplified Chinese. */
function readerFacingFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return [
    ...walk('widgets/src'),
    'widgets/demo/index.html',
    ...walk('api/src/db/seeders'),
    'api/src/modules/categories/category.catalog.ts',
    'api/src/modules/issues/issue-workflow.service.ts',
    'api/src/modules/issues/overdue-sweeper.ts',
    'README.md',
  ];
}

/** The lines whose Chinese OpenCC would change when converting Traditional to Simplified. */
function traditionalLines(file: string): string[] {
  return fs
    .readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => toSimplified(line) !== line)
    .map(({ line, i }) => `${file}:${i + 1}: ${line.trim()}`);
}

describe('Chinese scripts', () => {
  it('reader-facing sources carry no Traditional characters', () => {
    assert.deepEqual(readerFacingFiles().flatMap(traditionalLines), []);
  });

  it('the generated Traditional tables are current (npm run generate:traditional -w @lastmeter/widgets)', () => {
    for (const variant of TRADITIONAL) {
      const committed = fs.readFileSync(path.join(GENERATED_DIR, variant.file), 'utf8');
      assert.equal(committed, traditionalModule(variant), `widgets/generated/${variant.file} is stale: run \`npm run generate:traditional -w @lastmeter/widgets\``);
    }
    for (const variant of CONSOLE_TRADITIONAL) {
      const committed = fs.readFileSync(path.join(GENERATED_DIR, variant.file), 'utf8');
      assert.equal(committed, consoleTraditionalModule(variant), `widgets/generated/${variant.file} is stale: run \`npm run generate:traditional -w @lastmeter/widgets\``);
    }
    for (const variant of ADMIN_TRADITIONAL) {
      const committed = fs.readFileSync(path.join(GENERATED_DIR, variant.file), 'utf8');
      assert.equal(committed, adminTraditionalModule(variant), `widgets/generated/${variant.file} is stale: run \`npm run generate:traditional -w @lastmeter/widgets\``);
    }
  });

  it('lang picks the table: Simplified by default, Traditional for zh-TW / zh-HK, English for en', () => {
    const cases: [string | null, string][] = [
      [null, 'zh-CN'],
      ['', 'zh-CN'],
      ['zh', 'zh-CN'],
      ['zh-CN', 'zh-CN'],
      ['zh-Hans', 'zh-CN'],
      ['zh-SG', 'zh-CN'],
      ['zh-TW', 'zh-TW'],
      ['zh-Hant', 'zh-TW'],
      ['zh_TW', 'zh-TW'],
      ['zh-HK', 'zh-HK'],
      ['zh-MO', 'zh-HK'],
      ['zh-Hant-HK', 'zh-HK'],
      ['en', 'en'],
      ['en-GB', 'en'],
    ];
    assert.deepEqual(
      cases.map(([lang]) => [lang, localeOf(lang)]),
      cases,
    );
    assert.equal(stringsFor('zh-CN').grid, '网格');
    assert.equal(stringsFor('zh-TW').grid, '網格');
    assert.equal(stringsFor('zh-HK').descriptionHint, '請説明發生了什麼、在哪裏、持續多久。');
    assert.equal(stringsFor('zh-TW').descriptionHint, '請說明發生了什麼、在哪裡、持續多久。');
    assert.equal(stringsFor('zh-TW').level.COMMUNITY, '社區村', 'no Taiwan phrase swap (社区 is not 社群)');
    assert.equal(stringsFor('zh-TW').charCount(3, 10), '3 / 10 字');
    assert.equal(stringsFor('en').grid, 'Grid');
  });
});

/**
 * The compiled-TypeScript cache never serves old code: an entry is keyed by
 * the source's text and path, so an edited file compiles afresh, and a hit
 * returns exactly what swc would produce.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from '@jest/globals';

const { compileTypeScript, cacheFile } = require('../../api/scripts/typescript-cache') as {
  compileTypeScript(source: string, filename: string): string;
  cacheFile(source: string, filename: string): string;
};

describe('compiled TypeScript cache', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-ts-cache-'));
  const made: string[] = [];
  const compile = (source: string, filename: string) => {
    made.push(cacheFile(source, filename));
    return compileTypeScript(source, filename);
  };
  afterAll(() => {
    for (const entry of made) fs.rmSync(entry, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves an entry only for the same text and path, and the same code as a fresh compile', () => {
    const file = path.join(dir, 'answer.ts');
    const first = `export const answer: number = ${Date.now()};\n`;
    const compiled = compile(first, file);
    assert.match(compiled, /exports\.answer|answer =/);
    assert.ok(fs.existsSync(cacheFile(first, file)), 'the compiled code is kept');
    assert.equal(compile(first, file), compiled, 'a hit returns the kept code');

    const edited = first.replace('answer', 'edited');
    assert.notEqual(cacheFile(edited, file), cacheFile(first, file), 'an edit is another entry');
    assert.match(compile(edited, file), /edited/);
    assert.notEqual(cacheFile(first, path.join(dir, 'other.ts')), cacheFile(first, file), 'another path is another entry (source maps name it)');
  });

  it('keeps decorator metadata, as the API needs', () => {
    const source = 'function d(..._a: unknown[]) {}\nexport class A { @d() name!: string; }\n';
    assert.match(compile(source, path.join(dir, 'decorated.ts')), /design:type/);
  });
});

/**
 * Packages depend one way: widgets → SDK → schema ← API. No package reaches into
 * another's folder by a relative path (the widgets take `@lastmeter/sdk` by name),
 * the API server neither bundles widgets nor loads esbuild, and each package.json
 * names an entry that exists.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : /\.(ts|js|mjs)$/.test(entry.name) ? [path.join(dir, entry.name)] : []));
}

/** Every module specifier a file imports, requires or re-exports, with the file it is in. */
function specifiers(dir: string): Array<{ file: string; specifier: string }> {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  return sourceFiles(path.join(ROOT, dir)).flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(pattern)].map((match) => ({ file: path.relative(ROOT, file), specifier: match[1] })),
  );
}

/** Relative imports that leave `packageDir`. */
function leaving(packageDir: string, sourcesDir: string): string[] {
  return specifiers(sourcesDir)
    .filter(({ specifier }) => specifier.startsWith('.'))
    .filter(({ file, specifier }) => {
      const target = path.resolve(ROOT, path.dirname(file), specifier);
      return !target.startsWith(path.join(ROOT, packageDir) + path.sep);
    })
    .map(({ file, specifier }) => `${file}: ${specifier}`);
}

describe('package boundaries', () => {
  it('the API imports nothing from the SDK or the widgets, and never esbuild', () => {
    assert.deepEqual(leaving('api', 'api/src'), []);
    const offenders = specifiers('api/src').filter(({ specifier }) => /(^|\/)(sdk|widgets)(\/|$)|^@lastmeter\/(sdk|widgets)|^esbuild$/.test(specifier));
    assert.deepEqual(offenders, []);
  });

  it('the widgets take the SDK by its package name, never by a path into it', () => {
    assert.deepEqual(leaving('widgets', 'widgets/src'), []);
    assert.ok(specifiers('widgets/src').some(({ specifier }) => specifier === '@lastmeter/sdk'), 'widgets import @lastmeter/sdk');
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'widgets/package.json'), 'utf8'));
    assert.ok(manifest.dependencies['@lastmeter/sdk'], 'widgets/package.json depends on @lastmeter/sdk');
  });

  it('the SDK imports nothing of the API or the widgets: it is generated from the schema', () => {
    assert.deepEqual(leaving('sdk', 'sdk/src'), []);
    assert.deepEqual(specifiers('sdk/src').filter(({ specifier }) => /^@lastmeter\//.test(specifier)), []);
  });

  it('api/package.json names an entry that exists (the build of api/src/main.ts)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'api/package.json'), 'utf8'));
    assert.equal(manifest.main, 'dist/main.js');
    assert.ok(fs.existsSync(path.join(ROOT, 'api', manifest.main)), 'api/dist/main.js exists (built on install: npm ci, or npm run build -w @lastmeter/api)');
    assert.ok(fs.existsSync(path.join(ROOT, 'api/src/main.ts')));
  });
});

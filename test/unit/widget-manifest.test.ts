/**
 * widgets/custom-elements.json is the portal developer's manual (issue 21, point 8):
 * every `--lm-*` token with its default (light and dark), every event typed as
 * `CustomEvent<{…}>`, every part the styles expose, and the attributes a page
 * must set marked as required.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { COLOR_TOKENS, documentedTokens } from '../../widgets/src/internal/theme-tokens';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'widgets', 'custom-elements.json'), 'utf8'));
const declarations: any[] = manifest.modules.flatMap((m: any) => m.declarations ?? []).filter((d: any) => d.tagName);
const element = (tag: string) => declarations.find((d) => d.tagName === tag);

describe('the widgets manifest', () => {
  it('declares every colour token of the report form with its light and dark default', () => {
    const declared = new Map<string, string>(element('lm-report-form').cssProperties.map((p: any) => [p.name, p.default]));
    for (const [name, , light, dark] of COLOR_TOKENS) {
      assert.equal(declared.get(`--lm-color-${name}`), light, `--lm-color-${name}`);
      assert.equal(declared.get(`--lm-color-${name}-dark`), dark, `--lm-color-${name}-dark`);
    }
    for (const name of ['--lm-font-family', '--lm-font-size', '--lm-radius', '--lm-spacing', '--lm-focus-ring', '--lm-focus-ring-dark']) assert.ok(declared.get(name), name);
  });

  it('documents every theme token, with the theme’s defaults, on every element (the staff console’s too)', () => {
    const theme = documentedTokens();
    for (const d of declarations) {
      const declared = new Map<string, string>(d.cssProperties.map((p: any) => [p.name, p.default]));
      for (const token of theme) assert.equal(declared.get(token.name), token.default, `${d.tagName} ${token.name}`);
    }
    // A description written in the component's JSDoc is kept.
    assert.equal(element('lm-stats').cssProperties.find((p: any) => p.name === '--lm-color-primary').description, 'Colour of the figures.');
  });

  it('gives every token of every element a default, and every declared token exists in the theme', () => {
    const known = new Set(['--lm-font-family', '--lm-font-size', '--lm-radius', '--lm-spacing', '--lm-focus-ring', '--lm-focus-ring-dark', ...COLOR_TOKENS.flatMap(([n]) => [`--lm-color-${n}`, `--lm-color-${n}-dark`])]);
    for (const d of declarations) {
      for (const p of d.cssProperties) {
        assert.ok(p.default, `${d.tagName} ${p.name} has a default`);
        assert.ok(known.has(p.name), `${d.tagName} ${p.name} is a real token`);
      }
    }
  });

  it('types every event as CustomEvent<{…}> and documents the form’s base part', () => {
    for (const d of declarations) {
      for (const e of d.events ?? []) assert.match(e.type?.text ?? '', /^CustomEvent<\{.+\}>$/, `${d.tagName} ${e.name}`);
      assert.ok(d.cssParts.some((p: any) => p.name === 'base'), `${d.tagName} documents part base`);
    }
    assert.deepEqual(element('lm-issue-feed').events.map((e: any) => e.name).sort(), ['lm-error', 'lm-sign-in-required']);
  });

  it('marks the attributes a page must set, and says how to find a region id', () => {
    const portalKey = element('lm-report-form').attributes.find((a: any) => a.name === 'portal-key');
    assert.match(portalKey.description, /^Required on a page of another origin/i);
    const token = element('lm-issue-feed').members.find((m: any) => m.name === 'token');
    assert.match(token.description, /^Required/);
    assert.match(element('lm-stats').attributes.find((a: any) => a.name === 'region').description, /regions/);
  });
});

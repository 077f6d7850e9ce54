/**
 * Theme tokens. A portal themes the widgets only through `--lm-*` custom
 * properties (and `::part`); each colour has a light default and a `-dark`
 * twin. Which one applies follows the HOST page's `color-scheme` (a light-only
 * portal gets light widgets whatever the system says), or the element's
 * `color-scheme="light|dark|auto"` attribute. Internally the components read
 * the `--_*` aliases.
 */
import { css, unsafeCSS } from 'lit';
import { COLOR_TOKENS, FOCUS_TOKEN, PLAIN_TOKENS } from './theme-tokens';

/** Tokens with a light and a dark value: full name, alias, light, dark. */
const ALL_TOKENS = [...COLOR_TOKENS.map(([name, alias, l, d]) => [`--lm-color-${name}`, alias, l, d] as const), FOCUS_TOKEN];

const plain = PLAIN_TOKENS.map(([name, alias, value]) => `${alias}: var(${name}, ${value});`).join('\n');
const light = ALL_TOKENS.map(([name, alias, value]) => `${alias}: var(${name}, ${value});`).join('\n');
const dark = ALL_TOKENS.map(([name, alias, , value]) => `${alias}: var(${name}-dark, ${value});`).join('\n');
/** Both, chosen by the used color-scheme of the element (inherited from the host page). */
const followScheme = ALL_TOKENS.map(
  ([name, alias, lightValue, darkValue]) => `${alias}: light-dark(var(${name}, ${lightValue}), var(${name}-dark, ${darkValue}));`,
).join('\n');

export const themeStyles = css`
  :host {
    ${unsafeCSS(plain)}
    /* Light unless told otherwise: the safe choice where light-dark() is unknown. */
    ${unsafeCSS(light)}
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_surface);
  }
  :host([color-scheme='light']) {
    color-scheme: light;
  }
  :host([color-scheme='dark']) {
    color-scheme: dark;
  }
  :host([color-scheme='auto']) {
    color-scheme: light dark;
  }
  /* The page's color-scheme (inherited) decides: 'normal' and 'light' give light, 'dark' dark, 'light dark' the system's. */
  @supports (color: light-dark(#000, #fff)) {
    :host {
      ${unsafeCSS(followScheme)}
    }
  }
  /* Browsers without light-dark(): the attribute still forces dark, and auto follows the system. */
  @supports not (color: light-dark(#000, #fff)) {
    :host([color-scheme='dark']) {
      ${unsafeCSS(dark)}
    }
    @media (prefers-color-scheme: dark) {
      :host([color-scheme='auto']) {
        ${unsafeCSS(dark)}
      }
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .card {
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.2em;
  }
  label,
  legend {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  input[type='text'],
  input[type='tel'],
  input[type='password'],
  input[type='number'],
  input[type='date'],
  input[type='search'],
  input:not([type]),
  select,
  textarea {
    width: 100%;
    min-height: 44px;
    padding: 0.5rem 0.6rem;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  textarea {
    min-height: 7em;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  /* Every control is at least 44 × 44 px: a thumb's width (WCAG 2.5.5). */
  button {
    min-height: 44px;
    min-width: 44px;
    font: inherit;
    cursor: pointer;
    padding: 0.5rem 1rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_primary);
    background: var(--_surface);
    color: var(--_primary);
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }
  :is(button, input, select, textarea, a, [tabindex]):focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0.25rem 0 0;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .field-error {
    color: var(--_danger);
    font-weight: 600;
    font-size: 0.9em;
    margin: 0.25rem 0 0;
  }
  .notice {
    margin: var(--_space) 0 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_primary);
    background: var(--_surface-alt);
    border-radius: var(--_radius);
  }
  .field {
    margin-bottom: var(--_space);
  }
  .code {
    white-space: nowrap;
  }
`;

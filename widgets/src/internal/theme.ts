/**
 * Theme tokens. A portal themes the widgets only through `--lm-*` custom
 * properties (and `::part`); each token has a light and a dark default, picked
 * by `prefers-color-scheme`. Internally the components read the `--_*` aliases.
 *
 * Tokens: --lm-font-family, --lm-font-size, --lm-radius, --lm-spacing,
 * --lm-color-primary, --lm-color-on-primary, --lm-color-surface, --lm-color-surface-alt,
 * --lm-color-text, --lm-color-muted, --lm-color-border, --lm-color-danger,
 * --lm-color-success, --lm-color-warning, --lm-focus-ring
 * (and the same colour names with `-dark` for the dark scheme).
 */
import { css } from 'lit';

export const themeStyles = css`
  :host {
    --_font: var(--lm-font-family, system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif);
    --_size: var(--lm-font-size, 1rem);
    --_radius: var(--lm-radius, 6px);
    --_space: var(--lm-spacing, 0.75rem);
    --_primary: var(--lm-color-primary, #1d4f91);
    --_on-primary: var(--lm-color-on-primary, #ffffff);
    --_surface: var(--lm-color-surface, #ffffff);
    --_surface-alt: var(--lm-color-surface-alt, #f3f5f8);
    --_text: var(--lm-color-text, #1f2328);
    --_muted: var(--lm-color-muted, #525a63);
    --_border: var(--lm-color-border, #8c959f);
    --_danger: var(--lm-color-danger, #b42318);
    --_success: var(--lm-color-success, #1a7f37);
    --_warning: var(--lm-color-warning, #9a6700);
    --_focus: var(--lm-focus-ring, #d97706);
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_surface);
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_primary: var(--lm-color-primary-dark, #9cc2ff);
      --_on-primary: var(--lm-color-on-primary-dark, #0b1d33);
      --_surface: var(--lm-color-surface-dark, #1b1d21);
      --_surface-alt: var(--lm-color-surface-alt-dark, #262a30);
      --_text: var(--lm-color-text-dark, #e6e8eb);
      --_muted: var(--lm-color-muted-dark, #a9b1bb);
      --_border: var(--lm-color-border-dark, #6e7781);
      --_danger: var(--lm-color-danger-dark, #ff9b8f);
      --_success: var(--lm-color-success-dark, #7ee2a0);
      --_warning: var(--lm-color-warning-dark, #f2cc60);
      --_focus: var(--lm-focus-ring-dark, #fbbf24);
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
  input:not([type]),
  select,
  textarea {
    width: 100%;
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
  button {
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
  .field {
    margin-bottom: var(--_space);
  }
`;

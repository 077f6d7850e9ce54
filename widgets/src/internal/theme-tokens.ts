/** The colour tokens of the theme (theme.ts), apart from lit so tests and docs can read them. */

/** Every colour token: its name after `--lm-`, light default, dark default. Documented in each component's JSDoc. */
export const COLOR_TOKENS = [
  ['primary', '--_primary', '#1d4f91', '#9cc2ff'],
  ['on-primary', '--_on-primary', '#ffffff', '#0b1d33'],
  ['surface', '--_surface', '#ffffff', '#1b1d21'],
  ['surface-alt', '--_surface-alt', '#f3f5f8', '#262a30'],
  ['text', '--_text', '#1f2328', '#e6e8eb'],
  ['muted', '--_muted', '#525a63', '#a9b1bb'],
  ['border', '--_border', '#8c959f', '#6e7781'],
  ['danger', '--_danger', '#b42318', '#ff9b8f'],
  ['success', '--_success', '#1a7f37', '#7ee2a0'],
  ['warning', '--_warning', '#9a6700', '#f2cc60'],
] as const;

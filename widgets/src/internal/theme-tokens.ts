/**
 * The theme's tokens (theme.ts builds its CSS from these), apart from lit so tests
 * and the manifest plugin (custom-elements-manifest.config.mjs) can read them.
 */

/** Every colour token: its name after `--lm-color-`, internal alias, light default, dark default. */
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

/** The keyboard focus outline: a light and a dark value like a colour, but named `--lm-focus-ring`. */
export const FOCUS_TOKEN = ['--lm-focus-ring', '--_focus', '#d97706', '#fbbf24'] as const;

/** Tokens with one value for both schemes: name, internal alias, default. */
export const PLAIN_TOKENS = [
  ['--lm-font-family', '--_font', "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"],
  ['--lm-font-size', '--_size', '1rem'],
  ['--lm-radius', '--_radius', '6px'],
  ['--lm-spacing', '--_space', '0.75rem'],
] as const;

/** What each token does, for the manual (apart from the lists above, so the bundles do not carry it). */
const DESCRIPTIONS: Record<string, string> = {
  '--lm-font-family': 'Font family.',
  '--lm-font-size': 'Base font size.',
  '--lm-radius': 'Corner radius.',
  '--lm-spacing': 'Base spacing.',
  '--lm-color-primary': 'Buttons, links and accents.',
  '--lm-color-on-primary': 'Text on primary buttons.',
  '--lm-color-surface': 'Background.',
  '--lm-color-surface-alt': 'Background of forms, notices and the header.',
  '--lm-color-text': 'Text colour.',
  '--lm-color-muted': 'Secondary text: times, hints.',
  '--lm-color-border': 'Borders of cards and controls.',
  '--lm-color-danger': 'Errors and urgent badges.',
  '--lm-color-success': 'Success messages.',
  '--lm-color-warning': 'Warnings.',
  '--lm-focus-ring': 'Keyboard focus outline.',
};

export interface DocumentedToken {
  name: string;
  default: string;
  description: string;
}

/** Every token an element styled with the theme reads, in the order the manual lists them. */
export function documentedTokens(): DocumentedToken[] {
  const token = (name: string, value: string) => ({ name, default: value, description: DESCRIPTIONS[name] ?? '' });
  const twins = (name: string, light: string, dark: string) => [token(name, light), { name: `${name}-dark`, default: dark, description: 'The same in the dark scheme.' }];
  return [
    ...PLAIN_TOKENS.map(([name, , value]) => token(name, value)),
    ...COLOR_TOKENS.flatMap(([name, , light, dark]) => twins(`--lm-color-${name}`, light, dark)),
    ...twins(FOCUS_TOKEN[0], FOCUS_TOKEN[2], FOCUS_TOKEN[3]),
  ];
}

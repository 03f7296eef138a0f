import { parseHex } from './contrast.js';
import { tokenSpec, type ColourToken, type FixedColourToken, type FollowingColourToken, type ValueToken } from './tokens.js';

/**
 * One scheme's colours: every token with a literal default, and those tokens that follow
 * another (the focus ring, the rungs, chart axis / label / outline) only where the preset
 * deliberately overrides them. Left out, they follow their leader, as the stylesheet does.
 */
export type SchemeColours = Readonly<Record<FixedColourToken, string> & Partial<Record<FollowingColourToken, string>>>;

/**
 * A complete theme: every colour token with a light and a dark value (hex, so contrast can be
 * checked; following tokens may be left out), and every type / spacing / shape token.
 * `themeCss` turns one into the CSS a team pastes into its page.
 */
export interface ThemePreset {
  /** Identifier (a `name` in `THEME_PRESETS`, the value of the demo's picker). */
  name: string;
  /** Human name shown in the picker. */
  label: string;
  /** One sentence on when to use it. */
  description: string;
  light: SchemeColours;
  dark: SchemeColours;
  values: Readonly<Record<ValueToken, string>>;
}

/** `color-mix(in srgb, a p%, b)` of two hex colours, as hex (what the browser paints); null if either is not hex. */
export function mixHex(a: string, b: string, percent: number): string | null {
  const ca = parseHex(a);
  const cb = parseHex(b);
  if (!ca || !cb) return null;
  const p = percent / 100;
  return `#${ca.map((c, i) => Math.round(c * p + cb[i]! * (1 - p)).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The colour a token takes in one scheme of a preset: its own value when set, else what it
 * follows (resolved in turn; a rung mixes primary into the surface), as hex when the leaders
 * are hex, otherwise as the CSS expression the stylesheet would compute.
 */
export function resolvedColour(colours: SchemeColours, name: ColourToken): string {
  const own = (colours as Partial<Record<ColourToken, string>>)[name];
  if (own !== undefined) return own;
  const spec = tokenSpec(name);
  if (!spec.follows) return '';
  const leader = resolvedColour(colours, spec.follows as ColourToken);
  if (!spec.mix) return leader;
  const other = resolvedColour(colours, spec.mix.with as ColourToken);
  return mixHex(leader, other, spec.mix.percent) ?? `color-mix(in srgb, ${leader} ${spec.mix.percent}%, ${other})`;
}

/** Whether a preset sets a following token itself (in either scheme) rather than letting it follow. */
export function overrides(preset: ThemePreset, name: ColourToken): boolean {
  const has = (c: SchemeColours) => (c as Partial<Record<ColourToken, string>>)[name] !== undefined;
  return has(preset.light) || has(preset.dark);
}

const SYSTEM_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const MONO_FONT = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace";

/**
 * The built-in look: exactly the defaults of components/base/theme.ts (a unit test checks it).
 * Following tokens are left out, so they follow here as they do with no theme.
 */
const DEFAULT_PRESET: ThemePreset = {
  name: 'default',
  label: 'Rapport (default)',
  description: 'Cool greys and a blue primary; the look with no theme set.',
  light: {
    '--rapport-color-text': '#1d2430',
    '--rapport-color-text-muted': '#5a6474',
    '--rapport-color-surface': '#ffffff',
    '--rapport-color-surface-alt': '#f4f6f9',
    '--rapport-color-border': '#d5dbe3',
    '--rapport-color-primary': '#1f5fbf',
    '--rapport-color-on-primary': '#ffffff',
    '--rapport-color-danger': '#b3261e',
    '--rapport-color-danger-surface': '#fdecea',
    '--rapport-color-warning': '#7a4f00',
    '--rapport-color-warning-surface': '#fff4e0',
    '--rapport-color-success': '#1e6b3a',
      '--rapport-color-shadow': '#00000026',
    '--rapport-segment-color-1': '#1f5fbf',
    '--rapport-segment-color-2': '#a34700',
    '--rapport-segment-color-3': '#1e6b3a',
    '--rapport-segment-color-4': '#8e2a8b',
    '--rapport-segment-color-5': '#b3261e',
    '--rapport-segment-color-6': '#00677f',
    '--rapport-segment-color-7': '#6b5600',
    '--rapport-segment-color-8': '#4b4fae',
    '--rapport-segment-color-9': '#9c2d5a',
    '--rapport-segment-color-10': '#4d5766',
    '--rapport-segment-label-color': '#ffffff',
    '--rapport-chart-gridline-color': '#e3e7ed',
  },
  dark: {
    '--rapport-color-text': '#e8ebf0',
    '--rapport-color-text-muted': '#a4adbb',
    '--rapport-color-surface': '#161b22',
    '--rapport-color-surface-alt': '#1f2630',
    '--rapport-color-border': '#363f4c',
    '--rapport-color-primary': '#6ea8ff',
    '--rapport-color-on-primary': '#0b1220',
    '--rapport-color-danger': '#ff8a80',
    '--rapport-color-danger-surface': '#3a1b1b',
    '--rapport-color-warning': '#ffcc66',
    '--rapport-color-warning-surface': '#33290f',
    '--rapport-color-success': '#7ddc9b',
      '--rapport-color-shadow': '#00000080',
    '--rapport-segment-color-1': '#6ea8ff',
    '--rapport-segment-color-2': '#ffb074',
    '--rapport-segment-color-3': '#7ddc9b',
    '--rapport-segment-color-4': '#e59be3',
    '--rapport-segment-color-5': '#ff8a80',
    '--rapport-segment-color-6': '#5fd3ee',
    '--rapport-segment-color-7': '#e3c65a',
    '--rapport-segment-color-8': '#aeb2ff',
    '--rapport-segment-color-9': '#ff9cc2',
    '--rapport-segment-color-10': '#b7c0cc',
    '--rapport-segment-label-color': '#0b1220',
    '--rapport-chart-gridline-color': '#2a323d',
  },
  values: {
    '--rapport-font-family': SYSTEM_FONT,
    '--rapport-font-family-mono': MONO_FONT,
    '--rapport-font-numeric': 'tabular-nums',
    '--rapport-font-size': '1em',
    '--rapport-font-size-small': '0.85em',
    '--rapport-font-size-large': '1.15em',
    '--rapport-font-weight-strong': '600',
    '--rapport-spacing': '16px',
    '--rapport-spacing-small': '8px',
    '--rapport-radius': '8px',
    '--rapport-radius-small': '4px',
  },
};

/**
 * Warm neutrals and a terracotta brand colour, rounder corners: a retail or hospitality brand.
 * Its own rung ramp (darker than the primary-over-surface mix, so every step reaches 3:1) and a
 * grey lapsed rung (danger is close to the brand colour) are deliberate overrides.
 */
const TERRACOTTA_PRESET: ThemePreset = {
  name: 'terracotta',
  label: 'Terracotta (warm brand)',
  description: 'Warm paper surfaces, a terracotta primary and earthy segment colours; rounder corners.',
  light: {
    '--rapport-color-text': '#2b1d14',
    '--rapport-color-text-muted': '#6b5444',
    '--rapport-color-surface': '#fffbf6',
    '--rapport-color-surface-alt': '#f7efe6',
    '--rapport-color-border': '#e3d3c3',
    '--rapport-color-primary': '#a3401c',
    '--rapport-color-on-primary': '#ffffff',
    '--rapport-color-danger': '#a11d2b',
    '--rapport-color-danger-surface': '#fbe9e7',
    '--rapport-color-warning': '#7a4a00',
    '--rapport-color-warning-surface': '#fdf0d9',
    '--rapport-color-success': '#2f6b2a',
    '--rapport-color-shadow': '#3a201026',
    '--rapport-segment-color-1': '#a3401c',
    '--rapport-segment-color-2': '#1f6f5c',
    '--rapport-segment-color-3': '#855400',
    '--rapport-segment-color-4': '#6d3b8f',
    '--rapport-segment-color-5': '#2e5c9a',
    '--rapport-segment-color-6': '#9b2c4e',
    '--rapport-segment-color-7': '#4f6b1f',
    '--rapport-segment-color-8': '#7a4a2a',
    '--rapport-segment-color-9': '#00697a',
    '--rapport-segment-color-10': '#5e5650',
    '--rapport-segment-label-color': '#ffffff',
    '--rapport-rung-color-prospect': '#c2704a',
    '--rapport-rung-color-customer': '#b05a33',
    '--rapport-rung-color-client': '#9a4624',
    '--rapport-rung-color-supporter': '#82361a',
    '--rapport-rung-color-advocate': '#692812',
    '--rapport-rung-color-partner': '#4c1b0b',
    '--rapport-rung-color-lapsed': '#5e5650',
    '--rapport-chart-gridline-color': '#efe3d6',
  },
  dark: {
    '--rapport-color-text': '#f3e9df',
    '--rapport-color-text-muted': '#c2ad9c',
    '--rapport-color-surface': '#1c1612',
    '--rapport-color-surface-alt': '#271e18',
    '--rapport-color-border': '#4a3b30',
    '--rapport-color-primary': '#ff9d73',
    '--rapport-color-on-primary': '#1c1612',
    '--rapport-color-danger': '#ff8f8f',
    '--rapport-color-danger-surface': '#3b1a1a',
    '--rapport-color-warning': '#f2c46b',
    '--rapport-color-warning-surface': '#352712',
    '--rapport-color-success': '#9fd68f',
    '--rapport-color-shadow': '#00000099',
    '--rapport-segment-color-1': '#ff9d73',
    '--rapport-segment-color-2': '#6fd6bb',
    '--rapport-segment-color-3': '#f0c05a',
    '--rapport-segment-color-4': '#d4a6f2',
    '--rapport-segment-color-5': '#9ec2ff',
    '--rapport-segment-color-6': '#ff9cb8',
    '--rapport-segment-color-7': '#bcd67a',
    '--rapport-segment-color-8': '#e5b08c',
    '--rapport-segment-color-9': '#6fd8ea',
    '--rapport-segment-color-10': '#cfc6bf',
    '--rapport-segment-label-color': '#1c1612',
    '--rapport-rung-color-prospect': '#a0583a',
    '--rapport-rung-color-customer': '#c26c47',
    '--rapport-rung-color-client': '#db8660',
    '--rapport-rung-color-supporter': '#eda283',
    '--rapport-rung-color-advocate': '#f7c0a6',
    '--rapport-rung-color-partner': '#ffdfcf',
    '--rapport-rung-color-lapsed': '#a89d94',
    '--rapport-chart-gridline-color': '#33281f',
  },
  values: {
    '--rapport-font-family': "'Avenir Next', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
    '--rapport-font-family-mono': MONO_FONT,
    '--rapport-font-numeric': 'tabular-nums',
    '--rapport-font-size': '1em',
    '--rapport-font-size-small': '0.85em',
    '--rapport-font-size-large': '1.2em',
    '--rapport-font-weight-strong': '700',
    '--rapport-spacing': '18px',
    '--rapport-spacing-small': '10px',
    '--rapport-radius': '14px',
    '--rapport-radius-small': '8px',
  },
};

/**
 * Black and white, borders as strong as text, saturated marks with 7:1 labels (WCAG AAA for
 * text), a thick-looking focus ring colour and a slightly larger type: for projectors and
 * readers who need more contrast.
 */
const HIGH_CONTRAST_PRESET: ThemePreset = {
  name: 'high-contrast',
  label: 'High contrast',
  description: 'Black on white (white on black), strong borders, 7:1 text and labels; for projectors and low vision.',
  light: {
    '--rapport-color-text': '#000000',
    '--rapport-color-text-muted': '#303030',
    '--rapport-color-surface': '#ffffff',
    '--rapport-color-surface-alt': '#f0f0f0',
    '--rapport-color-border': '#000000',
    '--rapport-color-primary': '#0037a8',
    '--rapport-color-on-primary': '#ffffff',
    '--rapport-color-focus-ring': '#c00070',
    '--rapport-color-danger': '#a0000a',
    '--rapport-color-danger-surface': '#ffe5e5',
    '--rapport-color-warning': '#5c3a00',
    '--rapport-color-warning-surface': '#fff0c8',
    '--rapport-color-success': '#004d1f',
    '--rapport-color-shadow': '#00000066',
    '--rapport-segment-color-1': '#0037a8',
    '--rapport-segment-color-2': '#7f2f00',
    '--rapport-segment-color-3': '#00501f',
    '--rapport-segment-color-4': '#6a0d68',
    '--rapport-segment-color-5': '#9a000e',
    '--rapport-segment-color-6': '#004e63',
    '--rapport-segment-color-7': '#4f4000',
    '--rapport-segment-color-8': '#2f3197',
    '--rapport-segment-color-9': '#850c42',
    '--rapport-segment-color-10': '#333a45',
    '--rapport-segment-label-color': '#ffffff',
    '--rapport-rung-color-prospect': '#5470a8',
    '--rapport-rung-color-customer': '#3d5c99',
    '--rapport-rung-color-client': '#2a4a88',
    '--rapport-rung-color-supporter': '#1a3874',
    '--rapport-rung-color-advocate': '#0c275e',
    '--rapport-rung-color-partner': '#000f33',
    '--rapport-rung-color-lapsed': '#9a000e',
    '--rapport-chart-axis-color': '#000000',
    '--rapport-chart-gridline-color': '#8c8c8c',
  },
  dark: {
    '--rapport-color-text': '#ffffff',
    '--rapport-color-text-muted': '#e0e0e0',
    '--rapport-color-surface': '#000000',
    '--rapport-color-surface-alt': '#141414',
    '--rapport-color-border': '#ffffff',
    '--rapport-color-primary': '#9cc3ff',
    '--rapport-color-on-primary': '#000000',
    '--rapport-color-focus-ring': '#ff7ac8',
    '--rapport-color-danger': '#ffa39a',
    '--rapport-color-danger-surface': '#3d0000',
    '--rapport-color-warning': '#ffd966',
    '--rapport-color-warning-surface': '#2e2200',
    '--rapport-color-success': '#8cf0ad',
    '--rapport-color-shadow': '#000000',
    '--rapport-segment-color-1': '#9cc3ff',
    '--rapport-segment-color-2': '#ffbd80',
    '--rapport-segment-color-3': '#7ff0a8',
    '--rapport-segment-color-4': '#f7b1f5',
    '--rapport-segment-color-5': '#ffa39a',
    '--rapport-segment-color-6': '#7fe3ff',
    '--rapport-segment-color-7': '#f5dc6c',
    '--rapport-segment-color-8': '#c2c5ff',
    '--rapport-segment-color-9': '#ffb3d2',
    '--rapport-segment-color-10': '#d3d9e2',
    '--rapport-segment-label-color': '#000000',
    '--rapport-rung-color-prospect': '#5f86c7',
    '--rapport-rung-color-customer': '#7c9fdb',
    '--rapport-rung-color-client': '#9ab8ec',
    '--rapport-rung-color-supporter': '#b8cff7',
    '--rapport-rung-color-advocate': '#d6e4ff',
    '--rapport-rung-color-partner': '#ffffff',
    '--rapport-rung-color-lapsed': '#ffa39a',
    '--rapport-chart-axis-color': '#ffffff',
    '--rapport-chart-gridline-color': '#7a7a7a',
  },
  values: {
    '--rapport-font-family': SYSTEM_FONT,
    '--rapport-font-family-mono': MONO_FONT,
    '--rapport-font-numeric': 'tabular-nums',
    '--rapport-font-size': '1.05rem',
    '--rapport-font-size-small': '0.9em',
    '--rapport-font-size-large': '1.25em',
    '--rapport-font-weight-strong': '700',
    '--rapport-spacing': '16px',
    '--rapport-spacing-small': '8px',
    '--rapport-radius': '4px',
    '--rapport-radius-small': '2px',
  },
};

/** The presets the theming page offers and `themeCss` can print. */
export const THEME_PRESETS: readonly ThemePreset[] = [DEFAULT_PRESET, TERRACOTTA_PRESET, HIGH_CONTRAST_PRESET];

/** A preset by name; the default preset for an unknown name. */
export function themePreset(name: string): ThemePreset {
  return THEME_PRESETS.find((p) => p.name === name) ?? DEFAULT_PRESET;
}

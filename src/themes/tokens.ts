/**
 * The documented system tokens of Rapport (`--rapport-*`), as data: their names, what they
 * style, and the private variable (`--_*`) each element reads them through. The stylesheet that
 * applies them is `components/base/theme.ts`; a unit test keeps the two and the default preset
 * in step. Pure data: no DOM, no imports, so the demo, the docs and a build script can all use it.
 */

/** Colour tokens: every preset gives each one a light and a dark value. */
export const COLOUR_TOKENS = [
  '--rapport-color-text',
  '--rapport-color-text-muted',
  '--rapport-color-surface',
  '--rapport-color-surface-alt',
  '--rapport-color-border',
  '--rapport-color-primary',
  '--rapport-color-on-primary',
  '--rapport-color-focus-ring',
  '--rapport-color-danger',
  '--rapport-color-danger-surface',
  '--rapport-color-warning',
  '--rapport-color-warning-surface',
  '--rapport-color-success',
  '--rapport-color-shadow',
  '--rapport-segment-color-1',
  '--rapport-segment-color-2',
  '--rapport-segment-color-3',
  '--rapport-segment-color-4',
  '--rapport-segment-color-5',
  '--rapport-segment-color-6',
  '--rapport-segment-color-7',
  '--rapport-segment-color-8',
  '--rapport-segment-color-9',
  '--rapport-segment-color-10',
  '--rapport-segment-label-color',
  '--rapport-rung-color-prospect',
  '--rapport-rung-color-customer',
  '--rapport-rung-color-client',
  '--rapport-rung-color-supporter',
  '--rapport-rung-color-advocate',
  '--rapport-rung-color-partner',
  '--rapport-rung-color-lapsed',
  '--rapport-chart-axis-color',
  '--rapport-chart-gridline-color',
  '--rapport-chart-label-color',
  '--rapport-chart-mark-outline-color',
] as const;

/**
 * Colour tokens whose default is another token (or a mix of two): they follow it until set
 * themselves, so a preset leaves them out unless it deliberately overrides them.
 */
export const FOLLOWING_COLOUR_TOKENS = [
  '--rapport-color-focus-ring',
  '--rapport-rung-color-prospect',
  '--rapport-rung-color-customer',
  '--rapport-rung-color-client',
  '--rapport-rung-color-supporter',
  '--rapport-rung-color-advocate',
  '--rapport-rung-color-partner',
  '--rapport-rung-color-lapsed',
  '--rapport-chart-axis-color',
  '--rapport-chart-label-color',
  '--rapport-chart-mark-outline-color',
] as const satisfies readonly (typeof COLOUR_TOKENS)[number][];

/** Type, spacing and shape tokens: one value for both schemes. */
export const VALUE_TOKENS = [
  '--rapport-font-family',
  '--rapport-font-family-mono',
  '--rapport-font-numeric',
  '--rapport-font-size',
  '--rapport-font-size-small',
  '--rapport-font-size-large',
  '--rapport-font-weight-strong',
  '--rapport-spacing',
  '--rapport-spacing-small',
  '--rapport-radius',
  '--rapport-radius-small',
] as const;

export type ColourToken = (typeof COLOUR_TOKENS)[number];
export type ValueToken = (typeof VALUE_TOKENS)[number];
export type FollowingColourToken = (typeof FOLLOWING_COLOUR_TOKENS)[number];
export type FixedColourToken = Exclude<ColourToken, FollowingColourToken>;
export type ThemeTokenName = ColourToken | ValueToken;

/** How the demo edits a token and how the docs group it. */
export type TokenGroup = 'colours' | 'segments' | 'rungs' | 'chart' | 'type' | 'space';

export interface TokenSpec {
  name: ThemeTokenName;
  /** The private variable every element reads (`--_text` for `--rapport-color-text`). */
  private: `--_${string}`;
  group: TokenGroup;
  /** What the token styles, in one line (docs and the demo's hint). */
  description: string;
  /**
   * Set when the stylesheet's default is another token rather than a literal, so changing that
   * token alone carries this one along (the focus ring follows primary unless set).
   */
  follows?: ThemeTokenName;
  /**
   * With `follows`: the default is `color-mix(in srgb, <follows> percent%, <with>)` rather than
   * the leader itself (the ladder's rungs: primary mixed into the surface or the text).
   */
  mix?: { with: ThemeTokenName; percent: number };
}

/** The ladder's places in drawing order, each with its rung colour token. */
export const RUNG_TOKEN_PLACES = ['prospect', 'customer', 'client', 'supporter', 'advocate', 'partner', 'lapsed'] as const;

/**
 * The ladder's built-in ramp: each rung's default is primary mixed into the surface (the first
 * steps, lighter on a light page) or into the text colour (the last ones, deeper), so the steps
 * grow stronger from prospect to partner while the lightest still keeps 3:1 against the surface
 * in both schemes (non-text contrast, WCAG 1.4.11); the client step is primary itself.
 */
export const RUNG_RAMP: Readonly<Record<Exclude<(typeof RUNG_TOKEN_PLACES)[number], 'lapsed'>, { with: 'surface' | 'text'; percent: number }>> = {
  prospect: { with: 'surface', percent: 70 },
  customer: { with: 'surface', percent: 85 },
  client: { with: 'surface', percent: 100 },
  supporter: { with: 'text', percent: 80 },
  advocate: { with: 'text', percent: 60 },
  partner: { with: 'text', percent: 40 },
};

function rungSpec(place: (typeof RUNG_TOKEN_PLACES)[number]): TokenSpec {
  const base = { name: `--rapport-rung-color-${place}`, private: `--_rung-${place}`, group: 'rungs' } as const;
  if (place === 'lapsed') {
    return { ...base, description: 'Lapsed: customers who left the ladder.', follows: '--rapport-color-danger' };
  }
  const { with: other, percent } = RUNG_RAMP[place];
  return {
    ...base,
    description: `The ${place} rung of the ladder of loyalty.`,
    follows: '--rapport-color-primary',
    ...(percent < 100 ? { mix: { with: other === 'surface' ? '--rapport-color-surface' : '--rapport-color-text', percent } } : {}),
  };
}

const segmentSpecs: TokenSpec[] = Array.from({ length: 10 }, (_, i) => ({
  name: `--rapport-segment-color-${i + 1}` as ColourToken,
  private: `--_segment-${i + 1}` as const,
  group: 'segments' as const,
  description:
    i === 0
      ? 'Colour of the 1st segment (rule order, then Others); colours repeat after ten. Labels sit on it.'
      : `Colour of the ${ordinal(i + 1)} segment.`,
}));

function ordinal(n: number): string {
  return n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}

/** Every token, in the order the docs and the demo list them. */
export const THEME_TOKENS: readonly TokenSpec[] = [
  { name: '--rapport-color-text', private: '--_text', group: 'colours', description: 'Body text.' },
  { name: '--rapport-color-text-muted', private: '--_muted', group: 'colours', description: 'Secondary text: notes, captions, labels of figures.' },
  { name: '--rapport-color-surface', private: '--_surface', group: 'colours', description: 'Background of cards, buttons, tooltips and tables.' },
  { name: '--rapport-color-surface-alt', private: '--_surface-alt', group: 'colours', description: 'Alternate background: headers, stripes, empty cells.' },
  { name: '--rapport-color-border', private: '--_border', group: 'colours', description: 'Borders and rules.' },
  { name: '--rapport-color-primary', private: '--_primary', group: 'colours', description: 'Brand / action colour: primary buttons, links, pressed toggles, heat maps.' },
  { name: '--rapport-color-on-primary', private: '--_on-primary', group: 'colours', description: 'Text on the primary colour.' },
  { name: '--rapport-color-focus-ring', private: '--_focus-ring', group: 'colours', description: 'Keyboard focus outline.', follows: '--rapport-color-primary' },
  { name: '--rapport-color-danger', private: '--_danger', group: 'colours', description: 'Errors, negative gaps, lost customers.' },
  { name: '--rapport-color-danger-surface', private: '--_danger-surface', group: 'colours', description: 'Background of error messages.' },
  { name: '--rapport-color-warning', private: '--_warning', group: 'colours', description: 'Warnings and partial evidence.' },
  { name: '--rapport-color-warning-surface', private: '--_warning-surface', group: 'colours', description: 'Background of warnings.' },
  { name: '--rapport-color-success', private: '--_success', group: 'colours', description: 'Good news: positive gaps, completed loads.' },
  { name: '--rapport-color-shadow', private: '--_shadow', group: 'colours', description: 'Shadow under floating pieces (tooltips); transparent for none.' },
  ...segmentSpecs,
  { name: '--rapport-segment-label-color', private: '--_on-segment', group: 'segments', description: 'Text on every segment colour.' },
  ...RUNG_TOKEN_PLACES.map(rungSpec),
  { name: '--rapport-chart-axis-color', private: '--_axis', group: 'chart', description: 'Axis lines, ticks and tick labels.', follows: '--rapport-color-text-muted' },
  { name: '--rapport-chart-gridline-color', private: '--_gridline', group: 'chart', description: 'Gridlines behind marks.' },
  { name: '--rapport-chart-label-color', private: '--_chart-label', group: 'chart', description: 'Labels beside marks and axis titles.', follows: '--rapport-color-text' },
  { name: '--rapport-chart-mark-outline-color', private: '--_mark-outline', group: 'chart', description: 'Outline separating adjacent marks (tiles, steps, bars).', follows: '--rapport-color-surface' },
  { name: '--rapport-font-family', private: '--_font', group: 'type', description: 'Font of every element.' },
  { name: '--rapport-font-family-mono', private: '--_font-mono', group: 'type', description: 'Font of codes and identifiers.' },
  { name: '--rapport-font-numeric', private: '--_numeric', group: 'type', description: 'font-variant-numeric of figures and tables (tabular-nums keeps columns aligned).' },
  { name: '--rapport-font-size', private: '--_font-size', group: 'type', description: 'Base size of each element. Use rem or px: an em value compounds in nested elements.' },
  { name: '--rapport-font-size-small', private: '--_font-size-small', group: 'type', description: 'Notes, legends, captions.' },
  { name: '--rapport-font-size-large', private: '--_font-size-large', group: 'type', description: 'Headline figures.' },
  { name: '--rapport-font-weight-strong', private: '--_weight-strong', group: 'type', description: 'Titles and emphasised figures.' },
  { name: '--rapport-spacing', private: '--_gap', group: 'space', description: 'Space between and inside blocks.' },
  { name: '--rapport-spacing-small', private: '--_gap-small', group: 'space', description: 'Space between related items.' },
  { name: '--rapport-radius', private: '--_radius', group: 'space', description: 'Corner radius of cards and panels.' },
  { name: '--rapport-radius-small', private: '--_radius-small', group: 'space', description: 'Corner radius of buttons, inputs, tooltips.' },
];

/** Headings of the token groups (docs, demo). */
export const TOKEN_GROUP_LABELS: Readonly<Record<TokenGroup, string>> = {
  colours: 'Colours',
  segments: 'Segment palette',
  rungs: 'Ladder rungs',
  chart: 'Chart ink',
  type: 'Type',
  space: 'Spacing and shape',
};

/** The catalogue entry of a token. */
export function tokenSpec(name: ThemeTokenName): TokenSpec {
  return THEME_TOKENS.find((t) => t.name === name)!;
}

/** Whether a token holds a colour (a light and a dark value) rather than one value. */
export function isColourToken(name: string): name is ColourToken {
  return (COLOUR_TOKENS as readonly string[]).includes(name);
}

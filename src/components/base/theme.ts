import { css } from 'lit';

/**
 * The categorical segment palette, in segment order (rule order, then Others): the n-th segment
 * takes `--rapport-segment-color-n`, and colours repeat after ten. Every element that shows
 * segments (treemap tiles, migration swatches, ...) reads it, so a segment keeps its colour
 * across charts. Dark in light mode and light in dark mode, so labels on it stay readable
 * (white on the light-mode colours, near-black on the dark-mode ones: 6:1 or more).
 */
export const SEGMENT_PALETTE_SIZE = 10;

/** The CSS variable (private, set by `themeTokens`) holding the colour of the segment at `index` (0-based). */
export function segmentColour(index: number): string {
  const i = Number.isInteger(index) && index >= 0 ? index % SEGMENT_PALETTE_SIZE : 0;
  return `var(--_segment-${i + 1})`;
}

/**
 * System tokens (tier 1 of three; docs/THEMING.md). Every component reads these through its own
 * public tokens (`--rapport-<element>-*`, tier 2) and private `--_*` variables (tier 3), so a BI
 * team re-themes Rapport by setting `--rapport-*` on any ancestor (or `:root`). The catalogue
 * with descriptions is `src/themes/tokens.ts`; the default preset there holds these same
 * defaults (a unit test keeps them equal). A token that defaults to another (the focus ring to
 * primary, chart labels to text, the rungs to a mix of primary with the surface or the text) follows it until it
 * is set itself, so presets leave those out unless they mean to override them. Every `--_*`
 * declared here is read by some component (a unit test checks it).
 *
 * Light or dark: `theme="light"` / `theme="dark"` on an element fixes its scheme and, through
 * the inherited `--rapport-color-scheme`, the scheme of every Rapport element inside it (also
 * across shadow roots: a dashboard's charts follow the dashboard). With neither, elements follow
 * the reader's preference (prefers-color-scheme). A page can set `--rapport-color-scheme` on any
 * container to the same effect. Forced-colors mode falls back to system colours.
 */
export const themeTokens = css`
  :host {
    --_font: var(--rapport-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-mono: var(--rapport-font-family-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    --_numeric: var(--rapport-font-numeric, tabular-nums);
    --_font-size: var(--rapport-font-size, 1em);
    --_font-size-small: var(--rapport-font-size-small, 0.85em);
    --_font-size-large: var(--rapport-font-size-large, 1.15em);
    --_weight-strong: var(--rapport-font-weight-strong, 600);
    --_text: var(--rapport-color-text, light-dark(#1d2430, #e8ebf0));
    --_muted: var(--rapport-color-text-muted, light-dark(#5a6474, #a4adbb));
    --_surface: var(--rapport-color-surface, light-dark(#ffffff, #161b22));
    --_surface-alt: var(--rapport-color-surface-alt, light-dark(#f4f6f9, #1f2630));
    --_border: var(--rapport-color-border, light-dark(#d5dbe3, #363f4c));
    --_primary: var(--rapport-color-primary, light-dark(#1f5fbf, #6ea8ff));
    --_on-primary: var(--rapport-color-on-primary, light-dark(#ffffff, #0b1220));
    --_focus-ring: var(--rapport-color-focus-ring, var(--_primary));
    --_danger: var(--rapport-color-danger, light-dark(#b3261e, #ff8a80));
    --_danger-surface: var(--rapport-color-danger-surface, light-dark(#fdecea, #3a1b1b));
    --_warning: var(--rapport-color-warning, light-dark(#7a4f00, #ffcc66));
    --_warning-surface: var(--rapport-color-warning-surface, light-dark(#fff4e0, #33290f));
    --_success: var(--rapport-color-success, light-dark(#1e6b3a, #7ddc9b));
    --_shadow: var(--rapport-color-shadow, light-dark(#00000026, #00000080));
    --_radius: var(--rapport-radius, 8px);
    --_radius-small: var(--rapport-radius-small, 4px);
    --_gap: var(--rapport-spacing, 16px);
    --_gap-small: var(--rapport-spacing-small, 8px);
    --_segment-1: var(--rapport-segment-color-1, light-dark(#1f5fbf, #6ea8ff));
    --_segment-2: var(--rapport-segment-color-2, light-dark(#a34700, #ffb074));
    --_segment-3: var(--rapport-segment-color-3, light-dark(#1e6b3a, #7ddc9b));
    --_segment-4: var(--rapport-segment-color-4, light-dark(#8e2a8b, #e59be3));
    --_segment-5: var(--rapport-segment-color-5, light-dark(#b3261e, #ff8a80));
    --_segment-6: var(--rapport-segment-color-6, light-dark(#00677f, #5fd3ee));
    --_segment-7: var(--rapport-segment-color-7, light-dark(#6b5600, #e3c65a));
    --_segment-8: var(--rapport-segment-color-8, light-dark(#4b4fae, #aeb2ff));
    --_segment-9: var(--rapport-segment-color-9, light-dark(#9c2d5a, #ff9cc2));
    --_segment-10: var(--rapport-segment-color-10, light-dark(#4d5766, #b7c0cc));
    --_on-segment: var(--rapport-segment-label-color, light-dark(#ffffff, #0b1220));
    /*
     * The ladder of loyalty, prospect to partner: the primary colour growing stronger, from a
     * mix into the surface (still 3:1 against it) through primary to a mix into the text (so a
     * new primary re-colours the ladder), lapsed apart in danger. Each follows primary / danger
     * until set itself.
     */
    --_rung-prospect: var(--rapport-rung-color-prospect, color-mix(in srgb, var(--_primary) 70%, var(--_surface)));
    --_rung-customer: var(--rapport-rung-color-customer, color-mix(in srgb, var(--_primary) 85%, var(--_surface)));
    --_rung-client: var(--rapport-rung-color-client, var(--_primary));
    --_rung-supporter: var(--rapport-rung-color-supporter, color-mix(in srgb, var(--_primary) 80%, var(--_text)));
    --_rung-advocate: var(--rapport-rung-color-advocate, color-mix(in srgb, var(--_primary) 60%, var(--_text)));
    --_rung-partner: var(--rapport-rung-color-partner, color-mix(in srgb, var(--_primary) 40%, var(--_text)));
    --_rung-lapsed: var(--rapport-rung-color-lapsed, var(--_danger));
    /* Chart ink: what is drawn around the data rather than the data itself. */
    --_axis: var(--rapport-chart-axis-color, var(--_muted));
    --_gridline: var(--rapport-chart-gridline-color, light-dark(#e3e7ed, #2a323d));
    --_chart-label: var(--rapport-chart-label-color, var(--_text));
    --_mark-outline: var(--rapport-chart-mark-outline-color, var(--_surface));
    /* Inherited through shadow roots, so nested elements take their host's scheme. */
    color-scheme: var(--rapport-color-scheme, light dark);
    /*
     * The surface, resolved for this host's scheme and theme, where script can read it
     * (chart-export's background) without adding anything to the element's tree. flood-color
     * only paints <feFlood>/<feDropShadow> and is not inherited, so on a host it shows nowhere.
     */
    flood-color: var(--_surface);
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
  }
  :host([theme='light']) {
    --rapport-color-scheme: light;
  }
  :host([theme='dark']) {
    --rapport-color-scheme: dark;
  }
  @media (forced-colors: active) {
    :host {
      --_primary: LinkText;
      --_border: CanvasText;
      --_danger: CanvasText;
      --_warning: CanvasText;
      --_focus-ring: Highlight;
      --_axis: CanvasText;
      --_gridline: GrayText;
      --_chart-label: CanvasText;
      --_mark-outline: Canvas;
    }
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button {
    font: inherit;
    border-radius: var(--_radius-small);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    padding: 0.4em 0.9em;
    cursor: pointer;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
    border-color: var(--_primary);
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--_focus-ring);
    outline-offset: 2px;
  }
`;

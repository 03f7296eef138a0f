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
 * System tokens. Every component reads these through its own public tokens, so a BI team
 * re-themes Rapport by setting `--rapport-*` on any ancestor (or `:root`). Defaults follow
 * the user's light/dark preference; forced-colors mode falls back to system colours.
 */
export const themeTokens = css`
  :host {
    --_font: var(--rapport-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--rapport-color-text, light-dark(#1d2430, #e8ebf0));
    --_muted: var(--rapport-color-text-muted, light-dark(#5a6474, #a4adbb));
    --_surface: var(--rapport-color-surface, light-dark(#ffffff, #161b22));
    --_surface-alt: var(--rapport-color-surface-alt, light-dark(#f4f6f9, #1f2630));
    --_border: var(--rapport-color-border, light-dark(#d5dbe3, #363f4c));
    --_primary: var(--rapport-color-primary, light-dark(#1f5fbf, #6ea8ff));
    --_on-primary: var(--rapport-color-on-primary, light-dark(#ffffff, #0b1220));
    --_danger: var(--rapport-color-danger, light-dark(#b3261e, #ff8a80));
    --_danger-surface: var(--rapport-color-danger-surface, light-dark(#fdecea, #3a1b1b));
    --_warning: var(--rapport-color-warning, light-dark(#7a4f00, #ffcc66));
    --_warning-surface: var(--rapport-color-warning-surface, light-dark(#fff4e0, #33290f));
    --_success: var(--rapport-color-success, light-dark(#1e6b3a, #7ddc9b));
    --_radius: var(--rapport-radius, 8px);
    --_gap: var(--rapport-spacing, 16px);
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
    color-scheme: light dark;
    font-family: var(--_font);
    color: var(--_text);
  }
  @media (forced-colors: active) {
    :host {
      --_primary: LinkText;
      --_border: CanvasText;
      --_danger: CanvasText;
      --_warning: CanvasText;
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
    border-radius: calc(var(--_radius) / 2);
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
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
`;

import { css } from 'lit';

/**
 * The floating figures box of the chart elements (every chart's tooltip). Its shadow is the
 * shared `--rapport-tooltip-shadow` (default `0 2px 8px` of `--rapport-color-shadow`). The element
 * places it with `styleProps({ left, top })` inside a `position: relative` box; by default it
 * sits above that point, and an element that wants it elsewhere overrides `transform`.
 */
export const tooltipStyles = css`
  .tooltip {
    position: absolute;
    transform: translate(-50%, calc(-100% - 8px));
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.35em 0.6em;
    font-size: 0.85em;
    line-height: 1.35;
    white-space: nowrap;
    pointer-events: none;
    box-shadow: var(--rapport-tooltip-shadow, 0 2px 8px var(--_shadow));
    z-index: 1;
  }
  .tooltip strong {
    display: block;
  }
  @media (forced-colors: active) {
    .tooltip {
      border-color: CanvasText;
    }
  }
`;

/**
 * A row of joined buttons, one pressed (`aria-pressed="true"`): the charts' view switches
 * (treemap / grid, customers / revenue). The group is `.toggle`.
 */
export const toggleStyles = css`
  .toggle {
    display: inline-flex;
    font-weight: 400;
    font-size: 0.9em;
  }
  .toggle button {
    border-radius: 0;
    padding: 0.2em 0.7em;
  }
  .toggle button:first-child {
    border-radius: calc(var(--_radius) / 2) 0 0 calc(var(--_radius) / 2);
  }
  .toggle button:last-child {
    border-radius: 0 calc(var(--_radius) / 2) calc(var(--_radius) / 2) 0;
    margin-left: -1px;
  }
  .toggle button[aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
    border-color: var(--_primary);
  }
`;

/**
 * The table equivalent every chart offers behind a disclosure ("Show as table"): a plain data
 * table with a caption, figures right-aligned. Elements align their row headers themselves.
 */
export const tableEquivalentStyles = css`
  details {
    margin-top: calc(var(--_gap) / 2);
  }
  summary {
    cursor: pointer;
    color: var(--_primary);
  }
  table {
    border-collapse: collapse;
    margin-top: 0.5em;
    font-variant-numeric: var(--_numeric);
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: 0.3em;
  }
  th,
  td {
    padding: 0.25em 0.6em;
    border-bottom: 1px solid var(--_border);
    text-align: right;
  }
`;

/**
 * The top of a chart element: a title with its controls on one wrapping line (`.head`,
 * `.head .title`), notes in plain words (`.notes`, a list) and a legend of swatches
 * (`.legend`, one `span` per entry). Elements size their own swatches.
 */
export const chartHeaderStyles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: var(--_gap-small);
    margin-bottom: 0.3em;
  }
  .head .title {
    font-weight: 600;
  }
  .notes {
    margin: 0 0 0.6em;
    padding-inline-start: 1.2em;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em 1.2em;
    font-size: 0.85em;
    margin-bottom: 0.4em;
  }
  .legend span {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
  }
`;

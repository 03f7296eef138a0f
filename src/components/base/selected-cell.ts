import { css, nothing, svg, type SVGTemplateResult } from 'lit';

/** A cell's box in a chart's SVG units. */
export interface CellBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The chosen cell of a heat map or matrix (the R-by-F grid, the migration matrix): a ring on a
 * surface-coloured halo, drawn after every cell so no neighbour (nor a neighbour's hover or focus
 * ring) covers it, and a corner mark, so the choice does not rest on colour alone. `extra` is
 * drawn inside the group (e.g. the cell's own focus ring, which the selection ring would hide).
 */
export function selectedCellMark(c: CellBox, cornerMax: number, extra: SVGTemplateResult | typeof nothing = nothing) {
  const x = c.x + 2;
  const y = c.y + 2;
  const w = Math.max(0, c.w - 4);
  const h = Math.max(0, c.h - 4);
  const corner = Math.min(cornerMax, c.w * 0.35, c.h * 0.35);
  return svg`<g class="cell-selected" part="cell-selected" aria-hidden="true">
    <rect class="halo" x=${x} y=${y} width=${w} height=${h}></rect>
    <rect class="ring" x=${x} y=${y} width=${w} height=${h}></rect>
    <path class="corner" d="M${c.x} ${c.y}h${corner}L${c.x} ${c.y + corner}Z"></path>
    ${extra}
  </g>`;
}

/** Styles of `selectedCellMark`, in the colour the element keeps in `--_selected`. */
export const selectedCellStyles = css`
  .cell-selected {
    pointer-events: none;
  }
  .cell-selected .halo {
    fill: none;
    stroke: var(--_surface);
    stroke-width: 6;
  }
  .cell-selected .ring {
    fill: none;
    stroke: var(--_selected);
    stroke-width: 3;
  }
  .cell-selected .corner {
    fill: var(--_selected);
    stroke: var(--_surface);
    stroke-width: 1;
  }
  @media (forced-colors: active) {
    .cell-selected .ring {
      stroke: Highlight;
    }
    .cell-selected .halo,
    .cell-selected .corner {
      stroke: Canvas;
    }
    .cell-selected .corner {
      fill: Highlight;
    }
  }
`;

import { scaleBand } from 'd3';
import { NOT_YET_A_CUSTOMER } from '../analytics/migration-options.js';
import type { MigrationResult } from '../analytics/migration-options.js';

/** One cell of the migration heat map: customers in `from` at the start and in `to` at the end. */
export interface MatrixCell {
  row: number;
  col: number;
  from: string;
  to: string;
  customers: number;
  revenueTo: number;
  /** customers / the largest cell, 0..1; 0 everywhere when every cell is 0. */
  intensity: number;
  /** Customers who stayed in their segment (from === to). */
  stayed: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface MatrixLabel {
  index: number;
  text: string;
  /** Centre of the band along its axis (y for rows, x for columns). */
  position: number;
  /** Row or column total of customers. */
  total: number;
}

export interface MatrixLayout {
  width: number;
  height: number;
  cells: MatrixCell[];
  rowLabels: MatrixLabel[];
  colLabels: MatrixLabel[];
  /** Where the totals column (x) and totals row (y) are centred. */
  totalsX: number;
  totalsY: number;
  totals: { rows: number[]; cols: number[]; all: number; max: number };
  /** The plot area the cells fill. */
  plot: { x: number; y: number; w: number; h: number };
}

export interface MatrixLayoutOptions {
  /** Room left of the cells for row labels. */
  labelWidth?: number;
  /** Room above the cells for column labels. */
  labelHeight?: number;
  /** Room right of and below the cells for the totals. */
  totalsSize?: number;
  /** Gap between cells as a fraction of a band (d3 band padding). */
  padding?: number;
}

/**
 * Lays out the migration matrix in a `width` x `height` box: rows are the segments at `from`
 * (including "Not yet a customer"), columns the segments at `to` (which never include it).
 * Missing pairs count as 0 so the grid is always rows x columns.
 */
export function matrixLayout(
  migration: MigrationResult,
  width: number,
  height: number,
  options: MatrixLayoutOptions = {},
): MatrixLayout {
  const { labelWidth = 150, labelHeight = 110, totalsSize = 56, padding = 0.06 } = options;
  const { rows, cols } = matrixAxes(migration);

  const byPair = new Map<string, { customers: number; revenue: number }>();
  for (const m of migration.matrix) {
    const key = pairKey(m.from_segment, m.to_segment);
    const prev = byPair.get(key) ?? { customers: 0, revenue: 0 };
    byPair.set(key, { customers: prev.customers + Number(m.customers), revenue: prev.revenue + Number(m.revenue_to) });
  }

  const plot = {
    x: Math.min(labelWidth, width),
    y: Math.min(labelHeight, height),
    w: Math.max(0, width - labelWidth - totalsSize),
    h: Math.max(0, height - labelHeight - totalsSize),
  };
  const x = scaleBand<number>().domain(cols.map((_, i) => i)).range([plot.x, plot.x + plot.w]).padding(padding);
  const y = scaleBand<number>().domain(rows.map((_, i) => i)).range([plot.y, plot.y + plot.h]).padding(padding);

  const rowTotals = rows.map(() => 0);
  const colTotals = cols.map(() => 0);
  let max = 0;
  const raw = rows.flatMap((from, row) =>
    cols.map((to, col) => {
      const v = byPair.get(pairKey(from, to)) ?? { customers: 0, revenue: 0 };
      rowTotals[row]! += v.customers;
      colTotals[col]! += v.customers;
      max = Math.max(max, v.customers);
      return { row, col, from, to, customers: v.customers, revenueTo: v.revenue };
    }),
  );
  const cells: MatrixCell[] = raw.map((c) => ({
    ...c,
    intensity: max > 0 ? c.customers / max : 0,
    stayed: c.from === c.to,
    x: x(c.col) ?? plot.x,
    y: y(c.row) ?? plot.y,
    w: x.bandwidth(),
    h: y.bandwidth(),
  }));

  return {
    width,
    height,
    cells,
    rowLabels: rows.map((text, index) => ({
      index,
      text,
      position: (y(index) ?? plot.y) + y.bandwidth() / 2,
      total: rowTotals[index]!,
    })),
    colLabels: cols.map((text, index) => ({
      index,
      text,
      position: (x(index) ?? plot.x) + x.bandwidth() / 2,
      total: colTotals[index]!,
    })),
    totalsX: plot.x + plot.w + totalsSize / 2,
    totalsY: plot.y + plot.h + totalsSize / 2,
    totals: { rows: rowTotals, cols: colTotals, all: rowTotals.reduce((a, b) => a + b, 0), max },
    plot,
  };
}

/** Row segments (at `from`, prospects included) and column segments (at `to`). */
export function matrixAxes(migration: MigrationResult): { rows: string[]; cols: string[] } {
  return { rows: migration.segments, cols: migration.segments.filter((s) => s !== NOT_YET_A_CUSTOMER) };
}

function pairKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

import { hierarchy, treemap, treemapSquarify } from 'd3';

/** What a treemap tile can be sized by. */
export const TREEMAP_SIZE_BY = ['customers', 'revenue'] as const;
export type TreemapSizeBy = (typeof TREEMAP_SIZE_BY)[number];

/** The fields the treemap reads; a segment summary row has them (and more). */
export interface TreemapInputRow {
  segment: string;
  customers: number;
  revenue: number;
}

export interface TreemapRect {
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
  value: number;
  /** value / total of all tiles, 0..1. */
  share: number;
}

/**
 * Lay out one tile per segment in a `width` x `height` box, tile area proportional to
 * `sizeBy`. Segments with no (or a non-finite, or negative) size are omitted. The order is
 * deterministic: largest first, ties by name, so the same data always draws the same picture.
 * No padding: the component insets tiles with its own stroke, so areas stay exact here.
 */
export function treemapLayout(
  rows: readonly TreemapInputRow[],
  width: number,
  height: number,
  sizeBy: TreemapSizeBy,
): TreemapRect[] {
  const leaves = rows
    .map((r) => ({ label: r.segment, value: Number(r[sizeBy]) }))
    .filter((d) => Number.isFinite(d.value) && d.value > 0);
  if (!leaves.length || !(width > 0) || !(height > 0)) return [];
  const total = leaves.reduce((s, d) => s + d.value, 0);
  type Node = { label: string; value: number; children?: Node[] };
  const root = hierarchy<Node>({ label: '', value: 0, children: leaves })
    .sum((d) => (d.children ? 0 : d.value))
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || (a.data.label < b.data.label ? -1 : a.data.label > b.data.label ? 1 : 0));
  const laidOut = treemap<Node>().tile(treemapSquarify).size([width, height]).round(false)(root);
  return laidOut.leaves().map((n) => ({
    x: n.x0,
    y: n.y0,
    w: n.x1 - n.x0,
    h: n.y1 - n.y0,
    label: n.data.label,
    value: n.data.value,
    share: n.data.value / total,
  }));
}

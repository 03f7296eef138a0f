import { range, scaleBand } from 'd3';

/** Customers per (R, F) score pair, as a `GROUP BY r_score, f_score` query returns them. */
export interface ScoreCellCount {
  r_score: number;
  f_score: number;
  customers: number;
}

export interface ScoreGridCell {
  /** Recency score, 1..bins (bins = most recent). */
  r: number;
  /** Frequency score, 1..bins (bins = most frequent). */
  f: number;
  count: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** count / largest count, 0..1 (0 everywhere when there are no customers). */
  intensity: number;
}

export interface ScoreGridLayout {
  cells: ScoreGridCell[];
  /** Centre of each R column, for axis ticks (index 0 = score 1). */
  xTicks: { score: number; x: number }[];
  /** Centre of each F row, for axis ticks (index 0 = score 1). */
  yTicks: { score: number; y: number }[];
  /** Customers in the drawn cells. */
  total: number;
  /** Customers whose R or F score is outside 1..bins (not drawn). */
  outOfRange: number;
}

/**
 * An R-by-F heat map: `bins` x `bins` cells filling `width` x `height`, from counts per score
 * pair (missing pairs are 0; repeated pairs add up; non-finite or negative counts are ignored).
 * R runs along x (1 on the left, most recent on the right); F along y (1 at the bottom, most
 * frequent on top), so the best customers sit in the top-right corner. Cells are ordered by F
 * descending, then R ascending (reading order).
 */
export function scoreGridLayout(
  counts: readonly ScoreCellCount[],
  bins: number,
  width: number,
  height: number,
): ScoreGridLayout {
  const n = Number.isInteger(bins) && bins > 0 ? bins : 5;
  const byPair = new Map<string, number>();
  let outOfRange = 0;
  let total = 0;
  for (const c of counts) {
    const customers = Number(c.customers);
    if (!Number.isFinite(customers) || customers <= 0) continue;
    const r = Number(c.r_score);
    const f = Number(c.f_score);
    if (!Number.isInteger(r) || !Number.isInteger(f) || r < 1 || r > n || f < 1 || f > n) {
      outOfRange += customers;
      continue;
    }
    const key = `${r},${f}`;
    byPair.set(key, (byPair.get(key) ?? 0) + customers);
    total += customers;
  }
  const max = Math.max(0, ...byPair.values());
  const scores = range(1, n + 1);
  const x = scaleBand<number>().domain(scores).range([0, Math.max(0, width)]);
  const y = scaleBand<number>().domain([...scores].reverse()).range([0, Math.max(0, height)]);
  const cells: ScoreGridCell[] = [];
  for (const f of [...scores].reverse()) {
    for (const r of scores) {
      const count = byPair.get(`${r},${f}`) ?? 0;
      cells.push({
        r,
        f,
        count,
        x: x(r) ?? 0,
        y: y(f) ?? 0,
        w: x.bandwidth(),
        h: y.bandwidth(),
        intensity: max > 0 ? count / max : 0,
      });
    }
  }
  return {
    cells,
    xTicks: scores.map((s) => ({ score: s, x: (x(s) ?? 0) + x.bandwidth() / 2 })),
    yTicks: scores.map((s) => ({ score: s, y: (y(s) ?? 0) + y.bandwidth() / 2 })),
    total,
    outOfRange,
  };
}

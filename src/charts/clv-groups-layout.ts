import type { ClvGroupRow } from '../analytics/clv/clv-groups.js';

/**
 * The value-by-group bars of `<rapport-clv>`: one row per segment or place on the ladder, a
 * bar for the group's total predicted lifetime value and, while customers are selected, the
 * selected customers' part of it drawn inside. Pure arithmetic: the element draws the rows.
 */

/** One group's bar, lengths as fractions (0..1) of the longest bar. */
export interface ClvGroupBar {
  /** The group's name as the data layer gives it (segment name, ladder place). */
  readonly group: string;
  /** Everyone's figures of the group. */
  readonly everyone: ClvGroupRow;
  /** The selected customers' figures of the group; null when nothing is selected. */
  readonly selected: ClvGroupRow | null;
  /** The figures the row reads out: the selection's while one is in force, else everyone's. */
  readonly shown: ClvGroupRow;
  /** Length of everyone's bar, 0..1 of the longest group total. */
  readonly everyoneLength: number;
  /** Length of the selected part, 0..1 on the same scale; 0 without a selection. */
  readonly selectedLength: number;
  /** The shown total's share of the shown population's total value (0..1); null when there is no value to share. */
  readonly share: number | null;
}

const valueOf = (r: ClvGroupRow | null | undefined): number => {
  const v = r?.totalClv;
  return v !== null && v !== undefined && Number.isFinite(v) && v > 0 ? v : 0;
};

/** A group of the selection absent from its rows has no selected customers: zeros, no values. */
const emptyRow = (group: string): ClvGroupRow => ({
  group,
  customers: 0,
  predicted: 0,
  valued: 0,
  probablyLost: 0,
  totalClv: null,
  meanClv: null,
  meanProbabilityAlive: null,
  totalExpectedPurchases: 0,
  meanExpectedPurchases: null,
});

/**
 * The bars for everyone's groups (`everyone`, in the order given) and, when customers are
 * selected, the selection's rows of the same grouping (`selected`, matched by group name; a
 * group the selection does not reach reads as empty). Bars share one scale: the largest of
 * everyone's group totals, so the selected part sits inside its group's bar. Shares are of the
 * shown population's total: the selection's value while one is in force, else everyone's.
 * The selection is a subset of everyone, so each of its groups is one of everyone's; a row of
 * `selected` that is not (figures read from another scoring) has no bar and no share.
 */
export function clvGroupBars(everyone: readonly ClvGroupRow[], selected: readonly ClvGroupRow[] | null = null): ClvGroupBar[] {
  const byName = new Map((selected ?? []).map((r) => [r.group, r]));
  const max = Math.max(0, ...everyone.map(valueOf), ...(selected ?? []).map(valueOf));
  const rows = everyone.map((e) => ({ e, s: selected ? (byName.get(e.group) ?? emptyRow(e.group)) : null }));
  const total = rows.reduce((sum, { e, s }) => sum + valueOf(s ?? e), 0);
  return rows.map(({ e, s }) => {
    const shown = s ?? e;
    const hasValue = shown.totalClv !== null && Number.isFinite(shown.totalClv);
    return {
      group: e.group,
      everyone: e,
      selected: s,
      shown,
      everyoneLength: max > 0 ? valueOf(e) / max : 0,
      selectedLength: s && max > 0 ? valueOf(s) / max : 0,
      share: hasValue && total > 0 ? valueOf(shown) / total : null,
    };
  });
}

/**
 * What `rapport ladder` prints: the ladder of loyalty as a readable table or as JSON, and the
 * members CSV columns. Pure: the command's wiring (arguments, files, engine) is in main.ts.
 */
import { LADDER_RUNGS, RUNG_LABELS, evidenceInEnglish, type LadderComparison, type LadderPlace, type LadderResult, type LadderRung } from '../analytics/ladder.js';
import type { LadderMember } from '../data/dataset.js';

/** Columns of `--out FILE.csv`: one row per contact. */
export const LADDER_MEMBER_COLUMNS = ['customer_id', 'rung', 'reason'] as const satisfies readonly (keyof LadderMember)[];

/** One input file as the header shows it: name and its row accounting. */
export interface LadderInput {
  what: 'orders' | 'customer list' | 'feedback';
  file: string;
  rowsLoaded: number;
  rowsRejected: number;
}

/** The JSON `--json` prints: the LadderResult, with its keys in reading order. */
export function ladderJson(r: LadderResult) {
  return {
    contacts: r.contacts,
    asOf: r.asOf,
    rungs: r.rungs,
    lapsed: r.lapsed,
    evidence: evidenceInEnglish(r.evidence),
    rules: r.rules,
  };
}

const count = (x: number) => x.toLocaleString('en-US');
const money = (x: number | null) =>
  x === null ? '-' : x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const days = (x: number | null) => (x === null ? '-' : String(Math.round(x * 10) / 10));

/** An input's row accounting in words: `orders.csv: 1,200 rows loaded, 3 rejected`. */
export function inputText(i: Pick<LadderInput, 'file' | 'rowsLoaded' | 'rowsRejected'>): string {
  return `${i.file}: ${count(i.rowsLoaded)} rows loaded, ${count(i.rowsRejected)} rejected`;
}

/**
 * The ladder as a table: one line per rung (prospect..partner), then lapsed, the contacts total,
 * the as-of date and every evidence message. A rung the data cannot tell (`available: false`)
 * says "not available" (with the reason, from its evidence note) instead of figures; any other
 * rung's evidence note follows its line.
 */
export function ladderText(r: LadderResult, inputs: readonly LadderInput[] = []): string {
  const share = (n: number) => (r.contacts > 0 ? n / r.contacts : null);
  const header = ['rung', 'customers', 'share', 'revenue', 'avg value', 'to next', 'drop-off', 'median days to next'];
  const rows: string[][] = [];
  const notes = new Map<number, string>();
  for (const row of r.rungs) {
    const label = RUNG_LABELS[row.rung];
    const note = r.evidence.rungs[row.rung]?.note ?? null;
    if (!row.available) {
      // The note usually says "not available: why"; then it is the whole line.
      const says = note?.startsWith('not available') ?? false;
      rows.push([label, says ? (note as string) : 'not available']);
      if (note && !says) notes.set(rows.length - 1, note);
      continue;
    }
    rows.push([
      label,
      count(row.customers),
      percent(share(row.customers)),
      money(row.revenue),
      money(row.averageValue),
      percent(row.conversionToNext),
      percent(row.dropOff),
      days(row.medianDaysToNext),
    ]);
    if (note) notes.set(rows.length - 1, note);
  }
  const lapsed = r.lapsed;
  rows.push([
    RUNG_LABELS.lapsed,
    count(lapsed.customers),
    percent(share(lapsed.customers)),
    money(lapsed.revenue),
    money(lapsed.customers > 0 ? lapsed.revenue / lapsed.customers : null),
    '',
    '',
    '',
  ]);
  // Column widths over the full rows only ("not available" spans the figures).
  const widths = header.map((h, c) => Math.max(h.length, ...rows.filter((x) => x.length > 2).map((x) => (x[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.length === 2
      ? `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]}`
      : cells
          .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
          .join('  ')
          .trimEnd();
  const indent = ' '.repeat(widths[0]! + 2);

  const out: string[] = [`Ladder of loyalty as of ${r.asOf ?? '-'}`];
  for (const i of inputs) out.push(`  ${i.what.padEnd(13)} ${inputText(i)}`);
  out.push('', line(header));
  rows.forEach((cells, k) => {
    out.push(line(cells));
    const note = notes.get(k);
    if (note) out.push(`${indent}(${note})`);
  });
  const from = LADDER_RUNGS.filter((rung: LadderRung) => lapsed.from[rung] > 0).map((rung) => `${RUNG_LABELS[rung].toLowerCase()} ${count(lapsed.from[rung])}`);
  out.push(`${indent}lapsed from: ${from.length ? from.join(', ') : '-'}`);
  out.push(
    `${indent}inactivity window: ${count(lapsed.windowDays)} days without a purchase (${lapsed.windowDerived ? 'derived from the data' : 'from the rules'})`,
  );
  out.push(
    '',
    'share: of all contacts; to next: conversion to the next rung, drop-off = 1 - conversion;',
    'median days to next: from reaching the rung to reaching the next, over those who climbed.',
  );
  out.push('', `contacts  ${count(r.contacts)}`, `as of     ${r.asOf ?? '-'}`);
  if (r.evidence.messages.length) {
    out.push('', 'Evidence:');
    for (const m of r.evidence.messages) out.push(`  ! ${m}`);
  }
  return out.join('\n');
}

/** The `since` part of `--json`: the earlier date, the summary and every non-empty move. */
export function comparisonJson(c: LadderComparison) {
  return { from: c.from.asOf, to: c.to.asOf, summary: c.summary, flows: c.flows, contactsThen: c.from.contacts };
}

/** The comparison in words: the summary line, then the moves between different places, largest first. */
export function comparisonText(c: LadderComparison): string {
  const s = c.summary;
  const label = (p: string) => (p === 'new' ? 'new' : RUNG_LABELS[p as LadderPlace]);
  const moves = c.flows
    .filter((f) => f.from !== f.to)
    .sort((a, b) => b.customers - a.customers)
    .map((f) => `  ${label(f.from).padEnd(10)} -> ${label(f.to).padEnd(10)} ${count(f.customers).padStart(8)}`);
  return [
    `Since ${c.from.asOf ?? '-'} (${count(c.from.contacts)} contacts then, ${count(c.to.contacts)} now):`,
    `  ${count(s.climbed)} climbed, ${count(s.slipped)} slipped, ${count(s.lapsed)} lapsed, ${count(s.returned)} returned, ${count(s.stayed)} stayed, ${count(s.new)} new`,
    ...(moves.length ? ['Moves (from -> to, contacts):', ...moves] : []),
  ].join('\n');
}

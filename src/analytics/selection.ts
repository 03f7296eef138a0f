/**
 * Cross-filtering: the customers a user picked by clicking a segment, an R-by-F cell, a ladder
 * place or a migration cell. Pure: the shape of a selection, its validation, a stable key and
 * the parts in order (for a filter chip). `data/selection.ts` turns a selection into the set of
 * selected customer ids, and every analytic asked with `selected: true` counts only those.
 *
 * A selection is the intersection of its parts: a customer is selected when every part given
 * holds for them.
 * - `segment`: their segment in the current scoring;
 * - `cell`: their R and F scores in the current scoring (1..bins);
 * - `rung`: their place on the current ladder (a rung or `lapsed`);
 * - `migration`: their segment at the last migration's `from` date (or "Not yet a customer")
 *   and at its `to` date, with that migration's options and rules.
 */
import type { Notice } from './notice.js';
import { LADDER_PLACES, type LadderPlace } from './ladder.js';

export interface CustomerSelection {
  segment?: string;
  cell?: { r: number; f: number };
  rung?: LadderPlace;
  migration?: { from: string; to: string };
}

/** The parts a selection may have, in the order they are shown and keyed. */
export const SELECTION_PARTS = ['segment', 'cell', 'rung', 'migration'] as const;
export type SelectionPartName = (typeof SELECTION_PARTS)[number];

/** One part of a selection, for a chip or a label. */
export type SelectionPart =
  | { kind: 'segment'; segment: string }
  | { kind: 'cell'; r: number; f: number }
  | { kind: 'rung'; rung: LadderPlace }
  | { kind: 'migration'; from: string; to: string };

/** The selection now in force: what was selected, its key, and how many customers it holds. */
export interface SelectionInfo {
  selection: CustomerSelection;
  /** Stable text for the selection (selectionKey): equal selections, equal keys. */
  key: string;
  /** Selected customer ids (contacts: prospects from a customer list count too). */
  customers: number;
}

/** Added to a request: true asks for the figures of the selected customers only (see Dataset.select). */
export interface SelectedRequest {
  selected?: boolean;
}

/**
 * A selected request that leaves some parts of the selection in force out of its counts (say, a
 * ladder counted over the rest of the selection, so it keeps showing every rung with the selected
 * one marked). The selection in force is never changed for it; with no other part left, the
 * figures are everyone's. The result still carries the whole selection.
 */
export interface SelectedIgnoringRequest extends SelectedRequest {
  ignore?: readonly SelectionPartName[];
}

/**
 * Added to a result asked for with `selected: true`: the selection it was computed for, or null
 * when there was none in force (then the figures are over every customer).
 */
export interface SelectedResult {
  selection: SelectionInfo | null;
}

/**
 * The voice asked with `selected: true`: what the selection left out. Feedback with no customer
 * id cannot belong to a selected customer, so it drops out; zeros when no selection is in force.
 */
export interface SelectedVoiceResult extends SelectedResult {
  leftOut: { noCustomerId: number; otherCustomers: number };
}

/**
 * The quality gap asked with `selected: true`: respondents left out, of whom `notLinked` have no
 * customer id matching a known customer (they can never be selected); zeros when no selection is in force.
 */
export interface SelectedQualityResult extends SelectedResult {
  leftOut: { respondents: number; notLinked: number };
}

/**
 * A selection that cannot be made: a bad part, or a part that needs a scoring, ladder or migration
 * there is not. `notice` (message = notice.text) carries the reasons a reader can meet, for the
 * interface to translate; a malformed selection, a mistake in a page's code, has none.
 */
export class SelectionError extends Error {
  override readonly name = 'SelectionError';
  readonly notice?: Notice;
  constructor(reason: string | Notice) {
    super(typeof reason === 'string' ? reason : reason.text);
    if (typeof reason !== 'string') this.notice = reason;
  }
}

/** No part given (null, undefined or an object whose parts are all undefined). */
export function isEmptySelection(selection: CustomerSelection | null | undefined): boolean {
  return !selection || SELECTION_PARTS.every((p) => selection[p] === undefined);
}

const describe = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : String(v));

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function checkKeys(value: Record<string, unknown>, known: readonly string[], what: string, problems: string[]): void {
  for (const k of Object.keys(value)) {
    if (!known.includes(k) && value[k] !== undefined) problems.push(`${what}: unknown field "${k}" (known: ${known.join(', ')})`);
  }
}

/**
 * Check a selection's shape and return it with only the parts given (throws a SelectionError
 * listing every problem). `bins`, when known, bounds the cell's scores; without it they must be
 * whole numbers from 1. What the data must hold (a segment that exists...) is checked in data/.
 */
export function validateSelection(selection: unknown, bins?: number): CustomerSelection {
  if (!isObject(selection)) throw new SelectionError(`A selection must be an object, got ${describe(selection)}`);
  const problems: string[] = [];
  checkKeys(selection, SELECTION_PARTS, 'selection', problems);
  const out: CustomerSelection = {};
  const { segment, cell, rung, migration } = selection;
  if (segment !== undefined) {
    if (typeof segment !== 'string' || segment === '') problems.push(`segment must be a segment name, got ${describe(segment)}`);
    else out.segment = segment;
  }
  if (cell !== undefined) {
    if (!isObject(cell)) problems.push(`cell must be { r, f }, got ${describe(cell)}`);
    else {
      checkKeys(cell, ['r', 'f'], 'cell', problems);
      const score = (name: 'r' | 'f'): number | null => {
        const v = cell[name];
        const top = bins === undefined ? '' : ` to ${bins}`;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || (bins !== undefined && v > bins)) {
          problems.push(`cell.${name} must be a whole score from 1${top}, got ${describe(v)}`);
          return null;
        }
        return v;
      };
      const [r, f] = [score('r'), score('f')];
      if (r !== null && f !== null) out.cell = { r, f };
    }
  }
  if (rung !== undefined) {
    if (!(LADDER_PLACES as readonly unknown[]).includes(rung)) problems.push(`rung must be one of ${LADDER_PLACES.join(', ')}, got ${describe(rung)}`);
    else out.rung = rung as LadderPlace;
  }
  if (migration !== undefined) {
    if (!isObject(migration)) problems.push(`migration must be { from, to }, got ${describe(migration)}`);
    else {
      checkKeys(migration, ['from', 'to'], 'migration', problems);
      const { from, to } = migration;
      if (typeof from !== 'string' || from === '') problems.push(`migration.from must be a segment name, got ${describe(from)}`);
      if (typeof to !== 'string' || to === '') problems.push(`migration.to must be a segment name, got ${describe(to)}`);
      if (typeof from === 'string' && from !== '' && typeof to === 'string' && to !== '') out.migration = { from, to };
    }
  }
  if (problems.length) throw new SelectionError(`Not a selection: ${problems.join('; ')}.`);
  return out;
}

/**
 * Stable text for a selection: the same parts give the same key whatever the order or extra
 * undefined fields; '' for an empty selection. JSON, so no value can be mistaken for another.
 */
export function selectionKey(selection: CustomerSelection | null | undefined): string {
  if (isEmptySelection(selection)) return '';
  const s = selection as CustomerSelection;
  return JSON.stringify([
    s.segment ?? null,
    s.cell ? [s.cell.r, s.cell.f] : null,
    s.rung ?? null,
    s.migration ? [s.migration.from, s.migration.to] : null,
  ]);
}

/** The parts given, in SELECTION_PARTS order (what a filter chip lists). */
export function selectionParts(selection: CustomerSelection | null | undefined): SelectionPart[] {
  if (!selection) return [];
  const parts: SelectionPart[] = [];
  if (selection.segment !== undefined) parts.push({ kind: 'segment', segment: selection.segment });
  if (selection.cell !== undefined) parts.push({ kind: 'cell', r: selection.cell.r, f: selection.cell.f });
  if (selection.rung !== undefined) parts.push({ kind: 'rung', rung: selection.rung });
  if (selection.migration !== undefined) parts.push({ kind: 'migration', from: selection.migration.from, to: selection.migration.to });
  return parts;
}

import type { CustomerSelection, SelectionPart } from './selection.js';

/** The selection with one part set, or removed when `value` is undefined (no undefined keys are kept). */
export function withPart<K extends keyof CustomerSelection>(selection: CustomerSelection, kind: K, value: CustomerSelection[K] | undefined): CustomerSelection {
  const next: CustomerSelection = { ...selection };
  if (value === undefined) delete next[kind];
  else next[kind] = value;
  return next;
}

/** A part's value as the selection holds it. */
export function partValue(part: SelectionPart): CustomerSelection[SelectionPart['kind']] {
  switch (part.kind) {
    case 'segment':
      return part.segment;
    case 'cell':
      return { r: part.r, f: part.f };
    case 'rung':
      return part.rung;
    case 'migration':
      return { from: part.from, to: part.to };
  }
}

/** Choosing a part toggles it: a new value sets that part, the value already chosen removes it. */
export function togglePart(selection: CustomerSelection, part: SelectionPart): CustomerSelection {
  const value = partValue(part);
  const same = JSON.stringify(selection[part.kind]) === JSON.stringify(value);
  return withPart(selection, part.kind, same ? undefined : (value as never));
}

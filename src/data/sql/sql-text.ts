/**
 * The only places where text becomes SQL. Identifiers (column names from the user's file)
 * are always double-quoted with quotes doubled; literals are single-quoted likewise. Values
 * from users go through bound parameters wherever the engine allows it.
 */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A number that must be a finite literal (row limits, cut points...). */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  return String(value);
}

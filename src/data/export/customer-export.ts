/**
 * The columns of a customer list export, typed for Parquet and Arrow, and its file name.
 */
import type { CustomerRow } from '../dataset.js';
import { fileNamePart, safeFileName } from './file-name.js';
import { EXPORT_FILE_TYPES, type ExportColumn, type ExportFormat } from './export-formats.js';

/** Which optional groups of columns the rows carry. */
export interface CustomerExportShape {
  /** Rows carry a scoring: recency, R/F/M scores, segment, type. */
  scored: boolean;
  /** Rows carry a place on the ladder: rung. */
  laddered: boolean;
  /** Rows carry the reason for their place on the ladder. */
  reasoned: boolean;
  /** Rows carry a CLV model's predictions: P(alive), expected purchases, CLV (default false). */
  predicted?: boolean;
}

const BASE: readonly ExportColumn<CustomerRow>[] = [
  { name: 'customer_id', kind: 'string' },
  { name: 'first_order', kind: 'date' },
  { name: 'last_order', kind: 'date' },
  { name: 'orders', kind: 'integer' },
  { name: 'total_spend', kind: 'number' },
];
const SCORED: readonly ExportColumn<CustomerRow>[] = [
  { name: 'recency_days', kind: 'integer' },
  { name: 'r_score', kind: 'integer' },
  { name: 'f_score', kind: 'integer' },
  { name: 'm_score', kind: 'integer' },
  { name: 'segment', kind: 'string' },
  { name: 'type', kind: 'string' },
];
const PREDICTED: readonly ExportColumn<CustomerRow>[] = [
  { name: 'probability_alive', kind: 'number' },
  { name: 'expected_purchases', kind: 'number' },
  { name: 'clv', kind: 'number' },
];

/**
 * The export columns, in order: id, first and last order, orders, total spend; then recency,
 * scores, segment and type once scored; `rung` once on the ladder; P(alive), expected purchases
 * and CLV once rows carry a CLV model's predictions; `reason` once rows carry it.
 */
export function customerExportColumns(shape: CustomerExportShape): ExportColumn<CustomerRow>[] {
  return [
    ...BASE,
    ...(shape.scored ? SCORED : []),
    ...(shape.laddered ? [{ name: 'rung', kind: 'string' } as const] : []),
    ...(shape.predicted ? PREDICTED : []),
    ...(shape.reasoned ? [{ name: 'reason', kind: 'string' } as const] : []),
  ];
}

/** What the rows of a customer list carry, read from the rows themselves. */
export function customerExportShape(rows: readonly CustomerRow[]): CustomerExportShape {
  return {
    scored: rows.some((r) => r.segment != null || r.type != null),
    laddered: rows.some((r) => r.rung != null),
    reasoned: rows.some((r) => r.reason != null),
    predicted: rows.some((r) => r.probability_alive !== undefined || r.expected_purchases !== undefined || r.clv !== undefined),
  };
}

/**
 * The file name of a customer export: `customers[-segment][-type][-rung].<ext>`, each part made
 * safe (a segment named `A/B "VIP"` gives `customers-a-b-vip.csv`).
 */
export function customerExportFileName(format: ExportFormat, filter: { segment?: string | null; type?: string | null; rung?: string | null } = {}): string {
  const parts = ['customers', filter.segment ? fileNamePart(filter.segment, 'segment') : '', filter.type ? fileNamePart(filter.type, 'type') : '', filter.rung ? fileNamePart(filter.rung, 'rung') : ''];
  return safeFileName(`${parts.filter(Boolean).join('-')}.${EXPORT_FILE_TYPES[format].extension}`, 'customers');
}

/**
 * One customer's purchase summary as the BG/NBD and Gamma-Gamma models read it (the
 * `lifetimes` convention, as the published CDNOW summary was made): purchases are grouped by
 * day, and ages are counted in days or in weeks of 7 days (fractions kept); the first day with
 * a purchase is the customer's birth.
 */
export interface ClvSummaryRow {
  readonly customerId: string;
  /** Repeat purchases: days with a purchase, less the first. */
  readonly frequency: number;
  /** Age at the last purchase, in periods (0 when there is no repeat purchase). */
  readonly recency: number;
  /** Age at the end of the observation, in periods. */
  readonly T: number;
  /** Mean value of the repeat purchase days (0 when there is none). */
  readonly monetaryValue: number;
}

/** The unit the summary counts time in. */
export type ClvPeriod = 'day' | 'week';

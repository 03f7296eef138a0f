/**
 * The customer-value model's options as the dashboard and `<rapport-data>` take them from
 * attributes: one default and one reading for both.
 */

/** Months held out at the end of the orders to check the model, unless the page says otherwise. */
export const DEFAULT_CLV_CHECK_MONTHS = 6;

/**
 * The `clv-check-months` attribute as a model option: a whole number of months ≥ 1 holds them
 * out for the check, 0 turns the check off, and anything else (unset, negative, fractional,
 * not a number) is the default, as other attributes fall back rather than fail.
 */
export function clvCheckOption(months: number | null | undefined): { checkMonths?: number } {
  if (months === 0) return {};
  const m = typeof months === 'number' && Number.isInteger(months) && months > 0 ? months : DEFAULT_CLV_CHECK_MONTHS;
  return { checkMonths: m };
}

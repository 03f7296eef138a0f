/** Number and date formatting shared by the elements; locale and currency come from the page. */
export interface Formats {
  integer(n: number): string;
  money(n: number): string;
  percent(x: number): string;
}

export function formats(locale?: string, currency?: string): Formats {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const money = currency
    ? new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 })
    : new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return { integer: (n) => integer.format(n), money: (n) => money.format(n), percent: (x) => percent.format(x) };
}

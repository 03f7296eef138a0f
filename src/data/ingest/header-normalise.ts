/** How a column header is compared with the header dictionary's phrases: on its own, small, for the survey form too. */

/**
 * `CustomerID` -> `customer id`; `Preço Unitário` -> `preco unitario`; `order_date` -> `order date`.
 */
export function normaliseHeader(header: string): string {
  return header
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

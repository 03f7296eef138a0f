/**
 * A shop small enough to work every figure out by hand, used by the migration and selection
 * tests (each test file's comment gives the figures it relies on). Numeric order ids: "C"+digit
 * is a cancellation, and H's C1 is one on purpose (a return of 10). I's only order is on
 * 2024-04-05, after the analysis dates those tests use.
 */
export const HAND_SHOP_ORDERS = [
  'order_id,customer_id,order_date,amount',
  '1,A,2024-01-10,50',
  '2,A,2024-02-25,60',
  '3,A,2024-03-20,100',
  '4,B,2024-01-05,100',
  '5,B,2024-01-20,100',
  '6,C,2024-02-20,40',
  '7,D,2024-03-10,30',
  '8,E,2024-03-15,20',
  '9,E,2024-03-25,20',
  '10,F,2023-12-01,500',
  '11,G,2024-02-10,80',
  '12,G,2024-03-05,80',
  'C1,H,2024-02-15,-10',
  '13,H,2024-03-20,50',
  '14,I,2024-04-05,70',
].join('\n');

/**
 * The project's own sample order data, for the demo page, tests and benchmarks. Deterministic:
 * the same options always give the same bytes. Pure: no I/O, no DOM.
 *
 * Customers arrive over the period, buy at their own rate (gamma-distributed across customers)
 * and may stop after any purchase (as in the BG/NBD story), so the data has realistic repeat
 * behaviour: many one-time buyers, a loyal few, and customers who lapse. Spend per order is
 * lognormal around each customer's own mean. Some orders are partly returned (a "C" invoice
 * with a negative amount), and a few rows are deliberately bad so the load report has
 * something to show.
 */
export interface SampleOptions {
  seed?: number;
  customers?: number;
  /** ISO dates; the period orders fall in. */
  start?: string;
  end?: string;
  /** Share of purchases with a later partial return. */
  returnRate?: number;
  /** Number of deliberately broken rows (missing customer, bad date, bad amount, in turn). */
  badRows?: number;
}

export interface SampleRecord {
  order_id: string;
  customer_id: string;
  order_date: string;
  amount: string;
  channel: string;
  status: string;
}

const DAY = 86_400_000;

/** mulberry32: small, fast, good enough for sample data, and the same everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Gamma(shape, 1) by Marsaglia and Tsang (shape < 1 boosted). */
function gamma(rand: () => number, shape: number): number {
  if (shape < 1) return gamma(rand, shape + 1) * Math.pow(Math.max(rand(), 1e-12), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rand);
    const v = Math.pow(1 + c * x, 3);
    if (v <= 0) continue;
    const u = rand();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const money = (x: number) => x.toFixed(2);

export function generateSampleOrders(options: SampleOptions = {}): SampleRecord[] {
  const rand = random(options.seed ?? 20240601);
  const customers = options.customers ?? 2500;
  const start = Date.parse(options.start ?? '2023-01-01');
  const end = Date.parse(options.end ?? '2024-12-31');
  const returnRate = options.returnRate ?? 0.03;
  const span = (end - start) / DAY;
  const width = String(customers).length + 1;

  type Purchase = { day: number; customer: string; amount: number; channel: string };
  const purchases: Purchase[] = [];
  for (let i = 1; i <= customers; i++) {
    const customer = `CUST-${String(i).padStart(width, '0')}`;
    // Purchases per 30 days, heterogeneous across customers; chance of dropping out after each.
    const rate = gamma(rand, 0.9) * 0.55 + 0.03;
    const dropout = 0.08 + 0.6 * Math.pow(rand(), 1.5);
    const meanSpend = Math.exp(3.7 + 0.55 * normal(rand));
    const home = rand();
    const channelOf = () => {
      const r = (rand() + home) / 2;
      return r < 0.55 ? 'web' : r < 0.88 ? 'store' : 'phone';
    };
    let day = Math.floor(rand() * span * 0.85);
    for (;;) {
      purchases.push({ day, customer, amount: meanSpend * Math.exp(0.35 * normal(rand)), channel: channelOf() });
      if (rand() < dropout) break;
      day += Math.max(1, Math.round((-Math.log(Math.max(rand(), 1e-12)) / rate) * 30));
      if (day > span) break;
    }
  }
  purchases.sort((a, b) => a.day - b.day || (a.customer < b.customer ? -1 : 1));

  const out: SampleRecord[] = [];
  let orderNo = 100000;
  const returns: { day: number; record: SampleRecord }[] = [];
  for (const p of purchases) {
    const id = String(++orderNo);
    out.push({ order_id: id, customer_id: p.customer, order_date: iso(start + p.day * DAY), amount: money(p.amount), channel: p.channel, status: 'completed' });
    if (rand() < returnRate) {
      const back = p.day + 3 + Math.floor(rand() * 25);
      if (back <= span) {
        returns.push({
          day: back,
          record: { order_id: `C${id}`, customer_id: p.customer, order_date: iso(start + back * DAY), amount: money(-p.amount * (0.3 + 0.7 * rand())), channel: p.channel, status: 'returned' },
        });
      }
    }
  }
  // Returns go in date order among the purchases.
  const merged: SampleRecord[] = [];
  returns.sort((a, b) => a.day - b.day);
  let r = 0;
  for (const rec of out) {
    while (r < returns.length && returns[r]!.record.order_date < rec.order_date) merged.push(returns[r++]!.record);
    merged.push(rec);
  }
  while (r < returns.length) merged.push(returns[r++]!.record);

  // A few broken rows, spread through the file.
  const bad = options.badRows ?? 6;
  for (let k = 0; k < bad; k++) {
    const at = Math.floor(((k + 1) * merged.length) / (bad + 1));
    const base = merged[at]!;
    const broken: SampleRecord = { ...base, order_id: String(++orderNo) };
    if (k % 3 === 0) broken.customer_id = '';
    else if (k % 3 === 1) broken.order_date = 'n/a';
    else broken.amount = 'TBD';
    merged.splice(at, 0, broken);
  }
  return merged;
}

const CSV_COLUMNS: readonly (keyof SampleRecord)[] = ['order_id', 'customer_id', 'order_date', 'amount', 'channel', 'status'];

export function sampleOrdersCsv(options: SampleOptions = {}): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of generateSampleOrders(options)) lines.push(CSV_COLUMNS.map((c) => r[c]).join(','));
  return `${lines.join('\n')}\n`;
}

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
  /** The promised delivery day and the day it arrived (ISO); empty for returns, bad dates and parcels not yet delivered. */
  promised_date: string;
  delivered_date: string;
}

const DAY = 86_400_000;

/** mulberry32: small, fast, good enough for sample data, and the same everywhere. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(rand: () => number): number {
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
    out.push({ order_id: id, customer_id: p.customer, order_date: iso(start + p.day * DAY), amount: money(p.amount), channel: p.channel, status: 'completed', promised_date: '', delivered_date: '' });
    if (rand() < returnRate) {
      const back = p.day + 3 + Math.floor(rand() * 25);
      if (back <= span) {
        returns.push({
          day: back,
          record: { order_id: `C${id}`, customer_id: p.customer, order_date: iso(start + back * DAY), amount: money(-p.amount * (0.3 + 0.7 * rand())), channel: p.channel, status: 'returned', promised_date: '', delivered_date: '' },
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
  addDeliveries(merged, options.seed ?? 20240601, end);
  return merged;
}

/**
 * Promised and actual delivery days of completed orders, from a random stream of their own so
 * every other generated value stays what it was. Most parcels arrive a day or two early, some a
 * little late and a few (a carrier's bad week) much later; parcels due after the period's end
 * are not delivered yet.
 */
function addDeliveries(records: SampleRecord[], seed: number, end: number): void {
  const rand = random(seed ^ 0xde1);
  for (const r of records) {
    if (r.status !== 'completed' || !/^\d{4}-\d{2}-\d{2}$/.test(r.order_date)) continue;
    const ordered = Date.parse(r.order_date);
    const lead = 3 + Math.floor(rand() * 6);
    const slow = rand() < 0.07 ? 3 + Math.floor(rand() * 10) : 0;
    const delay = Math.round(1.6 * normal(rand) - 1.5) + slow;
    const arrived = ordered + Math.max(1, lead + delay) * DAY;
    r.promised_date = iso(ordered + lead * DAY);
    r.delivered_date = arrived <= end ? iso(arrived) : '';
  }
}

const CSV_COLUMNS: readonly (keyof SampleRecord)[] = ['order_id', 'customer_id', 'order_date', 'amount', 'channel', 'status', 'promised_date', 'delivered_date'];

export function sampleOrdersCsv(options: SampleOptions = {}): string {
  return toCsv(CSV_COLUMNS, generateSampleOrders(options));
}

/** Records -> CSV with a header; the sample's values never need quoting. */
export function toCsv<R>(columns: readonly (keyof R)[], records: readonly R[]): string {
  const lines = [columns.join(',')];
  for (const r of records) lines.push(columns.map((c) => r[c]).join(','));
  return `${lines.join('\n')}\n`;
}

export interface SampleFeedbackOptions extends SampleOptions {
  /** Share of the shop's customers who answer the NPS survey. */
  responseRate?: number;
}

export interface SampleFeedbackRecord {
  customer_id: string;
  date: string;
  kind: 'nps' | 'review' | 'satisfaction' | 'recommend' | 'referral' | 'complaint' | 'suggestion' | 'compliment';
  score: string;
  scale: string;
  text: string;
  channel: string;
  /** What a complaint, suggestion or compliment is about (empty for other kinds). */
  category: string;
  /** When the shop answered it (ISO; empty when unanswered, and for other kinds). */
  answered_date: string;
}

const FEEDBACK_TEXT = {
  promoter: ['Always a pleasure', 'Great service', 'Fast delivery and friendly staff', 'My favourite shop'],
  passive: ['Fine overall', 'Good but a bit pricey', 'Delivery could be faster'],
  detractor: ['Parcel arrived late', 'Hard to reach support', 'Item not as described'],
  complaint: ['Order arrived damaged', 'Charged twice for one order', 'Nobody answered my emails', 'Wrong size sent'],
  suggestion: ['Please add gift wrapping', 'A loyalty card would be nice', 'Open on Sundays'],
  compliment: ['Thanks to the store team', 'Lovely packaging'],
  referral: ['Referred a friend', 'Brought my sister along'],
} as const;

/**
 * Feedback from the sample shop's customers (the customers of `generateSampleOrders` with the
 * same options), deterministic like it: NPS answers 0-10 from a share of the customers, likelier
 * and higher from those who buy often; 1-5 reviews of a last purchase; 1-7 satisfaction scores
 * from a store survey; 1-5 "would you recommend us" answers; referrals from some promoters,
 * complaints from some detractors, and a few suggestions and compliments. Every row
 * is good: it loads with no rejects, and every customer id is one of the sample orders'.
 */
export function generateSampleFeedback(options: SampleFeedbackOptions = {}): SampleFeedbackRecord[] {
  const orders = generateSampleOrders(options);
  const rand = random((options.seed ?? 20240601) ^ 0x5eedfb);
  const responseRate = options.responseRate ?? 0.3;
  const end = options.end ?? '2024-12-31';
  const history = new Map<string, { purchases: number; last: string; channel: string }>();
  for (const o of orders) {
    if (o.customer_id === '' || o.status !== 'completed' || !/^\d{4}-\d{2}-\d{2}$/.test(o.order_date) || Number.isNaN(Number(o.amount))) continue;
    const h = history.get(o.customer_id) ?? { purchases: 0, last: o.order_date, channel: o.channel };
    h.purchases++;
    if (o.order_date >= h.last) {
      h.last = o.order_date;
      h.channel = o.channel;
    }
    history.set(o.customer_id, h);
  }
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const after = (date: string, days: number) => {
    const d = iso(Date.parse(date) + days * DAY);
    return d > end ? end : d;
  };
  const out: Omit<SampleFeedbackRecord, 'category' | 'answered_date'>[] = [];
  for (const [customer_id, h] of [...history].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // Frequent buyers answer more often, and more warmly.
    const loyalty = Math.min(1, (h.purchases - 1) / 6);
    if (rand() >= responseRate * (0.6 + loyalty)) continue;
    const date = after(h.last, 2 + Math.floor(rand() * 12));
    const channel = h.channel === 'store' ? 'store' : 'email';
    const nps = Math.max(0, Math.min(10, Math.round(4.5 + 5.5 * loyalty + 2.2 * normal(rand))));
    const tone = nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor';
    out.push({ customer_id, date, kind: 'nps', score: String(nps), scale: '0-10', text: rand() < 0.5 ? pick(FEEDBACK_TEXT[tone]) : '', channel });
    if (rand() < 0.4) {
      const stars = Math.max(1, Math.min(5, Math.round(1 + 4 * (nps / 10) + 0.8 * normal(rand))));
      out.push({ customer_id, date: after(h.last, 1), kind: 'review', score: String(stars), scale: '1-5', text: rand() < 0.6 ? pick(FEEDBACK_TEXT[tone]) : '', channel: 'web' });
    }
    if (rand() < 0.25) {
      const csat = Math.max(1, Math.min(7, Math.round(1 + 6 * (nps / 10) + 0.9 * normal(rand))));
      out.push({ customer_id, date: after(h.last, 3), kind: 'satisfaction', score: String(csat), scale: '1-7', text: '', channel: 'store' });
    }
    if (rand() < 0.15) {
      const would = Math.max(1, Math.min(5, Math.round(1 + 4 * (nps / 10) + 0.7 * normal(rand))));
      out.push({ customer_id, date: after(date, 1), kind: 'recommend', score: String(would), scale: '1-5', text: '', channel: 'email' });
    }
    if (tone === 'promoter' && rand() < 0.3) {
      out.push({ customer_id, date: after(date, 5 + Math.floor(rand() * 30)), kind: 'referral', score: '', scale: '', text: pick(FEEDBACK_TEXT.referral), channel: 'web' });
    }
    if (tone === 'detractor' && rand() < 0.3) {
      out.push({ customer_id, date, kind: 'complaint', score: '', scale: '', text: pick(FEEDBACK_TEXT.complaint), channel: pick(['email', 'phone', 'store']) });
    }
    if (rand() < 0.04) out.push({ customer_id, date, kind: 'suggestion', score: '', scale: '', text: pick(FEEDBACK_TEXT.suggestion), channel: 'email' });
    if (tone === 'promoter' && rand() < 0.08) out.push({ customer_id, date, kind: 'compliment', score: '', scale: '', text: pick(FEEDBACK_TEXT.compliment), channel: 'store' });
  }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.customer_id < b.customer_id ? -1 : a.customer_id > b.customer_id ? 1 : 0));
  return addAnswers(out, (options.seed ?? 20240601) ^ 0xa115e7, end);
}

/** The category of each voice text: what the complaint, suggestion or compliment is about. */
const VOICE_CATEGORY: Record<string, string> = {
  'Order arrived damaged': 'delivery',
  'Charged twice for one order': 'billing',
  'Nobody answered my emails': 'service',
  'Wrong size sent': 'product quality',
  'Please add gift wrapping': 'product range',
  'A loyalty card would be nice': 'price',
  'Open on Sundays': 'store',
  'Thanks to the store team': 'service',
  'Lovely packaging': 'delivery',
};

/**
 * Categories and answers of the complaints, suggestions and compliments, from a random stream
 * of their own so every other generated value stays what it was. Most complaints are answered
 * within days, fewer suggestions and more slowly, some compliments with a quick thank-you;
 * an answer that would fall after the period's end has not happened yet.
 */
function addAnswers(records: readonly Omit<SampleFeedbackRecord, 'category' | 'answered_date'>[], seed: number, end: string): SampleFeedbackRecord[] {
  const rand = random(seed);
  const answers = { complaint: { rate: 0.85, days: 3 }, suggestion: { rate: 0.6, days: 8 }, compliment: { rate: 0.4, days: 1 } } as const;
  return records.map((r) => {
    if (r.kind !== 'complaint' && r.kind !== 'suggestion' && r.kind !== 'compliment') return { ...r, category: '', answered_date: '' };
    const { rate, days } = answers[r.kind];
    const answered = rand() < rate;
    const wait = Math.round(days * -Math.log(Math.max(rand(), 1e-12)));
    const date = iso(Date.parse(r.date) + wait * DAY);
    return { ...r, category: VOICE_CATEGORY[r.text] ?? 'other', answered_date: answered && date <= end ? date : '' };
  });
}

const FEEDBACK_CSV_COLUMNS: readonly (keyof SampleFeedbackRecord)[] = ['customer_id', 'date', 'kind', 'score', 'scale', 'text', 'channel', 'category', 'answered_date'];

/** The sample feedback as CSV (texts hold no commas or quotes, so no field needs quoting). */
export function sampleFeedbackCsv(options: SampleFeedbackOptions = {}): string {
  return toCsv(FEEDBACK_CSV_COLUMNS, generateSampleFeedback(options));
}

export interface SampleCustomerRecord {
  customer_id: string;
  name: string;
  signup_date: string;
}

const FIRST_NAMES = ['Ana', 'Ben', 'Chloé', 'Dara', 'Emil', 'Fatima', 'Gus', 'Hana', 'Iván', 'Jun', 'Kofi', 'Lena', 'Mei', 'Nadia', 'Omar', 'Priya'];
const LAST_NAMES = ['Silva', 'Martin', 'Tan', 'Garcia', 'Okafor', 'Rossi', 'Novak', 'Lee', 'Dubois', 'Haddad', 'Costa', 'Ahmad'];

/**
 * The sample shop's customer list (the customers of `generateSampleOrders` with the same
 * options), deterministic like it: everyone who bought, signed up on or a few days before their
 * first order, plus `prospects` (default: a fifth as many) who signed up and never bought.
 * Every row is good: it loads with no rejects.
 */
export function generateSampleCustomers(options: SampleOptions & { prospects?: number } = {}): SampleCustomerRecord[] {
  const orders = generateSampleOrders(options);
  const rand = random((options.seed ?? 20240601) ^ 0xc0ffee);
  const start = Date.parse(options.start ?? '2023-01-01');
  const end = Date.parse(options.end ?? '2024-12-31');
  const first = new Map<string, string>();
  for (const o of orders) {
    if (o.customer_id === '' || !/^\d{4}-\d{2}-\d{2}$/.test(o.order_date)) continue;
    const seen = first.get(o.customer_id);
    if (seen === undefined || o.order_date < seen) first.set(o.customer_id, o.order_date);
  }
  const name = () => `${FIRST_NAMES[Math.floor(rand() * FIRST_NAMES.length)]} ${LAST_NAMES[Math.floor(rand() * LAST_NAMES.length)]}`;
  const out: SampleCustomerRecord[] = [...first]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([customer_id, date]) => ({ customer_id, name: name(), signup_date: iso(Math.max(start, Date.parse(date) - Math.floor(rand() * 20) * DAY)) }));
  const customers = options.customers ?? 2500;
  const prospects = options.prospects ?? Math.round(customers / 5);
  const width = String(customers).length + 1;
  for (let i = 1; i <= prospects; i++) {
    out.push({ customer_id: `LEAD-${String(i).padStart(width, '0')}`, name: name(), signup_date: iso(start + Math.floor(rand() * ((end - start) / DAY)) * DAY) });
  }
  return out;
}

/** The sample customer list as CSV (names hold no commas or quotes). */
export function sampleCustomersCsv(options: SampleOptions & { prospects?: number } = {}): string {
  return toCsv(['customer_id', 'name', 'signup_date'], generateSampleCustomers(options));
}

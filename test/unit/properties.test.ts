import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RFM_METHODS, type RfmOptions } from '../../src/analytics/rfm-options.js';
import { Dataset } from '../../src/data/dataset.js';
import { customerExportColumns, customerExportFileName, customerExportShape } from '../../src/data/export/customer-export.js';
import { rowsToArrow, rowsToCsvBlob, rowsToParquet } from '../../src/data/export/rows-export.js';
import { isCustomerListName, isFeedbackFile, isSurveyFile } from '../../src/data/ingest/detect-format.js';
import { IngestError } from '../../src/data/ingest/ingest-error.js';
import type { LoadReport } from '../../src/data/ingest/types.js';
import { LADDER_TABLE } from '../../src/data/sql/ladder-sql.js';
import { text, withEngine } from '../helpers/engine.js';
import { expectAccounting, loaded, rows, scalar } from '../helpers/ingest.js';

/**
 * Properties of the product over generated data, checked against the real engine: scores stay
 * in range, quantile scoring never splits ties, the ladder places every contact once, ingest
 * accounts for every row, and an exported customer list loads back with every customer.
 * Datasets are small and runs few (one engine for the file), so the file stays fast.
 */

let dataset: Dataset;
beforeAll(async () => {
  dataset = new Dataset(await withEngine());
});
afterAll(async () => {
  await dataset.close();
});

const DAY_MS = 86_400_000;
const START = Date.UTC(2024, 0, 1);
/** Day d after 2024-01-01, as ISO text (d may be negative). */
const isoDay = (d: number) => new Date(START + d * DAY_MS).toISOString().slice(0, 10);

interface ShopOrder {
  day: number;
  amount: number;
}
/** Customer C{i} has the orders at index i: one or more each, so every customer is a buyer. */
type Shop = ShopOrder[][];

/**
 * 1-40 customers whose order days and amounts come from small pools, so that equal recency,
 * frequency and monetary values are the rule (spread 0: every order on one day).
 */
const shopArb: fc.Arbitrary<Shop> = fc
  .record({
    spread: fc.constantFrom(0, 3, 40, 800),
    amounts: fc.constantFrom<number[]>([10], [5, 10], [1, 2, 3, 4, 5], [0.1, 0.2, 0.7, 19.99, 250], [1, 1_000_000]),
  })
  .chain(({ spread, amounts }) =>
    fc.array(fc.array(fc.record({ day: fc.integer({ min: 0, max: spread }), amount: fc.constantFrom(...amounts) }), { minLength: 1, maxLength: 4 }), {
      minLength: 1,
      maxLength: 40,
      size: 'max',
    }),
  );

const shopCsv = (shop: Shop) =>
  `customer_id,order_date,amount\n${shop.flatMap((orders, i) => orders.map((o) => `C${i},${isoDay(o.day)},${o.amount}`)).join('\n')}\n`;

async function loadShop(shop: Shop): Promise<void> {
  await dataset.unloadCustomers();
  await dataset.unloadFeedback();
  loaded(await dataset.load({ name: 'orders.csv', bytes: text(shopCsv(shop)) }));
}

const lastDay = (shop: Shop) => Math.max(...shop.flat().map((o) => o.day));

/** n-1 strictly ascending cut points from a range wide enough for any n up to 12. */
const cutsArb = (n: number, min: number, max: number) =>
  fc.uniqueArray(fc.integer({ min, max }), { minLength: n - 1, maxLength: n - 1 }).map((xs) => [...xs].sort((a, b) => a - b));

const SCORES = [
  ['recency_days', 'r_score'],
  ['frequency', 'f_score'],
  ['monetary', 'm_score'],
] as const;

describe('RFM scores', () => {
  it('are whole numbers in 1..n for every customer, whatever the method, n and analysis date', async () => {
    const scoringArb = fc
      .record({ method: fc.constantFrom(...RFM_METHODS), bins: fc.integer({ min: 2, max: 12 }), laterBy: fc.option(fc.integer({ min: 1, max: 400 })) })
      .chain(({ method, bins, laterBy }) =>
        (method === 'fixed'
          ? fc.record({ recency: cutsArb(bins, 0, 900), frequency: cutsArb(bins, -2, 20), monetary: cutsArb(bins, 0, 5000) })
          : fc.constant(null)
        ).map((breaks) => ({ method, bins, laterBy, breaks })),
      );
    await fc.assert(
      fc.asyncProperty(shopArb, scoringArb, async (shop, { method, bins: n, laterBy, breaks }) => {
        await loadShop(shop);
        const request: RfmOptions = {
          method,
          bins: n,
          ...(breaks ? { breaks } : {}),
          // An analysis date after the data (the default is the day after the last order).
          ...(laterBy === null ? {} : { analysisDate: isoDay(lastDay(shop) + laterBy) }),
        };
        const result = await dataset.rfm(request);
        expect(result).toMatchObject({ method, bins: n });
        // Every customer bought, so every customer is scored, once.
        expect(result.customers).toHaveLength(shop.length);
        expect(new Set(result.customers.map((c) => c.customer_id)).size).toBe(shop.length);
        for (const c of result.customers) {
          for (const [, score] of SCORES) {
            expect(Number.isInteger(c[score]), `${score} of ${c.customer_id}`).toBe(true);
            expect(c[score]).toBeGreaterThanOrEqual(1);
            expect(c[score]).toBeLessThanOrEqual(n);
          }
        }
      }),
      { numRuns: 20 },
    );
  });

  it('never split ties under the quantile method: equal values share a score, and a larger value never scores lower', async () => {
    await fc.assert(
      fc.asyncProperty(shopArb, fc.uniqueArray(fc.integer({ min: 2, max: 12 }), { minLength: 1, maxLength: 3 }), async (shop, binsList) => {
        await loadShop(shop);
        for (const bins of binsList) {
          const { customers, method } = await dataset.rfm({ method: 'quantile', bins });
          expect(method).toBe('quantile');
          for (const [metric, score] of SCORES) {
            const byValue = new Map<number, Set<number>>();
            for (const c of customers) byValue.set(c[metric], (byValue.get(c[metric]) ?? new Set()).add(c[score]));
            for (const [value, scores] of byValue) expect([...scores], `${score} of ${metric} = ${value}, n = ${bins}`).toHaveLength(1);
            // Monotone: more recent (fewer days), more frequent, more spent never scores lower.
            const sorted = [...customers].sort((a, b) => a[metric] - b[metric]);
            for (let i = 1; i < sorted.length; i++) {
              const [prev, next] = [sorted[i - 1]!, sorted[i]!];
              if (metric === 'recency_days') expect(next[score]).toBeLessThanOrEqual(prev[score]);
              else expect(next[score]).toBeGreaterThanOrEqual(prev[score]);
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});

/** A contact id of the generated ladders: a buyer C{i} (if the shop has that many) or a prospect P{j}. */
const contactIdArb = fc.oneof(fc.nat({ max: 45 }).map((i) => `C${i}`), fc.nat({ max: 15 }).map((j) => `P${j}`));

describe('the ladder of loyalty', () => {
  it('places every contact (buyers by the as-of date, and listed contacts signed up by then) on exactly one place: rungs plus lapsed sum to the contacts', async () => {
    const feedbackArb = fc.array(
      fc.record({
        who: fc.oneof(contactIdArb, fc.constant('Z-stranger')),
        kind: fc.constantFrom('nps', 'review', 'referral', 'recommend'),
        score: fc.integer({ min: 0, max: 10 }),
        day: fc.option(fc.integer({ min: -30, max: 830 })),
      }),
      { minLength: 1, maxLength: 20 },
    );
    const ladderArb = fc.record({
      shop: shopArb,
      // The customer list: buyers and prospects, with a signup date or none (a later signup is not a contact yet).
      listed: fc.option(
        fc.uniqueArray(fc.record({ id: contactIdArb, signup: fc.option(fc.integer({ min: -30, max: 830 })) }), { selector: (c) => c.id, minLength: 1, maxLength: 30, size: 'max' }),
      ),
      feedback: fc.option(feedbackArb),
      asOf: fc.option(fc.integer({ min: -5, max: 830 })),
      windowDays: fc.option(fc.integer({ min: 1, max: 400 })),
      // Flagged partners: contacts or not (a flag alone makes no one a contact).
      partners: fc.uniqueArray(fc.constantFrom('C0', 'C3', 'P0', 'Z-flagged'), { maxLength: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(ladderArb, async ({ shop, listed, feedback, asOf, windowDays, partners }) => {
        await loadShop(shop);
        if (listed) {
          const csv = `customer_id,name,signup_date\n${listed.map((c) => `${c.id},Name ${c.id},${c.signup === null ? '' : isoDay(c.signup)}`).join('\n')}\n`;
          await dataset.loadCustomers({ name: 'customers.csv', bytes: text(csv) });
        }
        if (feedback) {
          const line = (f: (typeof feedback)[number]) => {
            const [score, scale] = f.kind === 'referral' ? ['', ''] : f.kind === 'nps' ? [f.score, '0-10'] : [Math.max(1, Math.round(f.score / 2)), '1-5'];
            return `${f.who},${f.day === null ? '' : isoDay(f.day)},${f.kind},${score},${scale}`;
          };
          await dataset.loadFeedback({ name: 'feedback.csv', bytes: text(`customer_id,date,kind,score,scale\n${feedback.map(line).join('\n')}\n`) });
        }
        const ladder = await dataset.ladder({
          ...(asOf === null ? {} : { asOf: isoDay(asOf) }),
          rules: { partner: { ids: partners }, ...(windowDays === null ? {} : { lapsed: { windowDays } }) },
        });

        // The contacts, worked out here: a buyer with an order on or before the as-of date
        // (default: the day after the last order), or a listed id signed up by then (or undated).
        const asOfDay = asOf ?? lastDay(shop) + 1;
        const contacts = new Set<string>();
        shop.forEach((orders, i) => orders.some((o) => o.day <= asOfDay) && contacts.add(`C${i}`));
        for (const c of listed ?? []) if (c.signup === null || c.signup <= asOfDay) contacts.add(c.id);

        expect(ladder.asOf).toBe(isoDay(asOfDay));
        expect(ladder.contacts).toBe(contacts.size);
        const onRungs = ladder.rungs.reduce((s, r) => s + r.customers, 0);
        expect(onRungs + ladder.lapsed.customers).toBe(ladder.contacts);
        // Everyone has at least reached prospect; the lapsed are counted once, by the rung they lapsed from.
        expect(ladder.rungs[0]?.reached).toBe(ladder.contacts);
        expect(Object.values(ladder.lapsed.from).reduce((s, n) => s + n, 0)).toBe(ladder.lapsed.customers);
        // One row per contact in the ladder table, and the members are exactly the contacts.
        expect(await scalar(dataset.engine, `SELECT CAST(count(*) AS INTEGER) FROM ${LADDER_TABLE}`)).toBe(contacts.size);
        expect(await scalar(dataset.engine, `SELECT CAST(count(DISTINCT customer_id) AS INTEGER) FROM ${LADDER_TABLE}`)).toBe(contacts.size);
        const members = (await dataset.ladderMembers()).map((m) => m.customer_id);
        expect(members.sort()).toEqual([...contacts].sort());
      }),
      { numRuns: 12 },
    );
  });
});

const BAD_KINDS = ['bad-date', 'no-id', 'bad-amount', 'extra-field', 'missing-field', 'open-quote'] as const;
type RowKind = 'good' | (typeof BAD_KINDS)[number];

/** One input row: good, or with exactly one thing wrong (a bad value, or a line with a field too many or too few, or an unclosed quote). */
interface IngestRow {
  kind: RowKind;
  id: string;
  date: string;
  amount: string;
  badDate: string;
  badAmount: string;
  noId: string;
}
const ingestRowArb = (kind: fc.Arbitrary<RowKind>): fc.Arbitrary<IngestRow> =>
  fc.record({
    kind,
    id: fc.constantFrom('C1', 'C2', 'C3', 'José', '李雷', 'Mary Ann'),
    date: fc.constantFrom('2024-01-05', '2024-02-29', '2023-12-31', '2024-06-30 10:30'),
    amount: fc.constantFrom('12.50', '3', '0.99', '-4', '1e2', '1000'),
    badDate: fc.constantFrom('not a date', '2024-13-01', '2024-02-30', '2023-02-29', '0000-00-00', 'yesterday'),
    badAmount: fc.constantFrom('abc', '1.2.3', '--5', 'twelve', '12 apples', '$'),
    noId: fc.constantFrom('', '   '),
  });

/**
 * A file of good and bad rows in any order, at least one good. `badMinority`: fewer bad rows
 * than good ones, so every named column is mostly what its name says (detection takes a named
 * column when at least half its values fit, see detect-mapping.ts).
 */
const ingestFileArb = (badMinority: boolean) =>
  fc
    .array(ingestRowArb(fc.constant<RowKind>('good')), { minLength: 1, maxLength: badMinority ? 30 : 10, size: 'max' })
    .chain((good) =>
      fc
        .array(ingestRowArb(fc.constantFrom(...BAD_KINDS)), { maxLength: badMinority ? good.length - 1 : 30, size: 'max' })
        .chain((bad) => fc.shuffledSubarray([...good, ...bad], { minLength: good.length + bad.length })),
    )
    .chain((data) => fc.record({ data: fc.constant(data), delimiter: fc.constantFrom(',', ';', '\t'), withOrderId: fc.boolean() }));

function ingestCsv({ data, delimiter, withOrderId }: { data: IngestRow[]; delimiter: string; withOrderId: boolean }): string {
  const header = [...(withOrderId ? ['order_id'] : []), 'customer_id', 'order_date', 'amount'];
  const lines = data.map((r, i) => {
    const fields = [
      ...(withOrderId ? [`O${i}`] : []),
      r.kind === 'no-id' ? r.noId : r.id,
      r.kind === 'bad-date' ? r.badDate : r.date,
      r.kind === 'bad-amount' ? r.badAmount : r.amount,
    ];
    if (r.kind === 'extra-field') fields.push('extra');
    if (r.kind === 'missing-field') fields.pop();
    if (r.kind === 'open-quote') fields[fields.length - 2] = `"${fields[fields.length - 2]}`;
    return fields.join(delimiter);
  });
  return `${header.join(delimiter)}\n${lines.join('\n')}\n`;
}

describe('ingest row accounting', () => {
  it('every row read is loaded or rejected when bad rows are a minority: read = loaded + rejected, exactly the bad lines in the rejects, order lines = loaded', async () => {
    await fc.assert(
      fc.asyncProperty(ingestFileArb(true), async (file) => {
        const report = loaded(await dataset.load({ name: 'orders.csv', bytes: text(ingestCsv(file)) }));
        await expectAccounting(dataset.engine, report);
        // Exactly the bad rows are rejected, on their own lines (the header is line 1).
        const bad = file.data.flatMap((r, i) => (r.kind === 'good' ? [] : [i + 2]));
        expect(report).toMatchObject({ rowsRead: file.data.length, rowsLoaded: file.data.length - bad.length, rowsRejected: bad.length });
        const rejected = await rows<{ line: number }>(dataset.engine, 'SELECT CAST(line AS INTEGER) AS line FROM orders_rejects ORDER BY line');
        expect(rejected.map((r) => r.line)).toEqual(bad);
      }),
      { numRuns: 25 },
    );
  });

  it('when bad rows may be the majority, a load either accounts for every row or is refused with an IngestError, leaving the loaded orders as they were', async () => {
    const ordersNow = async () => rows(dataset.engine, 'SELECT * FROM orders ORDER BY ALL');
    // Something loaded to be left alone by a refused load.
    loaded(await dataset.load({ name: 'orders.csv', bytes: text(shopCsv([[{ day: 0, amount: 1 }]])) }));
    await fc.assert(
      fc.asyncProperty(ingestFileArb(false), async (file) => {
        const before = await ordersNow();
        let report: LoadReport;
        try {
          report = loaded(await dataset.load({ name: 'orders.csv', bytes: text(ingestCsv(file)) }));
        } catch (e) {
          // A file whose named columns mostly do not hold what they say is refused, never half-loaded.
          expect(e).toBeInstanceOf(IngestError);
          expect(await ordersNow()).toEqual(before);
          return;
        }
        await expectAccounting(dataset.engine, report);
        expect(report.rowsRead).toBe(file.data.length);
      }),
      { numRuns: 15 },
    );
  });
});

/**
 * What the CSV export writes for a text starting with a formula character (= + - @, tab, CR,
 * NUL, full-width ＝ ＋ － ＠) or an apostrophe: the text behind an apostrophe (see analytics/csv.ts).
 */
const FORMULA_START = /^[=+\-@\t\r\0\uFF1D\uFF0B\uFF0D\uFF20']/;
const defused = (id: string) => (FORMULA_START.test(id) ? `'${id}` : id);

/** Whether the dashboard takes a dropped file as a customer list (its sorting of drops: survey, then feedback, then list by name). */
function takenAsCustomerList(name: string, bytes: Uint8Array): boolean {
  const head = name.endsWith('.csv') ? (new TextDecoder().decode(bytes).split(/\r?\n/, 1)[0] ?? null) : null;
  return !isSurveyFile(name, head) && !isFeedbackFile(name, head) && isCustomerListName(name);
}

/** Customer ids made of awkward pieces: delimiters, quotes, line breaks, formula starts, non-ASCII, look-alikes of numbers and nulls. */
const awkwardIdArb = fc
  .array(
    fc.constantFrom(
      'A', 'b7', '007', 'José', 'Müller', '李雷', '😀', 'Ωμέγα', ',', '"', '""', '\n', '\r\n', ';', '\t', ' ', "'",
      '=', '+', '-', '@', '=1+2', '=HYPERLINK("http://x","y")', '+351 912', '-5', '@SUM(A1)', '＝', 'NULL', 'NA', '1e3', ' x ',
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((pieces) => pieces.join(''))
  // Ids are trimmed of spaces on load, and a blank one is no id: keep the ids a load keeps as they are.
  .filter((id) => id.trim() !== '' && id === id.replace(/^ +| +$/g, ''));

describe('customer export, loaded back as a customer list', () => {
  it('brings back every customer exactly once: Parquet and Arrow with the very ids, CSV with the ids as the file shows them (formula starts behind an apostrophe)', async () => {
    const exportArb = fc.record({
      // "=x" and "'=x" both among them: the CSV must keep them apart ("'=x" and "''=x").
      ids: fc.uniqueArray(awkwardIdArb, { minLength: 1, maxLength: 30, size: 'max' }),
      days: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 30, maxLength: 30 }),
      withLadder: fc.boolean(),
    });
    const sorted = (xs: string[]) => [...xs].sort();
    const listIds = async () => (await rows<{ customer_id: string }>(dataset.engine, 'SELECT customer_id FROM customers')).map((r) => r.customer_id);
    await fc.assert(
      fc.asyncProperty(exportArb, async ({ ids, days, withLadder }) => {
        await dataset.unloadCustomers();
        await dataset.unloadFeedback();
        // Orders as records, so the ids reach the engine untouched by any CSV writing of ours.
        const records = ids.flatMap((customer_id, i) => [
          { customer_id, order_date: isoDay(days[i]!), amount: 10 + i },
          ...(i % 3 === 0 ? [{ customer_id, order_date: isoDay(days[(i + 1) % 30]!), amount: 5 }] : []),
        ]);
        loaded(await dataset.load({ name: 'orders.json', records }));
        // The customer table as a user exports it: scored, and with rungs when the ladder was shown.
        await dataset.rfm();
        if (withLadder) await dataset.ladder();
        const customers = await dataset.customers();
        expect(sorted(customers.map((c) => c.customer_id))).toEqual(sorted(ids));
        const columns = customerExportColumns(customerExportShape(customers));

        // CSV, as the Download button saves it (with its BOM), dropped back as a customer list.
        const csv = new Uint8Array(await rowsToCsvBlob(columns, customers).arrayBuffer());
        expect(takenAsCustomerList(customerExportFileName('csv'), csv)).toBe(true);
        const fromCsv = await dataset.loadCustomers({ name: customerExportFileName('csv'), bytes: csv });
        expect(fromCsv.mapping.customer_id).toBe('customer_id');
        expect(fromCsv).toMatchObject({ rowsRead: ids.length, rowsLoaded: ids.length, rowsRejected: 0 });
        // The CSV is for spreadsheets: a formula start stays behind its apostrophe when read back
        // (nothing strips it), so such an id comes back as the text the file shows, once.
        expect(sorted(await listIds())).toEqual(sorted(ids.map(defused)));

        // Parquet and Arrow keep text as text: the very ids come back, and each matches its buyer.
        const parquet = await rowsToParquet(columns, customers);
        expect(takenAsCustomerList(customerExportFileName('parquet'), parquet)).toBe(true);
        const fromParquet = await dataset.loadCustomers({ name: customerExportFileName('parquet'), bytes: parquet });
        expect(fromParquet).toMatchObject({ rowsRead: ids.length, rowsLoaded: ids.length, rowsRejected: 0 });
        expect(sorted(await listIds())).toEqual(sorted(ids));
        expect((await dataset.rfm()).typeCounts.potential).toBe(0);

        const arrow = rowsToArrow(columns, customers);
        expect(takenAsCustomerList(customerExportFileName('arrow'), arrow)).toBe(true);
        const fromArrow = await dataset.loadCustomers({ name: customerExportFileName('arrow'), bytes: arrow });
        expect(fromArrow).toMatchObject({ rowsRead: ids.length, rowsLoaded: ids.length, rowsRejected: 0 });
        expect(sorted(await listIds())).toEqual(sorted(ids));
      }),
      { numRuns: 10 },
    );
  });
});

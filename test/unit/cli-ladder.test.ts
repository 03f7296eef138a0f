import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ladderJson } from '../../src/cli/ladder.js';
import { run } from '../helpers/cli.js';
import { sampleFeedbackCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { SHARED_DATA, hasSharedData } from '../helpers/engine.js';

/** Members CSV (customer_id,rung,reason) -> rows; reasons may be quoted (they hold commas). */
function members(text: string): { header: string; rows: Record<string, { rung: string; reason: string }> } {
  const [header, ...lines] = text.trimEnd().split('\n');
  const rows: Record<string, { rung: string; reason: string }> = {};
  for (const line of lines) {
    const m = /^([^,]*),([^,]*),(.*)$/.exec(line);
    expect(m, line).not.toBeNull();
    const reason = m![3]!.startsWith('"') ? m![3]!.slice(1, -1).replace(/""/g, '"') : m![3]!;
    rows[m![1]!] = { rung: m![2]!, reason };
  }
  return { header: header!, rows };
}

/** What `--json` prints. */
type LadderJson = ReturnType<typeof ladderJson>;

const RUNGS = ['prospect', 'customer', 'client', 'supporter', 'advocate', 'partner'];

describe('rapport ladder on a small hand-made file', () => {
  let dir: string;
  let orders: string;
  let feedback: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-cli-ladder-'));
    orders = join(dir, 'orders.csv');
    feedback = join(dir, 'feedback.csv');
    // As of 2024-07-01 (the day after the last order). Numeric order ids: "C..." would be a cancellation.
    //   K1  3 orders, NPS 9  -> advocate (tenure under a year: not a partner)
    //   K2  2 orders, NPS 8  -> supporter
    //   K3  2 orders         -> client (no feedback from them)
    //   K4  1 order          -> customer
    //   K5  1 order in 2023  -> lapsed (the window derived from ~31-day gaps)
    writeFileSync(
      orders,
      [
        'customer_id,order_id,order_date,amount',
        'K1,1001,2024-04-01,100.00',
        'K1,1002,2024-05-01,100.00',
        'K1,1003,2024-06-01,100.00',
        'K2,1004,2024-05-15,50.00',
        'K2,1005,2024-06-15,50.00',
        'K3,1006,2024-05-20,40.00',
        'K3,1007,2024-06-20,40.00',
        'K4,1008,2024-06-30,30.00',
        'K5,1009,2023-01-01,20.00',
        '',
      ].join('\n'),
    );
    writeFileSync(feedback, ['customer_id,date,kind,score,scale', 'K1,2024-06-10,nps,9,0-10', 'K2,2024-06-20,nps,8,0-10', ''].join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('orders only: the table shows every rung, lapsed, the totals and the missing-evidence messages', async () => {
    const r = await run('ladder', orders);
    expect(r.code, r.err).toBe(0);
    for (const label of ['Prospect', 'Customer', 'Client', 'Supporter', 'Advocate', 'Partner', 'Lapsed']) {
      expect(r.out).toMatch(new RegExp(`^${label}\\b`, 'm'));
    }
    for (const head of ['customers', 'share', 'revenue', 'avg value', 'to next', 'drop-off', 'median days to next']) expect(r.out).toContain(head);
    // No customer list: prospects are not available; no feedback: advocate is not available.
    expect(r.out).toMatch(/^Prospect\s+not available: no customer list, so contacts who never bought are not known$/m);
    expect(r.out).toMatch(/^Advocate\s+not available: no feedback data$/m);
    expect(r.out).toContain('(inferred from frequency (F score 4-5 of 5): no feedback data)');
    expect(r.out).toContain('No customer list: prospects (contacts who never bought) are not known');
    expect(r.out).toContain('No feedback data. Supporter inferred from frequency');
    expect(r.out).toMatch(/^contacts\s+5$/m);
    expect(r.out).toMatch(/^as of\s+2024-07-01$/m);
    expect(r.out).toMatch(/^Lapsed\s+1\s+20\.0%\s+20\.00\s+20\.00$/m);
    expect(r.out).toMatch(/lapsed from: customer 1/);
    expect(r.out).toMatch(/inactivity window: \d+ days without a purchase \(derived from the data\)/);
    // The orders' row accounting, in the header and on stderr.
    expect(r.out).toContain('orders.csv: 9 rows loaded, 0 rejected');
    expect(r.err).toContain('orders.csv: 9 rows loaded, 0 rejected');
  });

  it('--json: the LadderResult; rung customers plus lapsed add up to the contacts', async () => {
    const r = await run('ladder', orders, '--json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as LadderJson;
    expect(Object.keys(json)).toEqual(['contacts', 'asOf', 'rungs', 'lapsed', 'evidence', 'rules']);
    expect(json.contacts).toBe(5);
    expect(json.asOf).toBe('2024-07-01');
    expect(json.rungs.map((x) => x.rung)).toEqual(RUNGS);
    for (const row of json.rungs) {
      expect(Object.keys(row).sort()).toEqual(
        ['available', 'averageValue', 'conversionToNext', 'customers', 'dropOff', 'medianDaysToNext', 'reached', 'revenue', 'rung'].sort(),
      );
    }
    expect(Object.keys(json.lapsed).sort()).toEqual(['customers', 'from', 'revenue', 'windowDays', 'windowDerived']);
    expect(json.rungs.reduce((n, x) => n + x.customers, 0) + json.lapsed.customers).toBe(json.contacts);
    expect(json.lapsed).toMatchObject({ customers: 1, windowDerived: true });
    expect(json.evidence).toMatchObject({ customerList: false, feedback: 'absent' });
    expect(json.rungs.find((x) => x.rung === 'prospect')!.available).toBe(false);
    expect(json.rules).toMatchObject({ client: { minOrders: 2 } });
  });

  it('--since DATE: who climbed, slipped, lapsed or is new since then; --json adds it; a later date is a usage error', async () => {
    const r = await run('ladder', orders, '--feedback', feedback, '--since', '2024-05-10');
    expect(r.code, r.err).toBe(0);
    // K1 was a client on 2024-05-10 (two orders, no feedback yet); K2, K3 and K4 bought later; K5 had lapsed already.
    expect(r.out).toContain('Since 2024-05-10 (2 contacts then, 5 now):');
    expect(r.out).toContain('1 climbed, 0 slipped, 0 lapsed, 0 returned, 1 stayed, 3 new');
    expect(r.out).toMatch(/Client\s+-> Advocate\s+1/);
    const j = await run('ladder', orders, '--feedback', feedback, '--since', '2024-05-10', '--json');
    const since = (JSON.parse(j.out) as { since: { from: string; summary: Record<string, number>; flows: unknown[] } }).since;
    expect(since.from).toBe('2024-05-10');
    expect(since.summary).toEqual({ climbed: 1, slipped: 0, lapsed: 0, returned: 0, stayed: 1, new: 3 });
    expect(since.flows).toContainEqual({ from: 'client', to: 'advocate', customers: 1 });
    const late = await run('ladder', orders, '--since', '2024-08-01');
    expect(late.code).toBe(2);
    expect(late.err).toContain('must be before the later date (2024-07-01)');
    expect((await run('ladder', orders, '--since', 'yesterday')).code).toBe(2);
  });

  it('--feedback: NPS 9 ends on advocate, NPS 8 on supporter; --out writes customer_id,rung,reason', async () => {
    const out = join(dir, 'members.csv');
    const r = await run('ladder', orders, '--feedback', feedback, '--out', out, '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('feedback.csv: 2 rows loaded, 0 rejected');
    expect(r.err).toContain(`wrote 5 rows to ${out}`);
    const json = JSON.parse(r.out) as LadderJson;
    expect(json.evidence.feedback).toBe('matched');
    expect(json.evidence.messages.join('\n')).toMatch(/Feedback covers 2 of (the )?5 \w+; the 3 without feedback/);
    const csv = readFileSync(out, 'utf8');
    const { header, rows } = members(csv);
    expect(header).toBe('customer_id,rung,reason');
    expect(Object.keys(rows).sort()).toEqual(['K1', 'K2', 'K3', 'K4', 'K5']);
    expect(rows.K1).toEqual({ rung: 'advocate', reason: 'bought 3 times; latest NPS 9 (2024-06-10)' });
    expect(rows.K2).toEqual({ rung: 'supporter', reason: 'bought twice; latest NPS 8 (2024-06-20)' });
    expect(rows.K3).toEqual({ rung: 'client', reason: 'bought twice; no feedback from them' });
    expect(rows.K4).toEqual({ rung: 'customer', reason: 'bought once' });
    expect(rows.K5!.rung).toBe('lapsed');
    expect(rows.K5!.reason).toMatch(/^lapsed customer: bought once; no purchase for 547 days\b/);
  });

  it('--rules FILE.json changes the outcome; a bad rules file exits 2 naming the file', async () => {
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify({ client: { minOrders: 3 } }));
    const out = join(dir, 'members-3.csv');
    const r = await run('ladder', orders, '--feedback', feedback, '--rules', rules, '--out', out, '--json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as LadderJson;
    expect(json.rules).toMatchObject({ client: { minOrders: 3 } });
    const { rows } = members(readFileSync(out, 'utf8'));
    expect(rows.K1!.rung).toBe('advocate');
    expect(rows.K2!.rung).toBe('customer');
    expect(rows.K3!.rung).toBe('customer');
    expect(json.rungs.find((x) => x.rung === 'customer')!.customers).toBe(3);

    const bad = join(dir, 'bad-ladder-rules.json');
    writeFileSync(bad, JSON.stringify({ client: { minOrders: 1 }, nope: {} }));
    const b = await run('ladder', orders, '--rules', bad);
    expect(b.code).toBe(2);
    expect(b.out).toBe('');
    expect(b.err).toContain('bad-ladder-rules.json');
    expect(b.err).toContain('client.minOrders must be a whole number, at least 2');
    expect(b.err).toContain('unknown section "nope"');
    const notJson = join(dir, 'not-json.json');
    writeFileSync(notJson, '{client:');
    const n = await run('ladder', orders, '--rules', notJson);
    expect(n.code).toBe(2);
    expect(n.err).toMatch(/not-json\.json[\s\S]*not valid JSON/);
    const missing = await run('ladder', orders, '--rules', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read rules file .*nope\.json: no such file/);
  });

  it('--feedback that matches no customer says so; a feedback file that cannot load names it (exit 1)', async () => {
    const other = join(dir, 'other-feedback.csv');
    writeFileSync(other, ['customer_id,date,kind,score,scale', 'Z1,2024-06-10,nps,9,0-10', 'Z2,2024-06-11,nps,3,0-10', ''].join('\n'));
    const r = await run('ladder', orders, '--feedback', other);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('matches no customer: check that it uses the same customer ids as the orders');
    expect(r.out).toMatch(/^Advocate\s+not available\b/m);

    const empty = join(dir, 'empty-feedback.csv');
    writeFileSync(empty, '');
    const e = await run('ladder', orders, '--feedback', empty);
    expect(e.code).toBe(1);
    expect(e.out).toBe('');
    expect(e.err).toContain(`cannot load the feedback file ${empty}`);
    const gone = await run('ladder', orders, '--feedback', join(dir, 'gone.csv'));
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/cannot read feedback file .*gone\.csv: no such file/);
  });

  it('--customers adds prospects; --as-of moves the date; bad values are usage errors', async () => {
    const list = join(dir, 'customers.csv');
    writeFileSync(list, 'customer_id,name\nK1,One\nP1,Prospect\nP2,Another\nP2,Again\n');
    const r = await run('ladder', orders, '--customers', list, '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/customers\.csv: 3 rows loaded, 1 rejected \(first: line 5, the customer id appeared on an earlier line/);
    const json = JSON.parse(r.out) as LadderJson;
    expect(json.evidence.customerList).toBe(true);
    expect(json.rungs[0]).toMatchObject({ rung: 'prospect', customers: 2, available: true });
    expect(json.contacts).toBe(7);

    const early = await run('ladder', orders, '--as-of', '2024-06-01', '--json');
    expect(early.code, early.err).toBe(0);
    expect((JSON.parse(early.out) as LadderJson).asOf).toBe('2024-06-01');

    const cases: [string[], RegExp][] = [
      [['--as-of', '2024-02-30'], /--as-of is not a real calendar date.*2024-02-30/],
      [['--as-of', 'soon'], /--as-of must be an ISO date.*"soon"/],
      [['--frobnicate'], /Unknown option "--frobnicate"/],
      [['--as-of'], /--as-of needs a value/],
    ];
    for (const [flags, message] of cases) {
      const x = await run('ladder', orders, ...flags);
      expect(x.code, flags.join(' ')).toBe(2);
      expect(x.err, flags.join(' ')).toMatch(message);
      expect(x.out).toBe('');
    }
    const noFile = await run('ladder');
    expect(noFile.code).toBe(2);
    expect(noFile.err).toContain('ladder needs a FILE');
    const missing = await run('ladder', join(dir, 'no-such.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no such file');
  });

  it('--help documents ladder and its options', async () => {
    const help = await run('ladder', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('rapport ladder FILE');
    for (const flag of ['--feedback', '--customers', '--as-of', '--rules', '--json', '--out', '--map', '--returns']) expect(help.out).toContain(flag);
  });
});

describe('rapport ladder on the sample shop', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-cli-ladder-sample-'));
    writeFileSync(join(dir, 'sample-orders.csv'), sampleOrdersCsv());
    writeFileSync(join(dir, 'sample-feedback.csv'), sampleFeedbackCsv());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('orders and feedback: succeeds; prospect is not available without --customers; the table and JSON agree', async () => {
    const orders = join(dir, 'sample-orders.csv');
    const feedback = join(dir, 'sample-feedback.csv');
    const table = await run('ladder', orders, '--feedback', feedback);
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(/^Prospect\s+not available\b/m);
    expect(table.err).toMatch(/sample-feedback\.csv: [\d,]+ rows loaded, 0 rejected/);
    const r = await run('ladder', orders, '--feedback', feedback, '--json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as LadderJson;
    expect(json.evidence.feedback).toBe('matched');
    expect(json.rungs.find((x) => x.rung === 'prospect')).toMatchObject({ customers: 0, available: false });
    expect(json.rungs.filter((x) => x.rung !== 'prospect').every((x) => x.available)).toBe(true);
    expect(json.rungs.reduce((n, x) => n + x.customers, 0) + json.lapsed.customers).toBe(json.contacts);
    expect(table.out).toMatch(new RegExp(`^contacts\\s+${json.contacts.toLocaleString('en-US')}$`, 'm'));
    for (const m of json.evidence.messages) expect(table.out).toContain(m);
  });
});

/** Distinct customer ids with at least one purchase (an invoice not starting with "C") in the Online Retail export. */
function onlineRetailBuyers(path: string): number {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
  const header = lines[0]!.replace(/\r$/, '').split(',');
  const inv = header.indexOf('InvoiceNo');
  const cust = header.indexOf('CustomerID');
  const buyers = new Set<string>();
  for (const raw of lines.slice(1)) {
    const line = raw.replace(/\r$/, '');
    if (line === '') continue;
    // Descriptions may be quoted and hold commas: split on commas outside quotes.
    const fields = line.includes('"') ? (line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).map((f) => f.replace(/,$/, '')) : line.split(',');
    const id = (fields[cust] ?? '').replace(/^"|"$/g, '').trim();
    const invoice = (fields[inv] ?? '').replace(/^"|"$/g, '').trim();
    if (id !== '' && !invoice.toUpperCase().startsWith('C')) buyers.add(id.replace(/\.0$/, ''));
  }
  return buyers.size;
}

describe.skipIf(!hasSharedData)('rapport ladder on real data (Online Retail)', () => {
  it('--json: no feedback, supporter inferred, advocate not available, every buyer a contact', { timeout: 60_000 }, async () => {
    const file = join(SHARED_DATA, 'online-retail', 'online_retail.csv.gz');
    const r = await run('ladder', file, '--json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as LadderJson;
    expect(json.evidence.feedback).toBe('absent');
    expect(json.evidence.messages.join('\n')).toContain('No feedback data.');
    expect(json.evidence.rungs.supporter!.basis).toBe('frequency');
    expect(json.evidence.rungs.supporter!.note).toMatch(/^inferred from frequency/);
    expect(json.rungs.find((x) => x.rung === 'advocate')!.available).toBe(false);
    expect(json.rungs.find((x) => x.rung === 'prospect')!.available).toBe(false);
    expect(json.asOf).toBe('2011-12-10');
    expect(json.contacts).toBe(onlineRetailBuyers(file));
    expect(json.rungs.reduce((n, x) => n + x.customers, 0) + json.lapsed.customers).toBe(json.contacts);
    console.log(`[ladder] Online Retail: ${json.contacts} contacts; ${json.rungs.map((x) => `${x.rung} ${x.available ? x.customers : 'n/a'}`).join(', ')}, lapsed ${json.lapsed.customers}`);
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceCount, VoiceKind } from '../../src/analytics/voice.js';
import { Dataset } from '../../src/data/dataset.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { feedbackKindFromName, isFeedbackFile } from '../../src/data/ingest/detect-format.js';
import { fillMonths, VoiceRequestError } from '../../src/data/voice.js';
import { generateSampleFeedback, sampleFeedbackCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { SHARED_DATA, sharedFile, text, withEngine } from '../helpers/engine.js';
import { ingestError, loaded, rows, scalar } from '../helpers/ingest.js';

let engine: Engine;
let dataset: Dataset;
beforeAll(async () => {
  engine = await withEngine();
  dataset = new Dataset(engine);
});
afterAll(async () => {
  await engine.close();
});

const HTML = '<script>alert("x")</script>, <b>bold</b> & "quotes"';
const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Seven pieces of voice and one NPS answer. Days to answer: line 2 -> 2, line 4 -> 5,
 * line 5 -> 1, line 6 -> 10; line 3 and line 7 unanswered; line 8 answered but undated.
 */
const FEEDBACK = [
  'customer_id,date,type,score,category,channel,comment,answered_date',
  '101,2024-01-05,complaint,,delivery,email,Parcel late,2024-01-07',
  '101,2024-01-20,suggestion,,website,web,Add dark mode,',
  '102,2024-01-10,complaint,,delivery,phone,Broken box,2024-01-15',
  '103,2024-03-02,compliment,,service,store,Great staff,2024-03-03',
  '104,2024-03-15,complaint,,price,email,Too expensive,2024-03-25',
  `105,2024-03-20,complaint,,,phone,${csvField(HTML)},`,
  '106,,suggestion,,website,web,More sizes,2024-04-01',
  '999,2024-04-10,nps,9,,email,Fine,',
].join('\n');

const zeros = (): Record<VoiceKind, number> => ({ complaint: 0, suggestion: 0, compliment: 0 });
const count = (key: string, kinds: Partial<Record<VoiceKind, number>>, answered: number | null, median: number | null): VoiceCount => {
  const counts = { ...zeros(), ...kinds };
  return { key, counts, total: counts.complaint + counts.suggestion + counts.compliment, answered, medianDaysToAnswer: median };
};

describe('voice of the customer: hand-made feedback', () => {
  it('is null with no feedback, and with feedback of other kinds only', async () => {
    expect(await dataset.voice()).toBeNull();
    await dataset.loadFeedback({ name: 'nps.csv', bytes: text('customer_id,date,nps\nA,2024-01-01,9\n') });
    expect(await dataset.voice()).toBeNull();
  });

  it('loads categories, channels and answers: every count, answered share and median by hand', async () => {
    const r = await dataset.loadFeedback({ name: 'feedback.csv', bytes: text(FEEDBACK) });
    expect(r.mapping).toMatchObject({ kind: 'type', category: 'category', channel: 'channel', text: 'comment', answered_date: 'answered_date' });
    expect(r).toMatchObject({ rowsRead: 8, rowsLoaded: 8, rowsRejected: 0, answered: 5, fileKind: null, fileKindSource: null });
    const answers = await rows<{ customer_id: string; answered: boolean | null; a: string | null }>(
      engine,
      'SELECT customer_id, answered, CAST(answered_date AS VARCHAR) AS a FROM feedback ORDER BY customer_id, feedback_date',
    );
    expect(answers.map((a) => [a.customer_id, a.answered, a.a])).toEqual([
      ['101', true, '2024-01-07'],
      ['101', false, null],
      ['102', true, '2024-01-15'],
      ['103', true, '2024-03-03'],
      ['104', true, '2024-03-25'],
      ['105', false, null],
      ['106', true, '2024-04-01'],
      ['999', false, null],
    ]);

    const v = (await dataset.voice())!;
    expect(v.total).toBe(7);
    expect(v.byKind).toEqual({ complaint: 4, suggestion: 2, compliment: 1 });
    // 5 of 7 answered; median of 2, 5, 1, 10 days (the undated answer has no duration) = 3.5.
    expect(v.answered).toEqual({ share: 5 / 7, medianDaysToAnswer: 3.5 });
    expect(v.byCategory).toEqual([
      count('delivery', { complaint: 2 }, 2, 3.5),
      count('website', { suggestion: 2 }, 1, null),
      count('(none)', { complaint: 1 }, 0, null),
      count('price', { complaint: 1 }, 1, 10),
      count('service', { compliment: 1 }, 1, 1),
    ]);
    expect(v.byChannel).toEqual([
      count('email', { complaint: 2 }, 2, 6),
      count('phone', { complaint: 2 }, 1, 5),
      count('web', { suggestion: 2 }, 1, null),
      count('store', { compliment: 1 }, 1, 1),
    ]);
    // February had nothing: filled with zeros; the undated suggestion is left out.
    expect(v.byMonth).toEqual([
      count('2024-01', { complaint: 2, suggestion: 1 }, 2, 3.5),
      { key: '2024-02', counts: zeros(), total: 0, answered: null, medianDaysToAnswer: null },
      count('2024-03', { complaint: 2, compliment: 1 }, 2, 5.5),
    ]);
    expect(v.bySegment).toBeNull();
    expect(v.messages).toEqual([
      '1 piece of feedback has no date: left out of the months.',
      '1 answered piece has no answered date (or no date): left out of the time to answer.',
      'No orders are loaded: the feedback cannot be split by segment.',
      '1 other piece of feedback (other kinds) is not counted here.',
    ]);
    expect(v.recent.map((i) => [i.customer_id, i.date, i.kind])).toEqual([
      ['105', '2024-03-20', 'complaint'],
      ['104', '2024-03-15', 'complaint'],
      ['103', '2024-03-02', 'compliment'],
      ['101', '2024-01-20', 'suggestion'],
      ['102', '2024-01-10', 'complaint'],
      ['101', '2024-01-05', 'complaint'],
      ['106', null, 'suggestion'],
    ]);
    expect(v.recent[0]).toEqual({ customer_id: '105', date: '2024-03-20', kind: 'complaint', category: null, channel: 'phone', text: HTML, answered: false });
  });

  it('keeps HTML and script text as plain data, exactly as written', async () => {
    const v = (await dataset.voice({ recent: 1 }))!;
    expect(v.recent).toHaveLength(1);
    expect(v.recent[0]!.text).toBe(HTML);
    expect(await scalar<string>(engine, "SELECT text FROM feedback WHERE customer_id = '105'")).toBe(HTML);
  });

  it('counts only the kinds asked; a bad request is an error', async () => {
    const v = (await dataset.voice({ kinds: ['complaint'] }))!;
    expect(v.total).toBe(4);
    expect(v.byKind).toEqual({ complaint: 4, suggestion: 0, compliment: 0 });
    expect(v.byCategory.map((c) => [c.key, c.total])).toEqual([['delivery', 2], ['(none)', 1], ['price', 1]]);
    // 3 of 4 complaints answered, after 2, 5 and 10 days.
    expect(v.answered).toEqual({ share: 3 / 4, medianDaysToAnswer: 5 });
    expect(v.messages).toContain('4 other pieces of feedback (other kinds) are not counted here.');
    await expect(dataset.voice({ kinds: ['nps' as VoiceKind] })).rejects.toBeInstanceOf(VoiceRequestError);
    await expect(dataset.voice({ recent: -1 })).rejects.toBeInstanceOf(VoiceRequestError);
  });

  it('splits by RFM segment after a scoring; customers not in the orders are "(not scored)"', async () => {
    const orders = [
      'order_id,customer_id,order_date,amount',
      '5001,101,2024-01-02,120.00', '5002,101,2024-02-10,80.00', '5003,101,2024-03-28,95.00',
      '5004,102,2023-06-01,15.00',
      '5005,103,2024-03-01,300.00', '5006,103,2024-03-20,250.00',
      '5007,104,2023-11-15,40.00',
      '5008,105,2024-03-25,60.00',
      '5009,107,2023-09-09,20.00',
    ].join('\n');
    loaded(await dataset.load({ name: 'orders.csv', bytes: text(orders) }));
    const before = (await dataset.voice())!;
    expect(before.bySegment).toBeNull();
    expect(before.messages).toContain('No RFM scoring yet: score the customers to see the feedback by segment.');
    expect(before.messages).toContain('1 customer of the 6 who gave feedback is not in the orders loaded.');

    const rfm = await dataset.rfm();
    const segmentOf = new Map(rfm.customers.map((c) => [c.customer_id, c.segment]));
    const order = rfm.rules.map((r) => r.name);
    const v = (await dataset.voice())!;
    // By hand: the voice rows' customers and kinds, grouped under each one's segment.
    const voice: [string, VoiceKind][] = [['101', 'complaint'], ['101', 'suggestion'], ['102', 'complaint'], ['103', 'compliment'], ['104', 'complaint'], ['105', 'complaint'], ['106', 'suggestion']];
    const expected = new Map<string, Record<VoiceKind, number>>();
    for (const [customer, kind] of voice) {
      const key = segmentOf.get(customer) ?? '(not scored)';
      const c = expected.get(key) ?? zeros();
      c[kind]++;
      expected.set(key, c);
    }
    const rank = (k: string) => (k === '(not scored)' ? Infinity : order.indexOf(k) === -1 ? order.length : order.indexOf(k));
    const keys = [...expected.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
    expect(v.bySegment!.map((s) => [s.key, s.counts])).toEqual(keys.map((k) => [k, expected.get(k)]));
    expect(v.bySegment!.find((s) => s.key === '(not scored)')).toEqual(count('(not scored)', { suggestion: 1 }, 1, null));
    expect(v.bySegment!.reduce((a, s) => a + s.total, 0)).toBe(7);
    expect(v.messages).toContain('1 customer of the 6 who gave feedback is not in the orders loaded: counted under "(not scored)" by segment.');
  });
});

describe('a file of its own: complaints, suggestions, compliments without a kind column', () => {
  const KINDLESS = 'date,customer_id,category,channel,text\n2024-05-01,201,delivery,email,Late again\n2024-05-03,202,price,phone,Too dear\n';

  it('takes the kind from the file name, in five languages, and says so', async () => {
    const e = await withEngine();
    try {
      const d = new Dataset(e);
      const r = await d.loadFeedback({ name: 'complaints.csv', bytes: text(KINDLESS) });
      expect(r).toMatchObject({ rowsLoaded: 2, fileKind: 'complaint', fileKindSource: 'name', answered: null });
      expect(r.mapping).toEqual({ customer_id: 'customer_id', date: 'date', text: 'text', channel: 'channel', category: 'category' });
      expect(r.warnings).toContain('complaints.csv has no kind column: every row was read as complaint, because the file name says so. Set the kind if that is wrong.');
      const v = (await d.voice())!;
      expect(v.byKind).toEqual({ complaint: 2, suggestion: 0, compliment: 0 });
      expect(v.answered).toBeNull();
      expect(v.byCategory.map((c) => [c.key, c.total, c.answered])).toEqual([['delivery', 1, null], ['price', 1, null]]);
      expect(v.messages).toContain('The feedback says nothing of answers (no answered date or status column): the share answered is unknown.');
      // The option wins over the name.
      const asked = await d.loadFeedback({ name: 'complaints.csv', bytes: text(KINDLESS) }, { kind: 'suggestion' });
      expect(asked).toMatchObject({ fileKind: 'suggestion', fileKindSource: 'option' });
    } finally {
      await e.close();
    }
    const names: [string, VoiceKind | null][] = [
      ['complaints.csv', 'complaint'], ['reclamacoes_2024.csv', 'complaint'], ['Reclamações.csv', 'complaint'], ['quejas.csv', 'complaint'],
      ['plaintes-clients.csv', 'complaint'], ['aduan.csv', 'complaint'], ['suggestions.csv', 'suggestion'], ['sugestoes.csv', 'suggestion'],
      ['sugerencias.xlsx.csv', 'suggestion'], ['cadangan.csv', 'suggestion'], ['compliments.csv', 'compliment'], ['elogios.csv', 'compliment'],
      ['feedback.csv', null], ['complaints_and_compliments.csv', null], ['orders.csv', null],
    ];
    for (const [name, kind] of names) expect(feedbackKindFromName(name), name).toBe(kind);
  });

  it('without a kind, a name that says one, or a score, the load stops and asks for the kind', async () => {
    const e = await withEngine();
    try {
      const err = await ingestError(new Dataset(e).loadFeedback({ name: 'export.csv', bytes: text(KINDLESS) }));
      expect(err.message).toMatch(/^export\.csv: what kind of feedback is it\? No column says the kind, none holds a score, and the file name does not say/);
      expect(err.message).toContain('Set the kind (nps, review, satisfaction, recommend, referral, complaint, suggestion, compliment)');
    } finally {
      await e.close();
    }
  });

  it('a column named category that holds kinds is the kind column', async () => {
    const e = await withEngine();
    try {
      const r = await new Dataset(e).loadFeedback({ name: 'export.csv', bytes: text('customer_id,category,comment\n1,complaint,a\n2,Sugestão,b\n3,Elogio,c\n') });
      expect(r.mapping).toEqual({ customer_id: 'customer_id', kind: 'category', text: 'comment' });
      expect(r.byKind).toEqual({ complaint: 1, suggestion: 1, compliment: 1 });
    } finally {
      await e.close();
    }
  });

  it('a category column is the kind when at least 80% of its values are kinds: a typo is one unknown_kind reject, not a file kind for every row', async () => {
    const e = await withEngine();
    try {
      // Like the reviewer's fb.csv: one typo ("complain") among five.
      const csv = 'customer_id,date,category,score,text\nc1,2024-01-02,complaint,,late\nc2,2024-01-03,compliment,,great\nc3,2024-01-04,nps,9,\nc4,2024-01-05,suggestion,,add x\nc5,2024-01-06,complain,,bad\n';
      const r = await new Dataset(e).loadFeedback({ name: 'fb.csv', bytes: text(csv) });
      expect(r.mapping).toEqual({ customer_id: 'customer_id', date: 'date', kind: 'category', score: 'score', text: 'text' });
      expect(r).toMatchObject({ rowsLoaded: 4, rowsRejected: 1, fileKind: null, byKind: { complaint: 1, compliment: 1, nps: 1, suggestion: 1 } });
      expect(r.rejectSamples).toEqual([{ line: 6, reason: 'unknown_kind', column: 'category', value: 'complain', detail: null }]);
      // Two of five kinds (40%): the column is what the shop's feedback is about, the file a complaints file.
      const c = await new Dataset(e).loadFeedback({ name: 'complaints.csv', bytes: text('customer_id,category,text\n1,delivery,a\n2,complaint,b\n3,price,c\n4,suggestion,d\n5,delivery,e\n') });
      expect(c.mapping).toMatchObject({ category: 'category' });
      expect(c.mapping.kind).toBeUndefined();
      expect(c).toMatchObject({ rowsLoaded: 5, fileKind: 'complaint' });
    } finally {
      await e.close();
    }
  });

  it('is recognised as feedback by its name or its header when dropped', () => {
    for (const name of ['reclamacoes.csv', 'quejas.csv', 'plaintes.csv', 'aduan.csv', 'elogios.csv', 'sugestoes.csv', 'suggestions.tsv']) {
      expect(isFeedbackFile(name, null), name).toBe(true);
    }
    expect(isFeedbackFile('sales_complaints.csv', null)).toBe(false);
    expect(isFeedbackFile('export.csv', 'date,customer_id,category,channel,text')).toBe(true);
    expect(isFeedbackFile('export.csv', 'Customer;Type;Comment')).toBe(true);
    expect(isFeedbackFile('export.csv', 'customer_id,name,signup_date')).toBe(false);
    expect(isFeedbackFile('export.csv', 'order_id,customer_id,category,amount,comment')).toBe(false);
  });
});

describe('a file of its own without a customer id', () => {
  // The issue's complaints.csv: no customer id column at all.
  const ANONYMOUS = 'date,category,channel,text,status,answered_at\n2024-01-03,delivery,email,late,answered,2024-01-05\n2024-01-10,billing,phone,charged twice,open,\n2024-02-01,delivery,chat,never arrived,closed,2024-02-11\n';

  it('loads complaints with no customer id; the voice counts them under "(no customer id)" by segment and says how many', async () => {
    const e = await withEngine();
    try {
      const d = new Dataset(e);
      loaded(await d.load({ name: 'orders.csv', bytes: text('order_id,customer_id,order_date,amount\n1,101,2024-01-02,10\n2,102,2024-01-05,20\n3,101,2024-02-01,30\n') }));
      const r = await d.loadFeedback({ name: 'complaints.csv', bytes: text(ANONYMOUS) });
      expect(r.mapping.customer_id).toBeUndefined();
      expect(r).toMatchObject({ rowsLoaded: 3, rowsRejected: 0, customers: 0, withoutCustomer: 3, matchedCustomers: null, fileKind: 'complaint', answered: 2 });
      expect(r.warnings).toContain('3 rows of complaints.csv have no customer id (the file has no customer id column): loaded as complaints, suggestions or compliments, counted in the voice of the customer but not by customer or segment.');
      expect(r.warnings.join('\n')).not.toMatch(/None of the/);
      expect(await scalar(e, "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'feedback' AND column_name = 'customer_id'")).toBe('YES');

      await d.rfm();
      const v = (await d.voice())!;
      expect(v.total).toBe(3);
      expect(v.bySegment).toEqual([count('(no customer id)', { complaint: 3 }, 2, 6)]);
      expect(v.messages).toContain('3 pieces of feedback have no customer id: counted everywhere but by customer, and under "(no customer id)" by segment.');
      expect(v.messages.join('\n')).not.toMatch(/not in the orders loaded/);
      expect(v.recent.map((i) => i.customer_id)).toEqual([null, null, null]);

      // The ladder does not see feedback without a customer: no feedback to place anyone.
      const ladder = await d.ladder();
      expect(ladder.evidence).toMatchObject({ feedback: 'absent', feedbackRows: 0, feedbackCustomers: 0 });
    } finally {
      await e.close();
    }
  });

  it('rows of kinds that need a customer are still rejected without one; a scored file without an id column stops', async () => {
    const e = await withEngine();
    try {
      const d = new Dataset(e);
      const csv = 'customer_id,kind,score,text\n1,nps,9,\n,nps,7,\n,complaint,,late\n,referral,,\n2,suggestion,,more\n';
      const r = await d.loadFeedback({ name: 'mixed.csv', bytes: text(csv) });
      expect(r).toMatchObject({ rowsLoaded: 3, rowsRejected: 2, rejectedByReason: { missing_customer_id: 2 }, customers: 2, withoutCustomer: 1 });
      expect(r.rejectSamples.map((x) => [x.line, x.reason])).toEqual([[3, 'missing_customer_id'], [5, 'missing_customer_id']]);
      const noId = await ingestError(d.loadFeedback({ name: 'scores.csv', bytes: text('date,nps\n2024-01-01,9\n') }));
      expect(noId.message).toMatch(/scores\.csv: no column looks like a customer id/);
      // A kind column but no id column: the complaint loads, the NPS answer is rejected.
      const k = await d.loadFeedback({ name: 'k.csv', bytes: text('kind,score,text\ncomplaint,,late\nnps,9,\n') });
      expect(k).toMatchObject({ rowsLoaded: 1, rowsRejected: 1, rejectedByReason: { missing_customer_id: 1 }, withoutCustomer: 1 });
    } finally {
      await e.close();
    }
  });
});

describe('answers: status words, unreadable and early answered dates', () => {
  it('a status in five languages says answered or open; blank says nothing', async () => {
    const e = await withEngine();
    try {
      const d = new Dataset(e);
      const csv = 'cliente,data,motivo,situacao,comentario\n1,2024-02-01,entrega,Resolvido,a\n2,2024-02-02,preco,aberto,b\n3,2024-02-03,entrega,Closed,c\n4,2024-02-04,site,pendiente,d\n5,2024-02-05,entrega,dijawab,e\n6,2024-02-06,site,,f\n';
      const r = await d.loadFeedback({ name: 'reclamacoes.csv', bytes: text(csv) });
      expect(r.mapping).toEqual({ customer_id: 'cliente', date: 'data', text: 'comentario', category: 'motivo', status: 'situacao' });
      expect(r).toMatchObject({ fileKind: 'complaint', answered: 3 });
      const v = (await d.voice())!;
      // 3 answered of the 5 that say; no answered dates, so no time to answer.
      expect(v.answered).toEqual({ share: 3 / 5, medianDaysToAnswer: null });
      expect(v.byCategory).toEqual([count('entrega', { complaint: 3 }, 3, null), count('site', { complaint: 2 }, 0, null), count('preco', { complaint: 1 }, 0, null)]);
      expect(v.messages).toContain('1 piece of feedback does not say whether it was answered: the share answered is of the 5 pieces that do.');
      expect(v.messages).toContain('3 answered pieces have no answered date (or no date): left out of the time to answer.');
    } finally {
      await e.close();
    }
  });

  it('an answered date that is not a date is left empty with a warning (the row loads, its answer unknown); one before the feedback date loads with a warning', async () => {
    const e = await withEngine();
    try {
      const d = new Dataset(e);
      const csv = 'customer_id,date,kind,resolved_at,text\nA,2024-06-01,complaint,2024-06-04,x\nB,2024-06-02,complaint,pending,y\nC,2024-06-10,complaint,2024-06-08,z\nD,2024-06-11,suggestion,,w\n';
      const r = await d.loadFeedback({ name: 'tickets.csv', bytes: text(csv) });
      expect(r.mapping.answered_date).toBe('resolved_at');
      expect(r).toMatchObject({ rowsRead: 4, rowsLoaded: 4, rowsRejected: 0, rejectedByReason: {}, answered: 2 });
      expect(r.warnings).toContain('1 value of "resolved_at" is not a date (first: line 3, "pending"); it was left empty. Its answer is unknown.');
      expect(r.warnings).toContain('1 row of tickets.csv was answered before it was written (column "resolved_at" before "date", first at line 4): loaded as they are; check the dates.');
      expect(await rows(e, `SELECT customer_id, CAST(answered_date AS VARCHAR) AS answered_date, answered FROM feedback ORDER BY customer_id`)).toEqual([
        { customer_id: 'A', answered_date: '2024-06-04', answered: true },
        { customer_id: 'B', answered_date: null, answered: null },
        { customer_id: 'C', answered_date: '2024-06-08', answered: true },
        { customer_id: 'D', answered_date: null, answered: false },
      ]);
      const v = (await d.voice())!;
      expect(v.answered).toEqual({ share: 2 / 3, medianDaysToAnswer: 3 });
      expect(v.messages).toContain('1 piece was answered before written (the dates are wrong somewhere): left out of the time to answer.');
      expect(v.messages).toContain('1 piece of feedback does not say whether it was answered: the share answered is of the 3 pieces that do.');
    } finally {
      await e.close();
    }
  });

  it('an unreadable answered date with a status: the status says whether it was answered', async () => {
    const e = await withEngine();
    try {
      const csv = 'customer_id,date,status,answered_at,text\n1,2024-06-01,closed,2024-06-03,a\n2,2024-06-01,,2024-06-04,b\n3,2024-06-01,open,2024-06-05,c\n4,2024-06-01,closed,n/a,x\n5,2024-06-02,open,pending,y\n6,2024-06-03,,pending,z\n';
      const r = await new Dataset(e).loadFeedback({ name: 'complaints.csv', bytes: text(csv) });
      expect(r.mapping).toMatchObject({ status: 'status', answered_date: 'answered_at' });
      expect(r).toMatchObject({ rowsLoaded: 6, rowsRejected: 0, answered: 4 });
      expect(r.warnings).toContain('3 values of "answered_at" are not dates (first: line 5, "n/a"); they were left empty. Their answers are unknown unless the status says.');
      expect(await rows(e, 'SELECT customer_id, answered FROM feedback WHERE customer_id > \'3\' ORDER BY customer_id')).toEqual([
        { customer_id: '4', answered: true },
        { customer_id: '5', answered: false },
        { customer_id: '6', answered: null },
      ]);
    } finally {
      await e.close();
    }
  });

  it('fills months across a year end', () => {
    const m = (key: string) => count(key, { complaint: 1 }, null, null);
    expect(fillMonths([m('2023-11'), m('2024-02')]).map((c) => [c.key, c.total])).toEqual([['2023-11', 1], ['2023-12', 0], ['2024-01', 0], ['2024-02', 1]]);
    expect(fillMonths([])).toEqual([]);
  });
});

describe('sample feedback', () => {
  it('complaints, suggestions and compliments have categories and most complaints answers, within days', async () => {
    const e = await withEngine();
    try {
      const d = new Dataset(e);
      loaded(await d.load({ name: 'sample-orders.csv', bytes: text(sampleOrdersCsv()) }));
      const r = await d.loadFeedback({ name: 'sample-feedback.csv', bytes: text(sampleFeedbackCsv()) });
      expect(r.rowsRejected).toBe(0);
      expect(r.warnings).toEqual([]);
      await d.scoreOverview();
      const v = (await d.voice())!;
      const records = generateSampleFeedback().filter((f) => f.kind === 'complaint' || f.kind === 'suggestion' || f.kind === 'compliment');
      expect(v.total).toBe(records.length);
      expect(records.every((f) => f.category !== '')).toBe(true);
      const complaints = records.filter((f) => f.kind === 'complaint');
      const answeredComplaints = complaints.filter((f) => f.answered_date !== '').length;
      expect(answeredComplaints / complaints.length).toBeGreaterThan(0.7);
      expect(answeredComplaints).toBeLessThan(complaints.length);
      expect(v.answered!.medianDaysToAnswer).toBeGreaterThanOrEqual(1);
      expect(v.answered!.medianDaysToAnswer).toBeLessThanOrEqual(10);
      expect(v.byCategory.map((c) => c.key)).toEqual(expect.arrayContaining(['delivery', 'service', 'price', 'product quality']));
      expect(v.bySegment!.reduce((a, s) => a + s.total, 0)).toBe(v.total);
      expect(v.byMonth.reduce((a, s) => a + s.total, 0)).toBe(v.total);
      console.log(`[voice] sample: ${JSON.stringify(v.byKind)}; answered ${(100 * v.answered!.share).toFixed(1)}%, median ${v.answered!.medianDaysToAnswer} days; categories ${v.byCategory.map((c) => `${c.key} ${c.total}`).join(', ')}; segments ${v.bySegment!.map((c) => `${c.key} ${c.total}`).join(', ')}`);
    } finally {
      await e.close();
    }
  }, 60_000);
});

const OLIST_CLASSIFIED = join(SHARED_DATA, 'olist', 'olist_classified_public_dataset.csv.gz');

describe.skipIf(!existsSync(OLIST_CLASSIFIED))(`real data: Olist classified reviews as the voice of the customer (skipped: ${OLIST_CLASSIFIED} is not there)`, () => {
  it('reviewers\' classes as kinds, subclasses as categories: counts equal an independent count of the file', async () => {
    const e = await withEngine();
    try {
      const d = new Dataset(e);
      // The review id stands for the customer (the file has no customer id). The readers'
      // class says a problem (complaint) or a satisfied customer (compliment); unclassified
      // comments stay reviews. review_answer_timestamp is when the customer answered the
      // survey, not when the shop answered: it is not an answered date.
      const r = await d.loadFeedback(
        { name: 'olist_classified_public_dataset.csv.gz', bytes: sharedFile('olist', 'olist_classified_public_dataset.csv.gz') },
        {
          kind: 'review',
          kindWords: { problemas_de_entrega: 'complaint', problemas_de_qualidade: 'complaint', satisfeito_com_pedido: 'compliment' },
          mapping: {
            customer_id: 'id', date: 'review_creation_date', kind: 'most_voted_class', category: 'most_voted_subclass',
            score: 'review_score', text: 'review_comment_message',
          },
        },
      );
      expect(r.rowsRead).toBe(r.rowsLoaded + r.rowsRejected);
      expect(r.answered).toBeNull();
      const v = (await d.voice())!;
      const path = OLIST_CLASSIFIED.replace(/'/g, "''");
      const independent = await rows<{ cls: string | null; sub: string | null; n: number; month: string }>(
        e,
        `SELECT most_voted_class AS cls, most_voted_subclass AS sub, strftime(CAST(review_creation_date AS DATE), '%Y-%m') AS month, CAST(count(*) AS INTEGER) AS n
         FROM read_csv('${path}', all_varchar = true) GROUP BY ALL`,
      );
      const sum = (f: (x: (typeof independent)[number]) => boolean) => independent.filter(f).reduce((a, x) => a + x.n, 0);
      const complaint = (x: { cls: string | null }) => x.cls === 'problemas_de_entrega' || x.cls === 'problemas_de_qualidade';
      expect(v.byKind).toEqual({
        complaint: sum(complaint),
        suggestion: 0,
        compliment: sum((x) => x.cls === 'satisfeito_com_pedido'),
      });
      expect(v.messages).toContain(`${sum((x) => x.cls === null).toLocaleString('en-US')} other pieces of feedback (other kinds) are not counted here.`);
      for (const c of v.byCategory) expect(c.total, c.key).toBe(sum((x) => x.cls !== null && (x.sub ?? '(none)') === c.key));
      // Late deliveries are complaints; satisfied customers are compliments.
      const atrasado = v.byCategory.find((c) => c.key === 'atrasado')!;
      expect(atrasado.counts.complaint).toBe(atrasado.total);
      const satisfeito = v.byCategory.find((c) => c.key === 'satisfeito')!;
      expect(satisfeito.counts.compliment).toBe(satisfeito.total);
      // Months are contiguous and add up.
      expect(v.byMonth.reduce((a, m) => a + m.total, 0)).toBe(v.total);
      for (let i = 1; i < v.byMonth.length; i++) expect(v.byMonth[i]!.key > v.byMonth[i - 1]!.key).toBe(true);
      expect(v.answered).toBeNull();
      // Complaints come with low scores, compliments with high ones.
      const [s] = await rows<{ complaint: number; compliment: number }>(
        e,
        "SELECT avg(score) FILTER (WHERE kind = 'complaint') AS complaint, avg(score) FILTER (WHERE kind = 'compliment') AS compliment FROM feedback",
      );
      expect(s!.complaint).toBeLessThan(2.5);
      expect(s!.compliment).toBeGreaterThan(4);
      console.log(`[voice] Olist classified: ${v.byKind.complaint} complaints, ${v.byKind.compliment} compliments; top categories ${v.byCategory.slice(0, 4).map((c) => `${c.key} ${c.total}`).join(', ')}; complaint mean score ${s!.complaint.toFixed(2)}, compliment ${s!.compliment.toFixed(2)}`);
    } finally {
      await e.close();
    }
  }, 120_000);
});

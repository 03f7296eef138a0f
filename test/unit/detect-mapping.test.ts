import { describe, expect, it } from 'vitest';
import {
  decideDateOrder,
  decideDecimal,
  decideFeedbackMapping,
  decideMapping,
  isFreeText,
  isMeasure,
  MappingError,
  type ColumnProfile,
} from '../../src/data/ingest/detect-mapping.js';

const ROWS = 100;

/** A profile of `ROWS` non-empty values; pass only what matters. */
function col(name: string, p: Partial<ColumnProfile> = {}): ColumnProfile {
  return {
    name,
    rows: ROWS,
    nonEmpty: ROWS,
    distinct: ROWS,
    dates: 0,
    firstOver12: 0,
    secondOver12: 0,
    slashDates: 0,
    numbers: 0,
    integers: 0,
    pointEvidence: 0,
    commaEvidence: 0,
    samples: [],
    ...p,
  };
}
const idCol = (name: string, distinct = 40) => col(name, { distinct });
const intIdCol = (name: string, distinct = 40) => col(name, { distinct, numbers: ROWS, integers: ROWS });
const isoDateCol = (name: string) => col(name, { dates: ROWS, distinct: 60, samples: ['2024-01-05'] });
const moneyCol = (name: string, style: 'point' | 'comma' = 'point') =>
  col(name, { numbers: ROWS, integers: 10, ...(style === 'point' ? { pointEvidence: 90 } : { commaEvidence: 90 }) });
const intCol = (name: string) => col(name, { numbers: ROWS, integers: ROWS, distinct: 12 });
const textCol = (name: string, distinct = 5) => col(name, { distinct });

describe('decideMapping: headers', () => {
  it('maps a plain English export from its headers, certain', () => {
    const d = decideMapping([intIdCol('order_id', ROWS), idCol('customer_id'), isoDateCol('order_date'), moneyCol('amount'), textCol('channel')]);
    expect(d.mapping).toEqual({
      order_id: 'order_id',
      customer_id: 'customer_id',
      order_date: 'order_date',
      amount: 'amount',
      channel: 'channel',
    });
    expect(d.certainty).toMatchObject({ customer_id: 'header', order_date: 'header', amount: 'header' });
    expect(d.questions).toEqual([]);
    expect(d.dateOrder).toBe('ymd');
    expect(d.dateOrderCertain).toBe(true);
    expect(d.decimal).toBe('point');
  });

  it('maps UCI Online Retail line items (no amount: quantity x unit price)', () => {
    const d = decideMapping([
      col('InvoiceNo', { distinct: 30 }),
      col('StockCode', { distinct: 50 }),
      textCol('Description', 50),
      intCol('Quantity'),
      col('InvoiceDate', { dates: ROWS, distinct: 30 }),
      moneyCol('UnitPrice'),
      intIdCol('CustomerID', 20),
      textCol('Country'),
    ]);
    expect(d.mapping).toEqual({
      order_id: 'InvoiceNo',
      quantity: 'Quantity',
      order_date: 'InvoiceDate',
      unit_price: 'UnitPrice',
      customer_id: 'CustomerID',
    });
    expect(d.mapping.amount).toBeUndefined();
    expect(d.questions).toEqual([]);
  });

  it.each([
    ['pt', ['Pedido', 'Cliente', 'Data do Pedido', 'Valor Total']],
    ['es', ['Número de Factura', 'Cliente', 'Fecha', 'Importe Total']],
    ['fr', ['Numéro de commande', 'Code client', 'Date de commande', 'Montant total']],
    ['ms', ['No Invois', 'Pelanggan', 'Tarikh', 'Jumlah']],
  ])('maps %s headers', (_lang, [order, customer, date, amount]) => {
    const d = decideMapping([idCol(order!, ROWS), idCol(customer!), isoDateCol(date!), moneyCol(amount!, 'comma')]);
    expect(d.mapping).toEqual({ order_id: order, customer_id: customer, order_date: date, amount });
    expect(d.decimal).toBe('comma');
    expect(d.questions).toEqual([]);
  });

  it('does not take customer_city or order_freight_value for an id or an amount (Olist)', () => {
    const d = decideMapping([
      idCol('order_id', ROWS),
      idCol('customer_city', 30),
      idCol('customer_unique_id'),
      isoDateCol('order_purchase_timestamp'),
      moneyCol('order_freight_value'),
      moneyCol('payment_value'),
    ]);
    expect(d.mapping.customer_id).toBe('customer_unique_id');
    expect(d.mapping.order_id).toBe('order_id');
    expect(d.mapping.amount).toBe('payment_value');
    expect(Object.values(d.mapping)).not.toContain('customer_city');
    expect(Object.values(d.mapping)).not.toContain('order_freight_value');
  });

  it('prefers customer_unique_id over customer_id when both are there', () => {
    const d = decideMapping([idCol('customer_id'), idCol('customer_unique_id'), isoDateCol('date'), moneyCol('total')]);
    expect(d.mapping.customer_id).toBe('customer_unique_id');
  });

  it('refuses a header match whose values do not fit the role', () => {
    // "date" holds text, not dates; the real dates are under another name.
    const d = decideMapping([idCol('customer'), textCol('date'), isoDateCol('when'), moneyCol('amount')]);
    expect(d.mapping.order_date).toBe('when');
    expect(d.certainty.order_date).toBe('values');
    expect(d.questions.some((q) => q.includes('"when"'))).toBe(true);
  });

  it('does not take a column of money for a customer id', () => {
    const d = decideMapping([moneyCol('customer'), idCol('buyer'), isoDateCol('date'), moneyCol('amount')]);
    expect(d.mapping.customer_id).toBe('buyer');
  });
});

describe('decideMapping: explicit mapping', () => {
  it('wins over detection and is certain', () => {
    const d = decideMapping(
      [idCol('customer_id'), idCol('email'), isoDateCol('order_date'), moneyCol('amount'), moneyCol('net')],
      { mapping: { customer_id: 'email', amount: 'net' } },
    );
    expect(d.mapping.customer_id).toBe('email');
    expect(d.mapping.amount).toBe('net');
    expect(d.certainty.customer_id).toBe('explicit');
    expect(d.certainty.amount).toBe('explicit');
    // Columns already taken are not reused for another role.
    expect(Object.values(d.mapping).filter((c) => c === 'email')).toHaveLength(1);
  });

  it('throws a MappingError naming a column the file does not have', () => {
    const run = () => decideMapping([idCol('customer_id'), isoDateCol('order_date'), moneyCol('amount')], { mapping: { amount: 'Total Value' } }, 'shop.csv');
    expect(run).toThrow(MappingError);
    expect(run).toThrow(/"Total Value"/);
    expect(run).toThrow(/shop\.csv/);
    try {
      run();
    } catch (e) {
      expect((e as MappingError).column).toBe('Total Value');
      expect((e as MappingError).role).toBe('amount');
    }
  });

  it('throws on an unknown role', () => {
    expect(() =>
      decideMapping([idCol('customer_id'), isoDateCol('order_date'), moneyCol('amount')], {
        mapping: { colour: 'amount' } as unknown as Record<string, string>,
      }),
    ).toThrow(/Unknown role "colour"/);
  });

  it('dateOrder and decimal options win over the data', () => {
    const d = decideMapping(
      [idCol('customer_id'), col('order_date', { dates: ROWS, slashDates: ROWS, firstOver12: 30 }), moneyCol('amount', 'point')],
      { dateOrder: 'mdy', decimal: 'comma' },
    );
    expect(d.dateOrder).toBe('mdy');
    expect(d.dateOrderCertain).toBe(true);
    expect(d.decimal).toBe('comma');
    expect(d.questions).toEqual([]);
  });
});

describe('decideMapping: from values only', () => {
  it('guesses the required roles from values and asks about each', () => {
    const d = decideMapping([
      col('a', { distinct: 30 }),
      col('b', { dates: ROWS, distinct: 50 }),
      col('c', { numbers: ROWS, integers: 5, pointEvidence: 95 }),
    ]);
    expect(d.mapping).toEqual({ customer_id: 'a', order_date: 'b', amount: 'c' });
    expect(d.certainty).toEqual({ customer_id: 'guess', order_date: 'values', amount: 'guess' });
    expect(d.questions).toHaveLength(3);
    expect(d.questions.join('\n')).toMatch(/"a".*customer id/);
  });

  it('prefers a repeating identifier to a unique one for the customer', () => {
    const d = decideMapping([
      col('row', { distinct: ROWS }),
      col('who', { distinct: 25 }),
      isoDateCol('order_date'),
      moneyCol('amount'),
    ]);
    expect(d.mapping.customer_id).toBe('who');
  });

  it('names the file and the columns when no customer, date or amount column exists', () => {
    const profiles = [textCol('name'), textCol('colour')];
    expect(() => decideMapping(profiles, {}, 'pets.csv')).toThrow(MappingError);
    expect(() => decideMapping(profiles, {}, 'pets.csv')).toThrow(/pets\.csv.*"name", "colour"/);
    expect(() => decideMapping([idCol('customer_id'), moneyCol('amount')], {}, 'x.csv')).toThrow(/order date/);
    expect(() => decideMapping([idCol('customer_id'), isoDateCol('order_date'), textCol('note')], {}, 'x.csv')).toThrow(/amount/);
  });

  it('with partial, returns what it found and asks for the missing roles instead of throwing', () => {
    const d = decideMapping([idCol('customer_id'), moneyCol('amount'), textCol('note')], { partial: true }, 'x.csv');
    expect(d.mapping).toEqual({ customer_id: 'customer_id', amount: 'amount' });
    expect(d.missing.map((m) => m.role)).toEqual(['order_date']);
    expect(d.missing[0]!.message).toMatch(/x\.csv: no column looks like an order date/);
    expect(d.questions).toContain('No column looks like an order date: which column is it?');
    const sure = decideMapping([idCol('customer_id'), isoDateCol('order_date'), moneyCol('amount')], { partial: true });
    expect(sure.missing).toEqual([]);
    expect(sure.questions).toEqual([]);
  });

  it('accepts a unit price instead of an amount', () => {
    const d = decideMapping([idCol('customer_id'), isoDateCol('order_date'), moneyCol('price')]);
    expect(d.mapping.unit_price).toBe('price');
    expect(d.mapping.amount).toBeUndefined();
  });
});

describe('decideMapping: date order questions', () => {
  it('asks when slash dates cannot be told apart, naming the column and a sample', () => {
    const d = decideMapping([
      idCol('customer_id'),
      col('order_date', { dates: ROWS, slashDates: ROWS, samples: ['03/04/2024'] }),
      moneyCol('amount'),
    ]);
    expect(d.dateOrder).toBe('dmy');
    expect(d.dateOrderCertain).toBe(false);
    expect(d.questions).toHaveLength(1);
    expect(d.questions[0]).toMatch(/"order_date"/);
    expect(d.questions[0]).toMatch(/03\/04\/2024/);
  });
});

describe('decideDateOrder', () => {
  it.each([
    [{ slashDates: 0, firstOver12: 0, secondOver12: 0 }, 'ymd', true],
    [{ slashDates: 50, firstOver12: 12, secondOver12: 0 }, 'dmy', true],
    [{ slashDates: 50, firstOver12: 0, secondOver12: 9 }, 'mdy', true],
    [{ slashDates: 50, firstOver12: 0, secondOver12: 0 }, 'dmy', false],
    [{ slashDates: 50, firstOver12: 20, secondOver12: 2 }, 'dmy', false],
    [{ slashDates: 50, firstOver12: 2, secondOver12: 20 }, 'mdy', false],
    [{ slashDates: 50, firstOver12: 5, secondOver12: 5 }, 'dmy', false],
  ] as const)('%o -> %s (certain: %s)', (p, order, certain) => {
    expect(decideDateOrder(p)).toEqual({ order, certain });
  });
});

describe('decideDecimal', () => {
  it('is point without evidence', () => {
    expect(decideDecimal([])).toBe('point');
    expect(decideDecimal([{ pointEvidence: 0, commaEvidence: 0 }])).toBe('point');
  });

  it('follows the evidence summed over the numeric columns', () => {
    expect(decideDecimal([{ pointEvidence: 10, commaEvidence: 0 }])).toBe('point');
    expect(decideDecimal([{ pointEvidence: 0, commaEvidence: 10 }])).toBe('comma');
    expect(decideDecimal([{ pointEvidence: 3, commaEvidence: 1 }, { pointEvidence: 0, commaEvidence: 4 }])).toBe('comma');
  });

  it('breaks a tie towards point', () => {
    expect(decideDecimal([{ pointEvidence: 5, commaEvidence: 5 }])).toBe('point');
  });
});

describe('decideMapping: a delivery date as the only date column (review of d355b87)', () => {
  it('takes it as the order date, with a note and a question, rather than leave the order date without a column', () => {
    for (const header of ['delivery_date', 'Data de Entrega', 'delivered_at', 'estimated_delivery_date']) {
      const d = decideMapping([idCol('order_id', ROWS), idCol('customer_id'), isoDateCol(header), moneyCol('amount')]);
      expect(d.mapping.order_date, header).toBe(header);
      expect(d.mapping.delivered_date).toBeUndefined();
      expect(d.mapping.promised_date).toBeUndefined();
      expect(d.notes?.[0]).toMatch(new RegExp(`^Column "${header}" was taken as the order date`));
      expect(d.questions.join('\n')).toMatch(/the order date\? It is named like a/);
    }
  });

  it('with both a promised and a delivered date and no order date, the delivered one is the order date', () => {
    const d = decideMapping([idCol('customer_id'), isoDateCol('expected_delivery_date'), isoDateCol('delivered_at'), moneyCol('amount')]);
    expect(d.mapping).toMatchObject({ order_date: 'delivered_at', promised_date: 'expected_delivery_date' });
  });

  it('never overrides an explicit delivery mapping, and leaves the roles alone when an order date exists', () => {
    expect(() => decideMapping([idCol('customer_id'), isoDateCol('delivery_date'), moneyCol('amount')], { mapping: { delivered_date: 'delivery_date' } })).toThrow(MappingError);
    const d = decideMapping([idCol('customer_id'), isoDateCol('order_date'), isoDateCol('delivery_date'), moneyCol('amount')]);
    expect(d.mapping).toMatchObject({ order_date: 'order_date', delivered_date: 'delivery_date' });
    expect(d.notes).toEqual([]);
  });
});

const comments = ['tudo certo, chegou antes do prazo', 'o produto chegou antes de prazo parabens pela pontualidade', 'nao recebi o produto ainda', 'otimo', 'recomendo a loja para todos'];
describe('free text is never an id (review of d355b87)', () => {
  it('isFreeText: long, mostly unique, wordy values', () => {
    expect(isFreeText(col('review_comment_message', { distinct: 90, samples: comments }))).toBe(true);
    expect(isFreeText(col('customer_city', { distinct: 20, samples: ['Belo Horizonte', 'Sao Jose dos Campos', 'Rio de Janeiro'] }))).toBe(false);
    expect(isFreeText(col('customer_id', { distinct: 90, samples: ['861eff4711a542e4b93843c6dd7febb0', 'c1', 'c2'] }))).toBe(false);
  });
  it('the customer id guess passes over a free-text column', () => {
    const d = decideMapping([col('review_comment_message', { distinct: 60, nonEmpty: 95, samples: comments }), isoDateCol('order_date'), moneyCol('amount'), intIdCol('cust_ref', 50)]);
    expect(d.mapping.customer_id).toBe('cust_ref');
  });
});

describe('decideFeedbackMapping: a category column as the kind (review of d355b87)', () => {
  const base = [idCol('customer_id'), isoDateCol('date')];
  it('is the kind when at least 80% of the sampled values are kinds (one typo allowed), else a category', () => {
    const typo = decideFeedbackMapping([...base, textCol('category', 5), col('x', { nonEmpty: 0 })].map((p) => (p.name === 'category' ? { ...p, samples: ['complaint', 'compliment', 'nps', 'suggestion', 'complain'] } : p)));
    expect(typo.mapping).toMatchObject({ kind: 'category' });
    const topics = decideFeedbackMapping([...base, { ...textCol('category'), samples: ['delivery', 'complaint', 'price', 'suggestion', 'delivery'] }]);
    expect(topics.mapping).toMatchObject({ category: 'category' });
    expect(topics.mapping.kind).toBeUndefined();
  });
  it('a share counted over more rows wins over the samples; the caller\'s own kind words count', () => {
    const cat = { ...textCol('categoria'), samples: ['complaint', 'complaint', 'complaint', 'complaint', 'complaint'] };
    expect(decideFeedbackMapping([...base, cat], { kindShares: { categoria: 0.5 } }).mapping.kind).toBeUndefined();
    expect(decideFeedbackMapping([...base, cat], { kindShares: { categoria: 0.8 } }).mapping.kind).toBe('categoria');
    const own = { ...textCol('kategori'), samples: ['problemas_de_entrega', 'problemas_de_entrega', 'complaint', 'x', 'problemas_de_entrega'] };
    expect(decideFeedbackMapping([...base, own], { kindWords: { problemas_de_entrega: 'complaint' } }).mapping.kind).toBe('kategori');
  });
  it('without a customer id column it does not throw: it says why, for the ingest to decide', () => {
    const d = decideFeedbackMapping([isoDateCol('date'), textCol('category'), { ...textCol('text', 90), samples: comments }], {}, 'complaints.csv');
    expect(d.mapping.customer_id).toBeUndefined();
    expect(d.noCustomerId).toMatch(/^complaints\.csv: no column looks like a customer id/);
  });
});

// --- Review of issue 5 (names as ids, measures, delivery stand-ins) ----------------------

const ptNames = ['Maria Aparecida dos Santos', 'José Carlos da Silva Pereira', 'Ana Paula de Oliveira Costa', 'Francisco das Chagas Lima', 'Antônia Rodrigues de Souza'];

describe('names of people are customer ids when the header says so (review of issue 5)', () => {
  it('isFreeText: sentences (40 characters on average, or sentence punctuation), not names of three words or more', () => {
    expect(isFreeText(col('Cliente', { distinct: 90, samples: ptNames }))).toBe(false);
    expect(isFreeText(col('name', { distinct: 90, samples: ['Maria A. Santos', 'John F. Kennedy Jr.', 'Ana B. C. Lima'] }))).toBe(false);
    expect(isFreeText(col('msg', { distinct: 90, samples: ['tudo certo, chegou antes do prazo', 'nao recebi o produto', 'otimo'] }))).toBe(true);
    expect(isFreeText(col('msg', { distinct: 90, samples: ['chegou rapido e bem embalado', 'produto veio com defeito e a loja nao respondeu', 'comprei dois itens e so recebi um deles ate hoje'] }))).toBe(true);
  });

  it('orders: Pedido;Cliente;Data do Pedido;Valor Total with full Portuguese names take Cliente as the customer id', () => {
    const d = decideMapping([intIdCol('Pedido', ROWS), col('Cliente', { distinct: 80, samples: ptNames }), isoDateCol('Data do Pedido'), moneyCol('Valor Total', 'comma')]);
    expect(d.mapping).toMatchObject({ order_id: 'Pedido', customer_id: 'Cliente', order_date: 'Data do Pedido', amount: 'Valor Total' });
    expect(d.certainty.customer_id).toBe('header');
  });

  it('a header that names text keeps the free-text rule; a value-only guess never takes free text', () => {
    const comments = col('customer comment', { distinct: 95, samples: ['tudo certo, chegou antes do prazo', 'o produto chegou antes de prazo parabens pela pontualidade'] });
    expect(() => decideMapping([comments, isoDateCol('order_date'), moneyCol('amount')], {}, 'x.csv')).toThrow(/no column looks like a customer id/);
  });
});

describe('a value-only customer id guess skips measures and attributes (review of issue 5)', () => {
  it('isMeasure: named like a length, a count, a price; decimals; integers of varying magnitudes', () => {
    expect(isMeasure(col('product_description_lenght', { numbers: ROWS, integers: ROWS, samples: ['492', '501', '480'] }))).toBe(true);
    expect(isMeasure(col('votes_satisfeito', { numbers: ROWS, integers: ROWS }))).toBe(true);
    expect(isMeasure(col('x', { numbers: ROWS, integers: ROWS, samples: ['59', '492', '1034'] }))).toBe(true);
    expect(isMeasure(col('x', { numbers: ROWS, integers: 40 }))).toBe(true);
    expect(isMeasure(col('client_ref', { numbers: ROWS, integers: ROWS, samples: ['17001', '17850', '12583'] }))).toBe(false);
    expect(isMeasure(col('who', { distinct: 30, samples: ['ana', 'bia'] }))).toBe(false);
  });

  it('Olist classified-like columns leave no sensible customer id: the load stops, or asks with partial', () => {
    const profiles = [
      col('', { numbers: ROWS, integers: ROWS, samples: ['0', '37', '1074'] }),
      col('id', { numbers: ROWS, integers: ROWS, samples: ['1', '38', '1075'] }),
      col('order_status', { distinct: 3, samples: ['delivered'] }),
      isoDateCol('order_purchase_timestamp'),
      moneyCol('order_products_value'),
      col('customer_city', { distinct: 60, samples: ['Belo Horizonte', 'Sao Paulo'] }),
      col('customer_state', { distinct: 20, samples: ['MG', 'SP'] }),
      col('customer_zip_code_prefix', { distinct: 90, numbers: ROWS, integers: ROWS, samples: ['308', '13400', '5545'] }),
      col('product_category_name', { distinct: 40, samples: ['beleza_saude'] }),
      col('product_name_lenght', { distinct: 50, numbers: ROWS, integers: ROWS, samples: ['59', '60', '44'] }),
      col('product_description_lenght', { distinct: 95, numbers: ROWS, integers: ROWS, samples: ['492', '1250', '309'] }),
      col('product_photos_qty', { distinct: 8, numbers: ROWS, integers: ROWS, samples: ['3', '1'] }),
      col('votes_satisfeito', { distinct: 4, numbers: ROWS, integers: ROWS, samples: ['3', '0'] }),
      col('most_voted_class', { distinct: 3, samples: ['satisfeito_com_pedido'] }),
    ];
    expect(() => decideMapping(profiles, {}, 'olist.csv')).toThrow(/olist\.csv: no column looks like a customer id/);
    const d = decideMapping(profiles, { partial: true }, 'olist.csv');
    expect(d.mapping.customer_id).toBeUndefined();
    expect(d.missing.map((m) => m.role)).toEqual(['customer_id']);
    // A plain repeating id still is a guess.
    expect(decideMapping([...profiles, col('buyer_ref', { distinct: 40 })]).mapping.customer_id).toBe('buyer_ref');
  });
});

describe('an explicit delivery mapping stops a delivery date standing in for the order date (review of issue 5)', () => {
  const profiles = [idCol('customer_id'), isoDateCol('delivered'), isoDateCol('estimated_delivery_date'), moneyCol('amount')];
  it('the promised date found by its header stays one; the order date is missing as before', () => {
    expect(() => decideMapping(profiles, { mapping: { delivered_date: 'delivered' } }, 'x.csv')).toThrow(/x\.csv: no column looks like an order date/);
    const d = decideMapping(profiles, { mapping: { delivered_date: 'delivered' }, partial: true }, 'x.csv');
    expect(d.mapping).toMatchObject({ delivered_date: 'delivered', promised_date: 'estimated_delivery_date' });
    expect(d.mapping.order_date).toBeUndefined();
    expect(d.missing.map((m) => m.role)).toEqual(['order_date']);
    expect(d.notes).toEqual([]);
    // Without the explicit mapping, the stand-in still applies.
    expect(decideMapping(profiles).mapping.order_date).toBeDefined();
  });
});

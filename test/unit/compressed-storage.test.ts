import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESS_AT, isCompressed, parseByteSize, shouldCompress, useCompressedStorage } from '../../src/data/compressed-storage.js';
import { Dataset } from '../../src/data/dataset.js';
import { IngestError } from '../../src/data/ingest/ingest-error.js';
import { COMPRESSED_DB, useCompressedSql } from '../../src/data/sql/storage-sql.js';
import { sampleCustomersCsv, sampleFeedbackCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { sampleSurveyCsv } from '../../src/sample/sample-survey.js';
import { text, withEngine } from '../helpers/engine.js';
import { loaded, rows } from '../helpers/ingest.js';

describe('compressed storage: when', () => {
  it('reads sizes as DuckDB writes them', () => {
    expect(parseByteSize('3.1 GiB')).toBeCloseTo(3.1 * 1024 ** 3);
    expect(parseByteSize('512.0 MiB')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('64.0 KiB')).toBe(64 * 1024);
    expect(parseByteSize('1.5 GB')).toBe(1.5e9);
    expect(parseByteSize('1.5 kB')).toBe(1500);
    expect(parseByteSize('20 MB')).toBe(20e6);
    expect(parseByteSize('100 bytes')).toBe(100);
    expect(parseByteSize('0 bytes')).toBe(0);
    expect(parseByteSize('lots')).toBeNull();
    expect(parseByteSize('')).toBeNull();
  });

  it('searches the compressed database first, then what was searched before, in the database that was the default', () => {
    expect(useCompressedSql('memory', '')).toEqual(['USE rapport_compressed', "SET search_path = 'rapport_compressed.main,memory.main'"]);
    expect(useCompressedSql('memory', 'analytics, main')[1]).toBe("SET search_path = 'rapport_compressed.main,memory.analytics,memory.main'");
    expect(useCompressedSql('memory', 'other.main,main')[1]).toBe("SET search_path = 'rapport_compressed.main,other.main,memory.main'");
  });

  it('switches when the tables hold more than its share of the memory limit', () => {
    const limit = 3.1 * 1024 ** 3;
    expect(COMPRESS_AT).toBeGreaterThan(0);
    expect(COMPRESS_AT).toBeLessThan(1);
    expect(shouldCompress(COMPRESS_AT * limit * 0.99, limit)).toBe(false);
    expect(shouldCompress(COMPRESS_AT * limit * 1.01, limit)).toBe(true);
    expect(shouldCompress(1e12, null)).toBe(false);
    expect(shouldCompress(1e12, 0)).toBe(false);
  });
});

/** The engine's own tables by database (temporary ones aside). */
async function tablesByDb(ds: Dataset): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const r of await rows<{ d: string; t: string }>(ds.engine, `SELECT database_name AS d, table_name AS t FROM duckdb_tables() WHERE NOT temporary ORDER BY t`)) {
    (out[r.d] ??= []).push(r.t);
  }
  return out;
}

/** What the dashboard shows, read from a dataset: every analysis, and a selection's figures. */
async function everything(ds: Dataset) {
  const overview = await ds.scoreOverview({});
  const segment = overview.summary.find((s) => s.customers > 0)!.segment;
  await ds.select({ segment });
  return {
    headline: await ds.headline(),
    overview,
    ladder: await ds.ladder(),
    migration: await ds.migration({}),
    pareto: await ds.pareto({}),
    types: await ds.customerTypes({}),
    cohorts: await ds.cohorts({}),
    clv: await ds.clvSummary({}),
    delivery: await ds.deliveryGap(),
    voice: await ds.voice(),
    quality: await ds.qualityGap(),
    customers: await ds.customers({ sort: 'customer_id' }),
    selected: {
      headline: await ds.headline({ selected: true }),
      ladder: await ds.ladder({ selected: true }),
      customers: await ds.customers({ selected: true, sort: 'customer_id' }),
    },
  };
}

describe('compressed storage: the same figures, the tables kept there', () => {
  const SHOP = { seed: 21, customers: 400 };
  const files = {
    orders: { name: 'orders.csv', bytes: text(sampleOrdersCsv(SHOP)) },
    customers: { name: 'customers.csv', bytes: text(sampleCustomersCsv({ ...SHOP, prospects: 12 })) },
    feedback: { name: 'feedback.csv', bytes: text(sampleFeedbackCsv(SHOP)) },
    survey: { name: 'survey.csv', bytes: text(sampleSurveyCsv(SHOP)) },
  };
  let plain: Dataset;
  let packed: Dataset;
  const loadAll = async (ds: Dataset) => {
    loaded(await ds.load(files.orders));
    await ds.loadCustomers(files.customers);
    await ds.loadFeedback(files.feedback);
    await ds.loadSurvey(files.survey);
  };
  beforeAll(async () => {
    plain = new Dataset(await withEngine());
    packed = new Dataset(await withEngine());
    await loadAll(plain);
    await loadAll(packed);
  });
  afterAll(async () => {
    await plain.close();
    await packed.close();
  });

  it('moves every table of the dataset, analyses made before included, and every analysis reads the same from there', async () => {
    const before = await everything(packed);
    expect(isCompressed(packed.engine)).toBe(false);
    await useCompressedStorage(packed.engine);
    expect(isCompressed(packed.engine)).toBe(true);
    const where = await tablesByDb(packed);
    // Nothing left in the default database; the canonical tables and the working ones moved.
    expect(where['memory'] ?? []).toEqual([]);
    for (const t of ['orders', 'orders_by_customer', 'orders_purchase_days', 'customers', 'feedback', 'survey', 'survey_respondents', 'rapport_scored', 'rapport_ladder', 'rapport_selection']) {
      expect(where[COMPRESSED_DB], t).toContain(t);
    }
    // The selection made before the move still holds; every figure as before, and as an uncompressed engine's.
    const after = await everything(packed);
    expect(after).toEqual(before);
    expect(after).toEqual(await everything(plain));
  });

  it('loads, a refused load, unloads and forget work there, and nothing goes back to the default database', async () => {
    await useCompressedStorage(packed.engine);
    const other = { name: 'orders2.csv', bytes: text(sampleOrdersCsv({ seed: 22, customers: 250 })) };
    loaded(await packed.load(other));
    loaded(await plain.load(other));
    await expect(packed.load({ name: 'bad.csv', bytes: text('nothing,useful\n1,2\n') })).rejects.toBeInstanceOf(IngestError);
    await expect(packed.loadFeedback({ name: 'bad.csv', bytes: text('a,b\n1,2\n') })).rejects.toBeInstanceOf(IngestError);
    await packed.loadCustomers(files.customers);
    await plain.loadCustomers(files.customers);
    expect(await everything(packed)).toEqual(await everything(plain));
    expect((await tablesByDb(packed))['memory'] ?? []).toEqual([]);
    await packed.unloadFeedback();
    await plain.unloadFeedback();
    expect(await packed.voice()).toBeNull();
    expect(await everything(packed)).toEqual(await everything(plain));
    await packed.forget();
    expect(await tablesByDb(packed)).toEqual({});
    // Forgotten, then loaded again: there too.
    await loadAll(packed);
    expect(Object.keys(await tablesByDb(packed))).toEqual([COMPRESSED_DB]);
  });
});

describe('compressed storage: a load decides', () => {
  it('an orders load whose tables take more than the share of the memory limit switches before it builds the orders; a small one does not', async () => {
    const small = new Dataset(await withEngine());
    const tight = new Dataset(await withEngine());
    try {
      const bytes = text(sampleOrdersCsv({ seed: 23, customers: 3000 }));
      loaded(await small.load({ name: 'orders.csv', bytes }));
      expect(isCompressed(small.engine)).toBe(false);
      expect(Object.keys(await tablesByDb(small))).toEqual(['memory']);
      // The load asks how much its tables hold against the memory limit: the limit is lowered
      // just then, below what the typed rows hold over the share, and restored after.
      // The engine already holds a dataset (orders, a customer list, their scores): it moves too.
      loaded(await tight.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv({ seed: 26, customers: 100 })) }));
      await tight.loadCustomers({ name: 'customers.csv', bytes: text(sampleCustomersCsv({ seed: 26, customers: 100, prospects: 4 })) });
      await tight.scoreOverview({});
      expect(isCompressed(tight.engine)).toBe(false);
      const query = tight.engine.query.bind(tight.engine);
      let asked = 0;
      tight.engine.query = async (sql, params) => {
        if (!sql.includes("current_setting('memory_limit')")) return query(sql, params);
        asked++;
        const [state] = await rows<{ held: number; limit: string }>(
          { ...tight.engine, query } as typeof tight.engine,
          `SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) AS held, current_setting('memory_limit') AS limit FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`,
        );
        const held = Number(state!.held);
        expect(held).toBeGreaterThan(0);
        await query(`SET memory_limit = '${Math.floor((held / COMPRESS_AT) * 0.9 / 1024)}KiB'`);
        try {
          return await query(sql, params);
        } finally {
          await query(`SET memory_limit = '${state!.limit}'`);
        }
      };
      const report = loaded(await tight.load({ name: 'orders.csv', bytes }));
      expect(asked).toBe(1);
      expect(isCompressed(tight.engine)).toBe(true);
      // Built there, the older tables moved, the load's typed rows dropped: nothing in the default database.
      expect(Object.keys(await tablesByDb(tight))).toEqual([COMPRESSED_DB]);
      expect((await tablesByDb(tight))[COMPRESSED_DB]).toEqual(expect.arrayContaining(['orders', 'customers', 'rapport_scored']));
      expect((await tight.ladder()).rungs.find((r) => r.rung === 'prospect')!.customers).toBeGreaterThanOrEqual(4);
      expect(report.rowsLoaded).toBe(loaded(await small.load({ name: 'orders.csv', bytes })).rowsLoaded);
      await small.loadCustomers({ name: 'customers.csv', bytes: text(sampleCustomersCsv({ seed: 26, customers: 100, prospects: 4 })) });
      expect(await tight.scoreOverview({})).toEqual(await small.scoreOverview({}));
      expect(await tight.ladder()).toEqual(await small.ladder());
      // Once compressed, a load no longer asks.
      loaded(await tight.load({ name: 'orders.csv', bytes }));
      tight.engine.query = query;
      expect(asked).toBe(1);
      expect(Object.keys(await tablesByDb(tight))).toEqual([COMPRESSED_DB]);
    } finally {
      await small.close();
      await tight.close();
    }
  });
});

describe('compressed storage: a move that fails, columns, leftovers', () => {
  it('a copy that fails leaves the engine as it was (every table in the default database, every figure), and a later switch goes through', async () => {
    const ds = new Dataset(await withEngine());
    const SHOP = { seed: 24, customers: 200 };
    try {
      loaded(await ds.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv(SHOP)) }));
      await ds.loadCustomers({ name: 'customers.csv', bytes: text(sampleCustomersCsv({ ...SHOP, prospects: 5 })) });
      const before = await everything(ds);
      const query = ds.engine.query.bind(ds.engine);
      let copies = 0;
      ds.engine.query = (sql, params) => (/^CREATE OR REPLACE TABLE rapport_compressed\./.test(sql) && ++copies === 3 ? Promise.reject(new Error('out of memory')) : query(sql, params));
      try {
        await expect(useCompressedStorage(ds.engine)).rejects.toThrow(/out of memory/);
      } finally {
        ds.engine.query = query;
      }
      expect(isCompressed(ds.engine)).toBe(false);
      expect(Object.keys(await tablesByDb(ds))).toEqual(['memory']);
      expect(await everything(ds)).toEqual(before);
      await useCompressedStorage(ds.engine);
      expect(Object.keys(await tablesByDb(ds))).toEqual([COMPRESSED_DB]);
      expect(await everything(ds)).toEqual(before);
    } finally {
      await ds.close();
    }
  });

  it('the moved tables keep their NOT NULL columns; a table left in both databases loses its old copy at the next orders load', async () => {
    const ds = new Dataset(await withEngine());
    const SHOP = { seed: 25, customers: 150 };
    try {
      loaded(await ds.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv(SHOP)) }));
      await ds.loadCustomers({ name: 'customers.csv', bytes: text(sampleCustomersCsv({ ...SHOP, prospects: 5 })) });
      await ds.loadSurvey({ name: 'survey.csv', bytes: text(sampleSurveyCsv(SHOP)) });
      const notNull = (db: string) =>
        rows<{ t: string; c: string }>(ds.engine, `SELECT table_name AS t, column_name AS c FROM duckdb_columns() WHERE database_name = '${db}' AND NOT is_nullable ORDER BY t, c`);
      const inMemory = await notNull('memory');
      expect(inMemory.map((r) => `${r.t}.${r.c}`)).toEqual(expect.arrayContaining(['customers.customer_id', 'survey_respondents.respondent', 'survey_respondents.line']));
      const listed = async () => Number((await rows<{ n: bigint }>(ds.engine, 'SELECT count(*) AS n FROM customers'))[0]!.n);
      const customers = await listed();
      await useCompressedStorage(ds.engine);
      expect(await notNull(COMPRESSED_DB)).toEqual(inMemory);
      // A copy in the default database that a drop left (cancelled, failed): hidden, then dropped.
      await ds.engine.query(`CREATE TABLE memory.main.customers AS SELECT * FROM ${COMPRESSED_DB}.main.customers LIMIT 1`);
      expect((await tablesByDb(ds))['memory']).toEqual(['customers']);
      loaded(await ds.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv(SHOP)) }));
      expect((await tablesByDb(ds))['memory']).toBeUndefined();
      expect(await listed()).toBe(customers);
    } finally {
      await ds.close();
    }
  });
});

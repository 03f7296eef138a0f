import { describe, expect, it } from 'vitest';
import { Dataset } from '../../src/data/dataset.js';
import { forgetTablePresence, hasCustomersTable, hasTable } from '../../src/data/table-presence.js';
import { IngestError } from '../../src/data/ingest/ingest-error.js';
import { sampleCustomersCsv, sampleFeedbackCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { sampleSurveyCsv } from '../../src/sample/sample-survey.js';
import { recordQueries, text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

/** Whether each of the dataset's tables is loaded is asked of the engine once, then followed through loads, unloads and forget. */
describe("the dataset's tables present or not", () => {
  it('is asked of the engine once, then follows a load, a failed load, an unload and forget', async () => {
    const ds = new Dataset(await withEngine());
    const { asked, stop } = recordQueries(ds.engine);
    const catalog = () => asked.filter((sql) => /duckdb_tables\(\)/.test(sql) && /'customers'/.test(sql)).length;
    const SHOP = { seed: 5, customers: 200 };
    try {
      loaded(await ds.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv(SHOP)) }));
      expect(await hasCustomersTable(ds.engine)).toBe(false);
      await ds.ladder();
      expect(catalog()).toBe(1);
      await ds.loadCustomers({ name: 'customers.csv', bytes: text(sampleCustomersCsv({ ...SHOP, prospects: 7 })) });
      expect(await hasCustomersTable(ds.engine)).toBe(true);
      const ladder = await ds.ladder();
      expect(ladder.rungs.find((r) => r.rung === 'prospect')!.customers).toBeGreaterThanOrEqual(7);
      // A file that is no customer list: refused, the list loaded stays.
      await expect(ds.loadCustomers({ name: 'customers.csv', bytes: text('a,b\n1,2\n') })).rejects.toBeInstanceOf(IngestError);
      expect(await hasCustomersTable(ds.engine)).toBe(true);
      expect((await ds.customers({})).some((c) => c.orders === 0)).toBe(true);
      await ds.unloadCustomers();
      expect(await hasCustomersTable(ds.engine)).toBe(false);
      expect((await ds.customers({})).some((c) => c.orders === 0)).toBe(false);
      await ds.loadCustomers({ name: 'customers.csv', bytes: text(sampleCustomersCsv({ ...SHOP, prospects: 7 })) });
      await ds.forget();
      expect(await hasCustomersTable(ds.engine)).toBe(false);
      // Never asked again: each change was followed.
      expect(catalog()).toBe(1);
      // The engine agrees.
      const [row] = (await ds.engine.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'customers'`)).toArray();
      expect(Number(row!.n)).toBe(0);
    } finally {
      stop();
      await ds.close();
    }
  });

  it('a dataset over an engine that holds a customer list already finds it', async () => {
    const engine = await withEngine();
    const first = new Dataset(engine);
    loaded(await first.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv({ seed: 6, customers: 100 })) }));
    await first.loadCustomers({ name: 'customers.csv', bytes: text(sampleCustomersCsv({ seed: 6, customers: 100, prospects: 3 })) });
    const second = new Dataset(engine);
    expect(await hasCustomersTable(second.engine)).toBe(true);
    await second.close();
  });

  it('the orders, feedback and survey too: each asked once, then followed through loads, a refused load, unloads and forget', async () => {
    const ds = new Dataset(await withEngine());
    const { asked, stop } = recordQueries(ds.engine);
    const catalog = (table: string) => asked.filter((sql) => /duckdb_tables\(\)/.test(sql) && sql.includes(`'${table}'`)).length;
    const SHOP = { seed: 8, customers: 150 };
    try {
      // Nothing loaded: the readers say so.
      expect(await ds.deliveryGap()).toBeNull();
      expect(await ds.voice()).toBeNull();
      expect(await ds.qualityGap()).toBeNull();
      loaded(await ds.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv(SHOP)) }));
      expect(await hasTable(ds.engine, 'orders')).toBe(true);
      await ds.deliveryGap();
      expect(await ds.voice()).toBeNull();
      await ds.loadFeedback({ name: 'feedback.csv', bytes: text(sampleFeedbackCsv(SHOP)) });
      expect(await ds.voice()).not.toBeNull();
      // Not a survey: refused, nothing changes.
      await expect(ds.loadSurvey({ name: 'survey.csv', bytes: text('a,b\n1,2\n') })).rejects.toBeInstanceOf(IngestError);
      expect(await ds.qualityGap()).toBeNull();
      await ds.loadSurvey({ name: 'survey.csv', bytes: text(sampleSurveyCsv(SHOP)) });
      expect(await ds.qualityGap()).not.toBeNull();
      await ds.unloadFeedback();
      expect(await ds.voice()).toBeNull();
      await ds.unloadSurvey();
      expect(await ds.qualityGap()).toBeNull();
      await ds.forget();
      expect(await ds.deliveryGap()).toBeNull();
      // Asked of the engine once each (the first reads, nothing loaded); every change after was followed.
      for (const table of ['orders', 'feedback', 'survey', 'survey_importance', 'survey_meta', 'survey_respondents']) expect(catalog(table), table).toBeLessThanOrEqual(1);
      expect(catalog('orders')).toBe(1);
      expect(catalog('feedback')).toBe(1);
      expect(catalog('survey')).toBe(1);
      // The engine agrees.
      const [row] = (await ds.engine.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name IN ('orders', 'feedback', 'survey')`)).toArray();
      expect(Number(row!.n)).toBe(0);
    } finally {
      stop();
      await ds.close();
    }
  });

  it('a swap that fails leaves the presence unknown: asked of the engine again, and right', async () => {
    const ds = new Dataset(await withEngine());
    const SHOP = { seed: 9, customers: 120 };
    try {
      loaded(await ds.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv(SHOP)) }));
      await ds.loadFeedback({ name: 'feedback.csv', bytes: text(sampleFeedbackCsv(SHOP)) });
      expect(await hasTable(ds.engine, 'feedback')).toBe(true);
      const { asked, stop } = recordQueries(ds.engine);
      const catalog = () => asked.filter((sql) => /duckdb_tables\(\)/.test(sql) && sql.includes(`'feedback'`)).length;
      const query = ds.engine.query.bind(ds.engine);
      // The second feedback load's swap fails at its COMMIT (the engine rolls it back).
      ds.engine.query = (sql, params) => (sql === 'COMMIT' ? Promise.reject(new Error('out of memory')) : query(sql, params));
      try {
        await expect(ds.loadFeedback({ name: 'feedback.csv', bytes: text(sampleFeedbackCsv(SHOP)) })).rejects.toThrow(/out of memory/);
      } finally {
        ds.engine.query = query;
      }
      try {
        // Rolled back: the first feedback is still there, and the presence, unknown, is asked again.
        expect(await hasTable(ds.engine, 'feedback')).toBe(true);
        expect(catalog()).toBe(1);
        expect(await ds.voice()).not.toBeNull();
        expect(catalog()).toBe(1);
      } finally {
        stop();
      }
    } finally {
      await ds.close();
    }
  });

  it('tables made by other SQL are seen once the presence is forgotten; other tables are asked every time', async () => {
    const ds = new Dataset(await withEngine());
    try {
      expect(await hasTable(ds.engine, 'feedback')).toBe(false);
      await ds.engine.query(`CREATE TABLE feedback AS SELECT 1 AS x`);
      expect(await hasTable(ds.engine, 'feedback')).toBe(false);
      forgetTablePresence(ds.engine);
      expect(await hasTable(ds.engine, 'feedback')).toBe(true);
      expect(await hasTable(ds.engine, 'not_the_datasets')).toBe(false);
      await ds.engine.query(`CREATE TABLE not_the_datasets AS SELECT 1 AS x`);
      expect(await hasTable(ds.engine, 'not_the_datasets')).toBe(true);
    } finally {
      await ds.close();
    }
  });
});

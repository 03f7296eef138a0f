import { describe, expect, it } from 'vitest';
import { Dataset } from '../../src/data/dataset.js';
import { hasCustomersTable } from '../../src/data/customers-table.js';
import { IngestError } from '../../src/data/ingest/ingest-error.js';
import { sampleCustomersCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { recordQueries, text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

/** Whether the customer list is loaded is asked of the engine once, then followed through loads, unloads and forget. */
describe('the customer list present or not', () => {
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
      expect(asked.length).toBeGreaterThan(0);
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
});

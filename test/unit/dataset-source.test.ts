import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatasetSource, clvWorkerRunner, loadDataLayer, ordersInput } from '../../src/components/base/dataset-source.js';
import { inlineClvRunner } from '../../src/data/clv-fit.js';
import { togglePart, withPart } from '../../src/analytics/selection-edit.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { withEngine } from '../helpers/engine.js';

describe('DatasetSource over engines the page gives', () => {
  const engines: Engine[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.close()));
  });

  it('keeps one dataset per engine, swaps to a new one with a new engine, and never closes a given engine', async () => {
    const first = await withEngine();
    const second = await withEngine();
    engines.push(first, second);
    let engine: Engine = first;
    const source = new DatasetSource(() => ({ engine }));
    expect(source.started).toBe(false);
    expect(await source.held()).toBeNull();
    const a = await source.get();
    expect(await source.get()).toBe(a);
    expect(source.stale).toBe(false);
    expect(await source.held()).toBe(a);
    engine = second;
    expect(source.stale).toBe(true);
    const b = await source.get();
    expect(source.stale).toBe(false);
    expect(b).not.toBe(a);
    const close = vi.spyOn(second, 'close');
    // Nothing of its own to close: the data stays with the page's engine.
    expect(source.release()).toBe(false);
    expect(close).not.toHaveBeenCalled();
    expect(source.started).toBe(false);
    // The engine still answers.
    expect(await second.query('SELECT 1 AS one')).toBeTruthy();
  });
});

describe('the data layer, fetched on first use', () => {
  it('is one module, loaded once, the same copy the data API exports', async () => {
    const layer = await loadDataLayer();
    expect(await loadDataLayer()).toBe(layer);
    const api = await import('../../src/data-api.js');
    expect(layer.Dataset).toBe(api.Dataset);
    expect(layer.createBrowserEngine).toBe(api.createBrowserEngine);
    expect(layer.workerClvRunner).toBe(api.workerClvRunner);
  });

  it("gives the source's datasets", async () => {
    const engine = await withEngine();
    try {
      const dataset = await new DatasetSource(() => ({ engine })).get();
      expect(dataset).toBeInstanceOf((await loadDataLayer()).Dataset);
    } finally {
      await engine.close();
    }
  });

  it('gives a model runner usable at once: it fits as the worker runner does (on the page here, where there is no Worker)', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ customerId: `c${i}`, frequency: i % 4, recency: i % 4 ? 10 + (i % 7) : 0, T: 30, monetaryValue: i % 4 ? 20 + (i % 5) : 0 }));
    const options = { period: 'day' as const, horizon: 30, months: 12, discountRate: 0.01, penalizer: 0, spendPenalizer: 0 };
    const fits = await clvWorkerRunner()(rows, options);
    expect(fits.ranIn).toBe('inline');
    expect(fits.notices.map((n) => n.code)).toEqual(['clv.worker-unavailable']);
    expect(fits.bgNbd?.params).toEqual((await inlineClvRunner(rows, options)).bgNbd?.params);
  });
});

describe('orders given by property', () => {
  it('records and Arrow tables become the loader input', async () => {
    const { tableFromArrays } = await import('apache-arrow');
    expect(ordersInput([{ a: 1 }])).toEqual({ name: 'data', records: [{ a: 1 }] });
    const table = tableFromArrays({ a: Int32Array.from([1]) });
    expect(ordersInput(table, 'x.arrow')).toEqual({ name: 'x.arrow', table });
  });
});

describe('editing a selection', () => {
  it('toggles a part: a new value sets it, the same value removes it, other parts stay', () => {
    const s = togglePart({ rung: 'client' }, { kind: 'segment', segment: 'Champions' });
    expect(s).toEqual({ rung: 'client', segment: 'Champions' });
    expect(togglePart(s, { kind: 'segment', segment: 'Champions' })).toEqual({ rung: 'client' });
    expect(togglePart(s, { kind: 'segment', segment: 'Loyal' })).toEqual({ rung: 'client', segment: 'Loyal' });
    const cell = togglePart({}, { kind: 'cell', r: 5, f: 4 });
    expect(cell).toEqual({ cell: { r: 5, f: 4 } });
    expect(togglePart(cell, { kind: 'cell', r: 5, f: 4 })).toEqual({});
    expect(togglePart(cell, { kind: 'cell', r: 4, f: 5 })).toEqual({ cell: { r: 4, f: 5 } });
    const moved = togglePart({}, { kind: 'migration', from: 'Loyal', to: 'At Risk' });
    expect(togglePart(moved, { kind: 'migration', from: 'Loyal', to: 'At Risk' })).toEqual({});
  });

  it('withPart keeps no undefined keys', () => {
    const s = withPart({ segment: 'Lost', rung: 'customer' }, 'rung', undefined);
    expect(s).toEqual({ segment: 'Lost' });
    expect(Object.keys(s)).toEqual(['segment']);
  });
});

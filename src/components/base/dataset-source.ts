import type { Table } from 'apache-arrow';
import type { Dataset } from '../../data/dataset.js';
import { EngineError, type Engine } from '../../data/engine/engine.js';
import type { IngestInput } from '../../data/ingest/ingest.js';
import type { ClvRunCall, WorkerClvRunner, WorkerClvRunnerOptions } from '../../data/clv-runner.js';

/** The data layer's module (the dataset, the browser engine, the model's worker runner). */
export type DataLayer = typeof import('../../data/data-layer.js');

let layer: Promise<DataLayer> | undefined;

/**
 * The data layer, fetched once, on first use: a dynamic import, so a page that includes
 * rapport.js downloads the elements first and the data layer (Arrow, the SQL, the engine's
 * wrapper) while its engine starts. A fetch that failed is forgotten, so the next use tries
 * again; it rejects with an EngineError of code `unavailable` (as an engine that cannot start).
 */
export function loadDataLayer(): Promise<DataLayer> {
  layer ??= import('../../data/data-layer.js').catch((e: unknown) => {
    layer = undefined;
    throw new EngineError('unavailable', `The data layer could not be loaded: ${(e as Error)?.message ?? String(e)}`, { cause: e });
  });
  return layer;
}

/**
 * A worker runner for the customer-value model (the data layer's `workerClvRunner`), usable at
 * once: its module comes with the data layer, fetched on the runner's first call.
 */
export function clvWorkerRunner(options: WorkerClvRunnerOptions = {}): WorkerClvRunner {
  let runner: Promise<WorkerClvRunner> | undefined;
  // Takes the model's columns as the worker runner does (see ClvColumnsRunner).
  const run: (...args: Parameters<WorkerClvRunner>) => ReturnType<WorkerClvRunner> = async (input, fitOptions, call?: ClvRunCall) => {
    runner ??= loadDataLayer().then((m) => m.workerClvRunner(options));
    return (await runner)(input, fitOptions, call);
  };
  return Object.assign(run, { acceptsColumns: true as const });
}

/** What a source reads each time it is asked for the dataset: an element's `engine` and `duckdb-base`. */
export interface DatasetSourceOptions {
  /** An engine given by the page: used as it is, never closed. */
  readonly engine?: Engine | undefined;
  /** Where the DuckDB files are, for an engine the source starts itself. */
  readonly duckdbBase?: string | undefined;
}

/**
 * The dataset behind an element (the dashboard, `<rapport-data>`): over the engine the page
 * gives, or over a DuckDB-WASM engine started on first use (the data layer itself is fetched
 * then too: see loadDataLayer). A new `engine` gets a new dataset
 * (an engine started before is closed); an engine that could not start is forgotten, so the
 * next use tries again; `release()` closes the engine the source started, never one given.
 * An engine that dies (its worker crashed or was killed: `engine.lost`) is never used again:
 * the dataset over it is forgotten, `onLost` is told, and the next use starts an engine of the
 * source's own (also when the dead one was given by the page).
 */
export class DatasetSource {
  private current?: { engine: Engine | Promise<Engine>; dataset: Promise<Dataset> };
  private own?: Promise<Engine>;
  private readonly dead = new WeakSet<Engine>();

  constructor(
    private readonly options: () => DatasetSourceOptions,
    private readonly onLost?: (error: EngineError) => void,
  ) {}

  /** Forget the dataset over `engine` when it dies, and say so. */
  private watch(engine: Engine, current: { engine: Engine | Promise<Engine> }) {
    void engine.lost?.then((error) => {
      this.dead.add(engine);
      if (this.current !== current) return;
      this.current = undefined;
      if (current.engine === this.own) this.own = undefined;
      this.onLost?.(error);
    });
  }

  /** The dataset, started on first use (over the given engine, else one started now). */
  get(): Promise<Dataset> {
    const options = this.options();
    const { duckdbBase } = options;
    const engine = options.engine && !this.dead.has(options.engine) ? options.engine : undefined;
    if (engine) {
      if (this.current?.engine !== engine) {
        this.closeOwn();
        const current = { engine, dataset: loadDataLayer().then((m) => new m.Dataset(engine)) };
        this.current = current;
        this.watch(engine, current);
        // A data layer that could not be fetched is forgotten, so the next use tries again.
        current.dataset.catch(() => {
          if (this.current === current) this.current = undefined;
        });
      }
      return this.current.dataset;
    }
    if (!this.current || this.current.engine !== this.own) {
      // The data layer and the engine start together: the engine's own files follow its wrapper.
      const started = loadDataLayer().then((m) => m.createBrowserEngine(duckdbBase ? { assetBase: duckdbBase } : {}));
      this.own = started;
      const current = { engine: started, dataset: started.then(async (e) => new (await loadDataLayer()).Dataset(e)) };
      this.current = current;
      void started.then((e) => this.watch(e, current), () => undefined);
      // An engine that could not start is forgotten, so the next use tries again.
      started.catch(() => {
        if (this.own === started) {
          this.own = undefined;
          this.current = undefined;
        }
      });
    }
    return this.current.dataset;
  }

  /** The dataset already started (null when none, or when its engine failed to start). */
  async held(): Promise<Dataset | null> {
    return this.current ? this.current.dataset.catch(() => null) : null;
  }

  /** Whether a dataset has been asked for (and not released). */
  get started(): boolean {
    return this.current !== undefined;
  }

  /**
   * Whether the dataset asked for last is over another engine than the one the options give
   * now (the page gave an engine, or another one, after it was started): the next `get()`
   * starts afresh, and what was loaded is not there.
   */
  get stale(): boolean {
    if (!this.current) return false;
    const { engine } = this.options();
    return engine && !this.dead.has(engine) ? this.current.engine !== engine : this.current.engine !== this.own;
  }

  /**
   * Forget the dataset; close the engine the source started (one given by the page stays open).
   * True when an engine of its own was closed: the data it held is gone.
   */
  release(): boolean {
    const closed = this.own !== undefined;
    this.closeOwn();
    this.current = undefined;
    return closed;
  }

  private closeOwn() {
    const started = this.own;
    this.own = undefined;
    if (started && this.current?.engine === started) this.current = undefined;
    void started?.then((engine) => engine.close()).catch(() => undefined);
  }
}

/** Orders given by property (records or an Arrow table) as the loader's input. */
export function ordersInput(data: readonly Record<string, unknown>[] | Table, name = 'data'): IngestInput {
  const isTable = !Array.isArray(data) && typeof (data as Table).numRows === 'number';
  return isTable ? { name, table: data as Table } : { name, records: data as readonly Record<string, unknown>[] };
}

/** The last path segment of a URL, decoded: how a load names its file (the URL itself when it has none or is malformed). */
export function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url, document.baseURI).pathname.split('/').pop() || url);
  } catch {
    return url;
  }
}

/** A download that failed: the server's answer (`status`, e.g. "404 Not Found") or the network's error (`cause`). */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly url: string,
    readonly status: string | null,
    options?: { cause?: unknown },
  ) {
    super(status ? `${url}: the server answered ${status}` : `${url}: ${(options?.cause as Error | undefined)?.message ?? 'the download failed'}`, options);
  }
}

/**
 * One file downloaded as bytes, named by its URL. Rejects with a DownloadError (a cancelled
 * download rejects with the abort's own error, so a caller can tell the two apart by its signal).
 */
export async function download(url: string, signal: AbortSignal): Promise<{ name: string; bytes: Uint8Array }> {
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (e) {
    if (signal.aborted) throw e;
    throw new DownloadError(url, null, { cause: e });
  }
  if (!res.ok) throw new DownloadError(url, `${res.status} ${res.statusText}`.trim());
  try {
    return { name: fileNameOf(url), bytes: new Uint8Array(await res.arrayBuffer()) };
  } catch (e) {
    if (signal.aborted) throw e;
    throw new DownloadError(url, null, { cause: e });
  }
}

/**
 * The files a dashboard keeps in the browser (IndexedDB) so that its data survives a page
 * reload, until the user forgets them. One record per kind of file (the orders, the customer
 * list, the feedback, the survey) under a key the page chooses, so two dashboards of a site keep
 * their own. The file itself is stored as a Blob (the browser keeps it on disk), with the load's
 * options (a column mapping the user gave, say).
 */

/** The kinds of file kept, in the order a load takes them: customer list, feedback, survey, orders (as a drop does). */
const KINDS = ['customers', 'feedback', 'survey', 'orders'] as const;
export type KeptKind = (typeof KINDS)[number];

export interface KeptFile {
  kind: KeptKind;
  name: string;
  file: Blob;
  /** Options of the load (JSON-safe: a mapping, a date order...). */
  options: Record<string, unknown>;
  /** When it was kept (ms since the epoch). */
  savedAt: number;
}

const DB = 'rapport';
const STORE = 'kept-files';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

let opened: Promise<IDBDatabase> | undefined;
function database(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE);
    r.onsuccess = () => {
      const db = r.result;
      // Another tab upgrading or deleting the database: let it, and open afresh next time.
      db.onversionchange = () => {
        db.close();
        opened = undefined;
      };
      db.onclose = () => {
        opened = undefined;
      };
      resolve(db);
    };
    r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
  }).catch((e: unknown) => {
    opened = undefined;
    throw e;
  });
  return opened;
}

/** The kept files of one key. Every method rejects when the browser gives no storage (private windows may not). */
export class KeptFiles {
  constructor(readonly key: string) {}

  /** Whether this browser has IndexedDB at all. */
  static get available(): boolean {
    return typeof indexedDB !== 'undefined';
  }

  private id(kind: KeptKind): string {
    return `${this.key}\u0000${kind}`;
  }

  private async store(mode: IDBTransactionMode): Promise<{ store: IDBObjectStore; done: Promise<void> }> {
    const tx = (await database()).transaction(STORE, mode);
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted (is the browser out of storage?)'));
    });
    return { store: tx.objectStore(STORE), done };
  }

  /** Keep a file (replacing the one of its kind). */
  async put(file: Omit<KeptFile, 'savedAt'>): Promise<void> {
    const { store, done } = await this.store('readwrite');
    store.put({ ...file, savedAt: Date.now() } satisfies KeptFile, this.id(file.kind));
    await done;
  }

  /** The kept files, in the order a load takes them (KINDS). */
  async all(): Promise<KeptFile[]> {
    const { store, done } = await this.store('readonly');
    const [found] = await Promise.all([Promise.all(KINDS.map((k) => request(store.get(this.id(k)) as IDBRequest<KeptFile | undefined>))), done]);
    return found.filter((f): f is KeptFile => f !== undefined);
  }

  /** Forget every kept file of this key. */
  async clear(): Promise<void> {
    const { store, done } = await this.store('readwrite');
    for (const k of KINDS) store.delete(this.id(k));
    await done;
  }
}

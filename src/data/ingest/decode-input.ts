import { tableFromIPC, type Table } from 'apache-arrow';
import { textTableFromRecords } from '../arrow-rows.js';
import { IngestError } from './ingest-error.js';
import { ingestNotice } from './ingest-notices.js';

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The first `limit` bytes (or a little more) of gzip data, for sniffing without unpacking it all. */
export async function gunzipHead(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** JSON: an array of records, `{ "data" | "rows" | "records" | "orders": [...] }`, or one record per line. */
export function recordsFromJson(bytes: Uint8Array, file: string): Record<string, unknown>[] {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const trimmed = text.trim();
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  try {
    const doc: unknown = JSON.parse(trimmed);
    const list = Array.isArray(doc)
      ? doc
      : isRecord(doc)
        ? (['data', 'rows', 'records', 'orders'].map((k) => doc[k]).find(Array.isArray) ?? [doc])
        : null;
    if (list && list.every(isRecord)) return list;
    throw new IngestError('unreadable', ingestNotice('ingest.json-not-records', { file }), { file });
  } catch (e) {
    if (e instanceof IngestError) throw e;
  }
  // Newline-delimited JSON: one record per line.
  const out: Record<string, unknown>[] = [];
  const lines = trimmed.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new IngestError('unreadable', ingestNotice('ingest.json-line-invalid', { file, line: String(i + 1), detail: (e as Error).message }), { file, line: i + 1 });
    }
    if (!isRecord(v)) throw new IngestError('unreadable', ingestNotice('ingest.json-line-not-record', { file, line: String(i + 1) }), { file, line: i + 1 });
    out.push(v);
  }
  return out;
}

export async function tableFromParquet(bytes: Uint8Array, file: string): Promise<Table> {
  // The Parquet reader is fetched when a Parquet file is read, not with the page (outside the
  // try: a reader that could not be fetched says nothing about the file).
  const { parquetReadObjects } = await import('hyparquet');
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const records = await parquetReadObjects({ file: buffer });
    return textTableFromRecords(records as Record<string, unknown>[]);
  } catch (e) {
    throw new IngestError('unreadable', ingestNotice('ingest.parquet-unreadable', { file, detail: (e as Error).message }), { file }, { cause: e });
  }
}

export function tableFromArrowIpc(bytes: Uint8Array, file: string): Table {
  try {
    return tableFromIPC(bytes);
  } catch (e) {
    throw new IngestError('unreadable', ingestNotice('ingest.arrow-unreadable', { file, detail: (e as Error).message }), { file }, { cause: e });
  }
}

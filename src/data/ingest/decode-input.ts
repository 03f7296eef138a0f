import { tableFromIPC, type Table } from 'apache-arrow';
import { textTableFromRecords } from '../arrow-rows.js';
import { IngestError } from './ingest-error.js';
import { ingestNotice } from './ingest-notices.js';
import { repairUtf8, utf16ToUtf8, UTF8_WITH_ERRORS, windows1252ToUtf8, type TextEncodingName } from './text-encoding.js';

/**
 * Text in another encoding, as UTF-8 (UTF-16's byte-order mark dropped): the engine reads
 * UTF-8. Pauses for the page now and then (see text-encoding.ts).
 */
export async function toUtf8(bytes: Uint8Array, encoding: TextEncodingName): Promise<Uint8Array> {
  if (encoding === 'utf-8') return bytes;
  if (encoding === 'windows-1252') return windows1252ToUtf8(bytes);
  if (encoding === UTF8_WITH_ERRORS) return repairUtf8(bytes);
  return utf16ToUtf8(bytes, encoding);
}

/**
 * The text with every line ending a line feed (CRLF and a lone CR alike), or null when its
 * line endings are already all of one kind: a file that mixes them can defeat the engine's CSV
 * sniffer, which takes one line ending per file. Line numbers are unchanged.
 */
export function withUniformLineEnds(bytes: Uint8Array): Uint8Array | null {
  let crlf = 0;
  let loneCr = 0;
  for (let i = bytes.indexOf(0x0d); i !== -1; i = bytes.indexOf(0x0d, i + 1)) {
    if (bytes[i + 1] === 0x0a) crlf++;
    else loneCr++;
  }
  const lf = countByte(bytes, 0x0a);
  const kinds = (crlf > 0 ? 1 : 0) + (loneCr > 0 ? 1 : 0) + (lf > crlf ? 1 : 0);
  if (kinds < 2) return null;
  const out = new Uint8Array(bytes.length - crlf);
  let at = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x0d) out[at++] = b;
    else if (bytes[i + 1] !== 0x0a) out[at++] = 0x0a;
  }
  return out;
}

function countByte(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (let i = bytes.indexOf(byte); i !== -1; i = bytes.indexOf(byte, i + 1)) n++;
  return n;
}

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

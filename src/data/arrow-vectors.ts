/**
 * Typed Arrow vectors from plain values (null or undefined where a row has none), built without
 * Arrow's builders: `vectorFromArray` and the builders compile their null test with
 * `new Function`, which the strict Content-Security-Policy Rapport runs under (script-src
 * without 'unsafe-eval') forbids, so on such a page they throw.
 */
import { DateDay, Float64, Int32, Type, Utf8, Vector, makeData, makeVector, type Data } from 'apache-arrow';

const DAY_MS = 86_400_000;
const isNull = (v: unknown) => v === null || v === undefined;

/** The validity bitmap of `values` (bit set = a value), or none when every row has one. */
function validity(values: readonly unknown[]): { nullCount: number; nullBitmap?: Uint8Array } {
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  values.forEach((v, i) => {
    if (isNull(v)) nullCount += 1;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  });
  return nullCount ? { nullCount, nullBitmap: bitmap } : { nullCount };
}

/** Text as a Utf8 vector (UTF-8 bytes and offsets). */
export function utf8Vector(values: readonly (string | null | undefined)[]): Vector<Utf8> {
  const encoder = new TextEncoder();
  const valueOffsets = new Int32Array(values.length + 1);
  const joined = values.map((v) => (isNull(v) ? '' : v!)).join('');
  let data: Uint8Array;
  if (/^[\x00-\x7f]*$/.test(joined)) {
    // ASCII (ids, dates: nearly always): one encoding of everything, a byte per character.
    values.forEach((v, i) => (valueOffsets[i + 1] = valueOffsets[i]! + (isNull(v) ? 0 : v!.length)));
    data = encoder.encode(joined);
  } else {
    const parts = values.map((v) => (isNull(v) ? new Uint8Array(0) : encoder.encode(v!)));
    parts.forEach((p, i) => (valueOffsets[i + 1] = valueOffsets[i]! + p.length));
    data = new Uint8Array(valueOffsets[values.length]!);
    parts.forEach((p, i) => data.set(p, valueOffsets[i]!));
  }
  return makeVector(makeData({ type: new Utf8(), length: values.length, ...validity(values), valueOffsets, data }));
}

/**
 * Rows [from, to) of text given as strings, or as a text vector (a query's answer, possibly of
 * another copy of Arrow, as Node's engine gives): a vector of this copy, sharing the answer's
 * bytes (no string made per row) where it has no blanks.
 */
export function utf8Slice(values: readonly string[] | Vector, from: number, to: number): Vector<Utf8> {
  if (Array.isArray(values)) return utf8Vector((values as readonly string[]).slice(from, to).map(String));
  const sliced = (values as Vector).slice(from, to);
  const parts: Data<Utf8>[] = [];
  let at = 0;
  for (const data of sliced.data as Data[]) {
    // Sliced, a text chunk's offsets start at its first row: they are this chunk's own.
    if (data.typeId === Type.Utf8 && data.nullCount === 0 && data.valueOffsets instanceof Int32Array) {
      parts.push(makeData({ type: new Utf8(), length: data.length, nullCount: 0, valueOffsets: data.valueOffsets, data: data.values as Uint8Array }));
    } else {
      const strings = Array.from({ length: data.length }, (_, i) => {
        const v: unknown = sliced.get(at + i);
        return v === null || v === undefined ? null : String(v);
      });
      parts.push(...(utf8Vector(strings).data as Data<Utf8>[]));
    }
    at += data.length;
  }
  return new Vector(parts);
}

/** Numbers of a typed array as a Float64 vector, null where not finite (NaN: no figure). */
export function finiteFloat64Vector(values: ArrayLike<number>): Vector<Float64> {
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  const data = new Float64Array(values.length);
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      data[i] = v;
      bitmap[i >> 3]! |= 1 << (i & 7);
    } else nullCount += 1;
  }
  return makeVector(makeData({ type: new Float64(), length: values.length, nullCount, ...(nullCount ? { nullBitmap: bitmap } : {}), data }));
}

/** Numbers as a Float64 vector. */
export function float64Vector(values: readonly (number | null | undefined)[]): Vector<Float64> {
  return makeVector(makeData({ type: new Float64(), length: values.length, ...validity(values), data: Float64Array.from(values, (v) => (isNull(v) ? 0 : v!)) }));
}

/** 32-bit integers as an Int32 vector (the caller keeps them within 32 bits). */
export function int32Vector(values: readonly (number | null | undefined)[]): Vector<Int32> {
  return makeVector(makeData({ type: new Int32(), length: values.length, ...validity(values), data: Int32Array.from(values, (v) => (isNull(v) ? 0 : v!)) }));
}

/** Calendar days (Dates at UTC midnight) as a DateDay vector (days since 1970-01-01). */
export function dateDayVector(values: readonly (Date | null | undefined)[]): Vector<DateDay> {
  return makeVector(makeData({ type: new DateDay(), length: values.length, ...validity(values), data: Int32Array.from(values, (v) => (isNull(v) ? 0 : Math.floor(v!.getTime() / DAY_MS))) }));
}

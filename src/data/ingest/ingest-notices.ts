import type { Messages } from '../../analytics/message-format.js';
import { noticesOf, type Notice } from '../../analytics/notice.js';
import type { CustomerRejectReason, RejectReason } from './types.js';

/**
 * What the order and customer-list loader tells the reader, in English: the load report's
 * warnings, the failures' messages, the mapping questions. The interface translates them by
 * code (components/base/notices/ingest.ts); the command line prints these texts as they are.
 * Line numbers go in as text: they identify a line and read ungrouped ("line 1234").
 */
export const INGEST_NOTICES = {
  // Why a row was rejected: placed in the sentences below as `{reason}`.
  'ingest.reason-malformed-row': 'the row could not be parsed (wrong number of fields or bad quoting)',
  'ingest.reason-missing-customer-id': 'no customer id',
  'ingest.reason-missing-date': 'no order date',
  'ingest.reason-unparseable-date': 'the order date is not a date',
  'ingest.reason-missing-amount': 'no amount',
  'ingest.reason-non-numeric-amount': 'the amount is not a number',
  'ingest.reason-number-out-of-range': 'the figure is out of range (a quadrillion or more, or infinite)',
  'ingest.reason-non-numeric-quantity': 'the quantity is not a number',
  'ingest.reason-non-numeric-unit-price': 'the unit price is not a number',
  'ingest.reason-non-numeric-margin': 'the margin is not a number',
  'ingest.reason-return-excluded': 'a return or cancellation, excluded by the return policy',
  'customers.reason-unparseable-date': 'the signup date is not a date',
  'customers.reason-duplicate-customer-id': 'the customer id appeared on an earlier line (the first one is kept)',

  // The most common problem among the rejects: `{problem}` in the sentences below.
  'ingest.problem': 'the most common problem is {reason}, first at line {line}',
  'ingest.problem-in-column': 'the most common problem is {reason} in column "{column}", first at line {line}',
  'ingest.problem-with-value': 'the most common problem is {reason}, first at line {line} ("{value}")',
  'ingest.problem-in-column-with-value': 'the most common problem is {reason} in column "{column}", first at line {line} ("{value}")',
  'ingest.problem-line': 'the most common problem is {reason} (line {line})',
  'ingest.problem-line-in-column': 'the most common problem is {reason} in column "{column}" (line {line})',
  'ingest.problem-line-with-value': 'the most common problem is {reason} (line {line}: "{value}")',
  'ingest.problem-line-in-column-with-value': 'the most common problem is {reason} in column "{column}" (line {line}: "{value}")',
  'ingest.problem-none': 'no reason was recorded',

  // Load report warnings.
  'ingest.rows-rejected': '{percent}% of the rows of {file} ({n} of {total}) were rejected; {problem}.',
  'ingest.dates-guessed-dmy': 'Dates in column "{column}" were read as day/month/year: no value settles the order. Set the date order if that is wrong.',
  'ingest.dates-guessed-mdy': 'Dates in column "{column}" were read as month/day/year: no value settles the order. Set the date order if that is wrong.',
  'ingest.far-dates': {
    one: '{n} order date in "{column}" is before 1900 or more than a year ahead (line {line}: {value}); check it: the latest order date sets the default analysis date, and so every recency.',
    other: '{n} order dates in "{column}" are before 1900 or more than a year ahead (first: line {line}, {value}); check them: the latest order date sets the default analysis date, and so every recency.',
  },
  'ingest.left-empty-date': {
    one: '{n} value of "{column}" is not a date (first: line {line}, "{value}"); it was left empty.',
    other: '{n} values of "{column}" are not dates (first: line {line}, "{value}"); they were left empty.',
  },
  'ingest.left-empty-number': {
    one: '{n} value of "{column}" is not a number (first: line {line}, "{value}"); it was left empty.',
    other: '{n} values of "{column}" are not numbers (first: line {line}, "{value}"); they were left empty.',
  },
  'ingest.values-customer-id': 'Column "{column}" was taken as customer id from its values; map it explicitly if that is wrong.',
  'ingest.values-order-date': 'Column "{column}" was taken as order date from its values; map it explicitly if that is wrong.',
  'ingest.values-amount': 'Column "{column}" was taken as amount from its values; map it explicitly if that is wrong.',
  'ingest.values-unit-price': 'Column "{column}" was taken as unit price from its values; map it explicitly if that is wrong.',
  'ingest.rowid-renamed': 'Column "{column}" is called "{renamed}" here: the engine reserves the name rowid.',
  'ingest.read-as-latin1': '{file} is not UTF-8; it was read as Windows-1252 (Latin-1).',
  'ingest.utf8-repaired': '{file} is UTF-8 with a few bytes that are not; each of those was read as “\ufffd”.',
  'ingest.title-skipped': {
    one: 'The first line of {file} was skipped: a title above the header.',
    other: 'The first {n} lines of {file} were skipped: a title above the header.',
  },
  'ingest.order-date-from-delivered': 'Column "{column}" was taken as the order date: it is named like a delivery date, but no other column holds dates. Map order_date explicitly if that is wrong.',
  'ingest.order-date-from-promised': 'Column "{column}" was taken as the order date: it is named like a promised delivery date, but no other column holds dates. Map order_date explicitly if that is wrong.',
  'customers.signup-date-not-dates': 'Column "{column}" was not taken as the signup date: its values are not dates. Map it explicitly to load it.',
  'customers.signup-date-not-dates-sample': 'Column "{column}" was not taken as the signup date: its values are not dates (e.g. "{sample}"). Map it explicitly to load it.',
  'ingest.feedback-date-not-dates': 'Column "{column}" was not taken as the feedback date: its values are not dates. Map it explicitly to load it.',
  'ingest.feedback-date-not-dates-sample': 'Column "{column}" was not taken as the feedback date: its values are not dates (e.g. "{sample}"). Map it explicitly to load it.',
  'ingest.score-not-numbers': 'Column "{column}" was not taken as the score: its values are not numbers. Map it explicitly to load it.',
  'ingest.score-not-numbers-sample': 'Column "{column}" was not taken as the score: its values are not numbers (e.g. "{sample}"). Map it explicitly to load it.',

  // Questions the mapping form asks.
  'ingest.ask-customer-id': 'No column looks like a customer id: which column is it?{why}',
  'ingest.ask-order-date': 'No column looks like an order date: which column is it?{why}',
  'ingest.ask-amount': 'No column looks like an amount (or a unit price): which column is it?{why}',
  'ingest.ask-values-customer-id': 'Is column "{column}" the customer id? It was chosen from its values, not its name.',
  'ingest.ask-values-order-date': 'Is column "{column}" the order date? It was chosen from its values, not its name.',
  'ingest.ask-values-amount': 'Is column "{column}" the amount? It was chosen from its values, not its name.',
  'ingest.ask-values-unit-price': 'Is column "{column}" the unit price? It was chosen from its values, not its name.',
  'ingest.ask-order-date-from-delivered': 'Is column "{column}" the order date? It is named like a delivery date, but no other column holds dates.',
  'ingest.ask-order-date-from-promised': 'Is column "{column}" the order date? It is named like a promised delivery date, but no other column holds dates.',
  'ingest.ask-date-order': 'Dates in column "{column}" such as "{sample}" could be day/month or month/day: which is it?',
  // Why a column named like the role was passed over: `{why}` above and below (it starts with a space).
  'ingest.passed-over': ' Column "{column}" has the name but not the values.',
  'ingest.passed-over-sample': ' Column "{column}" has the name but not the values (e.g. "{sample}").',
  'ingest.passed-over-id': ' Column "{column}" has the name but its values look like dates, amounts or free text.',

  // Why a load failed.
  'ingest.missing-customer-id': '{file}: no column looks like a customer id (columns: {columns}).{why} Map one explicitly, e.g. customer_id=COLUMN.',
  'ingest.missing-order-date': '{file}: no column looks like an order date (columns: {columns}).{why} Map one explicitly, e.g. order_date=COLUMN.',
  'ingest.missing-amount': '{file}: no column looks like an amount (or a unit price) (columns: {columns}).{why} Map one explicitly, e.g. amount=COLUMN.',
  'ingest.no-order-date-column': '{file}: no order date column.',
  'ingest.unknown-role': 'Unknown role "{role}" in the column mapping; roles are {roles}.',
  'ingest.mapped-column-missing': '{file}: the mapping names column "{column}" for {role}, but the file has no such column (columns: {columns}).',
  'ingest.cancelled': 'Loading {file} was cancelled.',
  'ingest.out-of-memory': '{file} is too large for the memory the analytics engine may use here ({limit}): it was not loaded, and the data loaded before is unchanged. Load a shorter period or fewer columns, or split the file.',
  'ingest.out-of-memory-no-limit': '{file} is too large for the memory the analytics engine may use here: it was not loaded, and the data loaded before is unchanged. Load a shorter period or fewer columns, or split the file.',
  'ingest.gzip-damaged': '{file}: the gzip data is damaged ({detail}).',
  'ingest.empty': '{file} is empty: it has no bytes at all.',
  'ingest.empty-gzip': '{file} is empty: the gzip holds no data.',
  'ingest.not-data': '{file} is not a data file Rapport can read: it looks like {what}. Use CSV, TSV, Parquet, Arrow or JSON.',
  // What a file that is not data looks like: `{what}` in ingest.not-data.
  'ingest.looks-like-png': 'a PNG image',
  'ingest.looks-like-jpeg': 'a JPEG image',
  'ingest.looks-like-gif': 'a GIF image',
  'ingest.looks-like-riff': 'a RIFF file (WebP image, WAV or AVI)',
  'ingest.looks-like-pdf': 'a PDF document',
  'ingest.looks-like-zip': 'a ZIP archive (an Excel .xlsx workbook is one: save it as CSV)',
  'ingest.looks-like-xls': 'an old Office document (an Excel .xls workbook: save it as CSV)',
  'ingest.looks-like-bzip2': 'a bzip2 archive',
  'ingest.looks-like-xz': 'an xz archive',
  'ingest.looks-like-zstd': 'a zstd archive',
  'ingest.looks-like-7zip': 'a 7-Zip archive',
  'ingest.looks-like-executable': 'an executable',
  'ingest.looks-like-sqlite': 'an SQLite database',
  'ingest.looks-like-binary': 'a binary file',
  'ingest.looks-like-binary-not-text': 'a binary file, not text',
  'ingest.looks-like-utf16': 'UTF-16 text (save it as UTF-8)',
  'ingest.gzip-in-gzip': '{file} is gzip inside gzip; unpack it once first.',
  'ingest.csv-unreadable': '{file}: could not be read as CSV ({detail}).',
  'ingest.header-only': '{file} has a header line but no data rows.',
  'ingest.no-records': '{file} has no records.',
  'ingest.no-columns': '{file} has no columns.',
  'ingest.no-line-parsed': '{file}: none of its {n} data lines could be parsed as CSV.',
  'ingest.json-not-records': '{file}: the JSON is not a list of records (objects with one field per column).',
  'ingest.json-line-invalid': '{file}, line {line}: not valid JSON ({detail}).',
  'ingest.json-line-not-record': '{file}, line {line}: expected a record ({...}).',
  'ingest.parquet-unreadable': '{file}: the Parquet file could not be read ({detail}).',
  'ingest.arrow-unreadable': '{file}: the Arrow file could not be read ({detail}).',
  'ingest.no-dates': '{file}, column "{column}": none of the {n} values is a date Rapport can read (line {line}: "{value}"). Dates may be ISO (2024-03-31), day/month/year, month/day/year or yyyymmdd, with or without a time.',
  // A bug, said so the user can report it; the counts read as the engine gave them (ungrouped).
  'ingest.report-failed': '{file}: the load report could not be computed.',
  'ingest.accounting-failed': '{file}: row accounting failed ({read} read, {loaded} loaded, {rejected} rejected). This is a bug; please report it.',
  'ingest.nothing-loaded-orders': '{file}: none of its {n} rows could be loaded; {problem}.',
  'ingest.nothing-loaded-customers': '{file}: none of its {n} rows could be loaded as customers; {problem}.',
  'ingest.nothing-loaded-feedback': '{file}: none of its {n} rows could be loaded as feedback; {problem}.',
  'ingest.nothing-loaded-survey-answers': '{file}: none of its {n} rows could be loaded as survey answers; {problem}.',
} as const satisfies Messages<string>;

export type IngestNoticeCode = keyof typeof INGEST_NOTICES;
/** A notice worded from INGEST_NOTICES: `ingestNotice('ingest.empty', { file })`. */
export const ingestNotice = noticesOf<IngestNoticeCode>(INGEST_NOTICES);

/** An order reject reason as a notice, to place in a sentence as `{reason}`. */
export const REJECT_REASON_NOTICE: Readonly<Record<RejectReason, IngestNoticeCode>> = {
  malformed_row: 'ingest.reason-malformed-row',
  missing_customer_id: 'ingest.reason-missing-customer-id',
  missing_date: 'ingest.reason-missing-date',
  unparseable_date: 'ingest.reason-unparseable-date',
  missing_amount: 'ingest.reason-missing-amount',
  non_numeric_amount: 'ingest.reason-non-numeric-amount',
  number_out_of_range: 'ingest.reason-number-out-of-range',
  non_numeric_quantity: 'ingest.reason-non-numeric-quantity',
  non_numeric_unit_price: 'ingest.reason-non-numeric-unit-price',
  non_numeric_margin: 'ingest.reason-non-numeric-margin',
  return_excluded: 'ingest.reason-return-excluded',
};

/** A customer-list reject reason's code. */
export const CUSTOMER_REJECT_REASON_NOTICE: Readonly<Record<CustomerRejectReason, IngestNoticeCode>> = {
  malformed_row: 'ingest.reason-malformed-row',
  missing_customer_id: 'ingest.reason-missing-customer-id',
  unparseable_date: 'customers.reason-unparseable-date',
  duplicate_customer_id: 'customers.reason-duplicate-customer-id',
};

/**
 * What sniffing says a non-data file looks like, as a notice: detection words it in English
 * (detect-format.ts), so its phrases are looked up here; a phrase not listed stays as written.
 */
export function looksLikeNotice(what: string): Notice | string {
  const code = (Object.keys(INGEST_NOTICES) as IngestNoticeCode[]).find((c) => c.startsWith('ingest.looks-like-') && INGEST_NOTICES[c] === what);
  return code ? ingestNotice(code) : what;
}

/** Order reject reason -> its notice (for judgeRejects and the load report). */
export const rejectReasonNotice = (reason: RejectReason): Notice => ingestNotice(REJECT_REASON_NOTICE[reason]);
/** Customer reject reason -> its notice. */
export const customerRejectReasonNotice = (reason: CustomerRejectReason): Notice => ingestNotice(CUSTOMER_REJECT_REASON_NOTICE[reason]);

import { formatMessage, type MessageParams, type Messages } from './message-format.js';

/**
 * Something the analytics or the loader tells the reader (a warning, the reason for a figure,
 * why a load failed), kept as a code with its values so the interface can say it in the reader's
 * language. `text` is the English wording, for the command line, logs and any caller that shows
 * text as it is.
 */
export interface Notice<C extends string = string> {
  /** Which notice: a key of the English catalog that worded it, and of every translation. */
  readonly code: C;
  /** The values in the wording: numbers raw (the interface formats them), names as written. */
  readonly params: MessageParams;
  /** The notice in English. */
  readonly text: string;
}

/**
 * A maker of notices worded from an English catalog: `const notice = noticesOf(EN);
 * notice('dates.order-guessed', { column: 'date' })`. The codes are the catalog's keys, so a
 * notice never has a code without a wording.
 */
export function noticesOf<K extends string>(english: Messages<K>): (code: K, params?: MessageParams) => Notice<K> {
  return (code, params = {}) => ({ code, params, text: formatMessage(english[code], 'en', params, 'en-US') });
}

/** Whether a value is a notice (e.g. the `notice` of an error). */
export function isNotice(value: unknown): value is Notice {
  return !!value && typeof value === 'object' && typeof (value as Notice).code === 'string' && typeof (value as Notice).text === 'string' && typeof (value as Notice).params === 'object';
}

import type { Notice } from '../../analytics/notice.js';

/** Every way a load can fail, each with a message that names the file (and column and line where known). */
export type IngestErrorCode =
  | 'empty'
  | 'header-only'
  | 'not-data'
  | 'unreadable'
  | 'mapping'
  | 'no-dates'
  | 'nothing-loaded'
  | 'cancelled'
  /** The engine (or the page) ran out of memory: the file is too large to load here. */
  | 'memory'
  | 'engine';

/** More about a failure, for a caller that can help the user fix it. */
export interface IngestErrorDetails {
  /**
   * The input's columns, in order, as the engine read them (after unpacking gzip, with quoted
   * separators parsed and blank headers named like column00): set when a survey load fails on
   * its mapping ('mapping'), so that a form can offer them even when the caller cannot read the
   * header itself.
   */
  columns?: string[];
}

/**
 * A failed load. Given a notice, the message is its English text and the notice stays on the
 * error for the interface to translate (errorText in components/base/notices); a failure with
 * no wording of its own (an engine bug) has a message only.
 */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  /** More about the failure (empty when there is nothing more). */
  readonly details: IngestErrorDetails;
  /** The message as a notice, when it was worded from a catalog. */
  readonly notice?: Notice;
  constructor(
    readonly code: IngestErrorCode,
    message: string | Notice,
    readonly where: { file: string; column?: string; line?: number } = { file: '' },
    options?: { cause?: unknown; details?: IngestErrorDetails },
  ) {
    super(typeof message === 'string' ? message : message.text, options && 'cause' in options ? { cause: options.cause } : undefined);
    if (typeof message !== 'string') this.notice = message;
    this.details = options?.details ?? {};
  }
}

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
  | 'engine';

export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    readonly where: { file: string; column?: string; line?: number } = { file: '' },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

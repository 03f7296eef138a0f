/**
 * The keys of the groups feedback is counted in that are not values of the data: what the
 * counts (data/sql/voice-sql.ts) write and the voice element names in the reader's language.
 */

/** The key of a piece of feedback with no category or channel. */
export const VOICE_NONE = '(none)';
/** The segment key of feedback from a customer the scoring did not score (not in the orders, or no purchase by its date). */
export const VOICE_NOT_SCORED = '(not scored)';
/** The segment key of feedback with no customer id (complaints, suggestions and compliments may have none). */
export const VOICE_NO_CUSTOMER = '(no customer id)';

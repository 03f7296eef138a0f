/**
 * The groups of survey respondents that are not values of the split asked for: what the
 * quality gap's SQL (data/sql/quality-sql.ts) writes and the quality-gap element names in the
 * reader's language.
 */

/** Group of a segment/rung respondent whose customer id matches no known customer (or who has none). */
export const NOT_LINKED = 'not linked';
/** Group of a linked respondent the scoring left out (a listed customer with no purchase). */
export const NO_PURCHASE = 'no purchase';
/** Group of a respondent with a blank attribute. */
export const NOT_GIVEN = 'not given';

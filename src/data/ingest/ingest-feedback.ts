import type { Engine } from '../engine/engine.js';
import {
  FEEDBACK_REJECT_DETAIL,
  earlyAnswersSql,
  feedbackKindsSql,
  feedbackReportSql,
  feedbackScalesSql,
  feedbackStageTables,
  feedbackSwapPairs,
  kindWordSharesSql,
  outOfRangeSql,
  scaleSql,
  stageFeedbackSql,
  typedFeedbackSql,
  unknownStatusesSql,
  unreadableAnsweredSql,
  unscaledScoresSql,
} from '../sql/feedback-ingest-sql.js';
import { feedbackKindFromName } from './detect-format.js';
import * as sql from '../sql/ingest-sql.js';
import { decideDecimal, decideFeedbackMapping, defaultFeedbackKind, inferFeedbackScale } from './detect-mapping.js';
import { FEEDBACK_HEADER_PHRASES, matchPhrases } from './header-dictionary.js';
import { leftEmptyWarning } from './ingest.js';
import { IngestError } from './ingest-error.js';
import {
  accountRows,
  checkDatesReadable,
  dateOrderWarning,
  decideOrFail,
  detectDateOrder,
  fmt,
  judgeRejects,
  readRejects,
  runLoad,
  type IngestInput,
} from './read-raw.js';
import { VOICE_KINDS } from '../../analytics/voice.js';
import {
  FEEDBACK_KINDS,
  FEEDBACK_REJECT_REASON_TEXT,
  type FeedbackIngestOptions,
  type FeedbackKind,
  type FeedbackLoadReport,
  type FeedbackRejectedRow,
  type FeedbackScale,
  type FeedbackScaleSource,
  type FeedbackScaleUse,
} from './types.js';

const range = (s: FeedbackScale) => `${s.min}-${s.max}`;

/**
 * Load a feedback file (NPS answers, reviews, satisfaction scores, referrals, complaints,
 * suggestions, compliments) into the optional canonical `feedback` table, accounting for every
 * record: it ends in `feedback` or in `feedback_rejects` with its line and reason. Scores are
 * normalised to 0..1 on their scale: the row's scale column, else `options.scale`, else 0-10 for
 * NPS and recommend, else inferred per kind from the largest score (the report says which).
 * Reads every input `ingestOrders` reads, through the same stages. The previous feedback is
 * replaced only when the load succeeds; `orders` and `customers` are never touched.
 */
export async function ingestFeedback(engine: Engine, input: IngestInput, options: FeedbackIngestOptions = {}): Promise<FeedbackLoadReport> {
  const started = Date.now();
  const file = input.name;
  checkOptions(file, options);
  return runLoad(engine, input, options, feedbackStageTables(), async (session, raw, staging) => {
    const { progress, q, run } = session;
    // 1. Input -> raw text table, numbered (by runLoad).
    const { format, parsedRows, csvRejectLines, columns, delimiter, notes, profiles } = raw;

    // 2. Which column is what; how dates and scores are written; the kind of unlabelled rows.
    // A column named like a category is the kind when most of its values are kinds: count
    // that over the profiling sample (thousands of rows), not the profile's five samples.
    const categoryLike = columns.filter((c) => matchPhrases(c, { category: FEEDBACK_HEADER_PHRASES.category }).length > 0);
    const kindShares = categoryLike.length === 0 ? {}
      : Object.fromEntries((await q<{ name: string; share: number }>(kindWordSharesSql(categoryLike, options.kindWords))).map((r) => [r.name, r.share]));
    const decision = decideOrFail(file, () => decideFeedbackMapping(profiles, { ...options, kindShares }, file));
    const { mapping } = decision;
    const warnings: string[] = [...notes, ...decision.notes];
    const dateColumn = mapping.date ?? mapping.answered_date;
    const { dateOrder, dateOrderCertain } = await detectDateOrder(session, dateColumn, options.dateOrder);
    const scoreProfile = profiles.find((p) => p.name === mapping.score);
    const decimal = options.decimal ?? decideDecimal(scoreProfile ? [scoreProfile] : []);
    // The kind of a file without a kind column: as asked, else as its name says, else from
    // the score header; a file with none of these stops and asks (no silent guess).
    let fileKind: FeedbackKind | null = options.kind ?? null;
    let fileKindSource: FeedbackLoadReport['fileKindSource'] = null;
    if (mapping.kind === undefined && fileKind === null) {
      const named = feedbackKindFromName(file);
      if (named !== null) {
        fileKind = named;
        fileKindSource = 'name';
        warnings.push(`${file} has no kind column: every row was read as ${fileKind}, because the file name says so. Set the kind if that is wrong.`);
      } else if (mapping.score === undefined) {
        throw new IngestError('mapping', `${file}: what kind of feedback is it? No column says the kind, none holds a score, and the file name does not say (like complaints.csv or suggestions.csv) (columns: ${columns.map((c) => `"${c}"`).join(', ')}). Set the kind (${FEEDBACK_KINDS.join(', ')}) or map a kind or score column.`, { file });
      } else {
        fileKind = defaultFeedbackKind(mapping.score);
        fileKindSource = 'score';
        warnings.push(`${file} has no kind column: every row was read as ${fileKind} (from the score column "${mapping.score}"). Set the kind if that is wrong.`);
      }
    } else if (mapping.kind === undefined) {
      fileKindSource = 'option';
      warnings.push(`${file} has no kind column: every row was read as ${fileKind}, as asked.`);
    }
    // No customer id column: fine for complaints, suggestions and compliments (the voice of the
    // customer needs no id); a file whose every row is of a kind that needs one stops here.
    if (decision.noCustomerId !== null && mapping.kind === undefined && !(VOICE_KINDS as readonly string[]).includes(fileKind!)) {
      throw new IngestError('mapping', decision.noCustomerId, { file });
    }

    // 3. Types and reasons; then scales, and scores outside them.
    progress('Checking rows', 0.5);
    await run(typedFeedbackSql({ mapping, dateOrder, decimal, fileKind, ...(options.kindWords ? { kindWords: options.kindWords } : {}) }));
    if (mapping.date !== undefined) await checkDatesReadable(session, mapping.date);
    const unscaled = await q<{ kind: FeedbackKind; min_score: number; max_score: number }>(unscaledScoresSql());
    const scales = unscaled.map(({ kind, min_score, max_score }) => {
      const source: FeedbackScaleSource = options.scale ? 'option' : kind === 'nps' || kind === 'recommend' ? 'kind' : 'inferred';
      const scale = options.scale ?? inferFeedbackScale(kind, { min: min_score, max: max_score });
      if (source === 'kind') warnings.push(`Scores of kind ${kind} were read on the ${range(scale)} scale ${kind} answers use. Set the scale if that is wrong.`);
      if (source === 'inferred') warnings.push(`Scores of kind ${kind} were read on a ${range(scale)} scale: no scale column or option, and the largest is ${max_score}. Set the scale if that is wrong.`);
      return { kind, scale, source };
    });
    await run(...scaleSql(scales), outOfRangeSql(mapping.score));

    // 4. Feedback, rejects, report.
    progress('Building feedback', 0.75);
    await run(sql.stageRejectsSql(csvRejectLines > 0, sql.T.stageFeedbackRejects, FEEDBACK_REJECT_DETAIL), ...stageFeedbackSql());
    const [r] = await q<{
      parsed_rows: number; rows_loaded: number; rows_rejected: number; customers: number; no_customer: number; answered: number; first_date: string | null; last_date: string | null;
    }>(feedbackReportSql());
    if (!r) throw new IngestError('engine', `${file}: the load report could not be computed.`, { file });
    const rejects = await readRejects<FeedbackRejectedRow>(session, sql.T.stageFeedbackRejects);
    const accounting = accountRows(file, { parsedRows, csvRejectLines }, r, rejects);
    warnings.push(...judgeRejects(file, 'feedback', FEEDBACK_REJECT_REASON_TEXT, rejects, accounting));
    if (!dateOrderCertain) warnings.push(dateOrderWarning(dateColumn, dateOrder));
    if (mapping.answered_date !== undefined) {
      const [u] = await q<{ n: number; line: number; value: string }>(unreadableAnsweredSql());
      if (u && u.n > 0) {
        warnings.push(`${leftEmptyWarning(u.n, mapping.answered_date, 'date', u.line, u.value)} ${u.n === 1 ? 'Its answer is' : 'Their answers are'} unknown${mapping.status !== undefined ? ' unless the status says' : ''}.`);
      }
    }
    if (r.no_customer > 0) {
      warnings.push(`${fmt(r.no_customer)} ${r.no_customer === 1 ? 'row' : 'rows'} of ${file} ${r.no_customer === 1 ? 'has' : 'have'} no customer id${mapping.customer_id === undefined ? ' (the file has no customer id column)' : ''}: loaded as complaints, suggestions or compliments, counted in the voice of the customer but not by customer or segment.`);
    }
    const [early] = await q<{ n: number; line: number | null }>(earlyAnswersSql());
    if (early && early.n > 0) {
      warnings.push(`${fmt(early.n)} row${early.n === 1 ? ' of' : 's of'} ${file} ${early.n === 1 ? 'was' : 'were'} answered before ${early.n === 1 ? 'it was' : 'they were'} written (column "${mapping.answered_date}" before "${mapping.date}", first at line ${early.line}): loaded as they are; check the dates.`);
    }
    if (mapping.status !== undefined) {
      const unknown = await q<{ value: string; n: number; line: number }>(unknownStatusesSql());
      if (unknown.length > 0) {
        warnings.push(`Column "${mapping.status}" of ${file} holds statuses Rapport does not read as answered or open (${unknown.map((u) => `"${u.value}" ${fmt(u.n)}×, first at line ${u.line}`).join('; ')}): those rows count as not known to be answered${mapping.answered_date !== undefined ? ' unless they have an answered date' : ''}.`);
      }
    }

    const byKind = Object.fromEntries((await q<{ kind: FeedbackKind; n: number }>(feedbackKindsSql())).map((k) => [k.kind, k.n]));
    const scalesUsed = await q<FeedbackScaleUse>(feedbackScalesSql());
    const [orders] = await q<{ present: number }>(sql.tableExistsSql(sql.T.orders));
    let matchedCustomers: number | null = null;
    // Nothing to match when no feedback row has a customer id (said above): null, not 0.
    if (orders?.present && r.customers > 0) {
      matchedCustomers = (await q<{ n: number }>(sql.matchedCustomersSql(sql.T.stageFeedback)))[0]?.n ?? 0;
      if (matchedCustomers === 0) {
        warnings.push(`None of the ${fmt(r.customers)} customers in ${file} is in the orders loaded: are the customer ids the same ones?`);
      } else if (matchedCustomers < r.customers / 2) {
        warnings.push(`Only ${fmt(matchedCustomers)} of the ${fmt(r.customers)} customers in ${file} are in the orders loaded.`);
      }
    }

    await session.swapIn(sql.swapInSql(feedbackSwapPairs()), staging);
    const report: FeedbackLoadReport = {
      file,
      format,
      ...accounting,
      byKind,
      scales: scalesUsed,
      fileKind: mapping.kind === undefined ? fileKind : null,
      fileKindSource,
      answered: mapping.answered_date !== undefined || mapping.status !== undefined ? r.answered : null,
      customers: r.customers,
      withoutCustomer: r.no_customer,
      matchedCustomers,
      firstDate: r.first_date,
      lastDate: r.last_date,
      mapping,
      columns,
      dateOrder,
      decimal,
      delimiter,
      warnings,
      durationMs: Date.now() - started,
    };
    return report;
  });
}

/** Options a caller may get wrong: an unknown kind, a scale that is not one. */
function checkOptions(file: string, o: FeedbackIngestOptions): void {
  if (o.kind !== undefined && !FEEDBACK_KINDS.includes(o.kind)) {
    throw new IngestError('mapping', `${file}: "${o.kind}" is not a kind of feedback; kinds are ${FEEDBACK_KINDS.join(', ')}.`, { file });
  }
  for (const [word, kind] of Object.entries(o.kindWords ?? {})) {
    if (!FEEDBACK_KINDS.includes(kind)) {
      throw new IngestError('mapping', `${file}: the label "${word}" is given the kind "${kind}", which is not one; kinds are ${FEEDBACK_KINDS.join(', ')}.`, { file });
    }
  }
  if (o.scale && !(Number.isFinite(o.scale.min) && Number.isFinite(o.scale.max) && o.scale.min < o.scale.max)) {
    throw new IngestError('mapping', `${file}: the scale ${o.scale.min}-${o.scale.max} is not one: it needs a minimum below its maximum.`, { file });
  }
}

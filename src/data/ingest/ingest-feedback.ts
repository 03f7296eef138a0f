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
  judgeRejects,
  readRejects,
  runLoad,
  type IngestInput,
} from './read-raw.js';
import { VOICE_KINDS } from '../../analytics/voice.js';
import type { Notice } from '../../analytics/notice.js';
import { feedbackKindNotice, feedbackRejectReasonNotice, feedbackSurveyNotice as notice, noticeList } from './feedback-survey-notices.js';
import {
  FEEDBACK_KINDS,
  type FeedbackIngestOptions,
  type FeedbackKind,
  type FeedbackLoadReport,
  type FeedbackRejectedRow,
  type FeedbackScaleSource,
  type FeedbackScaleUse,
} from './types.js';

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
    const { format, parsedRows, csvRejectLines, columns, delimiter, noteNotices, profiles } = raw;

    // 2. Which column is what; how dates and scores are written; the kind of unlabelled rows.
    // A column named like a category is the kind when most of its values are kinds: count
    // that over the profiling sample (thousands of rows), not the profile's five samples.
    const categoryLike = columns.filter((c) => matchPhrases(c, { category: FEEDBACK_HEADER_PHRASES.category }).length > 0);
    const kindShares = categoryLike.length === 0 ? {}
      : Object.fromEntries((await q<{ name: string; share: number }>(kindWordSharesSql(categoryLike, options.kindWords))).map((r) => [r.name, r.share]));
    const decision = decideOrFail(file, () => decideFeedbackMapping(profiles, { ...options, kindShares }, file));
    const { mapping } = decision;
    const notices: Notice[] = [...noteNotices, ...decision.noteNotices];
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
        notices.push(notice('feedback.kind-from-name', { file, kind: feedbackKindNotice(fileKind) }));
      } else if (mapping.score === undefined) {
        const kinds = FEEDBACK_KINDS.join(', ');
        throw new IngestError('mapping', notice('feedback.kind-unknown', { file, columns: columns.map((c) => `"${c}"`).join(', '), kinds }), { file });
      } else {
        fileKind = defaultFeedbackKind(mapping.score);
        fileKindSource = 'score';
        notices.push(notice('feedback.kind-from-score', { file, kind: feedbackKindNotice(fileKind), column: mapping.score }));
      }
    } else if (mapping.kind === undefined) {
      fileKindSource = 'option';
      notices.push(notice('feedback.kind-as-asked', { file, kind: feedbackKindNotice(fileKind!) }));
    }
    // No customer id column: fine for complaints, suggestions and compliments (the voice of the
    // customer needs no id); a file whose every row is of a kind that needs one stops here.
    if (decision.noCustomerId !== null && mapping.kind === undefined && !(VOICE_KINDS as readonly string[]).includes(fileKind!)) {
      throw new IngestError('mapping', decision.noCustomerIdNotice ?? decision.noCustomerId, { file });
    }

    // 3. Types and reasons; then scales, and scores outside them.
    progress('Checking rows', 0.5);
    await run(typedFeedbackSql({ mapping, dateOrder, decimal, fileKind, ...(options.kindWords ? { kindWords: options.kindWords } : {}) }));
    if (mapping.date !== undefined) await checkDatesReadable(session, mapping.date);
    const unscaled = await q<{ kind: FeedbackKind; min_score: number; max_score: number }>(unscaledScoresSql());
    const scales = unscaled.map(({ kind, min_score, max_score }) => {
      const source: FeedbackScaleSource = options.scale ? 'option' : kind === 'nps' || kind === 'recommend' ? 'kind' : 'inferred';
      const scale = options.scale ?? inferFeedbackScale(kind, { min: min_score, max: max_score });
      // The largest score goes in as the data has it (text): the English never rounded it.
      const said = { kind: feedbackKindNotice(kind), min: scale.min, max: scale.max };
      if (source === 'kind') notices.push(notice('feedback.scale-of-kind', said));
      if (source === 'inferred') notices.push(notice('feedback.scale-inferred', { ...said, largest: String(max_score) }));
      return { kind, scale, source };
    });
    await run(...scaleSql(scales), outOfRangeSql(mapping.score));

    // 4. Feedback, rejects, report.
    progress('Building feedback', 0.75);
    await run(sql.stageRejectsSql(csvRejectLines > 0, sql.T.stageFeedbackRejects, FEEDBACK_REJECT_DETAIL), ...stageFeedbackSql());
    const [r] = await q<{
      parsed_rows: number; rows_loaded: number; rows_rejected: number; customers: number; no_customer: number; answered: number; first_date: string | null; last_date: string | null;
    }>(feedbackReportSql());
    if (!r) throw new IngestError('engine', notice('feedback.report-failed', { file }), { file });
    const rejects = await readRejects<FeedbackRejectedRow>(session, sql.T.stageFeedbackRejects);
    const accounting = accountRows(file, { parsedRows, csvRejectLines }, r, rejects);
    notices.push(...judgeRejects(file, 'feedback', feedbackRejectReasonNotice, rejects, accounting));
    if (!dateOrderCertain) notices.push(dateOrderWarning(dateColumn, dateOrder));
    if (mapping.answered_date !== undefined) {
      const [u] = await q<{ n: number; line: number; value: string }>(unreadableAnsweredSql());
      if (u && u.n > 0) {
        const left = leftEmptyWarning(u.n, mapping.answered_date, 'date', u.line, u.value);
        notices.push(notice(mapping.status !== undefined ? 'feedback.answers-unknown-status' : 'feedback.answers-unknown', { left, n: u.n }));
      }
    }
    if (r.no_customer > 0) {
      notices.push(notice(mapping.customer_id === undefined ? 'feedback.no-customer-column' : 'feedback.no-customer', { n: r.no_customer, file }));
    }
    const [early] = await q<{ n: number; line: number | null }>(earlyAnswersSql());
    if (early && early.n > 0) {
      notices.push(
        notice('feedback.answered-early', { n: early.n, file, answered: String(mapping.answered_date), date: String(mapping.date), line: String(early.line) }),
      );
    }
    if (mapping.status !== undefined) {
      const unknown = await q<{ value: string; n: number; line: number }>(unknownStatusesSql());
      if (unknown.length > 0) {
        const statuses = noticeList(
          'feedback.status-list',
          unknown.map((u) => notice('feedback.status-seen', { value: u.value, n: u.n, line: String(u.line) })),
        );
        notices.push(notice(mapping.answered_date !== undefined ? 'feedback.statuses-unknown-dated' : 'feedback.statuses-unknown', { column: mapping.status, file, statuses }));
      }
    }

    const byKind = Object.fromEntries((await q<{ kind: FeedbackKind; n: number }>(feedbackKindsSql())).map((k) => [k.kind, k.n]));
    const scalesUsed = await q<FeedbackScaleUse>(feedbackScalesSql());
    let matchedCustomers: number | null = null;
    // Nothing to match when no feedback row has a customer id (said above): null, not 0.
    if (r.customers > 0 && (await session.hasTable(sql.T.orders))) {
      matchedCustomers = (await q<{ n: number }>(sql.matchedCustomersSql(sql.T.stageFeedback)))[0]?.n ?? 0;
      if (matchedCustomers === 0) {
        notices.push(notice('feedback.customers-none-matched', { n: r.customers, file }));
      } else if (matchedCustomers < r.customers / 2) {
        notices.push(notice('feedback.customers-few-matched', { n: matchedCustomers, total: r.customers, file }));
      }
    }

    await session.swapIn(feedbackSwapPairs(), staging);
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
      warnings: notices.map((n) => n.text),
      notices,
      durationMs: Date.now() - started,
    };
    return report;
  });
}

/** Options a caller may get wrong: an unknown kind, a scale that is not one. */
function checkOptions(file: string, o: FeedbackIngestOptions): void {
  if (o.kind !== undefined && !FEEDBACK_KINDS.includes(o.kind)) {
    throw new IngestError('mapping', notice('feedback.option-kind-unknown', { file, kind: String(o.kind), kinds: FEEDBACK_KINDS.join(', ') }), { file });
  }
  for (const [word, kind] of Object.entries(o.kindWords ?? {})) {
    if (!FEEDBACK_KINDS.includes(kind)) {
      throw new IngestError('mapping', notice('feedback.option-kind-word', { file, word, kind: String(kind), kinds: FEEDBACK_KINDS.join(', ') }), { file });
    }
  }
  if (o.scale && !(Number.isFinite(o.scale.min) && Number.isFinite(o.scale.max) && o.scale.min < o.scale.max)) {
    // The ends as given (text): they may be anything but a scale (NaN, Infinity).
    throw new IngestError('mapping', notice('feedback.option-scale-invalid', { file, min: String(o.scale.min), max: String(o.scale.max) }), { file });
  }
}

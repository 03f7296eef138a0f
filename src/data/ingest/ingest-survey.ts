import type { Engine } from '../engine/engine.js';
import * as sql from '../sql/ingest-sql.js';
import {
  answersPerItemSql,
  duplicateAnswersSql,
  itemsSeenSql,
  longAnswersSql,
  offScaleSql,
  outOfRangeSql,
  respondentSpreadSql,
  scaleEvidenceSql,
  scaleValuesSql,
  scaleText,
  stageImportanceSql,
  stageMetaSql,
  stageRespondentsSql,
  stageSurveyRejectsSql,
  stageSurveySql,
  surveyItemsSql,
  surveyRejectSamplesSql,
  surveyReportSql,
  surveyStageTables,
  surveySwapPairs,
  typedSurveySql,
  wideAnswersSql,
  wideImportanceValuesSql,
  wideRowsSql,
} from '../sql/survey-ingest-sql.js';
import { decideDecimal } from './detect-mapping.js';
import { checkLongRespondent, decideDimensions, decideSurvey, detectSurveyScale, LIKERT_SCALES, type SurveyItemSeen } from './detect-survey.js';
import { IngestError } from './ingest-error.js';
import { accountRows, decideOrFail, judgeRejects, runLoad, type IngestInput, type LoadSession, type RawRead } from './read-raw.js';
import type { Notice } from '../../analytics/notice.js';
import { feedbackSurveyNotice as notice, noticeList, surveyRejectReasonNotice } from './feedback-survey-notices.js';
import {
  SURVEY_IMPORTANCE_REJECT_REASONS,
  SURVEY_SHAPES,
  type SurveyIngestOptions,
  type SurveyLoadReport,
  type SurveyRejectedRow,
  type SurveyRejectReason,
  type SurveyScaleRange,
} from './types.js';

/** Output names a respondent attribute may not take (the table's own columns). */
const RESERVED = new Set(['respondent', 'customer_id', 'line']);

/**
 * Load a SERVQUAL-style survey into the optional canonical `survey` tables (see
 * survey-ingest-sql.ts), accounting for every answer: it ends in `survey` or in `survey_rejects`
 * with its line, column and reason. Long (one row per respondent and item) or wide (an
 * expectation and a perception column per item) is detected, or forced by `shape`; the Likert
 * scale is detected from the data unless given; items get dimensions from the user's map, the
 * file, their names, or the standard 22-item SERVQUAL. The previous survey is replaced only
 * when the load succeeds; `orders`, `customers` and `feedback` are never touched.
 */
export async function ingestSurvey(engine: Engine, input: IngestInput, options: SurveyIngestOptions = {}): Promise<SurveyLoadReport> {
  const started = Date.now();
  const file = input.name;
  checkOptions(file, options);
  return runLoad(engine, input, options, surveyStageTables(), async (session, raw, staging) => {
    try {
      return await loadSurvey(session, raw, staging, file, options, started);
    } catch (e) {
      // A form can ask how to read the file with the columns the engine read (gzip, quoted
      // separators, blank headers named column00...), which a caller cannot always read itself.
      if (e instanceof IngestError && e.code === 'mapping' && e.details.columns === undefined) {
        throw new IngestError(e.code, e.notice ?? e.message, e.where, { cause: e.cause ?? e, details: { ...e.details, columns: [...raw.columns] } });
      }
      throw e;
    }
  });
}

async function loadSurvey(
  session: LoadSession,
  raw: RawRead,
  staging: readonly string[],
  file: string,
  options: SurveyIngestOptions,
  started: number,
): Promise<SurveyLoadReport> {
  const { progress, q, run } = session;
  const { format, parsedRows, csvRejectLines, columns, delimiter, noteNotices, profiles } = raw;

  // 1. Shape and columns; a long survey's respondent must repeat across items (a row id does not).
  let decision = decideOrFail(file, () => decideSurvey(profiles, options, file));
  if (decision.shape === 'long' && options.mapping?.respondent === undefined) {
    const long = decision;
    const m = long.mapping;
    type Spread = Record<'respondent' | 'item' | 'customer', { values: number; distinct: number }>;
    const [row] = await q<Record<string, number>>(respondentSpreadSql(m.respondent!, m.item!, m.customer_id));
    const spread = Object.fromEntries(
      (['respondent', 'item', 'customer'] as const).map((k) => [k, { values: Number(row?.[`${k}_values`] ?? 0), distinct: Number(row?.[`${k}_distinct`] ?? 0) }]),
    ) as Spread;
    decision = decideOrFail(file, () =>
      checkLongRespondent(long, { respondent: spread.respondent, item: spread.item, customer_id: m.customer_id ? spread.customer : undefined }, columns, file),
    );
  }
  const notices: Notice[] = [...noteNotices, ...decision.notices];
  const { shape, mapping } = decision;
  const answerColumns =
    decision.shape === 'long'
      ? [mapping.expectation!, mapping.perception!]
      : decision.pairs.flatMap((p) => [p.expectation, p.perception]);
  const answerProfiles = profiles.filter((p) => answerColumns.includes(p.name));
  // The file's decimal style. In a comma-separated file a decimal comma needs quotes around
  // every such answer: a quoted "5,5" there is a typo or a merged field, not 5.5, so the style
  // stays the point (and "5,5" is rejected as not a number, with its line and column) unless
  // the decimal option says otherwise.
  const decimalEvidence = decideDecimal(answerProfiles);
  const decimal = options.decimal ?? (delimiter === ',' ? 'point' : decimalEvidence);
  if (options.decimal === undefined && delimiter === ',' && decimalEvidence === 'comma') {
    const example = answerProfiles.flatMap((p) => p.samples).find((v) => /\d,\d/.test(v));
    notices.push(example ? notice('survey.decimal-comma-example', { file, example }) : notice('survey.decimal-comma', { file }));
  }

  // 2. Answers: one per long row, one per wide row and item pair (unpivoted in SQL).
  progress('Reading answers', 0.45);
  let respondentSource: SurveyLoadReport['respondentSource'] = 'column';
  if (decision.shape === 'long') {
    await run(longAnswersSql({ ...mapping, respondent: mapping.respondent!, item: mapping.item!, expectation: mapping.expectation!, perception: mapping.perception! }));
    if (mapping.respondent === mapping.customer_id) respondentSource = 'customer_id';
  } else {
    await run(wideRowsSql({ respondent: mapping.respondent ?? undefined, customer_id: mapping.customer_id }));
    const respondentColumn = mapping.respondent ?? mapping.customer_id;
    await run(wideAnswersSql(decision.pairs, respondentColumn), wideImportanceValuesSql(decision.importance, decimal));
    if (!mapping.respondent && mapping.customer_id !== undefined) {
      respondentSource = 'customer_id';
      notices.push(notice('survey.respondent-is-customer', { file, column: mapping.customer_id }));
    } else if (!mapping.respondent) {
      respondentSource = 'row_number';
      notices.push(notice('survey.respondent-row-number', { file, n: parsedRows }));
    }
  }

  // 3. Types and reasons; the scale, and answers off it; duplicates.
  progress('Checking answers', 0.55);
  await run(typedSurveySql(decimal));
  type Evidence = { answers: number; min_value: number | null; max_value: number | null } & Record<string, number>;
  const [evidence] = await q<Evidence>(scaleEvidenceSql(LIKERT_SCALES));
  let scale: SurveyScaleRange;
  const scaleSource: SurveyLoadReport['scaleSource'] = options.scale ? 'option' : 'detected';
  let detected: SurveyScaleRange | null = null;
  if (options.scale) {
    scale = { min: options.scale.min, max: options.scale.max };
  } else {
    const inside = LIKERT_SCALES.map((_, i) => Number(evidence?.[`inside_${i}`] ?? 0));
    const answers = evidence?.answers ?? 0;
    const lo = Math.min(...LIKERT_SCALES.map((s) => s.min));
    const hi = Math.max(...LIKERT_SCALES.map((s) => s.max));
    const values = (await q<{ value: number; n: number }>(scaleValuesSql(lo, hi))).map((v) => ({ value: Number(v.value), n: Number(v.n) }));
    detected = detectSurveyScale(answers, inside, values);
    if (!detected && answers > 0) {
      const said = { file, min: String(evidence?.min_value), max: String(evidence?.max_value), scales: LIKERT_SCALES.map(scaleText).join(', ') };
      throw new IngestError('mapping', notice('survey.scale-unusual', said), { file });
    }
    scale = detected ?? LIKERT_SCALES[0]!;
  }
  await run(outOfRangeSql(scale));
  if (detected) {
    const [off] = await q<{ n: number; examples: string[] | null }>(offScaleSql());
    const n = Number(off?.n ?? 0);
    const examples = (off?.examples ?? []).map((v) => `"${v}"`).join(', ');
    // The lowest and highest answers go in as the data has them (text); the scale's ends are numbers.
    const said = { scaleMin: scale.min, scaleMax: scale.max, min: String(evidence?.min_value), max: String(evidence?.max_value) };
    notices.push(n > 0 ? notice('survey.scale-detected-off', { ...said, n, examples }) : notice('survey.scale-detected', said));
  }
  await run(duplicateAnswersSql(shape));

  // 4. Items and their dimensions.
  progress('Placing items', 0.7);
  const seen = await q<{ item: string; file_dimension: string | null; file_dimensions: number }>(itemsSeenSql());
  const items: SurveyItemSeen[] = seen.map((s) => ({ item: s.item, fileDimension: s.file_dimension, fileDimensions: s.file_dimensions }));
  const dims = decideDimensions(items, decision.shape === 'long' && mapping.dimension !== undefined, options.dimensions);
  notices.push(...dims.notices);
  await run(...surveyItemsSql(dims.items));

  // 5. Survey, respondents, importance, rejects, meta.
  progress('Building survey', 0.8);
  const attributes = decision.attributes.map((c) => [c, RESERVED.has(c.toLowerCase()) ? `attribute_${c}` : c] as const);
  for (const [column, renamed] of attributes) if (column !== renamed) notices.push(notice('survey.attribute-renamed', { column, renamed }));
  const wideImportance = decision.shape === 'wide' && Object.keys(decision.importance).length > 0;
  await run(
    ...stageSurveySql(),
    ...stageRespondentsSql(attributes),
    ...stageImportanceSql(shape),
    stageSurveyRejectsSql(csvRejectLines > 0, wideImportance, decision.shape === 'wide' ? decision.pairs : []),
    ...stageMetaSql(scale, shape, file),
  );
  const [r] = await q<{
    parsed_rows: number; answers_parsed: number; answers_loaded: number; answers_rejected: number; rows_loaded: number;
    rows_rejected: number; respondents: number; customers: number; importance_rows: number;
  }>(surveyReportSql());
  if (!r) throw new IngestError('engine', notice('survey.report-failed', { file }), { file });
  const allByReason = await q<{ reason: SurveyRejectReason; n: number; first_line: number }>(sql.rejectsByReasonSql(sql.T.stageSurveyRejects));
  const rejectSamples = await q<SurveyRejectedRow>(surveyRejectSamplesSql(20));
  // Importance values rejected on their own are not answers: their answers loaded (long) or
  // they are a column beside them (wide). They are counted and told apart from the answers.
  const isImportance = (reason: SurveyRejectReason) => SURVEY_IMPORTANCE_REJECT_REASONS.includes(reason);
  const byReason = allByReason.filter((b) => !isImportance(b.reason));
  const importanceByReason = allByReason.filter((b) => isImportance(b.reason));
  const accounting = accountRows(file, { parsedRows, csvRejectLines }, r, { byReason, rejectSamples });
  // A malformed line holds one answer (long) or one per item pair (wide), each rejected.
  const malformedAnswers = csvRejectLines * (decision.shape === 'wide' ? decision.pairs.length : 1);
  const answersRead = r.answers_parsed + malformedAnswers;
  const answersRejected = r.answers_rejected + malformedAnswers;
  if (answersRead !== r.answers_loaded + answersRejected) {
    const said = { file, read: String(answersRead), loaded: String(r.answers_loaded), rejected: String(answersRejected) };
    throw new IngestError('engine', notice('survey.accounting-failed', said), { file });
  }
  const answerSamples = importanceByReason.length ? await q<SurveyRejectedRow>(surveyRejectSamplesSql(20, { except: SURVEY_IMPORTANCE_REJECT_REASONS })) : rejectSamples;
  notices.push(...judgeRejects(file, 'survey-answers', surveyRejectReasonNotice, { byReason, rejectSamples: answerSamples }, accounting));
  if (answersRejected > 0 && answersRejected / answersRead >= 0.1 && accounting.rowsRejected / accounting.rowsRead < 0.1) {
    notices.push(notice('survey.answers-rejected-share', { percent: Math.round((100 * answersRejected) / answersRead), file, n: answersRejected, total: answersRead }));
  }
  const importanceRejected = importanceByReason.reduce((a, b) => a + b.n, 0);
  if (importanceRejected > 0) {
    const [first] = await q<SurveyRejectedRow>(surveyRejectSamplesSql(1, { only: SURVEY_IMPORTANCE_REJECT_REASONS }));
    const kinds = noticeList(
      'survey.list',
      importanceByReason.map((b) => notice(b.reason === 'negative_importance' ? 'survey.importance-negative' : 'survey.importance-not-number', { n: b.n })),
    );
    const where = first ? firstAt(first) : '';
    const code = decision.shape === 'long' ? 'survey.importance-rejected-long' : 'survey.importance-rejected-wide';
    notices.push(notice(code, { n: importanceRejected, file, kinds, where }));
  }
  const importanceRejectedByReason = Object.fromEntries(importanceByReason.map((b) => [b.reason, b.n])) as SurveyLoadReport['importanceRejectedByReason'];

  const perItem = new Map((await q<{ item: string; n: number }>(answersPerItemSql())).map((x) => [x.item, x.n]));
  let matchedCustomers: number | null = null;
  if (r.customers > 0 && (await session.hasTable(sql.T.orders))) {
    matchedCustomers = (await q<{ n: number }>(sql.matchedCustomersSql(sql.T.stageSurvey)))[0]?.n ?? 0;
    if (matchedCustomers === 0) notices.push(notice('survey.customers-none-matched', { n: r.customers, file }));
  }

  await session.swapIn(surveySwapPairs(), staging);
  const itemInfo = dims.items.map((d) => ({ ...d, answers: perItem.get(d.item) ?? 0 }));
  const report: SurveyLoadReport = {
    file,
    format,
    shape,
    shapeSource: decision.shapeSource,
    ...accounting,
    answersRead,
    answersLoaded: r.answers_loaded,
    answersRejected,
    importanceRejected,
    importanceRejectedByReason,
    respondents: r.respondents,
    items: itemInfo,
    dimensions: [...new Set(itemInfo.filter((i) => i.answers > 0).map((i) => i.dimension))],
    scale,
    scaleSource,
    mapping,
    pairs: decision.shape === 'wide' ? decision.pairs : [],
    pairFamily: decision.shape === 'wide' ? decision.family : null,
    respondentSource,
    importance: r.importance_rows === 0 ? null : decision.shape === 'long' ? 'answer' : 'dimension',
    importanceColumns: decision.shape === 'wide' ? decision.importance : {},
    attributes: attributes.map(([, as]) => as),
    customers: r.customers,
    matchedCustomers,
    columns,
    decimal,
    delimiter,
    warnings: notices.map((n) => n.text),
    notices,
    durationMs: Date.now() - started,
  };
  return report;
}

/** Where the first rejected importance value is: `, first at line 4, column "imp_x" ("-1")`. */
function firstAt(first: Pick<SurveyRejectedRow, 'line' | 'column' | 'value'>): Notice {
  const line = String(first.line);
  const column = first.column || null;
  const value = first.value;
  if (column !== null && value !== null) return notice('survey.first-at-line-column-value', { line, column, value });
  if (column !== null) return notice('survey.first-at-line-column', { line, column });
  if (value !== null) return notice('survey.first-at-line-value', { line, value });
  return notice('survey.first-at-line', { line });
}

/** Options a caller may get wrong: an unknown shape, a scale that is not one, an empty pair prefix. */
function checkOptions(file: string, o: SurveyIngestOptions): void {
  if (o.shape !== undefined && !SURVEY_SHAPES.includes(o.shape)) {
    throw new IngestError('mapping', notice('survey.option-shape-unknown', { file, shape: String(o.shape), shapes: SURVEY_SHAPES.join(', ') }), { file });
  }
  if (o.scale && !(Number.isFinite(o.scale.min) && Number.isFinite(o.scale.max) && o.scale.min < o.scale.max)) {
    // The ends as given (text): they may be anything but a scale (NaN, Infinity).
    throw new IngestError('mapping', notice('survey.option-scale-invalid', { file, min: String(o.scale.min), max: String(o.scale.max) }), { file });
  }
  if (o.pairs !== undefined && o.pairs.trim() === '') {
    throw new IngestError('mapping', notice('survey.option-pairs-empty', { file }), { file });
  }
}

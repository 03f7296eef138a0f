import { hasTable } from './table-presence.js';
import {
  QualitySplitError,
  QualityWeightsError,
  UNASSIGNED_DIMENSION,
  attributeLabel,
  gapStat,
  groupAttributes,
  questionBatteryColumns,
  normaliseWeights,
  sortDimensionGaps,
  sortItemGaps,
  type AttributeProfile,
  type DimensionGap,
  type GapMoments,
  type ItemGap,
  type OverallQuality,
  type QualityGapRequest,
  type QualityGapResult,
  type QualityGroup,
  type QualityGroupOption,
  type QualityWeighting,
} from '../analytics/quality.js';
import { LADDER_RUNGS, LAPSED, RUNG_LABELS, type LadderPlace } from '../analytics/ladder.js';
import { OTHERS } from '../analytics/segment-rules.js';
import type { SelectedQualityResult, SelectedRequest } from '../analytics/selection.js';
import type { Notice } from '../analytics/notice.js';
import { analysisNotice } from './analysis-notices.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { currentLadder, readLadder } from './ladder.js';
import { currentScoring, scoreCustomers } from './rfm.js';
import { currentSelectionTable } from './selection-state.js';
import {
  CUSTOMER_ID_TABLES,
  NO_PURCHASE,
  NOT_GIVEN,
  NOT_LINKED,
  SURVEY_TABLES,
  attributeProfileSql,
  dimensionMomentsSql,
  dimensionWeightsSql,
  groupSizesSql,
  itemMomentsSql,
  itemsOfDimensionSql,
  linkedRespondentsSql,
  overallMomentsSql,
  qualitySelectionLeftOutSql,
  respondentAttributeColumnsSql,
  respondentGroupsSql,
  selectedGroupsSql,
  surveyCountsSql,
  surveyDimensionsSql,
  surveyScaleSql,
  type RespondentGrouping,
  type WeightSource,
} from './sql/quality-sql.js';

export { QualitySplitError, QualityWeightsError } from '../analytics/quality.js';

type MomentRow = GapMoments & { grp: string };

const pct = (x: number) => `${Math.round(x * 100)}%`;
const respondentsNotice = (n: number) => analysisNotice('quality.respondents', { n });

/** The given weights matched to the survey's dimensions (exactly, else ignoring case and spaces). */
function matchWeights(given: Readonly<Record<string, number>>, dimensions: readonly string[], notices: Notice[]): [string, number][] {
  normaliseWeights(given); // validates every value
  const key = (s: string) => s.trim().toLowerCase();
  const matched = new Map<string, number>();
  const unknown: string[] = [];
  for (const [name, w] of Object.entries(given)) {
    const dimension = dimensions.includes(name) ? name : dimensions.find((d) => key(d) === key(name));
    if (dimension === undefined) unknown.push(name);
    else matched.set(dimension, (matched.get(dimension) ?? 0) + w);
  }
  if (!matched.size) {
    throw new QualityWeightsError(
      analysisNotice('quality.weights-unmatched', { weights: unknown.map((u) => `"${u}"`).join(', '), dimensions: dimensions.join(', ') }),
    );
  }
  const normal = normaliseWeights(Object.fromEntries(matched));
  for (const u of unknown) notices.push(analysisNotice('quality.weight-ignored', { dimension: u }));
  const unweighted = dimensions.filter((d) => !matched.has(d) || normal[d] === 0);
  if (unweighted.length) notices.push(analysisNotice('quality.unweighted', { n: unweighted.length, dimensions: unweighted.join(', ') }));
  // In the order given.
  return [...matched.keys()].filter((d) => normal[d]! > 0).map((d) => [d, normal[d]!]);
}

/** Dimension stats of one group, with their effective weight (0 when outside the overall). */
function dimensionsOf(
  rows: readonly MomentRow[],
  weightRows: readonly { grp: string; dimension: string; weight_sum: number }[],
  overallN: number,
  itemsPerDimension: ReadonlyMap<string, number>,
  grp: string,
): DimensionGap[] {
  const sums = new Map(weightRows.filter((w) => w.grp === grp).map((w) => [w.dimension, w.weight_sum]));
  return sortDimensionGaps(
    rows
      .filter((r) => r.grp === grp)
      .map((r) => {
        const dimension = (r as MomentRow & { dimension: string }).dimension;
        return {
          dimension,
          items: itemsPerDimension.get(dimension) ?? 0,
          weight: overallN > 0 ? (sums.get(dimension) ?? 0) / overallN : 0,
          ...gapStat(r),
        };
      }),
  );
}

/** The group's overall score; n 0 (and zero figures) when none of its respondents counts in it. */
function overallOf(rows: readonly (MomentRow & { fallbacks: number })[], grp: string, weighting: QualityWeighting): OverallQuality {
  const r = rows.find((x) => x.grp === grp) ?? { n: 0, expectation: 0, perception: 0, gap: 0, sd: null };
  return { ...gapStat(r), weighting };
}

/** The order groups are shown in: ladder order or segment rule order; 'no purchase', 'not linked', 'not given' last. */
function groupRank(by: string, segmentOrder: readonly string[]): (g: string) => [number, string] {
  const tail = [NO_PURCHASE, NOT_LINKED, NOT_GIVEN];
  const places: string[] = [...LADDER_RUNGS, LAPSED];
  return (g) => {
    const t = tail.indexOf(g);
    if (t >= 0) return [1_000 + t, g];
    if (by === 'rung') return [places.indexOf(g), g];
    if (by === 'segment') {
      const i = segmentOrder.indexOf(g);
      return [i >= 0 ? i : g === OTHERS ? 999 : 998, g];
    }
    return [0, g];
  };
}

/**
 * The survey gap (see analytics/quality.ts for the semantics): per item, per dimension and the
 * importance-weighted overall score, with 95% intervals; split by request.by when asked. Null
 * when no survey is loaded. Throws a QualityWeightsError for unusable weights and a RangeError
 * for a split the data cannot make. Call inside the engine's queue.
 *
 * With `selected`, the respondents linked to a selected customer only (see Dataset.select):
 * every figure, count and split is over them; `leftOut` says how many respondents were left
 * out and how many of those are linked to no known customer (they can never be selected).
 * The scale, the weighting (given, respondents' importance or equal), the dimensions weights are
 * matched to, the splits offered and the attribute profiles stay those of the whole survey.
 */
export async function readQualityGap(
  engine: Engine,
  request: QualityGapRequest & SelectedRequest = {},
): Promise<(QualityGapResult & Partial<SelectedQualityResult>) | null> {
  if (!(await hasTable(engine, SURVEY_TABLES.survey))) return null;
  const { table: selection, info } = request.selected ? currentSelectionTable(engine) : { table: null, info: null };
  const restrict = (groups: string) => (selection ? selectedGroupsSql(groups, selection) : groups);
  const [hasImportanceTable, hasMeta, hasRespondents] = await Promise.all([
    hasTable(engine, SURVEY_TABLES.importance),
    hasTable(engine, SURVEY_TABLES.meta),
    hasTable(engine, SURVEY_TABLES.respondents),
  ]);
  const known: string[] = [];
  for (const t of CUSTOMER_ID_TABLES) if (await hasTable(engine, t)) known.push(t);
  const hasOrders = known.includes(CUSTOMER_ID_TABLES[0]);
  const notices: Notice[] = [];

  const [scaleRow] = rowsOf<{ scale_min: number | null; scale_max: number | null }>(await engine.query(surveyScaleSql(hasMeta)));
  const scale = { min: scaleRow?.scale_min ?? 0, max: scaleRow?.scale_max ?? 0 };
  const [counts] = rowsOf<{ respondents: number; with_importance: number; with_customer_id: number }>(
    await engine.query(surveyCountsSql(hasImportanceTable, selection)),
  );
  const respondents = counts?.respondents ?? 0;
  // Whether the survey can be linked at all, and whether it has importance, are questions of the
  // whole survey, selection or not (selected respondents are linked by construction: selected ids
  // are known customers; and a selection whose respondents gave no importance must not switch
  // the survey's weighting to equal).
  const whole = selection
    ? rowsOf<{ with_importance: number; with_customer_id: number }>(await engine.query(surveyCountsSql(hasImportanceTable)))[0]
    : counts;
  const surveyHasIds = (whole?.with_customer_id ?? 0) > 0;
  let linkedRespondents: number | null = null;
  if (surveyHasIds) {
    const [l] = rowsOf<{ linked: number }>(await engine.query(linkedRespondentsSql(known, selection)));
    linkedRespondents = l?.linked ?? 0;
    if (!known.length) notices.push(analysisNotice('quality.no-customers-loaded'));
    else if (linkedRespondents === 0 && !selection) notices.push(analysisNotice('quality.no-respondent-linked'));
  }

  const all = restrict(respondentGroupsSql({ kind: 'none' }));
  const itemRows = rowsOf<MomentRow & { item: string; item_order: number; dimension: string }>(await engine.query(itemMomentsSql(all)));
  const dimRows = rowsOf<MomentRow & { dimension: string }>(await engine.query(dimensionMomentsSql(all)));
  // The dimensions (and their items) are the survey's: a selection restricts the moments only,
  // not which dimensions weights are matched to or whether 'unassigned' stands alone.
  const surveyDimensions = rowsOf<{ dimension: string; items: number }>(await engine.query(surveyDimensionsSql()));
  const itemsPerDimension = new Map(surveyDimensions.map((r) => [r.dimension, r.items]));
  const dimensionNames = surveyDimensions.map((r) => r.dimension);

  // The weights: given > the respondents' own importance > equal.
  let weights: WeightSource;
  let weighting: QualityWeighting;
  const hasImportance = hasImportanceTable && (whole?.with_importance ?? 0) > 0;
  if (request.weights !== undefined && Object.keys(request.weights).length) {
    const matched = matchWeights(request.weights, dimensionNames, notices);
    weights = { kind: 'given', weights: matched };
    weighting = 'given';
    // Whole percentages, written alike in every language.
    const given = matched.map(([d, w]) => `${d} ${pct(w)}`).join(', ');
    notices.unshift(analysisNotice(hasImportance ? 'quality.weighted-given-over-importance' : 'quality.weighted-given', { weights: given }));
  } else if (hasImportance) {
    // Respondents without importance fall back to equal weights, 'unassigned' out as below.
    weights = { kind: 'respondent', withoutUnassigned: dimensionNames.some((d) => d !== UNASSIGNED_DIMENSION) };
    weighting = 'respondent';
    notices.unshift(analysisNotice('quality.weighted-importance'));
  } else {
    // Items no mapping placed are not a dimension the survey meant: they weigh 0 when there are real ones.
    weights = { kind: 'equal', withoutUnassigned: dimensionNames.some((d) => d !== UNASSIGNED_DIMENSION) };
    weighting = 'equal';
    notices.unshift(analysisNotice('quality.weighted-equal'));
  }

  const overallRows = rowsOf<MomentRow & { fallbacks: number }>(await engine.query(overallMomentsSql(all, weights)));
  const weightRows = rowsOf<{ grp: string; dimension: string; weight_sum: number }>(await engine.query(dimensionWeightsSql(all, weights)));
  const overall = overallOf(overallRows, '', weighting);
  const fallbacks = overallRows[0]?.fallbacks ?? 0;
  if (weighting === 'respondent' && fallbacks > 0) {
    const unassignedOut = weights.kind === 'respondent' && weights.withoutUnassigned && dimensionNames.includes(UNASSIGNED_DIMENSION);
    notices.push(
      analysisNotice(unassignedOut ? 'quality.importance-missing-unassigned' : 'quality.importance-missing', { n: fallbacks, respondents: respondentsNotice(respondents) }),
    );
  }
  if (weighting !== 'given' && overall.n < respondents) {
    const left = respondents - overall.n;
    notices.push(analysisNotice('quality.no-dimension-answered', { n: left }));
  }
  if (weighting === 'given' && overall.n < respondents) {
    const left = respondents - overall.n;
    notices.push(analysisNotice('quality.no-weighted-dimension-answered', { n: left }));
  }

  const items: ItemGap[] = sortItemGaps(itemRows.map((r) => ({ ...r, order: r.item_order }))).map((r) => ({
    item: r.item,
    dimension: r.dimension,
    ...gapStat(r),
  }));
  const dimensions = dimensionsOf(dimRows, weightRows, overall.n, itemsPerDimension, '');

  const unassigned = itemsPerDimension.get(UNASSIGNED_DIMENSION) ?? 0;
  if (unassigned > 0) {
    const names = rowsOf<{ item: string }>(await engine.query(itemsOfDimensionSql(UNASSIGNED_DIMENSION))).map((r) => r.item);
    const shown = names.slice(0, 10).join(', ') + (names.length > 10 ? ', ...' : '');
    const alone = dimensionNames.every((d) => d === UNASSIGNED_DIMENSION);
    const code = alone
      ? 'quality.unassigned-items-alone'
      : weighting === 'equal'
        ? 'quality.unassigned-items-equal'
        : weighting === 'given'
          ? 'quality.unassigned-items-given'
          : 'quality.unassigned-items-importance';
    notices.push(analysisNotice(code, { n: unassigned, items: shown }));
  }
  const thin = items.filter((i) => i.n < 2).length;
  if (thin > 0) notices.push(analysisNotice('quality.thin-items', { n: thin }));

  // The splits this survey allows.
  const groupOptions: QualityGroupOption[] = [];
  const linkable = hasOrders && (selection ? surveyHasIds : (linkedRespondents ?? 0) > 0);
  if (linkable) {
    groupOptions.push({ by: 'segment', label: 'RFM segment', groups: 0 }, { by: 'rung', label: 'Ladder rung', groups: 0 });
  }
  let attributes: string[] = [];
  if (hasRespondents) {
    attributes = rowsOf<{ column_name: string }>(await engine.query(respondentAttributeColumnsSql())).map((r) => r.column_name);
    // Question batteries (kano1_1, ipa3_2, total1...) are answers, not who the respondent is.
    const batteries = questionBatteryColumns(attributes);
    const candidates = attributes.filter((a) => !batteries.has(a));
    if (candidates.length) {
      const profiles = rowsOf<{ column_name: string; groups: number; answered: number; largest: number; longest: number }>(
        await engine.query(attributeProfileSql(candidates)),
      ).map((r): AttributeProfile => ({ column: r.column_name, groups: r.groups, answered: r.answered, largest: r.largest, longest: r.longest }));
      const order = new Map(candidates.map((c, i) => [c, i]));
      profiles.sort((a, b) => order.get(a.column)! - order.get(b.column)!);
      for (const a of groupAttributes(profiles)) groupOptions.push({ by: a.column, label: attributeLabel(a.column), groups: a.groups });
    }
  }

  let groups: QualityGapResult['groups'] = null;
  const by = request.by ?? null;
  if (by !== null) {
    let grouping: RespondentGrouping;
    let label: string;
    let segmentOrder: string[] = [];
    if (by === 'segment' || by === 'rung') {
      if (linkedRespondents === null) throw new QualitySplitError(analysisNotice(by === 'segment' ? 'quality.split-segment-no-ids' : 'quality.split-rung-no-ids'));
      if (!hasOrders) throw new QualitySplitError(analysisNotice(by === 'segment' ? 'quality.split-segment-no-orders' : 'quality.split-rung-no-orders'));
      if (by === 'segment') {
        const scoring = currentScoring(engine) ?? (await scoreCustomers(engine));
        segmentOrder = scoring.rules.map((r) => r.name);
        grouping = { kind: 'segment', known };
        label = 'RFM segment';
      } else {
        if (!currentLadder(engine)) await readLadder(engine);
        grouping = { kind: 'rung' };
        label = 'Ladder rung';
      }
    } else {
      if (!attributes.includes(by)) {
        const options = groupOptions.map((o) => o.by);
        throw new QualitySplitError(
          options.length
            ? analysisNotice('quality.split-unknown-attribute-options', { attribute: by, options: options.join(', ') })
            : analysisNotice('quality.split-unknown-attribute', { attribute: by }),
        );
      }
      grouping = { kind: 'attribute', column: by };
      label = attributeLabel(by);
    }
    const groupsSql = restrict(respondentGroupsSql(grouping));
    const sizes = rowsOf<{ grp: string; respondents: number }>(await engine.query(groupSizesSql(groupsSql)));
    const gDims = rowsOf<MomentRow & { dimension: string }>(await engine.query(dimensionMomentsSql(groupsSql)));
    const gOverall = rowsOf<MomentRow & { fallbacks: number }>(await engine.query(overallMomentsSql(groupsSql, weights)));
    const gWeights = rowsOf<{ grp: string; dimension: string; weight_sum: number }>(await engine.query(dimensionWeightsSql(groupsSql, weights)));
    const rank = groupRank(by, segmentOrder);
    const list: QualityGroup[] = sizes
      .map((s) => {
        const o = overallOf(gOverall, s.grp, weighting);
        return {
          group: by === 'rung' && s.grp in RUNG_LABELS ? RUNG_LABELS[s.grp as LadderPlace] : s.grp,
          key: s.grp,
          respondents: s.respondents,
          dimensions: dimensionsOf(gDims, gWeights, o.n, itemsPerDimension, s.grp),
          overall: o,
        };
      })
      .sort((a, b) => {
        const [ra, na] = rank(a.key);
        const [rb, nb] = rank(b.key);
        return ra - rb || (na < nb ? -1 : na > nb ? 1 : 0);
      })
      .map(({ key: _key, ...g }) => g);
    const unlinked = sizes.find((s) => s.grp === NOT_LINKED)?.respondents ?? 0;
    if ((by === 'segment' || by === 'rung') && unlinked > 0) {
      notices.push(analysisNotice('quality.not-linked', { n: unlinked, respondents: respondentsNotice(respondents), group: NOT_LINKED }));
    }
    const noPurchase = sizes.find((s) => s.grp === NO_PURCHASE)?.respondents ?? 0;
    if (by === 'segment' && noPurchase > 0) {
      notices.push(analysisNotice('quality.no-purchase', { n: noPurchase, group: NO_PURCHASE }));
    }
    groups = { by, label, groups: list };
    const option = groupOptions.find((o) => o.by === by);
    if (option) option.groups = list.length;
  }
  // Segment and rung splits not asked for: count their groups (scoring or laddering with the
  // defaults when the dataset has neither yet, as asking for the split would).
  for (const option of groupOptions) {
    if (option.by !== 'segment' && option.by !== 'rung') continue;
    if (groups?.by === option.by) continue;
    if (option.by === 'segment' && !currentScoring(engine)) await scoreCustomers(engine);
    if (option.by === 'rung' && !currentLadder(engine)) await readLadder(engine);
    const grouping: RespondentGrouping = option.by === 'segment' ? { kind: 'segment', known } : { kind: 'rung' };
    option.groups = rowsOf<{ grp: string }>(await engine.query(groupSizesSql(restrict(respondentGroupsSql(grouping))))).length;
  }

  const result = (): QualityGapResult => ({
    scale, respondents, linkedRespondents, items, dimensions, overall, groups, groupOptions,
    messages: notices.map((n) => n.text),
    notices: [...notices],
  });
  if (!request.selected) return result();
  if (!selection) return { ...result(), selection: null, leftOut: { respondents: 0, notLinked: 0 } };
  const [l] = rowsOf<{ left_out: number; not_linked: number }>(await engine.query(qualitySelectionLeftOutSql(known, selection)));
  const leftOut = { respondents: l?.left_out ?? 0, notLinked: l?.not_linked ?? 0 };
  const counted = { respondents: respondentsNotice(respondents), leftOut: respondentsNotice(leftOut.respondents) };
  notices.unshift(
    leftOut.notLinked > 0
      ? analysisNotice('quality.selected-only-not-linked', { ...counted, notLinked: leftOut.notLinked })
      : analysisNotice('quality.selected-only', counted),
  );
  return { ...result(), selection: info, leftOut };
}

import { describe, expect, it } from 'vitest';
import {
  OTHERS,
  parseSegmentRules,
  resolveSegmentRules,
  SEGMENT_PRESETS,
  segmentOf,
  segmentPreset,
  SegmentRulesError,
} from '../../src/analytics/segment-rules.js';
import { segmentCaseSql } from '../../src/data/sql/rfm-sql.js';
import { NOT_YET_A_CUSTOMER } from '../../src/analytics/migration-options.js';

function problems(input: unknown, bins = 5): readonly string[] {
  try {
    parseSegmentRules(input, bins);
  } catch (e) {
    expect(e).toBeInstanceOf(SegmentRulesError);
    return (e as SegmentRulesError).problems;
  }
  throw new Error('expected the rules to be refused');
}

const good = { name: 'Best', r: [4, 5], f: [4, 5], m: [1, 5] };

describe('parseSegmentRules', () => {
  it('accepts JSON text and objects alike, keeping the order', () => {
    const rules = [good, { name: 'Rest', r: [1, 5], f: [1, 5], m: [1, 5] }];
    expect(parseSegmentRules(JSON.stringify(rules))).toEqual(rules);
    expect(parseSegmentRules(rules)).toEqual(rules);
    expect(parseSegmentRules('[]')).toEqual([]);
  });

  it('refuses malformed JSON and anything but a list', () => {
    expect(problems('[{"name": "Best",')[0]).toMatch(/^Segment rules are not valid JSON: /);
    expect(problems('{"name": "Best"}')).toEqual(['Segment rules must be a list of rules, got object']);
    expect(problems(null)).toEqual(['Segment rules must be a list of rules, got null']);
  });

  it('names the rule by position and name in every message', () => {
    expect(problems([good, { ...good, name: 'Odd', colour: 'red' }])).toEqual([
      'rule 2 "Odd": unknown field "colour" (allowed: name, r, f, m)',
    ]);
    expect(problems([{ r: [1, 2], f: [1, 2], m: [1, 2] }])).toEqual(['rule 1 (no name): "name" is missing']);
    expect(problems([{ ...good, name: '  ' }])).toEqual(['rule 1 (no name): "name" must be non-empty text']);
    expect(problems([{ ...good, name: 'Late', r: [4, 2] }])).toEqual(['rule 1 "Late": "r" min 4 is greater than max 2']);
    expect(problems([{ ...good, name: 'Big', m: [1, 6] }])).toEqual(['rule 1 "Big": "m" max 6 is out of range: scores run from 1 to 5']);
    expect(problems([{ ...good, name: 'Zero', f: [0, 2] }])).toEqual(['rule 1 "Zero": "f" min 0 is out of range: scores run from 1 to 5']);
    expect(problems([{ ...good, name: 'Half', f: [1.5, 2] }])).toEqual(['rule 1 "Half": "f" min must be a whole score from 1 to 5, got 1.5']);
    expect(problems([{ name: 'Short', r: [1], f: [1, 2], m: [1, 2] }])).toEqual([
      'rule 1 "Short": "r" must be [min, max], a list of two scores from 1 to 5',
    ]);
    expect(problems([{ name: 'NoM', r: [1, 2], f: [1, 2] }])).toEqual([
      'rule 1 "NoM": "m" is missing (expected [min, max] scores from 1 to 5)',
    ]);
    expect(problems(['Champions'])).toEqual(['rule 1 (no name): must be an object { name, r, f, m }']);
  });

  it('checks scores against the number of bins in use', () => {
    expect(parseSegmentRules([{ ...good, r: [2, 3], f: [1, 3], m: [1, 1] }], 3)).toHaveLength(1);
    expect(problems([good], 3)).toEqual([
      'rule 1 "Best": "r" min 4 is out of range: scores run from 1 to 3',
      'rule 1 "Best": "r" max 5 is out of range: scores run from 1 to 3',
      'rule 1 "Best": "f" min 4 is out of range: scores run from 1 to 3',
      'rule 1 "Best": "f" max 5 is out of range: scores run from 1 to 3',
      'rule 1 "Best": "m" max 5 is out of range: scores run from 1 to 3',
    ]);
  });

  it('refuses duplicate names and the reserved name Others; reports every problem at once', () => {
    const e = problems([good, good, { ...good, name: OTHERS }, { ...good, name: 'Bad', r: [5, 1] }]);
    expect(e).toEqual([
      'rule 2 "Best": duplicate name, already used by rule 1',
      'rule 3 "Others": "Others" is reserved for customers no rule matches',
      'rule 4 "Bad": "r" min 5 is greater than max 1',
    ]);
    expect(() => parseSegmentRules([good, good])).toThrow('rule 2 "Best": duplicate name, already used by rule 1');
    expect(() => parseSegmentRules([good, good, { ...good, name: 'X', r: [2, 1] }])).toThrow(
      /^Invalid segment rules:\n- rule 2 "Best": duplicate name, already used by rule 1\n- rule 3 "X": "r" min 2 is greater than max 1$/,
    );
  });
});

describe('the migration pseudo-segment', () => {
  it('refuses a rule named "Not yet a customer", like Others', () => {
    const good = { name: 'Best', r: [4, 5], f: [4, 5], m: [1, 5] };
    expect(problems([good, { ...good, name: NOT_YET_A_CUSTOMER }])).toEqual([
      'rule 2 "Not yet a customer": "Not yet a customer" is reserved for customers with no purchase yet at a migration\'s start',
    ]);
    expect(() => resolveSegmentRules([{ ...good, name: NOT_YET_A_CUSTOMER }], 5)).toThrow(SegmentRulesError);
    // Only the exact name is reserved.
    expect(parseSegmentRules([{ ...good, name: 'Not yet a customer!' }], 5)).toHaveLength(1);
  });
});

describe('segment presets', () => {
  it('rfm-vignette is the R rfm vignette table, in its order', () => {
    const rules = segmentPreset('rfm-vignette');
    expect(rules.map((r) => r.name)).toEqual([
      'Champions', 'Potential Loyalist', 'Loyal Customers', 'Promising', 'New Customers',
      "Can't Lose Them", 'At Risk', 'Need Attention', 'About To Sleep', 'Lost',
    ]);
    const cols = (k: 'r' | 'f' | 'm', i: 0 | 1) => rules.map((r) => r[k][i]);
    expect(cols('r', 0)).toEqual([5, 3, 2, 3, 4, 1, 1, 1, 2, 1]);
    expect(cols('r', 1)).toEqual([5, 5, 4, 4, 5, 2, 2, 3, 3, 1]);
    expect(cols('f', 0)).toEqual([5, 3, 2, 1, 1, 3, 2, 3, 1, 1]);
    expect(cols('f', 1)).toEqual([5, 5, 4, 3, 3, 4, 5, 5, 3, 5]);
    expect(cols('m', 0)).toEqual([5, 2, 2, 3, 1, 4, 4, 3, 1, 1]);
    expect(cols('m', 1)).toEqual([5, 5, 4, 5, 5, 5, 5, 5, 4, 5]);
    // First match wins: 5-5-5 is Champions although Potential Loyalist covers it too.
    expect(segmentOf(rules, 5, 5, 5)).toBe('Champions');
    expect(segmentOf(rules, 5, 1, 1)).toBe('New Customers');
    // The vignette table has gaps: 5-5-1 matches no rule.
    expect(segmentOf(rules, 5, 5, 1)).toBe(OTHERS);
    expect(segmentOf(rules, 1, 1, 1)).toBe('Lost');
    expect(segmentOf(rules, 2, 5, 1)).toBe(OTHERS);
  });

  it('rf-grid covers every R x F cell exactly once, whatever M', () => {
    const rules = segmentPreset('rf-grid');
    expect(rules.map((r) => r.name)).toEqual([
      'Champions', 'Loyal', 'Potential Loyalists', 'New', 'Promising',
      'Need Attention', 'About to Sleep', 'At Risk', "Can't Lose", 'Hibernating',
    ]);
    for (const rule of rules) expect(rule.m).toEqual([1, 5]);
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        const matching = rules.filter((x) => r >= x.r[0] && r <= x.r[1] && f >= x.f[0] && f <= x.f[1]);
        expect(matching, `cell R${r} F${f}`).toHaveLength(1);
      }
    }
    expect(segmentOf(rules, 5, 5, 1)).toBe('Champions');
    expect(segmentOf(rules, 1, 1, 5)).toBe('Hibernating');
    expect(segmentOf(rules, 1, 5, 3)).toBe("Can't Lose");
    expect(segmentOf(rules, 5, 1, 3)).toBe('New');
  });

  it('presets validate, are copies, and refuse other bin counts or unknown names', () => {
    for (const name of Object.keys(SEGMENT_PRESETS)) {
      expect(parseSegmentRules(segmentPreset(name))).toEqual(segmentPreset(name));
    }
    const a = segmentPreset('rf-grid');
    (a[0] as { r: number[] }).r[0] = 1;
    expect(segmentPreset('rf-grid')[0]?.r).toEqual([5, 5]);
    expect(() => segmentPreset('rfm-vignette', 3)).toThrow('Segment preset "rfm-vignette" is written for 5 scores, not 3: give your own rules for 3 bins');
    expect(() => segmentPreset('vip')).toThrow('Unknown segment preset "vip" (known: rfm-vignette, rf-grid)');
  });

  it('resolveSegmentRules: default preset for 5 bins, none otherwise; names, JSON text or objects', () => {
    expect(resolveSegmentRules(undefined, 5)).toEqual(segmentPreset('rfm-vignette'));
    expect(resolveSegmentRules(undefined, 3)).toEqual([]);
    expect(resolveSegmentRules('rf-grid', 5)).toEqual(segmentPreset('rf-grid'));
    expect(resolveSegmentRules(' [{"name":"A","r":[1,3],"f":[1,3],"m":[1,3]}]', 3)).toEqual([{ name: 'A', r: [1, 3], f: [1, 3], m: [1, 3] }]);
  });
});

describe('segmentCaseSql', () => {
  it('turns rules into one CASE, first match wins, names as quoted literals', () => {
    const sql = segmentCaseSql([
      { name: "Can't Lose", r: [1, 2], f: [5, 5], m: [1, 5] },
      { name: 'Rest', r: [1, 5], f: [1, 5], m: [1, 5] },
    ]);
    expect(sql).toBe(
      "CASE WHEN r_score BETWEEN 1 AND 2 AND f_score BETWEEN 5 AND 5 AND m_score BETWEEN 1 AND 5 THEN 'Can''t Lose' " +
        "WHEN r_score BETWEEN 1 AND 5 AND f_score BETWEEN 1 AND 5 AND m_score BETWEEN 1 AND 5 THEN 'Rest' ELSE 'Others' END",
    );
    expect(segmentCaseSql([])).toBe("'Others'");
  });
});

import { describe, expect, it } from 'vitest';
import { headerPairFamilies, pairFamiliesOfHeader, TERSE_FAMILY } from '../../src/data/ingest/detect-survey.js';

const numbered = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => [`${prefix}${i + 1}_1`, `${prefix}${i + 1}_2`]).flat();

describe('pairFamiliesOfHeader', () => {
  it('orders a kiosk-like header by how SERVQUAL-like the prefix is: sq, then ipa, then kano (known not to be gap scores)', () => {
    const header = ['sex', 'age', 'frequency', ...numbered('sq', 24), ...numbered('kano', 29), ...numbered('ipa', 24), 'total1', 'total2'];
    expect(pairFamiliesOfHeader(header)).toEqual(['sq', 'ipa', 'kano']);
    const sq = headerPairFamilies(header)[0]!;
    expect(sq.pairs).toHaveLength(24);
    expect(sq.pairs[0]).toEqual({ item: '1', expectation: 'sq1_1', perception: 'sq1_2' });
    expect(sq.pairs[23]!.perception).toBe('sq24_2');
  });

  it('keeps column order among prefixes of the same rank', () => {
    expect(pairFamiliesOfHeader(['id', ...numbered('abc', 2), ...numbered('xyz', 2)])).toEqual(['abc', 'xyz']);
    expect(pairFamiliesOfHeader(['id', ...numbered('xyz', 2), ...numbered('abc', 2)])).toEqual(['xyz', 'abc']);
    // A SERVQUAL-named prefix wins wherever it stands.
    expect(pairFamiliesOfHeader([...numbered('ipa', 2), ...numbered('kano', 2), ...numbered('servqual', 2)])).toEqual(['servqual', 'ipa', 'kano']);
  });

  it('reads the terse E1/P1 coding as one family (two pairs at least)', () => {
    expect(pairFamiliesOfHeader(['respondent', 'E1', 'P1', 'E2', 'P2', 'E3', 'P3'])).toEqual([TERSE_FAMILY]);
    expect(headerPairFamilies(['E1', 'P1', 'E2', 'P2'])[0]!.pairs).toEqual([
      { item: '1', expectation: 'E1', perception: 'P1' },
      { item: '2', expectation: 'E2', perception: 'P2' },
    ]);
    // One E1/P1 pair alone could be anything.
    expect(pairFamiliesOfHeader(['respondent', 'E1', 'P1'])).toEqual([]);
  });

  it('reads Q1E/Q1P and q1_exp/q1_perc as family q', () => {
    expect(pairFamiliesOfHeader(['id', 'Q1E', 'Q1P', 'Q2E', 'Q2P'])).toEqual(['q']);
    const q = headerPairFamilies(['id', 'q1_exp', 'q1_perc', 'q2_exp', 'q2_perc', 'q3_exp', 'q3_perc']);
    expect(q.map((f) => f.family)).toEqual(['q']);
    expect(q[0]!.pairs.map((p) => [p.expectation, p.perception])).toEqual([
      ['q1_exp', 'q1_perc'],
      ['q2_exp', 'q2_perc'],
      ['q3_exp', 'q3_perc'],
    ]);
  });

  it('puts word-named pairs after SERVQUAL prefixes and before other prefixes; a long header has none', () => {
    expect(pairFamiliesOfHeader([...numbered('ipa', 2), 'E_reliability', 'P_reliability', 'E_empathy', 'P_empathy', ...numbered('sq', 2)])).toEqual(['sq', 'named', 'ipa']);
    expect(pairFamiliesOfHeader(['respondent', 'item', 'expectation', 'perception'])).toEqual([]);
    expect(pairFamiliesOfHeader([])).toEqual([]);
  });
});

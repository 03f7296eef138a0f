import { describe, expect, it } from 'vitest';
import { noticesOf, isNotice } from '../../src/analytics/notice.js';
import { NOTICE_CATALOGS, noticeText } from '../../src/components/base/notices/index.js';
import { LANGUAGES, loadLanguage } from '../../src/components/base/i18n.js';

// The translations are language packs loaded on demand: load them all, as an element would its own.
await Promise.all(LANGUAGES.map(loadLanguage));

describe('notices', () => {
  const notice = noticesOf({
    'test.rows': { one: '{n} row of {file} was rejected', other: '{n} rows of {file} were rejected' },
    'test.wrapped': 'The load stopped: {why}',
  });

  it('are worded in English from their catalog, numbers formatted, plurals chosen', () => {
    const n = notice('test.rows', { n: 1234, file: 'orders.csv' });
    expect(n).toEqual({ code: 'test.rows', params: { n: 1234, file: 'orders.csv' }, text: '1,234 rows of orders.csv were rejected' });
    expect(notice('test.rows', { n: 1, file: 'a.csv' }).text).toBe('1 row of a.csv was rejected');
    expect(isNotice(n)).toBe(true);
    expect(isNotice({ code: 'x' })).toBe(false);
  });

  it('nest: a notice inside another reads as its text', () => {
    const inner = notice('test.rows', { n: 2, file: 'b.csv' });
    expect(notice('test.wrapped', { why: inner }).text).toBe('The load stopped: 2 rows of b.csv were rejected');
  });

  it('an unknown code or plain text is shown as it is', () => {
    expect(noticeText(notice('test.rows', { n: 2, file: 'b.csv' }), 'pt', 'pt-PT')).toBe('2 rows of b.csv were rejected');
    expect(noticeText('as written', 'fr')).toBe('as written');
    expect(noticeText(null, 'fr')).toBe('');
  });

  it('every code belongs to one catalog only', () => {
    const seen = new Map<string, number>();
    NOTICE_CATALOGS.forEach((catalog, i) => {
      for (const code of Object.keys(catalog.en)) {
        expect(seen.has(code), `${code} is in catalogs ${seen.get(code)} and ${i}`).toBe(false);
        seen.set(code, i);
      }
    });
  });

  it('translate every notice of a catalog, notices inside translated too', () => {
    for (const catalog of NOTICE_CATALOGS) {
      for (const code of Object.keys(catalog.en)) {
        const english = noticeText({ code, params: {}, text: 'x' }, 'en');
        const french = noticeText({ code, params: {}, text: 'x' }, 'fr');
        expect(french, code).not.toBe('');
        expect(english, code).not.toBe('x');
      }
    }
  });
});

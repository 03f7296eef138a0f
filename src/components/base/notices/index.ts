import { isNotice, type Notice } from '../../../analytics/notice.js';
import type { MessageParams } from '../../../analytics/message-format.js';
import { formatMessage, type Catalog, type Language } from '../i18n.js';
import { ingestNotices } from './ingest.js';
import { feedbackSurveyNotices } from './feedback-survey.js';
import { ladderNotices } from './ladder.js';
import { analysisNotices } from './analysis.js';
import { clvNotices } from './clv.js';

/**
 * Every catalog of notices (what the loader and the analytics tell the reader), by area. Each
 * area's English wording lives in the data layer, which words its notices with it; the other
 * languages are in the language packs (components/i18n/<lang>.ts), filled in when a language is
 * loaded (`loadLanguage`). A code belongs to one catalog only (test/unit/notices.test.ts).
 */
export const NOTICE_CATALOGS: readonly Catalog<string>[] = [ingestNotices, feedbackSurveyNotices, ladderNotices, analysisNotices, clvNotices];

const byCode = new Map<string, Catalog<string>>();
for (const catalog of NOTICE_CATALOGS) for (const code of Object.keys(catalog.en)) byCode.set(code, catalog);

/**
 * A notice in `lang` (numbers formatted for `tag`), notices inside it translated too. A notice
 * whose code no catalog knows, and plain text, are shown as they are (English); so is every
 * notice while `lang` is not loaded yet (await `loadLanguage(lang)` first; elements do).
 */
export function noticeText(notice: Notice | string | null | undefined, lang: Language, tag?: string): string {
  if (notice === null || notice === undefined) return '';
  if (typeof notice === 'string') return notice;
  const catalog = byCode.get(notice.code);
  const message = catalog?.[lang][notice.code] ?? catalog?.en[notice.code];
  if (message === undefined) return notice.text;
  const params: Record<string, MessageParams[string]> = {};
  for (const [name, value] of Object.entries(notice.params)) {
    params[name] = typeof value === 'object' && value !== null && 'code' in value ? noticeText(value as Notice, lang, tag) : value;
  }
  return formatMessage(message, lang, params, tag);
}

/**
 * What an error says, in `lang`: its `notice` translated when it carries one (the loader's and
 * the analytics' errors do), else its message as it is.
 */
export function errorText(error: unknown, lang: Language, tag?: string): string {
  if (error && typeof error === 'object' && 'notice' in error && isNotice((error as { notice: unknown }).notice)) {
    return noticeText((error as { notice: Notice }).notice, lang, tag);
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * A result's sentences in `lang`: its notices translated when it carries one per English text
 * (as the loader and the analytics give them), else the texts as given (a result built by hand,
 * or by an older version).
 */
export function noticesOrTexts(notices: readonly Notice[] | undefined, texts: readonly string[], lang: Language, tag?: string): readonly string[] {
  return notices && notices.length === texts.length ? notices.map((n) => noticeText(n, lang, tag)) : texts;
}

import type { Messages } from '../../analytics/message-format.js';
import { noticesOf, type Notice } from '../../analytics/notice.js';

/**
 * The English of why a chart could not be exported (chart-export.ts). The interface translates
 * them by code (notices/analysis.ts); `chartToSvg` / `chartToPng` callers outside it read the
 * English message. The `chartToSvg:` / `chartToPng:` prefix says which function failed to a
 * developer reading a console; the translations, written for the reader, leave it out.
 */
export const CHART_EXPORT_NOTICES = {
  'chart-export.not-shown': 'chartToSvg: the element is not in the page; export a chart that is shown.',
  'chart-export.no-size': 'chartToSvg: the element has no size (is it hidden?); export a chart that is shown.',
  'chart-export.timeout': 'chartToPng: the browser did not draw the chart within {seconds} s.',
  'chart-export.svg-not-drawn': "chartToPng: the browser could not draw the chart's SVG as an image (the SVG could not be drawn). SVG export may still work.",
  'chart-export.csp-blocked':
    "chartToPng: the page's CSP (img-src) blocked data: images, and painting the chart on a canvas without one failed too. To export PNG, the Content-Security-Policy's img-src must allow data: URLs (e.g. img-src 'self' data:). SVG export works without it.",
  'chart-export.csp-blocked-policy':
    "chartToPng: the page's CSP (img-src) blocked data: images, and painting the chart on a canvas without one failed too. To export PNG, the Content-Security-Policy's img-src must allow data: URLs (e.g. img-src 'self' data:). SVG export works without it. Policy: {policy}",
  'chart-export.no-canvas': 'chartToPng: this browser has no 2D canvas to draw on.',
  'chart-export.not-encoded': 'chartToPng: the browser could not encode the PNG (is the chart too large?).',
  'chart-export.canvas-unreadable': 'chartToPng: the canvas could not be read ({reason}).',
} as const satisfies Messages<string>;

export type ChartExportNoticeCode = keyof typeof CHART_EXPORT_NOTICES;

const chartExportNotice = noticesOf(CHART_EXPORT_NOTICES);

/** Why a chart could not be exported: an Error whose message is the English and whose `notice` the interface translates. */
export interface ChartExportError extends Error {
  readonly notice: Notice<ChartExportNoticeCode>;
}

/** A ChartExportError for `code`. */
export function chartExportError(code: ChartExportNoticeCode, params?: Notice['params']): ChartExportError {
  const notice = chartExportNotice(code, params);
  return Object.assign(new Error(notice.text), { notice });
}

import { DEFAULT_BINS } from '../../analytics/rfm-options.js';
import { DEFAULT_SEGMENT_PRESET } from '../../analytics/segment-rules.js';
import type { AnalysisSettings } from '../events.js';

// The settings panel's bounds and defaults, apart from the element: rapport.js exports them
// without the panel's code, which comes with the other sections (components/sections.ts).

/** Fewest and most scores per measure the panel offers (the segment palette has ten colours). */
export const SETTINGS_MIN_BINS = 2;
export const SETTINGS_MAX_BINS = 10;

/** The defaults, as the dashboard has them when an attribute is not set. */
export const DEFAULT_ANALYSIS_SETTINGS: Readonly<AnalysisSettings> = Object.freeze({
  analysisDate: null,
  bins: DEFAULT_BINS,
  method: 'quantile',
  preset: DEFAULT_SEGMENT_PRESET,
  inactiveAfter: null,
  valueStandard: null,
});

import type { LadderPlace } from '../../analytics/ladder.js';
import { defineCatalog, translate, type Language } from './i18n.js';

/**
 * Words several elements share: the rungs of the ladder, customer types, feedback kinds,
 * SERVQUAL dimensions, the preset segment names and a few controls.
 */
export const commonMessages = defineCatalog('common', {
  'rung.prospect': 'Prospect',
  'rung.customer': 'Customer',
  'rung.client': 'Client',
  'rung.supporter': 'Supporter',
  'rung.advocate': 'Advocate',
  'rung.partner': 'Partner',
  'rung.lapsed': 'Lapsed',
  'type.active': 'Active',
  'type.inactive': 'Inactive',
  'type.potential': 'Potential',
  'kind.complaint': 'Complaint',
  'kind.suggestion': 'Suggestion',
  'kind.compliment': 'Compliment',
  'kinds.complaint': 'Complaints',
  'kinds.suggestion': 'Suggestions',
  'kinds.compliment': 'Compliments',
  'dimension.tangibles': 'Tangibles',
  'dimension.reliability': 'Reliability',
  'dimension.responsiveness': 'Responsiveness',
  'dimension.assurance': 'Assurance',
  'dimension.empathy': 'Empathy',
  'dimension.unassigned': 'Unassigned',
  'segment.Champions': 'Champions',
  'segment.Potential Loyalist': 'Potential Loyalist',
  'segment.Potential Loyalists': 'Potential Loyalists',
  'segment.Loyal Customers': 'Loyal Customers',
  'segment.Loyal': 'Loyal',
  'segment.Promising': 'Promising',
  'segment.New Customers': 'New Customers',
  'segment.New': 'New',
  "segment.Can't Lose Them": "Can't Lose Them",
  "segment.Can't Lose": "Can't Lose",
  'segment.At Risk': 'At Risk',
  'segment.Need Attention': 'Need Attention',
  'segment.About To Sleep': 'About To Sleep',
  'segment.About to Sleep': 'About to Sleep',
  'segment.Lost': 'Lost',
  'segment.Hibernating': 'Hibernating',
  'segment.Others': 'Others',
  'segment.Not yet a customer': 'Not yet a customer',
  'action.show-table': 'Show as table',
  'action.show-chart': 'Show as chart',
  'action.download-csv': 'Download CSV',
  'action.clear': 'Clear',
  'word.customers': { one: '{n} customer', other: '{n} customers' },
});

type CommonKey = keyof (typeof commonMessages)['en'];
const has = (key: string): key is CommonKey => Object.prototype.hasOwnProperty.call(commonMessages.en, key);

/** A segment's name to show: the preset names are translated; a team's own names are shown as written. */
export function segmentLabel(lang: Language, name: string): string {
  const key = `segment.${name}`;
  return has(key) ? translate(commonMessages, lang, key) : name;
}

/** A rung's (or `lapsed`) name in `lang`. */
export function rungLabel(lang: Language, place: LadderPlace): string {
  const key = `rung.${place}`;
  return has(key) ? translate(commonMessages, lang, key) : place;
}

/** A SERVQUAL dimension's name in `lang`; the survey's own dimension names are shown as written. */
export function dimensionLabel(lang: Language, dimension: string): string {
  const key = `dimension.${dimension.toLowerCase()}`;
  return has(key) ? translate(commonMessages, lang, key) : dimension;
}

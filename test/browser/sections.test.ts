import { expect } from '@open-wc/testing';
import { RapportDashboard, loadSections } from '../../src/index.js';

/** Every section tag and the name of its class in the sections' module. */
const SECTIONS = {
  'rapport-headline': 'RapportHeadline',
  'rapport-customer-table': 'RapportCustomerTable',
  'rapport-survey-form': 'RapportSurveyForm',
  'rapport-segments': 'RapportSegments',
  'rapport-pareto': 'RapportPareto',
  'rapport-migration': 'RapportMigration',
  'rapport-cohorts': 'RapportCohorts',
  'rapport-clv': 'RapportClv',
  'rapport-ladder': 'RapportLadder',
  'rapport-quality-gap': 'RapportQualityGap',
  'rapport-voice': 'RapportVoice',
  'rapport-customer-detail': 'RapportCustomerDetail',
  'rapport-settings': 'RapportSettings',
} as const;

describe('the sections, a chunk rapport.js fetches by itself', () => {
  it('rapport.js defines the elements shown before any data at once', () => {
    for (const tag of ['rapport-dashboard', 'rapport-data', 'rapport-drop-zone', 'rapport-load-report', 'rapport-mapping-form']) {
      expect(customElements.get(tag), tag).to.be.a('function');
    }
    expect(customElements.get('rapport-dashboard')).to.equal(RapportDashboard);
  });

  it('loadSections resolves once every section tag is defined, with their classes, fetched once', async () => {
    const first = loadSections();
    expect(loadSections()).to.equal(first);
    const sections = await first;
    for (const [tag, name] of Object.entries(SECTIONS)) {
      expect(customElements.get(tag), tag).to.be.a('function');
      expect(customElements.get(tag), tag).to.equal(sections[name]);
    }
    expect(sections.historyLayout).to.be.a('function');
  });

  it('a section made before its definition, its property set then, is upgraded in the page with that property', async () => {
    // An element made in an inert document (a template's) is not upgraded, as one in the page is
    // not while the sections' chunk is on its way.
    const inert = document.createElement('template').content.ownerDocument;
    const el = inert.createElement('rapport-headline') as HTMLElement & { headline: unknown };
    const { RapportHeadline } = await loadSections();
    expect(el).not.to.be.instanceOf(RapportHeadline);
    el.headline = { customers: 1234, orders: 5678, revenue: 9876.5, averageOrderValue: 12.5, repeatRate: 0.42, firstOrder: '2024-01-05', lastOrder: '2024-12-30' };
    document.body.append(document.adoptNode(el));
    expect(el).to.be.instanceOf(RapportHeadline);
    await (el as InstanceType<typeof RapportHeadline>).updateComplete;
    expect(el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '').to.contain('1,234');
    el.remove();
  });
});

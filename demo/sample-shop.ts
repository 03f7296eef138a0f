import type { RapportDashboard } from '../src/components/dashboard/rapport-dashboard.js';
import { sampleCustomersCsv, sampleFeedbackCsv, sampleOrdersCsv } from '../src/sample/sample-orders.js';
import { sampleSurveyCsv } from '../src/sample/sample-survey.js';

/**
 * Loads the generated sample shop into a dashboard once the element is defined: its customer
 * list with prospects, its feedback, its SERVQUAL survey, then its orders. Used by the analyst
 * and theming pages; dropping a file later replaces the part it is.
 */
export function loadSampleShop(dashboard: RapportDashboard): Promise<void> {
  return customElements.whenDefined('rapport-dashboard').then(async () => {
    const file = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
    await dashboard.loadCustomerList(file('sample-customers.csv', sampleCustomersCsv()));
    await dashboard.loadFeedbackFile(file('sample-feedback.csv', sampleFeedbackCsv()));
    await dashboard.loadSurveyFile(file('sample-survey.csv', sampleSurveyCsv()));
    await dashboard.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
  });
}

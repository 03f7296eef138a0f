import '../src/index.js';
import { sampleCustomersCsv, sampleFeedbackCsv, sampleOrdersCsv } from '../src/sample/sample-orders.js';
import { sampleSurveyCsv } from '../src/sample/sample-survey.js';

// The analyst page opens on the generated sample shop (its customer list with prospects, its
// feedback, its SERVQUAL survey and its orders); dropping a file replaces the part it is.
const dashboard = document.querySelector('rapport-dashboard');
if (dashboard) {
  void customElements.whenDefined('rapport-dashboard').then(async () => {
    const file = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
    await dashboard.loadCustomerList(file('sample-customers.csv', sampleCustomersCsv()));
    await dashboard.loadFeedbackFile(file('sample-feedback.csv', sampleFeedbackCsv()));
    await dashboard.loadSurveyFile(file('sample-survey.csv', sampleSurveyCsv()));
    await dashboard.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
  });
}

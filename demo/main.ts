import '../src/index.js';
import { sampleOrdersCsv } from '../src/sample/sample-orders.js';

// The analyst page opens on the generated sample shop; dropping a file replaces it.
const dashboard = document.querySelector('rapport-dashboard');
if (dashboard) {
  void customElements.whenDefined('rapport-dashboard').then(() =>
    dashboard.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) }),
  );
}

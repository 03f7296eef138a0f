/**
 * The data layer as the elements load it: the dataset, the browser engine and the customer-value
 * model's worker runner, in one module that `DatasetSource` fetches (a dynamic import) the first
 * time an element needs data. A page that includes rapport.js downloads the elements first;
 * this, with Arrow and the SQL, follows while the engine starts.
 */
export { Dataset } from './dataset.js';
export { createBrowserEngine } from './engine/browser-engine.js';
export { workerClvRunner } from './clv-runner.js';
// How the dashboard sorts dropped files (orders, customer lists, feedback, surveys) by name and header.
export { headerCells, isCustomerListName, isFeedbackFile, isSurveyFile } from './ingest/detect-format.js';

// Debian's Chromium, headless, as root, with no network: the one set of launch settings used
// by the browser tests, the end-to-end tests, the benchmark and the screenshot script.
// Never a browser downloaded by a test tool: that cannot work offline.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Usage: node scripts/screenshot.mjs URL OUT.png [width] [height]
// Opens a page in Debian's headless Chromium, waits for the dashboard to finish, saves a PNG.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const [url, out, width = '1200', height = '1400'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
const log = [];
page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
page.on('request', (r) => { if (!r.url().startsWith(new URL(url).origin)) log.push(`OFF-ORIGIN REQUEST: ${r.url()}`); });
await page.goto(url);
await page.waitForFunction(() => {
  const d = document.querySelector('rapport-dashboard');
  // The segment charts come last: once they are there, the customer table has its scores too.
  return d?.shadowRoot?.querySelector('rapport-segments') || d?.shadowRoot?.querySelector('[role=alert]');
}, null, { timeout: 60_000 }).catch((e) => log.push(`wait: ${e.message}`));
await page.waitForTimeout(500);
// Not fullPage: resizing the viewport for the capture makes the virtualised table re-measure mid-shot.
await page.screenshot({ path: out });
console.log(log.join('\n'));
await browser.close();
